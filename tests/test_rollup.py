"""The roll-up: every cell the sum over the units, the roster, missing units, migrated inputs, H1, the workbook."""
from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_editor import storage
from gik_editor.cli import main
from gik_editor.formats import FORMATS, CellKind
from gik_editor.report import new_report
from gik_editor.rollup import Rollup, Unit, check_own, roll_up, sum_units
from gik_editor.rollup_review import shares
from gik_editor.roster import likeness, pair, read_roster
from gik_editor.similarity import body_text, normalized, shared_share
from gik_editor.totals import all_values
from tests.strategies import values_for

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "honghe-2020.gik"
TOWNS = ("洪合镇人民政府", "新塍镇人民政府", "王江泾镇人民政府", "油车港镇人民政府")


@st.composite
def unit_sets(draw):
    fid = draw(st.sampled_from(sorted(FORMATS)))
    fmt = FORMATS[fid]
    year = fmt.first_year
    n = draw(st.integers(1, 6))
    units = []
    for i in range(n):
        report = new_report(fid, year, f"单位{i}")
        report.values = {k: Decimal(v) if isinstance(v, Decimal) else v for k, v in draw(values_for(fid)).items()}
        if fid == "2019":
            report.money_unit = draw(st.sampled_from(("元", "万元")))
        units.append(Unit(name=f"单位{i}", file=f"单位{i}.gik", report=report, sha256="0" * 64))
    return Rollup(year, fid, units)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_sets())
def test_every_cell_of_the_rollup_is_the_sum_over_the_units(rollup):
    total = sum_units(rollup)
    fmt = rollup.format
    summed = all_values(total)
    for cid, spec in fmt.cells.items():
        column = [all_values(u.report).get(cid) for u in rollup.units]
        if all(v is None for v in column):
            assert summed.get(cid) is None, cid          # blank only where every unit left it blank
            continue
        if spec.kind is CellKind.MONEY and not spec.unit:
            # the 2019 采购总金额: each unit's amount said in the roll-up's unit first
            column = [None if v is None else v if u.report.money_unit == total.money_unit
                      else Decimal(v) / 10000 for u, v in zip(rollup.units, column)]
        expected = sum(v for v in column if v is not None)
        assert summed[cid] == expected, cid
        if spec.kind is CellKind.MONEY:
            assert isinstance(summed[cid], Decimal)
    assert [s.unit for s in total.rollup.units] == [u.name for u in rollup.units]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["2019", "2021"]), values_for("2019"), values_for("2021")),
                min_size=1, max_size=4))
def test_old_format_units_are_migrated_then_summed(drawn):
    from gik_editor.migration import migrate
    from gik_editor.rollup import _to_format
    units, expected = [], []
    for i, (fid, old_values, new_values) in enumerate(drawn):
        report = new_report(fid, 2022, f"单位{i}")
        report.values = dict(old_values if fid == "2019" else new_values)
        report.money_unit = "万元" if fid == "2019" else ""
        expected.append(migrate(report.copy(), "2021") if fid == "2019" else report)
        units.append(Unit(name=f"单位{i}", file=f"{i}.gik", report=report))
    for u in units:
        _to_format(u, FORMATS["2021"])
    assert [u.migrated for u in units] == [fid == "2019" for fid, *_ in drawn]
    total = sum_units(Rollup(2022, "2021", units))
    for cid, spec in FORMATS["2021"].cells.items():
        if spec.computed:
            continue
        column = [r.values.get(cid) for r in expected]
        assert total.values.get(cid) == (None if all(v is None for v in column)
                                         else sum(v for v in column if v is not None)), cid


def test_decimals_add_exactly():
    units = []
    for amount in ("0.10", "0.20", "1234567.89"):
        report = new_report("2021", 2022)
        report.set("t2.fee.amount", Decimal(amount))
        units.append(Unit(name=amount, file=amount, report=report))
    total = sum_units(Rollup(2022, "2021", units))
    assert total.values["t2.fee.amount"] == Decimal("1234568.19")


@pytest.mark.parametrize(("roster_name", "organ"), [
    ("洪合镇", "洪合镇人民政府"),                         # 简称 inside 全称
    ("嘉兴市秀洲区洪合镇人民政府", "洪合镇人民政府"),         # 全称 on the roster, the unit wrote less
    ("红河县教育局", "红河县教肓局"),                       # a typo
    ("县政府办", "红河县人民政府办公室"),                   # letters of the 简称 in order
    ("红河县教育局", "教育局"),
])
def test_roster_names_match_full_short_and_mistyped(roster_name, organ):
    assert pair([roster_name], [(organ, "报告")]).units == [(roster_name, 0)]


def test_roster_never_takes_one_unit_for_another():
    roster = ["红河县财政局", "红河县教育局", "洪合镇", "新塍镇"]
    reports = [("红河县商务局", "a"), ("新塍镇人民政府", "b"), ("红河县教育局", "c")]
    found = pair(roster, reports)
    assert dict(found.units) == {"红河县财政局": None, "红河县教育局": 2, "洪合镇": None, "新塍镇": 1}
    assert found.unmatched == [0]
    assert likeness("洪合镇", "新塍镇人民政府") < 0.75


def test_roster_files_txt_and_xlsx(tmp_path):
    txt = tmp_path / "名单.txt"
    txt.write_bytes("1、洪合镇\n\n（二）新塍镇\n3. 王江泾镇\n洪合镇\n".encode("gb18030"))
    assert read_roster(txt) == ["洪合镇", "新塍镇", "王江泾镇"]
    book = openpyxl.Workbook()
    for row in (["序号", "单位名称"], [1, "洪合镇"], [2, "=HYPERLINK(\"x\")"], [3, "新塍镇"]):
        book.active.append(row)
    book.save(tmp_path / "名单.xlsx")
    assert read_roster(tmp_path / "名单.xlsx")[0] == "洪合镇"
    (tmp_path / "名单.doc").write_text("x")
    with pytest.raises(storage.GikFileError, match="单位名单"):
        read_roster(tmp_path / "名单.doc")


def towns_folder(tmp_path, n=3, year=None) -> Path:
    folder = tmp_path / "报告"
    folder.mkdir()
    sample = storage.load(SAMPLE)
    for i, name in enumerate(TOWNS[:n]):
        report = sample.copy()
        report.meta.organ_name = name
        report.preamble = f"{name}第{i}号说明" * 20
        for key, section in report.sections.items():    # the units' own words, not copies of each other
            for k, block in enumerate(section.blocks()):
                block.text = f"{name}第{i}号{key}{k}情况" * 3 if block.text else ""
        if year:
            report.meta.year = year
        report.values["t3.new.natural"] = report.values["t3.open.natural"] = i + 1
        report.printed = {}                              # (the sample's printed totals were for 5)
        storage.save(report, folder / f"{name}.gik")
    return folder


def test_cli_rollup_lists_missing_units_and_strays(tmp_path, capsys):
    folder = towns_folder(tmp_path)
    roster = tmp_path / "名单.txt"
    roster.write_text("洪合镇\n新塍镇\n油车港镇\n", encoding="utf-8")
    out = tmp_path / "综合.gik"
    code = main(["rollup", str(folder), "--roster", str(roster), "-o", str(out)])
    said = capsys.readouterr().out
    assert code == 0, said
    assert "未提交报告的单位（1个）：油车港镇" in said
    assert "名单中没有对应单位的报告（1份，未计入汇总）" in said and "王江泾镇人民政府" in said
    total = storage.load(out)
    assert total.rollup is not None and [u.unit for u in total.rollup.units] == ["洪合镇", "新塍镇"]
    assert total.rollup.missing == ("油车港镇",)
    assert total.values["t3.open.natural"] == 1 + 2
    assert all(len(u.sha256) == 64 for u in total.rollup.units)
    # the skeleton for the clerk: the format's sub-part titles, no text yet
    assert all(not p.text for s in total.sections.values() for p in s.parts)
    assert total.sections["一"].parts


def test_rollup_file_in_the_folder_is_not_summed_again(tmp_path, capsys):
    folder = towns_folder(tmp_path)
    assert main(["rollup", str(folder), "-o", str(folder / "综合.gik")]) == 0
    capsys.readouterr()
    assert main(["rollup", str(folder), "-o", str(tmp_path / "again.gik")]) == 0
    assert storage.load(tmp_path / "again.gik").values["t3.open.natural"] == 1 + 2 + 3


def test_a_mix_of_years_is_refused_naming_the_odd_files(tmp_path, capsys):
    folder = towns_folder(tmp_path)
    odd = storage.load(folder / f"{TOWNS[1]}.gik")
    odd.meta.year = 2019
    storage.save(odd, folder / f"{TOWNS[1]}.gik")
    assert main(["rollup", str(folder), "-o", str(tmp_path / "x.gik")]) == 2
    err = capsys.readouterr().err
    assert "只能汇总同一年度的报告" in err and f"{TOWNS[1]}.gik（2019年度）" in err
    assert not (tmp_path / "x.gik").exists()


def test_2019_format_reports_are_migrated_for_a_2021_rollup(tmp_path):
    folder = towns_folder(tmp_path, year=2021)            # the sample's 2019 format, for a 2021 year
    result = roll_up(folder)
    assert result.format_id == "2021"
    assert all(u.migrated for u in result.units)
    assert result.total.format_id == "2021"
    assert result.total.values["t3.open.natural"] == 6
    assert result.total.review                           # the units' 需人工核对 notes, with the unit's name
    assert any(TOWNS[0] in note for note in result.total.review.values())
    assert "旧格式" in result.total.migration_note
    assert any(rule == "格式" for u in result.units for _, rule, _, _ in u.findings())


def test_own_report_differences_are_named_cell_by_cell(tmp_path, capsys):
    folder = towns_folder(tmp_path)
    result = roll_up(folder)
    own = result.total.copy()
    own.values["t3.open.natural"] = 5                   # the county typed 5; the units sum to 6
    own.values.pop("t4.review.corrected", None)
    findings = check_own(own, result)
    by_cell = {f.cells[0]: f for f in findings}
    assert "t3.open.natural" in by_cell
    f = by_cell["t3.open.natural"]
    assert (f.actual, f.expected, f.severity) == (5, 6, "warning")
    assert "综合报告为5" in f.message and "下级单位合计为6" in f.message
    assert all(name in f.message for name in TOWNS[:3])
    own_path = tmp_path / "own.gik"
    storage.save(own, own_path)
    assert main(["rollup", str(folder), "--own", str(own_path)]) == 1
    assert "t3" not in capsys.readouterr().err


def test_own_check_is_not_assessable_when_a_unit_is_missing(tmp_path):
    folder = towns_folder(tmp_path)
    result = roll_up(folder, roster=[*TOWNS[:3], "油车港镇"])
    own = result.total.copy()
    own.values["t3.open.natural"] = 5
    (f,) = [f for f in check_own(own, result) if f.cells == ("t3.open.natural",)]
    assert f.severity == "info" and "无法判定" in f.message


def test_two_reports_of_one_organ_are_named(tmp_path, capsys):
    folder = towns_folder(tmp_path)
    shutil.copy(folder / f"{TOWNS[0]}.gik", folder / "洪合镇（修改后）.gik")
    result = roll_up(folder)
    assert [sorted(Path(f).name for f in files) for files in result.duplicates] == \
        [sorted([f"{TOWNS[0]}.gik", "洪合镇（修改后）.gik"])]
    main(["rollup", str(folder)])
    assert "以下2份报告是同一机关的" in capsys.readouterr().out


def test_units_with_copied_text_are_named(tmp_path):
    folder = towns_folder(tmp_path)
    copy = storage.load(folder / f"{TOWNS[0]}.gik")
    copy.meta.organ_name = "油车港镇人民政府"
    storage.save(copy, folder / "油车港镇.gik")
    result = roll_up(folder)
    alike = {u.name: [o for o, _ in u.alike] for u in result.units}
    assert alike[TOWNS[0]] == ["油车港镇人民政府"] and alike["油车港镇人民政府"] == [TOWNS[0]]
    assert alike[TOWNS[1]] == []
    assert any("与油车港镇人民政府报告雷同" in m for *_, m in result.units[0].findings()) or \
        any("与油车港镇人民政府报告雷同" in m for u in result.units for *_, m in u.findings())



def test_units_that_share_only_the_countys_opening_are_not_named_alike(tmp_path):
    """The 政务公开办 often hands its units one template for the opening (依据, 六个部分, 统计期限, 联系方式):
    the same opening is no copied report, between units as between years."""
    folder = towns_folder(tmp_path)
    template = ("本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室有关要求，由本单位编制。"
                "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和"
                "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自1月1日起"
                "至12月31日止。本报告电子版可在本县人民政府门户网站查阅下载。如对本报告有疑问，请与本单位联系。") * 6
    for path in folder.glob("*.gik"):
        report = storage.load(path)
        report.preamble = template
        storage.save(report, path)
    result = roll_up(folder)
    assert all(not u.alike for u in result.units), [(u.name, u.alike) for u in result.units]
    texts = [normalized(u.report.preamble + body_text(u.report)) for u in result.units if u.report is not None]
    assert shares(texts)[(0, 1)] > 0.5          # with the opening counted, the first two would be named

@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="甲乙丙丁戊己庚辛壬癸，。", min_size=0, max_size=80), min_size=2, max_size=4))
def test_shares_between_units_are_the_d8_measure(texts):
    found = shares(texts)
    for i, a in enumerate(texts):
        for j, b in enumerate(texts):
            if i != j:
                assert found.get((i, j), 0.0) == pytest.approx(shared_share(a, b))


def test_rollup_key_survives_saving(tmp_path):
    result = roll_up(towns_folder(tmp_path), roster=[*TOWNS[:3], "油车港镇"])
    storage.save(result.total, tmp_path / "t.gik")
    again = storage.load(tmp_path / "t.gik")
    assert again.rollup == result.total.rollup
    raw = storage.to_dict(result.total)
    raw["rollup"]["units"][0]["sha256"] = "x"
    with pytest.raises(storage.GikFileError, match="校验码"):
        storage.from_dict(raw)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_workbook_sums_recompute_in_libreoffice_to_the_rollup(tmp_path):
    from tests.exporters.test_xlsx_libreoffice import RECALC_ALWAYS
    folder = towns_folder(tmp_path)
    sneaky = storage.load(folder / f"{TOWNS[2]}.gik")
    sneaky.meta.organ_name = "=HYPERLINK(\"http://x\",\"点我\")"
    storage.save(sneaky, folder / f"{TOWNS[2]}.gik")
    book = tmp_path / "汇总.xlsx"
    assert main(["rollup", str(folder), "--xlsx", str(book), "-o", str(tmp_path / "综合.gik")]) == 0
    profile = tmp_path / "lo"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
                           "--outdir", str(out), str(book)], check=False, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    computed = openpyxl.load_workbook(out / "汇总.xlsx", data_only=True)
    written = openpyxl.load_workbook(book)
    total = all_values(storage.load(tmp_path / "综合.gik"))
    fmt = FORMATS["2019"]
    for table in fmt.tables:
        sheet, formulas = computed[f"表{table.section}"], written[f"表{table.section}"]
        last = sheet.max_row
        assert sheet.cell(last, 1).value == "合计"
        for c, spec in enumerate(table.cells, 2):
            assert str(formulas.cell(last, c).value).startswith("=SUM(")
            assert Decimal(str(sheet.cell(last, c).value or 0)) == Decimal(str(total.get(spec.id) or 0)), spec.id
    assert written["表三"].cell(4, 1).data_type == "s"             # the organ name stays text
    status = [[c.value for c in row] for row in computed["单位状态"].iter_rows()]
    assert status[0][:7] == ["单位", "文件", "已提交", "未提交", "有错误", "有警告", "已核对"]
    assert len(status) == 4
    assert computed["问题明细"].max_row >= 2
