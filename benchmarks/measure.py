"""What every benchmark needs: medians of repeated timings, LibreOffice as the reference, printing."""
from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def libreoffice_to_pdf(book: Path, tmp: Path, repeat: int = 3) -> float | None:
    """Median seconds for LibreOffice to turn `book` into a PDF; None where it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    cmd = [soffice, f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless",
           "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(book)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)      # first start builds the profile
    seconds = median_seconds(lambda: subprocess.run(cmd, check=True, capture_output=True, timeout=300), repeat)
    return seconds if (tmp / "lo" / f"{book.stem}.pdf").is_file() else None


def print_results(results: dict) -> None:
    for key, value in results.items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
