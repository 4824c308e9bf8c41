"""The licences of everything a program folder bundles, put beside it: one collector for every package we ship.

Used by tools/build.sh (the Linux folder), tools/build-windows.sh (the Windows folder and installer) and
tools/build-linux-compat.sh (the 信创 folder and .deb). It writes, in the layout
packaging/THIRD-PARTY-NOTICES.txt names: THIRD-PARTY-NOTICES.txt beside the program; licenses/LGPL-3.txt
and GPL-3.txt; licenses/python/ for CPython; licenses/<distribution>/ for every Python distribution the
program carries; with --debian-root, licenses/debian/<package>/copyright for every system library taken from
Debian's packages (GLib, D-Bus and the xcb family must be passed on with their licences); and
licenses/README.txt listing them all.

The distributions carried are the project's own dependencies (pyproject.toml, or the list a build installed
instead) and theirs, as installed in
the build's site-packages, and PyInstaller, whose bootloader starts the program: test and lint tools
installed beside them are not shipped and not listed, nor is a distribution the slimming leaves out
(packaging/bundle_slimming.py: pypdfium2). A carried distribution without a licence file
fails the build.

    python3 packaging/collect_licenses.py SITE_PACKAGES FOLDER --python-licence FILE --python TEXT
                                          [--debian-root ROOT] [--python-prefix DIR] [--requirements FILE]
"""
from __future__ import annotations

import argparse
import email
import email.message
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_slimming import EXCLUDED_MODULES  # noqa: E402  (beside this file, as PyInstaller's spec reads it)

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
_LICENCE_NAMES = ("licen", "copying", "notice", "authors")
# Qt for Python is offered under LGPL-3, GPL and a commercial licence; the program uses it under LGPL-3,
# whose text is licenses/LGPL-3.txt. Its wheels carry the commercial licence's file, which does not apply.
_QT_FOR_PYTHON = ("pyside6", "shiboken6")
_NOT_OURS = "licenseref-qt-commercial"
_BOOTLOADER = "pyinstaller"


def normalized(name: str) -> str:
    """A distribution's name as packaging tools compare them (PEP 503): python_docx = Python-Docx."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str | None:
    """The distribution a Requires-Dist line names, or None for an extra's optional one."""
    name, _, marker = requirement.partition(";")
    if "extra" in marker:
        return None
    found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", name)
    return normalized(found.group(1)) if found else None


def _installed(site: Path) -> dict[str, tuple[Path, email.message.Message]]:
    out = {}
    for info in sorted(site.glob("*.dist-info")):
        meta = email.message_from_bytes((info / "METADATA").read_bytes())
        out[normalized(meta["Name"] or info.name.split("-")[0])] = (info, meta)
    return out


def carried(site: Path, requirements: list[str] | None = None) -> list[str]:
    """The distributions the program carries: pyproject's dependencies (or the `requirements` a build
    installed instead, such as the 信创 build's PySide6-Addons for PySide6-Pdf), theirs (those installed:
    a marker for another platform leaves its package out of the site), and PyInstaller. SystemExit when
    one of the wanted distributions is not installed there."""
    installed = _installed(site)
    if requirements is None:
        requirements = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    wanted = [_requirement_name(r) for r in requirements] + [_BOOTLOADER]
    missing = [n for n in wanted if n and n not in installed]
    if missing:
        raise SystemExit(f"{site} 中缺少这些软件包：{', '.join(missing)}")
    seen: list[str] = []
    todo = [n for n in wanted if n]
    while todo:
        name = todo.pop(0)
        if name in seen or name not in installed or name.replace("-", "_") in EXCLUDED_MODULES:
            continue
        seen.append(name)
        if name != _BOOTLOADER:         # PyInstaller's own dependencies stay in the build
            todo += [n for r in installed[name][1].get_all("Requires-Dist") or [] if (n := _requirement_name(r))]
    return sorted(seen)


def _licence_text(meta: email.message.Message) -> str:
    licence = meta["License-Expression"] or meta["License"] or ""
    if len(licence) > 80 or not licence:       # some put the whole text in the field
        licence = "; ".join(c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                            if c.startswith("License ::")) or licence[:80]
    return licence


def python_distributions(site: Path, target: Path, requirements: list[str] | None = None) -> list[str]:
    """Copy each carried distribution's licence files to licenses/<name>/; one index line per distribution."""
    installed = _installed(site)
    lines = []
    for name in carried(site, requirements):
        info, meta = installed[name]
        folder = info.name.split("-")[0].lower()
        dest_dir = target / folder
        dest_dir.mkdir(parents=True, exist_ok=True)
        licence = _licence_text(meta)
        if folder.startswith(_QT_FOR_PYTHON):
            licence = "LGPL-3.0-only"
            (dest_dir / "LICENSE.txt").write_text(
                f"{meta['Name']} {meta['Version']}: GNU Lesser General Public License v3 (LGPL-3.0-only),\n"
                "full text in ../LGPL-3.txt (with ../GPL-3.txt, which it extends).\n", encoding="utf-8")
        # the files METADATA names (License-File, under .dist-info/licenses/ since metadata 2.4), and any
        # licence-like file of older wheels that do not name them
        named = [info / "licenses" / f for f in meta.get_all("License-File") or []]
        named += [info / f for f in meta.get_all("License-File") or []]
        named += [p for p in info.rglob("*") if p.name.lower().startswith(_LICENCE_NAMES)]
        for path in sorted({p for p in named if p.is_file()}):
            if path.name.lower().startswith(_NOT_OURS):
                continue
            rel = path.relative_to(info)
            rel = rel.relative_to("licenses") if rel.parts[0] == "licenses" and len(rel.parts) > 1 else rel
            (dest_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest_dir / rel)
        copied = sorted(str(p.relative_to(dest_dir)) for p in dest_dir.rglob("*") if p.is_file())
        if not copied:
            raise SystemExit(f"{meta['Name']}: 找不到许可证文件")
        shown = ", ".join(copied[:4]) + (f" and {len(copied) - 4} more" if len(copied) > 4 else "")
        lines.append(f"{meta['Name']} {meta['Version']}: {licence}  (licenses/{folder}/: {shown})")
    return lines


def system_libraries(debian_root: Path, folder: Path, target: Path, python_prefix: Path | None,
                     site: Path) -> list[str]:
    """For each library in the folder that a Debian package of `debian_root` installed, its copyright file.

    A library of the same name from the Python installation or a wheel (libpython, _cffi_backend) is
    theirs, not Debian's, even where a Debian package has a file of that name too."""
    theirs = {p.name for p in site.rglob("*.so*")}
    if python_prefix is not None:
        theirs |= {p.name for p in (python_prefix / "lib").glob("*.so*")}
    names = sorted({p.name for p in (folder / "_internal").glob("*.so*") if p.is_file()} - theirs)
    chroot = [] if debian_root == Path("/") else ["chroot", str(debian_root)]
    owners: dict[str, list[str]] = {}
    release = (debian_root / "etc/debian_version").read_text().strip().split(".")[0]
    for name in names:      # (where PyInstaller puts the system libraries it takes)
        found = subprocess.run([*chroot, "dpkg", "-S", f"*/{name}"], capture_output=True, text=True).stdout
        for line in found.splitlines()[:1]:
            owners.setdefault(line.split(":")[0], []).append(name)
    lines = []
    for package, libraries in sorted(owners.items()):
        source = debian_root / "usr/share/doc" / package / "copyright"
        if source.is_file():
            dest = target / "debian" / package / "copyright"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
        lines.append(f"{package} (Debian {release}): {', '.join(libraries)}  (licenses/debian/{package}/copyright)")
    return lines


def collect(site: Path, folder: Path, python_licence: Path, python: str, debian_root: Path | None = None,
            python_prefix: Path | None = None, requirements: list[str] | None = None) -> Path:
    """Fill folder/licenses/ and put THIRD-PARTY-NOTICES.txt beside the program; returns the index file."""
    target = folder / "licenses"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copyfile(PACKAGING / "THIRD-PARTY-NOTICES.txt", folder / "THIRD-PARTY-NOTICES.txt")
    for text in ("LGPL-3.txt", "GPL-3.txt"):
        shutil.copyfile(PACKAGING / "licenses" / text, target / text)
    (target / "python").mkdir()
    shutil.copyfile(python_licence, target / "python" / "LICENSE.txt")
    index = ["第三方组件及其许可证 / Third-party components and their licences (see ../THIRD-PARTY-NOTICES.txt)", "",
             f"{python}: PSF-2.0  (licenses/python/LICENSE.txt)",
             "WenQuanYi Micro Hei 文泉驿微米黑: Apache-2.0  (_internal/resources/fonts/LICENSE-wqy-microhei.txt)",
             "Qt 6 / PySide6 / shiboken6: LGPL-3.0-only  (licenses/LGPL-3.txt, licenses/GPL-3.txt)", "",
             "Python libraries in the program (PyInstaller: its bootloader starts the program):"]
    index += ["  " + line for line in python_distributions(site, target, requirements)]
    if debian_root is not None:
        index += ["", "System libraries taken from Debian, source at https://sources.debian.org/:"]
        index += ["  " + line for line in system_libraries(debian_root, folder, target, python_prefix, site)]
    readme = target / "README.txt"
    readme.write_text("\n".join(index) + "\n", encoding="utf-8")
    return readme


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the build's site-packages")
    parser.add_argument("folder", type=Path, help="the program folder")
    parser.add_argument("--python-licence", type=Path, required=True, help="CPython's LICENSE.txt")
    parser.add_argument("--python", required=True, help="which CPython the folder carries, in the index")
    parser.add_argument("--debian-root", type=Path, help="the Debian system the folder's libraries came from")
    parser.add_argument("--python-prefix", type=Path, help="a CPython not installed from Debian (its lib/ holds libpython)")
    parser.add_argument("--requirements", type=Path,
                        help="what the build installed instead of pyproject.toml's dependencies (one per line)")
    args = parser.parse_args(argv)
    requirements = None
    if args.requirements:
        requirements = [r.strip() for r in args.requirements.read_text("utf-8").splitlines()
                        if r.strip() and not r.lstrip().startswith("#")]
    readme = collect(args.site, args.folder, args.python_licence, args.python, args.debian_root, args.python_prefix,
                     requirements)
    print(f"licences: {sum(1 for p in readme.parent.rglob('*') if p.is_file())} files in {readme.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
