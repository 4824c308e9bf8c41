"""Read a workbook exported by exporters.xlsx back into a report.

The hidden sheet 数据 holds the exact report. The visible tables are read too,
found by their printed labels wherever they sit: a number someone changed in
Excel wins over the stored copy (and is logged); when the 数据 sheet is gone
or was edited, the report is rebuilt from the tables and the 正文 sheet, and
the log says what could not be read.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import cast

from ..edits import SetCells
from ..exporters import xlsx_data
from ..exporters.xlsx import (
    FORMAT_LABEL,
    INDENT,
    META_LABELS,
    MONEY_UNIT_NOTE,
    TABLE_REF,
    TEXT_SHEET,
    table_sheet_names,
    text_rows,
)
from ..formats import FORMATS, CellKind, CellSpec, Format, GridCell, Role, Table
from ..numbers import parse_decimal
from ..report import MONEY_UNITS, Report, TextBlock, Value, format_value, new_report
from ..storage import MAX_COUNT, MAX_MONEY, GikFileError
from ..totals import compute_totals
from . import ImportResult
from .xlsx_guard import Matrix, read_sheets

MIN_MATCH = 0.6           # share of a table's printed labels that must be found where expected
PLACEHOLDERS = {"/", "-", "—", "－", "——", "无", "\\"}


def read(path: str | Path) -> ImportResult:
    """The report in an exported workbook plus a log of what needed attention (GikFileError if unusable)."""
    path = Path(path)
    stored, calculated = read_sheets(path)
    log: list[str] = []
    report = _from_data_sheet(stored, log)
    index = index_labels(stored)
    if report is not None:
        _apply_visible_tables(report, stored, calculated, index, log)
        _check_text_sheet(report, stored, log)
        return ImportResult(report, log)
    report = _from_visible_sheets(stored, calculated, index, log, path.name)
    return ImportResult(report, log)


# ---- the exact copy ------------------------------------------------------------

def _from_data_sheet(sheets: dict[str, Matrix], log: list[str]) -> Report | None:
    for rows in sheets.values():
        if rows and rows[0] and rows[0][0] == xlsx_data.MARKER:
            try:
                return xlsx_data.decode([tuple(r) for r in rows])
            except xlsx_data.DataSheetError as e:
                log.append(f"{str(e).rstrip('。')}，改为按表格内容读取，请核对导入结果。")
                return None
    log.append("文件中没有年报编辑器保存的完整数据（数据工作表），改为按表格内容读取，请核对导入结果。")
    return None


def _apply_visible_tables(report: Report, stored: dict[str, Matrix], calculated: dict[str, Matrix], index: LabelIndex,
                          log: list[str]) -> None:
    """Numbers edited in the sheets since the export win over the stored copy."""
    fmt = report.format
    dropped: dict[str, object] = {}
    for table in fmt.tables:
        found = locate(table, index)
        if found is None:
            log.append(f"没有找到表{table.section}，采用文件内保存的数据。")
            continue
        name, dr, dc = found
        for g in _data_cells(table, fmt):
            spec = fmt.cells[g.cell_id]
            read_ok, value = _cell_value(spec, stored[name], calculated[name], g.row + dr, g.col + dc, log)
            if spec.computed:
                _note_typed_total(report, g.cell_id, stored[name], g.row + dr, g.col + dc, value, log)
                continue
            old = report.values.get(g.cell_id)
            if read_ok and not _same(old, value):
                # As the editor does: the totals printed in an imported report that this part fed stop counting.
                dropped.update(SetCells({g.cell_id: value}).apply(report).printed)
                log.append(f"表{table.section}“{spec.name}”在Excel中改为{_show(value)}（原为{_show(old)}），已采用表格中的数字。")
    if dropped:
        log.append(f"Excel中修改了分项，原报告印出的{len(dropped)}个合计不再适用，改按分项之和计算。")


def _data_cells(table: Table, fmt: Format) -> list[GridCell]:
    """The table's value cells, entered ones first: a typed-over total is judged against the final parts."""
    return sorted((g for g in table.grid if g.role is Role.DATA), key=lambda g: fmt.cells[g.cell_id].computed)


def _same(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None:
        return a is b
    return float(a) == float(b)          # a spreadsheet keeps doubles: equal as doubles is unchanged


def _show(v: Value | None) -> str:
    return "空白" if v is None else format_value(v)


def _check_text_sheet(report: Report, sheets: dict[str, Matrix], log: list[str]) -> None:
    rows = sheets.get(TEXT_SHEET)
    if rows is None:
        return
    expected = [t for text, _ in text_rows(report, table_sheet_names(report.format)) if (t := norm(text))]
    actual = [t for r in rows if r and (t := norm(r[0]))]
    if actual != expected:
        log.append("正文工作表中的文字与文件内保存的年报不一致（可能在Excel中修改过）；"
                   "导入时采用了保存的原文，请在编辑器中核对正文。")


# ---- locating a table by its labels --------------------------------------------

_WIDTH_MAP = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", "、": "，"})


def norm(text: object) -> str:
    """Label text compared without whitespace and with full-width punctuation."""
    return re.sub(r"\s+", "", str(text)).translate(_WIDTH_MAP) if text is not None else ""


LabelIndex = dict[str, dict[str, list[tuple[int, int]]]]   # sheet → normalised text → cell positions
MAX_LABEL = 200           # longer texts are paragraphs, never a table label


def index_labels(sheets: dict[str, Matrix]) -> LabelIndex:
    """Where each short text stands, per sheet: built once, so finding a table is a few lookups."""
    index: LabelIndex = {}
    for name, rows in sheets.items():
        where = index[name] = {}
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if isinstance(v, str) and len(v) <= MAX_LABEL:
                    where.setdefault(norm(v), []).append((i, j))
    return index


def locate(table: Table, index: LabelIndex) -> tuple[str, int, int] | None:
    """(sheet, row offset, column offset) where most of the table's labels are printed."""
    best: tuple[float, str, int, int] | None = None
    labels = [(g.row, g.col, norm(g.text)) for g in table.grid if g.role not in (Role.DATA, Role.BLANK)]
    for name, where in index.items():
        votes: dict[tuple[int, int], int] = {}
        for r, c, text in labels:
            for i, j in where.get(text, ()):
                if i >= r and j >= c:
                    votes[(i - r, j - c)] = votes.get((i - r, j - c), 0) + 1
        if not votes:
            continue
        (dr, dc), n = max(votes.items(), key=lambda kv: kv[1])
        score = n / len(labels)
        if score >= MIN_MATCH and (best is None or score > best[0]):
            best = (score, name, dr, dc)
    return None if best is None else best[1:]


def _at(rows: Matrix, r: int, c: int) -> object:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


def _cell_value(spec: CellSpec, stored: Matrix, calculated: Matrix, r: int, c: int, log: list[str]) -> tuple[bool, Value | None]:
    """(readable, value) of a data cell; a formula someone typed counts by its last calculated result."""
    raw = _at(stored, r, c)
    if isinstance(raw, str) and raw.startswith("="):
        raw = _at(calculated, r, c)
        if spec.computed:
            return True, None
        if raw is None:
            log.append(f"“{spec.name}”是公式且没有计算结果，未能读取。")
            return False, None
    try:
        return True, parse_number(raw, spec.kind)
    except ValueError as e:
        if not spec.computed:
            log.append(f"“{spec.name}”的内容“{str(raw)[:30]}”{e}，未能读取。")
        return False, None


def parse_number(raw: object, kind: CellKind) -> Value | None:
    """A cell's content as a value of `kind`; placeholders and empty text are blank; ValueError if not a number.

    Text and floats go through numbers.parse_decimal, which bounds digits and exponent before converting
    (a cell holding the text 1E100000000 would otherwise build a hundred-million-digit integer).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("不是数字")
    if isinstance(raw, str):
        text = raw.replace(",", "").replace("，", "").replace("\u00a0", "").strip()
        if not text or text in PLACEHOLDERS:
            return None
        raw = parse_decimal(text)
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueError("不是数字")
        raw = parse_decimal(repr(raw))
    if not isinstance(raw, (int, Decimal)):
        raise ValueError("不是数字")
    magnitude = cast(Value, abs(raw))     # an int or a Decimal as raw is (the checker would join the two to object)
    if kind is CellKind.MONEY:
        if magnitude >= MAX_MONEY:
            raise ValueError("超出范围")
        return Decimal(raw)
    if magnitude > MAX_COUNT:             # before int(): the value is bounded from here on
        raise ValueError("超出范围")
    if raw != int(raw):
        raise ValueError("不是整数")
    return int(raw)


def _note_typed_total(report: Report, cid: str, stored: Matrix, r: int, c: int, value: Value | None,
                      log: list[str]) -> None:
    """A total overwritten with a plain number is kept as printed, so the rules can point at it."""
    raw = _at(stored, r, c)
    if isinstance(raw, str) and raw.startswith("="):
        return
    computed = compute_totals(report).get(cid)
    if value != computed or raw is not None and computed is None:
        report.printed[cid] = value
        spec = report.format.cells[cid]
        log.append(f"合计“{spec.name}”在Excel中被改写为{_show(value)}（应为各项之和{_show(computed)}），"
                   "导入后按各项之和计算，并在检查中提示。")


# ---- rebuilding from the visible sheets ----------------------------------------

def _from_visible_sheets(stored: dict[str, Matrix], calculated: dict[str, Matrix], index: LabelIndex, log: list[str],
                         name: str) -> Report:
    fmt, found = _best_format(stored, index)
    if not found:
        raise GikFileError(f"“{name}”不是年报编辑器导出的Excel文件：找不到年报的统计表。")
    text_rows_ = stored.get(TEXT_SHEET) or _text_sheet_by_heading(stored)
    meta = _read_meta(text_rows_)
    year = _int(meta.get("year")) or _year_for(fmt)
    report = new_report(fmt.id, year, meta.get("organ_name", ""), meta.get("organ_type", ""))
    for key, text in meta.items():
        if key not in ("year",):
            setattr(report.meta, key, text)
    for table in fmt.tables:
        if table.id not in found:
            log.append(f"没有找到表{table.section}，该表留空。")
            continue
        sheet, dr, dc = found[table.id]
        for g in _data_cells(table, fmt):
            spec = fmt.cells[g.cell_id]
            ok, value = _cell_value(spec, stored[sheet], calculated[sheet], g.row + dr, g.col + dc, log)
            if spec.computed:
                _note_typed_total(report, g.cell_id, stored[sheet], g.row + dr, g.col + dc, value, log)
            elif ok and value is not None:
                report.set(g.cell_id, value)
        report.money_unit = report.money_unit or _money_unit(table, stored[sheet])
    if text_rows_:
        _read_text(report, text_rows_, log)
    else:
        log.append("没有找到正文工作表，正文和基本信息留空。")
    return report


def _best_format(stored: dict[str, Matrix], index: LabelIndex) -> tuple[Format, dict[str, tuple[str, int, int]]]:
    """The format whose labels are printed most (the first of equals), and where each of its tables stands."""
    scored: list[tuple[int, Format, dict[str, tuple[str, int, int]]]] = []
    for fmt in FORMATS.values():
        found = {t.id: loc for t in fmt.tables if (loc := locate(t, index)) is not None}
        score = sum(_label_hits(t, stored[found[t.id][0]], *found[t.id][1:]) for t in fmt.tables if t.id in found)
        scored.append((score, fmt, found))
    _, fmt, found = max(scored, key=lambda s: s[0])      # max() keeps the first of equal scores
    return fmt, found


def _label_hits(table: Table, rows: Matrix, dr: int, dc: int) -> int:
    return sum(norm(_at(rows, g.row + dr, g.col + dc)) == norm(g.text)
               for g in table.grid if g.role not in (Role.DATA, Role.BLANK))


def _year_for(fmt: Format) -> int:
    return fmt.last_year or fmt.first_year


def _int(text: object) -> int:
    m = re.fullmatch(r"\s*(\d{4})\s*(?:年度?)?\s*", str(text or ""))
    return int(m.group(1)) if m else 0


def _money_unit(table: Table, rows: Matrix) -> str:
    for spec in table.cells:
        if spec.kind is CellKind.MONEY and not spec.unit:
            for unit in MONEY_UNITS:
                note = norm(MONEY_UNIT_NOTE.format(label=spec.col_label, unit=unit))
                if any(norm(v) == note for row in rows for v in row if isinstance(v, str)):
                    return unit
    return ""


def _text_sheet_by_heading(stored: dict[str, Matrix]) -> Matrix | None:
    first = norm(next(iter(FORMATS.values())).sections[0].title)
    for rows in stored.values():
        if any(norm(r[0]) == first for r in rows if r):
            return rows
    return None


def _column_a(rows: Matrix | None) -> list[str]:
    return [str(r[0]).strip() if r and r[0] is not None else "" for r in rows or []]


def _read_meta(rows: Matrix | None) -> dict[str, str]:
    labels = {label: key for key, label in META_LABELS.items()}
    meta: dict[str, str] = {}
    for line in _column_a(rows):
        label, sep, value = line.partition("：")
        if sep and label in labels:
            meta[labels[label]] = value.strip()
    return meta


_LEAD = re.compile(r"^(（[一二三四五六七八九十]+）[^。：:！？]{1,60})([。：:！？])")


def _read_text(report: Report, rows: Matrix, log: list[str]) -> None:
    """Title, preamble and sections from the 正文 sheet, in the order document.blocks() printed them."""
    fmt = report.format
    headings = {norm(s.title): s.key for s in fmt.sections}
    meta_labels = {*META_LABELS.values(), FORMAT_LABEL}
    table_ref = re.compile(re.escape(TABLE_REF).replace(re.escape("{sheet}"), ".*"))
    lines = [line for line in _column_a(rows) if line]
    if not lines:
        log.append("正文工作表是空的，正文留空。")
        return
    title, lines = lines[0], lines[1:]
    report.title = "" if title == report.display_title else title
    section: str | None = None
    preamble: list[str] = []
    current: TextBlock | None = None
    for line in lines:
        if line.partition("：")[0] in meta_labels and section is None:
            continue
        if norm(line) in headings:
            section = headings[norm(line)]
            report.sections[section].parts = []
            current = report.sections[section].intro
            continue
        if table_ref.fullmatch(line):
            continue
        text = line.removeprefix(INDENT).strip()
        if section is None or current is None:      # (current is set with section)
            preamble.append(text)
            continue
        m = _LEAD.match(text)
        if m:
            lead_end = m.group(2)
            title = m.group(1) + ("" if lead_end == "。" else lead_end)
            current = TextBlock(title)
            report.sections[section].parts.append(current)
            text = text[m.end():].strip()
            if not text:
                continue
        current.text = f"{current.text}\n{text}" if current.text else text
    report.preamble = "\n".join(preamble)
    missing = [s.title for s in fmt.sections if norm(s.title) not in {norm(x) for x in lines}]
    if missing:
        log.append("正文中没有找到以下标题，相应内容留空：" + "、".join(missing) + "。")
