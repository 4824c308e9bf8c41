"""Word (.docx) export in the official layout, for the superior office and the portal attachment.

Walks `document.blocks()` and each table's grid, so Word prints the same words in
the same order as the PDF, with the official merged cells as real gridSpan/vMerge.
Page and type follow GB/T 9704 (公文格式): A4, margins 37/35/28/26 mm, title in
宋体 22 pt, body 仿宋 16 pt on a fixed 28.95 pt line (22 lines a page), headings
黑体, sub-part titles 楷体, page numbers "— 1 —".

Also holds what the web-page export shares with it: the printed cell texts and the
column widths of the official tables.
"""
from __future__ import annotations

import io
import math
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..document import Heading, Paragraph, TableBlock, Title, blocks, cell_texts
from ..formats import Role, Table
from ..report import Report
from ..storage import GikFileError, write_atomic

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
PAGE_NUMBER_PT = 14

PAGE_MM = (210, 297)
MARGIN_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_MM = PAGE_MM[1] - MARGIN_MM["top"] - MARGIN_MM["bottom"]
TYPE_WIDTH_MM = PAGE_MM[0] - MARGIN_MM["left"] - MARGIN_MM["right"]
KEEP_HEAD_ROWS = 2         # a table too long for one page still never leaves its header alone at a page foot
FOOTER_MM = 23             # puts the page number about 7 mm below the type area
CELL_PAD_MM = 1
ROW_MM = 6.5              # rows at least this tall keep the figures easy to read

# Column widths follow the longest single-column text, within these limits (characters).
LABEL_CHARS = (4, 12)
DATA_CHARS = (3, 5)
LABEL_SHARE = 0.4          # data columns narrow down (to 3 characters) to leave labels this share

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
        if isinstance(block, (Title, Heading)):
            para = doc.add_paragraph(_clean(block.text))
            para._p.style = STYLE_IDS[STYLE_TITLE if isinstance(block, Title) else STYLE_HEADING]
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
    """"— 1 —" centred in the footer, from a PAGE field so Word/WPS number every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt
    footer = doc.sections[0].footer
    para = footer.paragraphs[0]
    fmt = para.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    fmt._element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "0")
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

def _natural_chars(table: Table) -> tuple[list[int], set[int]]:
    """Characters each column wants on one line (its longest single-column text), and the data columns.

    A label spanning several rows may wrap onto them, so it asks for half its length.
    """
    chars = [0] * table.n_cols
    data_cols = {g.col for g in table.grid if g.role is Role.DATA and g.colspan == 1}
    data_cols |= set(range(table.label_cols, table.n_cols))
    for g in table.grid:
        if g.colspan == 1 and g.role is not Role.DATA:
            wanted = -(-len(g.text) // 2) if g.rowspan > 1 else len(g.text)
            chars[g.col] = max(chars[g.col], wanted)
    return [min(max(c, LABEL_CHARS[0]), LABEL_CHARS[1]) for c in chars], data_cols


def column_widths(table: Table, total_mm: float, size_pt: float) -> list[float]:
    """Column widths (mm) filling `total_mm`: data columns all alike and wide enough for their
    headers where room allows (at least 3 characters), label columns sharing the rest."""
    char_mm = size_pt * 25.4 / 72
    pad = 2 * CELL_PAD_MM
    chars, data_cols = _natural_chars(table)
    labels = [c for c in range(table.n_cols) if c not in data_cols]
    longest_header = max(chars[c] for c in data_cols)
    data_chars = DATA_CHARS[0]
    for n in range(min(max(longest_header, DATA_CHARS[0]), DATA_CHARS[1]), DATA_CHARS[0] - 1, -1):
        data_chars = n
        if not labels or len(data_cols) * (n * char_mm + pad) <= (1 - LABEL_SHARE) * total_mm:
            break
    widths = [data_chars * char_mm + pad if c in data_cols else chars[c] * char_mm + pad
              for c in range(table.n_cols)]
    excess = sum(widths) - total_mm
    if excess <= 0 or not labels:
        return [w * total_mm / sum(widths) for w in widths]
    # Too wide: the longest labels wrap first, down to LABEL_CHARS[0] characters.
    floor = LABEL_CHARS[0] * char_mm + pad
    slack = sum(widths[c] - floor for c in labels)
    if slack > 0:
        cut = min(1.0, excess / slack)
        for c in labels:
            widths[c] -= (widths[c] - floor) * cut
    return [w * total_mm / sum(widths) for w in widths]


def table_font_pt(table: Table) -> float:
    """Type size of a table's cells."""
    sizes = sorted(TABLE_PT_BY_COLS.items())
    return next((pt for cols, pt in sizes if table.n_cols <= cols), sizes[-1][1])


def _add_table(doc: Any, table: Table, values: dict[str, str], style_id: str) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    size_pt = table_font_pt(table)
    widths = [Mm(w) for w in column_widths(table, TYPE_WIDTH_MM, size_pt)]
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
        _row_properties(row, repeat=r < table.header_rows)

    for g in table.grid:
        if g.rowspan > 1 or g.colspan > 1:
            corner = (g.row + g.rowspan - 1) * table.n_cols + g.col + g.colspan - 1
            cells[g.row * table.n_cols + g.col].merge(cells[corner])
    for g in table.grid:
        cell = cells[g.row * table.n_cols + g.col]
        para = cell.paragraphs[0]
        para._p.style = style_id
        if g.role is Role.LABEL:
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        text = values.get(g.cell_id, "") if g.role is Role.DATA else g.text
        if text:
            run = para.add_run(_clean(text))
            run.font.size = size
            if g.role in (Role.TITLE, Role.HEADER):
                run.bold = True
        _cell_middle(cell)
    whole = estimated_height_mm(table, [w.mm for w in widths], size_pt, values) <= TYPE_AREA_MM
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


def _row_properties(row: Any, repeat: bool) -> None:
    """Rows never split across pages; header rows repeat on every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(round(ROW_MM / 25.4 * 1440)))
    height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(height)
    if repeat:
        tr_pr.append(OxmlElement("w:tblHeader"))


def estimated_height_mm(table: Table, widths_mm: list[float], size_pt: float, values: dict[str, str]) -> float:
    """About how tall the table prints: each row as tall as its most wrapped single-row cell."""
    char_mm = size_pt * 25.4 / 72
    line_mm = char_mm * 1.2
    rows = [1] * table.n_rows
    for g in table.grid:
        if g.rowspan == 1:
            text = values.get(g.cell_id, "") if g.role is Role.DATA else g.text
            room = max(sum(widths_mm[g.col:g.col + g.colspan]) - 2 * CELL_PAD_MM, char_mm)
            wide = sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text) * char_mm
            rows[g.row] = max(rows[g.row], math.ceil(wide / room))
    return sum(max(ROW_MM, n * line_mm + 0.5) for n in rows)


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
