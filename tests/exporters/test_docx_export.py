"""Word export: the official layout (page, type, merged cells) and the round trip back through the importer."""
from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import values_for

from gik_editor import storage
from gik_editor.document import (
    Heading,
    Paragraph,
    Title,
    blocks,
    cell_texts,
)
from gik_editor.exporters import docx as docx_export
from gik_editor.formats import FORMATS, Role
from gik_editor.importers.published_parser import EMPTY_TABLES, tables_empty
from gik_editor.report import ORGAN_TYPES, Report, new_report
from gik_editor.totals import compute_totals

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402  (after importorskip: the module is optional here)
from docx.shared import Mm, Pt  # noqa: E402

HOSTILE = ["<script>alert('x')</script> & \"双引号\" 'single' </p>",
           "=SUM(A1:A9) 以等号开头的一段",
           "超长" + "Ｘ" * 20 + "supercalifragilistic" * 30,
           "控制\x01字符\x0b与\ufffe\ud83d不能进XML"]


def export(report, tmp_path: Path, name: str = "out.docx") -> Path:
    out = tmp_path / name
    docx_export.export(report, out)
    return out


def body_paragraphs(document) -> list[str]:
    """Text of the body paragraphs outside tables, in order (the title's line break taken out)."""
    return [p.text.replace("\n", "") if i == 0 else p.text for i, p in enumerate(document.paragraphs)]


def word_grid(table) -> dict[tuple[int, int], tuple[int, int, str]]:
    """(row, col) → (rowspan, colspan, text) of every cell that starts there, read from the XML."""
    origins: dict[tuple[int, int], list] = {}
    open_rows: dict[int, tuple[int, int]] = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            if merge is not None and merge.get(qn("w:val")) != "restart":
                origin = open_rows[c]
                origins[origin][0] += 1
                assert text == "", "a merged-away cell must be empty"
            else:
                origins[(r, c)] = [1, span, text]
                if merge is not None:
                    open_rows[c] = (r, c)
            c += span
    return {k: tuple(v) for k, v in origins.items()}


# ---- layout ----------------------------------------------------------------------------

def test_sample_prints_every_block_in_official_order(sample, tmp_path):
    document = docx.Document(export(sample, tmp_path))
    expected = []
    for b in blocks(sample):
        if isinstance(b, (Title, Heading)):
            expected.append(b.text)
        elif isinstance(b, Paragraph):
            expected.append(b.lead + b.text)
    assert body_paragraphs(document) == expected
    assert body_paragraphs(document)[:2] == ["洪合镇2020年度政府信息公开工作年度报告", "一、总体情况"]
    assert "（一）主动公开情况。2020年，我镇认真贯彻落实" in body_paragraphs(document)[3]
    assert "槜美洪合" in body_paragraphs(document)[2]


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_tables_have_the_official_merged_cells_labels_and_values(format_id, sample, tmp_path):
    report = sample if format_id == "2019" else new_report("2021", 2022, "某县审计局")
    if format_id == "2021":
        report.set("t2.fee.amount", Decimal("1.25"))
        report.set("t3.other_2.business", 3)
        report.set("t4.after.pending", 2)
    document = docx.Document(export(report, tmp_path))
    texts = cell_texts(report)
    assert len(document.tables) == 3
    for table, word in zip(report.format.tables, document.tables):
        got = word_grid(word)
        want = {(g.row, g.col): (g.rowspan, g.colspan, texts[g.cell_id] if g.role is Role.DATA else g.text)
                for g in table.grid}
        assert got == want, table.id
    t3 = word_grid(document.tables[1])
    assert t3[(0, 0)] == (3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    if format_id == "2019":
        assert t3[(3, 3)][2] == "5" and t3[(3, 9)][2] == "5"        # 一、本年新收 自然人 / 总计
        t2 = word_grid(document.tables[0])
        assert ("-1657" in {v[2] for v in t2.values()}) and ("49966945.1" in {v[2] for v in t2.values()})
    else:
        assert "本年收费金额（单位：万元）" in {v[2] for v in word_grid(document.tables[0]).values()}
        assert "3.危及“三安全一稳定”" in {v[2] for v in t3.values()}


def test_page_is_a4_with_gbt9704_margins_and_page_numbers(sample, tmp_path):
    document = docx.Document(export(sample, tmp_path))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    # GB/T 9704: 单页码居右空一字，双页码居左空一字 — different odd and even footers
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        element = footer._element
        assert " PAGE " in [t.text for t in element.iter(qn("w:instrText"))]
        assert "".join(t.text for t in element.iter(qn("w:t"))) == "— 1 —"
        assert element.find(".//" + qn("w:jc")).get(qn("w:val")) == side
        indent = footer.paragraphs[0].paragraph_format
        assert (indent.right_indent if side == "right" else indent.left_indent) == Pt(14)   # one 四号 character


def east_asian_font(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_type_follows_the_official_document_style(sample, tmp_path):
    document = docx.Document(export(sample, tmp_path))
    styles = document.styles
    normal = styles["Normal"]
    assert east_asian_font(normal) == "仿宋" and normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    assert normal.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    title = document.paragraphs[0]
    assert title.style.name == docx_export.STYLE_TITLE
    assert east_asian_font(title.style) == "宋体" and title.style.font.size == Pt(22)
    heading = document.paragraphs[1]
    assert east_asian_font(heading.style) == "黑体"
    lead = document.paragraphs[3].runs[0]
    assert lead.text == "（一）主动公开情况。" and east_asian_font(lead.style) == "楷体"
    # Nothing we use falls back to a theme (Latin) font for Chinese text.
    for name in ("Normal", docx_export.STYLE_TITLE, docx_export.STYLE_HEADING, docx_export.STYLE_LEAD,
                 docx_export.STYLE_TABLE):
        assert "Theme" not in styles[name].element.xml, name
    cell_para = document.tables[1].rows[3].cells[0].paragraphs[0]
    assert east_asian_font(cell_para.style) == "宋体"
    sizes = {t_i: {r.font.size for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs}
             for t_i, t in enumerate(document.tables)}
    assert sizes[0] == {Pt(10.5)} and sizes[2] == {Pt(9)}    # table 四 smaller for its 15 columns


def test_tables_fill_the_type_area_with_thin_black_borders_and_repeat_headers(sample, tmp_path):
    document = docx.Document(export(sample, tmp_path))
    type_area = Mm(210 - 28 - 26)
    for table, word in zip(sample.format.tables, document.tables):
        assert abs(sum(col.width for col in word.columns) - type_area) < Mm(0.5)
        borders = word._tbl.tblPr.find(qn("w:tblBorders"))
        assert {(e.get(qn("w:val")), e.get(qn("w:color"))) for e in borders} == {("single", "000000")}
        repeated = [tr.trPr.find(qn("w:tblHeader")) is not None for tr in word._tbl.tr_lst]
        assert repeated == [r < table.header_rows for r in range(table.n_rows)]


def test_a_chosen_money_unit_is_printed_after_the_2019_amount(sample, tmp_path):
    sample.money_unit = "元"
    document = docx.Document(export(sample, tmp_path))
    assert "49966945.1元" in {v[2] for v in word_grid(document.tables[0]).values()}


def test_hostile_text_comes_out_as_plain_text(tmp_path):
    report = new_report("2021", 2023, "<b>局</b>&")
    report.preamble = "\n".join(HOSTILE)
    report.sections["六"].parts[0].text = HOSTILE[0]
    out = export(report, tmp_path)
    document = docx.Document(out)
    texts = body_paragraphs(document)
    assert texts[0] == "<b>局</b>&2023年度政府信息公开工作年度报告"
    assert texts[1:5] == [HOSTILE[0], HOSTILE[1], HOSTILE[2], "控制字符与不能进XML"]
    assert "（一）收取信息处理费情况。" + HOSTILE[0] in texts
    # No field but the page number: "=…" stays text, nothing is evaluated or linked.
    body = document.element.body
    assert body.find(".//" + qn("w:instrText")) is None and body.find(".//" + qn("w:fldSimple")) is None
    assert body.find(".//" + qn("w:hyperlink")) is None


def test_an_unwritable_destination_is_a_clear_error(sample, tmp_path):
    with pytest.raises(storage.GikFileError, match="无法保存"):
        docx_export.export(sample, tmp_path / "no such folder" / "x.docx")


def test_command_line_exports_word(tmp_path):
    from gik_editor.cli import main
    out = tmp_path / "报告.docx"
    assert main(["export", str(Path(__file__).parents[2] / "examples" / "honghe-2020.gik"),
                 "--docx", str(out)]) == 0
    # the title breaks where the PDF breaks it, before 政府信息公开工作年度报告 (a line break, w:br)
    assert docx.Document(out).paragraphs[0].text == "洪合镇2020年度\n政府信息公开工作年度报告"


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice Writer and poppler are needed to render the .docx")
def test_libreoffice_renders_the_sample_with_tables_and_page_numbers(sample, tmp_path):
    src = export(sample, tmp_path, "sample.docx")
    blank = tmp_path / "blank.docx"        # tells "LibreOffice cannot read Word files here" from "ours is broken"
    docx.Document().save(blank)
    try:
        run = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                              "--convert-to", "pdf", "--outdir", str(tmp_path), str(blank), str(src)],
                             check=False, capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish converting within 4 minutes")
    if not (tmp_path / "blank.pdf").exists():
        pytest.skip(f"this LibreOffice cannot convert Word files (Writer missing?): {run.stderr[-200:]}")
    pdf = tmp_path / "sample.pdf"
    assert pdf.exists(), f"LibreOffice could not read our .docx: {run.stderr[-300:]}"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=False, capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 4
    for n, page in enumerate(p for p in pages if p.strip()):
        assert f"—{n + 1}—" in page.replace(" ", "")
    flat = "".join(text.split())
    for label in ("第二十条第（九）项", "采购总金额", "49966945.1", "一、本年新收政府信息公开申请数量",
                  "未经复议直接起诉", "六、其他需要报告的事项"):
        assert label in flat


# ---- round trip through our own importer ------------------------------------------------------

# What clerks type: Chinese text with digits, Latin, the usual full-width punctuation and the
# characters HTML must escape. A paragraph starts with a Chinese character (one starting with
# "（一）…。" would read as a sub-part title, and rightly so).
hanzi = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
clerk_text = st.text(st.one_of(hanzi, st.sampled_from("0123456789abcXYZ %，、；：“”《》（）。<>&\"'=")), max_size=60)
clerk_line = st.builds(lambda first, rest: (first + rest).rstrip(), hanzi, clerk_text)
clerk_paragraphs = st.lists(clerk_line, max_size=3).map("\n".join)


@st.composite
def published_reports(draw, format_id: str | None = None) -> Report:
    """A report as a clerk fills it in, with random figures and text in every place that prints."""
    fid = format_id or draw(st.sampled_from(sorted(FORMATS)))
    fmt = FORMATS[fid]
    year = draw(st.integers(fmt.first_year, fmt.last_year or 2030))
    # A title "某某关于2020年度…报告" names the organ 某某: no organ's name ends in 关于.
    organ = draw(st.text(hanzi, min_size=2, max_size=12).filter(lambda name: not name.endswith("关于")))
    report = new_report(fid, year, organ, draw(st.sampled_from(ORGAN_TYPES)))
    report.preamble = draw(clerk_paragraphs)
    for sec in report.sections.values():
        sec.intro.text = draw(clerk_paragraphs)
        for part in sec.parts:
            part.text = draw(clerk_paragraphs)
    report.values = draw(values_for(fid))
    if fid == "2019":
        report.money_unit = draw(st.sampled_from(("", "元", "万元")))
    return report


def published_view(report) -> dict:
    """Everything a published report shows, in comparable form (what a reader could retype)."""
    amount_cells = [c for c, s in report.format.cells.items() if s.kind.value == "money" and not s.unit]
    return {
        "format": report.format_id,
        "year": report.meta.year,
        "organ": report.meta.organ_name,
        "title": report.display_title,
        "preamble": [p for p in report.preamble.split("\n") if p.strip()],
        # a sub-part with nothing under it is not printed (rule D16), so a reader cannot see it
        "sections": {k: [(b.title, b.paragraphs()) for i, b in enumerate(s.blocks()) if i == 0 or b.paragraphs()]
                     for k, s in report.sections.items()},
        "values": dict(report.values),
        "money_unit": report.money_unit if any(report.values.get(c) is not None for c in amount_cells) else "",
    }


def assert_round_trip(original, result) -> None:
    """The report read back shows the same, and the importer had nothing to complain about but, for a report
    whose tables are all blank, that it found no numbers (blank tables never pass for a clean import)."""
    imported = result.report
    assert result.log == ([EMPTY_TABLES] if tables_empty(original) else [])
    assert published_view(imported) == published_view(original)
    totals = compute_totals(original)
    assert {c: v for c, v in imported.printed.items() if v != totals.get(c)} == {}, \
        "a printed total read back differs from the computed one"


def read_back(path: Path):
    published = pytest.importorskip("gik_editor.importers.published")
    return published.read(path)


def same_file_except_printed_totals(a, b) -> bool:
    """Equal .gik content but for `printed`: an export prints the computed totals, not the ones
    the original report printed (the sample printed 0 for totals whose parts are all blank)."""
    da, db = storage.to_dict(a), storage.to_dict(b)
    da.pop("printed"), db.pop("printed")
    return da == db


def test_sample_round_trips_through_word(sample, tmp_path):
    result = read_back(export(sample, tmp_path))
    assert_round_trip(sample, result)
    assert same_file_except_printed_totals(result.report, sample)


def test_2021_report_with_every_cell_round_trips_through_word(tmp_path):
    report = new_report("2021", 2024, "某市生态环境局", "市级部门")
    for i, (cid, spec) in enumerate(report.format.cells.items()):
        if not spec.computed:
            report.set(cid, Decimal("12.34") if spec.kind.value == "money" else i)
    report.preamble = "根据《中华人民共和国政府信息公开条例》要求编制本报告。"
    report.sections["六"].parts[0].text = "本年度未收取信息处理费。"
    assert_round_trip(report, read_back(export(report, tmp_path)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=published_reports())
def test_generated_reports_round_trip_through_word(report, tmp_path):
    assert_round_trip(report, read_back(export(report, tmp_path, f"{report.format_id}.docx")))


# ---- how Word lays it out (LibreOffice renders the .docx to PDF) ----------------------------------

def big_2021() -> Report:
    """A 2021 report of a large office: five-digit counts of 自然人 in table 三 (six-digit totals),
    three-digit ones elsewhere, five-digit counts in table 二, and long text."""
    report = new_report("2021", 2023, "槜李市秀洲区人民政府办公室", "县级部门")
    for i, (cid, spec) in enumerate(report.format.cells.items()):
        if spec.computed:
            continue
        if spec.kind.value == "money":
            report.set(cid, Decimal("1234.56"))
        elif cid.startswith("t2.") or cid.endswith(".natural"):
            report.set(cid, 10000 + (i * 3797) % 89999)
        else:
            report.set(cid, 100 + (i * 37) % 900)
    for key, section in report.sections.items():
        section.intro.text = f"第{key}节的说明。" * 6
        for part in section.parts:
            part.text = "这是一段正文，用来检查排版和分页。" * 8
    return report


def pdftotext(*args: str) -> str:
    return subprocess.run(["pdftotext", *args], check=True, capture_output=True, text=True).stdout


def words_on(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    import re
    bbox = pdftotext("-bbox", "-f", str(page), "-l", str(page), str(pdf), "-")
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)', bbox)]


@pytest.fixture(scope="module")
def word_pages(tmp_path_factory):
    """The big 2021 report exported to Word and rendered by LibreOffice: (report, pdf, page count)."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice Writer and poppler are needed to render the .docx")
    folder = tmp_path_factory.mktemp("word")
    report = big_2021()
    src = export(report, folder, "big.docx")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'lo').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(src)],
                       check=False, capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish converting within 4 minutes")
    pdf = folder / "big.pdf"
    if not pdf.exists():
        pytest.skip("this LibreOffice cannot convert Word files (Writer missing?)")
    import re
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                             text=True).stdout)[1])
    return report, pdf, pages


@pytest.mark.slow
def test_word_table_3_of_a_2021_report_lies_on_one_page_with_every_number_whole(word_pages):
    report, pdf, pages = word_pages
    texts = ["".join(pdftotext("-f", str(n), "-l", str(n), str(pdf), "-").split()) for n in range(1, pages + 1)]
    first, last = "一、本年新收政府信息公开申请数量", "四、结转下年度继续办理"
    on = [n for n, t in enumerate(texts, 1) if first in t or last in t or "（六）其他处理" in t or "3.其他" in t]
    assert len(set(on)) == 1, on                                  # the whole of table 三 on one page
    page = on[0]
    assert "（本列数据的勾稽关系为" in texts[page - 1] and "（六）" in texts[page - 1]
    words = {w[4] for w in words_on(pdf, page)}
    texts_by_cell = cell_texts(report)
    numbers = {texts_by_cell[g.cell_id] for g in report.format.table("t3").grid if g.role is Role.DATA}
    assert {len(n) for n in numbers} >= {5, 6}
    assert numbers <= words, sorted(numbers - words)[:5]          # 5–6 digit numbers never wrap


@pytest.mark.slow
def test_word_page_numbers_alternate_sides_one_character_in(word_pages):
    _, pdf, pages = word_pages
    mm = 72 / 25.4
    assert pages >= 4
    for n in range(1, pages + 1):
        folio = [w for w in words_on(pdf, n) if w[1] > (37 + 225) * mm]
        assert "".join(w[4] for w in folio) == f"—{n}—"
        left, right = min(w[0] for w in folio), max(w[2] for w in folio)
        if n % 2:
            assert abs(right - ((28 + 156) * mm - 14)) < 3, (n, right)
        else:
            assert abs(left - (28 * mm + 14)) < 3, (n, left)


def test_word_labels_wrap_evenly_and_title_breaks_like_the_pdf(tmp_path):
    from gik_editor.exporters.linebreak import title_lines
    report = big_2021()
    document = docx.Document(export(report, tmp_path))
    title = document.paragraphs[0].text
    assert title.split("\n") == title_lines(report.display_title, 156 * 72 / 25.4, 22) == \
        ["槜李市秀洲区人民政府办公室2023年度", "政府信息公开工作年度报告"]
    cells = [[{qn("w:t"): node.text or "", qn("w:br"): "\n"}[node.tag] for node in tc.iter(qn("w:t"), qn("w:br"))]
             for t in document.tables for tc in t._tbl.iter(qn("w:tc"))]
    texts = ["".join(parts) for parts in cells if parts]
    wrapped = [text.split("\n") for text in texts if "\n" in text]
    for lines in wrapped:
        assert len(lines[-1]) > 1, lines                             # no 不予公/开, 自然/人, 执法案/卷
    assert any(lines[0] == "三、" and "".join(lines) == "三、本年度办理结果" for lines in wrapped)
    assert any(lines[0] == "（三）" and "".join(lines) == "（三）不予公开" for lines in wrapped)
    assert "7.属于行政执法案卷" in texts and "自然人" in texts
