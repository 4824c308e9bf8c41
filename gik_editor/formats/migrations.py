"""The vocabulary of a migration between two formats: a table of cell moves and the notes that explain them.

A migration is pure data, run by the one engine in gik_editor/migration.py (used by 转换格式,
以上年报告为模板新建, the import of mixed-format reports and the roll-up).
"""
from __future__ import annotations

from typing import NamedTuple


class Move(NamedTuple):
    """A source cell whose value goes to a differently named target cell and needs a manual check."""
    source: str
    target: str
    review: str                   # why; {name} is the source cell's name, {value} its value


class Citation(NamedTuple):
    """A phrase of the text that names the old format, and what it becomes."""
    pattern: str                  # a regular expression
    replacement: str


class Migration(NamedTuple):
    source: str                   # format id
    target: str
    moves: tuple[Move, ...]       # cells with no same-id counterpart that still have a near one
    hints: tuple[tuple[str, str], ...] = ()    # dropped cell → why its value is still worth a look
    citations: tuple[Citation, ...] = ()
    added_parts_note: str = ""    # said when sub-parts of the target's skeleton were added
    carry_note: str = ""          # said when a new year's report starts from last year's in the old format

    def move_of(self, cell_id: str) -> Move | None:
        for move in self.moves:
            if move.source == cell_id:
                return move
        return None
