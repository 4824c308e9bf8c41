"""A new national revision is one data module and one migration table — no other code change.

The made-up 2031 revision (tests/revision/) renames one table-二 column and adds one table-三 result
row. Registered, a report in it is edited in the window, checked with the right rules, migrated from
2021, exported to all four formats and read back equal.
"""
import importlib
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication
from revision import fmt2031, m2021_2031
from typing_helpers import type_into

from gik_editor import storage
from gik_editor.carryover import new_from_last_year
from gik_editor.formats import FORMATS, MIGRATIONS, format_for_year
from gik_editor.importers import read_any
from gik_editor.migration import conversion_target, migrate
from gik_editor.report import new_report
from gik_editor.rules import check
from gik_editor.totals import compute_totals

REV = fmt2031.FORMAT
NEW_ROW = fmt2031.NEW_ROW[0]


@pytest.fixture(autouse=True)
def revision(monkeypatch):
    """Register the revision as a real one would be: its format and the migration table that leads to it."""
    monkeypatch.setitem(FORMATS, REV.id, REV)
    monkeypatch.setitem(MIGRATIONS, (m2021_2031.MIGRATION.source, REV.id), m2021_2031.MIGRATION)


def filled():
    report = new_report(REV.id, 2031, "某市司法局", "市级部门")
    for cid, value in {"t3.new.natural": 5, "t3.open.natural": 2, f"t3.{NEW_ROW}.natural": 3,
                       "t3.new.business": 1, "t3.deny_4.business": 1, "t2.norms.issued": 4,
                       "t2.norms.in_force": 12, "t2.fee.amount": Decimal("0.5"), "t4.review.upheld": 1}.items():
        report.set(cid, value)
    report.sections["一"].intro.text = "本年度新收政府信息公开申请6件，均已按期答复。"
    for i, part in enumerate(report.sections["六"].parts):
        part.text = "本年度未收取信息处理费。" if i == 0 else "已按要求完成。"
    return report


def test_the_years_it_declares_choose_it():
    assert format_for_year(2031) is REV and format_for_year(2040) is REV
    assert format_for_year(2030).id == "2021" and format_for_year(2020).id == "2019"
    assert conversion_target(FORMATS["2021"]) is REV and conversion_target(REV) is None


def test_checked_with_its_rules_and_a_broken_identity_names_the_new_row():
    report = filled()
    assert [f.rule for f in check(report) if f.severity == "错误"] == []
    report.set(f"t3.{NEW_ROW}.natural", 4)                 # now 5 received, 6 handled
    broken = [f for f in check(report) if f.rule == "T3-1"]
    # the 自然人 column and the 总计 column, each naming its four cells
    assert [f.cells for f in broken] == [(f"t3.new.{c}", f"t3.carry_in.{c}", f"t3.total.{c}", f"t3.carry_out.{c}")
                                         for c in ("natural", "total")]
    assert "自然人" in broken[0].message and "相差-1" in broken[0].message
    report.set(f"t3.{NEW_ROW}.natural", 3)
    report.printed["t3.total.natural"] = 2                  # a published copy that forgot the new row
    printed = [f for f in check(report) if f.rule == "T3-2"]
    assert len(printed) == 1 and f"t3.{NEW_ROW}.natural" in printed[0].cells
    # the 2021 rules bound to the renamed column quote its new label
    report.set("t2.norms.in_force", 1)
    t23 = [f for f in check(report) if f.rule == "T2-3"]
    assert len(t23) == 1 and fmt2031.RENAMED in t23[0].message
    assert not [f for f in check(report) if f.rule.startswith("T2o")]
    # a 2031 report drawn up in the 2021 tables is told which format it needs
    old = new_report("2021", 2031, "某市司法局", "市级部门")
    assert any(f.rule == "D1" and REV.title in f.message for f in check(old))


def test_migrated_from_2021_and_carried_into_its_first_year():
    last = new_report("2021", 2030, "某市司法局", "市级部门")
    last.set("t3.new.natural", 4)
    last.set("t3.other_3.natural", 1)
    last.set("t3.carry_out.natural", 3)
    last.set("t2.norms.in_force", 9)
    last.preamble = "根据国办公开办函〔2021〕30号编制。"
    moved = migrate(last, REV.id)
    assert moved.format_id == REV.id and moved.values == last.values
    assert moved.get(f"t3.{NEW_ROW}.natural") is None and moved.preamble == "根据国办公开办函〔2030〕99号编制。"
    assert moved.migration_note.splitlines()[0] == f"本报告已由{FORMATS['2021'].title}（{FORMATS['2021'].basis}）转换为{REV.title}（{REV.basis}）。"
    this_year = new_from_last_year(last)
    assert this_year.format_id == REV.id and this_year.get("t3.carry_in.natural") == 3
    assert m2021_2031.MIGRATION.carry_note in this_year.migration_note
    assert storage.loads(storage.dumps(this_year)) == this_year


@pytest.mark.parametrize("exporter, suffix", [("xlsx", ".xlsx"), ("html", ".html"), ("docx", ".docx"),
                                              ("pdf", ".pdf")])
def test_exported_to_every_format_and_read_back_equal(tmp_path, exporter, suffix):
    report = filled()
    out = tmp_path / f"out{suffix}"
    importlib.import_module(f"gik_editor.exporters.{exporter}").export(report, out)
    imported = read_any(out).report
    assert imported.format_id == REV.id
    assert imported.values == report.values
    assert imported.printed in ({}, {k: v for k, v in compute_totals(report).items()})
    assert [(b.title, b.text) for s in imported.sections.values() for b in s.blocks() if b.text] == \
        [(b.title, b.text) for s in report.sections.values() for b in s.blocks() if b.text]


def test_edited_in_the_window(make_window, qtbot):
    w = make_window(filled())
    w.show_tab("三")
    view = w.table_views["三"]
    w.activateWindow()                  # keys go to the focused cell of the active window
    qtbot.waitUntil(w.isActiveWindow)
    type_into(qtbot, view, f"t3.{NEW_ROW}.natural", "4")
    QApplication.processEvents()
    assert w.doc.report.get(f"t3.{NEW_ROW}.natural") == 4
    assert w.doc.value("t3.total.natural") == 6
    findings = w.problems.findings()
    assert any(f.rule == "T3-1" and "t3.total.natural" in f.cells for f in findings)
    model = view.table_model                                       # the new row's label is on screen
    texts = {model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())}
    assert fmt2031.NEW_ROW[2] in texts
    w.doc.undo_stack.undo()
    assert w.doc.report.get(f"t3.{NEW_ROW}.natural") == 3 and not [f for f in w.problems.findings()
                                                                   if f.rule == "T3-1"]
