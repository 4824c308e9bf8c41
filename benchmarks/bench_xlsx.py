"""Excel export speed: the sample exported in one process (median of several runs), and, in the same
run, LibreOffice converting that same workbook to PDF (median of a few runs after a first start that
builds its profile), with the ratio of the two. Also the import of the workbook back into a report."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measure import libreoffice_to_pdf, median_seconds, print_results  # noqa: E402

from gik_editor import storage  # noqa: E402
from gik_editor.exporters import xlsx  # noqa: E402
from gik_editor.importers import xlsx as xlsx_import  # noqa: E402

SAMPLE = ROOT / "examples" / "honghe-2020.gik"
REPEAT = 9
LO_REPEAT = 3




def run() -> dict:
    sample = storage.load(SAMPLE)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        book = tmp / "sample.xlsx"
        xlsx.export(sample, book)                                         # warm: imports openpyxl once
        export_s = median_seconds(lambda: xlsx.export(sample, book), REPEAT)
        import_s = median_seconds(lambda: xlsx_import.read(book), REPEAT)
        result = {"xlsx_export_sample_s": export_s, "xlsx_import_sample_s": import_s,
                  "xlsx_size_kb": round(book.stat().st_size / 1024, 1)}
        lo = libreoffice_to_pdf(book, tmp, LO_REPEAT)
        if lo is not None:
            result["libreoffice_xlsx_to_pdf_s"] = lo
            result["xlsx_export_vs_libreoffice_ratio"] = export_s / lo
    return result


if __name__ == "__main__":
    print_results(run())
