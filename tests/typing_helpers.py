"""Typing into a table of the window as a clerk does (shared by the table, random-use and revision tests)."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit


def open_editor(view):
    """The cell editor the view has open, if any."""
    return next((e for e in view.findChildren(QLineEdit) if e.isVisible()), None)


def type_into(qtbot, view, cell_id, text, end=Qt.Key_Return):
    """Select the cell and type as a clerk does: the first key opens the editor, the rest go into it."""
    view.select_cell(cell_id)
    qtbot.keyClicks(view, text[0])
    editor = open_editor(view)
    assert editor is not None, "typing did not open an editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, end)
    QApplication.processEvents()     # Qt commits an Enter-finished edit from the event loop
