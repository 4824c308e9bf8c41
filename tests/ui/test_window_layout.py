"""The table tabs on an office laptop (1366×768, at 100 % and 150 %): tables keep their rows, jumps show their
target, every column fits the width (issue 20, items 1 and 9)."""
import pytest
from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QApplication

from gik_editor.carryover import new_from_last_year
from tests.conftest import SAMPLE_GIK
from ui import zoom
from ui.prompts import Prompts
from ui.table_view import MIN_BODY_ROWS

# The window's inside when maximized on a 1366×768 screen (taskbar, title bar and frame taken off), with the
# application zoomed to 150 % (视图 → 放大), and with the desktop scaled to 150 % (Qt then sees a 911×512 screen).
# The last number: the rows of a table at least in view below its header (or all of a shorter table) — what the
# window holds with the problems panel shown, where label rows of table 三 wrap onto three lines.
LAPTOP = {"100%": ((1366, 700), 100, 8), "zoom 150%": ((1366, 700), 150, 5), "desktop 150%": ((911, 450), 100, 3)}


@pytest.fixture(params=list(LAPTOP))
def laptop(request, make_window, sample, qapp):
    """A window of last year's report (2020) on the laptop, tab 三 showing."""
    (width, height), percent, rows = LAPTOP[request.param]
    base = qapp.font().pointSizeF()
    window = make_window(sample, SAMPLE_GIK)
    window.resize(width, height)
    while window.views.zoom_percent < percent:
        window.views.zoom(1)
    window.show_tab("三")
    settle()
    window.fewest_rows = rows
    yield window
    zoom.set_zoom(100)                     # the application font is shared by every test
    assert qapp.font().pointSizeF() == base


def settle():
    for _ in range(4):
        QApplication.processEvents()


def page_rect(view, rect: QRect) -> QRect:
    """`rect` of the grid's viewport in the coordinates of the visible part of its tab."""
    area = view._page_area()
    return QRect(view.viewport().mapTo(area.viewport(), rect.topLeft()), rect.size())


def shown_on_page(view, rect: QRect) -> bool:
    """Wholly in the grid's viewport, below the header rows kept over it, and in the visible part of the tab."""
    area = view._page_area()
    covered = view._frozen_height() if view._frozen.isVisible() else 0
    inside = view.viewport().rect().adjusted(0, covered, 0, 0)
    return inside.contains(rect) and area.viewport().rect().contains(page_rect(view, rect))


def body_rows_shown(view) -> int:
    model = view.table_model
    first = 0 if view._frozen.isVisible() else model.table.header_rows
    return sum(shown_on_page(view, view.visualRect(model.index(r, model.columnCount() - 1)))
               for r in range(max(first, model.table.header_rows), model.rowCount()))


def test_new_from_last_year_leaves_the_tables_their_rows(laptop):
    """With tab 三 showing, 以上年报告为模板新建 grew the 说明文字 box to 190 px and the table showed one row."""
    laptop.prompts.files.append(str(SAMPLE_GIK))
    real = Prompts(laptop)

    def read_and_close(*args):        # the clerk reads the note and presses 确定 (the tabs lay out meanwhile)
        QTimer.singleShot(200, lambda: QApplication.activeModalWidget().accept())
        real.show_log(*args)
    laptop.prompts.show_log = read_and_close
    laptop.files.new_from_last_year()
    assert laptop.doc.report.meta.year == 2021
    for key in ("三", "二", "四"):
        laptop.show_tab(key)
        settle()
        view = laptop.table_views[key]
        intro = laptop.text_sections[key][0].editors[0].editor
        assert intro.height() < 3 * intro.fontMetrics().lineSpacing() + 20, (key, intro.height())
        rows = view.table_model.rowCount() - view.table_model.table.header_rows
        # As tall as it needs, or as the visible part of the tab: the page scrolls rather than squeeze the grid.
        area = view._page_area()
        needed = view.table_model.table.header_rows + MIN_BODY_ROWS
        assert view.height() >= min(sum(view.rowHeight(r) for r in range(needed)), area.viewport().height()), key
        area.ensureVisible(0, view.mapTo(area.widget(), view.rect().center()).y(), 0, view.height() // 2)
        settle()
        assert body_rows_shown(view) >= min(laptop.fewest_rows, rows), key


@pytest.mark.parametrize("cell", ["t2.fee.amount", "t3.carry_out.total", "t3.other_3.total", "t4.after.total"])
def test_a_jump_shows_its_target(laptop, cell):
    """F7 / the problems panel on a tab not built yet: the cell is in view, not under the kept header rows."""
    laptop.files.open_path(laptop.doc.path, ask=False)       # tabs are built anew, as after opening a file
    laptop.doc.replace_report(new_from_last_year(laptop.doc.report), None)     # 2021: table 二 has 收费
    laptop.show_tab("基本信息")
    settle()
    laptop.views.go_to(cell)
    settle()
    view = laptop.table_views[laptop.doc.report.format.table_of(cell).section]
    index = view.table_model.index_of(cell)
    assert view.currentIndex() == index and view.hasFocus()
    assert shown_on_page(view, view.visualRect(index)), cell
    assert body_rows_shown(view) >= min(laptop.fewest_rows,
                                        view.table_model.rowCount() - view.table_model.table.header_rows)


def test_every_column_fits_the_width(laptop):
    """At 150 % the 总计 column of table 三 was cut off: the grids shrink their label columns instead."""
    laptop.doc.replace_report(new_from_last_year(laptop.doc.report), None)
    for key in ("二", "三", "四"):
        laptop.show_tab(key)
        settle()
        view = laptop.table_views[key]
        columns = sum(view.columnWidth(c) for c in range(view.table_model.columnCount()))
        assert columns <= view.viewport().width(), key
        assert view.horizontalScrollBar().maximum() == 0, key
        assert page_rect(view, view.viewport().rect()).right() <= view._page_area().viewport().width(), key
        # A value column keeps room for a five-digit number.
        digits = view.fontMetrics().horizontalAdvance("99999")
        assert min(view.columnWidth(c) for c in range(view.table_model.table.label_cols,
                                                       view.table_model.columnCount())) > digits, key


def test_on_a_tall_window_a_table_shows_whole(make_window, sample):
    """Room to spare: the grid is as tall as the form, so table 三 of the sample needs no scrolling at all."""
    window = make_window(new_from_last_year(sample))
    window.resize(1900, 1400)
    window.problems_dock.hide()
    view = window.show_tab("三") and window.table_views["三"]
    settle()
    assert view.verticalScrollBar().maximum() == 0
    assert MIN_BODY_ROWS < view.table_model.rowCount()
