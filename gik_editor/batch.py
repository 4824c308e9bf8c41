"""Check every report in a folder: the 政务公开办 of a county collects hundreds each January."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import storage
from .filetypes import SUFFIXES
from .findings import ERROR, SEVERITY_ZH, WARNING, Finding, describe_location
from .report import Report
from .rules import check
from .similarity import ALIKE_SHARE, MIN_RUN, body_text, normalized, shared_share

MAX_FILES = 100_000
# The editor's own files and every file a report can be imported from.
FOLDER_SUFFIXES = (storage.SUFFIX, *SUFFIXES)


@dataclass
class BatchResult:
    file: str
    organ: str = ""
    year: int = 0
    errors: int = 0
    warnings: int = 0
    rules: tuple[str, ...] = ()       # ids of the error rules, for a quick look
    unusable: str = ""                # the Chinese message when the file cannot be read
    findings: tuple[tuple[str, str, str, str], ...] = ()     # (级别, 规则, 位置, 说明), worst first
    reviewed: tuple[tuple[str, str, str, str, str], ...] = ()  # marked 已核对: (级别, 规则, 位置, 说明, 理由)
    text: str = field(default="", repr=False, compare=False)  # the report's own words, for D8 between units

    def line(self) -> str:
        if self.unusable:
            return f"无法读取 {self.file}：{self.unusable}"
        status = "有错误" if self.errors else "通过"
        rules = f"（{'、'.join(self.rules)}）" if self.rules else ""
        return f"{status} {self.file} {self.organ} {self.year}年度：{self.errors}个错误{rules}，{self.warnings}个警告"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "organ": self.organ, "year": self.year, "errors": self.errors,
                "warnings": self.warnings, "rules": list(self.rules), "unusable": self.unusable or None}


def check_file(path: Path, details: bool = False) -> BatchResult:
    """The check of a .gik file, or of any other report the importers read (last year's Word file, web page …)."""
    try:
        if path.suffix.lower() == storage.SUFFIX:
            report = storage.load(path)
        else:
            from .importers import read_any  # lazy: a folder of .gik files needs no importer
            from .importers.published_parser import EMPTY_TABLES
            result = read_any(path)
            if EMPTY_TABLES in result.log:         # blank tables must not pass as "0个错误"
                return BatchResult(str(path), result.report.meta.organ_name, result.report.meta.year,
                                   unusable="没有读出任何统计表的数字（表格无法识别），请核对原文件。")
            report = result.report
    except storage.GikFileError as e:
        return BatchResult(str(path), unusable=str(e))
    return result_for(report, str(path), details)


def result_for(report: Report, file: str, details: bool = True) -> BatchResult:
    """The check of one report, as a row of the results (`file`: how the row names it); with `details`, every
    finding in words (only the workbook lists them: a thousand reports' worth costs a tenth of the check)."""
    everything = check(report)
    findings = [f for f in everything if not f.reviewed]       # a finding marked 已核对 is not counted
    errors = [f for f in findings if f.severity == ERROR]

    def row(f: Finding) -> tuple[str, str, str, str]:
        return SEVERITY_ZH[f.severity], f.rule, describe_location(report, f.cells[0] if f.cells else ""), f.message
    listed = tuple(row(f) for f in findings) if details else ()
    reviewed = tuple((*row(f), f.reason) for f in everything if f.reviewed) if details else ()
    return BatchResult(file, report.meta.organ_name, report.meta.year, len(errors),
                       sum(f.severity == WARNING for f in findings),
                       tuple(dict.fromkeys(f.rule for f in errors)), findings=listed, reviewed=reviewed,
                       text=normalized(body_text(report)))


def check_folder(folder: Path, details: bool = False, skip: Path | None = None) -> list[BatchResult]:
    """Every report file under `folder` checked (`skip`: the results workbook being written there)."""
    if not folder.is_dir():
        raise storage.GikFileError(f"“{folder}”不是文件夹。")
    skip = skip.resolve() if skip else None
    files = sorted(p for p in folder.rglob("*") if _is_report_file(p) and p.resolve() != skip)[:MAX_FILES]
    return alike_units([check_file(p, details) for p in files], details)


MIN_UNIT_TEXT = 200          # characters: short texts are alike in any two reports
SAMPLE_EVERY = 8             # one 10-character run in 8 is indexed to find the pairs worth comparing


def alike_units(results: list[BatchResult], details: bool = False) -> list[BatchResult]:
    """D8 between units: a report whose text stands by more than half in another unit's report of the same
    year (内容雷同 between organs) gets a warning naming that unit. Pairs are found through an index of a
    sample of their 10-character runs, so a county's thousand reports are not compared pair by pair."""
    index: dict[tuple[int, str], set[int]] = {}
    for i, r in enumerate(results):
        if r.unusable or len(r.text) < MIN_UNIT_TEXT:
            continue
        text = r.text
        # A run is sampled by its first character (the same run is sampled in every text that has it).
        for j in [j for j, c in enumerate(text[:len(text) - MIN_RUN + 1]) if ord(c) % SAMPLE_EVERY == 0]:
            index.setdefault((r.year, text[j:j + MIN_RUN]), set()).add(i)
    shared: dict[tuple[int, int], int] = {}
    for holders in index.values():
        if 1 < len(holders) <= 50:          # a run in every report is a stock phrase
            for a in holders:
                for b in holders:
                    if a != b:
                        shared[(a, b)] = shared.get((a, b), 0) + 1
    out = list(results)
    for (a, b), n in sorted(shared.items()):
        mine, theirs = results[a], results[b]
        if n * SAMPLE_EVERY * MIN_RUN < len(mine.text) * ALIKE_SHARE / 2:
            continue                        # too few runs in common to be half the text
        share = shared_share(mine.text, theirs.text)
        if share <= ALIKE_SHARE:
            continue
        other = theirs.organ or Path(theirs.file).name
        message = (f"正文有{share:.0%}与{other}的报告（{theirs.file}）相同（连续{MIN_RUN}字以上相同的部分），"
                   f"超过一半，属评估中扣分的“与其他单位报告雷同”。请按本单位的实际工作改写。")
        row = (SEVERITY_ZH[WARNING], "D8", "", message)
        out[a] = replace(out[a], warnings=out[a].warnings + 1,
                         findings=out[a].findings + (row,) if details else out[a].findings)
    return out


def _is_report_file(path: Path) -> bool:
    # "~$报告.docx" is the lock file Word and Excel leave beside an open document, not a report.
    return (path.suffix.lower() in FOLDER_SUFFIXES and not path.name.startswith(("~$", ".~"))
            and path.is_file())


def summary_line(results: list[BatchResult]) -> str:
    unusable = sum(bool(r.unusable) for r in results)
    with_errors = sum(r.errors > 0 for r in results)
    ok = len(results) - unusable - with_errors
    return f"共{len(results)}份报告：{ok}份通过，{with_errors}份有错误，{unusable}份无法读取。"
