"""The dialog after an import, a migration or a new report from last year's: a summary, the lines that need a
look, and the lines that need none folded under a button (a 2019 report leaves a dozen zeros behind)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

LOG_SIZE = (720, 420)


class LogDialog(QDialog):
    """`lines` are shown; `folded` only when the clerk opens them."""

    def __init__(self, parent: QWidget | None, title: str, summary: str, lines: list[str],
                 folded: list[str] | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import Qt
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(summary, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.lines = self.folded = None
        if lines:
            layout.addWidget(QLabel("以下内容请人工核对：", self))
            self.lines = _text(self, lines)
            layout.addWidget(self.lines, 3)
        folded = folded or []
        self.unfold = QToolButton(self)
        self.unfold.setText(f"其余{len(folded)}行（无需处理）")
        self.unfold.setCheckable(True)
        self.unfold.setArrowType(Qt.ArrowType.RightArrow)
        self.unfold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.unfold.setAutoRaise(True)
        self.unfold.setVisible(bool(folded))
        layout.addWidget(self.unfold)
        if folded:
            self.folded = _text(self, folded)
            self.folded.hide()
            layout.addWidget(self.folded, 2)
            self.unfold.toggled.connect(self._toggle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        if lines or folded:
            self.resize(*LOG_SIZE)

    def _toggle(self, shown: bool) -> None:
        from PySide6.QtCore import Qt
        self.folded.setVisible(shown)
        self.unfold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


def _text(parent: QWidget, lines: list[str]) -> QPlainTextEdit:
    text = QPlainTextEdit(parent)
    text.setReadOnly(True)
    text.setPlainText("\n".join(lines))
    return text
