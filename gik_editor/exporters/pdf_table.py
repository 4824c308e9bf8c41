"""One official table as a reportlab Table, laid out from the format's grid.

The grid's rowspan/colspan become SPAN commands. Column widths follow the
text (like a browser's automatic table layout) and always fill the text width;
when the narrowest possible columns still do not fit (table 四 with huge
numbers), the font is made smaller. Row heights are measured here, spanned
cells included, so that no cell text is ever clipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table as RLTable

from ..formats import Role, Table
from .pdf_text import CJKText

FONT_SIZE = 10.5                     # 五号
MIN_FONT_SIZE = 7.0
PAD = 2.5                            # cell padding, points
GRID_WIDTH = 0.5
COMFORT = 3                          # characters a column gets before any column gets more
_TOKEN = re.compile(r"[\x21-\x7e]+|\S")    # a run of ASCII (a number) stays on one line; CJK breaks anywhere


@dataclass(frozen=True)
class _Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    centered: bool
    label: bool


def _cells(table: Table, values: dict[str, str]) -> list[_Cell]:
    out = []
    for g in table.grid:
        text = values.get(g.cell_id, "") if g.role is Role.DATA else g.text
        # row labels read left-aligned like the official form, except a tall group label
        centered = g.role is not Role.LABEL or g.rowspan > 1
        out.append(_Cell(g.row, g.col, g.rowspan, g.colspan, text, centered, g.role is Role.LABEL))
    return out


def _widths(cells: list[_Cell], n_cols: int, avail: float, font: str, size: float,
            break_numbers: bool) -> list[float] | None:
    """Column widths filling `avail`, or None when even the narrowest layout does not fit.

    Every column first gets its longest unbreakable piece (a number, or one
    character), then up to COMFORT characters, then the rest is shared out by how
    much text in the column still wraps — a column of 19 long row labels gets more
    than one with a single long header.
    """
    needs: list[list[tuple[float, float]]] = [[] for _ in range(n_cols)]   # per column: (min, one line)
    for c in cells:
        if c.colspan != 1 or not c.text:
            continue
        tokens = c.text if break_numbers else _TOKEN.findall(c.text)
        need_min = max(stringWidth(t, font, size) for t in tokens) + 2 * PAD
        # a row label spanning several rows can wrap over them, so it asks for less width
        lines = min(c.rowspan, 2) if c.label else 1
        needs[c.col].append((need_min, max(need_min, stringWidth(c.text, font, size) / lines + 2 * PAD)))
    mins = [max((m for m, _ in col), default=2 * PAD) for col in needs]
    if sum(mins) > avail:
        return None
    comfort = COMFORT * size + 2 * PAD
    widths = [max(m, min(comfort, max((n for _, n in col), default=0))) for m, col in zip(mins, needs)]
    if sum(widths) > avail:                  # not even COMFORT characters each: share what there is
        over = [w - m for w, m in zip(widths, mins)]
        cut = (sum(widths) - avail) / sum(over)
        widths = [w - o * cut for w, o in zip(widths, over)]
    else:
        widths = _share(widths, needs, avail)
    _fit_spans(cells, widths, font, size, break_numbers)
    scale = avail / sum(widths)
    return [w * scale for w in widths]


def _share(widths: list[float], needs: list[list[tuple[float, float]]], avail: float) -> list[float]:
    """Give the spare width, a step at a time, to the column where the most text still wraps."""
    widths = list(widths)
    step = (avail - sum(widths)) / 200
    for _ in range(200):
        demand = [sum(max(0.0, n - w) for _, n in col) for w, col in zip(widths, needs)]
        best = max(range(len(widths)), key=demand.__getitem__)
        if demand[best] <= 0:
            break
        widths[best] += step
    spare = avail - sum(widths)
    if spare > 1e-6:                          # all text fits on one line: widen in proportion
        total = sum(widths)
        widths = [w + spare * w / total for w in widths]
    return widths


def _fit_spans(cells: list[_Cell], widths: list[float], font: str, size: float, break_numbers: bool) -> None:
    """Widen the columns under a spanning cell whose longest unbreakable piece does not fit."""
    for c in cells:
        if c.colspan == 1 or not c.text:
            continue
        tokens = c.text if break_numbers else _TOKEN.findall(c.text)
        need = max(stringWidth(t, font, size) for t in tokens) + 2 * PAD
        have = sum(widths[c.col:c.col + c.colspan])
        if need > have:
            for i in range(c.col, c.col + c.colspan):
                widths[i] += (need - have) / c.colspan


def _paragraph(cell: _Cell, font: str, size: float) -> CJKText:
    return CJKText([(cell.text, font)], size, round(size * 1.3, 2), align="center" if cell.centered else "left",
                   balance=True)


def build(table: Table, values: dict[str, str], font: str, avail_width: float,
          avail_height: float) -> tuple[RLTable, float]:
    """The table `table` filled with the printed `values` (cell id → text), `avail_width` points wide,
    and the height of its first block (what must fit on a page for the table to start there).

    The font shrinks (down to MIN_FONT_SIZE) until the widest row fits the width
    and the tallest block that may not break fits `avail_height`.
    """
    cells = _cells(table, values)
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
    style: list[tuple] = [
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


def _rows(table: Table, cells: list[_Cell], widths: list[float], font: str,
          size: float) -> tuple[list[list], list[float], list[tuple]]:
    """Cell paragraphs, row heights that hold every cell's text (spanned cells too), SPAN commands."""
    data: list[list] = [[""] * table.n_cols for _ in range(table.n_rows)]
    one_line = size * 1.3 + 2 * PAD
    heights = [one_line] * table.n_rows
    spanned: list[tuple[_Cell, float]] = []
    spans: list[tuple] = []
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


def _keep_headers_with_data(table: Table) -> list[tuple]:
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
