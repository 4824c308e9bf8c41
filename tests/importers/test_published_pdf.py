"""Importing a PDF: our own PDF export and LibreOffice's PDF of our Word export read back to equal reports;
scanned, encrypted and broken files get a clear message."""
import shutil
import subprocess
from pathlib import Path

import pytest
from clean_reports import as_printed
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from strategies import values_for

from gik_editor import storage
from gik_editor.exporters import docx, pdf
from gik_editor.importers import read_any
from gik_editor.report import new_report
from gik_editor.rules import infer_organ_type
from gik_editor.storage import GikFileError
from gik_editor.totals import compute_totals

# Running text long enough to wrap over several lines, and to push the tables to different page positions.
LONG = ("本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读和回应关切，"
        "进一步规范依申请公开办理流程，全年未发生因信息公开引发的行政复议被纠错情况。")


def expected_from(report):
    """What a printed copy can give back: the computed totals printed, text as printed (no invisible spaces)."""
    expected = as_printed(report)
    expected.printed = compute_totals(report)
    expected.meta.organ_type = infer_organ_type(report.meta.organ_name)     # not printed: inferred from the name
    for section in expected.sections.values():
        for block in section.blocks():
            block.text = block.text.replace("\xa0", "")
    return expected


def test_our_pdf_of_the_sample_reads_back_to_the_sample(sample, tmp_path):
    out = tmp_path / "洪合镇.pdf"
    pdf.export(sample, out)
    result = read_any(out)
    expected = expected_from(sample)
    imported = result.report
    assert imported.values == sample.values and imported.printed == expected.printed
    assert imported.sections == expected.sections and imported.preamble == expected.preamble
    assert imported.meta == sample.meta and imported.title == sample.title
    assert result.log == []


@st.composite
def generated(draw):
    """Reports of both formats with many-digit numbers and long text that moves the tables across page breaks."""
    fid = draw(st.sampled_from(["2019", "2021"]))
    year = 2020 if fid == "2019" else 2023
    organ = draw(st.sampled_from(["某某县审计局", "某某省某某市某某区人力资源和社会保障局某某街道工作站"]))
    report = new_report(fid, year, organ, "县级部门")
    report.values = draw(values_for(fid))
    for cid in draw(st.lists(st.sampled_from(sorted(report.values) or ["-"]), max_size=6)):
        if cid in report.values and isinstance(report.values[cid], int) and report.values[cid] >= 0:
            report.values[cid] = draw(st.integers(10**6, 10**8))          # many digits in a narrow column
    report.preamble = "\n".join([LONG] * draw(st.integers(0, 3)))
    report.sections["一"].intro.text = "\n".join([LONG] * draw(st.integers(1, 9)))
    report.sections["二"].intro.text = draw(st.sampled_from(["", LONG, LONG + "\n" + LONG * 2]))
    for part in report.sections["五"].parts:
        part.text = draw(st.sampled_from(["", "已完成。", "第一段。\n第二段。", LONG]))
    return report


# No shrinking: each example is a PDF export and import; a failing example is shown as drawn.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(generated())
def test_generated_reports_round_trip_through_our_pdf(tmp_path, report):
    out = tmp_path / "r.pdf"
    pdf.export(report, out)
    imported = read_any(out).report
    assert imported == expected_from(report)
    assert storage.loads(storage.dumps(imported)) == imported


def test_a_table_that_breaks_across_pages_reads_back(tmp_path):
    """Table 二 of 2021 starts low on a page and goes on on the next one, its header repeated."""
    report = new_report("2021", 2023, "某某县审计局", "县级部门")
    report.values = {c.id: 1000000 + i for i, c in enumerate(report.format.cells.values()) if not c.computed
                     and c.kind.name != "MONEY"}
    for lines in range(8, 15):
        report.sections["一"].intro.text = "\n".join([LONG] * lines)
        out = tmp_path / f"r{lines}.pdf"
        pdf.export(report, out)
        import pdfplumber
        with pdfplumber.open(out) as doc:
            pages = [i for i, page in enumerate(doc.pages) if any("信息内容" in (c or "") for t in
                                                              page.extract_tables() for row in t for c in row)]
        if len(pages) > 1:
            break
    assert len(pages) > 1, "table 二 never broke across pages"
    assert read_any(out).report == expected_from(report)


needs_office = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@needs_office
@pytest.mark.slow
@pytest.mark.parametrize("which", ["sample", "2021"])
def test_libreoffice_pdf_of_our_word_export_reads_back(sample, tmp_path, which):
    if which == "sample":
        report = sample
    else:
        report = new_report("2021", 2023, "某某县审计局", "县级部门")
        report.values = {c.id: 12345 + i for i, c in enumerate(report.format.cells.values())
                         if not c.computed and c.kind.name != "MONEY"}
        report.sections["一"].intro.text = "\n".join([LONG] * 6)
    docx.export(report, tmp_path / "r.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "r.docx")], check=True, capture_output=True,
                   timeout=300)
    imported = read_any(tmp_path / "r.pdf").report
    expected = expected_from(report)
    assert imported.values == expected.values
    assert imported.printed == expected.printed
    assert imported.sections == expected.sections and imported.preamble == expected.preamble
    assert imported.meta == expected.meta


def _scan(path: Path) -> None:
    """A page that is only a picture, as a scanner makes it."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    image = Image.new("RGB", (200, 280), "white")
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(image), 50, 50, 400, 560)
    c.showPage()
    c.save()


def test_a_scanned_pdf_says_so(tmp_path):
    path = tmp_path / "扫描件.pdf"
    _scan(path)
    with pytest.raises(GikFileError, match="扫描件或图片.*只有图片，没有文字.*文字识别"):
        read_any(path)


def test_encrypted_broken_and_renamed_files(tmp_path, sample):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas
    locked = tmp_path / "加密.pdf"
    c = canvas.Canvas(str(locked), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "2020 report")
    c.save()
    with pytest.raises(GikFileError, match="密码|加密"):
        read_any(locked)
    good = tmp_path / "good.pdf"
    pdf.export(sample, good)
    cut = tmp_path / "截断.pdf"
    cut.write_bytes(good.read_bytes()[:3000])
    with pytest.raises(GikFileError, match="截断.pdf"):
        read_any(cut)
    renamed = tmp_path / "网页.pdf"
    renamed.write_text("<html><body>2020年度报告</body></html>", encoding="utf-8")
    with pytest.raises(GikFileError, match="不是PDF文件"):
        read_any(renamed)


def test_a_pdf_that_takes_too_long_is_refused_with_a_message(sample, tmp_path, monkeypatch):
    from gik_editor.importers import published_pdf
    path = tmp_path / "慢.pdf"
    pdf.export(sample, path)
    monkeypatch.setattr(published_pdf, "_TIME_LIMIT", -1)        # every page is past the budget
    with pytest.raises(GikFileError, match="PDF结构异常"):
        read_any(path)


def test_a_pdf_whose_tables_have_no_ruling_lines(sample, tmp_path, monkeypatch):
    """Tables printed without lines are read through the page's text laid out with spaces (their columns)."""
    from reportlab.platypus.tables import Table
    monkeypatch.setattr(Table, "_drawLines", lambda self: None)      # the same PDF, without a single line
    path = tmp_path / "无表格线.pdf"
    pdf.export(sample, path)
    import pdfplumber
    with pdfplumber.open(path) as document:
        assert not any(page.lines or page.rects for page in document.pages)
    result = read_any(path)
    assert result.report.values == sample.values
    assert {k: v for k, v in result.report.printed.items() if v is not None} == {
        k: v for k, v in compute_totals(sample).items() if v is not None}
    assert result.report.meta == sample.meta
    assert result.log[0].startswith("PDF中的表格没有表格线")


def test_short_paragraphs_each_start_on_their_indent(tmp_path):
    """A report whose paragraphs are mostly one line long: the indent of their first lines is not taken for the
    margin, so a sub-part whose line is full does not swallow the next one (六 of a 2021 report)."""
    report = new_report("2021", 2023, "某市司法局", "市级部门")
    for i, part in enumerate(report.sections["六"].parts):
        part.text = "本年度未收取信息处理费。" if i == 0 else "已按要求完成。"
    pdf.export(report, tmp_path / "r.pdf")
    back = read_any(tmp_path / "r.pdf").report
    assert [(b.title, b.text) for b in back.sections["六"].blocks()] == \
        [(b.title, b.text) for b in report.sections["六"].blocks()]
