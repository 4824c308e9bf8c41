"""How printed labels and cell texts of a published report are compared and read.

Published reports write the official labels with full- or half-width brackets,
"、" or "，", stray spaces and line breaks inside cells; numbers come with
placeholders ("/", "-", "—") for blanks. Everything here is derived from the
format description, so no label is spelled out twice.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..formats import CellKind, Format, GridCell, Role, Table
from ..report import Value
from ..storage import MAX_COUNT, MAX_MONEY

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
_LIST_NO = re.compile(r"^(\d{1,2})[、.．]")
# Numbering in front of a label: （一） / (一) / 一、 / 1. — compared away in the tolerant match.
_PREFIX = re.compile(r"^(?:\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,2}\.)")
_BRACKETED = re.compile(r"\([^()]*\)$")
_MEMO_MAX = 20_000
_CORE_MIN = 4   # shorter cores ("其他", "总计") are too common to match loosely

PLACEHOLDERS = {"/", "-", "—", "——", "–", "\\", "无", "空"}
_UNITS = ("万元", "元", "件", "个", "项", "条")


def norm(text: str) -> str:
    """A label in comparable form: half-width brackets, no whitespace, no quotes, "、" for commas."""
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s).translate(_QUOTES).replace(",", "、")
    return _LIST_NO.sub(r"\1.", s)


def _core(label: str) -> str:
    return _PREFIX.sub("", label)


@dataclass(frozen=True)
class Parsed:
    value: Value | None
    placeholder: str = ""        # the placeholder the report used for a blank
    bad: bool = False            # text that is not a number: not placed
    unit: str = ""               # a unit written after a money amount


def parse_value(text: str, kind: CellKind) -> Parsed:
    """A printed cell as a value of `kind`; blank, placeholders and junk are told apart."""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    if not s:
        return Parsed(None)
    if s in PLACEHOLDERS:
        return Parsed(None, placeholder=s)
    unit = next((u for u in _UNITS if s.endswith(u) and len(s) > len(u)), "")
    s = s[:len(s) - len(unit)].replace(",", "")
    if not re.fullmatch(r"[+-]?\d{1,18}(?:\.\d{1,8})?", s):
        return Parsed(None, bad=True)
    try:
        number = Decimal(s)
    except InvalidOperation:
        return Parsed(None, bad=True)
    if kind is CellKind.MONEY:
        return Parsed(number, unit=unit) if abs(number) < MAX_MONEY else Parsed(None, bad=True)
    if number != number.to_integral_value() or abs(number) > MAX_COUNT:
        return Parsed(None, bad=True)
    return Parsed(int(number), unit=unit)


@dataclass
class Row:
    """A data row of a table: the cell ids in grid order and the label groups it sits in."""
    label: str
    groups: frozenset[str]
    cell_ids: tuple[str, ...]
    flat_headers: bool           # the column headers of its cells form one printed row (table 二)
    covered: int = 0             # grid places the label spans beyond its own (blank in a text table's row)


@dataclass
class Vocabulary:
    """Every printed text of one table, normalised, by role."""
    table: Table
    rows: dict[str, list[Row]] = field(default_factory=dict)     # leaf label → rows
    groups: set[str] = field(default_factory=set)
    headers: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)
    unlabelled: Row | None = None                                 # table 四's one row of numbers
    col_label: dict[str, str] = field(default_factory=dict)       # cell id → normalised column label

    texts: set[str] = field(default_factory=set)                 # all of the above
    cores: list[tuple[str, str]] = field(default_factory=list)    # (label, label without numbering)
    memo: dict[str, str] = field(default_factory=dict)            # printed text → resolved label

    def kind_of(self, n: str) -> str:
        """'row', 'group', 'header', 'title', 'note' or '' for a normalised cell text."""
        n = self.resolve(n)
        if n in self.rows:
            return "row"
        for kind, names in (("group", self.groups), ("title", self.titles), ("header", self.headers),
                            ("note", self.notes)):
            if n in names:
                return kind
        return ""

    def resolve(self, n: str) -> str:
        """The official text a printed label stands for (tolerating numbering and shortened labels)."""
        if n in self.texts or not n or _numeric(n):
            return n
        hit = self.memo.get(n)
        if hit is None:
            hit = self._tolerant(n)
            if len(self.memo) < _MEMO_MAX:
                self.memo[n] = hit
        return hit

    def _tolerant(self, n: str) -> str:
        bare = _BRACKETED.sub("", n)          # 本年收费金额(万元) for 本年收费金额(单位:万元)
        heads = [h for h in self.headers if _BRACKETED.sub("", h) == bare]
        if bare != n and len(heads) == 1:
            return heads[0]
        core = _core(n)
        if len(core) < _CORE_MIN:
            return n
        hits = [t for t, c in self.cores if (c[0] == core[0] or c[-1] == core[-1]) and _related(core, c)]
        return hits[0] if len(hits) == 1 else n


def _related(a: str, b: str) -> bool:
    """One label is the other shortened or lengthened at either end (部分公开 / 部分公开（区分处理的…）)."""
    return a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)


def _numeric(n: str) -> bool:
    return bool(re.fullmatch(r"[+-]?[\d.]+", n))


@lru_cache(maxsize=16)
def vocabulary(table: Table) -> Vocabulary:
    """Built once per table and shared; only its memo of resolved labels grows (bounded)."""
    voc = Vocabulary(table)
    by_row: dict[int, list[GridCell]] = {}
    for g in table.grid:
        by_row.setdefault(g.row, []).append(g)
    voc.col_label = {c.id: norm(c.col_label) for c in table.cells}
    covering: dict[int, list[str]] = {}
    for g in table.grid:
        text = norm(g.text)
        if g.role is Role.HEADER:
            voc.headers.add(text)
        elif g.role is Role.TITLE:
            voc.titles.add(text)
        elif g.role is Role.NOTE:
            voc.notes.add(text)
        elif g.role is Role.LABEL:
            for r in range(g.row, g.row + g.rowspan):
                covering.setdefault(r, []).append(text)
    for r, cells in sorted(by_row.items()):
        data = sorted((g for g in cells if g.role is Role.DATA), key=lambda g: g.col)
        if not data:
            continue
        labels = sorted((g for g in cells if g.role is Role.LABEL), key=lambda g: g.col)
        ids = tuple(g.cell_id for g in data)
        heads = {_header_row(table, g) for g in data}
        flat = len(heads) == 1 and None not in heads
        if not labels:
            voc.unlabelled = Row("", frozenset(), ids, flat)
            continue
        leaf = norm(labels[-1].text)
        groups = frozenset(t for t in covering.get(r, []) if t != leaf)
        voc.rows.setdefault(leaf, []).append(Row(leaf, groups, ids, flat, data[0].col - labels[-1].col - 1))
    voc.groups = {t for ts in covering.values() for t in ts} - set(voc.rows)
    voc.texts = set(voc.rows) | voc.groups | voc.headers | voc.titles | voc.notes
    voc.cores = [(t, _core(t)) for t in sorted(voc.rows.keys() | voc.groups) if len(_core(t)) >= _CORE_MIN]
    return voc


def _header_row(table: Table, data: GridCell) -> int | None:
    """The grid row of the header cell directly naming a data cell's column (None if it spans rows)."""
    best = None
    for g in table.grid:
        if (g.role is Role.HEADER and g.row < data.row and g.col <= data.col < g.col + g.colspan
                and (best is None or g.row > best.row)):
            best = g
    if best is None or best.rowspan != 1:
        return None
    return best.row


def distinctive(fmt: Format, others: list[Format]) -> set[str]:
    """Printed texts only this format has: the evidence for telling the formats apart."""
    mine = {t for table in fmt.tables for t in vocabulary(table).texts}
    theirs = {t for other in others for table in other.tables for t in vocabulary(table).texts}
    return mine - theirs
