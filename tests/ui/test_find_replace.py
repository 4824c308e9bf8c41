"""编辑 → 查找和替换: find in all the text, replace one occurrence or all of them as one undo step."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gik_editor.carryover import new_from_last_year
from gik_editor.text_search import find_all


@pytest.fixture
def window(make_window, sample):
    """Next year's report, carried from the sample: its text still says 2020年 in many places."""
    return make_window(new_from_last_year(sample))


def dialog_for(window, find, replace=""):
    window.views.find_replace()
    dialog = window.views.find_dialog
    dialog.find_edit.setText(find)
    dialog.replace_edit.setText(replace)
    return dialog


def selected(window):
    """What the editor of the occurrence shown last has selected."""
    return window.views.text_editor_at(window.views.find_dialog._last.location).textCursor().selectedText()


def test_ctrl_f_opens_it_with_the_selected_text(window, qtbot):
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    editor = window.views.text_editor_at("text.一.1")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)           # "2020年"
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.views.find_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.find_edit.text() == "2020年"
    assert dialog.status.text() == f"共 {len(find_all(window.doc.report, '2020年'))} 处。"


def test_find_next_walks_the_text_in_reading_order_and_starts_again(window):
    dialog = dialog_for(window, "2020年")
    matches = find_all(window.doc.report, "2020年")
    for i, match in enumerate(matches, 1):
        dialog.find_next()
        assert dialog._last == match
        assert selected(window) == "2020年"
        assert dialog.status.text() == f"第 {i} 处，共 {len(matches)} 处。"
    dialog.find_next()
    assert dialog._last == matches[0] and "已从头开始" in dialog.status.text()
    dialog.find_edit.setText("找不到的词")
    assert dialog.status.text() == "没有找到“找不到的词”。" and not dialog.find_button.isEnabled()


def test_replace_one_then_the_next_then_undo(window):
    dialog = dialog_for(window, "2020年", "2021年")
    count = len(find_all(window.doc.report, "2020年"))
    first = find_all(window.doc.report, "2020年")[0]
    before = window.doc.report.sections["一"].blocks()[int(first.location.split(".")[2])].text
    dialog.find_next()
    dialog.replace()
    after = window.doc.report.sections["一"].blocks()[int(first.location.split(".")[2])].text
    assert after == before[:first.start] + "2021年" + before[first.end:]
    assert len(find_all(window.doc.report, "2020年")) == count - 1
    assert dialog._last == find_all(window.doc.report, "2020年")[0]     # the next one is shown
    assert selected(window) == "2020年"
    window.undo_action.trigger()
    assert window.doc.report.sections["一"].blocks()[int(first.location.split(".")[2])].text == before


def test_replace_all_is_one_undo_step_and_the_year_warnings_go(window):
    dialog = dialog_for(window, "2020年", "2021年")
    count = len(find_all(window.doc.report, "2020年"))
    d3_before = [f for f in window.doc.findings if f.rule == "D3"]
    dialog.replace_all()
    assert find_all(window.doc.report, "2020年") == []
    assert dialog.status.text() == f"已替换 {count} 处（可用“撤销”一次恢复）。"
    assert len([f for f in window.doc.findings if f.rule == "D3"]) < len(d3_before)
    assert window.undo_action.text() == "撤销(&U) 全部替换“2020年”"
    window.undo_action.trigger()
    assert len(find_all(window.doc.report, "2020年")) == count
    assert [f for f in window.doc.findings if f.rule == "D3"] == d3_before


def test_the_preamble_and_text_past_an_emoji_are_selected_exactly(window):
    window.doc.set_report_attr("preamble", "😀𠀀 本报告根据条例编制。")
    dialog = dialog_for(window, "条例")
    dialog.find_next()
    assert dialog._last.location == "preamble"
    assert window.tabs.currentIndex() == 0
    assert window.meta_form.preamble.textCursor().selectedText() == "条例"


def test_replacing_a_word_does_not_count_as_reading_the_carried_paragraph(window):
    """2020年 → 2021年 in last year's paragraph: it is still last year's text, still to be read through."""
    part = window.doc.report.sections["一"].parts[0]
    assert part.carried_paragraphs()
    dialog = dialog_for(window, "2020年", "2021年")
    dialog.replace_all()
    assert "2020年" not in part.text and part.carried_paragraphs() == part.paragraphs()
    window.show_tab("一")
    block = window.text_sections["一"][0].editors[1]
    assert block.carried_lines() == list(range(len(part.paragraphs())))
    window.undo_action.trigger()
    assert "2020年" in part.text and part.carried_paragraphs() == part.paragraphs()
    dialog.find_next()
    dialog.replace()                                  # one occurrence: the same
    assert part.carried_paragraphs() == part.paragraphs()



def test_another_report_opened_meanwhile_is_searched_from_its_start(window, sample):
    dialog = dialog_for(window, "2020年", "2021年")
    for _ in find_all(window.doc.report, "2020年"):
        dialog.find_next()                           # the last occurrence, deep in the 2021 report's 六 parts
    window.doc.replace_report(sample, None)          # a 2019 report: other places
    assert dialog._last is None                      # (its place may not exist in this report)
    dialog.replace()                                 # nothing to replace yet: the first occurrence is shown
    assert dialog._last == find_all(window.doc.report, "2020年")[0]
