"""Qt settings used by the widgets of the first frame, given without naming PySide6's `Qt` namespace.

PySide6 builds a Python enum type for every enum of a class the first time the class is named.
For the `Qt` namespace that is 97 types with some 1 200 members, about 10 ms: an eighth of what
the editor adds to a bare window's start-up (docs/performance.md). Overload resolution builds it
too: `QKeySequence("Ctrl+S")` and `QAction.setShortcut(...)` do. So the code that runs before the
first paint uses what is here, and everything else names `Qt` where it is used (the table tabs,
dialogs and key handlers run later, once). tests/ui/test_first_frame.py checks that the first
frame leaves `Qt` unbuilt and that the numbers below are Qt's.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtGui import QKeySequence

# Qt.ItemDataRole.UserRole and Qt.TextFlag.TextWordWrap, for the functions that take them as int.
USER_ROLE = 0x0100
TEXT_WORD_WRAP = 0x1000

# QMainWindow.saveState() of a new window with its dock "problemsDock" added by
# addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, …) and resizeDocks(…, [150], Qt.Orientation.Vertical).
# Restoring it places the dock where addDockWidget would, without naming Qt.DockWidgetArea.
DEFAULT_LAYOUT = QByteArray.fromHex(
    b"000000ff00000000fd00000001000000030000000000000096fc0100000001fb0000001800700072006f0062006c"
    b"0065006d00730044006f0063006b0100000000ffffffff0000003100ffffff000000000000000000000004000000"
    b"040000000800000008fc00000000")


def key_sequences(spec) -> list[QKeySequence]:
    """A shortcut or a list of them (a standard key or text such as "Ctrl+Shift+S"), for QAction.setShortcuts."""
    keys: list[QKeySequence] = []
    for item in spec if isinstance(spec, (list, tuple)) else (spec,):
        keys += [QKeySequence.fromString(item)] if isinstance(item, str) else QKeySequence.keyBindings(item)
    return keys


def set_enum_property(obj: QObject, name: str, keys: str) -> None:
    """Set an enum or flags property by its key names ("BottomDockWidgetArea|RightDockWidgetArea")."""
    if not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__}.{name} does not take {keys!r}")
