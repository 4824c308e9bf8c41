"""The problems panel as a reviewer uses it: right-click → 标记为已核对 with a reason, greyed and not counted,
open again when the cell changes; 以0填充空白单元格 as one undo step."""
from gik_editor.rules import FILL_ZEROS
from ui.problems_panel import COLUMNS, LEVEL, MESSAGE, PLACE, RULE
from ui.review_actions import MARK, UNMARK


def row_of(panel, rule):
    return next(i for i, f in enumerate(panel.findings()) if f.rule == rule)


def test_marking_a_finding_reviewed_greys_it_and_takes_it_out_of_the_counts(make_window, sample):
    w = make_window(sample)
    panel = w.problems
    warnings = w.doc.warning_count
    row = row_of(panel, "T2o-4")
    assert panel.actions_for(panel.findings()[row]) == [MARK]
    w.prompts.reasons = ["镇的许可事项确为4633项，已与审批办核实"]
    assert panel.run_action(row, MARK)
    assert w.prompts.reason_asked == [panel.findings()[-1].message]
    assert w.doc.warning_count == warnings - 1 and w.doc.reviewed_count == 1
    assert f"警告 {warnings - 1} 项" in w.warning_label.text()
    assert "已核对 1 项" in w.problems_dock.windowTitle()
    last = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert last.text(RULE) == "T2o-4" and "已核对（镇的许可事项确为4633项" in last.text(MESSAGE)
    assert "已核对" in last.text(LEVEL)
    assert last.foreground(MESSAGE).color() != panel.tree.topLevelItem(0).foreground(MESSAGE).color()
    # undo takes the mark away; redo puts it back
    w.doc.undo_stack.undo()
    assert w.doc.warning_count == warnings
    w.doc.undo_stack.redo()
    assert w.doc.reviewed_count == 1
    # the cells change: open again
    w.doc.set_cells({"t2.license.decisions": 1})
    assert w.doc.reviewed_count == 0
    w.doc.undo_stack.undo()
    assert w.doc.reviewed_count == 1
    row = row_of(panel, "T2o-4")
    assert panel.actions_for(panel.findings()[row]) == [UNMARK]
    assert panel.run_action(row, UNMARK) and w.doc.reviewed_count == 0


def test_cancelling_the_reason_marks_nothing(make_window, sample):
    w = make_window(sample)
    w.prompts.reasons = [None]
    assert not w.problems.run_action(row_of(w.problems, "T2o-4"), MARK)
    assert w.doc.reviewed_count == 0 and not w.doc.is_modified()


def test_the_panel_reads_level_place_message_and_the_rule_id_last(make_window, sample, qtbot):
    """Issue 17: rule ids stay visible but secondary — the last column; double-click still jumps."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    w = make_window(sample)
    tree = w.problems.tree
    header = tree.headerItem()
    assert [header.text(c) for c in range(tree.columnCount())] == list(COLUMNS) == ["级别", "位置", "说明", "规则"]
    row = row_of(w.problems, "T2o-4")
    finding = w.problems.findings()[row]
    item = tree.topLevelItem(row)
    assert item.text(RULE) == "T2o-4" and item.text(MESSAGE) == finding.message
    assert item.text(PLACE).startswith("表二")
    # 说明 has the room; the rule id and the level are as wide as they need, not more
    assert tree.columnWidth(MESSAGE) > tree.columnWidth(PLACE) > tree.columnWidth(RULE)
    assert tree.columnWidth(RULE) < 120
    # 位置 is as many characters wide at 150 % as at 100 %
    from ui import zoom
    place = tree.columnWidth(PLACE)
    zoom.set_zoom(150)
    try:
        QApplication.processEvents()
        assert tree.columnWidth(PLACE) >= place * 1.3
    finally:
        zoom.set_zoom(100)
    QApplication.processEvents()
    assert tree.columnWidth(PLACE) == place
    centre = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    view = w.table_views["二"]
    assert view.currentIndex() == view.table_model.index_of(finding.cells[0])


def test_fill_blank_cells_with_zero_is_one_undo_step(make_window, sample):
    w = make_window(sample)
    panel = w.problems
    rows = [i for i, f in enumerate(panel.findings()) if f.rule == "D15" and f.severity == "info"]
    assert len(rows) == 2                                  # 表三 and 表四 have blank cells
    blank = panel.findings()[rows[0]].cells
    assert FILL_ZEROS in panel.actions_for(panel.findings()[rows[0]])
    steps = w.doc.undo_stack.count()
    assert panel.run_action(rows[0], FILL_ZEROS)
    assert w.doc.undo_stack.count() == steps + 1 and w.doc.undo_stack.undoText() == FILL_ZEROS
    assert all(w.doc.report.values[c] == 0 for c in blank)
    assert len([f for f in w.doc.findings if f.rule == "D15"]) == 1
    assert not any(f.severity == "error" for f in w.doc.findings)      # zeros change no sum
    w.doc.undo_stack.undo()
    assert all(c not in w.doc.report.values for c in blank)


def test_an_organ_type_not_chosen_shows_the_guess_in_the_form(make_window):
    from gik_editor.report import new_report
    from ui.meta_form import MetaForm
    w = make_window(new_report("2021", 2022, "某县财政局", ""))
    combo = w.findChild(MetaForm).organ_type
    assert combo.itemText(0) == "（请选择；按名称推测为县级部门）" and combo.currentIndex() == 0
    w.doc.set_meta("organ_type", "县级政府")
    assert combo.itemText(0) == "（请选择）"


def test_the_reason_dialog_wraps_a_long_message_and_takes_at_most_the_longest_reason(make_window, sample, qtbot):
    """The real question (not the scripted one): a 120-character message on one line made it wider than a
    1366-pixel screen."""
    from PySide6.QtWidgets import QLineEdit

    from gik_editor.reviews import MAX_REASON
    from ui.prompts import review_reason_dialog
    w = make_window(sample)
    finding = max(w.doc.findings, key=lambda f: len(f.message))
    dialog = review_reason_dialog(w, finding.message)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    em = dialog.fontMetrics().horizontalAdvance("中")
    assert len(finding.message) > 60 and dialog.width() < 45 * em
    edit = dialog.findChild(QLineEdit)
    edit.setText("核" * (MAX_REASON + 50))
    assert dialog.textValue() == "核" * MAX_REASON
