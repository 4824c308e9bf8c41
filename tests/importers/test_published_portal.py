"""Only the report from a saved portal page (header, share bar, navigation, footer left out; the sign-off read
into the metadata), and from a Word file saved from a portal with its 来源：… 时间：… line."""
import re

import pytest

from gik_editor.exporters import docx, html
from gik_editor.importers import read_any
from gik_editor.totals import compute_totals

SITE_WORDS = ["首页", "政务公开", "当前位置", "微信", "微博", "QQ空间", "全真版", "文字版", "文件下载", "附件下载",
              "关闭", "浏览效果", "版权所有", "ICP", "友情链接", "返回顶部", "打印", "浏览次数"]
FOOTER_LINKS = "".join(f'<li><a href="/l{i}">{name}{i}</a></li>' for i, name in
                       enumerate(["中国政府网", "浙江省人民政府", "嘉兴市人民政府", "部门网站", "乡镇街道"] * 8))


def report_body(report) -> str:
    """The report as our web-page export prints it (title h1, headings, paragraphs, tables)."""
    page = html.render(report) if hasattr(html, "render") else None
    if page is None:
        raise AssertionError("html exporter has no render()")
    inner = re.search(r"<article[^>]*>(.*)</article>", page, re.S).group(1)
    title = re.search(r"<h1[^>]*>.*?</h1>", inner, re.S).group(0)
    return title, inner.replace(title, "")


def portal(report, shape: str) -> str:
    title, body = report_body(report)
    sign_off = ('<p style="text-align:right">洪合镇人民政府</p><p style="text-align:right">2021年1月20日</p>')
    header = ('<div class="header"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a>互动交流</a></div>'
              '<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>')
    info = ('<div class="info">发布时间：2021-01-22 09:30　来源：洪合镇人民政府　浏览次数：<span>128</span></div>'
            '<div class="share"><span>分享到：</span><a>微信</a> <a>微博</a> <a>QQ空间</a></div>'
            '<div class="tools"><a>全真版</a> | <a>文字版</a> | <a>文件下载</a></div>')
    footer = ('<div class="attach">附件下载：<a>洪合镇2020年报.pdf</a></div><div>【打印】【关闭】</div>'
              f'<div class="links"><h3>友情链接</h3><ul>{FOOTER_LINKS}</ul></div>'
              '<div class="foot"><p>为确保最佳浏览效果，建议使用IE9以上版本浏览器，1366×768分辨率。</p>'
              '<p>主办单位：嘉兴市秀洲区人民政府办公室　版权所有</p><p>浙ICP备05008838号</p>'
              '<p><a href="#">返回顶部</a></p></div>')
    if shape == "trs":
        article = f'{title}{info}<div class="TRS_Editor"><div class="Custom_UnionStyle">{body}</div></div>{sign_off}'
    elif shape == "article_content":
        article = f'<div class="title">{title}</div>{info}<div id="article_content">{body}{sign_off}</div>'
    else:                                 # an old site: the whole page in centred layout tables
        article = (f'<div align=center><table width=980><tr><td>{title}</td></tr><tr><td>{info}</td></tr>'
                   f'<tr><td class="bt_content">{body}{sign_off}</td></tr></table></div>')
    return (f'<html><head><meta charset="utf-8"><title>{report.display_title}_洪合镇</title></head><body>'
            f'{header}<div class="main">{article}</div>{footer}</body></html>')


def all_text(report) -> str:
    return "\n".join([report.title, report.preamble] +
                     [b.title + b.text for s in report.sections.values() for b in s.blocks()])


@pytest.mark.parametrize("shape", ["trs", "article_content", "layout_table"])
def test_only_the_report_from_a_portal_page(sample, tmp_path, shape):
    path = tmp_path / "page.html"
    path.write_text(portal(sample, shape), encoding="utf-8")
    result = read_any(path)
    report = result.report
    assert report.values == sample.values and report.printed == compute_totals(sample)
    assert report.sections == sample.sections and report.preamble == sample.preamble
    assert report.title == sample.title
    text = all_text(report)
    assert not [w for w in SITE_WORDS if w in text and w not in all_text(sample)]
    assert report.meta.organ_name == "洪合镇" and report.meta.year == 2020
    assert report.meta.publish_date == "2021-01-20"                      # the sign-off, not the page's date
    assert any("网页中年报正文以外的" in line or "网页栏目" in line for line in result.log)


def test_a_page_without_sign_off_takes_the_pages_date(sample, tmp_path):
    page = portal(sample, "trs").replace('<p style="text-align:right">2021年1月20日</p>', "")
    page = page.replace('<p style="text-align:right">洪合镇人民政府</p>', "")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    report = read_any(path).report
    assert report.meta.publish_date == "2021-01-22"
    assert report.sections == sample.sections


def test_report_text_after_the_content_block_is_kept_and_logged(sample, tmp_path):
    """When in doubt keep it: a paragraph of 六 standing outside the TRS block is still the report's."""
    page = portal(sample, "trs").replace('<p style="text-align:right">洪合镇人民政府</p>',
                                         '<p>本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。</p>'
                                         '<p style="text-align:right">洪合镇人民政府</p>')
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = read_any(path)
    assert "统计期限" in all_text(result.report) or any("统计期限" in line for line in result.log)


def test_word_file_saved_from_a_portal(sample, tmp_path):
    import docx as python_docx
    out = tmp_path / "r.docx"
    docx.export(sample, out)
    document = python_docx.Document(str(out))
    document.paragraphs[1].insert_paragraph_before("来源：洪合镇人民政府　　时间：2021-01-20")
    document.save(str(out))
    result = read_any(out)
    assert result.report.preamble == sample.preamble
    assert "来源" not in all_text(result.report)
    assert result.report.meta.publish_date == "2021-01-20"
    assert result.report.values == sample.values
