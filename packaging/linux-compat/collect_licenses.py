"""The licences of everything the 信创 folder carries, gathered from the build chroot into the folder:
THIRD-PARTY-NOTICES.txt (the project's summary, packaging/THIRD-PARTY-NOTICES.txt, when present)
and licenses/ with each Python distribution's own licence files, CPython's licence, and the Debian
copyright file of every system library bundled from the chroot (LGPL libraries such as GLib, D-Bus
and the xcb family must be named with their licence where they are passed on).

    python3 collect_licenses.py BUILD_ROOT FOLDER
"""
from __future__ import annotations

import email
import shutil
import subprocess
import sys
from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parents[2]
SITE = "opt/python3.11/lib/python3.11/site-packages"
_LICENCE_NAMES = ("licen", "copying", "notice", "authors")
# Installed for the build only; nothing of them is in the folder.
_BUILD_ONLY = {"pip", "setuptools", "wheel", "altgraph", "pyinstaller-hooks-contrib", "packaging"}


def _python_distributions(root: Path, target: Path) -> list[str]:
    """Copy each installed distribution's licence files; one index line per distribution."""
    lines = []
    for info in sorted((root / SITE).glob("*.dist-info")):
        meta = email.message_from_bytes((info / "METADATA").read_bytes())
        name, version = meta["Name"], meta["Version"]
        if name.lower().replace("_", "-") in _BUILD_ONLY:
            continue
        licence = meta["License-Expression"] or meta["License"] or ""
        if len(licence) > 80 or not licence:       # some put the whole text in the field
            licence = "; ".join(c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                                if c.startswith("License ::")) or licence[:80]
        copied = []
        for path in sorted(info.rglob("*")):
            if path.is_file() and path.name.lower().startswith(_LICENCE_NAMES):
                dest = target / "python" / name / path.relative_to(info)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
                copied.append(str(dest.relative_to(target)))
        lines.append(f"{name} {version}: {licence}" + (f"  ({', '.join(copied)})" if copied else ""))
    return lines


def _system_libraries(root: Path, folder: Path, target: Path) -> list[str]:
    """For each library copied from the chroot's Debian packages, that package's copyright file."""
    names = sorted({p.name for p in (folder / "_internal").glob("*.so*") if p.is_file()})
    owners: dict[str, list[str]] = {}
    for name in names:
        found = subprocess.run(["chroot", str(root), "dpkg", "-S", f"*/{name}"], capture_output=True,
                               text=True).stdout
        for line in found.splitlines():
            package = line.split(":")[0]
            owners.setdefault(package, []).append(name)
            break
    lines = []
    for package, libraries in sorted(owners.items()):
        source = root / "usr/share/doc" / package / "copyright"
        if source.is_file():
            dest = target / "debian" / package / "copyright"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
        lines.append(f"{package} (Debian 11): {', '.join(libraries)}  (debian/{package}/copyright)")
    return lines


def main(argv: list[str]) -> int:
    root, folder = Path(argv[0]), Path(argv[1])
    target = folder / "licenses"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    notices = ROOT_DIR / "packaging" / "THIRD-PARTY-NOTICES.txt"
    if notices.is_file():
        shutil.copyfile(notices, folder / "THIRD-PARTY-NOTICES.txt")
    shutil.copyfile(root / "opt/python3.11/lib/python3.11/LICENSE.txt", target / "CPython-LICENSE.txt")
    index = ["第三方组件及其许可证 / Third-party components and their licences", "",
             "Python 3.11 (CPython): PSF-2.0  (CPython-LICENSE.txt)",
             "WenQuanYi Micro Hei 文泉驿微米黑: Apache-2.0  (_internal/resources/fonts/LICENSE-wqy-microhei.txt)",
             "Qt 6 / PySide6 / Shiboken6: LGPL-3.0 (the PySide6 and shiboken6 lines below; "
             "Qt's source: https://download.qt.io/official_releases/qt/)", "",
             "Python libraries in the program (PyInstaller: its bootloader starts the program):"]
    index += ["  " + line for line in _python_distributions(root, target)]
    index += ["", "System libraries taken from Debian 11 (bullseye), source at https://sources.debian.org/:"]
    index += ["  " + line for line in _system_libraries(root, folder, target)]
    (target / "README.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"licences: {sum(1 for p in target.rglob('*') if p.is_file())} files in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
