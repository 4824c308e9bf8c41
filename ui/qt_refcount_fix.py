"""Work around PySide6 6.12 on Python 3.11, before any other Qt code runs (imported by ui/__init__.py)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


def pin_singletons() -> None:
    """Work around PySide6 6.12 on Python < 3.12: calls hand back None/True without a reference.

    Every call of a Qt method that returns nothing (update(), setText() …) drops one reference to
    None, and every Signal.emit() one to True; after some thousands of calls the interpreter
    aborts ("none_dealloc"/"bool_dealloc") and the clerk's unsaved work is gone. From Python 3.12
    these objects are immortal and nothing is lost; here, only if the defect shows, give them the
    same immunity by adding a count no session can use up.
    """
    if sys.version_info >= (3, 12):
        return

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")
        probe.ping.emit()
    if none_before - sys.getrefcount(None) < 8 and true_before - sys.getrefcount(True) < 8:
        return
    # ctypes.c_ssize_t without importing the whole ctypes package (2 ms of every start-up):
    # a C long long on 64-bit Python, an int on 32-bit.
    from _ctypes import _SimpleCData

    class SsizeT(_SimpleCData):
        _type_ = "q" if sys.maxsize > 2 ** 32 else "i"

    for obj in (None, True, False):
        SsizeT.from_address(id(obj)).value += 1 << 40   # ob_refcnt, the first field

