"""The `set` command: cells, text and metadata of a report changed on the command line, by the window's edits.

    set 报告.gik (-o 新.gik | --in-place | --dry-run) [单元格=值 …] [--cells-file 文件] [--text 位置=文字] [--text-file 位置=文件]
        [--meta 项目=值] [--fill-zeros 表] [--confirm-carried 位置] [--use-computed-totals]
        [--last-year 上年.gik] [--json]
    set 报告.gik --list [筛选] [--json]

Values are read by edits.typed_values and meta_input.typed_meta, exactly as the window reads what is typed;
everything is read and checked before anything changes, so a refusal (exit 2) leaves every file as it was.
The changes are gik_editor.edits applied as one, so the rules of editing are the window's: a changed part
drops the total printed in an imported report, a typed value clears its 需人工核对 mark, a rewritten
paragraph is no longer marked as carried over from last year.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import edits, storage
from .cli import HAS_ERRORS, OK, CliError, finding_dict, finding_line, load_report, same_file
from .edits import Edit
from .findings import ERROR, WARNING, Finding
from .meta_input import META_FIELDS, MetaInputError, current, find_field, typed_meta
from .places import PlaceError, cell_places, find_cell, find_tables, find_text, norm, short_location, text_locations, text_name
from .report import Report, Value, format_value
from .rules import check
from .text_search import PREAMBLE, text_at, text_block
from .totals import all_values

SHOWN_CHANGES = 20       # lines per kind of change (--fill-zeros changes a hundred cells at once)
KINDS = {"meta": "基本信息的修改", "cell": "单元格的修改", "printed": "不再采用的印出合计",
         "review": "去掉的“需人工核对”标记", "text": "正文的修改", "carried": "沿用段落的变化"}
MAX_TEXT_FILE = 4 * storage.MAX_TEXT        # bytes: the longest text in UTF-8 or GBK, and a little more
TEXT_INVALID = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f"}


def add_parser(sub: Any) -> None:
    p = sub.add_parser("set", intermixed=True, help="修改报告中的单元格、正文或基本信息（与窗口中的修改相同），并检查",
                       description="修改报告中的单元格、正文或基本信息，修改后检查报告。"
                                   "单元格写编号（如 t3.open.natural）或“行/列”（如 表三/予以公开/自然人）；"
                                   "编号和正文位置可用 --list 查看。任何一项无法修改时，什么都不改，退出码为2。")
    p.add_argument("file", help=".gik 文件")
    p.add_argument("cells", nargs="*", metavar="单元格=值",
                   help="要填写的单元格和数值，值的写法与窗口中输入相同（全角数字、千分位逗号均可；值留空或写“/”为空白）")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", help="修改后另存为此 .gik 文件，原文件不变")
    where.add_argument("--in-place", action="store_true", help="直接修改原文件（原子写入，不会写坏原文件）")
    where.add_argument("--dry-run", action="store_true", help="试算：显示修改和检查结果，不保存")
    where.add_argument("--list", nargs="?", const="", metavar="筛选",
                       help="列出可以修改的单元格（编号、位置、当前值）、正文位置和基本信息项目；可只列出含“筛选”文字的")
    p.add_argument("--text", action="append", default=[], metavar="位置=文字",
                   help="把正文某处改为这些文字（位置如 前言、一.2、五.改进措施）；多段文字请用 --text-file")
    p.add_argument("--text-file", action="append", default=[], metavar="位置=文件",
                   help="把正文某处改为文本文件（UTF-8 或 GBK，每段一行）的内容；文件写“-”为从标准输入读")
    p.add_argument("--meta", action="append", default=[], metavar="项目=值",
                   help=f"修改基本信息：{'、'.join(f.label for f in META_FIELDS)}")
    p.add_argument("--cells-file", action="append", default=[], metavar="文件",
                   help="从文本文件读要填写的单元格：每行一个“单元格=值”，或“单元格<Tab>值”（从 Excel 复制两列即可）；"
                        "UTF-8 或 GBK 编码，#开头的行不读；文件写“-”为从标准输入读")
    p.add_argument("--fill-zeros", action="append", default=[], metavar="表",
                   help="把某张表（表二、表三、表四或“全部”）的空白单元格都填为0（与窗口中的“以0填充空白单元格”相同）；"
                        "同时写了值的单元格按所写的填")
    p.add_argument("--confirm-carried", action="append", default=[], metavar="位置",
                   help="确认某处沿用上年的段落已核对（与窗口中的“确认沿用”相同）")
    p.add_argument("--use-computed-totals", action="store_true",
                   help="不再采用导入的报告中印出的合计，一律采用计算的合计（与窗口中的“采用计算的合计”相同）")
    p.add_argument("--last-year", help="上年的 .gik 文件：修改后的检查也包括跨年度检查（与 validate --last-year 相同）")
    p.add_argument("--json", action="store_true", help="以JSON输出")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    wants_edit = args.cells or args.cells_file or args.text or args.text_file or args.meta or args.confirm_carried \
        or args.use_computed_totals or args.fill_zeros
    if args.list is not None:
        # (`--list t3.x=1` takes the edit for the filter: no place's words hold “=”)
        if wants_edit or "=" in args.list:
            raise CliError("--list 只列出可以修改的内容，不能同时修改；请分两次运行。")
        return list_places(args.file, load_report(args.file), args.list, args.json)
    if not wants_edit:
        raise CliError("没有要修改的内容：请写 单元格=值，或 --text、--text-file、--meta 等选项（用 --list 查看可以修改的内容）。")
    if not (args.output or args.in_place or args.dry_run):
        raise CliError("请指定修改结果保存到哪里：-o 新文件.gik（原文件不变）、--in-place（直接修改原文件）"
                       "或 --dry-run（只试算，不保存）。")
    if args.output:
        if same_file(args.file, args.output):
            raise CliError(f"输出文件“{args.output}”就是输入文件；要直接修改原文件，请用 --in-place。")
        if args.last_year and same_file(args.last_year, args.output):
            raise CliError(f"输出文件“{args.output}”就是上年的报告，写入会覆盖它；请另选一个输出文件名。")
        if Path(args.output).suffix.lower() != storage.SUFFIX:
            raise CliError(f"输出文件“{args.output}”应以 {storage.SUFFIX} 结尾（要导出 Excel、PDF 等请用 export 命令）。")
    report = load_report(args.file)
    last = load_report(args.last_year) if args.last_year else None
    edit = read_edits(report, args)          # everything is checked here, before the report changes
    before = report.copy()
    findings_before = check(report, last)
    if edit is not None:
        edit.apply(report)
    try:                # what is written must open again: a refusal now, not a file that cannot be read
        storage.loads(storage.dumps(report), args.file)
    except storage.GikFileError as e:
        raise CliError(f"修改后的报告无法保存：{e}") from None
    found = changes(before, report)
    target = args.output or (args.file if args.in_place else "")
    written = bool(target) and (bool(found) or bool(args.output))
    if written:
        storage.save(report, target)
    findings = check(report, last)
    show(args, report, before, found, findings_before, findings, target if written else "")
    return HAS_ERRORS if any(f.severity == ERROR and not f.reviewed for f in findings) else OK


# ---- reading what is asked ------------------------------------------------------------------------

def split(item: str, what: str, example: str) -> tuple[str, str]:
    place, sep, value = item.partition("=")
    if not sep or not place.strip():
        raise CliError(f"“{item}”的写法不对：{what}应写成“{example}”。")
    return place, value


def read_edits(report: Report, args: argparse.Namespace) -> Edit | None:
    """Every change asked for, as one edit (None: nothing changes); CliError, before anything is changed,
    for the first place or value that cannot be used."""
    out: list[Edit] = []
    stdin = args.cells_file.count("-") + sum(item.partition("=")[2] == "-" for item in args.text_file)
    if stdin > 1:
        raise CliError("标准输入（“-”）只能读一次：请把其余内容存为文件。")
    try:
        given = [(item, "") for item in args.cells] + [line for name in args.cells_file for line in cells_file(name)]
        cell_edit = _cells(report, given, args.fill_zeros)
        if cell_edit is not None:
            out.append(cell_edit)
        out += _texts(report, args.text, args.text_file)
        for words in args.confirm_carried:
            location = find_text(report, words)
            if location == PREAMBLE:
                raise CliError("前言不会沿用上年的段落，无需确认。")
            if report.sections[text_block(location)[0]].blocks()[text_block(location)[1]].carried:
                out.append(edits.ConfirmCarried(location))
        out += _meta(report, args.meta)
    except (PlaceError, MetaInputError) as e:
        raise CliError(str(e)) from None
    if args.use_computed_totals and report.printed:
        out.append(edits.SetReportField("printed", {}))
    return edits.Several(tuple(out)) if out else None


def _cells(report: Report, items: list[tuple[str, str]], zero_tables: list[str]) -> Edit | None:
    """`items`: (单元格=值, where it was written: "" on the command line, or a line of a --cells-file)."""
    zeros = {c.id: 0 for words in zero_tables for t in find_tables(report.format, words)
             for c in t.cells if not c.computed and c.id not in report.values}
    typed: dict[str, str] = {}
    said: dict[str, tuple[str, str]] = {}
    for item, where in items:
        try:
            words, text = split(item, "单元格", "单元格=值，如 t3.open.natural=5 或 表三/予以公开/自然人=5")
            cid = find_cell(report.format, words)
        except (CliError, PlaceError) as e:
            raise CliError(f"{where}{e}") from None
        if cid in typed:
            raise CliError(f"{where}单元格{cid}“{report.format.cells[cid].name}”写了两次"
                           f"（{said[cid][1]}“{said[cid][0]}”和“{words}”）。")
        typed[cid], said[cid] = text, (words, where)
    try:
        values = edits.typed_values(report, typed)
    except edits.TypedValueError as e:
        spec = report.format.cells[e.cell_id]
        raise CliError(f"{said[e.cell_id][1]}单元格{e.cell_id}“{spec.name}”：{e}") from None
    return edits.set_cells(report, {**zeros, **values})


def cells_file(name: str) -> list[tuple[str, str]]:
    """The 单元格=值 lines of a --cells-file (or 单元格<Tab>值: two columns copied from Excel); blank lines and
    lines starting with # are skipped."""
    shown = "标准输入" if name == "-" else f"文件“{Path(name).name}”"
    out = []
    for n, line in enumerate(read_text_file(name).split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "=" not in line and "\t" in line:
            place, _, value = line.partition("\t")
            line = f"{place}={value}"
        out.append((line, f"{shown}第{n}行："))
    return out


def _texts(report: Report, given: list[str], files: list[str]) -> list[Edit]:
    texts: dict[str, str] = {}
    asked = [(item, False) for item in given] + [(item, True) for item in files]
    for item, from_file in asked:
        words, value = split(item, "正文", "位置=文件，如 一.2=依申请公开.txt" if from_file else "位置=文字，如 六=无。")
        location = find_text(report, words)
        if location in texts:
            raise CliError(f"正文“{short_location(location)}”写了两次。")
        text = read_text_file(value) if from_file else value
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        bad = TEXT_INVALID.intersection(text) or any("\ud800" <= ch <= "\udfff" for ch in text)
        if bad:
            raise CliError(f"正文“{short_location(location)}”中有控制字符或无法识别的字符。")
        if len(text) > storage.MAX_TEXT:
            raise CliError(f"正文“{short_location(location)}”太长（最多{storage.MAX_TEXT}字）。")
        texts[location] = text
    return [edits.SetText(location, text) for location, text in texts.items() if text_at(report, location) != text]


def read_text_file(name: str) -> str:
    """The text of a file (or of standard input for "-"): UTF-8 (with or without BOM), UTF-16 with BOM, or GBK;
    without the line breaks at its end."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_FILE + 1)
        shown = "标准输入"
        if len(data) > MAX_TEXT_FILE:
            raise CliError(f"{shown}的文字太多（正文最多{storage.MAX_TEXT}字）。")
    else:
        path = Path(name)
        shown = f"文件“{path.name}”"
        data = storage.read_limited(path, MAX_TEXT_FILE, "文件“{name}”太大（正文最多%d字）。" % storage.MAX_TEXT)
    for encoding in ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    raise CliError(f"{shown}不是文本文件，或不是 UTF-8、GBK 编码的文字（Word 文档请先另存为“纯文本”）。")


def _meta(report: Report, items: list[str]) -> list[Edit]:
    out: list[Edit] = []
    seen: set[str] = set()
    for item in items:
        name, text = split(item, "基本信息", "项目=值，如 机关全称=某某县人民政府")
        f = find_field(name)
        if f.name in seen:
            raise CliError(f"基本信息“{f.label}”写了两次。")
        seen.add(f.name)
        edit = typed_meta(report, f, text)
        if edit.value != current(report, f):
            out.append(edit)
    return out


# ---- what changed --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    kind: str           # cell, printed, review, text, carried, meta
    place: str          # cell id, text location as --list shows it, or the metadata label
    name: str           # where it is, in the report's words
    old: Any
    new: Any

    def line(self) -> str:
        if self.kind == "cell":
            return f"{self.name}（{self.place}）：{_shown(self.old)} → {_shown(self.new)}"
        if self.kind == "printed":
            return (f"{self.name}（{self.place}）：不再采用原报告印出的合计（{_shown(self.old)}），"
                    f"改用计算的合计 {_shown(self.new)}")
        if self.kind == "review":
            return f"{self.name}（{self.place}）：已填写，去掉“需人工核对”标记（{self.old}）"
        if self.kind == "text":
            paragraphs = len([p for p in self.new.split("\n") if p.strip()])
            return f"{self.name}（{self.place}）：已改写，现为{paragraphs}段、{len(self.new)}字"
        if self.kind == "carried":
            left = f"还有{len(self.new)}段沿用上年的段落未核对" if self.new else "沿用上年的段落均已核对"
            return f"{self.name}（{self.place}）：{left}"
        return f"{self.name}：{_shown(self.old)} → {_shown(self.new)}"

    def as_dict(self) -> dict[str, Any]:
        from .cli import _json_value
        return {"kind": self.kind, "place": self.place, "name": self.name,
                "old": _json_value(self.old), "new": _json_value(self.new)}


def _shown(v: object) -> str:
    if v is None or v == "":
        return "空"
    return format_value(v) if isinstance(v, (int, Decimal)) else str(v)


def changes(before: Report, after: Report) -> list[Change]:
    """What differs between the report before and after the edits, in the order of the report."""
    fmt = after.format
    out = [Change("meta", f.label, f.label, current(before, f), current(after, f))
           for f in META_FIELDS if current(before, f) != current(after, f)]
    totals = all_values(after)
    for place in cell_places(fmt):
        where = f"表{place.table} {place.name}"
        cid = place.id
        if before.values.get(cid) != after.values.get(cid):
            out.append(Change("cell", cid, where, before.values.get(cid), after.values.get(cid)))
        if cid in before.printed and cid not in after.printed:
            out.append(Change("printed", cid, where, before.printed[cid], totals.get(cid)))
        if cid in before.review and cid not in after.review:
            out.append(Change("review", cid, where, before.review[cid], None))
    for location in text_locations(after):
        old, new = text_at(before, location), text_at(after, location)
        name, shown = text_name(after, location), short_location(location)
        if old != new:
            out.append(Change("text", shown, name, old, new))
        if location != PREAMBLE:
            key, i = text_block(location)
            was, now = (r.sections[key].blocks()[i].carried_paragraphs() for r in (before, after))
            if was != now:
                out.append(Change("carried", shown, name, was, now))
    return out


# ---- saying it -----------------------------------------------------------------------------------

def _unmatched(these: list[Finding], others: list[Finding]) -> list[Finding]:
    """The findings of `these` that are none of `others`: one rule about other places. (A finding about the
    same places may say other figures now, and D15's list of blank cells shrinks as they are filled.)"""
    def same(f: Finding, g: Finding) -> bool:
        return f.rule == g.rule and (f.cells == g.cells or bool(set(f.cells) & set(g.cells)))
    return [f for f in these if not any(same(f, g) for g in others)]


def show(args: argparse.Namespace, report: Report, before: Report, found: list[Change],
         findings_before: list[Finding], findings: list[Finding], written: str) -> None:
    open_before = [f for f in findings_before if not f.reviewed]
    open_now = [f for f in findings if not f.reviewed]
    new, gone = _unmatched(open_now, open_before), _unmatched(open_before, open_now)
    errors = sum(f.severity == ERROR for f in open_now)
    warnings = sum(f.severity == WARNING for f in open_now)
    reviewed = len(findings) - len(open_now)
    if args.json:
        print(json.dumps({"file": args.file, "output": written or None, "saved": bool(written),
                          "changes": [c.as_dict() for c in found], "errors": errors, "warnings": warnings,
                          "reviewed_count": reviewed, "new_findings": [finding_dict(f) for f in new],
                          "resolved_findings": [finding_dict(f) for f in gone],
                          "findings": [finding_dict(f) for f in open_now]}, ensure_ascii=False, indent=1))
        return
    for kind in KINDS:
        of_kind = [c for c in found if c.kind == kind]
        for c in of_kind[:SHOWN_CHANGES]:
            print(c.line())
        if len(of_kind) > SHOWN_CHANGES:
            print(f"……另有{len(of_kind) - SHOWN_CHANGES}处{KINDS[kind]}（--json 列出全部）")
    if not found:
        print("所写的内容与报告中的相同，没有修改。")
    if new:
        print(f"新出现的问题（{len(new)}项）：")
        for f in new:
            print("  " + finding_line(f))
    if gone:
        print(f"已消除的问题（{len(gone)}项）：")
        for f in gone:
            print("  " + finding_line(f))
    left = [f for f in open_now if f.severity == ERROR and f not in new]
    if left:
        print(f"仍有的错误（{len(left)}项）：")
        for f in left:
            print("  " + finding_line(f))
    if written:
        where = f"已保存：{written}"
    elif args.dry_run:
        where = f"{args.file}（试算，未保存）"
    else:
        where = f"{args.file}（未改写）"
    marked = f"；另有{reviewed}项已核对" if reviewed else ""
    print(f"{where}：{errors}个错误，{warnings}个警告{marked}。")


def list_places(file: str, report: Report, wanted: str, as_json: bool) -> int:
    """Every cell, text block and metadata field that `set` can change, with its value now; with `wanted`,
    those whose id or name holds it (or the whole group it names: 单元格, 表格, 正文, 基本信息)."""
    fmt = report.format
    values = all_values(report)
    match = norm(wanted)

    def chosen(group: str, words: str) -> bool:
        return match in norm(f"{group} {words}")
    cells = [p for p in cell_places(fmt) if chosen("单元格 表格", f"{p.id} 表{p.table} {p.name}")]
    texts = [loc for loc in text_locations(report) if chosen("正文", f"{short_location(loc)} {text_name(report, loc)}")]
    fields = [f for f in META_FIELDS if (f.name != "money_unit" or fmt.unpriced_money())
              and chosen("基本信息", f"{f.label} {f.name}")]
    if as_json:
        from .cli import _json_value
        print(json.dumps({
            "file": file, "format": fmt.id,
            "cells": [{"id": p.id, "table": p.table, "name": p.name, "computed": p.computed,
                       "value": _json_value(values.get(p.id))} for p in cells],
            "texts": [{"location": short_location(loc), "id": loc, "name": text_name(report, loc),
                       "text": text_at(report, loc), "carried": _carried(report, loc)} for loc in texts],
            "meta": [{"label": f.label, "field": f.name, "value": current(report, f)} for f in fields]},
            ensure_ascii=False, indent=1))
        return OK
    if not (cells or texts or fields):
        print(f"{file}：没有名称含“{wanted}”的单元格、正文位置或基本信息项目。")
        return OK
    if cells:
        print(f"单元格（编号、位置、当前值；{fmt.title}；合计由程序计算，不能填写）：")
    for p in cells:
        v: Value | None = values.get(p.id)
        print(f"{p.id}\t表{p.table} {p.name}\t{_shown(v)}{'（合计）' if p.computed else ''}")
    if texts:
        print("正文（位置、标题、现有文字）：")
    for loc in texts:
        text = text_at(report, loc)
        paragraphs = len([t for t in text.split("\n") if t.strip()])
        carried = len(_carried(report, loc))
        size = f"{paragraphs}段、{len(text)}字" if text.strip() else "空"
        note = f"，其中{carried}段沿用上年、未核对" if carried else ""
        print(f"{short_location(loc)}\t{text_name(report, loc)}\t{size}{note}")
    if fields:
        print("基本信息（项目、当前值）：")
    for f in fields:
        auto = f"（自动生成：{report.display_title}）" if f.name == "title" and not report.title else ""
        print(f"{f.label}\t{_shown(current(report, f))}{auto}")
    return OK


def _carried(report: Report, location: str) -> list[str]:
    if location == PREAMBLE:
        return []
    key, i = text_block(location)
    return report.sections[key].blocks()[i].carried_paragraphs()

