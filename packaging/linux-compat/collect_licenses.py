"""The licences of everything the 信创 folder carries, gathered from the build chroot into the folder in
the layout packaging/THIRD-PARTY-NOTICES.txt names (as packaging/collect_licenses.py does for Windows):
THIRD-PARTY-NOTICES.txt beside the program, licenses/LGPL-3.txt and GPL-3.txt, licenses/python/ for
CPython, licenses/<distribution>/ for every Python distribution in the build's site-packages (so new
dependencies are never forgotten), and, Linux only, licenses/debian/<package>/copyright for every system
library bundled from the chroot (GLib, D-Bus and the xcb family must be passed on with their licences),
with licenses/README.txt listing them all.

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
_QT_FOR_PYTHON = ("pyside6", "shiboken6")


def _python_distributions(root: Path, target: Path) -> list[str]:
    """Copy each shipped distribution's licence files to licenses/<name>/ (the layout
    THIRD-PARTY-NOTICES.txt names); one index line per distribution."""
    lines = []
    for info in sorted((root / SITE).glob("*.dist-info")):
        meta = email.message_from_bytes((info / "METADATA").read_bytes())
        name, version = meta["Name"], meta["Version"]
        if name.lower().replace("_", "-") in _BUILD_ONLY:
            continue
        folder = info.name.split("-")[0].lower()
        dest_dir = target / folder
        dest_dir.mkdir(parents=True, exist_ok=True)
        licence = meta["License-Expression"] or meta["License"] or ""
        if len(licence) > 80 or not licence:       # some put the whole text in the field
            licence = "; ".join(c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                                if c.startswith("License ::")) or licence[:80]
        if folder.startswith(_QT_FOR_PYTHON):
            # offered under LGPL-3, GPL and a commercial licence; used here under LGPL-3
            licence = "LGPL-3.0-only"
            (dest_dir / "LICENSE.txt").write_text(
                f"{name} {version}: GNU Lesser General Public License v3 (LGPL-3.0-only),\n"
                "full text in ../LGPL-3.txt (with ../GPL-3.txt, which it extends).\n", encoding="utf-8")
        # the files METADATA names (License-File, under .dist-info/licenses/ since metadata 2.4), and
        # any licence-like file of older wheels that do not name them
        named = [info / "licenses" / f for f in meta.get_all("License-File") or []]
        named += [info / f for f in meta.get_all("License-File") or []]
        named += [p for p in info.rglob("*") if p.name.lower().startswith(_LICENCE_NAMES)]
        for path in sorted({p for p in named if p.is_file()}):
            if path.name.lower().startswith("licenseref-qt-commercial"):
                continue
            rel = path.relative_to(info)
            rel = rel.relative_to("licenses") if rel.parts[0] == "licenses" and len(rel.parts) > 1 else rel
            (dest_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest_dir / rel)
        copied = sorted(str(p.relative_to(dest_dir)) for p in dest_dir.rglob("*") if p.is_file())
        if not copied:
            raise SystemExit(f"{name}: 找不到许可证文件")
        shown = ", ".join(copied[:4]) + (f" and {len(copied) - 4} more" if len(copied) > 4 else "")
        lines.append(f"{name} {version}: {licence}  (licenses/{folder}/: {shown})")
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
        lines.append(f"{package} (Debian 11): {', '.join(libraries)}  (licenses/debian/{package}/copyright)")
    return lines


def main(argv: list[str]) -> int:
    root, folder = Path(argv[0]), Path(argv[1])
    target = folder / "licenses"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copyfile(ROOT_DIR / "packaging" / "THIRD-PARTY-NOTICES.txt", folder / "THIRD-PARTY-NOTICES.txt")
    for text in ("LGPL-3.txt", "GPL-3.txt"):
        shutil.copyfile(ROOT_DIR / "packaging" / "licenses" / text, target / text)
    (target / "python").mkdir()
    shutil.copyfile(root / "opt/python3.11/lib/python3.11/LICENSE.txt", target / "python" / "LICENSE.txt")
    index = ["第三方组件及其许可证 / Third-party components and their licences (see ../THIRD-PARTY-NOTICES.txt)", "",
             "Python 3.11 (CPython, compiled from Debian 12's python3.11 source): PSF-2.0  (licenses/python/LICENSE.txt)",
             "WenQuanYi Micro Hei 文泉驿微米黑: Apache-2.0  (_internal/resources/fonts/LICENSE-wqy-microhei.txt)",
             "Qt 6 / PySide6 / shiboken6: LGPL-3.0-only  (licenses/LGPL-3.txt, licenses/GPL-3.txt)", "",
             "Python libraries in the program (PyInstaller: its bootloader starts the program):"]
    index += ["  " + line for line in _python_distributions(root, target)]
    index += ["", "System libraries taken from Debian 11 (bullseye), source at https://sources.debian.org/:"]
    index += ["  " + line for line in _system_libraries(root, folder, target)]
    (target / "README.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"licences: {sum(1 for p in target.rglob('*') if p.is_file())} files in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
