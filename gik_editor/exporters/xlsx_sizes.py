"""Column widths and row heights for the Excel sheets.

Neither Excel nor WPS fits row heights to wrapped text in merged cells, and
LibreOffice does it differently again, so the exporter sizes every row itself
from the text it holds. Widths are in Excel character units (the width of
"0" in the default font); a Chinese character takes about two of them.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

LINE_PT = 15.0            # one line of 11 pt 宋体, in points
ROW_PAD_PT = 5.0
MIN_ROW_PT = 20.0
MAX_ROW_PT = 409.0        # Excel's limit for one row


def text_width(text: str) -> float:
    """Width of the widest line of `text` in Excel character units."""
    return max((_line_width(line) for line in text.split("\n")), default=0.0)


def _line_width(line: str) -> float:
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in line)


def line_count(text: str, width: float) -> int:
    """Lines `text` wraps into in a cell `width` units wide."""
    usable = max(width - 1.5, 2.0)
    return sum(max(1, math.ceil(_line_width(line) / usable)) for line in text.split("\n"))


def height_for(lines: int) -> float:
    return min(MAX_ROW_PT, max(MIN_ROW_PT, lines * LINE_PT + ROW_PAD_PT))


@dataclass(frozen=True)
class Item:
    """One placed piece of text: grid position, span and the widest it may make its column (0: no limit yet)."""
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    max_width: float = 40.0


def column_widths(items: list[Item], n_cols: int, min_widths: list[float]) -> list[float]:
    """Widths that fit every single-column item, wrapping items wider than their max_width.

    An item spanning several rows may wrap into those rows instead of widening its column.
    """
    widths = list(min_widths)
    for it in items:
        if it.colspan != 1:
            continue
        need = text_width(it.text) + 2
        if it.rowspan > 1:
            need = min(need, max(16.0, need / it.rowspan))
        widths[it.col] = max(widths[it.col], min(need, it.max_width))
    return widths


def row_heights(items: list[Item], n_rows: int, widths: list[float]) -> list[float]:
    """Heights that show every item's wrapped text; rows of a multi-row item share its height."""
    heights = [MIN_ROW_PT] * n_rows

    def needed(it: Item) -> float:
        width = sum(widths[it.col:it.col + it.colspan])
        return height_for(line_count(it.text, width)) if it.text else MIN_ROW_PT

    for it in items:
        if it.rowspan == 1:
            heights[it.row] = max(heights[it.row], needed(it))
    for it in items:
        if it.rowspan > 1:
            rows = range(it.row, it.row + it.rowspan)
            short = needed(it) - sum(heights[r] for r in rows)
            if short > 0:
                for r in rows:
                    heights[r] = min(MAX_ROW_PT, heights[r] + short / it.rowspan)
    return heights
