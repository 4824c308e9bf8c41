"""A report written out as plain text with its tables in the shapes other programs give them: TAB rows,
Markdown, box drawing, one cell per line, columns aligned with spaces (by characters or by display width)."""
from __future__ import annotations

import unicodedata

from gik_editor.document import (
    Heading,
    Paragraph,
    TableBlock,
    Title,
    blocks,
    cell_texts,
)
from gik_editor.formats import Role, Table
from gik_editor.report import Report


def grid(table: Table, texts: dict[str, str]) -> list[list[str]]:
    """The table as rows of texts; a merged cell's text in its top-left place, blank in the places it covers."""
    rows: list[list] = [[""] * table.n_cols for _ in range(table.n_rows)]
    for g in table.grid:
        rows[g.row][g.col] = texts[g.cell_id] if g.role is Role.DATA else g.text
        for r in range(g.row, g.row + g.rowspan):
            for c in range(g.col, g.col + g.colspan):
                if (r, c) != (g.row, g.col):
                    rows[r][c] = None           # covered by a merged cell
    return rows


def _filled(rows: list[list]) -> list[list[str]]:
    return [["" if c is None else c for c in r] for r in rows]


def _display(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(rows: list[list[str]], width) -> list[str]:
    widths = [max(width(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths)).rstrip() for row in rows]


def table_lines(cells: list[list], shape: str) -> list[str]:
    rows = _filled(cells)
    if shape == "tab":
        return ["\t".join(r) for r in rows]
    if shape == "markdown":
        sep = "|" + "|".join("---" for _ in rows[0]) + "|"
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        return lines[:1] + [sep] + lines[1:]
    if shape == "pipes":                  # bars without the Markdown separator, no outer bars
        return [" | ".join(r) for r in rows]
    if shape == "box":
        rule = "├" + "┼".join("─" * 4 for _ in rows[0]) + "┤"
        out = ["┌" + "┬".join("─" * 4 for _ in rows[0]) + "┐"]
        for r in rows:
            out.append("│" + "│".join(r) + "│")
            out.append(rule)
        out[-1] = "└" + "┴".join("─" * 4 for _ in rows[0]) + "┘"
        return out
    if shape == "lines":                   # one cell per line, rows apart
        out = []
        for r in rows:
            out += [c for c in r if c] + [""]
        return out
    if shape == "trailing-bars":           # a row per line, each cell followed by " |" (portal text copies)
        return [" | ".join(r) + " |" for r in rows]
    if shape == "cell-bar-lines":          # each cell on its line ending in " |"; blank cells as bare "|"
        return [(c + " |") if c else "|" for r in cells for c in r if c is not None]
    if shape == "bar-between-lines":       # each cell on its line, a line "|" after it
        return [x for r in rows for c in r if c for x in (c, "|")]
    if shape == "spaces":                  # pdftotext -layout: positions in characters
        return _pad(rows, len)
    if shape == "spaces-wide":             # aligned in a text editor: a Chinese character is two columns
        return _pad(rows, _display)
    raise ValueError(shape)


def as_text(report: Report, shape: str) -> str:
    texts = cell_texts(report)
    lines: list[str] = []
    for b in blocks(report):
        if isinstance(b, (Title, Heading)):
            lines += [b.text, ""]
        elif isinstance(b, Paragraph):
            lines += [b.lead + b.text, ""]
        elif isinstance(b, TableBlock):
            lines += table_lines(grid(b.table, texts), shape) + [""]
    return "\n".join(lines)
