"""Text of a section: one plain-text editor per block (the untitled intro and each titled sub-part).

Every keystroke goes through doc.set_block_text (consecutive typing is one undo
step) and the editors' own undo is off, so Ctrl+Z is always the document's.
Paragraphs carried over from last year are painted grey until edited or confirmed.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette, QTextCursor, QTextFormat
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QTextEdit, QVBoxLayout, QWidget

from . import review_actions
from .colours import caution_colour, marked_background, note_palette, set_text_colour
from .first_frame import set_enum_property
from .report_doc import ReportDocument
from .text_editing import GrowingTextEdit


class BlockEditor(QWidget):
    """Heading, carried-over banner, editor and the findings of one text block."""

    def __init__(self, doc: ReportDocument, section: str, index: int, caption: str = "",
                 min_lines: int = 3, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.section, self.index = doc, section, index
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)

        block = self._block()
        if block.title:
            title = QLabel(block.title, self)
            set_enum_property(title, "textFormat", "PlainText")     # an imported title is the report's words
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            layout.addWidget(title)
        elif caption:
            hint = QLabel(caption, self)
            hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            layout.addWidget(hint)

        self.banner = QFrame(self)
        self.banner.setObjectName("carriedBanner")
        # A yellow note in every theme, so its text is dark in every theme too.
        self.banner.setPalette(note_palette(self.banner.palette()))
        self.banner.setAutoFillBackground(True)
        self.banner.setFrameShape(QFrame.Shape.Box)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 3, 4, 3)
        banner_label = QLabel("灰底的段落沿用自上年报告，请逐段核对：修改后自动取消灰底，或确认无需修改。", self.banner)
        banner_label.setWordWrap(True)
        self.confirm_button = QPushButton("确认沿用", self.banner)
        self.confirm_button.setToolTip("这些段落核对无误，今年照用")
        self.confirm_button.clicked.connect(lambda: self.doc.confirm_carried(self.section, self.index))
        banner_layout.addWidget(banner_label, 1)
        banner_layout.addWidget(self.confirm_button)
        layout.addWidget(self.banner)

        self.editor = GrowingTextEdit(min_lines, self)
        self.editor.setPlaceholderText(placeholder or "在此输入正文，每段一行（按回车另起一段）")
        self.editor.setPlainText(block.text)
        self.editor.textChanged.connect(self._on_edited)

        self.editor.setProperty("contextMenuPolicy", "CustomContextMenu")
        self.editor.customContextMenuRequested.connect(self._show_menu)
        self.editor.installEventFilter(self)        # (the menu key and Shift+F10, below)
        layout.addWidget(self.editor)

        self.findings_label = _FindingsLabel(self)
        set_enum_property(self.findings_label, "textFormat", "PlainText")     # (they quote the text, the reasons)
        self.findings_label.setWordWrap(True)
        set_enum_property(self.findings_label, "textInteractionFlags", "TextSelectableByMouse")
        set_text_colour(self.findings_label, caution_colour(self))
        layout.addWidget(self.findings_label)

        self.refresh_marks()
        self.refresh_findings()

    @property
    def location(self) -> str:
        return f"text.{self.section}.{self.index}"

    def _block(self):
        return self.doc.report.sections[self.section].blocks()[self.index]

    def _on_edited(self) -> None:
        if not self._loading:
            self.doc.set_block_text(self.section, self.index, self.editor.toPlainText())

    def update_from_doc(self) -> None:
        """The document's text changed (undo, redo, confirm): show it, keeping the caret where it was."""
        text = self._block().text
        if text != self.editor.toPlainText():
            cursor = self.editor.textCursor()
            position = cursor.position()
            self._loading = True
            try:
                self.editor.setPlainText(text)
            finally:
                self._loading = False
            cursor = self.editor.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.editor.setTextCursor(cursor)
        self.refresh_marks()

    def refresh_marks(self) -> None:
        carried = set(self._block().carried_paragraphs())
        selections = []
        if carried:
            block = self.editor.document().firstBlock()
            while block.isValid():
                if block.text() in carried:
                    # The whole paragraph, every line it wraps onto: its text marks all lines but the last to the
                    # full width, and a cursor with nothing selected marks the line it is on, the last.
                    whole = QTextCursor(block)
                    whole.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                    last = QTextCursor(whole)
                    last.clearSelection()
                    for cursor in (whole, last):
                        sel = QTextEdit.ExtraSelection()
                        sel.format.setBackground(marked_background(self.editor))
                        sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                        sel.cursor = cursor
                        selections.append(sel)
                block = block.next()
        self.editor.setExtraSelections(selections)
        self.banner.setVisible(bool(carried))

    def carried_lines(self) -> list[int]:
        """Line numbers painted as carried over (what the clerk sees grey)."""
        doc = self.editor.document()
        return sorted({doc.findBlock(sel.cursor.position()).blockNumber() for sel in self.editor.extraSelections()})

    def refresh_findings(self) -> None:
        findings = self.doc.findings_for(self.location)
        self.findings_label.setText("\n".join(f"✓ {review_actions.REVIEWED}（{f.reason}）：{f.message}" if f.reviewed
                                              else f"⚠ {f.message}" for f in findings))
        self.findings_label.setVisible(bool(findings))

    def show_finding_tip(self) -> bool:
        """The finding tip of this block's findings, under the lines that list them; False when there are none."""
        findings = self.doc.findings_for(self.location)
        if not findings:
            return False
        from .finding_tip import tip_for  # (built on the first hover)
        tip_for(self).show_for(self.findings_label, self.findings_label.rect(), self.doc, findings,
                               self._heading())
        return True

    def _heading(self) -> str:
        from gik_editor.findings import describe_location
        return describe_location(self.doc.report, self.location)

    def context_menu(self) -> QMenu:
        """The editor's own menu, then what can be done with the block's findings (标记为已核对…): the
        keyboard's way to them (the menu key, Shift+F10)."""
        menu = self.editor.createStandardContextMenu()
        review_actions.add_to_menu(menu, self.doc, self, self.doc.findings_for(self.location))
        return menu

    def _show_menu(self, pos: QPoint) -> QMenu:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.editor.viewport().mapToGlobal(pos))      # (a scroll area gives viewport positions)
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The menu key and Shift+F10 open the menu where the caret is, as a right-click does where the mouse is.
        if watched is self.editor and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and (
                event.key() == Qt.Key.Key_Menu
                or (event.key() == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier)):
            self._show_menu(self.editor.cursorRect().center())
            return True
        return super().eventFilter(watched, event)


class _FindingsLabel(QLabel):
    """The findings under a paragraph; the mouse resting on them shows the finding tip, with its buttons."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            parent = self.parentWidget()
            if isinstance(parent, BlockEditor) and parent.show_finding_tip():
                return True
        return super().event(event)


class TextSection(QWidget):
    """The text blocks of one section: the intro and/or the sub-parts, each with its editor."""

    layoutRebuilt = Signal()

    def __init__(self, doc: ReportDocument, section: str, intro: bool = True, parts: bool = True,
                 min_lines: int = 3, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.section = doc, section
        self._intro, self._parts = intro, parts
        self._min_lines, self._placeholder = min_lines, placeholder
        self.editors: dict[int, BlockEditor] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._build()
        doc.textChanged.connect(self._on_text_changed)
        doc.findingsChanged.connect(self._on_findings_changed)
        doc.reportReplaced.connect(self._rebuild)

    def _build(self) -> None:
        blocks = self.doc.report.sections[self.section].blocks()
        has_parts = len(blocks) > 1
        for i in range(len(blocks)):
            if (i == 0 and not self._intro) or (i > 0 and not self._parts):
                continue
            caption = "本节开头的概述（可不填）" if i == 0 and has_parts and self._parts else ""
            editor = BlockEditor(self.doc, self.section, i, caption, self._min_lines, self._placeholder, self)
            self.editors[i] = editor
            self._layout.addWidget(editor)

    def _rebuild(self) -> None:
        for editor in self.editors.values():
            self._layout.removeWidget(editor)
            editor.deleteLater()
        self.editors = {}
        self._build()
        self.layoutRebuilt.emit()

    def _on_text_changed(self, section: str, index: int) -> None:
        editor = self.editors.get(index) if section == self.section else None
        if editor is not None:
            editor.update_from_doc()

    def _on_findings_changed(self) -> None:
        for editor in self.editors.values():
            editor.refresh_findings()


HEADING = "sectionHeading"          # the object name of the headings, which scale with 视图 → 放大


def heading_label(text: str, parent: QWidget | None = None) -> QLabel:
    """The official heading at the top of a tab, e.g. 三、收到和处理政府信息公开申请情况."""
    label = QLabel(text, parent)
    label.setObjectName(HEADING)
    label.setFont(heading_font(label.font()))
    label.setContentsMargins(0, 4, 0, 8)
    return label


def heading_font(text_font: QFont) -> QFont:
    font = QFont(text_font)
    font.setPointSizeF(text_font.pointSizeF() * 1.35)
    font.setBold(True)
    return font
