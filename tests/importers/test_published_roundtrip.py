"""Any numbers, any blanks: what the web-page and Word exporters print reads back into the same report."""
import pytest
from clean_reports import as_printed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import values_for

from gik_editor import storage
from gik_editor.importers import read_any
from gik_editor.report import new_report
from gik_editor.totals import compute_totals


@st.composite
def filled(draw):
    fid = draw(st.sampled_from(["2019", "2021"]))
    year = 2020 if fid == "2019" else 2023
    report = new_report(fid, year, "某某县审计局", "县级部门")
    report.values = draw(values_for(fid))
    report.sections["一"].intro.text = "本年度工作稳步推进。"
    for part in report.sections["五"].parts:
        part.text = draw(st.sampled_from(["", "已完成。", "第一段。\n第二段。"]))
    return report


def _round_trip(tmp_path, report, exporter: str, suffix: str):
    import importlib
    out = tmp_path / f"out{suffix}"
    importlib.import_module(f"gik_editor.exporters.{exporter}").export(report, out)
    imported = read_any(out).report
    expected = as_printed(report)
    expected.printed = compute_totals(report)          # the printed copy shows the computed totals
    assert imported == expected
    assert storage.loads(storage.dumps(imported)) == imported


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filled())
def test_web_page_round_trip(tmp_path, report):
    _round_trip(tmp_path, report, "html", ".html")


@pytest.mark.slow                      # the Word exporter takes seconds per document
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filled())
def test_word_round_trip(tmp_path, report):
    _round_trip(tmp_path, report, "docx", ".docx")
