"""The open report as a Qt object: every change is a core edit (gik_editor.edits) on one QUndoStack.

Widgets never touch the Report directly; they call the set_* methods here (or `apply` an edit) and
repaint on the signals. After every change the totals and findings are recomputed by the core (well
under a millisecond), so what is shown is never stale. The rules of editing are the edits' own.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gik_editor import edits, reviews
from gik_editor.edits import Edit
from gik_editor.findings import ERROR, WARNING, Finding
from gik_editor.report import Report, Value, format_value
from gik_editor.rules import FILL_ZEROS, check
from gik_editor.storage import disk_stamp
from gik_editor.totals import compute_totals

MERGE_ID = 1001


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
        """Open errors: a finding the clerk marked 已核对 is not counted."""
        return sum(f.severity == ERROR and not f.reviewed for f in self.findings)

    @property
    def warning_count(self) -> int:
        return sum(f.severity == WARNING and not f.reviewed for f in self.findings)

    @property
    def reviewed_count(self) -> int:
        return sum(f.reviewed for f in self.findings)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ---- changing ---------------------------------------------------------------
    def apply(self, edit: Edit | None, description: str) -> bool:
        """Apply a core edit (gik_editor.edits) as one undo step. False if there was nothing to apply."""
        if edit is None:
            return False
        self.undo_stack.push(_EditCommand(self, edit, description))
        return True

    def set_cells(self, changes: dict[str, Value | None], description: str = "编辑单元格") -> bool:
        """Set input cells as ONE undo step; computed and unknown cells are skipped. False if nothing changed."""
        return self.apply(edits.set_cells(self._report, changes), description)

    def set_block_text(self, section: str, index: int, text: str) -> None:
        """Text of block `index` of a section (0 = intro); consecutive typing merges into one undo step."""
        if self._report.sections[section].blocks()[index].text != text:
            self.apply(edits.SetText(f"text.{section}.{index}", text), "编辑正文")

    def replace_texts(self, texts: dict[str, str], description: str) -> None:
        """Words replaced at several locations (gik_editor.text_search), as ONE undo step."""
        if texts:
            self.apply(edits.replace_texts(texts), description)

    def confirm_carried(self, section: str, index: int) -> None:
        """The clerk has checked last year's paragraphs in this block: they are no longer marked."""
        if self._report.sections[section].blocks()[index].carried:
            self.apply(edits.ConfirmCarried(f"text.{section}.{index}"), "确认沿用的段落")

    def mark_reviewed(self, finding: Finding, reason: str) -> bool:
        """Mark a finding 已核对 with the clerk's reason, as one undo step."""
        values = {**self._report.values, **{k: v for k, v in self.totals.items() if v is not None}}
        return self.apply(reviews.mark(self._report, finding, reason, values), "标记为已核对")

    def unmark_reviewed(self, finding: Finding) -> bool:
        return self.apply(reviews.unmark(self.report, finding), "取消已核对")

    def fill_blanks_with_zero(self, cells: tuple[str, ...]) -> bool:
        """以0填充空白单元格: every blank input cell among `cells` set to 0, as ONE undo step."""
        return self.set_cells({c: 0 for c in cells if self._report.values.get(c) is None}, FILL_ZEROS)

    def set_meta(self, field: str, value: Any) -> None:
        if getattr(self._report.meta, field) != value:
            self.apply(edits.SetMeta(field, value), "修改基本信息")

    def set_report_attr(self, field: str, value: Any) -> None:
        """title, preamble or money_unit."""
        if getattr(self._report, field) != value:
            self.apply(edits.SetReportField(field, value), "修改基本信息")

    def clear_printed(self) -> None:
        """Drop the totals printed in an imported report: from now on only the computed totals count."""
        if self._report.printed:
            self.apply(edits.SetReportField("printed", {}), "采用计算的合计")

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
        self.findings = check(self._report)
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

    def _applied(self, edit: Edit) -> None:
        """Tell the views what `edit` (just applied) changed, after the totals and findings follow."""
        changed = edit.changed(self._report)
        for section, index in changed.blocks:
            self.textChanged.emit(section, index)
        if changed.meta:
            self.metaChanged.emit()
        self._after_change(set(changed.cells))


class _EditCommand(QUndoCommand):
    """Any core edit as an undo step: redo applies it, undo applies the inverse it returned."""

    def __init__(self, doc: ReportDocument, edit: Edit, text: str) -> None:
        super().__init__(text)
        self.doc, self.edit = doc, edit
        self.inverse: Edit | None = None

    def redo(self) -> None:
        self.inverse = self.edit.apply(self.doc.report)
        self.doc._applied(self.edit)

    def undo(self) -> None:
        assert self.inverse is not None          # Qt calls redo() on push
        undone = self.inverse
        self.inverse.apply(self.doc.report)
        self.doc._applied(undone)

    def id(self) -> int:
        return MERGE_ID if self.edit.merge_key() is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Consecutive typing into one field (text, metadata, title, preamble) is one undo step.
        if not isinstance(other, _EditCommand) or other.edit.merge_key() != self.edit.merge_key():
            return False
        self.edit = other.edit
        return True
