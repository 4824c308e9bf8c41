"""The wait cursor while the editor reads, writes, renders or prints a report."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QGuiApplication


@contextmanager
def wait_cursor() -> Iterator[None]:
    from PySide6.QtCore import Qt  # not at import: see ui/first_frame.py
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
