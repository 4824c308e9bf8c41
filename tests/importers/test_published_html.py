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


def test_a_page_saved_as_txt_and_text_saved_as_html_are_read_by_content(tmp_path, sample):
    page = tmp_path / "saved-page.txt"
    page.write_bytes(PAGE.read_bytes())
    assert read_any(page).report.values == sample.values
    text = tmp_path / "copied-text.html"
    text.write_bytes((ROOT / "tests" / "data" / "honghe-2020.txt").read_bytes())
    assert read_any(text).report == sample


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


def test_commented_out_markup_and_scripts_leave_no_trace(tmp_path, sample):
    page = PAGE.read_bytes().decode("gb18030").replace(       # inside 一、总体情况
        '<p class="MsoNormal"',
        '<!-- <div class="old"><p>旧版栏目</p> --><script>for (i = 0; i < n; i++) { s += "<b>"; }</script>'
        '<p class="MsoNormal"', 1)
    assert page.index("一、总体情况") < page.index("旧版栏目")
    source = tmp_path / "commented.html"
    source.write_text(page, encoding="utf-8")
    report = read_any(source).report
    report.meta.publish_date = ""
    assert report == sample


def test_line_breaks_in_the_page_source_do_not_split_or_space_chinese_text(tmp_path):
    page = ("<h1>某某街道办事处2022年度政府信息公开工作年度报告</h1><h2>一、总体情况</h2>"
            "<p>　　本年度，\n    我街道认真贯彻\r\n落实条例。</p><p><b>（一）主动公开情况。</b>\n公开信息\n120条。</p>")
    source = tmp_path / "p.html"
    source.write_text(page, encoding="utf-8")
    report = read_any(source).report
    assert report.meta.organ_name == "某某街道办事处" and report.meta.organ_type == "街道"
    assert report.sections["一"].intro.text == "本年度，我街道认真贯彻落实条例。"
    assert report.sections["一"].parts[0].text == "公开信息120条。"


def _spans(text: str) -> str:
    """Text cut into styled runs two characters at a time, as pages pasted from Word are."""
    return "".join(f'<span style="font-family:微软雅黑"><font face="方正仿宋_GBK">{text[i:i + 2]}</font></span>'
                   for i in range(0, len(text), 2)) + "<span><o:p></o:p></span>"


def _p(text: str) -> str:
    return f'<p style="text-indent:2em" align="">{_spans(text)}</p>\n'


def _row(*cells, spans=()) -> str:
    out = []
    for i, c in enumerate(cells):
        attr = spans[i] if i < len(spans) else ""
        out.append(f"<td {attr}><p>{_spans(c) if c else '<o:p> </o:p>'}</p></td>")
    return "<tr>" + "".join(out) + "</tr>\n"


def test_a_2021_report_pasted_from_word_into_a_portal_page(tmp_path):
    from gik_editor.document import cell_texts
    from gik_editor.formats import FORMAT_2021
    from gik_editor.report import new_report
    t3 = FORMAT_2021.table("t3")
    # Table 三 row by row from the official layout: one application by a 自然人 in every result leaf.
    leaves = [c.id for c in t3.cells if c.id.endswith(".natural") and not c.computed
              and c.id.split(".")[1] not in ("new", "carry_in", "carry_out")]
    expected = new_report("2021", 2023)
    expected.values.update({cid: 1 for cid in leaves} | {"t3.new.natural": len(leaves)})
    printed = cell_texts(expected)
    rows_t3 = ""
    by_row = {}
    for g in t3.grid:
        by_row.setdefault(g.row, []).append(g)
    for r in sorted(by_row):
        cells = sorted(by_row[r], key=lambda g: g.col)
        texts, attrs = [], []
        for g in cells:
            if g.role.name == "DATA":
                texts.append(printed[g.cell_id])
            else:
                texts.append(g.text)
            attrs.append(f'rowspan="{g.rowspan}" colspan="{g.colspan}"')
        rows_t3 += _row(*texts, spans=attrs)
    page = (
        '<html><head><meta charset="utf-8"><title>某县人民政府</title></head><body>'
        '<div class="meta"><div><strong>标题：</strong>某县发展和改革局2023年政府信息公开年度报告-某县发改局</div></div>'
        '<div class="header"><span>2025年12月30日 星期二</span><ul><li><h4>无障碍</h4></li></ul></div>'
        "<table><tr><td>名称</td><td colspan=3>某县发展和改革局2023年政府信息公开年度报告</td></tr>"
        "<tr><td>索引号</td><td>014314799/2024-00002</td><td>公开日期</td><td>2024-01-17</td></tr></table>"
        '<h1><ucaptitle>某县发展和改革局2023年政府信息公开年度报告</ucaptitle></h1><div id="zoomcon">'
        + _p("根据《中华人民共和国政府信息公开条例》要求，现向社会公布本局2023年度政府信息公开年度报告。")
        + _p("一、总体情况") + _p("2023年，本局认真贯彻执行有关文件精神。")
        + _p("（一）主动公开政府信息情况") + _p("全年共发布各类政府信息249条。")
        + _p("二、主动公开政府信息情况")
        + '<div align=""><table border="1">'
        + _row("第二十条第（一）项", spans=['colspan="4"'])
        + _row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
        + _row("规章", "0", "0", "0") + _row("规范性文件", "8", "0", "18")
        + _row("第二十条第（五）项", spans=['colspan="4"']) + _row("信息内容", "本年处理决定数量", spans=["", 'colspan="3"'])
        + _row("行政许可", "0", spans=["", 'colspan="3"'])
        + _row("第二十条第（六）项", spans=['colspan="4"']) + _row("信息内容", "本年处理决定数量", spans=["", 'colspan="3"'])
        + _row("行政处罚", "3", spans=["", 'colspan="3"']) + _row("行政强制", "0", spans=["", 'colspan="3"'])
        + _row("第二十条第（八）项", spans=['colspan="4"'])
        + _row("信息内容", "本年收费金额（单位：万元）", spans=["", 'colspan="3"'])
        + _row("行政事业性收费", "0", spans=["", 'colspan="3"'])
        + "</table></div>" + _p(" ")
        + _p("三、收到和处理政府信息公开申请情况") + f'<table border="1">{rows_t3}</table>'
        + _p("四、政府信息公开行政复议、行政诉讼情况") + '<table border="1">'
        + _row("行政复议", "行政诉讼", spans=['colspan="5"', 'colspan="10"'])
        + _row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
               spans=['rowspan="2"'] * 5 + ['colspan="5"'] * 2)
        + _row(*["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
        + _row("0", "0", "0", "1", "1", *["0"] * 10) + "</table>"
        + _p("五、存在的主要问题及整改措施")
        + _p("（一）存在的主要问题。信息公开意识有所松懈。") + _p("（二）整改措施。完善主动公开信息联动机制。")
        + _p("六、其他需要报告的事项") + _p("2023年度，本局政府信息公开未发生收费情况。")
        + "<p><span><o:p>" + "&nbsp;" * 60 + "某县发展和改革局</o:p></span></p>"
        + "<p><span><o:p>" + " " * 60 + "2024年1月17日<br>\n</o:p></span></p>"
        + '</div><iframe src="/footer.shtml"></iframe></body></html>')
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    result = read_any(source)
    report = result.report
    assert report.format_id == "2021"
    assert (report.meta.organ_name, report.meta.year, report.meta.organ_type) == ("某县发展和改革局", 2023, "县级部门")
    assert report.title == "某县发展和改革局2023年政府信息公开年度报告"
    assert report.meta.publish_date == "2024-01-17"
    assert report.preamble.startswith("根据《中华人民共和国政府信息公开条例》")
    assert report.sections["一"].parts[0].title == "（一）主动公开政府信息情况"
    assert report.sections["一"].parts[0].text == "全年共发布各类政府信息249条。"
    assert report.sections["五"].parts[1].title == "（二）整改措施"
    assert report.sections["六"].intro.text == "2023年度，本局政府信息公开未发生收费情况。"
    assert report.values["t2.norms.in_force"] == 18       # “规范性文件” accepted for 行政规范性文件
    assert {k: v for k, v in report.values.items() if k.startswith("t3.")} == expected.values
    assert report.values["t2.penalty.decisions"] == 3
    assert report.values["t4.review.pending"] == 1 and report.printed["t4.review.total"] == 1
    assert not any("没有找到" in line for line in result.log), result.log


def test_title_broken_after_the_organ_name(tmp_path, sample):
    page = PAGE.read_bytes().decode("gb18030").replace(
        '<h1 class="art-title">洪合镇2020', '<h1 class="art-title">洪合镇<br>2020', 1)
    source = tmp_path / "broken.html"
    source.write_text(page, encoding="utf-8")
    report = read_any(source).report
    assert (report.meta.organ_name, report.meta.year, report.title) == ("洪合镇", 2020, "")


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 5000 + "一、总体情况" + "</div>" * 5000 + "</body></html>",
    "<table>" * 3000 + "<td>规章</td><td>1",
    "<html><body><p>no report here</p><script>一、总体情况</script></body></html>",
    "<<<>>><!--<table><td>" + "&#xffffff;&#0;" * 50,
], ids=["deep-divs", "deep-tables", "heading-in-script", "broken-markup"])
def test_broken_or_hostile_pages_give_a_message_or_a_partial_import(tmp_path, page):
    source = tmp_path / "bad.html"
    source.write_text(page, encoding="utf-8")
    try:
        result = read_any(source)
    except storage.GikFileError as e:
        assert "年报" in str(e)
    else:
        storage.loads(storage.dumps(result.report))        # whatever was read is a loadable report


@pytest.mark.parametrize("junk", ["<a" * 100_000, "</" * 100_000, "<?" * 100_000, "<a " + "b='" * 70_000],
                         ids=["start-tags", "end-tags", "processing", "attributes"])
def test_malformed_tags_do_not_make_the_parser_crawl(tmp_path, junk):
    # html.parser alone needs minutes for these (it rescans every unfinished tag to the end).
    import time
    source = tmp_path / "slow.html"
    source.write_text("<h1>某镇2021年度政府信息公开工作年度报告</h1><p>一、总体情况</p>" + junk, encoding="utf-8")
    start = time.monotonic()
    try:
        read_any(source)
    except storage.GikFileError:
        pass
    assert time.monotonic() - start < 10


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


def test_title_broken_before_its_tail(tmp_path, sample):
    """As our PDF and Word exports break a long title: 洪合镇2020年度 / 政府信息公开工作年度报告."""
    page = PAGE.read_bytes().decode("gb18030").replace(
        '<h1 class="art-title">洪合镇2020年度', '<h1 class="art-title">洪合镇2020年度<br>', 1)
    assert "2020年度<br>政府信息公开工作年度报告" in page
    source = tmp_path / "broken.html"
    source.write_text(page, encoding="utf-8")
    report = read_any(source).report
    assert (report.meta.organ_name, report.meta.year, report.title) == ("洪合镇", 2020, "")
