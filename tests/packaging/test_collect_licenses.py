"""packaging/collect_licenses.py, the one collector of every package's licences: what it carries, what it leaves."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import collect_licenses  # noqa: E402

# What a build's site-packages holds: our dependencies and theirs, PyInstaller and its helpers, test tools.
SITE = {
    "PySide6_Essentials": ("LicenseRef-Qt-Commercial.txt", ["shiboken6 (==6.9.3)"]),
    "PySide6_Pdf": ("LicenseRef-Qt-Commercial.txt", ["PySide6-Essentials"]),
    "shiboken6": ("LicenseRef-Qt-Commercial.txt", []),
    "openpyxl": ("LICENCE.rst", ["et-xmlfile"]),
    "et_xmlfile": ("LICENCE.rst", []),
    "reportlab": ("LICENSE.txt", ["pillow>=9.0.0", "charset-normalizer", "rl_accel; extra == 'accel'"]),
    "pillow": ("LICENSE", []),
    "charset_normalizer": ("LICENSE", []),
    "python_docx": ("LICENSE", ["lxml>=3.1.0", "typing_extensions>=4.9.0"]),
    "lxml": ("LICENSE.txt", []),
    "typing_extensions": ("LICENSE", []),
    "defusedxml": ("LICENSE", []),
    "pdfplumber": ("LICENSE.txt", ["pdfminer.six==20250506", "Pillow>=9.1", "pypdfium2>=4.18.0"]),
    "pdfminer.six": ("LICENSE", ["charset-normalizer>=2.0.0", "cryptography>=36.0.0"]),
    "cryptography": ("LICENSE", ["cffi>=1.14; platform_python_implementation != 'PyPy'"]),
    "cffi": ("LICENSE", ["pycparser"]),
    "pycparser": ("LICENSE", []),
    "pypdfium2": ("LICENSE", []),                     # left out of every bundle (bundle_slimming.py)
    "pyinstaller": ("COPYING.txt", ["altgraph", "pyinstaller-hooks-contrib>=2025.1", "packaging>=22.0"]),
    "altgraph": ("LICENSE", []),
    "pyinstaller_hooks_contrib": ("LICENSE", []),
    "packaging": ("LICENSE", []),
    "pytest": ("LICENSE", ["pluggy"]),                # a test tool installed beside them
    "pluggy": ("LICENSE", []),
}
CARRIED = {"pyside6-essentials", "pyside6-pdf", "shiboken6", "openpyxl", "et-xmlfile", "reportlab", "pillow",
           "charset-normalizer", "python-docx", "lxml", "typing-extensions", "defusedxml", "pdfplumber",
           "pdfminer-six", "cryptography", "cffi", "pycparser", "pyinstaller"}


def make_site(tmp_path: Path, leave_out: str = "") -> Path:
    site = tmp_path / "site-packages"
    for name, (licence, requires) in SITE.items():
        info = site / f"{name}-1.0.dist-info"
        info.mkdir(parents=True)
        metadata = [f"Name: {name.replace('_', '-')}", "Version: 1.0", "License-Expression: MIT"]
        metadata += [f"Requires-Dist: {r}" for r in requires]
        (info / "METADATA").write_text("\n".join(metadata) + "\n")
        if name != leave_out:
            (info / licence).write_text(f"licence of {name}")
    return site


def test_the_program_carries_our_dependencies_theirs_and_pyinstaller_not_the_build_or_test_tools(tmp_path):
    assert set(collect_licenses.carried(make_site(tmp_path))) == CARRIED


def test_every_carried_distribution_has_its_licence_beside_the_program(tmp_path):
    folder = tmp_path / "gik-editor"
    python = tmp_path / "LICENSE.txt"
    python.write_text("PSF licence")
    readme = collect_licenses.collect(make_site(tmp_path), folder, python, "Python 3.11 (test)")
    notices = (ROOT / "packaging" / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    assert (folder / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8") == notices
    licenses = folder / "licenses"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (licenses / "LGPL-3.txt").read_text()
    assert (licenses / "python" / "LICENSE.txt").read_text() == "PSF licence"
    assert (licenses / "openpyxl" / "LICENCE.rst").read_text() == "licence of openpyxl"
    assert (licenses / "pdfminer.six" / "LICENSE").read_text() == "licence of pdfminer.six"
    # Qt for Python is used under LGPL-3: its commercial licence file is not shipped as if it applied
    assert not list(folder.rglob("LicenseRef-Qt-Commercial*"))
    assert "LGPL-3" in (licenses / "pyside6_essentials" / "LICENSE.txt").read_text()
    for not_shipped in ("pytest", "pluggy", "altgraph", "packaging", "pypdfium2"):
        assert not (licenses / not_shipped).exists(), not_shipped
    index = readme.read_text(encoding="utf-8")
    assert "Python 3.11 (test): PSF-2.0" in index and "WenQuanYi" in index
    assert sum(line.startswith("  ") for line in index.splitlines()) == len(CARRIED)


def test_a_carried_distribution_without_a_licence_file_fails_the_build(tmp_path):
    python = tmp_path / "LICENSE.txt"
    python.write_text("PSF licence")
    with pytest.raises(SystemExit, match="cffi"):
        collect_licenses.collect(make_site(tmp_path, leave_out="cffi"), tmp_path / "gik-editor", python, "Python")


def test_a_missing_dependency_fails_the_build(tmp_path):
    site = make_site(tmp_path)
    for info in site.glob("openpyxl-*.dist-info"):
        for f in info.iterdir():
            f.unlink()
        info.rmdir()
    with pytest.raises(SystemExit, match="openpyxl"):
        collect_licenses.carried(site)


def test_a_build_that_installed_other_distributions_names_them(tmp_path):
    """The 信创 build installs PySide6-Addons 6.9 (which holds QtPdf) instead of PySide6-Pdf: it passes its list."""
    site = make_site(tmp_path)
    info = site / "PySide6_Addons-6.9.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: PySide6_Addons\nVersion: 6.9.3\nRequires-Dist: PySide6-Essentials\n")
    (info / "LicenseRef-Qt-Commercial.txt").write_text("commercial")
    for f in (site / "PySide6_Pdf-1.0.dist-info").iterdir():
        f.unlink()
    (site / "PySide6_Pdf-1.0.dist-info").rmdir()
    with pytest.raises(SystemExit, match="pyside6-pdf"):
        collect_licenses.carried(site)
    wanted = ["PySide6-Essentials==6.9.3", "PySide6-Addons==6.9.3", "openpyxl>=3.1", "reportlab>=4.0",
              "python-docx>=1.1", "defusedxml>=0.7", "pdfplumber>=0.11", "pyinstaller>=6.0"]
    assert set(collect_licenses.carried(site, wanted)) == CARRIED - {"pyside6-pdf"} | {"pyside6-addons"}
