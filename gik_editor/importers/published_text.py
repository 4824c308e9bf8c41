"""Front end for plain text copied from a published report.

Table cells are lines that start with a tab (one cell per line, as a browser
or Word copies a table; a row may also be one line of tab-separated cells).
A cell label wrapped onto the next line ("本年新" / "制作数量") is joined back.
Everything else is a paragraph.
"""
from __future__ import annotations

import re

from .published_items import Cell, Items, Para

_HEADING = re.compile(r"^\s*[一二三四五六七八九十]、")
_NUMBER = re.compile(r"^[\s\u00a0]*[+-]?[\d.,]*[\s\u00a0]*$")
_LABEL_MAX = 40          # the longest official label has 38 characters


def items(text: str, name: str) -> Items:
    out = Items(name)
    in_row = False       # the previous line was a cell, with no blank line since
    for line in text.splitlines():
        row = line if line.startswith("\t") else line.rstrip(" \t\u00a0\u3000")
        if "\t" in row and not _is_paragraph(row):
            cells = row.split("\t")
            for cell in cells[1:] if row.startswith("\t") else cells:
                out.add(Cell(cell))
            in_row = True
        elif not line.strip():
            in_row = False
        elif in_row and _continues(out[-1], line):
            out[-1] = Cell(out[-1].text + "\n" + line)
        else:
            out.add(Para(line))
            in_row = False
    return out


def _is_paragraph(line: str) -> bool:
    """A tab-indented line of running text is a paragraph, not a cell."""
    text = line.strip()
    return len(text) > 60 and any(p in text for p in "。；")


def _continues(last: object, line: str) -> bool:
    """A short line right after a label cell is the rest of that wrapped label."""
    return (isinstance(last, Cell) and last.text.strip() != "" and not _NUMBER.match(last.text)
            and len(line.strip()) <= _LABEL_MAX and not _HEADING.match(line) and not _NUMBER.match(line))
