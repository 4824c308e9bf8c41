"""2019 trial format → 2021 revision (reference/format.md §5)."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from strategies import reports

from gik_editor import storage
from gik_editor.formats import FORMAT_2019, FORMAT_2021
from gik_editor.formats.m2019_2021 import MIGRATION
from gik_editor.migration import migrate
from gik_editor.report import new_report
from gik_editor.rules import check
from gik_editor.totals import all_values


def test_sample_keeps_every_compatible_value_and_its_text(sample):
    before = storage.dumps(sample)
    new = migrate(sample, "2021")
    assert new.format_id == "2021" and new.meta == sample.meta
    assert storage.dumps(sample) == before                     # the original is untouched
    for cid in ("t3.new.natural", "t3.open.natural", "t4.review.corrected",
                "t2.license.decisions", "t2.penalty.decisions", "t2.coercion.decisions"):
        assert new.get(cid) == sample.get(cid)
    assert all_values(new)["t3.total.total"] == 5 and all_values(new)["t4.review.total"] == 1
    for key in ("一", "五"):
        assert [(b.title, b.text) for b in new.sections[key].blocks()] == \
               [(b.title, b.text) for b in sample.sections[key].blocks()]
    assert new.printed == {}
    # the figures still add up (T4-3 stays: the sample's text never mentions its 行政复议 case)
    assert {f.rule for f in check(new) if f.rule.startswith(("T3", "T4"))} == {"T4-3"}


def test_approximate_cells_are_prefilled_and_flagged(sample):
    new = migrate(sample, "2021")
    assert new.get("t2.rules.issued") == 0 and new.get("t2.norms.issued") == 0
    assert set(new.review) == {"t2.rules.issued", "t2.norms.issued"}
    assert all(note.startswith("需人工核对：") and "本年新制作数量" in note for note in new.review.values())
    assert new.get("t2.norms.in_force") is None                # §5.1: no auto-fill of 现行有效件数


def test_values_without_counterpart_are_listed_with_label_and_value(sample):
    sample.money_unit = "元"
    note = migrate(sample, "2021").migration_note.splitlines()
    assert "表二“政府集中采购 × 采购总金额”：49966945.1元" in note
    assert "表二“政府集中采购 × 采购项目数量”：3518" in note
    assert "表二“行政许可 × 上一年项目数量”：4633" in note
    assert "表二“行政强制 × 本年增/减”：-1657" in note
    assert any(line.startswith("表二“规范性文件 × 对外公开总数量”：6（") and "现行有效件数" in line for line in note)
    assert not any("处理决定数量”：4400" in line for line in note)   # carried 1:1, so not dropped


def test_single_other_row_goes_to_3_other():
    old = new_report("2019", 2020, "某县审计局", "县级部门")
    old.set("t3.new.natural", 4)
    old.set("t3.other.natural", 3)
    old.set("t3.open.natural", 1)
    new = migrate(old, "2021")
    assert new.get("t3.other_3.natural") == 3
    assert new.get("t3.other_1.natural") is None and new.get("t3.other_2.natural") is None
    assert new.review["t3.other_3.natural"].startswith("需人工核对：")
    assert all_values(new)["t3.total.natural"] == 4
    assert not [f for f in check(new) if f.rule == "T3-1"]


def test_citations_of_the_2019_notice_are_replaced_and_carried_marks_follow(sample):
    para = "根据国办公开办函〔2019〕60号和《中华人民共和国政府信息公开工作年度报告格式（试行）》编制。"
    sample.preamble = "依据国办公开办函(2019)60号要求编制本报告。"
    block = sample.sections["一"].intro
    block.text = para + "\n" + block.text
    block.carried = (para,)
    new = migrate(sample, "2021")
    text = new.sections["一"].intro
    assert text.paragraphs()[0] == "根据国办公开办函〔2021〕30号和《中华人民共和国政府信息公开工作年度报告格式》编制。"
    assert text.carried_paragraphs() == [text.paragraphs()[0]]
    assert new.preamble == "依据国办公开办函〔2021〕30号要求编制本报告。"
    assert "（3处）" in new.migration_note


def test_section_six_gets_the_2021_parts_once(sample):
    new = migrate(sample, "2021")
    titles = [p.title for p in new.sections["六"].parts]
    assert titles == [p.title for p in FORMAT_2021.section("六").parts]
    assert "收取信息处理费" in titles[0] and "已加入2021年格式的分项" in new.migration_note
    assert new.sections["六"].intro.text == "无"
    sample.sections["六"].parts = [new.sections["六"].parts[0]]
    assert [p.title for p in migrate(sample, "2021").sections["六"].parts] == titles
    sample.sections["六"].parts = new.sections["六"].parts
    again = migrate(sample, "2021")
    assert [p.title for p in again.sections["六"].parts] == titles
    assert "已加入2021年格式的分项" not in again.migration_note


def test_note_warns_that_a_2020_report_belongs_in_the_2019_format(sample):
    assert "2020年度报告按规定应使用2019年试行格式" in migrate(sample, "2021").migration_note
    sample.meta.year = 2022
    assert "按规定应使用2019年试行格式" not in migrate(sample, "2021").migration_note


def test_printed_totals_do_not_carry_over_but_their_disagreements_are_noted(sample):
    sample.printed["t3.total.total"] = 6
    new = migrate(sample, "2021")
    assert new.printed == {}
    assert "原报告“（七）总计 × 总计”印为6，分项之和为5。" in new.migration_note.splitlines()


def test_migrated_report_survives_saving(sample, tmp_path):
    new = migrate(sample, "2021")
    storage.save(new, tmp_path / "m.gik")
    again = storage.load(tmp_path / "m.gik")
    assert again.review == new.review and again.migration_note == new.migration_note
    assert again.values == new.values


def test_only_reports_in_an_older_format_are_migrated():
    with pytest.raises(storage.GikFileError, match="已经使用2021年修订版格式"):
        migrate(new_report("2021", 2022, "某镇", "镇"), "2021")


@settings(max_examples=60, deadline=None)
@given(reports("2019"))
def test_every_2019_value_is_carried_or_listed(old):
    new = migrate(old, "2021")
    note = new.migration_note
    for cid, value in old.values.items():
        spec = FORMAT_2019.cells[cid]
        move = MIGRATION.move_of(cid)
        target = move.target if move else (cid if cid in FORMAT_2021.cells else None)
        if target:
            assert new.get(target) == value
        else:
            assert f"“{spec.name}”：" in note
    assert all_values(new)["t3.total.total"] == all_values(old)["t3.total.total"]
    assert storage.loads(storage.dumps(new)).values == new.values
    assert all(isinstance(v, (int, Decimal)) for v in new.values.values())
