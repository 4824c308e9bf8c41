"""Copying and pasting blocks to and from Excel/WPS: one undo step, skipping labels and totals."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from gik_editor.cell_input import parse_value, split_block
from gik_editor.report import new_report
from ui.report_doc import ReportDocument
from ui.table_view import ReportTableView


def make_view(qtbot, report, table_id):
    doc = ReportDocument(report)
    view = ReportTableView(doc, table_id)
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.show()
    messages = []
    view.statusMessage.connect(messages.append)
    return doc, view, messages


@pytest.fixture
def t3(qtbot, sample):
    return make_view(qtbot, sample, "t3")


def paste_at(view, cell_id, text):
    QGuiApplication.clipboard().setText(text)
    view.select_cell(cell_id)
    view.paste()


def select(view, first, last):
    model = view.table_model
    view.setCurrentIndex(model.index_of(first))
    view.selectionModel().select(QItemSelection(model.index_of(first), model.index_of(last)),
                                 QItemSelectionModel.ClearAndSelect)


def t3_values(doc):
    return {k: v for k, v in doc.report.values.items() if k.startswith("t3.")}


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_a_3x2_block_lands_as_one_undo_step(t3, ending):
    doc, view, messages = t3
    before, steps = t3_values(doc), doc.undo_stack.count()
    paste_at(view, "t3.new.natural", "1\t2\r\n3\t4\r\n5\t6".replace("\r\n", "\n") + ending)
    values = doc.report.values
    assert [values[f"t3.{r}.{c}"] for r in ("new", "carry_in", "open") for c in ("natural", "business")] \
        == [1, 2, 3, 4, 5, 6]
    assert doc.display("t3.new.total") == "3" and doc.display("t3.total.total") == "11"
    assert doc.undo_stack.count() == steps + 1
    assert "已粘贴 6 个单元格" in messages[-1]
    doc.undo_stack.undo()
    assert t3_values(doc) == before
    assert doc.display("t3.total.total") == "5"


def test_excel_formatting_full_width_digits_and_placeholders(t3):
    doc, view, _ = t3
    paste_at(view, "t3.new.natural", "1,234\t１２\t/\t-\t—\t\n")
    values = doc.report.values
    assert values["t3.new.natural"] == 1234 and values["t3.new.business"] == 12
    for c in ("research", "welfare", "legal", "other_org"):
        assert f"t3.new.{c}" not in values                      # "/" "-" "—" and empty: blank, not 0


def test_blank_in_a_pasted_block_clears_the_cell(t3):
    doc, view, _ = t3
    paste_at(view, "t3.new.natural", "\t7\n")
    assert "t3.new.natural" not in doc.report.values and doc.report.values["t3.new.business"] == 7


def test_labels_and_totals_in_the_block_are_skipped(t3):
    doc, view, messages = t3
    model = view.table_model
    row = model.index_of("t3.new.natural").row()
    # a whole row copied from Excel, label (merged over three columns) and all
    QGuiApplication.clipboard().setText("一、本年新收政府信息公开申请数量\t\t\t1\t2\t3\t4\t5\t6\t99\n")
    view.setCurrentIndex(model.index(row, 0))
    view.paste()
    assert [doc.report.values[f"t3.new.{c}"] for c in
            ("natural", "business", "research", "welfare", "legal", "other_org")] == [1, 2, 3, 4, 5, 6]
    assert doc.display("t3.new.total") == "21"                 # the pasted 99 did not overwrite the total
    assert "1 个值落在标签或合计单元格上" in messages[-1]


@pytest.mark.parametrize("cell,text,words", [
    ("t3.carry_out.natural", "1\n2\n", "放不下"),                        # two rows below the last row
    ("t3.new.business", "1\t2\t3\t4\t5\t6\t7\n", "放不下"),             # seven columns from the 2nd data column
    ("t3.new.natural", "1\tabc\n", "“abc”不是数字"),
    ("t3.new.natural", "1\n-2\n", "不能为负数"),
])
def test_a_paste_that_does_not_fit_is_refused_and_changes_nothing(t3, cell, text, words):
    doc, view, messages = t3
    before, steps = t3_values(doc), doc.undo_stack.count()
    paste_at(view, cell, text)
    assert t3_values(doc) == before and doc.undo_stack.count() == steps
    assert words in messages[-1] and "未粘贴" in messages[-1]


def test_empty_cells_past_the_right_edge_are_ignored(t3):
    doc, view, messages = t3
    paste_at(view, "t3.new.total", "8\t\t\t\n")                 # a selection copied a little too wide
    assert "放不下" not in messages[-1]
    paste_at(view, "t3.new.other_org", "8\t\t\t\n")
    assert doc.report.values["t3.new.other_org"] == 8


def test_an_empty_clipboard_is_reported(t3):
    doc, view, messages = t3
    paste_at(view, "t3.new.natural", "")
    assert messages[-1] == "剪贴板中没有可粘贴的内容。"


def test_one_value_fills_every_selected_cell(t3):
    doc, view, _ = t3
    QGuiApplication.clipboard().setText("0\n")
    select(view, "t3.deny_1.natural", "t3.deny_8.business")
    view.paste()
    assert all(doc.report.values[f"t3.deny_{i}.{c}"] == 0 for i in range(1, 9) for c in ("natural", "business"))
    assert doc.display("t3.deny_1.total") == "0"


def test_copy_gives_tab_separated_text_that_pastes_back(t3):
    doc, view, messages = t3
    doc.set_cells({"t3.new.business": 2, "t3.open.business": 2})
    select(view, "t3.new.natural", "t3.open.business")
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == "5\t2\n\t\n5\t2\n"
    assert "3 行 × 2 列" in messages[-1]
    view.select_cell("t3.deny_1.research")
    view.paste()
    assert doc.report.values["t3.deny_1.research"] == 5 and doc.report.values["t3.deny_3.welfare"] == 2


def test_copy_of_a_labelled_row_includes_its_labels(t3):
    doc, view, _ = t3
    model = view.table_model
    row = model.index_of("t3.new.natural").row()
    view.selectionModel().select(QItemSelection(model.index(row, 0), model.index(row, 9)),
                                 QItemSelectionModel.ClearAndSelect)
    view.copy_selection()
    assert QGuiApplication.clipboard().text() == "一、本年新收政府信息公开申请数量\t\t\t5\t\t\t\t\t\t5\n"


def test_keyboard_shortcuts_copy_paste_and_cut(qtbot, t3):
    doc, view, _ = t3
    view.select_cell("t3.new.natural")
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == "5\n"
    view.select_cell("t3.carry_in.business")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert doc.report.values["t3.carry_in.business"] == 5
    assert QKeySequence(QKeySequence.Cut).toString()            # Cut is bound on this platform
    qtbot.keyClick(view, Qt.Key_X, Qt.ControlModifier)
    assert "t3.carry_in.business" not in doc.report.values


def test_merged_value_cells_of_the_2021_table_two_take_one_value_each(qtbot):
    doc, view, messages = make_view(qtbot, new_report("2021", 2022, "某某县人民政府", "县级政府"), "t2")
    paste_at(view, "t2.penalty.decisions", "12\n3\n")
    assert doc.report.values["t2.penalty.decisions"] == 12 and doc.report.values["t2.coercion.decisions"] == 3
    paste_at(view, "t2.license.decisions", "7\t8\n")          # 8 falls on the rest of the merged cell
    assert doc.report.values["t2.license.decisions"] == 7
    assert "1 个值落在标签或合计单元格上" in messages[-1]
    paste_at(view, "t2.fee.amount", "１２.５\n")
    assert str(doc.report.values["t2.fee.amount"]) == "12.5"


def test_a_signed_column_takes_negative_numbers(qtbot, sample):
    doc, view, _ = make_view(qtbot, sample, "t2")
    paste_at(view, "t2.license.prev", "4,633\t−233\t4,400\n")
    assert [doc.report.values[f"t2.license.{c}"] for c in ("prev", "delta", "decisions")] == [4633, -233, 4400]


TOKENS = st.sampled_from(["", "0", "7", "1,234", "１２", "/", "—", "-3", "2.5", "abc", "12.0"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(block=st.lists(st.lists(TOKENS, min_size=1, max_size=4), min_size=1, max_size=4),
       row=st.integers(0, 27), col=st.integers(0, 9), ending=st.sampled_from(["", "\n", "\r\n"]))
def test_any_paste_is_all_or_nothing_and_one_undo_step(qtbot, block, row, col, ending):
    doc, view, messages = make_view(qtbot, new_report("2021", 2022, "某某县人民政府", "县级政府"), "t3")
    doc.set_cells({"t3.open.natural": 1, "t3.new.natural": 1})
    model = view.table_model
    before, steps = dict(doc.report.values), doc.undo_stack.count()
    text = ("\r\n" if ending == "\r\n" else "\n").join("\t".join(r) for r in block) + ending
    QGuiApplication.clipboard().setText(text)
    view.setCurrentIndex(model.index(row, col))
    view.paste()
    if doc.undo_stack.count() == steps:              # refused, or nothing in it changes a value
        assert doc.report.values == before
        return
    assert doc.undo_stack.count() == steps + 1
    for i, cells in enumerate(split_block(text)):            # (split_block has its own tests)
        for j, cell in enumerate(cells):
            spec = model.spec(model.index(row + i, col + j))
            if spec is not None and not spec.computed:
                assert doc.report.values.get(spec.id) == parse_value(cell, spec.kind)
    doc.undo_stack.undo()
    assert doc.report.values == before


def right_click(view, cell_id, pick):
    """Open the context menu on a cell and choose `pick` in it, as a clerk does with the mouse."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication
    shown = []

    def choose():
        menu = QApplication.activePopupWidget()
        shown.append([a.text() for a in menu.actions()])
        next(a for a in menu.actions() if a.text() == pick).trigger()
        menu.close()

    QTimer.singleShot(50, choose)
    where = view.visualRect(view.table_model.index_of(cell_id)).center()
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Mouse, where,
                                                              view.viewport().mapToGlobal(where)))
    return shown[0]


def test_the_right_click_menu_copies_pastes_and_clears(t3):
    doc, view, _ = t3
    assert right_click(view, "t3.new.natural", "复制") == ["复制", "粘贴", "清除"]
    assert QGuiApplication.clipboard().text() == "5\n"
    right_click(view, "t3.carry_in.research", "粘贴")
    assert doc.report.values["t3.carry_in.research"] == 5
    right_click(view, "t3.new.natural", "清除")
    assert "t3.new.natural" not in doc.report.values
