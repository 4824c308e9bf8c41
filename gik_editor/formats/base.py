"""The vocabulary in which an official report format is described.

A format is pure data: the editor grid, the totals, the rules, every exporter
and importer walk these objects, so no table is hard-coded anywhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from .roles import Roles


class CellKind(str, Enum):
    COUNT = "count"        # integer >= 0
    SIGNED = "signed"      # integer, may be negative (本年增/减)
    MONEY = "money"        # decimal >= 0
    TOTAL = "total"        # computed, never typed


class Role(str, Enum):
    TITLE = "title"        # block title spanning the table (第二十条第（一）项)
    HEADER = "header"      # column header
    NOTE = "note"          # the printed 勾稽 note
    LABEL = "label"        # row label
    DATA = "data"          # a value cell
    BLANK = "blank"        # a grid position that is part of the form but holds nothing


class CellSpec(NamedTuple):
    """One value cell of a table."""
    id: str                       # stable id shared by file format, rules and exporters
    kind: CellKind
    row_label: str                # the official row label (innermost level)
    col_label: str                # the official column label (innermost level)
    unit: str = ""                # printed unit, e.g. 万元

    @property
    def computed(self) -> bool:
        return self.kind is CellKind.TOTAL

    @property
    def name(self) -> str:
        """How a message names the cell: 行 × 列."""
        return f"{self.row_label} × {self.col_label}"


class GridCell(NamedTuple):
    """One placed item of the official table layout (with its span)."""
    row: int
    col: int
    role: Role
    text: str = ""                # label text for non-data cells
    cell_id: str = ""             # for Role.DATA
    rowspan: int = 1
    colspan: int = 1


class Sum(NamedTuple):
    """target = sum(parts); the target is a computed cell. `rule` flags an imported printed total that disagrees."""
    target: str
    parts: tuple[str, ...]
    rule: str = ""


class Table(NamedTuple):
    id: str                       # "t2", "t3", "t4"
    section: str                  # "二", "三", "四"
    n_rows: int
    n_cols: int
    header_rows: int              # rows to repeat when the table breaks across pages
    grid: tuple[GridCell, ...]
    cells: tuple[CellSpec, ...]
    sums: tuple[Sum, ...] = ()    # computed cells, in evaluation order
    label_cols: int = 0           # leading label columns (for column widths)

    def position_of(self, cell_id: str) -> tuple[int, int]:
        for g in self.grid:
            if g.cell_id == cell_id:
                return g.row, g.col
        raise KeyError(cell_id)


class TextPart(NamedTuple):
    """A default sub-part of a text section; {year}/{next_year} are filled in."""
    key: str
    title: str


class Section(NamedTuple):
    key: str                      # "一" … "六"
    title: str                    # official heading, e.g. 一、总体情况
    parts: tuple[TextPart, ...] = ()
    table: str = ""               # id of the table printed in this section


@dataclass(frozen=True)
class Format:
    id: str                       # the file format's name for it (the year it was issued)
    name: str                     # official name of the format
    basis: str                    # the notice that issued it
    first_year: int
    last_year: int | None         # None: still in force
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    roles: Roles                  # which cells play which part in the rules
    title: str                    # how the editor names it in a sentence: 2021年修订版格式
    short: str                    # in a menu: 2021年格式
    cells: dict[str, CellSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.cells:
            self.cells.update({c.id: c for t in self.tables for c in t.cells})

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def table_of(self, cell_id: str) -> Table:
        return self.table(cell_id.split(".", 1)[0])

    def unpriced_money(self) -> list[CellSpec]:
        """The money cells whose printed header names no unit (the clerk chooses it in the metadata)."""
        return [c for c in self.cells.values() if c.kind is CellKind.MONEY and not c.unit]

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)
