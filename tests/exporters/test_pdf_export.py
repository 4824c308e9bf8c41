"""PDF export: every font embedded, every label and number printed in order, GB/T 9704 page, sign-off."""
from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import reports

from gik_editor import fonts, storage
from gik_editor.document import cell_texts
from gik_editor.exporters import pdf
from gik_editor.formats import CellKind, Role
from gik_editor.report import new_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

SECTION_TITLES = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def raw_text(path: Path) -> str:
    """Text in drawing order: a wrapped label's lines follow each other, cells come row by row."""
    return run("pdftotext", "-raw", str(path), "-")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def embedded_fonts(path: Path) -> list[tuple[str, str]]:
    """(name, emb) of every font in the file, from pdffonts."""
    lines = run("pdffonts", str(path)).splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines]


def filled_2021():
    report = new_report("2021", 2023, "槜李市秀洲区人民政府办公室", "县级部门")
    for i, (cid, spec) in enumerate(report.format.cells.items()):
        if not spec.computed:
            report.set(cid, Decimal("1234.56") if spec.kind is CellKind.MONEY else (i * 37) % 1000 + 1)
    for key, section in report.sections.items():
        section.intro.text = f"第{key}节的说明。" * 6
        for part in section.parts:
            part.text = "这是一段正文，用来检查排版和分页。" * 8 + "\n第二段。"
    return report


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    from conftest import SAMPLE_GIK
    out = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    pdf.export(storage.load(SAMPLE_GIK), out)
    return out


@pytest.fixture(scope="module")
def pdf_2021(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "r2021.pdf"
    pdf.export(filled_2021(), out, sign_off=True)
    return out


def table_numbers(report, table_id: str) -> list[str]:
    """The printed values of a table, in the order its grid reads (row by row)."""
    table = report.format.table(table_id)
    texts = cell_texts(report)
    cells = sorted((g for g in table.grid if g.role is Role.DATA), key=lambda g: (g.row, g.col))
    return [texts[g.cell_id] for g in cells if texts[g.cell_id]]


def numbers_between(text: str, report, table_id: str, start: str, end: str) -> list[str]:
    """Numbers printed between two markers, with the table's own labels and page numbers taken out."""
    region = text[text.index(start):text.index(end)]
    region = re.sub(r"— \d+ —", " ", region)
    labels = sorted({g.text for g in report.format.table(table_id).grid if g.text}, key=len, reverse=True)
    for label in labels:      # a label wrapped in its cell comes out over several lines
        region = re.sub(r"\s*".join(map(re.escape, label)), " ", region)
    return NUMBER.findall(region)


def test_every_font_is_embedded(sample_pdf, pdf_2021):
    for path in (sample_pdf, pdf_2021):
        found = embedded_fonts(path)
        assert found, "no font at all"
        assert all(emb == "yes" for _, emb in found), found


def test_sample_prints_every_table_label_verbatim_and_the_place_name(sample, sample_pdf):
    text = flat(raw_text(sample_pdf))
    for table in sample.format.tables:
        for g in table.grid:
            if g.text:
                assert flat(g.text) in text, g.text
    for must in ("（七）总计", "3.危及“三安全一稳定”", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                 "槜美洪合", "洪合镇2020年度政府信息公开工作年度报告", *SECTION_TITLES):
        assert must in text


def test_sample_prints_every_number_of_the_tables_in_order(sample, sample_pdf):
    text = raw_text(sample_pdf)
    assert numbers_between(text, sample, "t2", "第二十条第（一）项", SECTION_TITLES[2]) == table_numbers(sample, "t2")
    assert numbers_between(text, sample, "t3", "（本列数据", SECTION_TITLES[3]) == table_numbers(sample, "t3")
    assert numbers_between(text, sample, "t4", "行政复议", SECTION_TITLES[4]) == table_numbers(sample, "t4")
    assert "49966945.1" in table_numbers(sample, "t2")


def test_2021_report_prints_its_own_labels_and_every_number(pdf_2021):
    report = filled_2021()
    raw = raw_text(pdf_2021)
    text = flat(raw)
    for must in ("本年收费金额（单位：万元）", "3.危及“三安全一稳定”", "本年处理决定数量",
                 "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（七）总计", "槜李市秀洲区人民政府办公室"):
        assert must in text
    third_intro = report.sections["三"].intro.text[:6]
    assert numbers_between(raw, report, "t2", "第二十条第（一）项", SECTION_TITLES[2]) == table_numbers(report, "t2")
    assert numbers_between(raw, report, "t3", "（本列数据", SECTION_TITLES[3]) == table_numbers(report, "t3")
    assert numbers_between(raw, report, "t4", "行政复议", SECTION_TITLES[4]) == table_numbers(report, "t4")
    assert third_intro in text


MM = 72 / 25.4
TEXT_BOTTOM = (37 + 225) * MM                   # the text area is 225 mm high


def page_words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) of every word on a page, in points from the top left corner."""
    bbox = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-")
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)', bbox)]


def folio_box(path: Path, page: int) -> tuple[str, float, float, float]:
    """The page number under the text area: its text, left and right edge, and top."""
    folio = [w for w in page_words(path, page) if w[1] >= TEXT_BOTTOM]
    return ("".join(w[4] for w in folio), min(w[0] for w in folio), max(w[2] for w in folio),
            min(w[1] for w in folio))


def test_page_is_a4_with_gbt9704_margins_and_folios(sample_pdf):
    info = run("pdfinfo", str(sample_pdf))
    assert "595.276 x 841.89 pts (A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    body = [w for w in page_words(sample_pdf, 1) if w[1] < TEXT_BOTTOM]
    assert min(w[0] for w in body) >= 28 * MM - 1           # left margin 28 mm
    assert min(w[1] for w in body) >= 37 * MM - 8           # the first line sits at the 37 mm top margin
    assert max(w[3] for w in body) <= TEXT_BOTTOM + 1
    # GB/T 9704: "— 1 —" some 7 mm under the text area; 单页码居右空一字，双页码居左空一字 (one 四号 character)
    for page in range(1, pages + 1):
        text, left, right, top = folio_box(sample_pdf, page)
        assert text == f"—{page}—"
        assert TEXT_BOTTOM + 4 * MM < top < TEXT_BOTTOM + 10 * MM
        if page % 2:
            assert abs(right - ((28 + 156) * MM - 14)) < 1.5, (page, right)
        else:
            assert abs(left - (28 * MM + 14)) < 1.5, (page, left)
    assert re.findall(r"— (\d+) —", raw_text(sample_pdf)) == [str(i) for i in range(1, pages + 1)]


def test_body_is_set_28_characters_a_line_and_22_lines_a_page(tmp_path):
    report = new_report("2021", 2023, "槜李市秀洲区人民政府办公室", "县级部门")
    report.sections["一"].intro.text = "政府信息公开工作稳步推进" * 120      # no punctuation: every line is full
    out = tmp_path / "grid.pdf"
    pdf.export(report, out)
    bbox = run("pdftotext", "-bbox-layout", "-f", "2", "-l", "2", str(out), "-")
    lines = [(float(y), "".join(re.findall(r">([^<]*)</word>", body))) for y, body in
             re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', bbox, re.S)]
    body = [(y, text) for y, text in lines if y < TEXT_BOTTOM]
    assert len(body) == 22                                   # the second page is all body text
    assert {len(text) for _, text in body} == {28}
    pitch = {round(b[0] - a[0], 1) for a, b in zip(body, body[1:])}
    assert max(pitch) - min(pitch) < 0.2 and abs(min(pitch) - 225 * MM / 22) < 0.2


def test_document_properties_name_the_report_and_the_organ(sample_pdf):
    info = run("pdfinfo", str(sample_pdf))
    assert re.search(r"Title:\s+洪合镇2020年度政府信息公开工作年度报告", info)
    assert re.search(r"Author:\s+洪合镇", info)
    assert re.search(r"Subject:\s+.*国办公开办函〔2019〕60号", info)


def test_sign_off_copy_is_the_published_document_then_a_approval_slip(sample, tmp_path):
    sample.meta.publish_date = "2021-01-20"
    sample.meta.signer, sample.meta.drafter = "王五", "张三"
    plain, signed = tmp_path / "plain.pdf", tmp_path / "signed.pdf"
    pdf.export(sample, plain)
    pdf.export(sample, signed, sign_off=True)
    assert "发文稿纸" not in flat(raw_text(plain)) and "签发" not in flat(raw_text(plain))
    n = pages(signed)
    assert n == pages(plain) + 1                             # the document, then one more page: the slip
    page_text = lambda p: flat(run("pdftotext", "-raw", "-f", str(p), "-l", str(p), str(signed), "-"))  # noqa: E731
    end = page_text(n - 1)                                   # the document ends as published ...
    assert end.index("洪合镇") < end.index("2021年1月20日") and "签发" not in end and "拟稿" not in end
    organ = [w for w in page_words(signed, n - 1) if w[4] == "洪合镇"][-1]
    date = [w for w in page_words(signed, n - 1) if w[4].startswith("2021年")][-1]
    assert abs(date[2] - ((28 + 156) * MM - 4 * 16)) < 2     # the date four characters from the right
    assert abs((organ[0] + organ[2]) / 2 - (date[0] + date[2]) / 2) < 2     # the organ centred over it
    assert date[1] - organ[1] > 20 and organ[1] - TEXT_BOTTOM < 0
    slip = page_text(n)                                      # ... and the slip is a page of its own
    for must in ("洪合镇发文稿纸", "签发王五", "审核", "拟稿张三", "拟稿单位洪合镇",
                 "文件标题洪合镇2020年度政府信息公开工作年度报告", "公开方式主动公开", f"正文页数共{n - 1}页"):
        assert must in slip, must
    assert not [w for w in page_words(signed, n) if w[1] >= TEXT_BOTTOM]     # the slip has no page number
    assert folio_box(signed, n - 1)[0] == f"—{n - 1}—"


def test_sign_off_copy_is_named_so_nobody_uploads_it():
    from gik_editor.exporters.pdf_signoff import signed_copy_path
    assert signed_copy_path("out/报告.pdf") == Path("out/报告-签发稿.pdf")
    assert signed_copy_path("报告-签发稿.pdf") == Path("报告-签发稿.pdf")
    assert signed_copy_path("报告") == Path("报告-签发稿.pdf")


def pages(path: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path)))[1])


def test_unset_date_leaves_room_to_write_it():
    assert pdf.sign_date("") == "　　　　年　　月　　日"
    assert pdf.sign_date("2021-01-05") == "2021年1月5日"


def test_render_gives_exactly_the_exported_bytes_apart_from_timestamps(sample, tmp_path):
    out = tmp_path / "a.pdf"
    pdf.export(sample, out)
    strip = lambda b: re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)|/ID\s*\[[^\]]*\]", b"", b)  # noqa: E731
    assert strip(out.read_bytes()) == strip(pdf.render(sample))


def test_a_character_no_font_has_stops_the_export_by_name(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "font_dirs", lambda: [])
    sample.sections["六"].intro.text = "申请人𠀀某提出的申请已办结。"
    out = tmp_path / "x.pdf"
    with pytest.raises(storage.GikFileError, match=r"“𠀀”（U\+20000）"):
        pdf.export(sample, out)
    assert not out.exists()


def test_with_only_the_shipped_font_everything_is_printed(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "font_dirs", lambda: [])
    out = tmp_path / "shipped.pdf"
    pdf.export(sample, out)
    assert {name.split("+")[-1] for name, _ in embedded_fonts(out)} == {"WenQuanYiMicroHei-0"}
    assert "槜美洪合" in flat(raw_text(out))


def test_invisible_and_markup_characters_do_not_break_the_pdf(tmp_path):
    report = new_report("2021", 2022, "测试<机关>&")
    report.sections["一"].intro.text = "<b>不是标记</b> & 零宽\u200b空格\x01控制\ufffe符\n" + "supercalifragilistic" * 30
    out = tmp_path / "odd.pdf"
    pdf.export(report, out)
    text = flat(raw_text(out))
    assert "<b>不是标记</b>&零宽空格控制符" in text and "supercalifragilistic" * 3 in text
    assert "测试<机关>&2022年度政府信息公开工作年度报告" in text


def test_huge_numbers_are_printed_whole(tmp_path):
    report = new_report("2019", 2020, "测试")
    for cid, spec in report.format.cells.items():
        if not spec.computed:
            report.set(cid, Decimal("999999999999.99") if spec.kind is CellKind.MONEY
                       else (-99999 if spec.kind is CellKind.SIGNED else 99999))
    out = tmp_path / "big.pdf"
    pdf.export(report, out)
    raw = raw_text(out)
    for table_id in ("t2", "t3", "t4"):
        start = {"t2": "第二十条第（一）项", "t3": "（本列数据", "t4": "行政复议"}[table_id]
        end = SECTION_TITLES[int(table_id[1])]
        assert numbers_between(raw, report, table_id, start, end) == table_numbers(report, table_id)


def test_extreme_values_still_export_without_losing_a_digit(tmp_path):
    """Ten-digit counts in all fifteen columns of table 四 cannot fit whole: they wrap, but print every digit."""
    report = new_report("2021", 2022, "测试")
    for cid, spec in report.format.cells.items():
        if not spec.computed:
            report.set(cid, Decimal("999999999999999.99") if spec.kind is CellKind.MONEY else 10**9)
    out = tmp_path / "extreme.pdf"
    pdf.export(report, out)
    raw = raw_text(out)
    for table_id in ("t2", "t3", "t4"):
        start = {"t2": "第二十条第（一）项", "t3": "（本列数据", "t4": "行政复议"}[table_id]
        region = raw[raw.index(start):raw.index(SECTION_TITLES[int(table_id[1])])]
        for label in sorted({g.text for g in report.format.table(table_id).grid if g.text}, key=len, reverse=True):
            region = re.sub(r"\s*".join(map(re.escape, label)), "", region)
        assert "".join(table_numbers(report, table_id)) in flat(region)


def test_write_failure_is_a_chinese_message(sample, tmp_path):
    with pytest.raises(storage.GikFileError, match="无法保存"):
        pdf.export(sample, tmp_path / "no-such-folder" / "x.pdf")


def test_cli_exports_a_pdf_with_sign_off_under_the_sign_off_name(tmp_path):
    from conftest import ROOT, SAMPLE_GIK
    out = tmp_path / "cli.pdf"
    done = subprocess.run(["python3", "-m", "gik_editor", "export", str(SAMPLE_GIK), "--pdf", str(out), "--sign-off"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    signed = tmp_path / "cli-签发稿.pdf"
    assert not out.exists() and f"已导出PDF：{signed}" in done.stdout
    assert "发文稿纸" in flat(raw_text(signed))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_any_report_exports_or_names_the_characters_it_cannot_print(report):
    """Whatever a clerk types: a complete PDF, or a message naming each character no font can print."""
    try:
        data = pdf.render(report, sign_off=True)
    except storage.GikFileError as e:
        named = re.findall(r"U\+([0-9A-F]{4,6})", str(e))
        assert named and all(int(cp, 16) not in fonts.covers(fonts.shipped_face()) for cp in named)
        return
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def line_boxes(path: Path, page: int) -> list[tuple[float, float, str]]:
    """(xMin, xMax, text) of each printed line of a page, top to bottom."""
    bbox = run("pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-")
    out = []
    for line in re.findall(r"<line xMin=\"([\d.]+)\" yMin=\"[\d.]+\" xMax=\"([\d.]+)\"[^>]*>(.*?)</line>", bbox, re.S):
        out.append((float(line[0]), float(line[1]), "".join(re.findall(r">([^<]*)</word>", line[2]))))
    return out


def test_body_text_is_justified_and_follows_chinese_line_breaking_rules(tmp_path):
    report = new_report("2021", 2022, "测试")
    sentence = "依照《中华人民共和国政府信息公开条例》，本机关“两张清单”（试行）已公开；"
    report.sections["一"].intro.text = "\n".join(sentence * (3 + i) for i in range(4))
    out = tmp_path / "rules.pdf"
    pdf.export(report, out)
    mm = 72 / 25.4
    right = (28 + 156) * mm
    lines = [b for b in line_boxes(out, 1) if b[0] < right and "—" not in b[2]][2:]    # past title and heading
    assert len(lines) > 12
    from gik_editor.exporters.linebreak import CANNOT_END, CANNOT_START
    for _, _, text in lines:
        assert text[0] not in CANNOT_START and text[-1] not in CANNOT_END, text
    # every line that is not the last of its paragraph ends at the right margin
    full = [x_max for (_, x_max, text), (_, _, after) in zip(lines, lines[1:]) if not after.startswith("依照")]
    assert full and all(abs(x - right) < 1.5 for x in full), full


def test_a_paragraph_split_over_pages_keeps_every_character_once(tmp_path):
    report = new_report("2021", 2022, "测试")
    text = "".join(f"第{i}句话写在这里，" for i in range(400))
    report.sections["一"].intro.text = text
    out = tmp_path / "long.pdf"
    pdf.export(report, out)
    assert pages(out) >= 3
    printed = flat(re.sub(r"— \d+ —", "", raw_text(out)))
    assert text in printed


def cell_lines(report, table_id: str) -> dict[str, list[str]]:
    """The lines every label and header cell of a table is set in, as the PDF draws them."""
    from gik_editor.exporters import pdf_table
    table = report.format.table(table_id)
    values = {cid: pdf.clean(t) for cid, t in cell_texts(report).items()}
    font = pdf._register(fonts.choose([g.text for g in table.grid] + list(values.values()))["table"])
    built, _ = pdf_table.build(table, values, font, pdf.TEXT_W, pdf.TEXT_H - pdf.LINE)
    out = {}
    for g in table.grid:
        if g.role is not Role.DATA and g.text:
            para = built._cellvalues[g.row][g.col]
            out[g.text] = ["".join(a.text for a in line.atoms) for line in para._lines]
    return out


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_labels_wrap_evenly_with_the_ordinal_of_a_group_on_its_own_line(format_id):
    report = filled_2021() if format_id == "2021" else new_report("2019", 2020, "洪合镇", "乡镇（街道）")
    for table_id in ("t2", "t3", "t4"):
        for text, lines in cell_lines(report, table_id).items():
            if len(lines) > 1:
                assert len(lines[-1]) > 1, (text, lines)           # no 不予公/开, 自然/人
                assert max(map(len, lines)) - min(map(len, lines[1:] or lines)) <= 2, (text, lines)
    t3 = cell_lines(report, "t3")
    assert t3["三、本年度办理结果"][0] == "三、"
    assert t3["（三）不予公开"] in (["（三）", "不予", "公开"], ["（三）", "不予公开"], ["（三）不予公开"])
    t4 = cell_lines(report, "t4")
    assert t4["总计"] == ["总计"] and t4["结果维持"] in (["结果", "维持"], ["结果维持"])


def test_table_4_columns_take_their_headers_and_widest_numbers(tmp_path):
    report = filled_2021()
    for cid in report.format.cells:
        if cid.startswith("t4.") and not report.format.cells[cid].computed:
            report.set(cid, 12345)                                   # five digits in every column, sums wider
    out = tmp_path / "t4.pdf"
    pdf.export(report, out)
    text = raw_text(out)
    page = next(n for n in range(1, pages(out) + 1) if "复议后起诉" in run("pdftotext", "-f", str(n), "-l", str(n),
                                                                     str(out), "-"))
    words = [w[4] for w in page_words(out, page)]
    assert words.count("总计") >= 3 and "总" not in words and "计" not in words
    for number in {t for t in table_numbers(report, "t4")}:
        assert number in words, number                               # every number printed whole
    assert "未经复议直接起诉" in flat(text)


def test_sign_off_copy_of_a_very_long_organ_name_stays_on_the_page_and_counts_the_document(sample, tmp_path):
    sample.meta.organ_name = "槜李市秀洲区洪合镇人民政府办公室" * 3
    plain, signed = tmp_path / "plain.pdf", tmp_path / "signed.pdf"
    pdf.export(sample, plain)
    pdf.export(sample, signed, sign_off=True)
    document = pages(plain)
    total = pages(signed)
    assert total > document
    text = flat(run("pdftotext", "-f", str(document + 1), "-l", str(total), str(signed), "-"))
    assert f"正文页数共{document}页" in text                     # the slip counts the document, not itself
    for page in range(1, total + 1):
        assert all(w[2] <= (28 + 156) * MM + 1 for w in page_words(signed, page)), page    # nothing off the text area
