"""The dialog after a new report from last year's: what needs a look shown, the zeros folded (issue 20, item 7)."""
from PySide6.QtCore import Qt

from gik_editor.carryover import new_from_last_year
from gik_editor.migration import note_parts
from ui.log_dialog import LogDialog


def test_the_lines_that_need_a_look_show_and_the_zeros_open_on_request(qtbot, sample):
    shown, folded = note_parts(new_from_last_year(sample).migration_note)
    dialog = LogDialog(None, "以上年报告为模板新建", "已新建。", shown, folded)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.lines.toPlainText()
    assert text.splitlines()[1].startswith("表三“（六）其他处理”分为")
    assert "：0\n" not in text + "\n"                        # no bare zero among them
    assert not dialog.folded.isVisible() and dialog.unfold.text() == f"其余{len(folded)}行（无需处理）"
    qtbot.mouseClick(dialog.unfold, Qt.MouseButton.LeftButton)
    assert dialog.folded.isVisible() and "表二“规章 × 本年新公开数量”：0" in dialog.folded.toPlainText()
    qtbot.mouseClick(dialog.unfold, Qt.MouseButton.LeftButton)
    assert not dialog.folded.isVisible()


def test_a_log_with_nothing_folded_has_no_button(qtbot):
    dialog = LogDialog(None, "导入结果", "已导入。", ["第3页的表格无法识别"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lines.toPlainText() == "第3页的表格无法识别" and not dialog.unfold.isVisible()
