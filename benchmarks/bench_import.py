"""Import speed: a published report read in-process from a portal page, a Word file, text (the sample's
TAB style and columns of spaces) and a 10-page PDF (median of several imports; the first PDF import of a
process, which loads pdfplumber, apart), and `batch` over 200 mixed files (.gik, .docx, .html, .txt, .xlsx,
.pdf) as the command line runs it. Targets: ≤ 0.1 s for .html/.docx/.txt, ≤ 0.5 s for a 10-page PDF,
≤ 30 s for the batch."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_pdf import full_2021_report  # noqa: E402
from importers.text_shapes import as_text  # noqa: E402
from measure import median_seconds, print_results  # noqa: E402

from gik_editor import storage  # noqa: E402
from gik_editor.exporters import pdf, xlsx  # noqa: E402
from gik_editor.importers import read_any  # noqa: E402

PUBLISHED = ROOT / "tests" / "data" / "published"
SAMPLE = ROOT / "examples" / "honghe-2020.gik"
REPEAT = 9


def _pages(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as document:
        return len(document.pages)


def _ten_pages(path: Path) -> None:
    """A full 2021 report (every cell filled) cut down to ten pages of our PDF export."""
    report = full_2021_report()
    parts = [b for s in report.sections.values() for b in s.blocks() if b.text]
    pdf.export(report, path)
    while _pages(path) > 10 and parts:
        parts.pop().text = ""
        pdf.export(report, path)


def run(batch_size: int = 200) -> dict:
    sample = storage.load(SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        spaces = tmp / "spaces.txt"
        spaces.write_text(as_text(sample, "spaces"), encoding="utf-8")
        ten = tmp / "ten.pdf"
        _ten_pages(ten)
        t = time.perf_counter()
        read_any(ten)                                    # loads pdfplumber and pdfminer
        first_pdf = time.perf_counter() - t
        results = {
            "import_html_s": median_seconds(lambda: read_any(PUBLISHED / "honghe-2020.html"), REPEAT),
            "import_docx_s": median_seconds(lambda: read_any(PUBLISHED / "honghe-2020.docx"), REPEAT),
            "import_txt_s": median_seconds(lambda: read_any(ROOT / "tests" / "data" / "honghe-2020.txt"), REPEAT),
            "import_txt_spaces_s": median_seconds(lambda: read_any(spaces), REPEAT),
            "import_pdf_pages": _pages(ten),
            "import_pdf_10_pages_s": median_seconds(lambda: read_any(ten), 5),
            "import_pdf_first_in_process_s": first_pdf,
        }
        folder = tmp / "reports"
        folder.mkdir()
        sources = [PUBLISHED / "honghe-2020.html", PUBLISHED / "honghe-2020.docx", PUBLISHED / "shiqiao-2022.txt"]
        small_pdf = tmp / "sample.pdf"
        pdf.export(sample, small_pdf)
        book = tmp / "sample.xlsx"
        xlsx.export(sample, book)
        for i in range(batch_size):
            kind = i % 6
            if kind == 0:
                storage.save(sample, folder / f"{i:03d}.gik")
            elif kind <= 3:
                shutil.copy(sources[kind - 1], folder / f"{i:03d}{sources[kind - 1].suffix}")
            elif kind == 4:
                shutil.copy(book, folder / f"{i:03d}.xlsx")
            else:
                shutil.copy(small_pdf, folder / f"{i:03d}.pdf")
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "gik_editor", "batch", str(folder)], cwd=ROOT,
                             capture_output=True, text=True)
        results["batch_200_mixed_s"] = time.perf_counter() - t
        assert out.stdout.count("\n") == batch_size + 1, out.stderr
        assert "0份无法读取" in out.stdout, out.stdout[-500:]
    return results


if __name__ == "__main__":
    print_results(run())
