"""kill -9 the editor at random moments while a clerk is typing: after a restart the recovery copy
is offered and holds every edit older than 2 seconds."""
from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The real window, driven like a clerk: every 100 ms one cell edit and one keystroke of text.
# Each edit is logged with its wall-clock time *after* the editor has taken it.
EDITOR = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {root!r})
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gik_editor import storage
from ui.main_window import MainWindow
from ui.report_doc import ReportDocument
window = MainWindow(ReportDocument(storage.load({sample!r}), Path({sample!r})), recovery_folder=Path({folder!r}))
window.show()
log = open({log!r}, "a", buffering=1)
state = {{"i": 0}}

def edit():
    i = state["i"] = state["i"] + 1
    window.doc.set_cells({{"t3.new.natural": i}})
    intro = window.doc.report.sections["一"].intro.text
    window.doc.set_block_text("一", 0, intro + f"[{{i}}]")
    log.write(f"{{i}} {{time.time()}}\\n")

timer = QTimer()
timer.timeout.connect(edit)
timer.start(100)
print("ready", flush=True)
app.exec()
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_kill_9_at_random_moments_loses_nothing_older_than_2_seconds(tmp_path, qapp):
    from ui.autosave import find_orphans

    rng = random.Random(42)
    trials, kept = 8, 0
    for trial in range(trials):
        folder, log = tmp_path / f"recovery{trial}", tmp_path / f"edits{trial}.log"
        script = EDITOR.format(root=str(ROOT), sample=str(ROOT / "examples" / "honghe-2020.gik"),
                               folder=str(folder), log=str(log))
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(2.5, 5.0))
        killed_at = time.time()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        edits = [line.split() for line in log.read_text().splitlines()]
        must_have = max(int(i) for i, t in edits if float(t) <= killed_at - 2.0)
        orphans = find_orphans(folder)          # what the next start offers
        assert len(orphans) == 1, f"trial {trial}: no recovery copy offered"
        report = orphans[0].report
        orphans[0].release()
        got_cell = report.values["t3.new.natural"]
        got_text = [int(x) for x in re.findall(r"\[(\d+)\]", report.sections["一"].intro.text)]
        assert got_cell >= must_have and got_text[: must_have] == list(range(1, must_have + 1)), trial
        kept += 1
    print(f"\nkill -9 the editor: {kept}/{trials} trials kept every edit older than 2 s")
    assert kept == trials
