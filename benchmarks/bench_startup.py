"""Start-up: process start → the editor window shown with the sample open, against a bare PySide6 window.

Both are started the same way (a fresh `python -c …`, offscreen, bytecode compiled, the clock
stopping at the first paint after the event loop starts) in the same run, alternately, several
times; the figures are medians. The editor is run through main.py with the sample, as a clerk
starts it; the bare window is packaging/reference_app.py, the same one bench_bundle.py bundles. Peak memory is the child's VmHWM at that moment (its own high-water mark: ru_maxrss
would also count the forked image of a large parent such as benchmarks/run.py).
Target: the editor within 1.3× the bare window. A third child, the bare window started after importing
what the editor's first frame needs, shows how much of that allowance the imports alone take.

    python benchmarks/bench_startup.py [--rounds N]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "honghe-2020.gik"
MAIN = ROOT / "main.py"
ROUNDS = 7

# Each child prints SHOWN once its window has been shown and painted, then quits.
SHOWN = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def shown():
    QApplication.processEvents()          # the first paint of the shown window
    try:
        hwm = next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        hwm = "-"
    print("SHOWN", hwm, flush=True)
    QApplication.quit()
"""

# Both are started through their own entry file (main.py with the sample, as a clerk starts the
# editor; packaging/reference_app.py, the bare window) with QApplication.exec wrapped, so the clock
# stops where each event loop has painted its window.
RUN = SHOWN + """
import runpy
import sys
_exec = QApplication.exec

def exec_then_shown(*_self):
    QTimer.singleShot(0, shown)
    return _exec()

QApplication.exec = exec_then_shown
sys.path.insert(0, {root!r})
sys.argv = {argv!r}
runpy.run_path(sys.argv[0], run_name="__main__")
"""
EDITOR = RUN.format(root=str(ROOT), argv=[str(MAIN), str(SAMPLE)])
BARE = RUN.format(root=str(ROOT), argv=[str(ROOT / "packaging" / "reference_app.py")])
# The floor under the ratio: the bare window, started after importing the modules the editor's first frame
# needs (the core, ui.app and what it imports, PySide6 building the enum types of the Qt classes they name),
# but building no editor window.
BARE_AFTER_IMPORTS = BARE.replace("runpy.run_path(", "import ui.app  # noqa: F401\nrunpy.run_path(")


def _start(script: str, env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from spawning the child to its SHOWN line, and its peak memory in MB (None where unknown)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", script], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    # A child that fails may sit in a modal error box (offscreen, unseen): do not wait for ever.
    watchdog = threading.Timer(60, child.kill)
    watchdog.start()
    line = child.stdout.readline().split()
    elapsed = time.perf_counter() - started
    watchdog.cancel()
    child.wait()
    child.stdout.close()
    if not line or line[0] != "SHOWN":
        raise RuntimeError("the child did not show its window")
    peak = int(line[1]) / 1024 if line[1:] and line[1].isdigit() else None      # kB → MB
    return elapsed, peak


def run(rounds: int = ROUNDS) -> dict:
    with tempfile.TemporaryDirectory(prefix="gik-bench-") as scratch:
        # A full-HD screen, so both windows get their preferred 1280×820 (the offscreen screen is 800×800,
        # where the editor shrinks to fit and the bare window does not).
        screen = Path(scratch) / "screen.json"
        screen.write_text(json.dumps({"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                                   "logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]}))
        # A private settings and data folder: no recovery prompt, no user's recent files.
        env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", XDG_DATA_HOME=f"{scratch}/data",
                   XDG_CONFIG_HOME=f"{scratch}/config", HOME=scratch, PYTHONPYCACHEPREFIX=f"{scratch}/pyc")
        # An installed editor starts from compiled .pyc files; the warm-up runs write them (outside the tree).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _start(BARE, env)                       # warm the disk cache for both
        _start(EDITOR, env)
        editor, bare, imports_only, editor_mem, bare_mem = [], [], [], [], []
        for _ in range(rounds):
            t, m = _start(BARE, env)
            bare.append(t)
            bare_mem.append(m)
            t, m = _start(EDITOR, env)
            editor.append(t)
            editor_mem.append(m)
            imports_only.append(_start(BARE_AFTER_IMPORTS, env)[0])
    result = {
        "startup_editor_s": statistics.median(editor),
        "startup_bare_s": statistics.median(bare),
        "startup_ratio": statistics.median(editor) / statistics.median(bare),
        "startup_bare_after_editor_imports_s": statistics.median(imports_only),
        "startup_imports_only_ratio": statistics.median(imports_only) / statistics.median(bare),
    }
    if None not in editor_mem + bare_mem:
        result["peak_memory_editor_mb"] = statistics.median(editor_mem)
        result["peak_memory_bare_mb"] = statistics.median(bare_mem)
        result["peak_memory_ratio"] = result["peak_memory_editor_mb"] / result["peak_memory_bare_mb"]
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    print(json.dumps(run(parser.parse_args().rounds), indent=1, ensure_ascii=False))
