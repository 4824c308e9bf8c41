"""Word (.docx) export in the official layout, for the superior office and the portal attachment.

Walks `document.blocks()` and each table's grid, so Word prints the same words in
the same order as the PDF, with the official merged cells as real gridSpan/vMerge.
Page and type follow GB/T 9704 (公文格式): A4, margins 37/35/28/26 mm, title in
宋体 22 pt broken where the PDF breaks it, body 仿宋 16 pt on a fixed 28.95 pt line
(22 lines a page), headings 黑体, sub-part titles 楷体, page numbers
"— 1 —" at the right of odd pages and the left of even ones. Tables get the PDF's
column widths (`table_layout`) and its even line breaks (`linebreak`); a table that
fits on a page is kept on one page.

Also holds what the web-page export shares with it: the column widths of the official tables.
"""
from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import Heading, Paragraph, TableBlock, Title, blocks, cell_texts
from ..formats import Role, Table
from ..report import Report
from ..storage import GikFileError, write_atomic
from . import table_layout
from .linebreak import approx_width, set_lines, title_lines

TITLE_FONT = "宋体"        # 小标宋 is not on every office PC; bold 宋体 is the usual stand-in
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LEAD_FONT = "楷体"
TABLE_FONT = "宋体"
PAGE_NUMBER_FONT = "宋体"

TITLE_PT = 22
BODY_PT = 16
LINE_PT = 28.95            # 22 lines in the 225 mm type area, as GB/T 9704 asks
TABLE_PT = 10.5
TABLE_PT_BY_COLS = {4: 10.5, 10: 10, 15: 9}   # the wider the table, the smaller: 四 has 15 columns
MIN_TABLE_PT = 8           # a table shrinks to this at most to fit the width or to stay on one page
PAGE_NUMBER_PT = 14

PAGE_MM = (210, 297)
MARGIN_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_MM = PAGE_MM[1] - MARGIN_MM["top"] - MARGIN_MM["bottom"]
TYPE_WIDTH_MM = PAGE_MM[0] - MARGIN_MM["left"] - MARGIN_MM["right"]
KEEP_HEAD_ROWS = 2         # a table too long for one page still never leaves its header alone at a page foot
FOOTER_MM = 23             # puts the page number about 7 mm below the type area
CELL_PAD_MM = 1
ROW_MM = 6.5              # rows at least this tall at 10.5 pt (less at smaller sizes) keep the figures easy to read
LINE_EM = 1.35            # a table line's height in Word, WPS and LibreOffice, at most (宋体 single spacing: 1.3)
PAGE_SLACK_MM = 10        # a table estimated this much shorter than the page is sure to fit on one
PT_PER_MM = 72 / 25.4
SLACK_PT = 1.0            # room kept free on each side of a cell's text for the borders and rounding

STYLE_TITLE = "年报标题"
STYLE_HEADING = "年报一级标题"
STYLE_TABLE = "年报表格"
STYLE_LEAD = "年报分项标题"
# ASCII style ids, as Word itself writes them for Chinese style names.
STYLE_IDS = {STYLE_TITLE: "GikTitle", STYLE_HEADING: "GikHeading1", STYLE_LEAD: "GikLead", STYLE_TABLE: "GikTable"}

# XML 1.0 cannot hold these; a .gik text may (JSON allows them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def export(report: Report, path: Path) -> None:
    """Write the report as a Word document; GikFileError (Chinese) when it cannot be written."""
    write_atomic(Path(path), render(report))


def render(report: Report) -> bytes:
    """The .docx file's bytes."""
    try:
        import docx
    except ImportError:
        raise GikFileError("无法导出Word文件：缺少 python-docx 组件，请重新安装本程序。") from None
    doc = docx.Document()
    _setup_page(doc)
    _setup_styles(doc)
    _add_page_numbers(doc)
    _set_properties(doc, report)
    # Style ids go on the XML directly: python-docx looks a style up by name in the whole
    # style sheet on every assignment, which made the export take seconds.
    values = cell_texts(report)
    for block in blocks(report):
        if isinstance(block, Title):
            para = doc.add_paragraph()
            para._p.style = STYLE_IDS[STYLE_TITLE]
            lines = title_lines(_clean(block.text).replace("\n", " "), TYPE_WIDTH_MM * PT_PER_MM, TITLE_PT)
            _add_lines(para, lines)
        elif isinstance(block, Heading):
            para = doc.add_paragraph(_clean(block.text))
            para._p.style = STYLE_IDS[STYLE_HEADING]
        elif isinstance(block, Paragraph):
            para = doc.add_paragraph()
            if block.lead:
                para.add_run(_clean(block.lead))._r.style = STYLE_IDS[STYLE_LEAD]
            if block.text:
                para.add_run(_clean(block.text))
        elif isinstance(block, TableBlock):
            _add_table(doc, block.table, values, STYLE_IDS[STYLE_TABLE])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()



def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add_lines(para: Any, lines: list[str]) -> list[Any]:
    """The lines as runs with a line break (w:br) between them; the runs."""
    runs = []
    for i, line in enumerate(lines):
        run = para.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
        runs.append(run)
    return runs


# ---- page, styles, footer -----------------------------------------------------------

def _setup_page(doc: Any) -> None:
    from docx.shared import Mm
    for section in doc.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin = Mm(MARGIN_MM["top"])
        section.bottom_margin = Mm(MARGIN_MM["bottom"])
        section.left_margin = Mm(MARGIN_MM["left"])
        section.right_margin = Mm(MARGIN_MM["right"])
        section.footer_distance = Mm(FOOTER_MM)


def _set_fonts(element: Any, name: str) -> None:
    """Name the font for every script, East Asian included; drop theme fonts, which would win."""
    from docx.oxml.ns import qn
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _first_line_indent_chars(paragraph_format: Any, chars: int, size_pt: float) -> None:
    """Indent by whole characters (Word/WPS keep it right when the font size changes)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt
    paragraph_format.first_line_indent = Pt(chars * size_pt)
    ind = paragraph_format._element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _fixed_lines(paragraph_format: Any, line_pt: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(line_pt)
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _setup_styles(doc: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    # Document defaults: 仿宋, and Chinese as the East Asian language (line breaking, spell check).
    r_pr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), BODY_FONT)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")

    normal = doc.styles["Normal"]
    _set_fonts(normal.element, BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _fixed_lines(normal.paragraph_format, LINE_PT)
    _first_line_indent_chars(normal.paragraph_format, 2, BODY_PT)

    title = doc.styles.add_style(STYLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    title.style_id = STYLE_IDS[STYLE_TITLE]
    title.base_style = normal
    _set_fonts(title.element, TITLE_FONT)
    title.font.size = Pt(TITLE_PT)
    title.font.bold = True
    fmt = title.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fixed_lines(fmt, 36)
    fmt.first_line_indent = Pt(0)
    fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    fmt.space_after = Pt(LINE_PT)       # one empty body line between title and text
    fmt.keep_with_next = True
    _outline_level(title, 0, OxmlElement, qn)

    heading = doc.styles.add_style(STYLE_HEADING, WD_STYLE_TYPE.PARAGRAPH)
    heading.style_id = STYLE_IDS[STYLE_HEADING]
    heading.base_style = normal
    _set_fonts(heading.element, HEADING_FONT)
    heading.font.size = Pt(BODY_PT)
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.keep_with_next = True
    _outline_level(heading, 1, OxmlElement, qn)

    lead = doc.styles.add_style(STYLE_LEAD, WD_STYLE_TYPE.CHARACTER)
    lead.style_id = STYLE_IDS[STYLE_LEAD]
    _set_fonts(lead.element, LEAD_FONT)

    table = doc.styles.add_style(STYLE_TABLE, WD_STYLE_TYPE.PARAGRAPH)
    table.style_id = STYLE_IDS[STYLE_TABLE]
    table.base_style = normal
    _set_fonts(table.element, TABLE_FONT)
    table.font.size = Pt(TABLE_PT)
    fmt = table.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.line_spacing = 1.0
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")


def _outline_level(style: Any, level: int, OxmlElement: Any, qn: Any) -> None:
    """Show the title and headings in Word's navigation pane."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(outline)


def _add_page_numbers(doc: Any) -> None:
    """"— 1 —" from a PAGE field, so Word/WPS number every page. GB/T 9704: 单页码居右空一字，
    双页码居左空一字 — odd pages at the right, even pages at the left, one 四号 character in
    (different odd and even footers)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(para: Any, alignment: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt
    fmt = para.paragraph_format
    fmt.alignment = alignment
    fmt.first_line_indent = Pt(0)
    fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)
    fmt.line_spacing = 1.0

    def run(text: str = "") -> Any:
        r = para.add_run(text)
        _set_fonts(r._r, PAGE_NUMBER_FONT)
        r.font.size = Pt(PAGE_NUMBER_PT)
        return r

    def field_char(kind: str) -> None:
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run()._r.append(mark)

    run("— ")
    field_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run()._r.append(instr)
    field_char("separate")
    run("1")
    field_char("end")
    run(" —")


CORE_PROPERTY_MAX = 255


def _set_properties(doc: Any, report: Report) -> None:
    props = doc.core_properties
    # python-docx refuses core properties over 255 characters (a title or organ name may have 1,000).
    props.title = _clean(report.display_title)[:CORE_PROPERTY_MAX]
    props.author = props.last_modified_by = _clean(report.meta.organ_name)[:CORE_PROPERTY_MAX]
    props.subject = "政府信息公开工作年度报告"
    props.keywords = props.comments = props.category = ""
    props.language = "zh-CN"
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None)
    props.revision = 1


# ---- tables ------------------------------------------------------------------------------

_PAD = CELL_PAD_MM * PT_PER_MM + SLACK_PT     # what a cell's text must leave free on each side (points)


def _measure(size_pt: float) -> table_layout.Measure:
    return lambda text: approx_width(text, size_pt)


def _layout(table: Table, total_mm: float, size_pt: float,
            values: dict[str, str]) -> tuple[list[table_layout.Cell], list[float] | None]:
    """The table's cells and its column widths (mm) at `size_pt`, or None when they do not fit."""
    cells = table_layout.cells(table, values)
    widths = table_layout.widths(cells, table.n_cols, total_mm * PT_PER_MM, _measure(size_pt), size_pt, _PAD)
    return cells, None if widths is None else [w / PT_PER_MM for w in widths]


def column_widths(table: Table, total_mm: float, size_pt: float, values: dict[str, str] | None = None) -> list[float]:
    """Column widths (mm) filling `total_mm`, computed like the PDF's (`table_layout`): every column
    as wide as its longest number and its header, the spare width to where the most text wraps."""
    values = values or {}
    widths = _layout(table, total_mm, size_pt, values)[1]
    if widths is None:      # not even the numbers fit (ten-digit counts in all fifteen columns): they may wrap
        cells = table_layout.cells(table, values)
        found = table_layout.widths(cells, table.n_cols, total_mm * PT_PER_MM, _measure(size_pt), size_pt, _PAD,
                                    break_numbers=True)
        widths = [total_mm / table.n_cols] * table.n_cols if found is None else [w / PT_PER_MM for w in found]
    return widths


def table_font_pt(table: Table) -> float:
    """Type size of a table's cells."""
    sizes = sorted(TABLE_PT_BY_COLS.items())
    return next((pt for cols, pt in sizes if table.n_cols <= cols), sizes[-1][1])


def _cell_lines(cell: table_layout.Cell, width_mm: float, size_pt: float) -> list[str]:
    """The lines a label or header is set in: the PDF's even breaks, estimated for Word's fonts."""
    return list(_lines(cell.text, cell.group, round(width_mm * PT_PER_MM - 2 * _PAD, 3), size_pt))


@lru_cache(maxsize=4096)
def _lines(text: str, group: bool, room: float, size_pt: float) -> tuple[str, ...]:
    lines = set_lines([(text, "")], room, lambda piece, _font: approx_width(piece, size_pt),
                      balance=True, ordinal_line=group)
    return tuple("".join(a.text for a in atoms) for atoms, _, _ in lines) or (text,)


def _fitting_size(table: Table, values: dict[str, str]) -> tuple[float, list[table_layout.Cell], list[float], bool]:
    """The table's type size, cells, column widths (mm) and whether it stays on one page: the usual size,
    smaller (to MIN_TABLE_PT) when the columns do not fit or a table that could stay on one page would not."""
    size = table_font_pt(table)
    while True:
        cells, widths = _layout(table, TYPE_WIDTH_MM, size, values)
        if widths is not None:
            whole = estimated_height_mm(cells, widths, size) <= TYPE_AREA_MM - PAGE_SLACK_MM
            if whole or size <= MIN_TABLE_PT:
                return size, cells, widths, whole
        elif size <= MIN_TABLE_PT:
            return size, cells, column_widths(table, TYPE_WIDTH_MM, size, values), False
        size = max(MIN_TABLE_PT, size - 0.5)


def _add_table(doc: Any, table: Table, values: dict[str, str], style_id: str) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    size_pt, layout, widths_mm, whole = _fitting_size(table, values)
    widths = [Mm(w) for w in widths_mm]
    size = Pt(size_pt)

    grid = doc.add_table(rows=table.n_rows, cols=table.n_cols)
    grid.autofit = False
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The cells as laid out before merging (grid.cell() re-reads the whole table on every call).
    # Spans never overlap, so the corner cells of every span are still valid after other merges.
    cells = grid._cells
    for col, w in zip(grid.columns, widths):
        col.width = w
    for i, cell in enumerate(cells):
        cell.width = widths[i % table.n_cols]
    _table_properties(grid, Mm(TYPE_WIDTH_MM))
    for r, row in enumerate(grid.rows):
        _row_properties(row, _row_mm(size_pt), repeat=r < table.header_rows)

    for g in table.grid:
        if g.rowspan > 1 or g.colspan > 1:
            corner = (g.row + g.rowspan - 1) * table.n_cols + g.col + g.colspan - 1
            cells[g.row * table.n_cols + g.col].merge(cells[corner])
    for g, c in zip(table.grid, layout):
        cell = cells[g.row * table.n_cols + g.col]
        para = cell.paragraphs[0]
        para._p.style = style_id
        if not c.centered:
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if c.text:
            lines = [c.text] if g.role is Role.DATA else \
                _cell_lines(c, sum(widths_mm[c.col:c.col + c.colspan]), size_pt)
            for run in _add_lines(para, [_clean(line) for line in lines]):
                run.font.size = size
                if g.role in (Role.TITLE, Role.HEADER):
                    run.bold = True
        _cell_middle(cell)
    _keep_together(grid, table.n_rows - 1 if whole else table.header_rows + KEEP_HEAD_ROWS)


def _insert(parent: Any, child: Any, successors: tuple[str, ...]) -> None:
    """Put `child` where the schema wants it (Word refuses files with elements out of order)."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    parent.insert_element_before(child, *successors)


def _table_properties(grid: Any, width: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tbl_pr = grid._tbl.tblPr

    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(width.twips))
    tbl_w.set(qn("w:type"), "dxa")
    _insert(tbl_pr, tbl_w, ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                            "w:tblLayout", "w:tblCellMar", "w:tblLook"))

    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")          # ½ pt: the thin black rule of the official form
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    _insert(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))

    margins = OxmlElement("w:tblCellMar")
    pad = str(round(CELL_PAD_MM / 25.4 * 1440))
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), pad)
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    _insert(tbl_pr, margins, ("w:tblLook",))
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)


def _row_mm(size_pt: float) -> float:
    """The least height of a table row at this type size."""
    return ROW_MM * size_pt / TABLE_PT


def _row_properties(row: Any, height_mm: float, repeat: bool) -> None:
    """Rows never split across pages; header rows repeat on every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(round(height_mm / 25.4 * 1440)))
    height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(height)
    if repeat:
        tr_pr.append(OxmlElement("w:tblHeader"))


def estimated_height_mm(cells: list[table_layout.Cell], widths_mm: list[float], size_pt: float) -> float:
    """About how tall the table prints (never less): each row as tall as its most wrapped single-row cell."""
    line_mm = size_pt * LINE_EM / PT_PER_MM
    rows = [1] * (max(c.row for c in cells) + 1)
    for c in cells:
        if c.rowspan == 1 and c.text:
            rows[c.row] = max(rows[c.row], len(_cell_lines(c, sum(widths_mm[c.col:c.col + c.colspan]), size_pt)))
    return sum(max(_row_mm(size_pt), n * line_mm + 1) for n in rows)


def _keep_together(grid: Any, rows: int) -> None:
    """The first `rows` rows keep with the next one. A table that fits on a page is kept
    whole (it moves to the next page with its heading rather than split); a longer one
    keeps at least its header and first rows together."""
    from docx.oxml.ns import qn
    for tr in grid._tbl.tr_lst[:rows]:
        for p in tr.iter(qn("w:p")):
            p.get_or_add_pPr().keepNext_val = True


def _cell_middle(cell: Any) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
