"""Edits of a report: each applies itself and returns the edit that undoes it, with the rules of editing in it.

The window wraps any edit in one generic QUndoCommand (ui/report_doc.py); the command line and the
roll-up apply the same edits to a report without Qt. The rules of editing live here and nowhere else:

- editing a part of a sum drops the total printed in an imported report (from then on only the
  computed total counts);
- typing over a migrated value is the manual check its 需人工核对 mark asked for, so the mark goes;
- a paragraph carried over from last year stays marked only while it is unchanged (the marks are the
  paragraphs themselves); replacing words keeps a carried paragraph marked, paragraph for paragraph.

`typed_values` is the one place that turns what was typed or pasted into cell values.
"""
from __future__ import annotations

import copy
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from .cell_input import CellInputError, parse_value
from .report import Report, TextBlock, Value
from .text_search import PREAMBLE, text_block

REPORT_FIELDS = ("title", "preamble", "money_unit", "printed")


class Changed(NamedTuple):
    """What an edit changed, so a view knows what to redraw."""
    cells: frozenset[str] = frozenset()
    blocks: tuple[tuple[str, int], ...] = ()      # (section key, block index)
    meta: bool = False                             # metadata, title, preamble or money unit


class Edit(Protocol):
    def apply(self, report: Report) -> Edit:
        """Change `report`; return the edit that changes it back."""
        ...

    def changed(self, report: Report) -> Changed:
        """What applying this edit changes (asked after it was applied)."""
        ...

    def merge_key(self) -> Hashable | None:
        """Edits with the same key, one after the other, are one step of typing (None: never merged)."""
        ...


@dataclass(frozen=True)
class SetCells:
    """Input cells set (None: blank); `printed` and `review` are restored by an undo."""
    values: Mapping[str, Value | None]
    printed: Mapping[str, Value | None] = field(default_factory=dict)
    review: Mapping[str, str] = field(default_factory=dict)

    def apply(self, report: Report) -> SetCells:
        old = {cid: report.values.get(cid) for cid in self.values}
        stale = set(self.values)
        for table in report.format.tables:
            for s in table.sums:
                if stale.intersection(s.parts):
                    stale.add(s.target)
        dropped_printed = {c: report.printed.pop(c) for c in stale if c in report.printed}
        dropped_review = {c: report.review.pop(c) for c in self.values if c in report.review}
        for cid, value in self.values.items():
            if value is None:
                report.values.pop(cid, None)
            else:
                report.values[cid] = value
        report.printed.update(self.printed)
        report.review.update(self.review)
        return SetCells(old, dropped_printed, dropped_review)

    def changed(self, report: Report) -> Changed:
        stale = set(self.values) | set(self.printed)
        for table in report.format.tables:
            for s in table.sums:
                if stale.intersection(s.parts):
                    stale.add(s.target)
        return Changed(cells=frozenset(stale))

    def merge_key(self) -> Hashable | None:
        return None


@dataclass(frozen=True)
class SetText:
    """The text of the preamble or of a block ("text.<节>.<块号>"), and with it the block's carried marks.

    `carried` None keeps the marks as they are (an edited paragraph is no longer marked, because it no
    longer matches); `follow_marks` moves them with words replaced paragraph for paragraph.
    """
    location: str
    text: str
    carried: tuple[str, ...] | None = None
    follow_marks: bool = False

    def apply(self, report: Report) -> SetText:
        if self.location == PREAMBLE:
            old = SetText(PREAMBLE, report.preamble)
            report.preamble = self.text
            return old
        block = _block(report, self.location)
        old = SetText(self.location, block.text, block.carried)
        carried = _carried_after(block, self.text) if self.follow_marks else self.carried
        block.text = self.text
        if carried is not None:
            block.carried = carried
        return old

    def changed(self, report: Report) -> Changed:
        if self.location == PREAMBLE:
            return Changed(meta=True)
        return Changed(blocks=(text_block(self.location),))

    def merge_key(self) -> Hashable | None:
        return ("text", self.location) if self.carried is None and not self.follow_marks else None


@dataclass(frozen=True)
class ConfirmCarried:
    """The clerk has read last year's paragraphs in a block through: they are no longer marked."""
    location: str

    def apply(self, report: Report) -> SetText:
        block = _block(report, self.location)
        old = SetText(self.location, block.text, block.carried)
        block.carried = ()
        return old

    def changed(self, report: Report) -> Changed:
        return Changed(blocks=(text_block(self.location),))

    def merge_key(self) -> Hashable | None:
        return None


@dataclass(frozen=True)
class SetMeta:
    """One field of the metadata (机关, 年度, contacts …)."""
    name: str
    value: object

    def apply(self, report: Report) -> SetMeta:
        old = SetMeta(self.name, copy.deepcopy(getattr(report.meta, self.name)))
        setattr(report.meta, self.name, copy.deepcopy(self.value))
        return old

    def changed(self, report: Report) -> Changed:
        return Changed(meta=True)

    def merge_key(self) -> Hashable | None:
        return ("meta", self.name)


@dataclass(frozen=True)
class SetReportField:
    """The report's title, preamble, money unit or printed totals (an empty dict: 采用计算的合计)."""
    name: str
    value: object

    def __post_init__(self) -> None:
        if self.name not in REPORT_FIELDS:
            raise ValueError(self.name)

    def apply(self, report: Report) -> SetReportField:
        old = SetReportField(self.name, copy.deepcopy(getattr(report, self.name)))
        setattr(report, self.name, copy.deepcopy(self.value))
        return old

    def changed(self, report: Report) -> Changed:
        if self.name == "printed":
            return Changed(cells=frozenset(report.format.cells))
        return Changed(meta=True)

    def merge_key(self) -> Hashable | None:
        return ("report", self.name)


@dataclass(frozen=True)
class Several:
    """Edits applied as one (replace everywhere); undone in reverse order."""
    edits: tuple[Edit, ...]

    def apply(self, report: Report) -> Several:
        return Several(tuple(reversed([e.apply(report) for e in self.edits])))

    def changed(self, report: Report) -> Changed:
        parts = [e.changed(report) for e in self.edits]
        return Changed(frozenset().union(*(p.cells for p in parts)),
                       tuple(b for p in parts for b in p.blocks), any(p.meta for p in parts))

    def merge_key(self) -> Hashable | None:
        return None


def set_cells(report: Report, values: Mapping[str, Value | None]) -> SetCells | None:
    """The edit that sets these input cells, without the computed, unknown and unchanged ones (None: nothing)."""
    cells = report.format.cells
    real = {cid: v for cid, v in values.items()
            if cid in cells and not cells[cid].computed and report.values.get(cid) != v}
    return SetCells(real) if real else None


def replace_texts(texts: Mapping[str, str]) -> Several:
    """Words replaced at several locations (gik_editor.text_search) as one edit. A paragraph carried over from
    last year stays marked: replacing a word in it (2020年 → 2021年) is not reading it through."""
    return Several(tuple(SetText(location, text, follow_marks=True) for location, text in texts.items()))


class TypedValueError(ValueError):
    """A typed or pasted text that is no value of its cell; str() is a Chinese message."""

    def __init__(self, cell_id: str, error: CellInputError) -> None:
        super().__init__(str(error))
        self.cell_id = cell_id


def typed_values(report: Report, texts: Mapping[str, str]) -> dict[str, Value | None]:
    """What the clerk typed or pasted into input cells, as values of their kinds; all or nothing.

    Raises TypedValueError naming the first cell whose text is refused."""
    out: dict[str, Value | None] = {}
    for cid, text in texts.items():
        try:
            out[cid] = parse_value(text, report.format.cells[cid].kind)
        except CellInputError as e:
            raise TypedValueError(cid, e) from e
    return out


def _block(report: Report, location: str) -> TextBlock:
    section, index = text_block(location)
    return report.sections[section].blocks()[index]


def _carried_after(block: TextBlock, text: str) -> tuple[str, ...] | None:
    """The carried paragraphs of `block` once its text is `text`, paragraph for paragraph (None: unchanged)."""
    old, new = block.text.split("\n"), text.split("\n")
    if not block.carried or len(old) != len(new):
        return None
    marked = set(block.carried)
    return tuple(n for o, n in zip(old, new) if o in marked)
