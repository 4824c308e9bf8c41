"""Web-page export: self-contained, escaped, semantic tables in the official layout, and the round trip."""
from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from test_docx_export import (
    HOSTILE,
    assert_round_trip,
    published_reports,
    same_file_except_printed_totals,
)

from gik_editor import storage
from gik_editor.document import Heading, Paragraph, Title, blocks, cell_texts
from gik_editor.exporters import html as html_export
from gik_editor.formats import Role
from gik_editor.report import new_report


class Page(HTMLParser):
    """The parts of a page a reader sees: text blocks in order and each table as placed cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self.blocks: list[tuple[str, str]] = []       # (tag, text) of h1/h2/p
        self.tables: list[dict[tuple[int, int], tuple[str, int, int, str]]] = []
        self.title = ""
        self._block: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        a = dict(attrs)
        if tag in ("h1", "h2", "p"):
            self._block = [tag]
        elif tag == "table":
            self.tables.append({})
            self._row, self._taken = -1, set()
        elif tag == "tr":
            self._row += 1
            self._col = 0
        elif tag in ("td", "th"):
            while (self._row, self._col) in self._taken:
                self._col += 1
            rs, cs = int(a.get("rowspan") or 1), int(a.get("colspan") or 1)
            self._taken |= {(self._row + i, self._col + j) for i in range(rs) for j in range(cs)}
            self._cell = [tag, rs, cs]
            self._at = (self._row, self._col)
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "p") and self._block:
            self.blocks.append((self._block[0], "".join(self._block[1:])))
            self._block = None
        elif tag in ("td", "th") and self._cell:
            kind, rs, cs, *text = self._cell
            self.tables[-1][self._at] = (kind, rs, cs, "".join(text))
            self._cell = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._block is not None:
            self._block.append(data)
        elif self._in_title:
            self.title += data


def render(report) -> str:
    return html_export.render(report)


def page_of(report) -> Page:
    page = Page()
    page.feed(render(report))
    page.close()
    return page


def test_sample_prints_every_block_in_official_order(sample):
    page = page_of(sample)
    expected = []
    for b in blocks(sample):
        if isinstance(b, Title):
            expected.append(("h1", b.text))
        elif isinstance(b, Heading):
            expected.append(("h2", b.text))
        elif isinstance(b, Paragraph):
            expected.append(("p", b.lead + b.text))
    assert page.blocks == expected
    assert page.title == "洪合镇2020年度政府信息公开工作年度报告"
    assert "槜美洪合" in page.blocks[2][1]


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_tables_are_semantic_with_the_official_spans(format_id, sample):
    report = sample if format_id == "2019" else new_report("2021", 2022, "某县审计局")
    if format_id == "2021":
        report.set("t2.fee.amount", Decimal("0.5"))
        report.set("t3.other_1.natural", 2)
    texts = cell_texts(report)
    page = page_of(report)
    assert len(page.tables) == 3
    for table, got in zip(report.format.tables, page.tables):
        want = {(g.row, g.col): ("td" if g.role in (Role.DATA, Role.BLANK) else "th", g.rowspan, g.colspan,
                                 texts[g.cell_id] if g.role is Role.DATA else g.text)
                for g in table.grid}
        assert got == want, table.id
    html = render(report)
    assert html.count("<thead>") == 2        # tables 三 and 四 have header rows; 二 has none
    assert '<th rowspan="3" colspan="3"' in html   # the printed 勾稽 note over the label columns


def test_page_is_self_contained_utf8_without_scripts_or_links(sample, tmp_path):
    out = tmp_path / "报告.html"
    html_export.export(sample, out)
    data = out.read_bytes()
    text = data.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    page = Page()
    page.feed(text)
    assert not {"script", "link", "img", "iframe", "a", "object", "embed", "form"} & set(page.tags)
    assert not any(k in ("src", "href") or k.startswith("on") for a in page.attrs for k in a)
    assert not re.search(r"https?:|url\(|@import", text)
    assert "<style" not in text               # portal editors drop style blocks: every style is inline


def test_wide_tables_scroll_inside_their_box_on_a_phone(sample):
    html = render(sample)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    wrappers = re.findall(r'<div style="([^"]*)">\s*<table border="1" style="([^"]*)"', html)
    assert len(wrappers) == 3
    assert all("overflow-x:auto" in wrap for wrap, _ in wrappers)
    # 三 and 四 keep a readable minimum width (and scroll); 二 fits the screen.
    assert ["min-width" in table for _, table in wrappers] == [False, True, True]


def test_a_chosen_money_unit_is_printed_after_the_2019_amount(sample):
    sample.money_unit = "万元"
    assert "49966945.1万元" in {v[3] for v in page_of(sample).tables[0].values()}


def test_hostile_text_is_escaped_and_harmless(tmp_path):
    report = new_report("2021", 2023, "<b>局</b>&\"'")
    report.preamble = "\n".join(HOSTILE)
    report.sections["六"].parts[0].text = HOSTILE[0]
    html = render(report)
    assert "<script" not in html and "<b>" not in html and "</p>\"" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;双引号&quot;" in html
    page = Page()
    page.feed(html)
    assert page.title == "<b>局</b>&\"'2023年度政府信息公开工作年度报告"
    texts = [t for _, t in page.blocks]
    assert texts[1:5] == [HOSTILE[0], HOSTILE[1], HOSTILE[2], "控制字符与不能进XML"]
    assert "（一）收取信息处理费情况。" + HOSTILE[0] in texts
    # A word longer than a phone screen wraps instead of widening the page.
    assert "overflow-wrap:anywhere" in html


def test_an_unwritable_destination_is_a_clear_error(sample, tmp_path):
    with pytest.raises(storage.GikFileError, match="无法保存"):
        html_export.export(sample, tmp_path / "no such folder" / "x.html")


def test_command_line_exports_a_web_page(tmp_path):
    from gik_editor.cli import main
    out = tmp_path / "报告.html"
    assert main(["export", str(Path(__file__).parents[2] / "examples" / "honghe-2020.gik"),
                 "--html", str(out)]) == 0
    assert "<h1" in out.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("pdftotext")),
                    reason="Chromium and poppler are needed to render the page")
def test_chromium_renders_every_label(sample, tmp_path):
    src = tmp_path / "sample.html"
    html_export.export(sample, src)
    pdf = tmp_path / "sample.pdf"
    try:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", src.as_uri()], check=False, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip("Chromium did not finish printing within 2 minutes")
    if not pdf.exists():
        pytest.skip("Chromium could not print the page")
    flat = "".join(subprocess.run(["pdftotext", str(pdf), "-"], check=False, capture_output=True, text=True).stdout.split())
    for label in ("洪合镇2020年度政府信息公开工作年度报告", "第二十条第（九）项", "49966945.1",
                  "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "复议后起诉"):
        assert label in flat


# ---- round trip through our own importer ------------------------------------------------------

def read_back(path: Path):
    published = pytest.importorskip("gik_editor.importers.published")
    return published.read(path)


def squeeze(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text)


def collapse_spaces(report):
    """A web page shows a run of spaces as one (and so reads it back); compare it that way."""
    report = report.copy()
    report.preamble = squeeze(report.preamble)
    for sec in report.sections.values():
        for block in sec.blocks():
            block.text = squeeze(block.text)
    return report


def export(report, tmp_path: Path) -> Path:
    out = tmp_path / f"{report.format_id}.html"
    html_export.export(report, out)
    return out


def test_sample_round_trips_through_the_web_page(sample, tmp_path):
    result = read_back(export(sample, tmp_path))
    assert_round_trip(sample, result)
    assert same_file_except_printed_totals(result.report, sample)


def test_2019_money_unit_round_trips_through_the_web_page(sample, tmp_path):
    sample.money_unit = "万元"
    assert read_back(export(sample, tmp_path)).report.money_unit == "万元"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=published_reports())
def test_generated_reports_round_trip_through_the_web_page(report, tmp_path):
    assert_round_trip(collapse_spaces(report), read_back(export(report, tmp_path)))
