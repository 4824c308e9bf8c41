"""Importing a published report copied as plain text (the real sample and variants of it)."""
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from gik_editor import storage
from gik_editor.importers import read_any
from gik_editor.rules import check

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
PUBLISHED = DATA / "published"
SAMPLE_TXT = DATA / "honghe-2020.txt"


def test_cli_import_of_the_sample_text_equals_the_sample_report(tmp_path, sample):
    out = tmp_path / "x.gik"
    run = subprocess.run([sys.executable, "-m", "gik_editor", "import", str(SAMPLE_TXT), "-o", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert storage.load(out) == sample
    assert run.stderr == ""                   # nothing to report for a clean source


def test_sample_keeps_blanks_zeros_and_printed_totals(sample):
    report = read_any(SAMPLE_TXT).report
    assert "t3.new.business" not in report.values          # U+00A0 cell: blank, not 0
    assert report.values["t2.rules.made"] == 0             # printed 0 stays 0
    assert report.values["t2.license.delta"] == -233
    assert report.values["t2.procurement.amount"] == Decimal("49966945.1")
    assert report.printed["t4.direct.total"] == 0 and report.printed["t3.carry_out.total"] is None
    assert report.sections["五"].parts[1].title == "（二）2020年改进情况"


def test_text_copied_from_the_web_page_in_a_browser_reads_back_to_the_sample(sample):
    # A row per line, tab-separated, empty blank cells, labels wrapped inside their cells broken across
    # lines (商业 / 企业⇥科研 / 机构, 一、本年新收政府信息 / 公开申请数量⇥5…), one-cell rows without a tab.
    source = PUBLISHED / "honghe-2020-copied.txt"
    assert "商业\n企业\t科研\n机构" in source.read_text(encoding="utf-8")
    result = read_any(source)
    assert result.report == sample
    assert result.log == []


def test_gbk_text_with_windows_line_ends_reads_the_same(tmp_path, sample):
    source = tmp_path / "洪合镇年报.txt"
    source.write_bytes(SAMPLE_TXT.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    assert read_any(source).report == sample


def test_tolerates_half_width_brackets_spaces_commas_and_wrapped_labels(tmp_path, sample):
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    text = (text.replace("\t（三）不予公开", "\t(三) 不予公开")
                .replace("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "\t(二)部分公开(区分处理的、只计这一情形、\n不计其他情形)")
                .replace("\t一、本年新收政府信息公开申请数量", "\t一、本年新收政府信息\n公开申请数量")
                .replace("\t1.属于国家秘密", "\t1、属于国家秘密")
                .replace("\t采购总金额", "\t采购 总金额"))
    result = read_any(_write(tmp_path, text))
    assert result.report.values == sample.values
    assert result.report.printed == sample.printed


def test_columns_of_table_two_follow_the_printed_header(tmp_path):
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    # The block （五） printed with its columns in another order: the numbers follow their headers.
    text = text.replace("\t上一年项目数量\n\t本年增/减\n\t处理决定数量\n\n\t行政许可\n\t4633\n\t-233\n\t4400",
                        "\t处理决定数量\n\t上一年项目数量\n\t本年增/减\n\n\t行政许可\n\t4400\n\t4633\n\t-233", 1)
    values = read_any(_write(tmp_path, text)).report.values
    assert (values["t2.license.prev"], values["t2.license.delta"], values["t2.license.decisions"]) == (4633, -233, 4400)


def test_a_2021_format_report_is_recognised_and_read_by_its_labels():
    result = read_any(PUBLISHED / "shiqiao-2022.txt")
    report = result.report
    assert report.format_id == "2021"
    assert (report.meta.organ_name, report.meta.year, report.meta.organ_type) == ("石桥镇人民政府", 2022, "镇")
    assert report.meta.publish_date == "2023-01-18"        # the closing date line is the sign-off
    assert report.values["t2.fee.amount"] == Decimal("1.25")
    assert report.values["t2.norms.in_force"] == 12       # header wrapped as 现行有效 / 件数
    assert report.values["t3.other_1.natural"] == 1 and report.values["t3.other_3.business"] == 1
    assert report.values["t3.deny_4.natural"] == 1        # under “（三） 不予公开” with a stray space
    assert report.values["t4.direct.corrected"] == 1 and "t4.direct.upheld" not in report.values
    assert report.preamble.startswith("本报告根据")
    assert report.sections["六"].parts[0].title == "（一）收取信息处理费情况"
    assert report.sections["六"].parts[3].text == "无。"
    assert any("“/”表示空白" in line for line in result.log)
    assert any("“—”表示空白" in line for line in result.log)
    assert not [f for f in check(report) if f.severity == "error"]


def test_wrong_printed_totals_are_kept_logged_and_reported_as_errors():
    result = read_any(PUBLISHED / "honghe-2020-wrong-totals.txt")
    report = result.report
    assert report.printed["t3.total.natural"] == 6 and report.printed["t3.new.total"] == 7
    assert report.printed["t4.review.total"] == 2
    assert report.values["t3.open.natural"] == 5           # the parts are not "fixed"
    wrong = [line for line in result.log if "分项之和" in line]
    assert len(wrong) == 3
    assert any("（七）总计 × 自然人" in line and "6" in line for line in wrong)
    rules = {(f.rule, f.cells[0]) for f in check(report) if f.severity == "error"}
    assert {("T3-2", "t3.total.natural"), ("T3-3", "t3.new.total"), ("T4-1", "t4.review.total")} <= rules


def test_truncated_report_imports_what_is_there_and_says_what_is_missing(tmp_path):
    result = read_any(PUBLISHED / "honghe-2020-truncated.txt")
    report = result.report
    assert report.values["t2.procurement.count"] == 3518 and report.values["t3.open.natural"] == 5
    assert not any(k.startswith("t4.") for k in report.values)
    log = "\n".join(result.log)
    assert "8.属于行政查询事项" in log and "只有3个单元格" in log
    assert "没有找到表四" in log and "“六、其他需要报告的事项”" in log
    storage.save(report, tmp_path / "partial.gik")         # a partial import is still a usable file
    assert storage.load(tmp_path / "partial.gik") == report


def test_values_that_are_not_numbers_are_logged_not_placed(tmp_path):
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("\t4633\n", "\t约4600\n", 1).replace("\t3518\n", "\t3,518件\n")
    result = read_any(_write(tmp_path, text))
    assert "t2.license.prev" not in result.report.values
    assert result.report.values["t2.procurement.count"] == 3518
    assert any("行政许可 × 上一年项目数量" in line and "约4600" in line for line in result.log)


def test_title_not_matching_the_usual_pattern_is_kept_as_title(tmp_path):
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("洪合镇2020年度政府信息公开工作年度报告",
                                                          "洪合镇人民政府2020年政府信息公开工作年度报告", 1)
    report = read_any(_write(tmp_path, text)).report
    assert report.meta.organ_name == "洪合镇人民政府" and report.meta.year == 2020
    assert report.title == "洪合镇人民政府2020年政府信息公开工作年度报告"


def test_sub_part_titles_on_their_own_line_are_read_as_sub_parts(tmp_path):
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("（三）政府信息管理情况。", "（三）政府信息管理情况\n", 1)
    part = read_any(_write(tmp_path, text)).report.sections["一"].parts[2]
    assert part.title == "（三）政府信息管理情况" and part.text.startswith("在信息管理方面")


def test_a_table_of_contents_is_not_taken_for_the_headings(tmp_path, sample):
    contents = "\n".join(f"{title}……{page}" for page, title in enumerate(
        ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"], 1))
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("\n\n一、总体情况\n", f"\n{contents}\n一、总体情况\n", 1)
    result = read_any(_write(tmp_path, text))
    assert result.report == sample
    assert any("目录" in line for line in result.log)


def test_year_first_title_and_headings_without_their_numbers(tmp_path, sample):
    text = (SAMPLE_TXT.read_text(encoding="utf-8")
            .replace("洪合镇2020年度政府信息公开工作年度报告", "2020年度洪合镇政府信息公开工作年度报告", 1)
            .replace("\n一、总体情况\n", "\n总体情况\n", 1)          # Word's automatic numbering lost
            .replace("\n五、存在的主要问题及改进情况\n", "\n五 政府信息公开工作存在的主要问题及改进情况\n", 1))
    result = read_any(_write(tmp_path, text))
    assert (result.report.meta.organ_name, result.report.meta.year) == ("洪合镇", 2020)
    assert result.report.sections == sample.sections
    assert not any("没有找到以下标题" in line for line in result.log)


def test_a_word_before_the_numbers_of_table_four_does_not_shift_them(tmp_path, sample):
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("\t总计\n\n\t\u00a0\n\t1\n", "\t总计\n\n\t数量\n\t\u00a0\n\t1\n", 1)
    result = read_any(_write(tmp_path, text))
    assert {k: v for k, v in result.report.values.items() if k.startswith("t4.")} == {"t4.review.corrected": 1}
    assert any("“数量”" in line for line in result.log)


def test_a_fee_written_in_yuan_under_a_wan_yuan_header_is_pointed_out(tmp_path):
    text = (PUBLISHED / "shiqiao-2022.txt").read_text(encoding="utf-8")
    assert "\t1.25\n" in text
    result = read_any(_write(tmp_path, text.replace("\t1.25\n", "\t12500元\n")))
    assert result.report.values["t2.fee.amount"] == Decimal(12500)
    assert any("单位是万元" in line for line in result.log)


def test_short_lines_that_look_like_web_page_furniture_stay_inside_the_report(tmp_path, sample):
    text = (SAMPLE_TXT.read_text(encoding="utf-8")
            .replace("（三）政府信息管理情况。", "（三）打印和来源管理情况\n", 1)
            .replace("\n无\n", "\n无\n来源：本镇统计\n版权所有 洪合镇人民政府\n", 1))
    report = read_any(_write(tmp_path, text)).report
    assert report.sections["一"].parts[2].title == "（三）打印和来源管理情况"
    assert report.sections["一"].parts[2].text.startswith("在信息管理方面")
    assert report.sections["六"].intro.text == "无"       # after the last section: the page footer


@pytest.mark.parametrize("content, message", [
    (b"", "没有找到年报的内容"),
    ("这是一封普通的信。\n祝好。".encode(), "没有找到年报的内容"),
    (b"\x00\x01\x02\x03binary" * 100, "不是文本文件"),
    (b"PK\x03\x04" + b"\x00" * 100, "压缩文件"),
])
def test_unusable_text_files_give_a_clear_message(tmp_path, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    with pytest.raises(storage.GikFileError, match=message):
        read_any(source)


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path
