"""Command line: python -m gik_editor validate|export|import|new|batch|rollup|set …

Exit codes: 0 ok, 1 the report has errors, 2 the input cannot be used.
Messages go to stderr in Chinese; nothing ever ends in a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import storage
from .cli_parser import ChineseArgumentParser
from .filetypes import EXPORTERS, SUFFIX_LIST
from .findings import ERROR, SEVERITY_ZH, WARNING, Finding
from .report import Report
from .rules import check
from .version import VERSION

if TYPE_CHECKING:
    Subcommands = argparse._SubParsersAction[ChineseArgumentParser]

OK, HAS_ERRORS, UNUSABLE = 0, 1, 2


class CliError(Exception):
    """Unusable input or arguments; the message is printed and the exit code is 2."""


def _json_value(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def finding_dict(f: Finding) -> dict[str, Any]:
    out = {"rule": f.rule, "severity": f.severity, "cells": list(f.cells),
           "expected": _json_value(f.expected), "actual": _json_value(f.actual), "message": f.message,
           "reviewed": f.reviewed}
    if f.reviewed:
        out["reason"] = f.reason
    return out




def finding_line(f: Finding) -> str:
    """The message in the clerk's words (it names the places and both numbers), the rule id after it.

    The cell ids and the two sides are in `--json`; in the text they only repeated the message."""
    mark = f"（已核对：{f.reason}）" if f.reviewed else ""
    return f"{SEVERITY_ZH[f.severity]}{mark}：{f.message}（规则 {f.rule}）"


def load_report(path: str) -> Report:
    try:
        return storage.load(path)
    except storage.GikFileError as e:
        raise CliError(str(e)) from None


def cmd_validate(args: argparse.Namespace) -> int:
    report = load_report(args.file)
    last = load_report(args.last_year) if args.last_year else None
    findings = check(report, last)
    open_ones = [f for f in findings if not f.reviewed]
    reviewed = [f for f in findings if f.reviewed]
    errors = sum(f.severity == ERROR for f in open_ones)
    warnings = sum(f.severity == WARNING for f in open_ones)
    reviewed_errors = sum(f.severity == ERROR for f in reviewed)
    if args.json:
        print(json.dumps({"file": args.file, "errors": errors, "warnings": warnings,
                          "reviewed_count": len(reviewed), "reviewed_errors": reviewed_errors,
                          "findings": [finding_dict(f) for f in open_ones],
                          "reviewed_findings": [finding_dict(f) for f in reviewed]}, ensure_ascii=False, indent=1))
    else:
        for f in open_ones:
            print(finding_line(f))
        if reviewed:
            print(f"已核对（{len(reviewed)}项，不计入下面的错误和警告数）：")
            for f in reviewed:
                print("  " + finding_line(f))
        marked = f"另有{len(reviewed)}项已核对" + (f"，其中{reviewed_errors}个错误已由审核人确认" if reviewed_errors else "")
        print(f"{args.file}：{errors}个错误，{warnings}个警告" + (f"；{marked}" if reviewed else "") + "。")
        if reviewed_errors and not errors:
            print("所有错误均已标记为已核对，检查通过。")
    return HAS_ERRORS if errors else OK


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (also through links, `..` or, on Windows, another letter case)."""
    try:
        return os.path.samefile(a, b)
    except OSError:                   # one of them does not exist yet: compare where they lead
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_overwriting_input(source: str, output: str) -> None:
    """Writing the output would destroy the input it is made from: refused before anything is read or written."""
    if same_file(source, output):
        raise CliError(f"输出文件“{output}”就是输入文件，写入会覆盖原文件；请另选一个输出文件名。")


def cmd_export(args: argparse.Namespace) -> int:
    offered = [e for e in EXPORTERS if e.on_command_line]
    wanted = [(e, getattr(args, e.key)) for e in offered if getattr(args, e.key)]
    if not wanted:
        flags = [f"--{e.key}" for e in offered]
        raise CliError(f"请至少指定一种导出格式：{'、'.join(flags[:-1])} 或 {flags[-1]}。")
    for _, out in wanted:
        refuse_overwriting_input(args.file, out)
    report = load_report(args.file)
    failed = False
    for exporter, out in wanted:        # one format that cannot be made does not stop the others
        options = {option: getattr(args, option) for option in exporter.options}
        if options.get("sign_off"):         # named so that nobody uploads the copy with the approval slip
            from .exporters.pdf_signoff import signed_copy_path
            out = str(signed_copy_path(out))
        try:
            exporter.module().export(report, Path(out), **options)
        except storage.GikFileError as e:
            print(f"错误：{e}", file=sys.stderr)
            failed = True
            continue
        print(f"已导出{exporter.what}：{out}")
    # the files are written as the report stands (the window asks first; a script is told afterwards)
    errors = [f for f in check(report) if f.severity == ERROR and not f.reviewed]
    for f in errors:
        print(finding_line(f), file=sys.stderr)
    if errors:
        print(f"{args.file}：有{len(errors)}个错误，已照原样导出；改正后请重新导出。", file=sys.stderr)
    return UNUSABLE if failed else HAS_ERRORS if errors else OK


def cmd_import(args: argparse.Namespace) -> int:
    from .importers import read_any
    from .importers.published_parser import EMPTY_TABLES
    refuse_overwriting_input(args.source, args.output)
    result = read_any(args.source)
    for line in result.log:
        print(line, file=sys.stderr)
    storage.save(result.report, args.output)
    if EMPTY_TABLES in result.log:
        print(f"已导入：{args.output}（{len(result.log)}条导入记录）。警告：统计表全部为空，未能读出表格中的数字。")
        return OK
    errors = sum(f.severity == ERROR for f in check(result.report))
    print(f"已导入：{args.output}（{len(result.log)}条导入记录，{errors}个错误）")
    return OK


def cmd_new(args: argparse.Namespace) -> int:
    from .carryover import new_from_last_year
    refuse_overwriting_input(args.from_file, args.output)
    last = load_report(args.from_file)
    report = new_from_last_year(last, args.year)
    storage.save(report, args.output)
    print(f"已新建{report.meta.year}年度报告：{args.output}")
    return OK


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import check_folder, summary_line
    results = check_folder(Path(args.folder), details=bool(args.xlsx), skip=Path(args.xlsx) if args.xlsx else None)
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            print(r.line())
        print(summary_line(results))
    if args.xlsx:
        from .batch_xlsx import write_summary
        write_summary(results, Path(args.xlsx))           # (a GikFileError here: exit 2, said on stderr)
        print(f"检查结果已写入：{args.xlsx}", file=sys.stderr if args.json else sys.stdout)
    if any(r.unusable for r in results):
        return UNUSABLE
    return HAS_ERRORS if any(r.errors for r in results) else OK


def cmd_rollup(args: argparse.Namespace) -> int:
    from .rollup import check_own, roll_up, summary_line
    from .roster import read_roster
    folder = Path(args.folder)
    written = tuple(Path(p) for p in (args.output, args.xlsx, args.own) if p)
    if args.output and args.own:
        refuse_overwriting_input(args.own, args.output)
    roster = read_roster(args.roster) if args.roster else None
    own = load_report(args.own) if args.own else None
    rollup = roll_up(folder, roster, args.year, skip=written)
    for unit in rollup.units:
        counts = "" if unit.status in ("未提交", "无法读取") else f"：{unit.errors}个错误，{unit.warnings}个警告"
        where = f"（{Path(unit.file).name}）" if unit.file else ""
        print(f"{unit.status} {unit.name}{where}{counts}")
        for other, share in unit.alike:
            print(f"  警告：与{other}报告雷同（正文有{share:.0%}相同），请该单位按本单位的实际工作改写。")
        if unit.unusable:
            print(f"  {unit.unusable}")
    for name, organ in rollup.fuzzy:
        print(f"提示：名单中的“{name}”按相近名称对应到报告“{organ}”，请确认。")
    if rollup.missing():
        print(f"未提交报告的单位（{len(rollup.missing())}个）：{'、'.join(rollup.missing())}")
    if rollup.strays:
        print(f"名单中没有对应单位的报告（{len(rollup.strays)}份，未计入汇总）：")
        for unit in rollup.strays:
            print(f"  {unit.file}（{unit.report.meta.organ_name if unit.report else unit.unusable}）")
    for file in rollup.skipped:
        print(f"已跳过汇总报告：{file}")
    for files in rollup.duplicates:
        print(f"警告：以下{len(files)}份报告是同一机关的，请只保留最新的一份后重新汇总：{'、'.join(files)}")
    print(summary_line(rollup))
    differences = []
    if own is not None:
        differences = check_own(own, rollup)
        for f in differences:
            print(f"{SEVERITY_ZH[f.severity]}：{f.message}（规则 H1）")
        print(f"综合报告与下级单位合计：{len(differences)}处不一致。" if differences else "综合报告与下级单位合计一致。")
    if args.output and rollup.total is not None:
        if own is not None:             # the county's own text and metadata, the units' sums
            rollup.total.meta = own.meta
        storage.save(rollup.total, args.output)
        print(f"已生成综合报告：{args.output}（正文请另行撰写）")
    if args.xlsx:
        from .rollup_xlsx import write_workbook
        write_workbook(rollup, Path(args.xlsx))
        print(f"汇总结果已写入：{args.xlsx}")
    if any(u.unusable for u in [*rollup.units, *rollup.strays]):
        return UNUSABLE
    errors = any(u.errors for u in rollup.units) or any(f.severity == WARNING for f in differences)
    return HAS_ERRORS if errors else OK


def _add_validate(sub: Subcommands) -> None:
    p = sub.add_parser("validate", help="检查一份年报的勾稽关系和常见错误")
    p.add_argument("file", help=".gik 文件")
    p.add_argument("--last-year", help="上年的 .gik 文件，用于跨年度检查")
    p.add_argument("--json", action="store_true", help="以JSON输出")
    p.set_defaults(run=cmd_validate)


def _add_export(sub: Subcommands) -> None:
    p = sub.add_parser("export", help="导出为 Excel、PDF、Word 或网页")
    p.add_argument("file", help=".gik 文件")
    for exporter in EXPORTERS:
        if exporter.on_command_line:
            p.add_argument(f"--{exporter.key}", metavar="OUT", help=f"导出{exporter.what}到此文件")
    p.add_argument("--sign-off", action="store_true",
                   help="PDF导出为签发稿：文末署机关名称和日期、留盖章位置，另附一页发文稿纸（签发、审核、拟稿）；"
                        "文件名加“-签发稿”，请勿上网公开")
    p.set_defaults(run=cmd_export)


def _add_import(sub: Subcommands) -> None:
    p = sub.add_parser("import", help="从Excel或已发布的年报（文本、网页、Word）导入")
    p.add_argument("source", help=f"{SUFFIX_LIST} 文件")
    p.add_argument("-o", "--output", required=True, help="保存为此 .gik 文件")
    p.set_defaults(run=cmd_import)


def _add_new(sub: Subcommands) -> None:
    p = sub.add_parser("new", help="以上年报告为模板新建本年报告")
    p.add_argument("--from", dest="from_file", required=True, help="上年的 .gik 文件")
    p.add_argument("--year", type=int, help="新报告的年度（默认上年加一）")
    p.add_argument("-o", "--output", required=True, help="新报告保存为此 .gik 文件")
    p.set_defaults(run=cmd_new)


def _add_batch(sub: Subcommands) -> None:
    p = sub.add_parser("batch", help="检查一个文件夹里的所有年报")
    p.add_argument("folder", help=f"存放年报的文件夹（{storage.SUFFIX}、{SUFFIX_LIST}）")
    p.add_argument("--json", action="store_true", help="以JSON输出")
    p.add_argument("--xlsx", metavar="OUT", help="另把结果（每份报告一行，另有问题明细）写入此 Excel 文件")
    p.set_defaults(run=cmd_batch)


def _add_rollup(sub: Subcommands) -> None:
    p = sub.add_parser("rollup", help="汇总下级单位的年报：逐格相加生成综合报告，并检查每个单位的报告")
    p.add_argument("folder", help=f"存放下级单位年报的文件夹（{storage.SUFFIX}、{SUFFIX_LIST}）")
    p.add_argument("--roster", metavar="名单", help="单位名单：.txt（每行一个单位）或 .xlsx（“单位名称”一列）")
    p.add_argument("--year", type=int, help="汇总的年度（默认取多数报告的年度）")
    p.add_argument("--own", metavar="综合报告", help="本级已写好的综合报告（.gik），逐格核对是否等于下级单位合计（H1）")
    p.add_argument("-o", "--output", metavar="OUT", help="汇总生成的综合报告保存为此 .gik 文件")
    p.add_argument("--xlsx", metavar="OUT", help="另把汇总表（每表一页、每单位一行、合计公式）、单位状态和问题明细写入此 Excel 文件")
    p.set_defaults(run=cmd_rollup)


def _add_set(sub: Subcommands) -> None:
    from .cli_set import add_parser
    add_parser(sub)


COMMANDS = {"validate": _add_validate, "export": _add_export, "import": _add_import,
            "new": _add_new, "batch": _add_batch,
            "rollup": _add_rollup, "set": _add_set}


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="gik_editor", description="政府信息公开工作年度报告：检查、导入、导出。")
    parser.add_argument("--version", action="version", version=f"政府信息公开年报编辑器 {VERSION}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for add in COMMANDS.values():
        add(sub)
    return parser


def _output_that_cannot_fail() -> None:
    """Chinese output must never crash on encoding (issue 14/15). A Windows console with a Western code
    page gets its text through WriteConsoleW and is fine, but the same console redirected to a file or
    a pipe encodes with the code page (cp1252 cannot hold 错误); so can a Linux terminal that is not
    UTF-8. Redirected Windows output is written as UTF-8, which a script can read back; anywhere else a
    character the stream cannot hold becomes '?'."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if encoding is None or not hasattr(stream, "reconfigure"):
            continue            # no console at all (the windowed program), or a caller's own stream
        try:
            "错误".encode(encoding)
            if getattr(stream, "errors", "strict") == "strict":
                # A file name that is not valid UTF-8 reaches us with lone surrogates: shown as '?'.
                stream.reconfigure(errors="replace")
            continue
        except (UnicodeEncodeError, LookupError):
            pass
        if sys.platform == "win32" and not stream.isatty():
            stream.reconfigure(encoding="utf-8", errors="replace")
        else:
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    _output_that_cannot_fail()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:            # argparse has printed its usage message
        return OK if e.code == 0 else UNUSABLE
    try:
        code: int = args.run(args)
        return code
    except (CliError, storage.GikFileError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return UNUSABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:             # `… | head` stopped reading: end quietly, as the shell's own tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
