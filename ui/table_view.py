"""The statistical table as a spreadsheet-like grid laid out like the official form.

Typing replaces a cell, Enter moves down, Tab moves right (both skip cells that
cannot be typed into), Delete clears to blank; blocks copy and paste as
tab-separated text, so they go to and from Excel/WPS. A paste is one undo step.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QContextMenuEvent, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from gik_editor.cell_input import split_block
from gik_editor.edits import TypedValueError, typed_values
from gik_editor.formats import Role

from . import review_actions
from .colours import note_palette, paper_palette
from .report_doc import ReportDocument
from .table_model import ReportTableModel

H_PAD = 14            # horizontal room around a cell's text, in pixels
V_PAD = 7
MAX_STRETCH = 2.0     # widen the form to fill the window, but not beyond this factor
MIN_BODY_ROWS = 8     # rows of a table that always show below its header rows: the page scrolls instead
NUMBER_ROOM = "99999"    # a value column is never narrower than this (and 2 characters of its header)
LABEL_EM = (8, 4)     # a label column shrinks to this many characters on a narrow screen (first, at the last)
GROUP_EM = (3, 2)     # …and a column of group labels (三、本年度办理结果)
# The form's lines, as dark as printed (the style would draw them a pale grey on the white paper).
GRID_STYLE = "QTableView { gridline-color: #7f7f7f; }"
SELECTION_TINT = QColor(40, 110, 220, 80)
BALLOON_MS = 10000    # how long a refusal stays at the cell if the clerk does nothing


def _without_blank_tail(row: list[str], width: int) -> list[str]:
    """Empty cells past the right edge of the form carry nothing: drop them rather than refuse."""
    while len(row) > width and not row[-1].strip():
        row = row[:-1]
    return row


class _CellEditor(QLineEdit):
    def __init__(self, index: QModelIndex, parent: QWidget) -> None:
        super().__init__(parent)
        self.cell = QPersistentModelIndex(index)

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()      # the view moves down once, on closeEditor; the key must not reach it too


class _Balloon(QLabel):
    """Why a cell refused what was typed, shown at the cell (where the clerk is looking) until the text is
    changed, the cell left, or BALLOON_MS have passed. A child of the grid, so it also shows in screenshots."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self.setObjectName("refusalBalloon")
        self.setWordWrap(True)
        self.setPalette(note_palette(self.palette()))
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setMargin(6)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_at(self, rect: QRect, message: str) -> None:
        """Below the cell `rect` (in the grid's coordinates), or above it when there is no room below."""
        self.setText("✖ " + message)
        width = min(max(rect.width(), 22 * self.fontMetrics().horizontalAdvance("中")), self._view.width() - 8)
        self.setFixedWidth(width)
        self.adjustSize()
        x = min(max(rect.left(), 4), self._view.width() - width - 4)
        y = rect.bottom() + 2
        if y + self.height() > self._view.height():
            y = max(rect.top() - self.height() - 2, 0)
        self.move(x, y)
        self.show()
        self.raise_()
        self._timer.start(BALLOON_MS)


class _CellDelegate(QStyledItemDelegate):
    """Numbers are edited right-aligned in a frameless line edit, as in a spreadsheet.

    A selected cell is tinted rather than painted over, so a red, orange or grey cell keeps its
    colour while the clerk selects it (the problems panel selects exactly the red cells).
    """

    def __init__(self, view: ReportTableView) -> None:
        super().__init__(view)
        self._view = view
        self._is_selected = view.selectionModel().isSelected

    def paint(self, painter, option, index) -> None:
        if not self._is_selected(index):
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        painter.fillRect(option.rect, SELECTION_TINT)

    def createEditor(self, parent, option, index):
        editor = _CellEditor(index, parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.textEdited.connect(self._view.hide_refusal)
        return editor

    def eventFilter(self, editor, event) -> bool:
        """Enter or Tab with a text the cell cannot take: the editor stays open, its text selected, and the
        balloon says why (the old value stays); the cursor does not move on as if nothing had been typed."""
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab,
                                                                Qt.Key.Key_Backtab) and isinstance(editor, _CellEditor):
            refusal = self._view.refusal(_index(editor.cell), editor.text())
            if refusal:
                editor.selectAll()
                self._view.show_refusal(_index(editor.cell), refusal)
                return True
        return super().eventFilter(editor, event)

    def setModelData(self, editor, model, index) -> None:
        # Reached with a refused text only when the clerk clicked elsewhere: the old value stays, and he is told.
        refusal = self._view.refusal(index, editor.text())
        if refusal:
            self._view.show_refusal(index, refusal)
            return
        self._view.hide_refusal()
        super().setModelData(editor, model, index)


class _FrozenHeader(QTableView):
    """The header rows of the form, kept over the top of the grid while it scrolls down.

    Table 三 is taller than most screens; without its column headers in view a clerk filling
    （五）不予处理 cannot tell 科研机构 from 社会公益组织.
    """

    def __init__(self, owner: QTableView) -> None:
        super().__init__(owner)
        self.setModel(owner.model())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setStyleSheet(GRID_STYLE)
        owner.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        self._owner = owner
        self.hide()

    def wheelEvent(self, event) -> None:
        self._owner.wheelEvent(event)      # the wheel scrolls the grid beneath, never the header itself


class ReportTableView(QTableView):
    """Table `table_id` (t2/t3/t4) of the open report; rebuilds when another report is opened."""

    statusMessage = Signal(str)

    def __init__(self, doc: ReportDocument, table_id: str, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._model = ReportTableModel(doc, table_id, self)
        self.setModel(self._model)
        self._model.refused.connect(self.statusMessage)
        self._model.modelReset.connect(self._apply_layout)
        self.setItemDelegate(_CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(GRID_STYLE)
        self.setPalette(paper_palette(self.palette()))      # (the frozen header row below inherits it)
        self._frozen = _FrozenHeader(self)
        self._balloon = _Balloon(self)
        self.verticalScrollBar().valueChanged.connect(self.hide_refusal)
        self.verticalScrollBar().valueChanged.connect(self._place_frozen)
        self._base_widths: list[int] = []
        self._levels: list[list[int]] = []       # the natural widths, then narrower ones (see _natural_widths)
        self._group_cols: set[int] = set()
        # The cell a jump (F7, the problems panel) went to: shown again once the page has its final layout.
        self._reveal = QPersistentModelIndex()
        self._follows_page = False
        self._moving = False
        self._apply_layout()

    @property
    def table_model(self) -> ReportTableModel:
        return self._model

    # ---- refusals at the cell ---------------------------------------------------------
    def refusal(self, index: QModelIndex, text: str) -> str:
        """Why the cell at `index` cannot take `text` (a Chinese sentence), or "" when it can."""
        spec = self._model.spec(index)
        if spec is None or not self._model.is_input(index):
            return ""
        try:
            typed_values(self.doc.report, {spec.id: text})
        except TypedValueError as e:
            return f"{spec.name}：{e}"
        return ""

    def show_refusal(self, index: QModelIndex, message: str) -> None:
        self._balloon.show_at(self.visualRect(index).translated(self.viewport().pos()), message)

    def hide_refusal(self) -> None:
        self._balloon.hide()

    def refusal_shown(self) -> str:
        """The refusal the balloon shows ("" when none)."""
        return self._balloon.text().removeprefix("✖ ") if self._balloon.isVisible() else ""

    # ---- the contract with the window ---------------------------------------------
    def select_cell(self, cell_id: str) -> None:
        index = self._model.index_of(cell_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            # A tab shown for the jump is laid out only when the event loop runs: the cell is shown now, after
            # that layout, and after any later resize, until the clerk scrolls or clicks the grid himself.
            self._reveal = QPersistentModelIndex(index)
            self._show_revealed()
            QTimer.singleShot(0, self._show_revealed)

    def _show_revealed(self) -> None:
        if not self._reveal.isValid() or self.currentIndex() != _index(self._reveal):
            return
        index = _index(self._reveal)
        self.scrollTo(index)
        area = self._page_area()
        page = area.widget() if area is not None else None
        if area is not None and page is not None:
            # The whole grid, header and all, when the page holds it (ensureWidgetVisible would show the
            # current cell only: that is what a view reports as its input position).
            whole = self.mapTo(page, self.rect().center())
            area.ensureVisible(whole.x(), whole.y(), self.width() // 2, self.height() // 2)
            rect = self.visualRect(index)
            top_left = self.viewport().mapTo(area.viewport(), rect.topLeft())
            if not area.viewport().rect().contains(QRect(top_left, rect.size())):     # a grid taller than the page
                centre = self.viewport().mapTo(page, rect.center())
                area.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 8, rect.height() // 2 + 8)

    def _page_area(self) -> QScrollArea | None:
        """The scroll area of the tab this grid is on, if it is on one."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent

    def showEvent(self, event) -> None:
        super().showEvent(event)
        area = self._page_area()
        if area is not None and not self._follows_page:
            # The page grows to make room for the grid after the jump: show the cell again then.
            # (After the event: the bar's value is clamped to its new range only once this signal is through.)
            area.verticalScrollBar().rangeChanged.connect(
                lambda _low, _high: QTimer.singleShot(0, self, self._show_revealed))
            area.viewport().installEventFilter(self)
            self._follows_page = True
            self._keep_rows()

    def eventFilter(self, watched, event) -> bool:
        area = self._page_area()
        if area is not None and watched is area.viewport():
            if event.type() == QEvent.Type.Resize:       # the page's visible part: the window was resized
                self._keep_rows()
            return False
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event) -> None:
        self._reveal = QPersistentModelIndex()
        super().mousePressEvent(event)

    def focusOutEvent(self, event) -> None:
        # The clerk went on elsewhere (typing in the text above must not bring the grid back into view);
        # a menu or another window taking the focus for a moment is not that.
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self._reveal = QPersistentModelIndex()
        super().focusOutEvent(event)

    def wheelEvent(self, event) -> None:
        self._reveal = QPersistentModelIndex()
        super().wheelEvent(event)

    def copy_selection(self) -> None:
        """The selected block as tab-separated text, one column per column of the form.

        A merged label or value is written in its top-left position with the rest of it empty,
        as Excel and WPS copy merged cells, so the block lands in the same shape in a spreadsheet.
        """
        rect = self._selected_rect()
        if rect is None:
            return
        top, left, bottom, right = rect
        lines = ["\t".join(self._copy_text(r, c) for c in range(left, right + 1)) for r in range(top, bottom + 1)]
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        self.statusMessage.emit(f"已复制 {bottom - top + 1} 行 × {right - left + 1} 列。")

    def paste(self) -> None:
        block = split_block(QGuiApplication.clipboard().text())
        rect = self._selected_rect()
        if not block:
            self.statusMessage.emit("剪贴板中没有可粘贴的内容。")
            return
        if rect is None:
            self.statusMessage.emit("请先选择要粘贴到的单元格。")
            return
        if len(block) == 1 and len(block[0]) == 1 and self._selection_size() > 1:
            self._fill_selection(block[0][0])
        else:
            self._paste_block(block, rect[0], rect[1])

    def clear_selection(self) -> None:
        indexes = self._selected_indexes()
        ids = {self._model.spec(i).id for i in indexes if self._model.is_input(i)}
        if not ids:
            if any(self._model.spec(i) for i in indexes):
                self.statusMessage.emit("合计由系统自动计算，不能清除。")
            return
        self.doc.set_cells(dict.fromkeys(ids), "清除单元格")

    # ---- pasting -----------------------------------------------------------------
    def _paste_block(self, block: list[list[str]], top: int, left: int) -> None:
        """Column j of the block goes to column left + j of the form, as in a spreadsheet."""
        model = self._model
        rows_left, cols_left = model.rowCount() - top, model.columnCount() - left
        if len(block) > rows_left:
            self.statusMessage.emit(
                f"粘贴的内容有 {len(block)} 行，从所选单元格往下只有 {rows_left} 行，放不下，未粘贴。"
                "请选择更靠上的单元格后再粘贴。")
            return
        block = [_without_blank_tail(row, cols_left) for row in block]
        width = max(len(row) for row in block)
        if width > cols_left:
            self.statusMessage.emit(
                f"粘贴的内容有 {width} 列，从所选单元格往右只有 {cols_left} 列，放不下，未粘贴。"
                "请选择更靠左的单元格后再粘贴。")
            return
        pieces = []
        skipped = 0
        for i, row in enumerate(block):
            for j, text in enumerate(row):
                index = model.index(top + i, left + j)
                spec = model.spec(index)
                if spec is None or spec.computed:
                    # labels copied along with the numbers, the rest of a merged cell, totals
                    label = model.data(index) if spec is None else None
                    skipped += bool(text.strip()) and text.strip() != label
                    continue
                pieces.append((spec, text, f"第 {i + 1} 行第 {j + 1} 个值"))
        count = self._set_pasted(pieces)
        if count is None:
            return
        selection = QItemSelection(model.index(top, left), model.index(top + len(block) - 1, left + width - 1))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        note = f"，{skipped} 个值落在标签或合计单元格上，已跳过" if skipped else ""
        self.statusMessage.emit(f"已粘贴 {count} 个单元格{note}。")

    def _fill_selection(self, text: str) -> None:
        specs = (self._model.spec(index) for index in self._selected_indexes())
        count = self._set_pasted([(spec, text, "") for spec in specs if spec is not None and not spec.computed])
        if count is not None:
            self.statusMessage.emit(f"已粘贴到 {count} 个单元格。")

    def _set_pasted(self, pieces: list) -> int | None:
        """Parse (spec, text, where) pieces and set them as ONE undo step: all or nothing.
        The number of cells set, or None (with a message) when a value is refused or nothing fits."""
        try:
            changes = typed_values(self.doc.report, {spec.id: text for spec, text, _ in pieces})
        except TypedValueError as e:
            where, spec = next((w, s) for s, _, w in pieces if s.id == e.cell_id)
            self.statusMessage.emit(f"{where}不能粘贴到“{spec.name}”：{e}未粘贴。")
            return None
        if not changes:
            self.statusMessage.emit("所选位置没有可以填写的单元格，未粘贴。")
            return None
        self.doc.set_cells(changes, "粘贴")
        return len(changes)

    # ---- selection helpers -----------------------------------------------------------
    def _selected_indexes(self) -> list[QModelIndex]:
        indexes = self.selectionModel().selectedIndexes()
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        return indexes

    def _selection_size(self) -> int:
        return len(self.selectionModel().selectedIndexes())

    def _selected_rect(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) around the selection (or the current cell)."""
        indexes = self._selected_indexes()
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        cols = [i.column() for i in indexes]
        return min(rows), min(cols), max(rows), max(cols)

    def _copy_text(self, row: int, col: int) -> str:
        return self._model.data(self._model.index(row, col)) or ""

    # ---- spreadsheet keys ----------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        self._reveal = QPersistentModelIndex()
        key = event.key()
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.show_menu_at_cell()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._move(1, 0)
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            forward = key == Qt.Key.Key_Tab
            if not self._move(0, 1 if forward else -1):
                # past the last (first) cell Tab leaves the table, so the keyboard never gets stuck in it
                QWidget.focusNextPrevChild(self, forward)
        elif event.text().strip() and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) \
                and not self._model.is_input(self.currentIndex()):
            self._refuse_typing()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _refuse_typing(self) -> None:
        spec = self._model.spec(self.currentIndex())
        if spec is not None:
            self.statusMessage.emit(f"“{spec.name}”是合计，由各分项自动计算，不能直接填写。")
        else:
            self.statusMessage.emit("这里是表格的标题或栏目，不能填写数字。")

    def contextMenuEvent(self, event) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.show_menu_at_cell()
            return
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        self.context_menu(index).exec(event.globalPos())

    def show_menu_at_cell(self) -> QMenu:
        """The menu key or Shift+F10: the menu of the cell the clerk is on, at that cell (the keyboard's way to
        标记为已核对…). Shown without waiting for it, like any popup."""
        index = self.currentIndex()
        menu = self.context_menu(index)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.viewport().mapToGlobal(self.visualRect(index).center()))
        return menu

    def context_menu(self, index: QModelIndex) -> QMenu:
        """复制, 粘贴, 清除, and what can be done with the findings of the cell at `index` (标记为已核对…)."""
        menu = QMenu(self)
        for text, shortcut, slot in (("复制", QKeySequence.StandardKey.Copy, self.copy_selection),
                                     ("粘贴", QKeySequence.StandardKey.Paste, self.paste),
                                     ("清除", QKeySequence.StandardKey.Delete, self.clear_selection)):
            action = menu.addAction(text, slot)
            action.setShortcut(shortcut)          # shown as a hint; the keys are handled in keyPressEvent
        spec = self._model.spec(index)
        if spec is not None:
            review_actions.add_to_menu(menu, self.doc, self, self.doc.findings_for(spec.id))
        return menu

    # ---- the finding tip ---------------------------------------------------------------
    def viewportEvent(self, event) -> bool:
        # Where Qt would show a cell's tooltip (the mouse rested on it), a cell with findings shows the
        # finding tip, which holds buttons; any other cell its plain tooltip.
        if event.type() == QEvent.Type.ToolTip and self.show_finding_tip(self.indexAt(event.pos())):
            return True
        return super().viewportEvent(event)

    def show_finding_tip(self, index: QModelIndex) -> bool:
        """Show the finding tip of the cell at `index`; False when it has no findings."""
        spec = self._model.spec(index)
        findings = self.doc.findings_for(spec.id) if spec is not None else []
        if spec is None or not findings:
            return False
        from .finding_tip import tip_for  # (built on the first hover: start-up pays nothing)
        QToolTip.hideText()
        tip_for(self).show_for(self.viewport(), self.visualRect(index), self.doc, findings,
                               self._model.cell_note(spec))
        return True

    def mouseDoubleClickEvent(self, event) -> None:
        super().mouseDoubleClickEvent(event)
        index = self.indexAt(event.position().toPoint())
        spec = self._model.spec(index)
        if spec is not None and spec.computed:
            self._refuse_typing()

    def closeEditor(self, editor, hint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:      # Esc: what was refused is typed no more
            self.hide_refusal()
        moves = {QAbstractItemDelegate.EndEditHint.EditNextItem: (0, 1),
                 QAbstractItemDelegate.EndEditHint.EditPreviousItem: (0, -1),
                 QAbstractItemDelegate.EndEditHint.SubmitModelCache: (1, 0)}
        if hint in moves and not self._moving:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._move(*moves[hint])
        else:
            super().closeEditor(editor, hint)

    def _move(self, dr: int, dc: int) -> bool:
        """To the next cell that can be typed into: down a column, or along the rows (wrapping).

        False when there is none in that direction.
        """
        model = self._model
        cur = self.currentIndex()
        if not cur.isValid():
            target = self._first_input()
        elif dr:
            target = next((model.index(r, cur.column()) for r in range(cur.row() + 1, model.rowCount())
                           if model.is_input(model.index(r, cur.column()))), None)
        else:
            n_cols = model.columnCount()
            start = cur.row() * n_cols + cur.column()
            order = range(start + 1, model.rowCount() * n_cols) if dc > 0 else range(start - 1, -1, -1)
            target = next((model.index(p // n_cols, p % n_cols) for p in order
                           if model.is_input(model.index(p // n_cols, p % n_cols))), None)
        if target is not None:
            # Leaving a cell being edited commits it and closes the editor with a "next row" hint;
            # that close must not move a second time.
            self._moving = True
            try:
                self.setCurrentIndex(target)
            finally:
                self._moving = False
            self.scrollTo(target)
        return target is not None

    def _first_input(self) -> QModelIndex | None:
        model = self._model
        return next((model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                     if model.is_input(model.index(r, c))), None)

    # ---- layout like the official form -------------------------------------------------
    def _apply_layout(self) -> None:
        self.clearSpans()
        self._frozen.clearSpans()
        for g in self._model.spans():
            self.setSpan(g.row, g.col, g.rowspan, g.colspan)
            if g.row + g.rowspan <= self._model.table.header_rows:
                self._frozen.setSpan(g.row, g.col, g.rowspan, g.colspan)
        self._measure()
        first = self._first_input()
        if first is not None:
            self.setCurrentIndex(first)

    def follow_font(self, font: QFont) -> None:
        """视图 → 放大/缩小. (A widget with a style sheet keeps the font it had when styled: it is told.)"""
        self.setFont(font)
        self._frozen.setFont(font)
        self._measure()

    def _measure(self) -> None:
        self._levels, self._group_cols = self._natural_widths()
        self._base_widths = self._levels[0]
        self._fit()

    def _natural_widths(self) -> tuple[list[list[int]], set[int]]:
        """Each column as wide as its own labels want, within limits so long labels wrap like the form,
        then narrower and narrower widths for a small screen; and the columns of the narrow group labels
        (三、本年度办理结果, （三）不予公开 …), which keep their width when the table is stretched, so
        those labels break into even lines as printed.
        """
        fm = self.fontMetrics()
        em = fm.horizontalAdvance("中")
        table = self._model.table
        widths = [int(4.5 * em) + H_PAD] * table.n_cols
        groups: set[int] = set()
        value_min = max(fm.horizontalAdvance(NUMBER_ROOM), 2 * em) + H_PAD
        for g in table.grid:
            if g.colspan != 1 or g.role in (Role.DATA, Role.BLANK):
                continue
            if g.rowspan > 2 and g.role is Role.LABEL:
                groups.add(g.col)
                cap = 5 * em
            elif g.role is Role.LABEL:
                cap = 16 * em
            else:
                cap = 7 * em
            widths[g.col] = max(widths[g.col], min(fm.horizontalAdvance(g.text), cap) + H_PAD)
        # What the columns give up on a narrow screen, in turn: long labels wrap onto more lines, then value
        # columns narrow down to a number's width (their headers wrap), then labels wrap further still.
        value_cols = range(table.label_cols, table.n_cols)
        def level(label_em: float, group_em: float, values: bool) -> list[int]:
            out = [min(w, int((group_em if c in groups else label_em) * em) + H_PAD) for c, w in enumerate(widths)]
            for c in value_cols:
                out[c] = min(widths[c], value_min) if values else widths[c]
            return out
        levels = [widths, level(LABEL_EM[0], GROUP_EM[0], False), level(LABEL_EM[0], GROUP_EM[0], True),
                  level(LABEL_EM[1], GROUP_EM[1], True)]
        return levels, groups

    def _fit(self) -> None:
        """Fit the columns to the window and make every row tall enough for its text.

        A wide window stretches the form (within limits); a narrow one (150 % on a 1366×768 laptop) shrinks
        the label columns first, their labels wrapping, and the value columns down to a number's width; only
        when even that does not fit does the grid scroll sideways. No column is ever cut off.
        """
        if not self._base_widths:
            return
        natural = sum(self._base_widths)
        header = self.horizontalHeader()
        for c, width in enumerate(self._column_widths(self._room() if self.isVisible() else natural)):
            header.resizeSection(c, width)
            self._frozen.horizontalHeader().resizeSection(c, width)
        heights = self._row_heights()
        for r, h in enumerate(heights):
            self.verticalHeader().resizeSection(r, h)
            if r < self._model.table.header_rows:
                self._frozen.verticalHeader().resizeSection(r, h)
        self.updateGeometries()         # the scroll range now, not later: a jump right after scrolls in it
        self._keep_rows()
        self._place_frozen()

    def _keep_rows(self) -> None:
        """Never squeezed to a row or two by the text around it: the grid keeps its header and MIN_BODY_ROWS
        rows, and the page scrolls instead (ui/main_window.py) — but no taller than the page shows at once, so
        the header stays in view over the rows the grid scrolls through."""
        area = self._page_area()
        if area is None:            # a grid on its own (a test) is as tall as it is made
            return
        heights = [self.rowHeight(r) for r in range(self._model.rowCount())]
        shown = heights[:self._model.table.header_rows + MIN_BODY_ROWS]
        sideways = self.horizontalScrollBar().sizeHint().height() if self._needs_sideways() else 0
        least = min(sum(shown), sum(heights)) + 2 * self.frameWidth() + sideways
        least = min(least, area.viewport().height())
        if least != self.minimumHeight():
            self.setMinimumHeight(least)

    def _room(self) -> int:
        """The width the columns may take: the grid's inside, less a vertical scroll bar unless every row fits
        at the full width. (Asked of the widths, not of the bar: counting it only when it shows would let the
        widths, row heights and bar chase each other. More width never makes rows taller, so this holds.)"""
        inside = self.width() - 2 * self.frameWidth()
        heights = self._row_heights(self._column_widths(inside))
        if sum(heights) <= self.height() - 2 * self.frameWidth():
            return inside
        return inside - self.verticalScrollBar().sizeHint().width()

    def _column_widths(self, room: int) -> list[int]:
        base = self._base_widths
        natural = sum(base)
        if room >= natural:
            fixed = sum(base[c] for c in self._group_cols)
            scale = min((room - fixed) / (natural - fixed), MAX_STRETCH)
            return [w if c in self._group_cols else int(w * scale) for c, w in enumerate(base)]
        # Between the widest level that is still too wide and the first that fits, as far as the room allows.
        wider = base
        for narrower in self._levels[1:]:
            if sum(narrower) <= room:
                share = (room - sum(narrower)) / max(sum(wider) - sum(narrower), 1)
                return [n + int((w - n) * share) for w, n in zip(wider, narrower)]
            wider = narrower
        return list(wider)

    def _needs_sideways(self) -> bool:
        return self.isVisible() and sum(self._levels[-1]) > self._room()

    def _frozen_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self._model.table.header_rows))

    def _place_frozen(self) -> None:
        """Show the header rows over the grid once they have scrolled out of view."""
        height = self._frozen_height()
        scrolled = self.verticalScrollBar().value() > 0
        if not height or not scrolled:
            self._frozen.hide()
            return
        viewport = self.viewport().geometry()
        self._frozen.setGeometry(viewport.x(), viewport.y(), viewport.width(), height)
        self._frozen.horizontalScrollBar().setValue(self.horizontalScrollBar().value())
        self._frozen.show()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        super().scrollTo(index, hint)
        # a cell scrolled to the top must not end up hidden under the kept header rows
        covered = self._frozen_height()
        top = self.visualRect(index).top()
        bar = self.verticalScrollBar()
        if index.isValid() and index.row() >= self._model.table.header_rows and top < covered and bar.value():
            bar.setValue(bar.value() - (covered - top))

    def _row_heights(self, widths: list[int] | None = None) -> list[int]:
        """Each row as tall as its text needs at the current column widths (or at `widths`)."""
        widths = widths or [self.columnWidth(c) for c in range(self._model.columnCount())]
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        bold_fm = QFontMetrics(bold)
        table = self._model.table
        heights = [fm.height() + 2 * V_PAD] * table.n_rows
        tall = []
        for g in table.grid:
            if not g.text:
                continue
            width = sum(widths[g.col:g.col + g.colspan]) - H_PAD
            metrics = bold_fm if g.role is Role.TITLE else fm
            need = metrics.boundingRect(QRect(0, 0, max(width, 1), 100_000), Qt.TextFlag.TextWordWrap, g.text).height()
            need += V_PAD
            if g.rowspan == 1:
                heights[g.row] = max(heights[g.row], need)
            else:
                tall.append((g, need))
        for g, need in tall:
            rows = range(g.row, g.row + g.rowspan)
            short = need - sum(heights[r] for r in rows)
            if short > 0:
                for r in rows:
                    heights[r] += -(-short // g.rowspan)
        return heights

    def sizeHint(self) -> QSize:
        frame = 2 * self.frameWidth()
        width = sum(self.columnWidth(c) for c in range(self._model.columnCount()))
        height = sum(self.rowHeight(r) for r in range(self._model.rowCount()))
        return QSize(width + frame, height + frame)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()
        self._show_revealed()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._measure()


def _index(kept: QPersistentModelIndex) -> QModelIndex:
    """The plain index a kept one stands for now."""
    model = kept.model()
    return model.index(kept.row(), kept.column()) if model is not None and kept.isValid() else QModelIndex()
