"""The 基本信息 form as a clerk moves through it."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.meta_form import MetaForm
from ui.report_doc import ReportDocument


def test_tab_goes_down_the_left_column_then_down_the_right_then_to_the_preamble(qtbot, sample):
    form = MetaForm(ReportDocument(sample, None))
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    form.focus_first()
    qtbot.waitUntil(form.organ.hasFocus)
    e = form.edits
    expected = [form.organ_type, form.year, form.migrate_button, form.money_unit, form.title,
                e["address"], e["postcode"], e["phone"], e["email"], e["website"],
                form.publish_date, e["drafter"], e["reviewer"], e["signer"], form.preamble]
    visited = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == expected


def test_the_preamble_is_drafted_from_the_form_and_undone_in_one_step(qtbot, sample, monkeypatch):
    doc = ReportDocument(sample, None)
    form = MetaForm(doc)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.edits["phone"], "0573-83311111")
    qtbot.mouseClick(form.draft_button, Qt.MouseButton.LeftButton)
    assert "国办公开办函〔2019〕60号" in form.preamble.toPlainText()
    assert form.preamble.toPlainText().endswith("请与洪合镇联系（电话：0573-83311111）。")
    assert doc.report.preamble == form.preamble.toPlainText()
    doc.undo_stack.undo()
    assert doc.report.preamble == "" and form.preamble.toPlainText() == ""
    # The clerk's own preamble is replaced only when the clerk says so.
    doc.set_report_attr("preamble", "本机关自己写的前言。")
    asked = []
    monkeypatch.setattr(form, "confirm_replace", lambda current: asked.append(current) or False)
    qtbot.mouseClick(form.draft_button, Qt.MouseButton.LeftButton)
    assert asked == ["本机关自己写的前言。"] and doc.report.preamble == "本机关自己写的前言。"
    monkeypatch.setattr(form, "confirm_replace", lambda current: True)
    qtbot.mouseClick(form.draft_button, Qt.MouseButton.LeftButton)
    assert doc.report.preamble.startswith("本报告根据《中华人民共和国政府信息公开条例》")
