"""A real spreadsheet application computes the exported formulas (LibreOffice headless as the oracle).

All workbooks of this module go through one LibreOffice run: each start costs seconds.
LibreOffice keeps the cached results of an .xlsx by default; its profile here
recalculates on load, and the cached results are spoiled first, so every
total compared below was computed by LibreOffice from our formulas.
"""
import random
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from gik_editor import storage
from gik_editor.edits import SetCells
from gik_editor.exporters import xlsx
from gik_editor.formats import CellKind
from gik_editor.importers import read_any
from gik_editor.report import new_report
from gik_editor.totals import compute_totals

SAMPLE_GIK = Path(__file__).resolve().parents[2] / "examples" / "honghe-2020.gik"

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")

EDITED_CELL, EDITED_VALUE = "t3.open.natural", 8
TYPED_TOTAL, TYPED_VALUE = "t4.review.total", 99
PROBE_COL = 30            # column AD onwards: one probe cell per conditional-format rule
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def pos(table, cell_id):
    r, c = table.position_of(cell_id)
    return f"{get_column_letter(c + 1)}{r + xlsx.TOP}"


def filled_2021():
    rnd = random.Random(2021)
    report = new_report("2021", 2023, "某某市某某局", "市级部门")
    for spec in report.format.cells.values():
        if spec.computed or rnd.random() < 0.25:
            continue
        if spec.kind is CellKind.MONEY:
            report.set(spec.id, Decimal(rnd.randint(0, 10**6)) / 100)
        else:
            report.set(spec.id, rnd.randint(0, 40))
    return report


def spoil_cached_results(path):
    """Replace every cached formula result with 777, so only a recalculation gives the right totals."""
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    spoiled = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename.startswith("xl/worksheets/"):
                data, n = re.subn(rb'( t="str")?>(<f>[^<]*</f>)<v>[^<]*</v>', rb">\2<v>777</v>", data)
                spoiled += n
            z.writestr(info, data)
    assert spoiled


def sheet(wb, report, table_id):
    return wb[xlsx.table_sheet_names(report.format)[table_id]]


def add_probes(ws) -> list[tuple[str, str]]:
    """Copy every conditional-format formula into a cell, so LibreOffice evaluates it for us."""
    probes = []
    for i, (rng, rule) in enumerate((r, rule) for r in ws.conditional_formatting for rule in r.rules):
        ws.cell(1, PROBE_COL + i).value = "=" + rule.formula[0]
        probes.append((str(rng.sqref), f"{get_column_letter(PROBE_COL + i)}1"))
    return probes


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    src, out = tmp_path_factory.mktemp("xlsx_in"), tmp_path_factory.mktemp("xlsx_out")
    sample = storage.load(SAMPLE_GIK)
    cases = {"sample": sample, "filled": filled_2021()}
    for name, report in cases.items():
        xlsx.export(report, src / f"{name}.xlsx")
        spoil_cached_results(src / f"{name}.xlsx")

    # An edit made in a spreadsheet: one number changed, one total typed over.
    xlsx.export(sample, src / "edited.xlsx")
    wb = openpyxl.load_workbook(src / "edited.xlsx")
    t3, t4 = sample.format.table("t3"), sample.format.table("t4")
    sheet(wb, sample, "t3")[pos(t3, EDITED_CELL)] = EDITED_VALUE
    sheet(wb, sample, "t4")[pos(t4, TYPED_TOTAL)] = TYPED_VALUE
    probes = {tid: add_probes(sheet(wb, sample, tid)) for tid in ("t3", "t4")}
    wb.save(src / "edited.xlsx")
    edited = sample.copy()
    SetCells({EDITED_CELL: EDITED_VALUE}).apply(edited)     # as in the editor: the totals it fed are no longer printed
    cases["edited"] = edited

    profile = tmp_path_factory.mktemp("lo_profile")
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "xlsx", "--outdir", str(out), *(str(src / f"{n}.xlsx") for n in cases)],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    books = {n: openpyxl.load_workbook(out / f"{n}.xlsx", data_only=True) for n in cases}
    return cases, books, probes, out


def totals_in_sheet(report, wb):
    found = {}
    for table in report.format.tables:
        ws = sheet(wb, report, table.id)
        for s in table.sums:
            value = ws[pos(table, s.target)].value
            found[s.target] = None if value in (None, "") else value
    return found


@pytest.mark.parametrize("case", ["sample", "filled"])
def test_libreoffice_computes_every_total_as_the_core_does(converted, case):
    cases, books, _, _ = converted
    report = cases[case]
    expected = {k: (None if v is None else pytest.approx(float(v))) for k, v in compute_totals(report).items()}
    assert totals_in_sheet(report, books[case]) == expected


def test_totals_follow_a_number_changed_in_the_sheet(converted):
    cases, books, _, _ = converted
    edited = cases["edited"]
    found = totals_in_sheet(edited, books["edited"])
    found.pop(TYPED_TOTAL)
    expected = compute_totals(edited)
    expected.pop(TYPED_TOTAL)
    assert found == expected
    assert found["t3.total.natural"] == compute_totals(cases["sample"])["t3.total.natural"] + EDITED_VALUE - 5


def test_broken_identities_turn_exactly_their_cells_red(converted):
    """The T3-1 column identity breaks for 自然人 and 总计; the typed-over 复议 total breaks its group."""
    cases, books, probes, _ = converted
    sample = cases["sample"]
    t3, t4 = sample.format.table("t3"), sample.format.table("t4")
    red = set()
    for tid, table in (("t3", t3), ("t4", t4)):
        ws = sheet(books["edited"], sample, tid)
        for sqref, probe in probes[tid]:
            assert ws[probe].value in (True, False)
            if ws[probe].value:
                red.add(frozenset(sqref.split()))
    t31 = [frozenset(pos(t3, f"t3.{r}.{c}") for r in ("new", "carry_in", "total", "carry_out"))
           for c in ("natural", "total")]
    review = frozenset(pos(t4, f"t4.review.{c}") for c in ("upheld", "corrected", "other", "pending", "total"))
    assert red == {*t31, review}


@pytest.mark.parametrize("case", ["sample", "filled"])
def test_a_workbook_saved_again_by_libreoffice_reads_back_exactly(converted, case):
    cases, _, _, out = converted
    result = read_any(out / f"{case}.xlsx")
    assert result.report == cases[case]
    assert result.log == []


def test_an_edit_saved_by_libreoffice_is_read_back(converted):
    cases, _, _, out = converted
    result = read_any(out / "edited.xlsx")
    assert result.report.values == cases["edited"].values
    assert result.report.printed == {**cases["edited"].printed, TYPED_TOTAL: TYPED_VALUE}
    assert set(cases["sample"].printed) - set(result.report.printed) == {"t3.open.total", "t3.total.natural",
                                                                          "t3.total.total"}
