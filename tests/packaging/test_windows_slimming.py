"""The Windows folder's slimming keeps the C runtime beside python311.dll (issue 14), and the command
line's output never crashes on an encoding that cannot hold Chinese (a redirected Windows console on a
Western code page; an ASCII terminal). The Wine run of the real folder is tools/smoke-windows.sh."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_slimming  # noqa: E402

# What PyInstaller collects from the embeddable CPython 3.11 and PySide6's win_amd64 wheels: three
# VCRUNTIME140.dll, one beside the interpreter and one beside each of shiboken6's and Qt's DLLs.
LINKS = {
    "python311.dll": ["KERNEL32.dll", "VCRUNTIME140.dll"],
    "_ctypes.pyd": ["python311.dll", "libffi-8.dll", "VCRUNTIME140.dll"],
    "libffi-8.dll": ["VCRUNTIME140.dll"],
    "VCRUNTIME140.dll": ["KERNEL32.dll"],
    r"shiboken6\Shiboken.pyd": ["python3.dll", r"shiboken6.abi3.dll", "VCRUNTIME140.dll"],
    r"shiboken6\shiboken6.abi3.dll": ["python3.dll", "MSVCP140.dll", "VCRUNTIME140.dll"],
    r"shiboken6\MSVCP140.dll": ["VCRUNTIME140.dll"],
    r"shiboken6\VCRUNTIME140.dll": ["KERNEL32.dll"],
    r"PySide6\QtCore.pyd": ["Qt6Core.dll", "shiboken6.abi3.dll", "pyside6.abi3.dll", "VCRUNTIME140.dll"],
    r"PySide6\pyside6.abi3.dll": ["Qt6Core.dll", "VCRUNTIME140.dll", "VCRUNTIME140_1.dll"],
    r"PySide6\Qt6Core.dll": ["icuuc.dll", "MSVCP140.dll", "VCRUNTIME140.dll", "VCRUNTIME140_1.dll"],
    r"PySide6\MSVCP140.dll": ["VCRUNTIME140.dll"],
    r"PySide6\VCRUNTIME140.dll": ["KERNEL32.dll"],
    r"PySide6\VCRUNTIME140_1.dll": ["KERNEL32.dll"],
    r"PySide6\Qt6Network.dll": ["Qt6Core.dll", "VCRUNTIME140.dll"],            # linked by nothing kept
    r"PySide6\plugins\platforms\qwindows.dll": ["Qt6Core.dll", "mscms.dll", "VCRUNTIME140.dll"],
    r"PySide6\plugins\platforms\qdirect2d.dll": ["Qt6Core.dll"],
    r"PySide6\plugins\imageformats\qjpeg.dll": ["Qt6Core.dll"],
}


def _kind(dest: str) -> str:
    return "EXTENSION" if dest.endswith(".pyd") else "BINARY"


@pytest.fixture
def windows_analysis(monkeypatch):
    monkeypatch.setattr(bundle_slimming, "_linked_names", lambda src: LINKS[src])
    monkeypatch.setattr(bundle_slimming.sys, "platform", "win32")
    binaries = [(dest, dest, _kind(dest)) for dest in LINKS]
    datas = [(r"PySide6\translations\qtbase_zh_CN.qm", "zh", "DATA"),
             (r"PySide6\translations\qtbase_de.qm", "de", "DATA")]
    return SimpleNamespace(binaries=binaries, datas=datas)


def test_every_copy_of_the_c_runtime_stays(windows_analysis):
    dropped = bundle_slimming.slim(windows_analysis)
    kept = {dest for dest, _src, _kind in windows_analysis.binaries}
    # The bootloader loads python311.dll from _internal\: its VCRUNTIME140.dll must sit right there
    # on a PC without the Visual C++ redistributable.
    for needed in ("python311.dll", "VCRUNTIME140.dll", r"shiboken6\VCRUNTIME140.dll",
                   r"PySide6\VCRUNTIME140.dll", r"PySide6\VCRUNTIME140_1.dll", r"shiboken6\MSVCP140.dll",
                   r"PySide6\MSVCP140.dll", r"PySide6\plugins\platforms\qwindows.dll"):
        assert needed in kept, needed
    # and the slimming still slims: unused plugins, catalogues and what only they linked go
    assert set(dropped) == {r"PySide6\Qt6Network.dll", r"PySide6\plugins\platforms\qdirect2d.dll",
                            r"PySide6\plugins\imageformats\qjpeg.dll", r"PySide6\translations\qtbase_de.qm"}


def test_a_library_linked_from_two_folders_is_kept_in_both(windows_analysis):
    """Whichever copy the walk meets first, the other one is not an orphan."""
    windows_analysis.binaries.reverse()
    bundle_slimming.slim(windows_analysis)
    kept = {dest for dest, _src, _kind in windows_analysis.binaries}
    assert {"VCRUNTIME140.dll", r"PySide6\VCRUNTIME140.dll", r"shiboken6\VCRUNTIME140.dll"} <= kept


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
def test_cli_output_never_crashes_on_encoding(encoding: str, tmp_path: Path):
    """Output redirected into a file on a Western code page (the Wine smoke does it with the real .exe),
    or a terminal that is not UTF-8: the report is checked, the exit code is right, no traceback."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    sample = ROOT / "examples" / "honghe-2020.gik"
    with open(tmp_path / "out.txt", "wb") as out:
        checked = subprocess.run([sys.executable, "-m", "gik_editor", "validate", str(sample)], cwd=ROOT, env=env,
                                 stdout=out, stderr=subprocess.PIPE, timeout=120)
    assert checked.returncode == 0, checked.stderr.decode(encoding, "replace")
    assert b"Traceback" not in checked.stderr
    assert "0?" in (tmp_path / "out.txt").read_text(encoding)          # 0个错误, its Chinese as ?
    broken = tmp_path / "坏.gik"
    broken.write_bytes(b"\xff not a report")
    refused = subprocess.run([sys.executable, "-m", "gik_editor", "validate", str(broken)], cwd=ROOT, env=env,
                             capture_output=True, timeout=120)
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr
