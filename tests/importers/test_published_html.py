"""Importing a saved web page: GBK or UTF-8, page chrome, real rowspan/colspan, layout tables."""
import sys
from pathlib import Path

import pytest

from gik_editor import storage
from gik_editor.importers import read_any
from gik_editor.importers.published_html import declared_charset

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "tests" / "data" / "published"
PAGE = PUBLISHED / "honghe-2020.html"


def test_portal_page_in_gbk_reads_back_to_the_sample(sample):
    assert declared_charset(PAGE.read_bytes()) == "gb18030"
    result = read_any(PAGE)
    report = result.report
    assert report.meta.publish_date == "2021-01-20"       # from the page's 发布日期 line
    report.meta.publish_date = ""
    assert report == sample
    assert any("略去网页栏目" in line for line in result.log)


def test_page_without_charset_declaration_in_utf8(tmp_path, sample):
    page = PAGE.read_bytes().decode("gb18030").replace("charset=gb2312", "")
    source = tmp_path / "page.htm"
    source.write_bytes(page.encode("utf-8"))
    report = read_any(source).report
    assert report.values == sample.values and report.sections == sample.sections


def test_page_declaring_utf8_but_saved_as_gbk_still_reads(tmp_path, sample):
    page = PAGE.read_bytes().decode("gb18030").replace("charset=gb2312", "charset=utf-8")
    source = tmp_path / "page.html"
    source.write_bytes(page.encode("gb18030"))
    result = read_any(source)
    assert result.report.sections == sample.sections
    assert any("实际按GBK/GB18030读取" in line for line in result.log)


def test_web_page_export_reads_back_into_an_equal_report(tmp_path, sample):
    from gik_editor.exporters import html
    out = tmp_path / "out.html"
    html.export(sample, out)
    assert read_any(out).report == _as_printed(sample)


def test_2021_report_through_the_web_page_exporter(tmp_path):
    from gik_editor.exporters import html
    report = _report_2021()
    out = tmp_path / "out.html"
    html.export(report, out)
    assert read_any(out).report == _as_printed(report)


def test_report_tables_nested_in_a_layout_table(tmp_path, sample):
    inner = PAGE.read_bytes().decode("gb18030")
    body = inner[inner.index("<h1"):inner.index('<div class="share">')]
    page = ("<html><body><table><tr><td>导航</td></tr><tr><td><table><tr><td>"
            f"{body}</td></tr></table></td></tr></table></body></html>")
    source = tmp_path / "nested.html"
    source.write_text(page, encoding="utf-8")
    report = read_any(source).report
    assert report.values == sample.values and report.sections == sample.sections


def test_line_breaks_in_the_page_source_do_not_split_or_space_chinese_text(tmp_path):
    page = ("<h1>某某街道办事处2022年度政府信息公开工作年度报告</h1><h2>一、总体情况</h2>"
            "<p>　　本年度，\n    我街道认真贯彻\r\n落实条例。</p><p><b>（一）主动公开情况。</b>\n公开信息\n120条。</p>")
    source = tmp_path / "p.html"
    source.write_text(page, encoding="utf-8")
    report = read_any(source).report
    assert report.meta.organ_name == "某某街道办事处" and report.meta.organ_type == "街道"
    assert report.sections["一"].intro.text == "本年度，我街道认真贯彻落实条例。"
    assert report.sections["一"].parts[0].text == "公开信息120条。"


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 5000 + "一、总体情况" + "</div>" * 5000 + "</body></html>",
    "<table>" * 3000 + "<td>规章</td><td>1",
    "<html><body><p>no report here</p><script>一、总体情况</script></body></html>",
    "<<<>>><!--<table><td>" + "&#xffffff;&#0;" * 50,
])
def test_broken_or_hostile_pages_give_a_message_or_a_partial_import(tmp_path, page):
    source = tmp_path / "bad.html"
    source.write_text(page, encoding="utf-8")
    try:
        result = read_any(source)
    except storage.GikFileError as e:
        assert "年报" in str(e)
    else:
        storage.loads(storage.dumps(result.report))        # whatever was read is a loadable report


def _as_printed(report):
    """The report as a printed copy shows it: every total printed as computed."""
    from gik_editor.totals import compute_totals
    expected = report.copy()
    expected.printed = compute_totals(report)
    return expected


def _report_2021():
    sys.path.insert(0, str(PUBLISHED))
    from make_inputs import report_2021
    return report_2021()
