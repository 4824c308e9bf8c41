"""Excel export: the official layout, live totals, print setup and formula safety."""
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from gik_editor import storage
from gik_editor.exporters import xlsx
from gik_editor.formats import FORMAT_2021, Role
from gik_editor.report import TextBlock, new_report
from gik_editor.totals import compute_totals

TOP = xlsx.TOP


def export_to(report, tmp_path, name="out.xlsx"):
    path = tmp_path / name
    xlsx.export(report, path)
    return path


def sheet_of(wb, report, table):
    return wb[xlsx.table_sheet_names(report.format)[table.id]]


def addr(g):
    return f"{get_column_letter(g.col + 1)}{g.row + TOP}"


@pytest.fixture
def sample_wb(sample, tmp_path):
    return openpyxl.load_workbook(export_to(sample, tmp_path))


def test_sheets_are_named_in_chinese_with_the_data_sheet_hidden(sample, sample_wb):
    assert sample_wb.sheetnames == ["正文", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                    "四、政府信息公开行政复议、行政诉讼情况", "数据"]
    assert [ws.sheet_state for ws in sample_wb.worksheets] == ["visible"] * 4 + ["hidden"]


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_every_table_is_laid_out_as_its_grid(format_id, tmp_path):
    report = new_report(format_id, 2021 if format_id == "2021" else 2020, "某某县人民政府")
    wb = openpyxl.load_workbook(export_to(report, tmp_path))
    for table in report.format.tables:
        ws = sheet_of(wb, report, table)
        merged = {str(m) for m in ws.merged_cells.ranges}
        for g in table.grid:
            cell = ws[addr(g)]
            if g.role in (Role.TITLE, Role.HEADER, Role.NOTE, Role.LABEL):
                assert cell.value == g.text                       # verbatim label
                assert cell.font.name == "宋体"
            if g.rowspan > 1 or g.colspan > 1:
                end = f"{get_column_letter(g.col + g.colspan)}{g.row + TOP + g.rowspan - 1}"
                assert f"{addr(g)}:{end}" in merged
            for r in range(g.row, g.row + g.rowspan):        # a border around every item of the form
                for c in range(g.col, g.col + g.colspan):
                    border = ws.cell(r + TOP, c + 1).border
                    edges = [(c == g.col, border.left), (c == g.col + g.colspan - 1, border.right),
                             (r == g.row, border.top), (r == g.row + g.rowspan - 1, border.bottom)]
                    assert all(side.style == "thin" for edge, side in edges if edge), (g, r, c)
        assert ws["A1"].value == report.format.section(table.section).title


def test_numbers_are_numbers_right_aligned(sample, sample_wb):
    t2 = sample.format.table("t2")
    ws = sheet_of(sample_wb, sample, t2)
    for g in t2.grid:
        if g.role is Role.DATA and g.cell_id in sample.values:
            cell = ws[addr(g)]
            assert cell.data_type == "n"
            assert cell.value == pytest.approx(float(sample.values[g.cell_id]))
            assert cell.alignment.horizontal == "right"
    procurement = ws[addr(next(g for g in t2.grid if g.cell_id == "t2.procurement.amount"))]
    assert procurement.value == pytest.approx(49966945.1)


def test_totals_are_live_sums_and_nothing_else_is_a_formula(sample, sample_wb):
    for table in sample.format.tables:
        ws = sheet_of(sample_wb, sample, table)
        targets = {addr(g) for g in table.grid if g.cell_id in {s.target for s in table.sums}}
        formulas = {c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"}
        assert formulas == targets
    t3 = sample.format.table("t3")
    ws = sheet_of(sample_wb, sample, t3)
    pos = {g.cell_id: addr(g) for g in t3.grid if g.cell_id}
    leaves = f"{pos['t3.open.natural']}:{pos['t3.other.natural']}"
    assert ws[pos["t3.total.natural"]].value == f'=IF(COUNT({leaves})=0,"",SUM({leaves}))'


def test_cached_results_are_the_core_totals(sample, tmp_path):
    """Previews and Protected View show cached results: they must be the right ones, blank stays blank."""
    wb = openpyxl.load_workbook(export_to(sample, tmp_path), data_only=True)
    totals = compute_totals(sample)
    for table in sample.format.tables:
        ws = sheet_of(wb, sample, table)
        for g in table.grid:
            if g.cell_id in totals:
                assert ws[addr(g)].value in ((None, "") if totals[g.cell_id] is None else (totals[g.cell_id],))


def test_workbook_recalculates_on_open_and_is_print_ready(sample, sample_wb):
    assert sample_wb.calculation.fullCalcOnLoad
    for table in sample.format.tables:
        ws = sheet_of(sample_wb, sample, table)
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_options.horizontalCentered
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        if table.header_rows:
            assert ws.print_title_rows == f"${TOP}:${TOP + table.header_rows - 1}"
    assert sheet_of(sample_wb, sample, sample.format.table("t4")).page_setup.orientation == "landscape"


def test_column_widths_fit_the_labels(sample, sample_wb):
    """No single-line label is cut: each fits its column, or the row is tall enough for the wrapped lines."""
    from gik_editor.exporters.xlsx_sizes import line_count, text_width
    for table in sample.format.tables:
        ws = sheet_of(sample_wb, sample, table)
        for g in table.grid:
            if not g.text or g.rowspan > 1:
                continue
            width = sum(ws.column_dimensions[get_column_letter(c + 1)].width for c in range(g.col, g.col + g.colspan))
            height = ws.row_dimensions[g.row + TOP].height
            assert text_width(g.text) + 1 <= width or height >= 15 * line_count(g.text, width), g.text


def test_conditional_formatting_watches_the_identities(sample, sample_wb):
    t3 = sample.format.table("t3")
    ws = sheet_of(sample_wb, sample, t3)
    rules = [(str(rng.sqref), rule.formula[0]) for rng in ws.conditional_formatting for rule in rng.rules]
    pos = {g.cell_id: addr(g) for g in t3.grid if g.cell_id}
    cells = [pos[f"t3.{r}.natural"] for r in ("new", "carry_in", "total", "carry_out")]
    absolute = ["$D$" + c[1:] for c in cells]
    assert (" ".join(cells), f"ROUND(SUM({absolute[0]}:{absolute[1]})-SUM({absolute[2]}:{absolute[3]}),6)<>0") in rules
    t4 = sample.format.table("t4")
    ws4 = sheet_of(sample_wb, sample, t4)
    sqrefs = {frozenset(str(rng.sqref).split()) for rng in ws4.conditional_formatting}
    assert sqrefs == {frozenset(f"{c}6" for c in group) for group in ("ABCDE", "FGHIJ", "KLMNO")}


def test_text_sheet_has_title_metadata_and_every_section(sample, sample_wb):
    ws = sample_wb["正文"]
    cells = [str(r[0]) for r in ws.iter_rows(values_only=True) if r[0] is not None]
    assert cells[0] == sample.display_title
    assert "机关全称：洪合镇" in cells and "报告年度：2020" in cells
    for section in sample.format.sections:
        assert section.title in cells
    assert any(c.startswith("\u3000\u3000（一）主动公开情况。2020年") for c in cells)
    assert ws["A1"].font.b and ws["A1"].alignment.horizontal == "center"


INJECTIONS = ("=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=2", "=cmd|' /c calc'!A0")


def hostile_report():
    report = new_report("2021", 2022, INJECTIONS[0], "镇")
    report.title = INJECTIONS[1]
    report.preamble = "\n".join(INJECTIONS)
    report.meta.address, report.meta.phone, report.meta.website = INJECTIONS[2], INJECTIONS[3], INJECTIONS[4]
    report.meta.drafter, report.meta.signer = INJECTIONS[5], INJECTIONS[6]
    for key, text in report.sections.items():
        text.intro = TextBlock("", "\n".join(INJECTIONS))
        text.parts.append(TextBlock(INJECTIONS[0], INJECTIONS[3]))
    report.set("t3.new.natural", 3)
    return report


def test_formula_injection_never_becomes_a_formula(tmp_path):
    report = hostile_report()
    path = export_to(report, tmp_path)
    wb = openpyxl.load_workbook(path)
    n_sums = sum(len(t.sums) for t in report.format.tables)
    formulas = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert len(formulas) == n_sums
    assert all(c.value.startswith(("=IF(COUNT(",)) for c in formulas)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        xml = "".join(z.read(n).decode("utf-8") for n in names if n.endswith(".xml"))
        rels = "".join(z.read(n).decode("utf-8") for n in names if n.endswith(".rels"))
    assert xml.count("<f>") == n_sums
    assert not any("vba" in n.lower() or "externalLink" in n or "connections" in n for n in names)
    assert "<hyperlink" not in xml and "relationships/hyperlink" not in rels
    risky = ("=", "+", "-", "@", "\t", "\r")
    texts = [c for ws in wb.worksheets[:4] for row in ws.iter_rows() for c in row
             if c.data_type != "f" and isinstance(c.value, str) and c.value.startswith(risky)]
    assert texts and all(c.data_type == "s" and c.quotePrefix for c in texts)


def test_characters_xml_cannot_hold_do_not_break_the_export(tmp_path):
    report = new_report("2019", 2020, "某\x00镇\x1f")
    report.sections["六"].intro = TextBlock("", "无\x0b\ufffe\ud800")
    wb = openpyxl.load_workbook(export_to(report, tmp_path))
    assert wb["正文"]["A2"].value == "机关全称：某镇"


def test_a_paragraph_longer_than_a_cell_continues_in_the_next_rows(tmp_path):
    report = new_report("2021", 2022, "某镇")
    report.sections["六"].intro = TextBlock("", "长" * 40_000)
    wb = openpyxl.load_workbook(export_to(report, tmp_path))
    cells = [r[0] for r in wb["正文"].iter_rows(values_only=True) if r[0] and "长长" in str(r[0])]
    assert "".join(cells).replace("\u3000", "") == "长" * 40_000
    assert all(len(c) <= 32767 for c in cells)


def test_money_unit_chosen_for_2019_is_noted_under_table_two(sample, tmp_path):
    sample.money_unit = "元"
    wb = openpyxl.load_workbook(export_to(sample, tmp_path))
    ws = sheet_of(wb, sample, sample.format.table("t2"))
    assert "注：采购总金额的单位为元。" in [c.value for row in ws.iter_rows() for c in row]


def test_a_failed_write_raises_gik_error_and_leaves_no_file(sample, tmp_path):
    with pytest.raises(storage.GikFileError, match="无法保存"):
        xlsx.export(sample, tmp_path / "missing" / "out.xlsx")
    (tmp_path / "taken.xlsx").mkdir()                # the name is taken by a folder: the final rename fails
    with pytest.raises(storage.GikFileError, match="无法保存"):
        xlsx.export(sample, tmp_path / "taken.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.xlsx"]


def test_export_replaces_an_existing_file_whole(sample, tmp_path):
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")
    xlsx.export(sample, path)
    assert zipfile.is_zipfile(path)


def test_2021_money_is_written_as_a_number(tmp_path):
    report = new_report("2021", 2022, "某县")
    report.set("t2.fee.amount", Decimal("12.35"))
    wb = openpyxl.load_workbook(export_to(report, tmp_path))
    t2 = FORMAT_2021.table("t2")
    cell = sheet_of(wb, report, t2)[addr(next(g for g in t2.grid if g.cell_id == "t2.fee.amount"))]
    assert cell.data_type == "n" and cell.value == pytest.approx(12.35)


def test_cli_exports_xlsx(sample, tmp_path):
    from gik_editor import cli
    out = tmp_path / "cli.xlsx"
    assert cli.main(["export", str(Path(__file__).resolve().parents[2] / "examples" / "honghe-2020.gik"),
                     "--xlsx", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "正文"
