"""Front end for plain text copied from a published report.

Table cells are lines that start with a tab (one cell per line), or the
tab-separated pieces of a line (a row per line, as a browser copies a table;
its first cell may be empty).
A short line right after a cell is a cell too: the rest of a label wrapped
inside its cell ("本年新" / "制作数量"), which the table reader joins back by
label. Everything else is a paragraph.
"""
from __future__ import annotations

from .published_items import Cell, Items, Para
from .published_parser import heading_key

_LABEL_MAX = 40          # the longest official label has 38 characters


def items(text: str, name: str) -> Items:
    out = Items(name)
    in_row = False       # the previous line was a cell, with no blank line since
    for line in text.splitlines():
        if "\t" in line and not _is_paragraph(line):
            cells = line.split("\t")
            # "\t5" is one cell led by its tab; "\t1\t\t1" is a row whose first cell is empty.
            for cell in cells[1:] if len(cells) == 2 and not cells[0] else cells:
                out.add(Cell(cell))
            in_row = True
        elif not line.strip():
            in_row = False
        elif in_row and len(line.strip()) <= _LABEL_MAX and not heading_key(line):
            out.add(Cell(line))
        else:
            out.add(Para(line))
            in_row = False
    return out


def _is_paragraph(line: str) -> bool:
    """A tab-indented line of running text is a paragraph, not a cell."""
    text = line.strip()
    return len(text) > 60 and any(p in text for p in "。；")

