"""Excel import: our own workbook reads back exactly, edits made in Excel are taken, bad files are refused."""
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from clean_reports import as_printed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from gik_editor import cli, storage
from gik_editor.exporters import xlsx
from gik_editor.formats import FORMATS, CellKind
from gik_editor.importers import read_any
from gik_editor.importers import xlsx as xlsx_import
from gik_editor.report import MONEY_UNITS, Meta, Prior, Report, SectionText, TextBlock, new_report
from gik_editor.rules import check

SAMPLE_GIK = Path(__file__).resolve().parents[2] / "examples" / "honghe-2020.gik"


def exported(report, tmp_path, name="r.xlsx"):
    path = tmp_path / name
    xlsx.export(report, path)
    return path


def cell_address(report, cell_id):
    r, c = report.format.table_of(cell_id).position_of(cell_id)
    return f"{get_column_letter(c + 1)}{r + xlsx.TOP}"


def edit(path, report, changes, drop_data=False):
    """Change cells as a user would in a spreadsheet (openpyxl saves like any other application)."""
    wb = openpyxl.load_workbook(path)
    names = xlsx.table_sheet_names(report.format)
    for cell_id, value in changes.items():
        wb[names[cell_id.split(".")[0]]][cell_address(report, cell_id)] = value
    if drop_data:
        del wb["数据"]
    wb.save(path)


# ---- round trip -----------------------------------------------------------------

def test_sample_round_trips_exactly(sample, tmp_path):
    result = read_any(exported(sample, tmp_path))
    assert result.report == sample
    assert result.log == []


# Everything a .gik file can hold (a lone surrogate it cannot: storage refuses it).
SPECIAL = ["=1+1", "+A1", "-2", "@SUM(A1)", "\t", "\r\n", "_x0041_", "\x00", "\x1f", "\ufffe",
           "  ", "“三安全一稳定”", "（一）主动公开情况。"]
any_char = st.characters(exclude_categories=("Cs",))
texts = st.lists(st.one_of(st.text(any_char, max_size=12), st.sampled_from(SPECIAL)), max_size=4).map("".join)
short = texts.map(lambda s: s[:1000])


def values_for(format_id, computed):
    cells = [c for c in FORMATS[format_id].cells.values() if c.computed == computed]

    def value(spec):
        if spec.kind is CellKind.MONEY:
            return st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)
        if spec.computed:
            return st.one_of(st.none(), st.integers(0, 10**6))
        return st.integers(-5 if spec.kind is CellKind.SIGNED else 0, 10**9)

    return st.fixed_dictionaries({}, optional={c.id: value(c) for c in cells})


@st.composite
def reports(draw):
    format_id = draw(st.sampled_from(sorted(FORMATS)))
    meta = Meta(**{k: draw(short) for k, v in vars(Meta()).items() if isinstance(v, str)},
                year=draw(st.integers(0, 9999)))
    blocks = st.builds(TextBlock, short, texts, st.lists(texts, max_size=2).map(tuple))
    sections = {key: SectionText(draw(blocks), draw(st.lists(blocks, max_size=3))) for key in "一二三四五六"}
    prior = None
    if draw(st.booleans()):
        prior_format = draw(st.sampled_from(sorted(FORMATS)))
        prior = Prior(draw(st.integers(0, 9999)), prior_format, draw(values_for(prior_format, False)))
    ids = sorted(FORMATS[format_id].cells)
    return Report(format_id=format_id, meta=meta, title=draw(short), preamble=draw(texts), sections=sections,
                  values=draw(values_for(format_id, False)), printed=draw(values_for(format_id, True)),
                  money_unit=draw(st.sampled_from(("", *MONEY_UNITS))), prior=prior,
                  review=draw(st.dictionaries(st.sampled_from(ids), short, max_size=3)),
                  migration_note=draw(texts))


def round_trips_exactly(report, tmp_path):
    result = read_any(exported(report, tmp_path))
    assert result.report == report
    assert result.log == []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_any_report_round_trips_exactly(report, tmp_path):
    round_trips_exactly(report, tmp_path)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_many_reports_round_trip_exactly(report, tmp_path):
    round_trips_exactly(report, tmp_path)


# ---- edits made in a spreadsheet ---------------------------------------------------

def test_a_number_changed_in_excel_wins_and_is_logged(sample, tmp_path):
    path = exported(sample, tmp_path)
    edit(path, sample, {"t3.new.natural": 7, "t2.rules.made": None, "t4.review.upheld": "2"})
    result = read_any(path)
    assert result.report.values["t3.new.natural"] == 7
    assert "t2.rules.made" not in result.report.values
    assert result.report.values["t4.review.upheld"] == 2
    assert len(result.log) == 4
    assert any("一、本年新收政府信息公开申请数量 × 自然人" in line and "7" in line for line in result.log)
    assert any("原报告印出的" in line and "合计不再适用" in line for line in result.log)


def test_parts_fixed_in_excel_drop_the_old_printed_totals(sample, tmp_path):
    """The clerk corrects parts consistently (Excel recomputes the totals): no false 勾稽 error appears."""
    assert sample.printed and not printed_totals_disagreeing(sample)
    path = exported(sample, tmp_path)
    natural = sample.values.get("t3.new.natural", 0)
    edit(path, sample, {"t3.new.natural": natural + 1, "t3.open.natural":
                        sample.values.get("t3.open.natural", 0) + 1})
    result = read_any(path)
    report = result.report
    assert report.values["t3.new.natural"] == natural + 1
    assert not printed_totals_disagreeing(report)
    for gone in ("t3.new.total", "t3.total.natural", "t3.total.total"):
        assert gone not in report.printed
    assert "t3.carry_in.total" in report.printed          # totals whose parts were not touched stay as printed


def test_a_total_typed_over_is_kept_as_printed_and_flagged(sample, tmp_path):
    path = exported(sample, tmp_path)
    edit(path, sample, {"t3.total.natural": 9})
    result = read_any(path)
    assert result.report.printed["t3.total.natural"] == 9
    assert any(f.rule == "T3-2" and "t3.total.natural" in f.cells for f in check(result.report))
    assert any("（七）总计 × 自然人" in line for line in result.log)


def test_placeholders_are_blank_and_words_are_reported(sample, tmp_path):
    path = exported(sample, tmp_path)
    edit(path, sample, {"t3.new.natural": "/", "t3.new.business": "五个", "t2.procurement.amount": "1,234.5"})
    result = read_any(path)
    values = result.report.values
    assert "t3.new.natural" not in values
    assert values.get("t3.new.business") == sample.values.get("t3.new.business")      # unreadable: kept
    assert values["t2.procurement.amount"] == Decimal("1234.5")
    assert any("五个" in line and "不是数字" in line for line in result.log)


def test_text_edited_in_excel_is_reported(sample, tmp_path):
    path = exported(sample, tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["正文"]["A10"] = "改过的段落"
    wb.save(path)
    result = read_any(path)
    assert result.report == sample
    assert any("正文工作表" in line for line in result.log)


# ---- without the data sheet -------------------------------------------------------

def test_without_the_data_sheet_the_report_is_rebuilt_from_the_sheets(sample, tmp_path):
    path = exported(sample, tmp_path)
    edit(path, sample, {}, drop_data=True)
    result = read_any(path)
    rebuilt = result.report
    assert rebuilt.values == sample.values
    assert (rebuilt.format_id, rebuilt.meta, rebuilt.title, rebuilt.preamble) == \
           (sample.format_id, sample.meta, sample.title, sample.preamble)
    assert rebuilt.sections == sample.sections
    assert any("数据工作表" in line for line in result.log)


def test_a_tampered_data_sheet_is_not_trusted(sample, tmp_path):
    path = exported(sample, tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["数据"]["A3"] = wb["数据"]["A3"].value.replace("洪合镇", "别的镇")
    wb.save(path)
    result = read_any(path)
    assert result.report.meta.organ_name == "洪合镇"          # from the 正文 sheet, not the edited copy
    assert any("已被修改" in line for line in result.log)


def test_2021_report_without_data_sheet_finds_its_format_and_money(tmp_path):
    report = new_report("2021", 2023, "某某市某某局", "市级部门")
    report.set("t2.fee.amount", Decimal("3.5"))
    report.set("t3.other_2.legal", 4)
    report.sections["六"].parts[0].text = "本年度未收取信息处理费。"
    path = exported(report, tmp_path)
    edit(path, report, {}, drop_data=True)
    result = read_any(path)
    assert result.report.format_id == "2021"
    assert result.report.values == report.values
    assert result.report.sections["六"] == as_printed(report).sections["六"]
    assert result.report.meta.year == 2023


def test_money_unit_is_read_back_from_the_note(sample, tmp_path):
    sample.money_unit = "万元"
    path = exported(sample, tmp_path)
    edit(path, sample, {}, drop_data=True)
    assert read_any(path).report.money_unit == "万元"


def test_a_missing_table_sheet_is_reported(sample, tmp_path):
    path = exported(sample, tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb[xlsx.table_sheet_names(sample.format)["t4"]]
    wb.save(path)
    result = read_any(path)
    assert result.report == sample
    assert any("没有找到表四" in line for line in result.log)


def test_tables_are_found_where_a_user_moved_them(sample, tmp_path):
    """Rows inserted above the table and a sheet renamed: the labels still find it."""
    path = exported(sample, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[xlsx.table_sheet_names(sample.format)["t3"]]
    ws.insert_rows(1, 2)
    ws.title = "表3"
    del wb["数据"]
    wb.save(path)
    assert read_any(path).report.values == sample.values


# ---- files that are not ours or not usable ------------------------------------

def test_a_workbook_that_is_not_ours_is_refused(tmp_path):
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "销售额"
    wb.save(path)
    with pytest.raises(storage.GikFileError, match="不是年报编辑器导出的Excel文件"):
        read_any(path)


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 100])
def test_a_corrupt_file_gives_a_chinese_message(tmp_path, content):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(storage.GikFileError, match="不是Excel工作簿|已损坏"):
        read_any(path)


def test_a_truncated_workbook_gives_a_chinese_message(sample, tmp_path):
    path = exported(sample, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(storage.GikFileError):
        read_any(path)


def test_a_zip_with_damaged_sheet_xml_gives_a_chinese_message(sample, tmp_path):
    src = exported(sample, tmp_path)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data[:50] if info.filename == "xl/workbook.xml" else data)
    with pytest.raises(storage.GikFileError, match="已损坏"):
        read_any(bad)


def test_a_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(storage.GikFileError, match="解压后过大"):
        read_any(path)


def test_a_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.xlsx"
    with open(path, "wb") as f:
        f.truncate(30 * 1024 * 1024)
    with pytest.raises(storage.GikFileError, match="太大"):
        read_any(path)


def test_an_entity_bomb_is_refused(tmp_path):
    path = tmp_path / "laughs.xlsx"
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>')
    wb = openpyxl.Workbook()
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in parts:
            z.writestr(info, bomb if info.filename == "xl/workbook.xml" else data)
    with pytest.raises(storage.GikFileError):
        read_any(path)


def test_a_missing_file_gives_a_chinese_message(tmp_path):
    with pytest.raises(storage.GikFileError, match="不存在"):
        read_any(tmp_path / "nowhere.xlsx")


# ---- command line ------------------------------------------------------------------

def test_cli_round_trip(tmp_path, capsys):
    out_xlsx, out_gik = tmp_path / "r.xlsx", tmp_path / "r.gik"
    assert cli.main(["export", str(SAMPLE_GIK), "--xlsx", str(out_xlsx)]) == 0
    assert cli.main(["import", str(out_xlsx), "-o", str(out_gik)]) == 0
    assert storage.load(out_gik) == storage.load(SAMPLE_GIK)


def test_cli_import_of_a_bad_file_exits_2_with_a_message(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"nonsense")
    assert cli.main(["import", str(bad), "-o", str(tmp_path / "x.gik")]) == 2
    assert "错误：" in capsys.readouterr().err
    assert not (tmp_path / "x.gik").exists()


def test_parse_number_accepts_what_clerks_type():
    parse = xlsx_import.parse_number
    assert parse(" 12 ", CellKind.COUNT) == 12
    assert parse(3.0, CellKind.COUNT) == 3
    assert parse("1，200", CellKind.COUNT) == 1200
    assert parse("\u00a0", CellKind.COUNT) is None
    assert parse("—", CellKind.COUNT) is None
    assert parse(0.1, CellKind.MONEY) == Decimal("0.1")
    for bad, kind in (("3.5", CellKind.COUNT), (True, CellKind.COUNT), ("1e400", CellKind.MONEY),
                      ("abc", CellKind.SIGNED), (10**10, CellKind.COUNT)):
        with pytest.raises(ValueError):
            parse(bad, kind)


def printed_totals_disagreeing(report):
    """The findings about a total printed in the imported report that its parts do not give (T3-2, T3-3, T4-1)."""
    sum_rules = {s.rule for table in report.format.tables for s in table.sums}
    return [f for f in check(report) if f.rule in sum_rules]
