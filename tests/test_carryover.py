"""New report from last year's: what comes along, what starts blank, and the cross-year rules."""
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_GIK
from hypothesis import given, settings
from strategies import reports

from gik_editor import storage
from gik_editor.carryover import new_from_last_year, shift_years
from gik_editor.formats.common import T3_COLS
from gik_editor.report import new_report
from gik_editor.rules import check
from gik_editor.totals import all_values


def rules(report, rule):
    return [f for f in check(report) if f.rule == rule]


def test_sample_becomes_a_2021_report_in_the_2021_format(sample):
    sample.meta.phone, sample.meta.signer = "0573-83100000", "张三"
    sample.meta.publish_date = "2021-01-25"
    new = new_from_last_year(sample)
    assert (new.format_id, new.meta.year) == ("2021", 2021)
    assert new.meta.organ_name == "洪合镇" and new.meta.organ_type == "镇"
    assert new.meta.phone == "0573-83100000" and new.meta.signer == "张三"
    assert new.meta.publish_date == ""
    assert new.title == "" and new.display_title == "洪合镇2021年度政府信息公开工作年度报告"
    assert not rules(new, "D1")


def test_sample_carries_a_migration_note(sample):
    note = new_from_last_year(sample).migration_note.splitlines()
    assert "2021年修订版格式" in note[0] and "2020年度报告" in note[0]
    assert "表二“政府集中采购 × 采购总金额”：49966945.1（单位未注明）" in note
    assert "表二“行政许可 × 上一年项目数量”：4633" in note


def test_every_paragraph_is_carried_and_sub_part_titles_move_on(sample):
    new = new_from_last_year(sample)
    for key, section in sample.sections.items():
        for old, block in zip(section.blocks(), new.sections[key].blocks()):
            assert block.text == old.text
            assert block.carried_paragraphs() == old.paragraphs()
    assert [p.title for p in new.sections["五"].parts] == \
           ["（一）存在的主要问题", "（二）2021年改进情况", "（三）2022年进一步改进措施"]
    assert "收取信息处理费" in new.sections["六"].parts[0].title


def test_d3_points_at_carried_paragraphs_that_still_say_last_year(sample):
    new = new_from_last_year(sample)
    carried = [f for f in rules(new, "D3") if "沿用上年" in f.message]
    assert {f.cells[0] for f in carried} == {"text.一.0", "text.一.1", "text.一.2", "text.一.5",
                                            "text.五.1", "text.五.3"}
    new.sections["一"].parts[0].carried = ()                  # the clerk confirms （一）
    assert "text.一.1" not in {f.cells[0] for f in rules(new, "D3")}


def test_numbers_start_blank_except_the_carry_in(sample):
    sample.set("t3.new.natural", 7)
    sample.set("t3.carry_out.natural", 2)
    sample.set("t3.carry_out.business", 1)
    new = new_from_last_year(sample)
    assert new.values == {"t3.carry_in.natural": 2, "t3.carry_in.business": 1}
    assert all_values(new)["t3.carry_in.total"] == 3
    assert new.printed == {} and new.review == {}


def test_t3_5_passes_on_the_carry_in_and_fails_when_it_is_changed(sample, tmp_path):
    sample.set("t3.new.natural", 7)
    sample.set("t3.carry_out.natural", 2)
    storage.save(new_from_last_year(sample), tmp_path / "2021.gik")
    new = storage.load(tmp_path / "2021.gik")                 # last year's file is no longer needed
    assert not rules(new, "T3-5")
    new.set("t3.carry_in.natural", 1)
    assert {f.cells[0] for f in rules(new, "T3-5")} == {"t3.carry_in.natural", "t3.carry_in.total"}


def test_custom_title_gets_the_new_year(sample):
    sample.title = "洪合镇人民政府2020年度政府信息公开工作年度报告"
    assert new_from_last_year(sample).title == "洪合镇人民政府2021年度政府信息公开工作年度报告"


def test_preamble_period_moves_on(sample):
    sample.preamble = "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。"
    new = new_from_last_year(sample)
    assert new.preamble == "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
    assert not [f for f in rules(new, "D3") if "统计期限" in f.message]


@pytest.mark.parametrize("text, expected", [
    ("（三）2021年进一步改进措施", "（三）2022年进一步改进措施"),
    ("（二）2020 年改进情况", "（二）2021 年改进情况"),
    ("二〇二〇年度报告", "二〇二一年度报告"),
    ("2019年以来", "2019年以来"),
    ("12020年", "12020年"),
])
def test_shift_years(text, expected):
    assert shift_years(text, 2020, 2021) == expected


def test_2019_format_year_keeps_the_format_and_t2o_2_works():
    last = new_report("2019", 2019, "某县统计局", "县级部门")
    last.set("t2.license.prev", 10)
    last.set("t2.license.delta", 2)
    last.money_unit = "万元"
    new = new_from_last_year(last)
    assert (new.format_id, new.meta.year, new.money_unit, new.migration_note) == ("2019", 2020, "万元", "")
    new.set("t2.license.prev", 12)
    assert not rules(new, "T2o-2")
    new.set("t2.license.prev", 11)
    assert rules(new, "T2o-2")[0].expected == 12


def fill_2021(report, carry_in):
    """A balanced year: carry-in as given, 6 new natural-person applications, 2 carried out per column."""
    report.set("t3.new.natural", 6)
    report.set("t3.new.business", 2)
    for col, _ in T3_COLS[:-1]:
        here = report.get(f"t3.carry_in.{col}") or 0
        assert here == carry_in.get(col, 0)
    report.set("t3.open.natural", 6 + carry_in.get("natural", 0) - 1)
    report.set("t3.carry_out.natural", 1)
    report.set("t3.open.business", 2 + carry_in.get("business", 0) - 1)
    report.set("t3.carry_out.business", 1)


def test_chain_2021_2022_2023_keeps_cross_year_rules_working(tmp_path):
    y2021 = new_report("2021", 2021, "某县统计局", "县级部门")
    fill_2021(y2021, {})
    y2021.set("t2.norms.issued", 3)
    y2021.set("t2.norms.in_force", 20)
    assert not [f for f in check(y2021) if f.severity == "error"]

    path = tmp_path / "2021.gik"
    storage.save(y2021, path)
    y2022 = new_from_last_year(storage.load(path))
    assert (y2022.meta.year, y2022.format_id) == (2022, "2021")
    fill_2021(y2022, {"natural": 1, "business": 1})
    y2022.set("t2.norms.issued", 2)
    y2022.set("t2.norms.repealed", 1)
    y2022.set("t2.norms.in_force", 21)
    assert not rules(y2022, "T3-5") and not rules(y2022, "T2-2")
    y2022.set("t2.norms.in_force", 25)
    assert rules(y2022, "T2-2")[0].expected == 21
    y2022.set("t2.norms.in_force", 21)

    storage.save(y2022, tmp_path / "2022.gik")
    y2023 = new_from_last_year(storage.load(tmp_path / "2022.gik"))
    assert (y2023.prior.year, y2023.migration_note) == (2022, "")
    fill_2021(y2023, {"natural": 1, "business": 1})
    y2023.set("t2.norms.in_force", 21)
    assert not rules(y2023, "T3-5") and not rules(y2023, "T2-2")
    assert not [f for f in check(y2023) if f.severity == "error"]
    y2023.set("t3.carry_in.business", 0)
    assert {f.cells[0] for f in rules(y2023, "T3-5")} == {"t3.carry_in.business", "t3.carry_in.total"}
    y2023.set("t2.norms.in_force", 19)
    assert rules(y2023, "T2-2")


def test_year_may_be_given_but_a_skipped_year_carries_no_numbers(sample):
    sample.set("t3.carry_out.natural", 2)
    new = new_from_last_year(sample, 2022)
    assert new.meta.year == 2022 and new.values == {}
    assert new.sections["五"].parts[1].title == "（二）2022年改进情况"


@pytest.mark.parametrize("year, message", [(2020, "应晚于"), (2019, "应晚于"), (10000, "无效")])
def test_impossible_years_are_refused(sample, year, message):
    with pytest.raises(storage.GikFileError, match=message):
        new_from_last_year(sample, year)


def test_last_year_without_a_year_is_refused(sample):
    sample.meta.year = 0
    with pytest.raises(storage.GikFileError, match="没有填写报告年度"):
        new_from_last_year(sample)


def test_cli_new(tmp_path):
    out = tmp_path / "new.gik"
    run = subprocess.run([sys.executable, "-m", "gik_editor", "new", "--from", str(SAMPLE_GIK), "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert storage.load(out).meta.year == 2021
    bad = subprocess.run([sys.executable, "-m", "gik_editor", "new", "--from", str(SAMPLE_GIK), "--year", "2020",
                          "-o", str(tmp_path / "bad.gik")], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "应晚于" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "bad.gik").exists()


@settings(max_examples=80, deadline=None)
@given(reports())
def test_carry_in_equals_last_years_carry_out_and_t3_5_holds(last):
    new = new_from_last_year(last)
    before, after = all_values(last), all_values(new)
    for col, _ in T3_COLS:
        assert after.get(f"t3.carry_in.{col}") == before.get(f"t3.carry_out.{col}")
    assert not rules(new, "T3-5")
    again = storage.loads(storage.dumps(new))
    assert not rules(again, "T3-5")
    assert [k for k in new.values if not k.startswith("t3.carry_in.")] == []


def test_the_note_puts_what_needs_a_look_first_and_the_zeros_last(sample):
    """Issue 20, item 7: zeros left behind ask for nothing; they follow the lines that do, under their own heading."""
    from gik_editor.migration import ZEROS_HEADING, note_parts
    note = new_from_last_year(sample).migration_note.splitlines()
    zeros = note.index(ZEROS_HEADING)
    assert all(line.endswith("：0") for line in note[zeros + 1:])
    assert not any(line.endswith("：0") for line in note[:zeros])
    assert "表二“规章 × 本年新公开数量”：0" in note[zeros:]
    # A 0 with a hint is kept with the lines that need a look.
    assert any(line.startswith("表二“规章 × 对外公开总数量”：0（") for line in note[:zeros])
    shown, folded = note_parts("\n".join(note))
    assert shown == note[:zeros] and folded == note[zeros:]
    assert "表三“（六）其他处理”分为1.、2.、3.三行" in shown[1]
