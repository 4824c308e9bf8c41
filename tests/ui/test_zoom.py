"""视图 → 放大 / 缩小 / 原始大小: every text of the window scales, the grids and editors follow, it is remembered."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from gik_editor.carryover import new_from_last_year
from ui import zoom
from ui.main_window import TAB_KEYS
from ui.text_editing import GrowingTextEdit
from ui.text_section import HEADING


@pytest.fixture
def window(make_window, sample, qapp):
    base = qapp.font().pointSizeF()
    w = make_window(new_from_last_year(sample))
    w.resize(1280, 820)
    for key in TAB_KEYS:                      # every page built, so every widget is there to scale
        w.show_tab(key)
    yield w
    zoom.set_zoom(100)                         # the application font is shared by every test
    assert qapp.font().pointSizeF() == base


TEXT_WIDGETS = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QGroupBox, QLabel, QLineEdit,
                QPlainTextEdit, QTabBar)


def sizes(window):
    """The point sizes of what shows text in the window, headings apart (once Qt has passed the new font on)."""
    QApplication.processEvents()
    return {round(w.font().pointSizeF(), 2) for w in window.findChildren(QWidget)
            if isinstance(w, TEXT_WIDGETS) and not w.isHidden() and w.objectName() != HEADING
            and not w.objectName().startswith("qt_")}


def test_zooming_scales_every_text_and_the_grid_follows(window, qapp):
    base = qapp.font().pointSizeF()
    view = window.table_views["三"]
    row_height = view.rowHeight(5)
    window.views.zoom(1)
    window.views.zoom(1)
    assert window.views.zoom_percent == 125 and qapp.font().pointSizeF() == pytest.approx(base * 1.25)
    assert sizes(window) == {round(base * 1.25, 2)}          # nothing left at the old size
    heading = window.findChildren(QWidget, HEADING)[0]
    assert heading.font().pointSizeF() == pytest.approx(base * 1.25 * 1.35)
    window.show_tab("三")
    QApplication.processEvents()
    assert view.rowHeight(5) > row_height
    for key in TAB_KEYS:                                     # and no paragraph hides behind a scroll bar
        window.show_tab(key)
        QApplication.processEvents()
        for editor in window.findChildren(GrowingTextEdit):
            if editor.isVisibleTo(window):
                assert not editor.verticalScrollBar().isVisible(), key
    window.views.zoom(-1)
    assert window.views.zoom_percent == 110
    window.views.zoom(0)
    assert window.views.zoom_percent == 100 and sizes(window) == {round(base, 2)}
    assert window.statusBar().currentMessage() == "显示比例：100%"


def test_the_steps_stop_at_both_ends_and_odd_settings_are_ignored():
    assert zoom.stepped(100, 1) == 110 and zoom.stepped(100, -1) == 90
    assert zoom.stepped(200, 1) == 200 and zoom.stepped(70, -1) == 70
    assert zoom.stepped(105, 1) == 110 and zoom.stepped(105, -1) == 100
    assert [zoom.valid(v) for v in (125, "150", "abc", None, 133, -5)] == [125, 150, 100, 100, 100, 100]


def test_the_next_window_opens_at_the_chosen_size(window, make_window, sample, qapp, qtbot):
    base = qapp.font().pointSizeF()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)      # Ctrl+= as Ctrl++
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.value(zoom.SETTING) in (125, "125")
    zoom.set_zoom(100)                                      # as at a new start
    again = make_window(sample)                              # (the same settings file)
    assert again.views.zoom_percent == 125 and qapp.font().pointSizeF() == pytest.approx(base * 1.25)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.views.zoom_percent == 100
