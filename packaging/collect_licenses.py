"""Copies the licence files of the Python distributions a bundle ships into its licenses/ folder, beside
packaging/THIRD-PARTY-NOTICES.txt and the LGPL-3/GPL-3 texts, so each package carries the notices of
what it bundles. Used by tools/build-windows.sh (and usable by the Linux builds).

    python packaging/collect_licenses.py SITE_PACKAGES BUNDLE_FOLDER [PYTHON_LICENSE]
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

# Distribution names (as in their .dist-info folders, lower case) whose code is inside the bundle.
SHIPPED = ("pyside6_essentials", "pyside6_pdf", "shiboken6", "openpyxl", "et_xmlfile", "python_docx", "lxml",
           "reportlab", "pillow", "defusedxml", "charset_normalizer", "typing_extensions", "pyinstaller",
           "pdfplumber", "pdfminer_six", "cryptography", "cffi", "pycparser")
_LICENCE_STEMS = ("license", "licence", "copying", "notice", "authors")
# Qt for Python is offered under LGPL-3, GPL and a commercial licence; we use it under LGPL-3, whose text
# is licenses/LGPL-3.txt. Its wheels carry only the commercial licence's file, which does not apply.
LGPL_DISTS = ("pyside6_essentials", "pyside6_pdf", "shiboken6")
_NOT_OURS = ("licenseref-qt-commercial",)
PACKAGING = Path(__file__).resolve().parent


def _licence_files(dist_info: Path) -> list[Path]:
    found = [p for p in dist_info.rglob("*") if p.is_file() and p.name.lower().startswith(_LICENCE_STEMS)
             and not p.name.lower().startswith(_NOT_OURS)]
    return sorted(found)


def collect(site_packages: Path, bundle: Path, python_licence: Path | None = None) -> list[str]:
    """Fill bundle/licenses/ and put THIRD-PARTY-NOTICES.txt beside the program. Returns the
    distributions found; raises SystemExit if a shipped one has no licence file."""
    target = bundle / "licenses"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for text in ("LGPL-3.txt", "GPL-3.txt"):
        shutil.copy(PACKAGING / "licenses" / text, target / text)
    shutil.copy(PACKAGING / "THIRD-PARTY-NOTICES.txt", bundle / "THIRD-PARTY-NOTICES.txt")
    if python_licence is not None:
        (target / "python").mkdir()
        shutil.copy(python_licence, target / "python" / "LICENSE.txt")
    done = []
    for dist_info in sorted(site_packages.glob("*.dist-info")):
        name = dist_info.name.split("-")[0].lower()
        if name not in SHIPPED:
            continue
        files = _licence_files(dist_info)
        (target / name).mkdir()
        if name in LGPL_DISTS:
            (target / name / "LICENSE.txt").write_text(
                f"{dist_info.name[:-len('.dist-info')]}: GNU Lesser General Public License v3 (LGPL-3.0-only),\n"
                "full text in ../LGPL-3.txt (with ../GPL-3.txt, which it extends).\n", encoding="utf-8")
        elif not files:
            raise SystemExit(f"{dist_info.name}: 找不到许可证文件")
        for f in files:
            shutil.copy(f, target / name / f.name)
        done.append(name)
    missing = set(SHIPPED) - set(done)
    if missing:
        raise SystemExit(f"缺少这些软件包的许可证：{', '.join(sorted(missing))}")
    return done


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    if len(args) not in (2, 3):
        sys.exit(__doc__)
    print("licenses/: " + ", ".join(collect(*args)))
