"""PDF export speed: the sample and a full 2021 report (median of several exports in one process), the
first export of a fresh process (imports and font loading included, what `export --pdf` costs), and,
where LibreOffice is installed, the ratio to LibreOffice converting our Excel export to PDF in the
same run — the other way an office would get a printable file. Target: under 0.5 s for a full report."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measure import libreoffice_to_pdf, median_seconds, print_results  # noqa: E402

from gik_editor import storage  # noqa: E402
from gik_editor.exporters import pdf  # noqa: E402
from gik_editor.formats import CellKind  # noqa: E402
from gik_editor.report import new_report  # noqa: E402

SAMPLE = ROOT / "examples" / "honghe-2020.gik"
REPEAT = 7



def full_2021_report():
    """Every cell filled and every sub-part with several paragraphs: about ten pages."""
    report = new_report("2021", 2023, "槜李市秀洲区人民政府办公室", "县级部门")
    for i, spec in enumerate(c for c in report.format.cells.values() if not c.computed):
        report.set(spec.id, Decimal("1234.56") if spec.kind is CellKind.MONEY else (i * 37) % 1000)
    for key, section in report.sections.items():
        section.intro.text = f"第{key}节的说明文字，写明本年度的基本情况和主要数字。" * 4
        for part in section.parts:
            part.text = "\n".join(["本年度我单位认真贯彻落实《中华人民共和国政府信息公开条例》，"
                                   "主动公开各类政府信息，依法办理依申请公开事项。" * 3] * 3)
    return report


def _first_export_in_a_fresh_process(out: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gik_editor", "export", str(SAMPLE), "--pdf", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - t


def _libreoffice_xlsx_to_pdf(report, tmp: Path) -> float | None:
    """Median seconds for LibreOffice to turn our Excel export into a PDF; None without either."""
    from gik_editor.exporters import xlsx
    book = tmp / "sample.xlsx"
    xlsx.export(report, book)
    return libreoffice_to_pdf(book, tmp)


def run() -> dict:
    sample = storage.load(SAMPLE)
    full = full_2021_report()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cold = _first_export_in_a_fresh_process(tmp / "cold.pdf")
        pdf.export(sample, tmp / "warm-up.pdf")
        sample_s = median_seconds(lambda: pdf.export(sample, tmp / "sample.pdf"), REPEAT)
        full_s = median_seconds(lambda: pdf.export(full, tmp / "full.pdf"), REPEAT)
        pages = pdf.render(full).count(b"/Type /Page\n")
        libreoffice = _libreoffice_xlsx_to_pdf(sample, tmp)
    result = {
        "pdf_sample_export_s": sample_s,
        "pdf_full_2021_export_s": full_s,
        "pdf_full_2021_pages": pages,
        "pdf_first_export_fresh_process_s": cold,
    }
    if libreoffice is not None:
        result["libreoffice_xlsx_to_pdf_s"] = libreoffice
        result["pdf_export_vs_libreoffice"] = sample_s / libreoffice
    return result


if __name__ == "__main__":
    print_results(run())
