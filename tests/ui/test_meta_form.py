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
