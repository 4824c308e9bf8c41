"""One cell edit in the table, as the clerk feels it: from the typed value to the repainted grid.

Each edit goes through the real path: the model parses the text, the document pushes an undo
command, recomputes every total and every rule, the model signals the changed cells and the
view repaints them. Medians over many edits, on the table 三 of a report with every cell filled
(the most cells and findings to repaint). The target is one frame at 60 Hz, 16 ms.

    python benchmarks/bench_edit.py
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_core import full_2021_report  # noqa: E402

from gik_editor.rules import check  # noqa: E402
from gik_editor.totals import compute_totals  # noqa: E402


def _median_ms(fn, repeat: int) -> float:
    times = []
    for i in range(repeat):
        t = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def run(repeat: int = 300) -> dict:
    from PySide6.QtWidgets import QApplication

    from ui.report_doc import ReportDocument
    from ui.table_view import ReportTableView

    app = QApplication.instance() or QApplication([])
    report = full_2021_report()
    doc = ReportDocument(report)
    view = ReportTableView(doc, "t3")
    view.resize(1200, 1000)
    view.show()
    app.processEvents()
    model = view.table_model
    # alternately break and mend the identity of the 自然人 column: the red cells change on every edit
    index = model.index_of("t3.carry_out.natural")
    base = report.values["t3.carry_out.natural"]

    def edit_and_paint(i: int) -> None:
        model.setData(index, str(base + i % 2))
        app.processEvents()               # the view paints the cells the model named

    def edit_and_full_repaint(i: int) -> None:
        model.setData(index, str(base + i % 2))
        view.viewport().repaint()         # worst case: the whole visible grid

    def recompute(i: int) -> None:
        report.values["t3.new.natural"] = i % 5
        compute_totals(report)
        check(report)

    edit_and_paint(1)
    return {
        "cell_edit_repaint_ms": _median_ms(edit_and_paint, repeat),
        "cell_edit_full_repaint_ms": _median_ms(edit_and_full_repaint, repeat // 3),
        "core_recompute_check_ms": _median_ms(recompute, repeat * 3),
        "undo_steps_made": doc.undo_stack.count(),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
