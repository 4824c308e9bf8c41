"""编辑 → 查找和替换 (Ctrl+F, Ctrl+H): find text in the preamble and all the report's text, replace one
occurrence or all of them (one undo step). After a report is carried into the next year this is how
"2020年" becomes "2021年" in the paragraphs that should say so.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gik_editor.text_search import Match, find_all, replaced_texts, text_at, text_places

from .report_doc import ReportDocument


class FindReplaceDialog(QDialog):
    """Not modal: the clerk edits the text between two searches. `show_text(location, start, end)` shows and
    selects an occurrence in the window (the dialog knows nothing else of it)."""

    def __init__(self, doc: ReportDocument, show_text: Callable[[str, int, int], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.doc = doc
        self._show_text = show_text
        self.setWindowTitle("查找和替换")
        self.find_edit = QLineEdit(self)
        year = date.today().year            # (last year's report carried into this year's)
        self.find_edit.setPlaceholderText(f"例如：{year - 1}年")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(f"例如：{year}年（留空则删除找到的文字）")
        form = QFormLayout()
        form.addRow("查找内容", self.find_edit)
        form.addRow("替换为", self.replace_edit)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.find_button = self._button(buttons, "查找下一处(&N)", self.find_next)
        self.find_button.setDefault(True)
        self.replace_button = self._button(buttons, "替换(&R)", self.replace)
        self.replace_all_button = self._button(buttons, "全部替换(&A)", self.replace_all)
        self._button(buttons, "关闭", self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.find_edit.textChanged.connect(self._count)
        self._last: Match | None = None          # the occurrence shown last: 替换 replaces it
        doc.reportReplaced.connect(self._forget)         # another report: its places are others

    def _forget(self) -> None:
        self._last = None
        if self.isVisible():
            self._count()

    def _button(self, box: QDialogButtonBox, text: str, slot) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def show_for_selection(self) -> None:
        """Open (or bring back) the dialog; text selected in an editor is what to find."""
        focused = self.parentWidget().focusWidget()
        if isinstance(focused, QPlainTextEdit) and focused.textCursor().hasSelection():
            self.find_edit.setText(focused.textCursor().selectedText().split("\u2029")[0])   # (one line)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._count()

    def _count(self) -> None:
        needle = self.find_edit.text()
        n = len(find_all(self.doc.report, needle))
        self.status.setText(f"共 {n} 处。" if needle and n else f"没有找到“{needle}”。" if needle else "")
        for button in (self.find_button, self.replace_button, self.replace_all_button):
            button.setEnabled(bool(n))

    def find_next(self) -> None:
        matches = find_all(self.doc.report, self.find_edit.text())
        if not matches:
            self._last = None
            self._count()
            return
        order = [location for location, _ in text_places(self.doc.report)]
        after = (order.index(self._last.location), self._last.end) if self._last else (-1, 0)
        later = [m for m in matches if (order.index(m.location), m.start) >= after]
        self._last = later[0] if later else matches[0]          # past the last one: from the top again
        number = matches.index(self._last) + 1
        self.status.setText(f"第 {number} 处，共 {len(matches)} 处。" + ("（已从头开始）" if not later else ""))
        self._show_text(*self._last)

    def replace(self) -> None:
        """Replace the occurrence shown last (if it is still there), then show the next one."""
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        last = self._last
        if last is not None and text_at(self.doc.report, last.location)[last.start:last.end] == needle:
            text = text_at(self.doc.report, last.location)
            self.doc.replace_texts({last.location: text[:last.start] + replacement + text[last.end:]},
                                   f"替换“{needle}”")
            self._last = Match(last.location, last.start, last.start + len(replacement))
        self.find_next()

    def replace_all(self) -> None:
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        n = len(find_all(self.doc.report, needle))
        texts = replaced_texts(self.doc.report, needle, replacement)
        if not texts:
            self._count()
            return
        self.doc.replace_texts(texts, f"全部替换“{needle}”")
        self._last = None
        self.status.setText(f"已替换 {n} 处（可用“撤销”一次恢复）。")
        for button in (self.find_button, self.replace_button, self.replace_all_button):
            button.setEnabled(bool(find_all(self.doc.report, needle)))
