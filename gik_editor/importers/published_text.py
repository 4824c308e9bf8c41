"""Front end for plain text copied from a published report, whatever shape its tables took.

A table row can be a line of TAB-separated cells (a browser's copy; a line of
one tab-led cell is one cell), of `|`-separated cells (Markdown, with or without
its `|---|` separator lines), a box-drawing row (`│`, rows between `─` lines,
a cell wrapped over several lines joined back), columns aligned with runs of
spaces (`pdftotext -layout`, blank cells found by the columns of the other rows),
or one cell per line (numbers, labels). A short line right after a cell is a
cell too: the rest of a label wrapped inside its cell ("本年新" / "制作数量"),
which the table reader joins back by label. Everything else is a paragraph.
Section headings are put on lines of their own wherever they stand in the text.
Columns of spaces are resolved in published_text_columns.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from ..formats import SECTION_TITLES
from .published_items import Cell, Items, Para, RowEnd
from .published_labels import norm
from .published_parser import heading_key
from .published_text_columns import (
    Layout,
    Measure,
    Scores,
    aligned_fields,
    display_width,
    is_value,
    known_texts,
    resolve_columns,
    row_labels,
)

_LABEL_MAX = 40          # the longest official label has 38 characters
_PIPE = re.compile(r"[|｜]")
# No two runs of \s* side by side: on a line of 100,000 tabs that pattern backtracked for minutes.
_MD_RULE = re.compile(r"^\s*(?:[|｜]\s*)?:?-{3,}:?(?:\s*[|｜+]\s*:?-{3,}:?)*\s*(?:[|｜]\s*)?$")
_BOX_V = "│┃║╎╏┆┇┊┋"
_BOX_LINE = re.compile(r"^[\s─━═┄┅┈┉╌╍┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋"
                       r"╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫+\-=|│┃║]+$")
_BOX_SPLIT = re.compile(rf"[{_BOX_V}]")
_GAP = re.compile(r"(?:[ \u00a0]{2,}|\u3000+)")
_MD_MARK = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)|^\s*\*\*|\*\*\s*$")
_TOC_LEADER = re.compile(r"^\s*[.…·．\-—_]{2,}\s*\d*\s*$|^\s+\d{1,3}\s*$")
_SENTENCE_END = "。；！？：:;!?）)】」』\"”*#"
_MARKS = {"/", "-", "—", "——", "–", "\\", "－"}
_HEADER_LINES = 8       # lines above aligned rows looked at for the words of a wrapped header
_FOLIO = re.compile(r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?)\s*$")
_CELL_BAR = re.compile(r"^\s*[^|｜\s][^|｜]*[|｜]\s*$")
_BARS_ONLY = re.compile(r"^\s*(?:[|｜]\s*)+$")
_CELL_BAR_MIN = 5
_WRAP_MAX = 6            # lines of one box-drawing row that are joined back into its cells

_Line = tuple[Literal["row"], list[str]] | tuple[Literal["line"], str]     # a table row's cells, or a line of text


def items(text: str, name: str) -> Items:
    out = Items(name)
    in_row = False       # the previous line was a cell, with no blank line since
    lines = _own_heading_lines(text)
    # One program made the whole text: its columns are counted one way (characters or display width)
    # throughout, judged over all its tables (a table with one number cannot tell).
    scores: Scores = {len: [0, 0.0], display_width: [0, 0.0]}
    rows = _rows(lines, scores)
    if scores[len] > scores[display_width]:
        rows = _rows(lines, scores, display_width)
    for entry in rows:
        if entry[0] == "row":
            cells = entry[1]
            for cell in cells:
                out.add(Cell(cell))
            if len(cells) > 1:           # a whole printed row ("\t5", the sample's style, is one cell)
                out.add(RowEnd())
            in_row = True
            continue
        line = entry[1]
        if _FOLIO.match(line):
            continue                     # a page number of the printed copy ("— 3 —", "第3页 共6页")
        if not line.strip():
            in_row = False
        elif _is_lone_value(line) or norm(line) in known_texts() or in_row and len(line.strip()) <= _LABEL_MAX and not heading_key(line):
            out.add(Cell(line))
            in_row = True
        else:
            out.add(Para(line))
            in_row = False
    return out


# ---- headings anywhere --------------------------------------------------------------

@lru_cache(maxsize=1)
def _heading_pattern() -> re.Pattern[str]:
    """An official section heading inside a line: 二、主动公开政府信息情况 (spaces tolerated)."""
    names = sorted({t[2:] for t in SECTION_TITLES.values()}, key=len, reverse=True)
    spaced = ["\\s*".join(map(re.escape, n)) for n in names]
    return re.compile(rf"[一二三四五六]\s*[、.．]\s*(?:{'|'.join(spaced)})")


def _own_heading_lines(text: str) -> list[str]:
    """The lines of the text, with every official heading that stands inside a line put on a line of its own."""
    pattern = _heading_pattern()
    out: list[str] = []
    for line in text.splitlines():
        line = _MD_MARK.sub("", line)            # "## 一、总体情况", "**（一）…**": Markdown marks are not text
        pieces, pos = [], 0
        for m in pattern.finditer(line):
            raw = line[pos:m.start()]
            before, after = raw.rstrip(), line[m.end():]
            if _TOC_LEADER.match(after) or before and before[-1] not in _SENTENCE_END and raw == before:
                continue                 # an entry of a table of contents, or words that cite the heading
            if before or after.strip():
                pieces.append(line[pos:m.start()])
                pieces.append(m.group(0))
                pos = m.end()
        if not pieces:
            out.append(line)
            continue
        pieces.append(line[pos:])
        out += [p.strip() for p in pieces if p.strip()]
    return out


# ---- table rows of every shape -------------------------------------------------------

def _rows(lines: list[str], scores: Scores, width: Measure = len) -> list[_Line]:
    """("row", cells) or ("line", text) for each line, box-drawing rows joined, aligned columns resolved."""
    out: list[_Line] = []
    box: list[list[str]] = []          # the content lines of the box-drawing row being read
    aligned: list[list[tuple[str, str]]] = []
    pipes: list[str] = []
    recent: list[str] = []             # short lines just before: perhaps a header whose words wrapped
    above: list[str] = []              # those lines when the aligned rows began
    layout: Layout | None = None       # (width, columns) of the last aligned rows of this section

    def end_box() -> None:
        if box:
            out.extend(("row", cells) for cells in _join_box(box))
            box.clear()

    def end_pipes() -> None:
        if pipes:
            # Outer bars ("| a | b |") only when every line of the table has them: without them, a line may
            # start or end with an empty cell.
            lead = all(p[0] in "|｜" for p in pipes)
            tail = all(p[-1] in "|｜" for p in pipes)
            for p in pipes:
                cells = _PIPE.split(p)
                out.append(("row", [c.strip() for c in cells[int(lead):len(cells) - int(tail)]]))
            pipes.clear()

    def end_aligned() -> None:
        nonlocal layout
        if aligned:
            cells, layout = resolve_columns(aligned, above, layout, width, scores)
            out.extend(("row", row) for row in cells)
            aligned.clear()

    # Portal copies with a cell per line: "规章 |" and a bare "|" for a blank cell (bars only: padding), or each
    # cell followed by a line "|" (then bare bars only part the cells).
    cell_bars = sum(bool(_CELL_BAR.match(line)) for line in lines) >= _CELL_BAR_MIN
    for line in lines:
        if _BARS_ONLY.match(line):
            if cell_bars and _PIPE.fullmatch(line.strip()):
                out.append(("row", [""]))
            elif pipes and not cell_bars:
                pipes.append(line.strip())          # a row of blank cells in a table of bars
            continue
        if cell_bars and _CELL_BAR.match(line):
            out.append(("row", [_PIPE.sub("", line).strip()]))
            continue
        if pipes and not (len(_PIPE.findall(line)) >= 2 or _MD_RULE.match(line)):
            end_pipes()
        if len(line.strip()) >= 3 and _BOX_LINE.match(line) and any(ch in line for ch in "─━═┼╋╬+-="):
            end_box()
            end_aligned()
            continue
        if any(ch in line for ch in _BOX_V):
            end_aligned()
            box.append(_box_cells(line))
            continue
        end_box()
        if _MD_RULE.match(line):
            continue
        fields = aligned_fields(line)
        if fields is None and aligned and norm(line) in row_labels():
            # A row whose cells are all blank is its label alone: it stays part of the table (a block title
            # such as 第二十条第（五）项 ends it: the next block has columns of its own).
            fields = [(line[:len(line) - len(line.lstrip())], line.strip())]
        if fields is not None:
            if not aligned:
                above[:] = recent
            aligned.append(fields)
            if any(is_value(t) or norm(t) in row_labels() for _, t in fields):
                recent.clear()
            else:                        # a header row: also above the next aligned rows, if these stop here
                recent[:] = recent[-(_HEADER_LINES - 1):] + [line]
            continue
        end_aligned()
        if line.strip() and len(line) <= 160 and "。" not in line and not heading_key(line):
            recent[:] = recent[-(_HEADER_LINES - 1):] + [line]
        elif line.strip():
            recent.clear()
            layout = None
        if "\t" in line and not _is_paragraph(line):
            cells = line.split("\t")
            # "\t5" is one cell led by its tab; "\t1\t\t1" is a row whose first cell is empty.
            out.append(("row", cells[1:] if len(cells) == 2 and not cells[0] else cells))
        elif len(_PIPE.findall(line)) >= 2 and not _is_paragraph(line):
            pipes.append(line.strip())
            continue
        else:
            out.append(("line", line))
    end_box()
    end_aligned()
    end_pipes()
    return out


def _box_cells(line: str) -> list[str]:
    """The cells of a box-drawing line; a piece of rule inside it (a partial rule under a merged cell) is blank."""
    text = line.strip()
    pieces = _BOX_SPLIT.split(text)
    if text[0] in _BOX_V:
        pieces = pieces[1:]
    if text[-1] in _BOX_V and pieces:
        pieces = pieces[:-1]
    return ["" if _BOX_LINE.match(p) and p.strip() else p.strip() for p in pieces]


def _join_box(lines: list[list[str]]) -> list[list[str]]:
    """The content lines between two rules of a box-drawing table: one row whose cells wrapped over
    several lines (joined back cell by cell), or, without rules between rows, a row per line."""
    widths = {len(cells) for cells in lines}
    if len(lines) == 1 or len(lines) > _WRAP_MAX or len(widths) != 1:
        return lines
    return [["\n".join(part for part in column if part) for column in zip(*lines)]]


def _is_lone_value(line: str) -> bool:
    """A line that is only a number or a mark for a blank ("/", "—"; not the word 无, a common answer in 六):
    one table cell per line."""
    s = line.strip()
    return is_value(s) and (any(ch.isdigit() for ch in s) or s in _MARKS)


def _is_paragraph(line: str) -> bool:
    """A line of running text with a tab or bars in it is a paragraph, not a row of cells."""
    text = line.strip()
    return len(text) > 60 and any(p in text for p in "。；")
