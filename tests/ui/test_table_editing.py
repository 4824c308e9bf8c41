"""Editing a table like a spreadsheet: typing, Enter/Tab, Delete, refusals, red cells, undo."""
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from typing_helpers import open_editor, type_into

from gik_editor.report import new_report
from ui.report_doc import ReportDocument
from ui.table_model import ERROR_BRUSH
from ui.table_view import ReportTableView, _FrozenHeader

ROOT = Path(__file__).resolve().parents[2]
RED = ERROR_BRUSH.color().name()


@pytest.fixture
def t3(qtbot, sample):
    doc = ReportDocument(sample)
    view = ReportTableView(doc, "t3")
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.show()
    qtbot.waitExposed(view)
    messages = []
    view.statusMessage.connect(messages.append)
    return doc, view, messages


def current_id(view):
    spec = view.table_model.spec(view.currentIndex())
    return spec.id if spec else None


def red_cells(view):
    model = view.table_model
    out = set()
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            brush = model.data(model.index(r, c), Qt.BackgroundRole)
            if brush is not None and brush.color().name() == RED:
                out.add(model.spec(model.index(r, c)).id)
    return out


def snapshot(view):
    model = view.table_model
    return [(model.data(model.index(r, c)), model.data(model.index(r, c), Qt.BackgroundRole))
            for r in range(model.rowCount()) for c in range(model.columnCount())]


def column(c):
    return {f"t3.{row}.{c}" for row in ("new", "carry_in", "total", "carry_out")}


def test_typing_a_new_application_updates_the_totals(qtbot, t3):
    doc, view, _ = t3
    model = view.table_model
    type_into(qtbot, view, "t3.new.natural", "12")
    assert doc.report.values["t3.new.natural"] == 12          # typing replaced the 5
    assert model.data(model.index_of("t3.new.natural")) == "12"
    assert model.data(model.index_of("t3.new.total")) == "12"
    assert current_id(view) == "t3.carry_in.natural"          # Enter moved down


def test_typing_full_width_digits_from_a_chinese_input_method(qtbot, t3):
    doc, view, _ = t3
    view.select_cell("t3.new.business")
    # what an input method sends: the composition (preedit), then the committed text
    QApplication.sendEvent(view, QInputMethodEvent("１", []))
    event = QInputMethodEvent()
    event.setCommitString("１，２００")
    QApplication.sendEvent(view, event)
    qtbot.keyClick(open_editor(view), Qt.Key_Return)
    QApplication.processEvents()
    assert doc.report.values["t3.new.business"] == 1200
    assert doc.display("t3.new.total") == "1205"


def test_breaking_the_identity_turns_exactly_the_failing_columns_red_and_undo_restores(qtbot, t3):
    doc, view, _ = t3
    assert red_cells(view) == set()
    before = snapshot(view)
    type_into(qtbot, view, "t3.carry_out.natural", "2")
    # 自然人 no longer balances, and so neither does 总计 (its carry_out is now 2 as well)
    assert red_cells(view) == column("natural") | column("total")
    tip = view.table_model.data(view.table_model.index_of("t3.carry_out.natural"), Qt.ToolTipRole)
    assert "T3-1" in tip and "相差" in tip
    doc.undo_stack.undo()
    assert red_cells(view) == set()
    assert snapshot(view) == before


def test_an_application_in_the_wrong_column_reds_both_columns_but_not_the_balanced_total(qtbot, t3):
    doc, view, _ = t3
    type_into(qtbot, view, "t3.open.natural", "4")
    type_into(qtbot, view, "t3.open.other_org", "1")
    assert red_cells(view) == column("natural") | column("other_org")
    assert doc.display("t3.total.total") == "5"


def test_enter_and_tab_skip_the_computed_cells(qtbot, t3):
    doc, view, _ = t3
    type_into(qtbot, view, "t3.other.natural", "1")                 # （六）其他处理, above （七）总计
    assert current_id(view) == "t3.carry_out.natural"
    type_into(qtbot, view, "t3.new.other_org", "1", end=Qt.Key_Tab)  # the last input cell of its row
    assert current_id(view) == "t3.carry_in.natural"
    assert doc.report.values["t3.new.other_org"] == 1
    qtbot.keyClick(view, Qt.Key_Tab)
    assert current_id(view) == "t3.carry_in.business"
    qtbot.keyClick(view, Qt.Key_Return)
    assert current_id(view) == "t3.open.business"


def test_delete_clears_to_blank_not_zero_as_one_undo_step(qtbot, t3):
    doc, view, _ = t3
    model = view.table_model
    view.select_cell("t3.new.natural")
    view.selectionModel().select(QItemSelection(model.index_of("t3.new.natural"), model.index_of("t3.open.natural")),
                                 QItemSelectionModel.ClearAndSelect)
    steps = doc.undo_stack.count()
    qtbot.keyClick(view, Qt.Key_Delete)
    assert "t3.new.natural" not in doc.report.values and "t3.open.natural" not in doc.report.values
    assert model.data(model.index_of("t3.new.natural")) == ""
    assert model.data(model.index_of("t3.total.total")) == ""        # all parts blank: blank total
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert doc.display("t3.total.total") == "5"


@pytest.mark.parametrize("end", [Qt.Key_Return, Qt.Key_Tab])
@pytest.mark.parametrize("text,message", [("abc", "不是数字"), ("-3", "不能为负数"), ("2.5", "不是整数")])
def test_a_value_the_cell_does_not_allow_is_refused_at_the_cell_and_the_old_value_kept(qtbot, t3, text, message, end):
    """Issue 20, item 2: a balloon at the cell says why; the editor stays open with the text selected."""
    doc, view, _ = t3
    steps = doc.undo_stack.count()
    type_into(qtbot, view, "t3.new.natural", text, end)
    assert doc.report.values["t3.new.natural"] == 5
    assert doc.undo_stack.count() == steps
    editor = open_editor(view)
    assert editor is not None and editor.text() == text and editor.selectedText() == text
    assert current_id(view) == "t3.new.natural"             # the cursor did not move on
    shown = view.refusal_shown()
    assert message in shown and "自然人" in shown
    balloon = view.findChild(QLabel, "refusalBalloon")
    cell = view.visualRect(view.currentIndex()).translated(view.viewport().pos())
    assert balloon.isVisible() and abs(balloon.y() - cell.bottom()) < 10 and balloon.x() <= cell.right()
    # The clerk types over the selected text: the balloon goes, the value is taken, the cursor moves on.
    QApplication.sendEvent(editor, QKeyEvent(QEvent.KeyPress, Qt.Key_3, Qt.NoModifier, "３"))   # a Chinese input method
    assert not view.refusal_shown()
    qtbot.keyClick(editor, end)
    QApplication.processEvents()
    assert doc.report.values["t3.new.natural"] == 3 and current_id(view) != "t3.new.natural"
    assert open_editor(view) is None


def test_a_refused_value_left_by_a_click_elsewhere_keeps_the_old_value_and_says_so(qtbot, t3):
    doc, view, _ = t3
    view.select_cell("t3.new.natural")
    qtbot.keyClicks(view, "x")
    other = view.table_model.index_of("t3.new.business")
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(other).center())
    QApplication.processEvents()
    assert doc.report.values["t3.new.natural"] == 5
    assert "不是数字" in view.refusal_shown()


def test_typing_into_a_total_is_refused_with_a_message(qtbot, t3):
    doc, view, messages = t3
    view.select_cell("t3.total.total")
    qtbot.keyClicks(view, "9")
    assert open_editor(view) is None
    assert doc.display("t3.total.total") == "5"
    assert "自动计算" in messages[-1]


def test_signed_and_money_cells_take_what_their_kind_allows(qtbot, sample):
    doc = ReportDocument(sample)
    view = ReportTableView(doc, "t2")
    qtbot.addWidget(view)
    view.show()
    type_into(qtbot, view, "t2.license.delta", "-8")                  # 本年增/减 may be negative
    assert doc.report.values["t2.license.delta"] == -8
    type_into(qtbot, view, "t2.procurement.amount", "1,234.5")
    assert str(doc.report.values["t2.procurement.amount"]) == "1234.5"
    type_into(qtbot, view, "t2.procurement.amount", "-1")
    assert str(doc.report.values["t2.procurement.amount"]) == "1234.5"
    assert "金额不能为负数" in view.refusal_shown()


def test_select_cell_scrolls_to_and_selects_it(qtbot, t3):
    _, view, _ = t3
    view.resize(600, 200)
    view.select_cell("t3.carry_out.welfare")
    assert current_id(view) == "t3.carry_out.welfare"
    assert view.visualRect(view.currentIndex()).intersects(view.viewport().rect())


def test_opening_another_report_rebuilds_the_grid(qtbot, t3):
    doc, view, _ = t3
    doc.replace_report(new_report("2021", 2022, "某局", "县级部门"), None)
    model = view.table_model
    assert model.rowCount() == 28
    other = model.index_of("t3.other_3.natural")
    assert view.rowSpan(model.index_of("t3.other_1.natural").row(), 1) == 3      # （六）其他处理 spans its 3 rows
    type_into(qtbot, view, "t3.other_3.natural", "3")
    assert doc.display("t3.total.natural") == "3" and other.isValid()


LONG_SESSION = """
import sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
from gik_editor import storage
from ui.report_doc import ReportDocument
from ui.table_view import ReportTableView, _FrozenHeader
app = QApplication([])
doc = ReportDocument(storage.load({sample!r}))
view = ReportTableView(doc, "t3")
model = view.table_model
index = model.index_of("t3.carry_out.natural")
for i in range(3000):
    model.setData(index, str(i % 7))
    if i % 3 == 0:
        doc.undo_stack.undo()
for i in range(20000):
    view.viewport().update()
print("ok")
"""


def test_a_long_editing_session_does_not_crash(tmp_path):
    # PySide6 6.12 on Python 3.11 loses a reference to True on every Signal.emit() and one to None on
    # every call of a Qt method returning nothing; unguarded, the process aborts after a few thousand.
    script = LONG_SESSION.format(root=str(ROOT), sample=str(ROOT / "examples" / "honghe-2020.gik"))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def test_the_header_rows_stay_in_view_while_table_three_scrolls(qtbot, t3):
    _, view, _ = t3
    view.resize(900, 400)
    qtbot.wait(10)
    frozen = view.findChild(_FrozenHeader)
    assert not frozen.isVisible()                                # at the top the real header shows
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert frozen.isVisible() and frozen.y() == view.viewport().y()
    assert frozen.indexAt(frozen.rect().center()).row() < 3      # it shows the header rows only
    natural = view.table_model.index_of("t3.new.natural").column()
    assert frozen.columnViewportPosition(natural) == view.columnViewportPosition(natural)
    # a cell reached by the keyboard or the problems panel is not hidden under the kept header
    view.select_cell("t3.partial.business")
    rect = view.visualRect(view.currentIndex())
    assert rect.top() >= frozen.height() or not frozen.isVisible()
    assert rect.bottom() <= view.viewport().height()
    bar.setValue(0)
    assert not frozen.isVisible()


def test_tab_past_the_last_cell_leaves_the_table(qtbot, sample):
    from PySide6.QtWidgets import QVBoxLayout, QWidget
    doc = ReportDocument(sample)
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    view = ReportTableView(doc, "t4")
    after = QLineEdit()
    layout.addWidget(view)
    layout.addWidget(after)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    view.select_cell("t4.after.pending")                      # the last cell that takes a number
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
    assert current_id(view) == "t4.after.pending"


def test_escape_after_a_refusal_takes_the_balloon_away_and_keeps_the_old_value(qtbot, t3):
    doc, view, _ = t3
    type_into(qtbot, view, "t3.new.natural", "2.5")
    assert "不是整数" in view.refusal_shown()
    qtbot.keyClick(open_editor(view), Qt.Key_Escape)
    QApplication.processEvents()
    assert not view.refusal_shown() and open_editor(view) is None
    assert doc.report.values["t3.new.natural"] == 5
