"""The shipped folder: size of dist/gik-editor/ and its start-up time to the window shown, against the
smallest PySide6 window (a QTabWidget, packaging/reference_app.py) bundled the same way
(packaging/reference.spec: same PyInstaller, one folder, same slimming). Also the sizes without the
slimming (GIK_NO_SLIM=1), to show what it saves.

Start-up is timed on a virtual X screen through the real xcb platform, from launch until the window
is mapped; runs of the two programs alternate and each figure is a median. The processor time the
program had used by then is reported too: on a busy machine it varies less than the wall clock.

    python benchmarks/bench_bundle.py        (builds what is missing or stale; a few minutes)
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

from xvfb_window import Xvfb, launch_until_shown, stop  # noqa: E402

BENCH = ROOT / "build" / "bench"
SAMPLE = ROOT / "examples" / "honghe-2020.gik"


def folder_mb(path: Path) -> float:
    """What the folder takes on disk once copied: its files' sizes (links counted as nothing)."""
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def build_editor() -> Path:
    subprocess.run(["bash", str(ROOT / "tools" / "build.sh")], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return ROOT / "dist" / "gik-editor"


def _pyinstaller(spec: Path, name: str, folder: str, slim: bool) -> Path:
    env = dict(os.environ)
    env.pop("GIK_NO_SLIM", None)
    if not slim:
        env["GIK_NO_SLIM"] = "1"
    out = BENCH / folder
    env["PYINSTALLER_CONFIG_DIR"] = str(out / "cache")    # not the shared ~/.cache (see tools/build.sh)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(spec)],
                   check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out / "dist" / name


def startup_times(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """name → (median seconds to the window shown, median processor seconds by then)."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    # A full-HD screen: both windows get their preferred 1280×820 (the editor shrinks to fit a smaller one).
    with Xvfb("1920x1080") as xvfb, tempfile.TemporaryDirectory() as tmp:
        for i in range(runs + 1):                   # the first round only warms the disk cache
            for name, cmd in commands.items():
                home = Path(tmp) / f"{name}-{i}"  # a fresh user: no settings, no recovery copies
                env = xvfb.env(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
                launch = launch_until_shown(xvfb, cmd, env=env)
                stop(launch.proc)
                if i:
                    walls[name].append(launch.seconds)
                    cpus[name].append(launch.cpu_seconds)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands}


def run(runs: int = 15) -> dict:
    editor = build_editor()
    reference = _pyinstaller(ROOT / "packaging" / "reference.spec", "reference", "reference-slim", slim=True)
    reference_plain = _pyinstaller(ROOT / "packaging" / "reference.spec", "reference", "reference-plain", slim=False)
    editor_plain = _pyinstaller(ROOT / "build.spec", "gik-editor", "editor-plain", slim=False)
    times = startup_times({
        "reference": [str(reference / "reference")],
        "editor": [str(editor / "gik-editor")],
        "editor_sample": [str(editor / "gik-editor"), str(SAMPLE)],
    }, runs)
    ref_wall, ref_cpu = times["reference"]
    return {
        "bundle_mb": folder_mb(editor),
        "bundle_unslimmed_mb": folder_mb(editor_plain),
        "reference_bundle_mb": folder_mb(reference),
        "reference_unslimmed_mb": folder_mb(reference_plain),
        "bundle_vs_reference": folder_mb(editor) / folder_mb(reference),
        "reference_startup_s": ref_wall,
        "startup_s": times["editor"][0],
        "startup_ratio": times["editor"][0] / ref_wall,
        "startup_sample_s": times["editor_sample"][0],
        "startup_sample_ratio": times["editor_sample"][0] / ref_wall,
        "startup_cpu_ratio": times["editor"][1] / ref_cpu,
        "startup_sample_cpu_ratio": times["editor_sample"][1] / ref_cpu,
        "startup_runs": runs,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
