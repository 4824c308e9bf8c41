"""The open report as a Qt object: every change goes through one QUndoStack.

Widgets never touch the Report directly; they call the set_* methods here and
repaint on the signals. After every change the totals and findings are
recomputed by the core (well under a millisecond), so what is shown is never stale.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gik_editor.report import Report, TextBlock, Value, format_value
from gik_editor.findings import ERROR, WARNING, Finding
from gik_editor.rules import check
from gik_editor.storage import disk_stamp
from gik_editor.text_search import PREAMBLE, text_block
from gik_editor.totals import compute_totals

ATTR_MERGE_ID = 1001


class ReportDocument(QObject):
    changed = Signal()                 # after any change: edit, undo, redo, replace
    cellsChanged = Signal(object)      # set of cell ids whose shown value or colour may have changed
    textChanged = Signal(str, int)     # (section key, block index) whose text changed (0 = intro; "" = title/preamble)
    metaChanged = Signal()             # metadata, title, preamble or money unit changed
    findingsChanged = Signal()
    reportReplaced = Signal()          # a different report (or format) is now open: rebuild everything

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report = report
        self.path = path
        self._stamp = disk_stamp(path) if path is not None else None
        self.last_year: Report | None = None
        self.undo_stack = QUndoStack(self)
        self.totals: dict[str, Value | None] = {}
        self.findings: list[Finding] = []
        self._by_cell: dict[str, list[Finding]] = {}
        self._recompute()

    # ---- reading ----------------------------------------------------------------
    @property
    def report(self) -> Report:
        return self._report

    def value(self, cell_id: str) -> Value | None:
        if cell_id in self.totals:
            return self.totals[cell_id]
        return self._report.values.get(cell_id)

    def display(self, cell_id: str) -> str:
        return format_value(self.value(cell_id))

    def findings_for(self, location: str) -> list[Finding]:
        """Findings naming a cell id or a text location (text.<节>.<i>)."""
        return self._by_cell.get(location, [])

    @property
    def error_count(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warning_count(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ---- changing ---------------------------------------------------------------
    def set_cells(self, changes: dict[str, Value | None], description: str = "编辑单元格") -> bool:
        """Set input cells as ONE undo step; computed and unknown cells are skipped. False if nothing changed."""
        cells = self._report.format.cells
        real = {cid: v for cid, v in changes.items()
                if cid in cells and not cells[cid].computed and self._report.values.get(cid) != v}
        if not real:
            return False
        self.undo_stack.push(_CellsCommand(self, real, description))
        return True

    def set_block_text(self, section: str, index: int, text: str) -> None:
        """Text of block `index` of a section (0 = intro); consecutive typing merges into one undo step."""
        block = self._report.sections[section].blocks()[index]
        if block.text != text:
            self.undo_stack.push(_AttrCommand(self, block, "text", text, "编辑正文",
                                              lambda: self.textChanged.emit(section, index)))

    def replace_texts(self, texts: dict[str, str], description: str) -> None:
        """Words replaced at several locations (gik_editor.text_search), as ONE undo step. A paragraph carried
        over from last year stays marked: replacing a word in it (2020年 → 2021年) is not reading it through."""
        self.undo_stack.beginMacro(description)
        try:
            for location, text in texts.items():
                if location == PREAMBLE:
                    self.set_report_attr("preamble", text)
                    continue
                section, index = text_block(location)
                block = self._report.sections[section].blocks()[index]
                carried = _carried_after(block, text)
                self.set_block_text(section, index, text)
                if carried is not None:
                    self.undo_stack.push(_AttrCommand(self, block, "carried", carried, description,
                                                      lambda s=section, i=index: self.textChanged.emit(s, i)))
        finally:
            self.undo_stack.endMacro()

    def confirm_carried(self, section: str, index: int) -> None:
        """The clerk has checked last year's paragraphs in this block: they are no longer marked."""
        block = self._report.sections[section].blocks()[index]
        if block.carried:
            self.undo_stack.push(_AttrCommand(self, block, "carried", (), "确认沿用的段落",
                                              lambda: self.textChanged.emit(section, index)))

    def set_meta(self, field: str, value: Any) -> None:
        if getattr(self._report.meta, field) != value:
            self.undo_stack.push(_AttrCommand(self, self._report.meta, field, value, "修改基本信息",
                                              self.metaChanged.emit))

    def set_report_attr(self, field: str, value: Any) -> None:
        """title, preamble or money_unit."""
        if getattr(self._report, field) != value:
            self.undo_stack.push(_AttrCommand(self, self._report, field, value, "修改基本信息",
                                              self.metaChanged.emit))

    def clear_printed(self) -> None:
        """Drop the totals printed in an imported report: from now on only the computed totals count."""
        if self._report.printed:
            self.undo_stack.push(_AttrCommand(self, self._report, "printed", {}, "采用计算的合计",
                                              lambda: self.cellsChanged.emit(set(self._report.format.cells))))

    def replace_report(self, report: Report, path: Path | None) -> None:
        """Open another report: a new history, nothing modified."""
        self._report = report
        self.path = path
        self._stamp = disk_stamp(path) if path is not None else None
        self.undo_stack.clear()
        self.undo_stack.setClean()     # clear() keeps a resetClean() "never clean" state
        self._recompute()
        self.reportReplaced.emit()
        self.changed.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._stamp = disk_stamp(path)
        self.undo_stack.setClean()

    def changed_on_disk(self) -> bool:
        """The file was written by someone else since it was opened or saved here (a deleted file was not)."""
        if self.path is None or self._stamp is None:
            return False
        now = disk_stamp(self.path)
        return now is not None and now != self._stamp

    # ---- internals --------------------------------------------------------------
    def _recompute(self) -> set[str]:
        """Recompute totals and findings; return the cells whose total or finding status changed."""
        old_totals, old_flagged = self.totals, set(self._by_cell)
        self.totals = compute_totals(self._report)
        self.findings = check(self._report, self.last_year)
        by_cell: dict[str, list[Finding]] = {}
        for f in self.findings:
            for c in f.cells:
                by_cell.setdefault(c, []).append(f)
        self._by_cell = by_cell
        touched = {c for c, v in self.totals.items() if old_totals.get(c) != v}
        return touched | old_flagged | set(by_cell)

    def _after_change(self, cells: set[str]) -> None:
        touched = self._recompute() | cells
        self.cellsChanged.emit(touched)
        self.findingsChanged.emit()
        self.changed.emit()

    def set_last_year(self, last: Report | None) -> None:
        """Last year's report for the cross-year rules (else the figures kept in the file are used)."""
        self.last_year = last
        self._after_change(set())


class _CellsCommand(QUndoCommand):
    def __init__(self, doc: ReportDocument, changes: dict[str, Value | None], text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.new = changes
        self.old = {cid: doc.report.values.get(cid) for cid in changes}
        # A total printed in an imported report stops counting once the clerk edits one of its parts.
        report = doc.report
        stale: set[str] = set(changes)
        for table in report.format.tables:
            for s in table.sums:
                if stale.intersection(s.parts):
                    stale.add(s.target)
        self.old_printed = {c: report.printed[c] for c in stale if c in report.printed}
        # Typing a value over a migrated one is the manual check its 需人工核对 mark asked for.
        self.old_review = {c: report.review[c] for c in changes if c in report.review}

    def _apply(self, values: dict[str, Value | None], restore: bool) -> None:
        report = self.doc.report
        for cid, v in values.items():
            if v is None:
                report.values.pop(cid, None)
            else:
                report.values[cid] = v
        for kept, old in ((report.printed, self.old_printed), (report.review, self.old_review)):
            if restore:
                kept.update(old)
            else:
                for c in old:
                    kept.pop(c, None)
        self.doc._after_change(set(values) | set(self.old_printed))

    def redo(self) -> None:
        self._apply(self.new, restore=False)

    def undo(self) -> None:
        self._apply(self.old, restore=True)


class _AttrCommand(QUndoCommand):
    """Set one attribute of a text block, the metadata or the report; typing in one field merges."""

    def __init__(self, doc: ReportDocument, target: object, field: str, value: Any, text: str, notify) -> None:
        super().__init__(text)
        self.doc, self.target, self.field, self.notify = doc, target, field, notify
        self.old = copy.deepcopy(getattr(target, field))
        self.new = value

    def _apply(self, value: Any) -> None:
        setattr(self.target, self.field, copy.deepcopy(value))
        self.notify()
        self.doc._after_change(set())

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def id(self) -> int:
        return ATTR_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Consecutive typing into one field (text, metadata, title, preamble) is one undo step.
        if not isinstance(other, _AttrCommand) or (other.target, other.field) != (self.target, self.field):
            return False
        self.new = other.new
        return True


def _carried_after(block: TextBlock, text: str) -> tuple[str, ...] | None:
    """The carried paragraphs of `block` once its text is `text`, paragraph for paragraph (None: unchanged)."""
    old, new = block.text.split("\n"), text.split("\n")
    if not block.carried or len(old) != len(new):
        return None
    marked = set(block.carried)
    return tuple(n for o, n in zip(old, new) if o in marked)
