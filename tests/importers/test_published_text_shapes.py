"""Text whose tables came out of other programs: TAB, Markdown, bars, box drawing, one cell per line, columns
of spaces (pdftotext -layout, a text editor); headings wherever they stand; tables that cannot be read."""
import difflib
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from clean_reports import as_printed
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from importers.text_shapes import as_text
from strategies import values_for

from gik_editor import storage
from gik_editor.batch import check_folder
from gik_editor.importers import read_any
from gik_editor.importers.published_parser import EMPTY_TABLES
from gik_editor.report import new_report
from gik_editor.totals import compute_totals

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_TXT = ROOT / "tests" / "data" / "honghe-2020.txt"
SHAPES = ["tab", "markdown", "pipes", "trailing-bars", "cell-bar-lines", "box", "spaces", "spaces-wide"]


def printed_copy(report):
    expected = as_printed(report)
    expected.printed = compute_totals(report)
    return expected


def _write(tmp_path, text, name="r.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("shape", SHAPES)
def test_the_sample_in_every_table_shape(sample, tmp_path, shape):
    text = as_text(sample, shape)
    result = read_any(_write(tmp_path, text))
    assert result.report == printed_copy(sample)
    assert result.log == []


@st.composite
def filled(draw, full: bool):
    fid = draw(st.sampled_from(["2019", "2021"]))
    report = new_report(fid, 2020 if fid == "2019" else 2023, "某某县审计局", "县级部门")
    if full:             # one cell per line: a blank cell leaves no line, so only full tables can be read
        report.values = {c.id: Decimal(draw(st.integers(0, 10**8))) / 100 if c.kind.name == "MONEY"
                         else draw(st.integers(0, 10**7)) for c in report.format.cells.values() if not c.computed}
    else:
        report.values = draw(values_for(fid))
    report.sections["一"].intro.text = "本年度工作稳步推进。"
    return report


NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]        # a failing example is shown as drawn


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=NO_SHRINK)
@given(report=filled(False), shape=st.sampled_from(SHAPES))
def test_generated_reports_in_every_shape(tmp_path, report, shape):
    # Columns of spaces with not one number in them: nothing tells a blank table (table 四 is one row of
    # numbers) from a few words.
    assume(not shape.startswith("spaces") or {c.split(".")[0] for c in report.values} == {"t2", "t3", "t4"})
    assert read_any(_write(tmp_path, as_text(report, shape))).report == printed_copy(report)


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=NO_SHRINK)
@given(report=filled(True), shape=st.sampled_from(["lines", "bar-between-lines"]))
def test_one_cell_per_line(tmp_path, report, shape):
    result = read_any(_write(tmp_path, as_text(report, shape)))
    assert result.report == printed_copy(report)
    assert result.log == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdftotext_layout_of_our_pdf(sample, tmp_path):
    """pdftotext -layout wraps labels and headers inside their cells: the numbers still go to their columns."""
    from gik_editor.exporters import pdf
    pdf.export(sample, tmp_path / "r.pdf")
    subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), str(tmp_path / "r.txt")], check=True)
    result = read_any(tmp_path / "r.txt")
    expected = printed_copy(sample)
    assert result.report.values == expected.values
    # Rows whose labels wrapped over several lines and whose cells are all blank are not found (the log says
    # so): their blank totals are missing, every printed number is there.
    printed = {k: v for k, v in result.report.printed.items() if v is not None}
    assert printed == {k: v for k, v in expected.printed.items() if v is not None}
    assert result.report.meta == expected.meta
    # The running text comes back as printed lines; not a character of it is lost.
    got = "".join(b.title + b.text for s in result.report.sections.values() for b in s.blocks())
    want = "".join(b.title + b.text for s in expected.sections.values() for b in s.blocks())
    got, want = ("".join(t.split()).replace("。", "") for t in (got, want))
    ops = difflib.SequenceMatcher(None, got, want, autojunk=False).get_opcodes()
    assert all(op in ("equal", "delete") for op, *_ in ops)            # nothing of the report is missing
    # What is extra: a line of table 三's header that wrapped beside its note, kept as text (not lost).
    assert sum(i2 - i1 for op, i1, i2, *_ in ops if op == "delete") < 40


def test_headings_inside_lines_and_markdown_marks(sample, tmp_path):
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    text = (text.replace("发布平台建设。\n\n（一）主动公开情况", "发布平台建设。（一）主动公开情况")
                .replace("\n\n二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n", 1)
                .replace("\n\n五、存在的主要问题及改进情况\n", "\n\n## 五、存在的主要问题及改进情况\n", 1)
                .replace("\n\n六、其他需要报告的事项\n", "\n\n**六、其他需要报告的事项**\n", 1))
    assert "建设。二、主动公开政府信息情况" in text or "二、主动公开政府信息情况" in text
    result = read_any(_write(tmp_path, text))
    report = result.report
    assert report.values == sample.values and report.printed == sample.printed
    assert report.sections["五"] == sample.sections["五"] and report.sections["六"] == sample.sections["六"]
    assert not any("没有找到以下标题" in line for line in result.log)


def test_one_line_of_text_with_every_heading_in_it(tmp_path):
    """A page flattened to one line (copied from a reader app): the headings are still found."""
    text = ("某某县审计局2023年度政府信息公开工作年度报告 一、总体情况 本年度工作稳步推进。"
            "二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 "
            "五、存在的主要问题及改进情况 问题已整改。六、其他需要报告的事项 无。")
    result = read_any(_write(tmp_path, text))
    assert result.report.meta.organ_name == "某某县审计局" and result.report.meta.year == 2023
    assert result.report.sections["一"].intro.text == "本年度工作稳步推进。"
    assert result.report.sections["五"].intro.text == "问题已整改。"
    assert result.report.sections["六"].intro.text == "无。"
    assert not any("没有找到以下标题" in line for line in result.log)


def test_tables_that_cannot_be_read_are_a_warning_not_a_clean_import(tmp_path, capsys):
    text = ("某某县审计局2023年度政府信息公开工作年度报告\n一、总体情况\n本年度工作稳步推进。\n"
            "二、主动公开政府信息情况\n[图片：表格]\n三、收到和处理政府信息公开申请情况\n[图片：表格]\n"
            "四、政府信息公开行政复议、行政诉讼情况\n[图片：表格]\n五、存在的主要问题及改进情况\n无。\n"
            "六、其他需要报告的事项\n无。\n")
    (tmp_path / "in").mkdir()
    path = _write(tmp_path / "in", text, "无表格.txt")
    result = read_any(path)
    assert result.log[0] == EMPTY_TABLES and not result.report.values
    run = subprocess.run([sys.executable, "-m", "gik_editor", "import", str(path), "-o", str(tmp_path / "x.gik")],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "警告：统计表全部为空" in run.stdout and "0个错误" not in run.stdout
    assert EMPTY_TABLES in run.stderr
    [row] = check_folder(tmp_path / "in")
    assert row.unusable.startswith("没有读出任何统计表的数字") and "无法读取" in row.line()
    assert storage.load(tmp_path / "x.gik").sections["一"].intro.text == "本年度工作稳步推进。"


def test_text_copied_from_a_portal_page(sample, tmp_path):
    """The page around the report copied along: site lines above the title, share bar, links and footer below
    the sign-off. Only the report is imported, the sign-off date becomes 发布日期."""
    text = ("首页 | 政务公开 | 互动交流\n当前位置：首页 > 政府信息公开 > 年度报告\n" + as_text(sample, "trailing-bars")
            + "\n洪合镇人民政府\n2021年1月20日\n分享到：微信 微博 QQ空间\n全真版 | 文字版 | 文件下载\n附件下载：\n"
            + "\n".join(f"友情链接{i}" for i in range(30)) + "\n为确保最佳浏览效果，建议使用IE9以上版本浏览器\n")
    result = read_any(_write(tmp_path, text))
    report = result.report
    expected = printed_copy(sample)
    assert report.values == expected.values and report.sections == expected.sections
    assert report.preamble == expected.preamble
    assert report.meta.publish_date == "2021-01-20" and report.meta.organ_name == "洪合镇"
    words = "".join(b.text for s in report.sections.values() for b in s.blocks()) + report.preamble
    assert not any(w in words for w in ("友情链接", "分享到", "全真版", "浏览效果", "当前位置"))
    assert any("文末落款之后的" in line for line in result.log)


def test_report_text_after_a_date_line_is_kept(sample, tmp_path):
    """A date line followed by more of the report is no sign-off: nothing is cut."""
    more = "（二）其他说明。本机关2020年未收取信息处理费，全年政务公开工作经费纳入部门预算统一保障，未另行列支。"
    text = SAMPLE_TXT.read_text(encoding="utf-8").rstrip("\n") + "\n2021年1月20日\n" + more + "\n"
    report = read_any(_write(tmp_path, text)).report
    assert report.sections["六"].parts[-1].text.startswith("本机关2020年未收取信息处理费")
