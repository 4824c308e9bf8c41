"""A fingerprint of everything that goes into dist/gik-editor/, so a bundle can be reused while it is current.

tools/build.sh writes it to dist/gik-editor.stamp after a successful build; the CI smoke test
rebuilds only when the stamp differs. Run: python packaging/source_stamp.py
"""
from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("main.py", "build.spec", "pyproject.toml", "packaging/bundle_slimming.py", "packaging/collect_licenses.py",
          "packaging/THIRD-PARTY-NOTICES.txt", "packaging/licenses", "packaging/linux",
          "packaging/rthook_input_method.py", "gik_editor", "ui", "resources", "examples",
          "docs/user-guide.md", "docs/screenshots/三.png", "docs/screenshots/问题提示.png")
TOOLS = ("pyinstaller", "PySide6-Essentials", "PySide6-Pdf", "openpyxl", "reportlab", "python-docx")


def _files() -> list[Path]:
    out = []
    for name in INPUTS:
        path = ROOT / name
        found = [path] if path.is_file() else sorted(path.rglob("*"))
        out += [p for p in found if p.is_file() and "__pycache__" not in p.parts]
    return out


def stamp() -> str:
    h = hashlib.sha256(sys.version.encode())
    for tool in TOOLS:
        try:
            h.update(f"{tool}={metadata.version(tool)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{tool}=none".encode())
    for path in _files():
        h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


if __name__ == "__main__":
    print(stamp())
