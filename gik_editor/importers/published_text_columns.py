"""Tables of plain text whose columns are aligned with runs of spaces (pdftotext -layout, a text editor).

A number goes to the column it stands in; the columns come from the header words (also header lines just
above the rows, whose words wrapped inside their cells) and from where the numbers stand. Positions are
counted in characters or in display width, whichever lines the numbers up better over the whole text.
Also the vocabulary the text front end recognises cells by (every printed text of both formats).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from ..formats import FORMATS, CellKind, Role
from .published_labels import norm, parse_value, vocabulary

_PIPE = re.compile(r"[|｜]")
_GAP = re.compile(r"(?:[ \u00a0]{2,}|\u3000+)")
_COLUMN_SLACK = 3        # characters a number may stand off its column's middle

Measure = Callable[[str], int]                  # how wide a text counts: len, or display_width
Span = tuple[float, float]                      # where a column starts and ends, in one measure
Layout = tuple[Measure, list[Span]]             # the measure and the columns of the aligned rows last read
Scores = dict[Measure, list[float]]             # per measure: [misfits, how far off the numbers stand]


def aligned_fields(line: str) -> list[tuple[str, str]] | None:
    """(text before the field, field) of a line of columns aligned with runs of spaces, or None for any other
    line. The text before a field gives its column, counted in characters or in display width (see
    resolve_columns)."""
    if "\t" in line or _PIPE.search(line) or not _GAP.search(line.strip()):
        return None
    fields, pos = [], 0
    for piece in _GAP.split(line):
        start = line.index(piece, pos) if piece else pos
        pos = start + len(piece)
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            fields.append((line[:start + lead], piece.strip()))
    if len(fields) < 2:
        return None
    numbers = sum(is_value(t) for _, t in fields)
    labels = sum(norm(t) in known_texts() for _, t in fields)
    if numbers and len(fields) - numbers <= 2 or labels >= 2 or numbers >= 2:
        return fields
    return None


def resolve_columns(rows: list[list[tuple[str, str]]], above: list[str], before: Layout | None, width: Measure,
                    scores: Scores) -> tuple[list[list[str]], Layout]:
    """Rows of aligned fields as cells: a number goes to its column, a column with nothing under a row's label
    is a blank cell. The columns are where the header words stand (not a word over several of them, such as
    法人或其他组织) and where the numbers stand. Positions are counted with `width`: characters (pdftotext
    -layout) or display width (a Chinese character is two columns in a text editor); how well each lines the
    columns up is added to `scores`."""
    header_lines = [[(line[:m.start()], m.group()) for m in re.finditer(r"\S+", line)] for line in above]
    for measure in scores:
        misfits, off = _columns(rows, header_lines, measure)[1]
        scores[measure][0] += misfits
        scores[measure][1] += off
    columns = _columns(rows, header_lines, width)[0]
    if before is not None and len(columns) < len(before[1]) and all(_is_data(fields) for fields in rows):
        # Rows that go on below lines the columns could not be read from (labels wrapped over several lines):
        # the columns of the rows above them, plus any number standing apart.
        width, earlier = before
        columns = sorted(earlier + [c for c in _columns(rows, [], width)[0]
                                    if not any(min(c[1], d) - max(c[0], a) > 0 for a, d in earlier)])
    out: list[list[str]] = []
    for fields in rows:
        placed = [(width(before), width(before) + width(t), t) for before, t in fields]
        words = [(a, b, t) for a, b, t in placed if not is_value(t)]
        cells = [t for _, _, t in words]
        numbers = [(a, b, t) for a, b, t in placed if is_value(t)]
        if not numbers and not any(norm(t) in row_labels() for *_, t in words) or not columns:
            out.append(cells)                 # a header row: its words are the cells
            continue
        label_end = max((b for _, b, _ in words), default=-1)
        slots = {i: "" for i, (a, b) in enumerate(columns) if (a + b) / 2 > label_end}
        for a, b, t in numbers:
            slots[_column_of(columns, a, b)] = t
        out.append(cells + [slots[i] for i in sorted(slots)])
    return out, (width, columns)


def _is_data(fields: list[tuple[str, str]]) -> bool:
    return any(is_value(t) or norm(t) in row_labels() for _, t in fields)


def _columns(rows: list[list[tuple[str, str]]], above: list[list[tuple[str, str]]],
             width: Measure) -> tuple[list[Span], tuple[int, float]]:
    """The (start, end) of each column of aligned rows, measured with `width`, and how badly that measure
    lines them up (header words running into each other, numbers under no header word)."""
    spans = [[(width(b), width(b) + width(t), t) for b, t in fields] for fields in rows]
    data = [r for r in spans if any(is_value(t) or norm(t) in row_labels() for *_, t in r)]
    # Header words wrapped inside their cells come out one space apart (商业 科研 社会公): each its own column.
    headers = [[(a + width(t[:m.start()]), a + width(t[:m.end()]), m.group()) for a, _, t in r
                for m in re.finditer(r"\S+", t)] for r in spans if r not in data]
    headers += [[(width(b), width(b) + width(t), t) for b, t in line] for line in above]
    labels = [(a, b) for r in data for a, b, t in r if not is_value(t)]

    def overlap(a: float, b: float, c: float, d: float) -> float:
        return min(b, d) - max(a, c)

    columns: list[tuple[float, float]] = []
    misfits = 0
    for i, row in enumerate(headers):
        for a, b, _ in row:
            spanning = any(sum(overlap(a, b, c, d) > 0 for c, d, _ in other) > 1
                           for j, other in enumerate(headers) if j != i)
            if (spanning or norm(_) in _label_headers() or norm(_) in _group_headers()
                    or any(overlap(a, b, c, d) > 0 for c, d in labels)):
                continue
            clash = [(c, d) for c, d in columns if overlap(a, b, c, d) > 0]
            if not clash:
                columns.append((a, b))
            elif all(abs(a - c) > 1 and abs(b - d) > 1 for c, d in clash):
                misfits += 1                  # overlapping, not standing over each other
    header_columns = len(columns)
    off = [0.0, 0.0, 0.0]             # how far the numbers stand from the starts, middles, ends of their columns
    for row in data:
        for a, b, t in row:
            if not is_value(t):
                continue
            if not any(overlap(a, b, c, d) > 0 or abs((a + b - c - d) / 2) <= _COLUMN_SLACK for c, d in columns):
                columns.append((a, b))
                misfits += header_columns > 0
            c, d = columns[_column_of(columns, a, b)]
            off[0] += abs(a - c)
            off[1] += abs((a + b - c - d) / 2)
            off[2] += abs(b - d)
    # Numbers are aligned alike in one table (left, centred or right): the measure that lines them up wins.
    return sorted(columns), (misfits, min(off))


def _column_of(columns: list[tuple[float, float]], a: float, b: float) -> int:
    """The column a field from a to b stands in: the one it overlaps most, else the nearest."""
    return max(range(len(columns)), key=lambda i: (min(b, columns[i][1]) - max(a, columns[i][0]),
                                                    -abs((a + b - columns[i][0] - columns[i][1]) / 2)))


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@lru_cache(maxsize=1)
def _label_headers() -> frozenset[str]:
    """Headers over the label columns (信息内容): no numbers stand under them."""
    out = set()
    for fmt in FORMATS.values():
        for table in fmt.tables:
            first = min(g.col for g in table.grid if g.role is Role.DATA)
            out |= {norm(g.text) for g in table.grid if g.role is Role.HEADER and g.col + g.colspan <= first}
    return frozenset(out)


@lru_cache(maxsize=1)
def _group_headers() -> frozenset[str]:
    """Headers over several columns (行政复议, 复议后起诉): no column of their own."""
    return frozenset(norm(g.text) for fmt in FORMATS.values() for table in fmt.tables for g in table.grid
                     if g.role is Role.HEADER and g.colspan > 1)


@lru_cache(maxsize=1)
def row_labels() -> frozenset[str]:
    return frozenset(t for f in FORMATS.values() for table in f.tables for t in vocabulary(table).rows)


@lru_cache(maxsize=1)
def known_texts() -> frozenset[str]:
    return frozenset(t for f in FORMATS.values() for table in f.tables for t in vocabulary(table).texts)


def is_value(text: str) -> bool:
    """A number or a placeholder for a blank ("/", "—"): a table cell wherever it stands."""
    s = text.strip()
    return bool(s) and len(s) <= 24 and not parse_value(s, CellKind.MONEY).bad
