"""Column widths of an official table, shared by the PDF and the Word export (and the web page's proportions).

Like a browser's automatic table layout: every column first gets its longest
unbreakable piece (a whole number, or one character) and its header whole when
short, else on two even lines (总计, 自然人; 结果/维持), then up to COMFORT characters, then the
spare width goes step by step to the column in which the most text still wraps
(the long row labels of table 三 rather than one long header). Widths always
fill the width given. Text is measured by a function the caller gives (real
font metrics for the PDF, character widths for Word), so both agree.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..formats import Role, Table
from .linebreak import ORDINAL

COMFORT = 3                          # characters a column gets before any column gets more
WHOLE_HEADER = 3                     # a header this short is never wrapped
GROUP_CHARS = 3                      # a group label's column holds at least this many characters (本年度/办理/结果)
STEPS = 200                          # the spare width is shared out in this many steps
_TOKEN = re.compile(r"[\x21-\x7e]+|\S")    # a run of ASCII (a number) stays on one line; CJK breaks anywhere

Measure = Callable[[str], float]


@dataclass(frozen=True)
class Cell:
    """One cell as printed: its place and span, its text, and how it is set."""
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    centered: bool
    label: bool
    header: bool

    @property
    def group(self) -> bool:
        """A row label spanning several rows (三、本年度办理结果, （三）不予公开): set centred, its ordinal on a line of its own."""
        return self.label and self.rowspan > 1


def cells(table: Table, values: dict[str, str]) -> list[Cell]:
    """The table's grid with the printed texts (`values`: cell id → text)."""
    out = []
    for g in table.grid:
        text = values.get(g.cell_id, "") if g.role is Role.DATA else g.text
        # row labels read left-aligned like the official form, except a tall group label
        centered = g.role is not Role.LABEL or g.rowspan > 1
        out.append(Cell(g.row, g.col, g.rowspan, g.colspan, text, centered, g.role is Role.LABEL,
                        g.role is Role.HEADER))
    return out


def _min_width(c: Cell, measure: Measure, size: float, break_numbers: bool) -> float:
    """The narrowest the cell's text can be set: its longest unbreakable piece; a header on two lines at most."""
    tokens = c.text if break_numbers else _TOKEN.findall(c.text)
    need = max(measure(t) for t in tokens)
    if c.group and not break_numbers:
        # a group label's ordinal stands on a line of its own, and the rest wraps in lines of at least GROUP_CHARS
        ordinal = ORDINAL.match(c.text)
        need = max(need, measure(ordinal.group()) if ordinal else 0.0,
                   measure(c.text[:GROUP_CHARS]) if len(c.text) > GROUP_CHARS else 0.0)
    if c.header and not break_numbers:
        # a short header (总计, 自然人) stays whole, a longer one takes two even lines (结果/维持)
        half = len(c.text) if len(c.text) <= WHOLE_HEADER else -(-len(c.text) // 2)
        need = max(need, measure(c.text[:half]), measure(c.text[half:]))
    return need


def widths(cells: list[Cell], n_cols: int, avail: float, measure: Measure, size: float, pad: float,
           break_numbers: bool = False) -> list[float] | None:
    """Column widths filling `avail`, or None when even the narrowest layout does not fit.

    `size` is the type size in the unit of `avail` (a character's width), `pad` a cell's
    padding on each side, `break_numbers` lets a number wrap (the last resort).
    """
    needs: list[list[tuple[float, float]]] = [[] for _ in range(n_cols)]   # per column: (min, one line)
    for c in cells:
        if c.colspan != 1 or not c.text:
            continue
        need_min = _min_width(c, measure, size, break_numbers) + 2 * pad
        # a row label spanning several rows can wrap over them, so it asks for less width
        lines = min(c.rowspan, 2) if c.label else 1
        needs[c.col].append((need_min, max(need_min, measure(c.text) / lines + 2 * pad)))
    mins = [max((m for m, _ in col), default=2 * pad) for col in needs]
    if sum(mins) > avail:
        return None
    comfort = COMFORT * size + 2 * pad
    out = [max(m, min(comfort, max((n for _, n in col), default=0))) for m, col in zip(mins, needs)]
    if sum(out) > avail:                  # not even COMFORT characters each: share what there is
        over = [w - m for w, m in zip(out, mins)]
        cut = (sum(out) - avail) / sum(over)
        out = [w - o * cut for w, o in zip(out, over)]
    else:
        out = _share(out, needs, avail)
    _fit_spans(cells, out, measure, size, break_numbers, pad)
    scale = avail / sum(out)
    return [w * scale for w in out]


def _share(widths: list[float], needs: list[list[tuple[float, float]]], avail: float) -> list[float]:
    """Give the spare width, a step at a time, to the column where the most text still wraps."""
    widths = list(widths)
    step = (avail - sum(widths)) / STEPS

    def demand_of(col: int) -> float:
        return sum(max(0.0, n - widths[col]) for _, n in needs[col])

    demand = [demand_of(col) for col in range(len(widths))]
    for _ in range(STEPS):
        best = max(range(len(widths)), key=demand.__getitem__)
        if demand[best] <= 0:
            break
        widths[best] += step
        demand[best] = demand_of(best)           # only the widened column's demand changes
    spare = avail - sum(widths)
    if spare > 1e-6:                          # all text fits on one line: widen in proportion
        total = sum(widths)
        widths = [w + spare * w / total for w in widths]
    return widths


def _fit_spans(cells: list[Cell], widths: list[float], measure: Measure, size: float, break_numbers: bool,
               pad: float) -> None:
    """Widen the columns under a spanning cell whose longest unbreakable piece does not fit."""
    for c in cells:
        if c.colspan == 1 or not c.text:
            continue
        need = _min_width(c, measure, size, break_numbers) + 2 * pad
        have = sum(widths[c.col:c.col + c.colspan])
        if need > have:
            for i in range(c.col, c.col + c.colspan):
                widths[i] += (need - have) / c.colspan
