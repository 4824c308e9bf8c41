"""Core edits: each undoes exactly, and the rules of editing hold without a window."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import paragraphs, reports, values_for

from gik_editor import edits, storage
from gik_editor.edits import ConfirmCarried, SetCells, SetMeta, SetReportField, SetText, TypedValueError, typed_values


@settings(max_examples=40, deadline=None)
@given(reports("2019"), values_for("2019"), paragraphs, st.data())
def test_an_edit_and_its_inverse_leave_the_report_as_it_was(report, values, text, data):
    report.printed = {"t3.total.total": 9, "t4.review.total": None}
    report.review = {"t3.open.natural": "需人工核对：x"}
    before = storage.dumps(report)
    location = data.draw(st.sampled_from(["preamble", "text.一.0", "text.五.1", "text.六.0"]))
    for edit in (SetCells(values), SetText(location, text), SetText(location, text, follow_marks=True),
                 ConfirmCarried("text.一.0"), SetMeta("organ_name", text), SetReportField("money_unit", "万元"),
                 SetReportField("printed", {}), edits.replace_texts({location: text, "text.二.0": text})):
        inverse = edit.apply(report)
        inverse.apply(report)
        assert storage.dumps(report) == before, edit


def test_editing_a_part_drops_the_printed_total_and_undo_brings_it_back(sample):
    printed = {"t3.total.natural": 7, "t3.open.total": 4, "t4.review.total": 1}
    sample.printed = dict(printed)
    inverse = SetCells({"t3.open.natural": 5}).apply(sample)
    # （一）予以公开 feeds its row total and the column's （七）总计; table 四's printed total stays
    assert sample.printed == {"t4.review.total": 1}
    inverse.apply(sample)
    assert sample.printed == printed


def test_typing_over_a_migrated_value_clears_its_review_mark(sample):
    sample.review = {"t3.open.natural": "需人工核对：由旧格式转入", "t3.open.business": "需人工核对：y"}
    inverse = SetCells({"t3.open.natural": 2}).apply(sample)
    assert sample.review == {"t3.open.business": "需人工核对：y"}
    inverse.apply(sample)
    assert set(sample.review) == {"t3.open.natural", "t3.open.business"}


def test_a_carried_paragraph_stays_marked_only_while_unchanged(sample):
    block = sample.sections["一"].intro
    block.text, block.carried = "去年的第一段\n去年的第二段", ("去年的第一段", "去年的第二段")
    SetText("text.一.0", "去年的第一段\n今年改写的第二段").apply(sample)
    assert block.carried_paragraphs() == ["去年的第一段"]
    edits.replace_texts({"text.一.0": "去年的第一段（改年份）\n今年改写的第二段"}).apply(sample)
    assert block.carried_paragraphs() == ["去年的第一段（改年份）"]     # replacing words is not reading through
    ConfirmCarried("text.一.0").apply(sample)
    assert block.carried_paragraphs() == []


def test_set_cells_skips_computed_unknown_and_unchanged_cells(sample):
    value = sample.values["t3.new.natural"]
    assert edits.set_cells(sample, {"t3.new.natural": value, "t3.total.total": 3, "nope": 1}) is None
    edit = edits.set_cells(sample, {"t3.new.natural": value + 1, "t3.total.total": 3})
    assert edit == SetCells({"t3.new.natural": value + 1})


def test_typed_and_pasted_text_is_parsed_in_one_place_all_or_nothing(sample):
    assert typed_values(sample, {"t3.new.natural": "１，２３４", "t2.license.delta": "－3", "t3.open.natural": "/"}) == \
        {"t3.new.natural": 1234, "t2.license.delta": -3, "t3.open.natural": None}
    with pytest.raises(TypedValueError) as refused:
        typed_values(sample, {"t3.new.natural": "5", "t3.open.natural": "-2"})
    assert refused.value.cell_id == "t3.open.natural" and str(refused.value)


def test_report_fields_are_only_those_an_edit_may_set():
    with pytest.raises(ValueError):
        SetReportField("format_id", "2021")
    assert SetReportField("title", "x").merge_key() == SetReportField("title", "y").merge_key()
