"""视图 → 放大 / 缩小 / 原始大小: all the window's text larger or smaller, remembered for the next start.

Larger for a clerk who reads small print badly; smaller to see more of table 三 on a 1366×768 laptop.
The application font is scaled, so dialogs follow too; the grids and the growing text editors lay
themselves out again when their font changes.
"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)
SETTING = "view/zoom_percent"

_base_point_size: float | None = None      # the application font's size at 100 %


def stepped(percent: int, direction: int) -> int:
    """The next step up (direction 1) or down (-1) from `percent`, within STEPS."""
    if direction > 0:
        return next((s for s in STEPS if s > percent), STEPS[-1])
    return next((s for s in reversed(STEPS) if s < percent), STEPS[0])


def valid(percent) -> int:
    """A stored zoom as a step (100 for anything else: a hand-edited or old setting)."""
    try:
        value = int(percent)
    except (TypeError, ValueError):
        return 100
    return value if value in STEPS else 100


def set_zoom(percent: int) -> None:
    from PySide6.QtGui import QFont  # (not at import: the first frame reads the setting, QFont costs enums)
    global _base_point_size
    app = QApplication.instance()
    if _base_point_size is None:
        _base_point_size = app.font().pointSizeF()
    font = QFont(app.font())
    font.setPointSizeF(_base_point_size * percent / 100)
    app.setFont(font)
