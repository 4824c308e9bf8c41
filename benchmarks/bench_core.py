"""Core speed: a full recompute and check of one report (it runs on every keystroke), open and save,
and `batch` over many reports. Each figure is a median; the reference is reading the same bytes as
plain JSON in the same run, so the ratio says what our checks cost on top of parsing."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import median_seconds, print_results  # noqa: E402

from gik_editor import storage  # noqa: E402
from gik_editor.carryover import new_from_last_year  # noqa: E402
from gik_editor.rules import check  # noqa: E402
from gik_editor.totals import compute_totals  # noqa: E402

SAMPLE = ROOT / "examples" / "honghe-2020.gik"



def full_2021_report():
    """A 2021-format report with every input cell filled (the worst case for the checks)."""
    report = new_from_last_year(storage.load(SAMPLE))
    for i, spec in enumerate(c for c in report.format.cells.values() if not c.computed):
        report.values[spec.id] = i % 7
    return report


def recompute(report) -> None:
    compute_totals(report)
    check(report)


def run(batch_size: int = 1000) -> dict:
    sample = storage.load(SAMPLE)
    full = full_2021_report()
    # The text rules are cached on the text; a keystroke in a table cell re-runs only the numbers,
    # a keystroke in the text re-runs the text rules once: measure both.
    recompute(full)
    cell_edit = median_seconds(lambda: (full.values.__setitem__("t3.new.natural", full.values["t3.new.natural"] + 1),
                                         recompute(full)), 2000)

    def text_edit():
        full.sections["一"].intro.text += "字"
        recompute(full)
    text = median_seconds(text_edit, 300)
    # A reviewed report: every finding marked 已核对, so each check also matches the marks.
    from gik_editor import reviews
    from gik_editor.totals import compute_totals as totals_of
    marked = full.copy()
    for f in check(marked):
        reviews.mark(marked, f, "已核对", {**marked.values, **totals_of(marked)}).apply(marked)
    recompute(marked)
    cell_marked = median_seconds(lambda: (marked.values.__setitem__("t3.new.natural", marked.values["t3.new.natural"] + 1),
                                           recompute(marked)), 1000)
    data = SAMPLE.read_bytes()
    load = median_seconds(lambda: storage.loads(data), 300)
    plain_json = median_seconds(lambda: json.loads(data), 300)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "r.gik"
        save = median_seconds(lambda: storage.save(sample, target), 100)
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(batch_size):
            storage.save(full if i % 2 else sample, folder / f"{i:04d}.gik")
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "gik_editor", "batch", str(folder)], cwd=ROOT,
                             capture_output=True, text=True)
        batch = time.perf_counter() - t
        assert out.stdout.count("\n") == batch_size + 1, out.stderr
    return {
        "cell_edit_recompute_ms": cell_edit * 1000,
        "text_edit_recompute_ms": text * 1000,
        "cell_edit_reviewed_recompute_ms": cell_marked * 1000,
        "open_ms": load * 1000,
        "open_vs_plain_json": load / plain_json,
        "save_ms": save * 1000,
        "batch_reports": batch_size,
        "batch_s": batch,
    }


if __name__ == "__main__":
    print_results(run())
