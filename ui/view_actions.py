"""视图 and navigation for one window: go to a finding or a text, find and replace, zoom, the next problem."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QScrollArea

from gik_editor.text_search import PREAMBLE, text_block

from . import zoom as zoom_levels
from .tabs import META_TAB

if TYPE_CHECKING:                       # (the window owns its view actions)
    from .find_replace import FindReplaceDialog
    from .main_window import MainWindow


class ViewActions:
    """Showing places of the window's report: cells, text blocks, occurrences, problems; the zoom level."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.zoom_percent = zoom_levels.valid(window.settings.value(zoom_levels.SETTING, 100))
        if self.zoom_percent != 100:
            zoom_levels.set_zoom(self.zoom_percent)
        self.find_dialog: FindReplaceDialog | None = None     # opened on demand (编辑 → 查找和替换)

    def go_to(self, location: str) -> None:
        """Show where a finding is: a cell of a table, a text block, or (no location) the metadata."""
        window = self.window
        report = window.doc.report
        if location.startswith("text."):
            editor = self.text_editor_at(location)
            if editor is not None:
                editor.setFocus()
        elif location in report.format.cells:
            key = report.format.table_of(location).section
            window.show_tab(key)
            window.table_views[key].select_cell(location)
        else:
            window.show_tab(META_TAB)
            if window.meta_form is not None:
                window.meta_form.focus_first()

    def text_editor_at(self, location: str) -> QPlainTextEdit | None:
        """The editor of a text location ("preamble" or "text.<节>.<块号>"), its tab shown and scrolled to it."""
        window = self.window
        if location == PREAMBLE:
            page = window.show_tab(META_TAB)
            assert window.meta_form is not None        # (showing its tab built it)
            editor: QPlainTextEdit = window.meta_form.preamble
        else:
            key, index = text_block(location)
            page = window.show_tab(key)
            blocks = [text.editors[index] for text in window.text_sections.get(key, []) if index in text.editors]
            if not blocks:
                return None
            editor = blocks[0].editor
        if isinstance(page, QScrollArea):
            page.ensureWidgetVisible(editor)
        return editor

    def select_text(self, location: str, start: int, end: int) -> None:
        """Show the text between `start` and `end` (Python string positions) at `location`, selected."""
        from PySide6.QtGui import QTextCursor
        editor = self.text_editor_at(location)
        if editor is None:
            return
        text = editor.toPlainText()
        cursor = editor.textCursor()
        cursor.setPosition(_utf16_length(text[:start]))        # Qt counts UTF-16 units: 𠀀 and emoji are two
        cursor.setPosition(_utf16_length(text[:end]), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.setFocus()

    def find_replace(self) -> None:
        """编辑 → 查找和替换: one dialog per window, kept while the window lives."""
        if self.find_dialog is None:
            from .find_replace import FindReplaceDialog
            self.find_dialog = FindReplaceDialog(self.window.doc, self.select_text, self.window)
        self.find_dialog.show_for_selection()

    def zoom(self, direction: int) -> None:
        """One step larger (1), smaller (-1), or back to 100 % (0); remembered for the next start."""
        from .text_section import HEADING, heading_font
        window = self.window
        percent = 100 if direction == 0 else zoom_levels.stepped(self.zoom_percent, direction)
        zoom_levels.set_zoom(percent)
        self.zoom_percent = percent
        window.settings.setValue(zoom_levels.SETTING, percent)
        for label in window.findChildren(QLabel, HEADING):        # (their size is their own: set again)
            label.setFont(heading_font(QApplication.font()))
        for view in window.table_views.values():
            view.follow_font(QApplication.font())
        window.show_message(f"显示比例：{percent}%")

    def go_to_problem(self, step: int) -> None:
        """The next (step 1) or previous (-1) finding of the problems panel, shown where it is."""
        window = self.window
        if not window.problems.select_next(step):
            window.show_message("没有需要处理的问题。")
            return
        window.problems_dock.show()


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
