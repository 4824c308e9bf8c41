"""ReportDocument: what an edit does to the marks an imported or migrated report carries."""
from gik_editor.migration import migrate
from ui.report_doc import ReportDocument


def test_editing_a_part_drops_its_printed_totals_and_undo_brings_them_back(qapp, sample):
    doc = ReportDocument(sample)
    before = dict(sample.printed)
    doc.set_cells({"t3.new.business": 2})
    assert "t3.new.total" not in doc.report.printed          # the published 5 no longer counts
    assert "t3.total.total" in doc.report.printed            # untouched sums keep theirs
    assert [f.rule for f in doc.findings_for("t3.new.total")] == ["T3-1"]
    doc.undo_stack.undo()
    assert doc.report.printed == before


def test_typing_over_a_migrated_value_clears_its_review_mark(qapp, sample):
    report = migrate(sample, "2021")
    cell = next(iter(report.review))
    doc = ReportDocument(report)
    doc.set_cells({cell: 7})
    assert cell not in doc.report.review
    doc.undo_stack.undo()
    assert cell in doc.report.review
