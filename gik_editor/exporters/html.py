"""Web-page export: one self-contained UTF-8 HTML file for the portal's 年报 column.

Walks `document.blocks()` and each table's grid into semantic markup (<h1>/<h2>/<p>,
<table> with rowspan/colspan and <th> for every label). Clerks paste the page into
the portal's rich-text editor, which keeps inline `style` attributes but usually
drops <style> blocks and classes, so every look that matters is inline. No scripts,
no external links; wide tables scroll sideways inside their own box on a phone.
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from ..document import Heading, Paragraph, TableBlock, Title, blocks, cell_texts
from ..formats import GridCell, Role, Table
from ..report import Report
from ..storage import write_atomic
from .docx import TYPE_WIDTH_MM, column_widths, table_font_pt

# C0 controls other than tab/newline are not allowed in HTML text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

SONG = "'SimSun','宋体','Songti SC','AR PL UMing CN',serif"
STYLE_ARTICLE = ("max-width:800px;margin:0 auto;padding:16px;color:#000;background:#fff;"
                 "font-family:'FangSong','仿宋','STFangsong','FangSong_GB2312',serif;"
                 "font-size:16px;line-height:1.8;overflow-wrap:anywhere;word-break:break-word;")
STYLE_TITLE = (f"font-family:'方正小标宋简体','FZXiaoBiaoSong-B05S',{SONG};"
               "font-size:24px;line-height:1.5;text-align:center;margin:0.5em 0 1em;")
STYLE_HEADING = ("font-family:'SimHei','黑体','Heiti SC','WenQuanYi Micro Hei',sans-serif;"
                 "font-size:17px;font-weight:normal;text-indent:2em;margin:0.8em 0 0.2em;")
STYLE_PARA = "text-indent:2em;text-align:justify;margin:0;"
STYLE_LEAD = "font-family:'KaiTi','楷体','STKaiti','AR PL UKai CN',serif;font-weight:bold;"
STYLE_WRAP = "overflow-x:auto;margin:0.6em 0 1em;"
STYLE_TABLE = (f"border-collapse:collapse;margin:0 auto;font-family:{SONG};"
               "font-size:14px;line-height:1.4;text-indent:0;word-break:normal;overflow-wrap:normal;")
STYLE_CELL = "border:1px solid #000;padding:4px 5px;text-align:center;vertical-align:middle;"
STYLE_BY_ROLE = {
    Role.TITLE: STYLE_CELL + "font-weight:bold;",
    Role.HEADER: STYLE_CELL + "font-weight:bold;",
    Role.NOTE: STYLE_CELL + "font-weight:normal;",
    Role.LABEL: STYLE_CELL + "font-weight:normal;text-align:left;",
    Role.DATA: STYLE_CELL,
    Role.BLANK: STYLE_CELL,
}
WIDE_COL_PX = 52            # a table of more than four columns keeps at least this per column


def export(report: Report, path: Path) -> None:
    """Write the report as a web page; GikFileError (Chinese) when it cannot be written."""
    write_atomic(Path(path), render(report).encode("utf-8"))


def render(report: Report) -> str:
    """The whole HTML document."""
    values = cell_texts(report)
    body: list[str] = []
    for block in blocks(report):
        if isinstance(block, Title):
            body.append(f'<h1 style="{STYLE_TITLE}">{_text(block.text)}</h1>')
        elif isinstance(block, Heading):
            body.append(f'<h2 style="{STYLE_HEADING}">{_text(block.text)}</h2>')
        elif isinstance(block, Paragraph):
            lead = f'<strong style="{STYLE_LEAD}">{_text(block.lead)}</strong>' if block.lead else ""
            body.append(f'<p style="{STYLE_PARA}">{lead}{_text(block.text)}</p>')
        elif isinstance(block, TableBlock):
            body.append(table_html(block.table, values))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(report.display_title)}</title>",
        "</head>",
        '<body style="margin:0;background:#fff;">',
        f'<article style="{STYLE_ARTICLE}">',
        *body,
        "</article>",
        "</body>",
        "</html>",
        "",
    ])


def _text(text: str) -> str:
    return escape(_NOT_TEXT.sub("", text), quote=True)


def table_html(table: Table, values: dict[str, str]) -> str:
    """One official table: header rows in <thead>, every label a <th>, spans as in the form."""
    rows: list[list[str]] = [[] for _ in range(table.n_rows)]
    for g in sorted(table.grid, key=lambda g: (g.row, g.col)):
        rows[g.row].append(_cell_html(g, values))
    min_width = f"min-width:{table.n_cols * WIDE_COL_PX}px;" if table.n_cols > 4 else "width:100%;"
    widths = column_widths(table, TYPE_WIDTH_MM, table_font_pt(table))   # as on the printed page
    cols = "".join(f'<col style="width:{100 * w / TYPE_WIDTH_MM:.1f}%">' for w in widths)
    # border="1" too: the few portal editors that strip style from cells still keep the grid.
    out = [f'<div style="{STYLE_WRAP}">', f'<table border="1" style="{STYLE_TABLE}{min_width}">',
           f"<colgroup>{cols}</colgroup>"]
    if table.header_rows:
        out.append("<thead>")
        out += [f"<tr>{''.join(cells)}</tr>" for cells in rows[:table.header_rows]]
        out.append("</thead>")
    out.append("<tbody>")
    out += [f"<tr>{''.join(cells)}</tr>" for cells in rows[table.header_rows:]]
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


def _cell_html(g: GridCell, values: dict[str, str]) -> str:
    spans = ""
    if g.rowspan > 1:
        spans += f' rowspan="{g.rowspan}"'
    if g.colspan > 1:
        spans += f' colspan="{g.colspan}"'
    style = f' style="{STYLE_BY_ROLE[g.role]}"'
    if g.role in (Role.DATA, Role.BLANK):
        return f"<td{spans}{style}>{_text(values.get(g.cell_id, ''))}</td>"
    scope = {Role.LABEL: ' scope="row"', Role.TITLE: ' scope="colgroup"',
             Role.HEADER: ' scope="colgroup"' if g.colspan > 1 else ' scope="col"'}.get(g.role, "")
    return f"<th{spans}{scope}{style}>{_text(g.text)}</th>"
