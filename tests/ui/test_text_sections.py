"""Text sections and metadata: typing, Chinese input, undo/redo, carried-over paragraphs, findings under the text."""
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel
from scripted_prompts import ScriptedPrompts

from gik_editor.carryover import new_from_last_year
from ui.colours import marked_background
from ui.main_window import META_TAB, TAB_KEYS, MainWindow
from ui.report_doc import ReportDocument
from ui.text_editing import GrowingTextEdit
from ui.text_section import TextSection


def commit_text(widget, text):
    """What a Chinese input method sends when the clerk picks a word."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, sample):
    w = MainWindow(ReportDocument(sample), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   tmp_path / "recovery", ScriptedPrompts())
    qtbot.addWidget(w)
    w.show()
    return w


def section_editor(w, key, index):
    w.show_tab(key)
    for text in w.text_sections[key]:
        if index in text.editors:
            return text.editors[index]
    raise KeyError(index)


def test_every_sub_part_has_its_heading_and_text(window):
    for index, part in enumerate(window.doc.report.sections["一"].parts, 1):
        block = section_editor(window, "一", index)
        assert block.editor.toPlainText() == part.text
        assert part.title in [label.text() for label in block.findChildren(QLabel)]
    assert section_editor(window, "六", 0).editor.toPlainText() == "无"


def test_chinese_typing_is_one_undo_step_and_redo_restores_it(window, qtbot):
    block = section_editor(window, "六", 0)
    edit = block.editor
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    commit_text(edit, "。本年度")
    commit_text(edit, "未收取信息处理费")
    assert window.doc.report.sections["六"].intro.text == "无。本年度未收取信息处理费"
    window.undo_action.trigger()
    assert window.doc.report.sections["六"].intro.text == "无"
    assert edit.toPlainText() == "无"
    window.redo_action.trigger()
    assert edit.toPlainText() == "无。本年度未收取信息处理费"
    assert window.isWindowModified()


def test_editing_one_paragraph_leaves_the_others_exactly_as_they_were(window):
    """Text from web pages has no-break spaces; Qt's plain text would turn them into spaces on the first edit."""
    block = section_editor(window, "五", 2)
    original = window.doc.report.sections["五"].parts[1].text
    assert "\u00a0" in original                       # in the sample, as published
    edit = block.editor
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    commit_text(edit, "补充一句。")
    assert window.doc.report.sections["五"].parts[1].text == original + "补充一句。"


def test_ctrl_z_in_a_text_editor_is_the_documents_undo(window, qtbot):
    edit = section_editor(window, "五", 1).editor
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    before = edit.toPlainText()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(edit, "abc")
    assert window.doc.report.sections["五"].parts[0].text == before + "abc"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.report.sections["五"].parts[0].text == before
    assert edit.toPlainText() == before


def test_findings_are_shown_under_their_text(window):
    block = section_editor(window, "五", 3)
    assert "我局" in block.findings_label.text()
    assert block.findings_label.isVisibleTo(block)
    assert not section_editor(window, "五", 1).findings_label.isVisibleTo(block)
    # Fixing the text makes the finding go away as you type.
    text = window.doc.report.sections["五"].parts[2].text
    block.editor.setPlainText(text.replace("我局", "我镇"))
    assert "我局" not in block.findings_label.text()


def test_metadata_edits_undo_and_redo(window):
    window.show_tab(META_TAB)
    form = window.meta_form
    form.organ_type.setCurrentText("街道")
    form.year.setValue(2021)
    assert window.doc.report.meta.organ_type == "街道"
    assert window.doc.report.meta.year == 2021
    assert "2021年度报告应使用" in form.format_warning.text()
    window.undo_action.trigger()
    assert form.year.value() == 2020 and not form.format_warning.isVisibleTo(form)
    window.undo_action.trigger()
    assert form.organ_type.currentText() == "镇"
    window.redo_action.trigger()
    assert window.doc.report.meta.organ_type == "街道"


def test_preamble_title_and_money_unit(window):
    window.show_tab(META_TAB)
    form = window.meta_form
    assert form.money_unit.isVisibleTo(form)           # the 2019 format prints no unit for 采购总金额
    form.money_unit.setCurrentText("万元")
    assert window.doc.report.money_unit == "万元"
    commit_text(form.preamble, "本报告根据条例编制。")
    assert window.doc.report.preamble == "本报告根据条例编制。"
    window.undo_action.trigger()
    assert window.doc.report.preamble == "" and form.preamble.toPlainText() == ""
    assert "洪合镇2020年度" in form.title.placeholderText()


def test_publish_date_is_normalized_and_nonsense_refused(window):
    window.show_tab(META_TAB)
    form = window.meta_form
    form.publish_date.setText("2021年1月25日")
    form.publish_date.editingFinished.emit()
    assert window.doc.report.meta.publish_date == "2021-01-25"
    form.publish_date.setText("下周一")
    form.publish_date.editingFinished.emit()
    assert window.doc.report.meta.publish_date == "2021-01-25"
    assert "不是日期" in window.statusBar().currentMessage()


@pytest.mark.parametrize("width", [700, 1024, 1366, 1920])
def test_every_text_editor_is_as_tall_as_its_text(make_window, sample, width):
    """No paragraph is cut off behind a scroll bar of its own, at any common window width."""
    window = make_window(new_from_last_year(sample))
    window.resize(width, 800)
    for key in TAB_KEYS:
        window.show_tab(key)
        for _ in range(3):
            QApplication.processEvents()
        for editor in window.findChildren(GrowingTextEdit):
            if editor.isVisibleTo(window):
                assert not editor.verticalScrollBar().isVisible(), (key, editor.toPlainText()[:20])


def test_carried_paragraphs_are_grey_until_edited_or_confirmed(qtbot, sample):
    report = new_from_last_year(sample)
    part = report.sections["一"].parts[0]
    part.text = "去年的第一段。\n去年的第二段。"
    part.carried = ("去年的第一段。", "去年的第二段。")
    doc = ReportDocument(report)
    section = TextSection(doc, "一")
    qtbot.addWidget(section)
    section.show()
    block = section.editors[1]
    assert block.banner.isVisibleTo(section)
    assert block.carried_lines() == [0, 1]
    assert block.editor.extraSelections()[0].format.background().color() == marked_background(block.editor)
    # Editing a paragraph takes its grey away; the other stays grey.
    block.editor.setPlainText("今年重写的第一段。\n去年的第二段。")
    assert block.carried_lines() == [1]
    qtbot.mouseClick(block.confirm_button, Qt.MouseButton.LeftButton)
    assert block.carried_lines() == [] and not block.banner.isVisibleTo(section)
    assert part.carried == ()
    doc.undo_stack.undo()
    assert block.banner.isVisibleTo(section) and block.carried_lines() == [1]
    doc.undo_stack.undo()
    assert block.editor.toPlainText() == "去年的第一段。\n去年的第二段。"
    assert block.carried_lines() == [0, 1]


def test_another_report_rebuilds_the_editors(window, qtbot):
    from gik_editor.report import new_report
    section_editor(window, "五", 3)
    window.doc.replace_report(new_report("2021", 2022, "某某街道办事处"), None)
    texts = window.text_sections["五"][0]
    assert sorted(texts.editors) == [0, 1, 2, 3]
    assert all(e.editor.toPlainText() == "" for e in texts.editors.values())
    six = window.text_sections.get("六")
    if six is None:
        window.show_tab("六")
        six = window.text_sections["六"]
    assert len(six[0].editors) == 5               # the 2021 format's 六 has four sub-parts


def test_a_carried_paragraph_is_grey_on_every_line_it_wraps_onto(qtbot, sample):
    """Issue 20, item 4: the grey covered only the first line of a long paragraph."""
    report = new_from_last_year(sample)
    part = report.sections["一"].parts[0]
    carried = "去年的段落，" * 30
    part.text = f"{carried}\n今年新写的一段。"
    part.carried = (carried,)
    section = TextSection(ReportDocument(report), "一")
    qtbot.addWidget(section)
    section.resize(420, 600)
    section.show()
    qtbot.waitExposed(section)
    editor = section.editors[1].editor
    image = editor.viewport().grab().toImage()
    grey, white = marked_background(editor), editor.palette().color(editor.viewport().backgroundRole())
    first = editor.document().firstBlock()
    box = editor.blockBoundingGeometry(first).translated(editor.contentOffset())
    line = editor.fontMetrics().lineSpacing()
    lines = first.layout().lineCount()
    assert lines >= 3
    x = image.width() - 6                 # past the end of the text on every line: only the marking is there
    for i in range(lines):
        y = int(box.top() + editor.document().documentMargin() + line * (i + 0.5))
        assert image.pixelColor(x, y) == grey, f"line {i + 1} of {lines} is not grey"
    after = editor.blockBoundingGeometry(first.next()).translated(editor.contentOffset())
    assert image.pixelColor(x, int(after.center().y())) == white        # the paragraph written this year is not
