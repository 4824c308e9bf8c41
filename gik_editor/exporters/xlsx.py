"""Excel export: the official tables as live sheets, the text, and the whole report for reading back.

Walks the format description only: each table's grid gives labels, merged
cells and data positions, its sums become SUM formulas. A hidden sheet
carries the .gik content so that importers.xlsx reads the report back exactly.
Nothing taken from the report is ever written as a formula, link or macro.
"""
from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.worksheet import Worksheet

from .. import document, storage
from ..formats import CellKind, Format, Role, Table
from ..report import Report, Value
from ..totals import compute_totals
from . import xlsx_cache, xlsx_data
from .xlsx_cells import clean, put_formula, put_text
from .xlsx_sizes import Item, column_widths, height_for, line_count, row_heights

FONT = "宋体"
TEXT_SHEET = "正文"
TOP = 3                   # Excel row of a table's first grid row (row 1 title, row 2 organ and year)
TEXT_WIDTH = 78           # width of the 正文 column: fits A4 portrait unscaled (LibreOffice does not scale it)
PARAGRAPH_CHUNK = 1000    # longer paragraphs continue in the next row (a row is at most 409 pt high)
LANDSCAPE_ABOVE = 145     # total column width beyond which a table is printed landscape
WIDE_HEADER, NARROW_HEADER = 16.0, 10.0   # a column header may widen its column this far, or wraps
PORTRAIT_WIDTH = 100      # total column width that prints on A4 portrait unscaled
DATA_WIDTH = 16.0         # widest number column
LABEL_WIDTH = 32.0        # widest row-label column; longer labels wrap (table 三 stays one portrait page)
INDENT = "\u3000\u3000"   # first-line indent of a Chinese paragraph

META_LABELS = {           # Meta field → label on the 正文 sheet (importers.xlsx reads them back)
    "organ_name": "机关全称", "organ_type": "机关类型", "year": "报告年度", "address": "通讯地址",
    "phone": "联系电话", "postcode": "邮政编码", "email": "电子邮箱", "website": "网站",
    "publish_date": "发布日期", "drafter": "拟稿人", "reviewer": "审核人", "signer": "签发人",
}
ALWAYS_SHOWN = ("organ_name", "year")
FORMAT_LABEL = "报告格式"
MONEY_UNIT_NOTE = "注：{label}的单位为{unit}。"
TABLE_REF = "（表格见工作表“{sheet}”）"
FOOTER = "第 &P 页，共 &N 页"

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BLANK_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
BAD_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE", bgColor="FFC7CE")
BAD_FONT = Font(color="9C0006")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def export(report: Report, path: Path) -> None:
    """Write the workbook atomically; GikFileError (Chinese) when it cannot be written."""
    storage.write_atomic(Path(path), workbook_bytes(report))


def workbook_bytes(report: Report) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = clean(report.display_title)
    wb.properties.creator = "政府信息公开年报编辑器"
    wb.calculation.fullCalcOnLoad = True      # totals recompute in whatever application opens the file
    fmt = report.format
    sheet_names = table_sheet_names(fmt)
    _text_sheet(wb.create_sheet(TEXT_SHEET), report, sheet_names)
    cached: dict[str, dict[str, object]] = {}
    for table in fmt.tables:
        ws = wb.create_sheet(sheet_names[table.id])
        cached[ws.title] = _table_sheet(ws, report, table)
    _data_sheet(wb.create_sheet(xlsx_data.SHEET), report)
    buf = io.BytesIO()
    wb.save(buf)
    return xlsx_cache.fill(buf.getvalue(), [wb.sheetnames.index(name) + 1 for name in cached], list(cached.values()))


def table_sheet_names(fmt: Format) -> dict[str, str]:
    """Table id → sheet name: the section heading, within Excel's rules for sheet names."""
    return {t.id: _SHEET_NAME_BAD.sub("", fmt.section(t.section).title)[:31] for t in fmt.tables}


# ---- a table --------------------------------------------------------------------

def _font(size: float = 11, bold: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold)


def _table_sheet(ws: Worksheet, report: Report, table: Table) -> dict[str, object]:
    """Lay out one official table; returns the cached results of its formula cells by address."""
    fmt = report.format
    texts = document.cell_texts(report)
    computed = compute_totals(report)
    sums = {s.target: s for s in table.sums}
    addr = {g.cell_id: f"{get_column_letter(g.col + 1)}{g.row + TOP}" for g in table.grid if g.cell_id}
    cached: dict[str, object] = {}
    last_col = get_column_letter(table.n_cols)
    ws.sheet_view.showGridLines = False

    put_text(ws, 1, 1, fmt.section(table.section).title).font = _font(14, True)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    put_text(ws, 2, 1, _organ_line(report)).font = _font()
    ws.merge_cells(f"A2:{last_col}2")

    for r in range(TOP, TOP + table.n_rows):          # every position of the form gets its border
        for c in range(1, table.n_cols + 1):
            ws.cell(r, c).border = BORDER
    items: list[Item] = []
    for g in table.grid:
        r, c = g.row + TOP, g.col + 1
        cell = ws.cell(r, c)
        if g.role is Role.DATA:
            spec = fmt.cells[g.cell_id]
            cell.alignment = Alignment(horizontal="right", vertical="center")
            cell.number_format = "General" if spec.kind is CellKind.MONEY else "0"
            cell.font = _font()
            if g.cell_id in sums:
                put_formula(ws, r, c, "=" + _sum_formula(sums[g.cell_id].parts, addr))
                cached[cell.coordinate] = _number(computed.get(g.cell_id))
            else:
                value = report.values.get(g.cell_id)
                cell.value = None if value is None else _number(value)
            items.append(Item(g.row, g.col, texts[g.cell_id], g.rowspan, g.colspan, DATA_WIDTH))
        elif g.role is Role.BLANK:
            cell.fill = BLANK_FILL
        else:
            put_text(ws, r, c, g.text)
            cell.font = _font(bold=g.role is Role.TITLE)
            left = g.role is Role.LABEL and g.rowspan == 1
            cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
            label = g.col < table.label_cols
            items.append(Item(g.row, g.col, g.text, g.rowspan, g.colspan, LABEL_WIDTH if label else 0))
        if g.rowspan > 1 or g.colspan > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + g.rowspan - 1, end_column=c + g.colspan - 1)
    _size_table(ws, table, items)
    _conditional_formats(ws, report.format, table, addr)
    end = TOP + table.n_rows - 1
    end = _money_unit_note(ws, report, table, end)
    _print_setup(ws, table, end)
    if table.header_rows:
        ws.freeze_panes = ws.cell(TOP + table.header_rows, table.label_cols + 1)
    return cached


def _organ_line(report: Report) -> str:
    """'机关：洪合镇　　2020年度' under the table heading, so a forwarded sheet still says whose it is."""
    parts = []
    if report.meta.organ_name:
        parts.append(f"机关：{report.meta.organ_name}")
    if report.meta.year:
        parts.append(f"{report.meta.year}年度")
    return "\u3000\u3000".join(parts)


def _number(v: Value | None) -> int | float | None:
    """A cell value as Excel stores it: a whole Decimal that a double holds exactly as an int, else a float."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 2**53 else float(v)
    return v


def _sum_formula(parts: tuple[str, ...], addr: dict[str, str]) -> str:
    """IF(COUNT(x)=0,"",SUM(x)): blank parts give a blank total, as in the report."""
    refs = _ranges([addr[p] for p in parts])
    return f'IF(COUNT({refs})=0,"",SUM({refs}))'


def _ranges(cells: list[str], absolute: bool = False) -> str:
    """'D6,D7,D8,F2' → 'D6:D8,F2': runs down a column or along a row become ranges."""
    pos = [coordinate_to_tuple(a) for a in cells]

    def ref(r: int, c: int) -> str:
        return f"${get_column_letter(c)}${r}" if absolute else f"{get_column_letter(c)}{r}"

    out: list[str] = []
    i = 0
    while i < len(pos):
        j = i
        for step in ((1, 0), (0, 1)):
            while j + 1 < len(pos) and pos[j + 1] == (pos[j][0] + step[0], pos[j][1] + step[1]):
                j += 1
            if j > i:
                break
        out.append(ref(*pos[i]) if j == i else f"{ref(*pos[i])}:{ref(*pos[j])}")
        i = j + 1
    return ",".join(out)


def _size_table(ws: Worksheet, table: Table, items: list[Item]) -> None:
    data_cols = {g.col for g in table.grid if g.role is Role.DATA}
    mins = [9.0 if c in data_cols else 6.0 for c in range(table.n_cols)]
    for header in (WIDE_HEADER, NARROW_HEADER):        # unwrapped headers when the table still fits unscaled
        sized = [it if it.max_width else replace(it, max_width=header) for it in items]
        widths = column_widths(sized, table.n_cols, mins)
        if sum(widths) <= PORTRAIT_WIDTH:
            break
    items = sized
    for c, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(c + 1)].width = round(w, 1)
    for r, h in enumerate(row_heights(items, table.n_rows, widths)):
        ws.row_dimensions[r + TOP].height = h
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[2].height = 20


def _conditional_formats(ws: Worksheet, fmt: Format, table: Table, addr: dict[str, str]) -> None:
    """Cells turn red when an identity breaks after an edit: each sum, and the identities the rules check (T3-1)."""
    identities: list[tuple[tuple[str, ...], tuple[str, ...]]] = [((s.target,), s.parts) for s in table.sums]
    identities += [(i.left, i.right) for i in fmt.roles.identities]
    for left, right in identities:
        if not all(c in addr for c in left + right):
            continue
        a, b = (_ranges([addr[c] for c in side], absolute=True) for side in (left, right))
        rule = FormulaRule(formula=[f"ROUND(SUM({a})-SUM({b}),6)<>0"], fill=BAD_FILL, font=BAD_FONT)
        ws.conditional_formatting.add(" ".join(addr[c] for c in left + right), rule)


def _money_unit_note(ws: Worksheet, report: Report, table: Table, end: int) -> int:
    """The 2019 table prints no unit for 采购总金额; the unit the user chose goes in a note below."""
    if not report.money_unit:
        return end
    for spec in table.cells:
        if spec.kind is CellKind.MONEY and not spec.unit:
            end += 1
            put_text(ws, end, 1, MONEY_UNIT_NOTE.format(label=spec.col_label, unit=report.money_unit)).font = _font()
    return end


def _print_setup(ws: Worksheet, table: Table, end: int) -> None:
    wide = sum(ws.column_dimensions[get_column_letter(c + 1)].width for c in range(table.n_cols))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if wide > LANDSCAPE_ABOVE else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0                 # as many pages down as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if table.header_rows:
        ws.print_title_rows = f"{TOP}:{TOP + table.header_rows - 1}"
    ws.print_area = f"A1:{get_column_letter(table.n_cols)}{end}"
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.font = f"{FONT},常规"


# ---- 正文 --------------------------------------------------------------------------

def _text_sheet(ws: Worksheet, report: Report, sheet_names: dict[str, str]) -> None:
    ws.sheet_view.showGridLines = False
    ws.column_dimensions["A"].width = TEXT_WIDTH
    row = 0
    for cell_text, style in text_rows(report, sheet_names):
        row += 1
        plain = str(cell_text)
        cell = put_text(ws, row, 1, cell_text)
        if style == "title":
            cell.font = _font(16, True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.row_dimensions[row].height = max(36.0, height_for(line_count(plain, TEXT_WIDTH / 1.45)) * 1.45)
            continue
        cell.font = _font(bold=style == "heading")
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[row].height = height_for(line_count(plain, TEXT_WIDTH))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:A{max(row, 1)}"
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.font = f"{FONT},常规"


def text_rows(report: Report, sheet_names: dict[str, str]) -> list[tuple[str | CellRichText, str]]:
    """The 正文 sheet row by row: (cell text, style 'title'|'meta'|'heading'|'text'|'table').

    importers.xlsx compares these with the sheet to notice edits made in Excel.
    """
    rows: list[tuple[str | CellRichText, str]] = []
    meta = vars(report.meta)
    for block in document.blocks(report):
        if isinstance(block, document.Title):
            rows.append((clean(block.text), "title"))
            for key, label in META_LABELS.items():
                if meta[key] or key in ALWAYS_SHOWN:
                    rows.append((clean(f"{label}：{meta[key] or ''}"), "meta"))
            fmt = report.format
            rows.append((f"{FORMAT_LABEL}：{fmt.name}（{fmt.basis}）", "meta"))
        elif isinstance(block, document.Heading):
            rows.append((block.text, "heading"))
        elif isinstance(block, document.TableBlock):
            rows.append((TABLE_REF.format(sheet=sheet_names[block.table.id]), "table"))
        else:
            rows += [(chunk, "text") for chunk in _paragraph_cells(block)]
    return rows


def _paragraph_cells(p: document.Paragraph) -> list[str | CellRichText]:
    text = clean(p.text)
    pieces = [text[i:i + PARAGRAPH_CHUNK] for i in range(0, len(text), PARAGRAPH_CHUNK)] or [""]
    lead = clean(p.lead)
    first: str | CellRichText = INDENT + pieces[0]
    if lead:
        bold = InlineFont(rFont=FONT, b=True)
        first = CellRichText([TextBlock(bold, INDENT + lead), *([pieces[0]] if pieces[0] else [])])
    return [first, *pieces[1:]]


# ---- 数据 --------------------------------------------------------------------------

def _data_sheet(ws: Worksheet, report: Report) -> None:
    chunks, digest = xlsx_data.encode(report)
    ws["A1"], ws["B1"], ws["C1"], ws["D1"] = xlsx_data.MARKER, xlsx_data.VERSION, len(chunks), digest
    put_text(ws, 2, 1, xlsx_data.NOTE)
    for i, chunk in enumerate(chunks):
        put_text(ws, xlsx_data.FIRST_CHUNK_ROW + i, 1, chunk)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
