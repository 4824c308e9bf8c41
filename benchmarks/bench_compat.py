"""The 信创 Linux build (tools/build-linux-compat.sh, root and about 10 minutes, so it is not run from
here): the folder's and the .deb's size and the highest glibc version any of its ELF files needs, as
recorded by the build in dist/linux-compat-buildinfo.json. The ratio is the folder against the
Debian 12 folder of bench_bundle (same spec and slimming; Qt 6.9 instead of 6.12).

    sudo bash tools/build-linux-compat.sh && python benchmarks/bench_compat.py
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDINFO = ROOT / "dist" / "linux-compat-buildinfo.json"


def run() -> dict:
    if not BUILDINFO.is_file():
        raise FileNotFoundError(f"{BUILDINFO} missing: run sudo bash tools/build-linux-compat.sh first")
    info = json.loads(BUILDINFO.read_text(encoding="utf-8"))
    result = {"compat_folder_mb": info["folder_bytes"] / 1e6, "compat_deb_mb": info["deb_bytes"] / 1e6,
              "compat_highest_glibc": info["highest_glibc"], "compat_elf_files": info["elf_files"],
              "compat_pyside6": info["pyside6"], "compat_build_s": info["build_seconds"]}
    native = ROOT / "dist" / "gik-editor"
    if native.is_dir():
        native_bytes = sum(p.stat().st_size for p in native.rglob("*") if p.is_file() and not p.is_symlink())
        result["compat_vs_native_folder"] = info["folder_bytes"] / native_bytes
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
