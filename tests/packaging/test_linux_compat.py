"""The 信创 build's own tools, without the chroot: the glibc floor check that makes the build fail, and
the .deb's UOS layout (app id, desktop entry, icons, MIME type, info, links on PATH, maintainer
scripts). tools/smoke-linux-compat.sh tests the real folder and .deb in a bullseye chroot (CI, root).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "packaging" / "linux-compat"
APPID = "cn.gik-editor"

needs_binutils = pytest.mark.skipif(shutil.which("objdump") is None, reason="needs objdump (binutils)")
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb (Debian)")


def run_tool(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOLS / script), *args], capture_output=True, text=True, timeout=120)


@needs_binutils
def test_glibc_floor_reports_the_highest_version_and_fails_above_the_limit(tmp_path: Path):
    shutil.copy("/bin/true", tmp_path / "prog")
    (tmp_path / "notes.txt").write_text("not an ELF file", encoding="utf-8")
    found = run_tool("glibc_floor.py", str(tmp_path), "--max", "99.0", "--json")
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert result["elf_files"] == 1
    major, minor = map(int, result["highest_glibc"].split("."))
    assert (major, minor) >= (2, 2)

    too_old = run_tool("glibc_floor.py", str(tmp_path), "--max", "2.0")
    assert too_old.returncode == 1
    assert "too new: prog: " in too_old.stdout and "@GLIBC_2." in too_old.stdout


def test_glibc_floor_refuses_a_folder_without_programs(tmp_path: Path):
    (tmp_path / "readme.txt").write_text("空", encoding="utf-8")
    result = run_tool("glibc_floor.py", str(tmp_path))
    assert result.returncode == 2 and result.stderr.startswith("错误：")


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    """A .deb made from a stand-in folder (a script for the program, the licence index)."""
    work = tmp_path_factory.mktemp("deb")
    folder = work / "gik-editor"
    (folder / "licenses").mkdir(parents=True)
    (folder / "gik-editor").write_text("#!/bin/sh\necho 政府信息公开年报编辑器\n", encoding="utf-8")
    (folder / "gik-editor").chmod(0o755)
    (folder / "licenses" / "README.txt").write_text("Qt 6 / PySide6: LGPL-3.0\n", encoding="utf-8")
    out = work / f"{APPID}_9.8.7_amd64.deb"
    made = run_tool("make_deb.py", str(folder), str(out), "--appid", APPID, "--version", "9.8.7",
                    "--arch", "amd64", "--work", str(work / "stage"))
    assert made.returncode == 0, made.stderr
    extracted = work / "root"
    subprocess.run(["dpkg-deb", "-R", str(out), str(extracted)], check=True)
    return extracted


@needs_dpkg
def test_deb_has_the_uos_app_layout(deb: Path):
    app = deb / "opt" / "apps" / APPID
    assert (app / "files" / "gik-editor").stat().st_mode & 0o111
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APPID and info["name"] == "政府信息公开年报编辑器"
    assert info["version"] == "9.8.7" and info["arch"] == ["amd64"]
    assert info["permissions"]["autostart"] is False and "clipboard" in info["permissions"]
    entry = (app / "entries" / "applications" / f"{APPID}.desktop").read_text(encoding="utf-8")
    assert "Name=政府信息公开年报编辑器" in entry and "Categories=Office;" in entry
    assert f"Exec=/opt/apps/{APPID}/files/gik-editor %f" in entry and f"Icon={APPID}" in entry
    assert "MimeType=application/x-gik-report;" in entry and "Comment=" in entry
    mime = (app / "entries" / "mime" / "packages" / f"{APPID}.xml").read_text(encoding="utf-8")
    assert 'glob pattern="*.gik"' in mime
    sizes = sorted(p.parts[-3] for p in (app / "entries" / "icons" / "hicolor").glob(f"*/apps/{APPID}.png"))
    assert {"16x16", "32x32", "48x48", "128x128", "256x256"} <= set(sizes)


@needs_dpkg
def test_deb_links_into_the_system_and_carries_the_licences(deb: Path):
    assert (deb / "usr" / "bin" / "gik-editor").readlink() == Path(f"/opt/apps/{APPID}/files/gik-editor")
    desktop = deb / "usr" / "share" / "applications" / f"{APPID}.desktop"
    assert desktop.readlink() == Path(f"/opt/apps/{APPID}/entries/applications/{APPID}.desktop")
    assert (deb / "usr" / "share" / "mime" / "packages" / f"{APPID}.xml").is_symlink()
    assert (deb / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APPID}.png").is_symlink()
    copyright_text = (deb / "usr" / "share" / "doc" / APPID / "copyright").read_text(encoding="utf-8")
    assert "LGPL-3.0" in copyright_text and f"/opt/apps/{APPID}/files/licenses/" in copyright_text


@needs_dpkg
def test_deb_control_and_scripts_do_nothing_surprising(deb: Path):
    control = (deb / "DEBIAN" / "control").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in control.splitlines() if line and not line.startswith(" "))
    assert fields["Package"] == APPID and fields["Version"] == "9.8.7" and fields["Architecture"] == "amd64"
    assert "libc6 (>= 2.28)" in fields["Depends"] and "libpng16-16" in fields["Depends"]
    assert fields["Section"] == "office"
    for script in ("postinst", "postrm"):
        text = (deb / "DEBIAN" / script).read_text(encoding="utf-8")
        commands = [line for line in text.splitlines()[1:] if line and line not in ("set -e", "exit 0")]
        # each line only refreshes a cache, and only when its tool is there
        assert all(line.startswith("if command -v update-") or line.startswith("if command -v gtk-update-icon-cache")
                   for line in commands), commands
        assert "rm " not in text
    assert not (deb / "DEBIAN" / "preinst").exists()
    md5sums = (deb / "DEBIAN" / "md5sums").read_text(encoding="utf-8")
    assert f"opt/apps/{APPID}/info" in md5sums
