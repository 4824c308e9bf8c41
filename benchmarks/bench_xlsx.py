"""Excel export speed: the sample exported in one process (median of several runs), and, in the same
run, LibreOffice converting that same workbook to PDF (median of a few runs after a first start that
builds its profile), with the ratio of the two. Also the import of the workbook back into a report."""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gik_editor import storage  # noqa: E402
from gik_editor.exporters import xlsx  # noqa: E402
from gik_editor.importers import xlsx as xlsx_import  # noqa: E402

SAMPLE = ROOT / "examples" / "honghe-2020.gik"
REPEAT = 9
LO_REPEAT = 3


def _median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _libreoffice_to_pdf(book: Path, tmp: Path) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    cmd = [soffice, f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless",
           "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(book)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)      # first start builds the profile
    seconds = _median_seconds(lambda: subprocess.run(cmd, check=True, capture_output=True, timeout=300), LO_REPEAT)
    return seconds if (tmp / "lo" / f"{book.stem}.pdf").is_file() else None


def run() -> dict:
    sample = storage.load(SAMPLE)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        book = tmp / "sample.xlsx"
        xlsx.export(sample, book)                                         # warm: imports openpyxl once
        export_s = _median_seconds(lambda: xlsx.export(sample, book), REPEAT)
        import_s = _median_seconds(lambda: xlsx_import.read(book), REPEAT)
        result = {"xlsx_export_sample_s": export_s, "xlsx_import_sample_s": import_s,
                  "xlsx_size_kb": round(book.stat().st_size / 1024, 1)}
        lo = _libreoffice_to_pdf(book, tmp)
        if lo is not None:
            result["libreoffice_xlsx_to_pdf_s"] = lo
            result["xlsx_export_vs_libreoffice_ratio"] = export_s / lo
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
