"""The finding tip: what a red or orange cell (or a paragraph's findings) is about, with buttons to act on it.

A Qt tooltip cannot hold a button, so this is a small frameless window of the tooltip kind. It shows where
the mouse rests (Qt's own hover delay), stays while the mouse is over the place or over the tip, and goes
when the mouse leaves both, on Esc, when a key is typed or the mouse pressed elsewhere. It never takes the
focus: a clerk typing into a cell keeps typing there. Its buttons do what the problems panel's menu does
(ui/review_actions.py): 标记为已核对… (the reason asked as there), 取消已核对, 以0填充空白单元格.

It is built on the first hover, once per window (start-up pays nothing), and follows the application's
palette and font, so it reads in a dark theme and grows with 视图 → 放大.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QCursor, QKeyEvent, QPalette, QSinglePointEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gik_editor.findings import SEVERITY_ZH, Finding

from . import review_actions
from .colours import secondary_text
from .problems_panel import severity_icon
from .report_doc import ReportDocument
from .table_model import difference

OBJECT_NAME = "findingTip"
CHECK_MS = 150          # how often the tip looks where the mouse is
GRACE_CHECKS = 3        # the mouse away from both the place and the tip this many looks running: the tip goes
TEXT_EM = 30            # the messages wrap at this many characters' width
MODIFIER_KEYS = frozenset((Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                           Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock))


class FindingTip(QFrame):
    """The findings of one place (a cell, a paragraph) with their actions; one per window, reused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # A window of its own (a child widget would be cut off at the edge of the grid), of the tooltip
        # kind: no title bar, over the window, and neither activated nor focused when shown or clicked.
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName(OBJECT_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 8, 10, 8)
        self._layout.setSpacing(6)
        self._content: QWidget | None = None
        self._anchor: QWidget | None = None
        self._place = QRect()            # the cell or paragraph, in the anchor's coordinates
        self._doc: ReportDocument | None = None
        self.findings: list[Finding] = []
        self._misses = 0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._follow_mouse)
        self.hide()

    # ---- showing ------------------------------------------------------------------------
    def show_for(self, anchor: QWidget, place: QRect, doc: ReportDocument, findings: list[Finding],
                 heading: str = "") -> None:
        """Show `findings` next to `place` (a rectangle in `anchor`'s coordinates), `heading` over them."""
        same = self.isVisible() and anchor is self._anchor and place == self._place and findings == self.findings
        if doc is not self._doc:
            if self._doc is not None:
                self._doc.findingsChanged.disconnect(self.hide)
            # what the tip says is stale once the findings change (an undo from the menu, a paste…)
            doc.findingsChanged.connect(self.hide)
        self._anchor, self._place, self._doc, self.findings = anchor, QRect(place), doc, list(findings)
        self._misses = 0
        if same:
            return              # the mouse rests on the same cell: nothing to redo, no flicker
        self._rebuild(heading)
        self._place_near(anchor, place)
        self.show()
        self.raise_()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    def shows_for(self, anchor: QWidget, point: QPoint) -> bool:
        """Visible for the place at `point` (in `anchor`'s coordinates)."""
        return self.isVisible() and anchor is self._anchor and self._place.contains(point)

    def buttons(self) -> list[QPushButton]:
        """The action buttons, in order (for one finding after another)."""
        return self.findChildren(QPushButton)

    def text(self) -> str:
        """Everything the tip says, its labels one per line (what the clerk reads)."""
        return "\n".join(label.text() for label in self.findChildren(QLabel) if label.text())

    def _rebuild(self, heading: str) -> None:
        old = self._content
        if old is not None:
            # gone now, not at the next turn of the event loop: it would show under the new one until then
            self._layout.removeWidget(old)
            old.hide()
            old.setParent(None)
            old.deleteLater()
        content = self._content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        em = self.fontMetrics().horizontalAdvance("中")
        width = TEXT_EM * em
        if heading:
            title = QLabel(heading, content)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            _wrap_at(title, width + 2 * em)
            layout.addWidget(title)
        grey = secondary_text(self)
        for i, finding in enumerate(self.findings):
            if i:
                line = QFrame(content)
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                layout.addWidget(line)
            layout.addLayout(self._finding_row(content, finding, width, em, grey))
        self._layout.addWidget(content)
        self._layout.activate()
        self.adjustSize()

    def _finding_row(self, content: QWidget, finding: Finding, width: int, em: int, grey: QColor) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(em // 2)
        icon = QLabel(content)
        size = self.fontMetrics().height()
        icon.setPixmap(severity_icon(finding.severity).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(icon)
        column = QVBoxLayout()
        column.setSpacing(4)
        level = SEVERITY_ZH.get(finding.severity, finding.severity)
        state = f"·{review_actions.REVIEWED}" if finding.reviewed else ""
        numbers = difference(finding)
        message = QLabel(f"【{level}{state}】{finding.message}" + (f"\n{numbers}" if numbers else ""), content)
        _wrap_at(message, width)          # (not selectable: copying would want the focus the tip never takes)
        column.addWidget(message)
        note = f"核对理由：{finding.reason}\n" if finding.reviewed else ""
        detail = QLabel(f"{note}规则 {finding.rule}", content)
        _wrap_at(detail, width)
        palette = detail.palette()
        palette.setColor(QPalette.ColorRole.WindowText, grey)      # secondary: the rule id, the reason given
        detail.setPalette(palette)
        if finding.reviewed:
            message.setPalette(palette)
        column.addWidget(detail)
        buttons = QHBoxLayout()
        for action in review_actions.actions_for(finding):
            button = QPushButton(action, content)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)      # a click must not take the focus from the cell
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, f=finding, a=action: self._act(f, a))
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        row.addLayout(column, 1)
        return row

    def _place_near(self, anchor: QWidget, place: QRect) -> None:
        """Below the place, its left edges lined up; above it when the screen has no room below."""
        below = anchor.mapToGlobal(place.bottomLeft()) + QPoint(0, 2)
        screen = anchor.screen().availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - self.width())
        y = below.y()
        if y + self.height() > screen.bottom():
            y = max(anchor.mapToGlobal(place.topLeft()).y() - self.height() - 2, screen.top())
        self.move(x, y)

    # ---- acting -----------------------------------------------------------------------------
    def _act(self, finding: Finding, action: str) -> None:
        anchor, doc = self._anchor, self._doc
        self.hide()             # before the question for the reason: a dialog under a tip reads badly
        if anchor is not None and doc is not None:
            review_actions.run_at(doc, anchor, finding, action)

    # ---- going away ---------------------------------------------------------------------------
    def _follow_mouse(self) -> None:
        anchor = self._anchor
        if anchor is None or not anchor.isVisible():
            self.hide()
            return
        if self.is_over(QCursor.pos()):
            self._misses = 0
            return
        self._misses += 1
        if self._misses >= GRACE_CHECKS:
            self.hide()

    def is_over(self, point: QPoint) -> bool:
        """`point` (global) is over the place, over the tip, or in the small gap between them."""
        if self._anchor is None:
            return False
        place = QRect(self._anchor.mapToGlobal(self._place.topLeft()), self._place.size()).adjusted(-2, -2, 2, 2)
        tip = self.frameGeometry().adjusted(-4, -4, 4, 4)
        return place.contains(point) or tip.contains(point) or _between(place, tip, point)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                return True         # Esc closes the tip, and only the tip
            if event.key() not in MODIFIER_KEYS:
                self.hide()         # typing goes on where it was; the tip is out of the way
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel) and isinstance(event, QSinglePointEvent):
            if not self.frameGeometry().contains(event.globalPosition().toPoint()):
                self.hide()
        elif kind == QEvent.Type.ApplicationStateChange:
            self.hide()
        return False

    def hideEvent(self, event) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().hideEvent(event)


def _wrap_at(label: QLabel, width: int) -> None:
    """`label` wrapped at `width`, as tall as its lines: a wrapped label's own size hint guesses another width,
    and the tip, laid out by that guess, cut the last line of a long message at 150 %."""
    label.setTextFormat(Qt.TextFormat.PlainText)      # messages quote the report's words: "<b>" is not markup
    label.setWordWrap(True)
    label.setFixedWidth(width)
    label.setMinimumHeight(label.heightForWidth(width))


def _between(place: QRect, tip: QRect, point: QPoint) -> bool:
    """In the strip between the place and the tip below or above it (the mouse on its way to a button)."""
    left, right = max(place.left(), tip.left()), min(place.right(), tip.right())
    top, bottom = min(place.bottom(), tip.bottom()), max(place.top(), tip.top())
    return left <= point.x() <= right and top <= point.y() <= bottom


def tip_for(widget: QWidget) -> FindingTip:
    """The finding tip of `widget`'s window, made the first time one is wanted."""
    window = widget.window()
    tip = window.findChild(FindingTip, OBJECT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return tip if tip is not None else FindingTip(window)


def shown_tip(widget: QWidget) -> FindingTip | None:
    """The finding tip of `widget`'s window if it is showing."""
    tip = widget.window().findChild(FindingTip, OBJECT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return tip if tip is not None and tip.isVisible() else None
