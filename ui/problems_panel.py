"""The 问题 panel: every finding of the core, worst first; double-click jumps to where it is.

Columns 级别, 位置, 说明, 规则: the clerk reads where and what; the rule id is last, for who wants it.
Right-click a finding to mark it 已核对 with a reason (or take the mark away); a marked finding is listed
last, greyed, with the reason. A 提示 about blank cells offers 以0填充空白单元格 there too.
"""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QPoint, QSize, Signal
from PySide6.QtGui import QBrush, QHelpEvent, QIcon, QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gik_editor.findings import SEVERITY_ZH, Finding, describe_location
from gik_editor.resources import resource_path

from . import review_actions
from .first_frame import USER_ROLE
from .report_doc import ReportDocument
from .review_actions import REVIEWED

LOCATION_ROLE = USER_ROLE
COLUMNS = ("级别", "位置", "说明", "规则")
LEVEL, PLACE, MESSAGE, RULE = range(len(COLUMNS))
PLACE_EM = 20           # 位置 shows this many characters (表三 一、本年新收政府信息…); the rest is in the tip
ICON_SIZES = (16, 24, 32, 48)
_icons: dict[str, QIcon] = {}


def severity_icon(severity: str) -> QIcon:
    """The 错误/警告/提示 icon in every size it is drawn in (resources/icons, by tools/make_severity_icons.py)."""
    icon = _icons.get(severity)
    if icon is None:
        icon = _icons[severity] = QIcon()
        for size in ICON_SIZES:
            icon.addFile(str(resource_path("icons", f"{severity}-{size}.png")), QSize(size, size))
    return icon


class ProblemsPanel(QWidget):
    """A list of findings; `activated(location)` on double-click or Enter ("" = no cell: the metadata)."""

    activated = Signal(str)

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.tree = _FindingTree(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        # 说明 takes the room; the short columns around it are as wide as what they hold, 位置 a fixed width
        # (a long 表三 row label is cut there rather than pushing the message out of view).
        header.setStretchLastSection(False)
        for col in (LEVEL, RULE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self._size_place_column()
        self.tree.itemActivated.connect(self._on_activated)
        # by name: naming Qt.ContextMenuPolicy here would build the whole Qt namespace at start-up (first_frame.py)
        self.tree.setProperty("contextMenuPolicy", "CustomContextMenu")
        self.tree.customContextMenuRequested.connect(self._show_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        doc.findingsChanged.connect(self.refresh)
        doc.reportReplaced.connect(self.refresh)
        self._shown: list[Finding] = []
        self._last_row: int | None = None        # where 下一个问题 last went
        self.refresh()

    def _size_place_column(self) -> None:
        self.tree.header().resizeSection(PLACE, PLACE_EM * self.fontMetrics().horizontalAdvance("中"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:       # 视图 → 放大/缩小: 位置 keeps its characters
            self._size_place_column()

    def findings(self) -> list[Finding]:
        """The findings in the order they are listed."""
        return list(self._shown)

    def refresh(self) -> None:
        findings = list(self.doc.findings)            # rules.check lists them worst first
        if findings == self._shown:
            return          # most keystrokes change no finding: keep the selection and scroll position
        before = {(f.rule, f.cells) for f in self._shown}
        self._shown = findings
        report = self.doc.report
        scrolled = self.tree.verticalScrollBar().value()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        items = []
        for f in findings:
            location = f.cells[0] if f.cells else ""
            level = SEVERITY_ZH.get(f.severity, f.severity)
            message = f"{REVIEWED}（{f.reason}）：{f.message}" if f.reviewed else f.message
            columns = ["  " + (f"{level}·{REVIEWED}" if f.reviewed else level), describe_location(report, location),
                       message, f.rule]
            item = QTreeWidgetItem(columns)
            item.setIcon(LEVEL, severity_icon(f.severity))
            item.setData(LEVEL, LOCATION_ROLE, location)
            if f.reviewed:          # greyed: decided by a reviewer, no longer asking for attention
                # (the palette's enums are named only here: at start-up they would build Qt's namespace)
                grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
                for col in range(len(COLUMNS)):
                    item.setForeground(col, grey)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.verticalScrollBar().setValue(scrolled)       # the list stays where the clerk had it…
        # …and a finding that was not there before is brought into view: it is news (a rule just broken).
        news = [item for item, f in zip(items, findings) if (f.rule, f.cells) not in before]
        if news and before:
            self.tree.scrollToItem(news[0])          # (EnsureVisible)
        self.tree.setUpdatesEnabled(True)

    def select_next(self, step: int) -> bool:
        """Select the finding `step` rows on (round the end) and jump to it; False when there is none."""
        count = self.tree.topLevelItemCount()
        if not count:
            return False
        current = self.tree.currentItem()
        if current is not None:
            row = (self.tree.indexOfTopLevelItem(current) + step) % count
        elif self._last_row is not None:
            # The list changed since (usually the finding just fixed is gone): what now stands in its row is next.
            row = min(self._last_row, count - 1) if step > 0 else (self._last_row - 1) % count
        else:
            row = 0 if step > 0 else count - 1
        self._last_row = row
        item = self.tree.topLevelItem(row)
        if item is not None:
            self.tree.setCurrentItem(item)
        self.activate_row(row)
        return True

    def activate_row(self, row: int) -> None:
        """Jump to the finding in `row` (what a double-click does)."""
        self._on_activated(self.tree.topLevelItem(row), 0)

    # ---- 已核对 and the blank-cell action ----------------------------------------------------------------
    def actions_for(self, finding: Finding) -> list[str]:
        """The context menu's actions for a finding, in order."""
        return review_actions.actions_for(finding)

    def run_action(self, row: int, action: str) -> bool:
        """Do what the context menu's `action` says for the finding in `row` (the reason asked through the
        window's prompts); False when nothing changed."""
        return review_actions.run_action(self.doc, review_actions.prompts_of(self), self._shown[row], action)

    def show_finding_tip(self, item: QTreeWidgetItem | None) -> bool:
        """The finding tip of the row `item` (its message whole, its buttons); False for no row."""
        if item is None:
            return False
        finding = self._shown[self.tree.indexOfTopLevelItem(item)]
        from .finding_tip import tip_for  # (built on the first hover: start-up pays nothing)
        location = finding.cells[0] if finding.cells else ""
        tip_for(self).show_for(self.tree.viewport(), self.tree.visualItemRect(item), self.doc, [finding],
                               describe_location(self.doc.report, location))
        return True

    def _show_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        row = self.tree.indexOfTopLevelItem(item)
        menu = QMenu(self)
        for name in self.actions_for(self._shown[row]):
            menu.addAction(name, partial(self.run_action, row, name))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _on_activated(self, item: QTreeWidgetItem | None, _column: int) -> None:
        if item is not None:
            self.activated.emit(item.data(LEVEL, LOCATION_ROLE))


class _FindingTree(QTreeWidget):
    """The list itself: the mouse resting on a row shows its finding tip (a long message whole, with the
    buttons of the context menu) instead of a plain tooltip."""

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            panel = self.parentWidget()
            if isinstance(panel, ProblemsPanel) and panel.show_finding_tip(self.itemAt(event.pos())):
                return True
        return super().viewportEvent(event)
