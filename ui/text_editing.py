"""Text editors that leave undo to the document: the undo keys filter, and a plain-text editor as tall as its text.

The 基本信息 form uses these in the first frame, so this module imports only what they need;
the section editors (ui/text_section.py) are imported when a text tab is first shown.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from .first_frame import TEXT_WORD_WRAP, set_enum_property

MAX_GROW_LINES = 40         # beyond this an editor scrolls inside itself
PARAGRAPH_SEPARATOR = "\u2029"     # what QTextDocument.toRawText puts between paragraphs


class _DocumentUndoKeys(QObject):
    """Lets Ctrl+Z / Ctrl+Y (and the platform's other undo keys) reach the window's 撤销/重做.

    A line or text edit claims these keys for its own little undo history; the
    document's history is the one that knows about every change, so it must win.
    """

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_key(event):
            event.ignore()
            return True
        return False


def _is_undo_key(event) -> bool:
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    from PySide6.QtCore import Qt  # not at import: see ui/first_frame.py
    ctrl = Qt.KeyboardModifier.ControlModifier
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (event.key() == Qt.Key.Key_Y and mods == ctrl) or (
        event.key() == Qt.Key.Key_Z and mods == ctrl | Qt.KeyboardModifier.ShiftModifier)


_UNDO_KEYS: _DocumentUndoKeys | None = None


def install_document_undo(widget: QWidget) -> None:
    """Route the undo keys of an editing widget to the document's undo stack."""
    global _UNDO_KEYS
    if _UNDO_KEYS is None:
        _UNDO_KEYS = _DocumentUndoKeys()
    widget.installEventFilter(_UNDO_KEYS)


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text editor as tall as its text (within limits), so a page scrolls as one."""

    def __init__(self, min_lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self.setUndoRedoEnabled(False)
        install_document_undo(self)
        self.setTabChangesFocus(True)
        set_enum_property(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._fit)     # and on every width change (resizeEvent), the first show included

    def toPlainText(self) -> str:
        """The text exactly as it is: Qt's own turns every no-break space (common in text from web pages) into
        a plain space, so a paragraph nobody touched would change the moment the clerk edits another one."""
        return self.document().toRawText().replace(PARAGRAPH_SEPARATOR, "\n")

    def _fit(self) -> None:
        # Measured with the font, not the document layout: QPlainTextEdit lays out only what is visible.
        fm = self.fontMetrics()
        margin = self.document().documentMargin()
        width = max(self.width() - 2 * self.frameWidth() - int(2 * margin) - 4, 50)
        lines = 0
        for paragraph in self.toPlainText().split("\n"):
            rect = fm.boundingRect(0, 0, width, 1 << 20, TEXT_WORD_WRAP, paragraph or " ")
            lines += max(1, round(rect.height() / fm.lineSpacing()))
        lines = min(max(lines, self._min_lines), MAX_GROW_LINES)
        # QPlainTextEdit shows its scroll bar unless the text fits in the viewport less one margin and a
        # pixel, and the first paragraph's box has the document margin above and below it.
        height = int(lines * fm.lineSpacing() + 3 * margin + 2 * self.frameWidth() + 2)
        # Compared with the fixed height, not the current one: a new editor that happens to be as tall as
        # its text would otherwise keep no fixed height and be laid out at QPlainTextEdit's own 190 px.
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setFixedHeight(height)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:      # 视图 → 放大/缩小
            self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()
