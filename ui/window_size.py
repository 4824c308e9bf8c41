"""First sizes of windows: what they prefer, or less on a small screen (1366×768 laptops are common in offices)."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = QSize(16, 48)     # the title bar and borders the desktop adds around a window


def fitted_size(preferred: QSize, available: QSize) -> QSize:
    """`preferred`, or what the screen's free area holds once the frame is added."""
    return preferred.boundedTo(available - FRAME_ALLOWANCE)


def place_on_screen(window: QWidget, preferred: QSize) -> bool:
    """Size `window` to fit its screen's free area and centre it there (before it is first shown).

    True when the screen is smaller than `preferred`: the editor's window then starts maximized (on a
    1366×768 laptop every pixel counts, and a window a little smaller than the screen helps nobody)."""
    available = window.screen().availableGeometry()
    size = fitted_size(preferred, available.size())
    frame = QRect(0, 0, 0, 0)
    frame.setSize(size + FRAME_ALLOWANCE)
    frame.moveCenter(available.center())
    window.resize(size)
    window.move(frame.topLeft())
    return size != preferred
