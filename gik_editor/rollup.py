"""The county office's roll-up: read the units' reports, pair them with the roster, check them, sum them.

The 综合 report's tables 二, 三 and 四 are the units' cells added one by one (H1 of reference/format.md §4.7):
a cell stays blank only where every unit left it blank, money adds as decimals. Reports of the year's older
format are migrated first and keep their review notes; reports of another year are refused by name. The new
report is marked as a roll-up with the list of the reports that went in (and a SHA-256 of each file).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from . import storage
from .batch import BatchResult, _is_report_file, result_for
from .edits import SetCells
from .findings import INFO, WARNING, Finding
from .formats import CellKind, Format, format_for_year, get_format
from .report import Report, RollUp, UnitSource, Value, format_value, new_report
from .roster import Pairing, pair
from .similarity import MIN_RUN
from .storage import GikFileError
from .totals import all_values

MAX_FILES = 100_000
# Statuses of a unit, as the office's workbook and window name them.
NOT_SUBMITTED, UNREADABLE, HAS_ERRORS, HAS_WARNINGS, CHECKED = "未提交", "无法读取", "有错误", "有警告", "已核对"
STATUSES = ("已提交", NOT_SUBMITTED, HAS_ERRORS, HAS_WARNINGS, CHECKED)


class RollupCancelled(Exception):
    """The user stopped the reading (the window's 取消)."""


Progress = Callable[[int, int, str], bool]     # (files read, files in all, the file now) → False to stop


@dataclass
class Unit:
    """One unit of the roll-up: its name, its report (if it sent one) and what the check found in it."""
    name: str
    file: str = ""                     # the report's path as found in the folder ("" when none)
    report: Report | None = None
    sha256: str = ""
    unusable: str = ""                 # why its file cannot be read
    check: BatchResult | None = None
    alike: list[tuple[str, float]] = field(default_factory=list)   # (other unit, share of this text in theirs)
    alike_more: int = 0                # units alike beyond those named in `alike`
    migrated: bool = False

    @property
    def errors(self) -> int:
        return self.check.errors if self.check else 0

    @property
    def warnings(self) -> int:
        return (self.check.warnings if self.check else 0) + len(self.alike) + bool(self.alike_more)

    @property
    def status(self) -> str:
        if not self.file:
            return NOT_SUBMITTED
        if self.unusable:
            return UNREADABLE
        return HAS_ERRORS if self.errors else HAS_WARNINGS if self.warnings else CHECKED

    def findings(self) -> list[tuple[str, str, str, str]]:
        """(级别, 规则, 位置, 说明) of everything the office sends back to this unit."""
        if not self.file:
            return [("错误", "", "", "未提交报告。")]
        if self.unusable:
            return [("错误", "", "", f"报告文件无法读取：{self.unusable}")]
        out = list(self.check.findings if self.check else ())
        out += [("警告", "D8", "正文", f"本报告正文有{share:.0%}与{other}报告雷同（连续{MIN_RUN}字以上相同的部分，"
                 f"不计标点），评估中会扣分。请按本单位的实际工作改写。")
                for other, share in self.alike]
        if self.alike_more:
            out.append(("警告", "D8", "正文", f"另有{self.alike_more}个单位的报告也与本报告雷同。请按本单位的实际工作改写。"))
        if self.report is not None and self.migrated:
            out += [("提示", "格式", where, note) for where, note in _review_lines(self.report)]
        return out


@dataclass
class Rollup:
    """Everything the roll-up of one folder found."""
    year: int
    format_id: str
    units: list[Unit]                          # in roster order (or file order without a roster)
    strays: list[Unit] = field(default_factory=list)     # reports that match no unit of the roster (not summed)
    fuzzy: list[tuple[str, str]] = field(default_factory=list)   # (roster name, organ of the report) paired by likeness
    skipped: list[str] = field(default_factory=list)    # roll-up reports found in the folder, not summed
    duplicates: list[list[str]] = field(default_factory=list)   # files whose reports name the same organ
    total: Report | None = None

    @property
    def format(self) -> Format:
        return get_format(self.format_id)

    def summed(self) -> list[Unit]:
        return [u for u in self.units if u.report is not None]

    def missing(self) -> list[str]:
        return [u.name for u in self.units if not u.file]


# ---- reading --------------------------------------------------------------------------------

def report_files(folder: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """The report files in `folder` and below, without the files the roll-up itself writes or reads besides."""
    if not folder.is_dir():
        raise GikFileError(f"“{folder}”不是文件夹。")
    left_out = {p.resolve() for p in skip}
    return sorted(p for p in folder.rglob("*") if _is_report_file(p) and p.resolve() not in left_out)[:MAX_FILES]


def read_unit(path: Path) -> Unit:
    """A unit report file as a Unit named by its organ; an unreadable file is a Unit with `unusable` set."""
    unit = Unit(name=path.stem, file=str(path))
    try:
        data = storage.read_limited(path, storage.MAX_FILE_BYTES, "文件过大。")
        unit.sha256 = hashlib.sha256(data).hexdigest()
        if path.suffix.lower() == storage.SUFFIX:
            unit.report = storage.loads(data, path.name)
        else:
            from .importers import (
                read_any,  # lazy: a folder of .gik files needs no importer
            )
            from .importers.published_parser import EMPTY_TABLES
            result = read_any(path)
            if EMPTY_TABLES in result.log:
                unit.unusable = "没有读出任何统计表的数字（表格无法识别），请核对原文件。"
                return unit
            unit.report = result.report
    except GikFileError as e:
        unit.unusable = str(e)
        return unit
    unit.name = unit.report.meta.organ_name.strip() or path.stem
    return unit


def read_units(files: list[Path], progress: Progress | None = None) -> list[Unit]:
    units = []
    for i, path in enumerate(files):
        if progress is not None and not progress(i, len(files), path.name):
            raise RollupCancelled
        units.append(read_unit(path))
    if progress is not None:
        progress(len(files), len(files), "")
    return units


def roll_up(folder: str | Path, roster: list[str] | None = None, year: int | None = None,
            skip: tuple[Path, ...] = (), progress: Progress | None = None) -> Rollup:
    """Read, pair, check and sum the reports of `folder`. GikFileError when no roll-up can be made of them
    (no report, reports of several years); RollupCancelled when `progress` said stop."""
    files = report_files(Path(folder), skip)
    if not files:
        raise GikFileError(f"文件夹“{folder}”中没有年报文件（.gik、.docx、.html、.txt、.pdf、.xlsx）。")
    read = read_units(files, progress)
    skipped = [u.file for u in read if u.report is not None and u.report.rollup is not None]
    read = [u for u in read if u.file not in skipped]
    year = _the_year(read, year)
    fmt = format_for_year(year)
    for u in read:
        _to_format(u, fmt)
    units, strays, fuzzy = (read, [], []) if roster is None else _with_roster(roster, read)
    result = Rollup(year, fmt.id, units, strays, fuzzy, skipped, _same_organ(read))
    from .rollup_review import mark_alike
    for u in [*result.units, *strays]:
        if u.report is not None:
            u.check = result_for(u.report, u.file, details=True)
    mark_alike(result.summed())
    result.total = sum_units(result)
    return result


def _same_organ(units: list[Unit]) -> list[list[str]]:
    """Files whose reports name one organ: a unit's corrected report beside its first one is summed twice
    unless the office removes one (with a roster only one is paired, the other is listed as outside it)."""
    from .roster import key
    files: dict[str, list[str]] = {}
    for u in units:
        if u.report is not None and key(u.report.meta.organ_name):
            files.setdefault(key(u.report.meta.organ_name), []).append(u.file)
    return [found for found in files.values() if len(found) > 1]


def _the_year(units: list[Unit], year: int | None) -> int:
    years = Counter(u.report.meta.year for u in units if u.report is not None)
    if not years:
        raise GikFileError("文件夹中的报告都无法读取：\n" + "\n".join(f"{u.file}：{u.unusable}" for u in units))
    wanted = year if year else years.most_common(1)[0][0]
    odd = [u for u in units if u.report is not None and u.report.meta.year != wanted]
    if odd:
        lines = "\n".join(f"  {u.file}（{u.report.meta.year or '未填'}年度）" for u in odd if u.report)
        raise GikFileError(f"只能汇总同一年度的报告。以下{len(odd)}份报告不是{wanted}年度的，"
                           f"请移出文件夹{'' if year else '或用 --year 指定年度'}：\n{lines}")
    return wanted


def _to_format(unit: Unit, fmt: Format) -> None:
    """A report of the year's older format is migrated (its review notes kept); a newer one cannot be summed."""
    report = unit.report
    if report is None or report.format_id == fmt.id:
        return
    from .migration import migrate, migration_path
    if not migration_path(report.format_id, fmt.id):
        unit.unusable = f"报告使用{report.format.title}，{report.meta.year}年度应使用{fmt.title}，无法汇总。"
        unit.report = None
        return
    unit.report = migrate(report, fmt.id)
    unit.migrated = True


def _with_roster(roster: list[str], read: list[Unit]) -> tuple[list[Unit], list[Unit], list[tuple[str, str]]]:
    found: Pairing = pair(roster, [(u.report.meta.organ_name if u.report else "", Path(u.file).stem) for u in read])
    units = []
    for name, j in found.units:
        if j is None:
            units.append(Unit(name=name))
        else:
            read[j].name = name
            units.append(read[j])
    fuzzy = [(name, r.meta.organ_name if (r := read[j].report) is not None else Path(read[j].file).name)
             for name, j in found.fuzzy]
    return units, [read[j] for j in found.unmatched], fuzzy


# ---- summing --------------------------------------------------------------------------------

def add(values: list[Value | None], money: bool) -> Value | None:
    """The sum of one cell over the units: blank when every unit left it blank, a Decimal for money."""
    given = [v for v in values if v is not None]
    if not given:
        return None
    total = sum(given, Decimal(0) if money or any(isinstance(v, Decimal) for v in given) else 0)
    return total


def _money_in(report: Report, value: Value, unit: str) -> Value:
    """An amount of a unit-less money cell said in `unit` (元 or 万元)."""
    if not report.money_unit or report.money_unit == unit:
        return value
    return Decimal(value) / 10000 if unit == "万元" else Decimal(value) * 10000


def sum_units(rollup: Rollup) -> Report:
    """The 综合 report: the year's format, the text skeleton, every entered cell the sum over the units."""
    fmt = rollup.format
    units = rollup.summed()
    total = new_report(fmt.id, rollup.year)
    unpriced = {c.id for c in fmt.unpriced_money()}
    chosen = {u.report.money_unit for u in units if u.report is not None and u.report.money_unit}
    total.money_unit = chosen.pop() if len(chosen) == 1 else "万元" if chosen else ""
    sums: dict[str, Value | None] = {}
    for cid, spec in fmt.cells.items():
        if spec.computed:
            continue
        column = [u.report.values.get(cid) for u in units if u.report is not None]
        if cid in unpriced:
            column = [None if v is None else _money_in(u.report, v, total.money_unit)
                      for u, v in zip(units, column) if u.report is not None]
        sums[cid] = add(column, spec.kind is CellKind.MONEY)
    review: dict[str, str] = {}
    for u in units:
        for cid, note in u.report.review.items() if u.report is not None else ():
            review[cid] = "；".join(filter(None, (review.get(cid, ""), f"{u.name}：{note}")))
    # The sums are entered as the window and `set` enter cells; the units' 需人工核对 notes go with them.
    SetCells(sums, review=review).apply(total)
    total.rollup = RollUp(tuple(UnitSource(u.name, Path(u.file).name, u.sha256) for u in units),
                          tuple(rollup.missing()))
    notes = [f"本报告表二、表三、表四由{len(units)}个单位的报告逐格相加汇总而成。"]
    if rollup.missing():
        notes.append(f"以下{len(rollup.missing())}个单位未提交报告，未计入：{'、'.join(rollup.missing())}。")
    migrated = [u.name for u in units if u.migrated]
    if migrated:
        notes.append(f"以下单位的报告使用旧格式，已转换后计入（转入相近栏目的数值已标为“需人工核对”）：{'、'.join(migrated)}。")
    total.migration_note = "\n".join(notes)
    return total


# ---- the county's own 综合 report against the sum (H1) -----------------------------------------

def check_own(own: Report, rollup: Rollup) -> list[Finding]:
    """H1: every entered cell of 二/三/四 of the county's written 综合 report against the units' sum, with both figures
    and the units whose figures make the sum. With a unit missing the check cannot be judged: INFO, not WARN."""
    if rollup.total is None:
        return []
    if own.meta.year and own.meta.year != rollup.year:
        raise GikFileError(f"综合报告是{own.meta.year}年度的，下级单位报告是{rollup.year}年度的。")
    if own.format_id != rollup.format_id:
        from .migration import migrate
        own = migrate(own, rollup.format_id)
    mine, summed = own.values, rollup.total.values
    incomplete = bool(rollup.missing()) or any(u.unusable for u in [*rollup.units, *rollup.strays])
    severity = INFO if incomplete else WARNING
    fmt = rollup.format
    findings = []
    for cid in (c for c, spec in fmt.cells.items() if not spec.computed):   # (a total differs when a part does)
        a, b = mine.get(cid), summed.get(cid)
        if (a or 0) == (b or 0):
            continue
        findings.append(Finding("H1", severity, (cid,), b, a, _h1_message(fmt, cid, a, b, rollup, incomplete)))
    return findings


def contributors(rollup: Rollup, cid: str) -> list[tuple[str, Value]]:
    """The units with a figure other than 0 in cell `cid`, and that figure."""
    return [(u.name, v) for u in rollup.summed() if u.report is not None
            and (v := all_values(u.report).get(cid)) not in (None, 0)]


def _h1_message(fmt: Format, cid: str, own: Value | None, summed: Value | None, rollup: Rollup,
                incomplete: bool) -> str:
    spec = fmt.cells[cid]
    given = contributors(rollup, cid)
    who = "、".join(f"{name}{format_value(v)}" for name, v in given) if given else "各单位均为0或空"
    text = (f"表{fmt.table_of(cid).section}“{spec.name}”：综合报告为{format_value(own) or '空'}，"
            f"下级单位合计为{format_value(summed) or '空'}（{who}）。")
    if incomplete:
        return text + "有单位未提交或报告无法读取，无法判定。请收齐下级单位的报告后再核对。"
    return text + f"请改为{format_value(summed) or 0}，或核对所列单位的报告。"


def _review_lines(report: Report) -> list[tuple[str, str]]:
    fmt = report.format
    return [(f"表{fmt.table_of(c).section}“{fmt.cells[c].name}”", note) for c, note in report.review.items()
            if c in fmt.cells]


def summary_line(rollup: Rollup) -> str:
    counts = Counter(u.status for u in rollup.units)
    parts = [f"{n}个{s}" for s, n in ((CHECKED, counts[CHECKED]), (HAS_WARNINGS, counts[HAS_WARNINGS]),
                                     (HAS_ERRORS, counts[HAS_ERRORS]), (UNREADABLE, counts[UNREADABLE]),
                                     (NOT_SUBMITTED, counts[NOT_SUBMITTED])) if n]
    return (f"{rollup.year}年度：共{len(rollup.units)}个单位，{len(rollup.summed())}份报告计入汇总"
            f"（{'，'.join(parts)}）。")

