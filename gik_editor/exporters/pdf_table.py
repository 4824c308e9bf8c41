"""One official table as a reportlab Table, laid out from the format's grid.

The grid's rowspan/colspan become SPAN commands. Column widths follow the
text (like a browser's automatic table layout) and always fill the text width;
when the narrowest possible columns still do not fit (table 四 with huge
numbers), the font is made smaller. Row heights are measured here, spanned
cells included, so that no cell text is ever clipped.
"""
from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table as RLTable

from ..formats import Role, Table
from . import table_layout
from .pdf_text import CJKText
from .table_layout import Cell

Command = tuple[Any, ...]          # a reportlab TableStyle command: (name, start, end, *values)

FONT_SIZE = 10.5                     # 五号
MIN_FONT_SIZE = 7.0
PAD = 2.5                            # cell padding, points
GRID_WIDTH = 0.5


def _widths(cells: list[Cell], n_cols: int, avail: float, font: str, size: float,
            break_numbers: bool) -> list[float] | None:
    """Column widths filling `avail` (table_layout.widths with the font's own metrics)."""
    return table_layout.widths(cells, n_cols, avail, lambda t: stringWidth(t, font, size), size, PAD,
                               break_numbers)


def _paragraph(cell: Cell, font: str, size: float) -> CJKText:
    return CJKText([(cell.text, font)], size, round(size * 1.3, 2), align="center" if cell.centered else "left",
                   balance=True, ordinal_line=cell.group)


def build(table: Table, values: dict[str, str], font: str, avail_width: float,
          avail_height: float) -> tuple[RLTable, float]:
    """The table `table` filled with the printed `values` (cell id → text), `avail_width` points wide,
    and the height of its first block (what must fit on a page for the table to start there).

    The font shrinks (down to MIN_FONT_SIZE) until the widest row fits the width
    and the tallest block that may not break fits `avail_height`.
    """
    cells = table_layout.cells(table, values)
    keep = _keep_headers_with_data(table)
    size, break_numbers = FONT_SIZE, False
    while True:
        widths = _widths(cells, table.n_cols, avail_width, font, size, break_numbers)
        if widths is not None:
            data, heights, spans = _rows(table, cells, widths, font, size)
            tallest = max(sum(heights[r0:r1 + 1]) for _, (_, r0), (_, r1) in keep) if keep else 0
            if tallest <= avail_height or size <= MIN_FONT_SIZE:
                break
        if size > MIN_FONT_SIZE:
            size = max(MIN_FONT_SIZE, size - 0.5)
        else:
            break_numbers = True     # last resort: a number may wrap, but is never cut off
    style: list[Command] = [
        ("GRID", (0, 0), (-1, -1), GRID_WIDTH, colors.black),
        # a cell's own font, else reportlab sets Helvetica, which is never embedded
        ("FONT", (0, 0), (-1, -1), font, size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        *spans, *keep,
    ]
    first = sum(heights[:keep[0][2][1] + 1]) if keep else heights[0]
    return RLTable(data, colWidths=widths, rowHeights=heights, repeatRows=table.header_rows,
                   style=style, hAlign="CENTER"), first


def _rows(table: Table, cells: list[Cell], widths: list[float], font: str,
          size: float) -> tuple[list[list[Any]], list[float], list[Command]]:
    """Cell paragraphs, row heights that hold every cell's text (spanned cells too), SPAN commands."""
    data: list[list[Any]] = [[""] * table.n_cols for _ in range(table.n_rows)]
    one_line = size * 1.3 + 2 * PAD
    heights = [one_line] * table.n_rows
    spanned: list[tuple[Cell, float]] = []
    spans: list[Command] = []
    for c in cells:
        para = _paragraph(c, font, size)
        _, h = para.wrap(sum(widths[c.col:c.col + c.colspan]) - 2 * PAD, 10**6)
        need = h + 2 * PAD
        data[c.row][c.col] = para
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], need)
        else:
            spanned.append((c, need))
        if c.rowspan > 1 or c.colspan > 1:
            spans.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
    for c, need in sorted(spanned, key=lambda s: s[0].rowspan):
        rows = range(c.row, c.row + c.rowspan)
        short = need - sum(heights[r] for r in rows)
        if short > 0:
            for r in rows:
                heights[r] += short / c.rowspan
    return data, heights, spans


def _keep_headers_with_data(table: Table) -> list[Command]:
    """NOSPLIT over each block of title/header rows and the data rows that follow them.

    A block title (第二十条第（五）项) never ends a page without its rows; a table
    still breaks between blocks, and its header_rows repeat on the next page.
    """
    data_rows = {g.row for g in table.grid if g.role is Role.DATA}
    out = []
    start = 0
    for r in range(1, table.n_rows + 1):
        block_ends = r == table.n_rows or (r not in data_rows and r - 1 in data_rows)
        if block_ends:
            if r - 1 > start:
                out.append(("NOSPLIT", (0, start), (-1, r - 1)))
            start = r
    return out
