"""The .deb of the 信创 folder in the UOS app-store layout (docs/packaging.md, 信创):

    /opt/apps/<appid>/files/                    the one folder
    /opt/apps/<appid>/entries/applications/     <appid>.desktop (办公 menu, Chinese name)
    /opt/apps/<appid>/entries/icons/hicolor/    the icon in every size of resources/icons
    /opt/apps/<appid>/entries/mime/packages/    the .gik file type
    /opt/apps/<appid>/info                      UOS's JSON description (appid, name, version, arch, permissions)
    /usr/bin/gik-editor and /usr/share/{applications,icons,mime}/…   links into /opt/apps, so that Kylin
                                                and Debian (which do not read /opt/apps) show the same entries
    /usr/share/doc/<appid>/copyright            the licences (Debian convention)

    python3 make_deb.py FOLDER OUT.deb --appid cn.gik-editor --version 0.1.0 --arch amd64 --work DIR
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT_DIR = Path(__file__).resolve().parents[2]
NAME = "政府信息公开年报编辑器"
MIME_TYPE = "application/x-gik-report"
# What the folder takes from the PC rather than carrying it (docs/packaging.md): the C library, the
# graphics drivers' GL/EGL, the X client library, libpng and libsystemd (bullseye's need glibc 2.29+),
# fontconfig's configuration and the keyboard tables. Package names as UOS 20 and Kylin V10 spell them.
DEPENDS = ("libc6 (>= 2.28), libgl1, libegl1, libxcb1, libpng16-16, libsystemd0, "
           "fontconfig-config, xkb-data")
# Printing to the PC's printers; the menu and file-type databases refreshed after install.
RECOMMENDS = "libcups2, shared-mime-info, desktop-file-utils"

# Only refresh the menu, MIME and icon caches, and only if the tools exist: nothing else is touched.
REFRESH = """#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true; fi
exit 0
"""


def _desktop_entry(appid: str) -> str:
    template = (ROOT_DIR / "packaging" / "linux" / "gik-editor.desktop").read_text(encoding="utf-8")
    text = template.replace("@PREFIX@", f"/opt/apps/{appid}/files")
    return text.replace("Icon=gik-editor", f"Icon={appid}")


def _icons(appid: str, entries: Path) -> list[str]:
    """hicolor/<n>x<n>/apps/<appid>.png for each gik-editor-<n>.png, the 256 one from gik-editor.png."""
    icons = ROOT_DIR / "resources" / "icons"
    sizes = {int(p.stem.rsplit("-", 1)[1]): p for p in icons.glob("gik-editor-*.png")}
    sizes[256] = icons / "gik-editor.png"
    placed = []
    for size, source in sorted(sizes.items()):
        rel = f"icons/hicolor/{size}x{size}/apps/{appid}.png"
        (entries / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, entries / rel)
        placed.append(rel)
    return placed


def _link(stage: Path, path: str, target: str) -> None:
    link = stage / path.lstrip("/")
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def _copyright(folder: Path, appid: str) -> str:
    parts = [f"{NAME} ({appid})", "",
             f"The program's third-party components and their licences; the full texts are in "
             f"/opt/apps/{appid}/files/licenses/ and /opt/apps/{appid}/files/_internal/resources/fonts/.", ""]
    for name in ("THIRD-PARTY-NOTICES.txt", "licenses/README.txt"):
        if (folder / name).is_file():
            parts += [(folder / name).read_text(encoding="utf-8"), ""]
    return "\n".join(parts)


def build(folder: Path, out: Path, appid: str, version: str, arch: str, work: Path, level: int = 1) -> Path:
    stage = work / "stage"
    if stage.exists():
        shutil.rmtree(stage)
    app = stage / "opt" / "apps" / appid
    app.mkdir(parents=True)
    # hard links: the folder is not copied twice on disk
    subprocess.run(["cp", "-al", str(folder), str(app / "files")], check=True)
    entries = app / "entries"
    (entries / "applications").mkdir(parents=True)
    (entries / "applications" / f"{appid}.desktop").write_text(_desktop_entry(appid), encoding="utf-8")
    (entries / "mime" / "packages").mkdir(parents=True)
    shutil.copyfile(ROOT_DIR / "packaging" / "linux" / "gik-editor-mime.xml", entries / "mime" / "packages" / f"{appid}.xml")
    icons = _icons(appid, entries)
    info = {"appid": appid, "name": NAME, "version": version, "arch": [arch],
            "permissions": {"autostart": False, "notification": False, "trayicon": False, "clipboard": True,
                            "account": False, "bluetooth": False, "camera": False, "audio_record": False,
                            "installed_apps": False}}
    (app / "info").write_text(json.dumps(info, ensure_ascii=False, indent=4) + "\n", encoding="utf-8")

    _link(stage, "/usr/bin/gik-editor", f"/opt/apps/{appid}/files/gik-editor")
    _link(stage, f"/usr/share/applications/{appid}.desktop", f"/opt/apps/{appid}/entries/applications/{appid}.desktop")
    _link(stage, f"/usr/share/mime/packages/{appid}.xml", f"/opt/apps/{appid}/entries/mime/packages/{appid}.xml")
    for rel in icons:
        _link(stage, f"/usr/share/{rel}", f"/opt/apps/{appid}/entries/{rel}")
    doc = stage / "usr" / "share" / "doc" / appid
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(_copyright(folder, appid), encoding="utf-8")

    control = stage / "DEBIAN"
    control.mkdir()
    size_kib = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    (control / "control").write_text(
        f"Package: {appid}\nVersion: {version}\nArchitecture: {arch}\n"
        f"Maintainer: gik-editor <gik-editor@users.noreply.invalid>\nInstalled-Size: {size_kib}\n"
        f"Depends: {DEPENDS}\nRecommends: {RECOMMENDS}\nSection: office\nPriority: optional\n"
        f"Description: {NAME}\n"
        " 编辑、检查、导出政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。\n"
        " Editor for China's annual government information disclosure reports:\n"
        " edit, check the official rules, export PDF, Excel, Word and HTML.\n", encoding="utf-8")
    for script in ("postinst", "postrm"):
        (control / script).write_text(REFRESH, encoding="utf-8")
        (control / script).chmod(0o755)
    sums = []
    for path in sorted(stage.rglob("*")):
        if path.is_file() and not path.is_symlink() and control not in path.parents:
            digest = hashlib.md5(path.read_bytes()).hexdigest()
            sums.append(f"{digest}  {path.relative_to(stage)}")
    (control / "md5sums").write_text("\n".join(sums) + "\n", encoding="utf-8")
    for path in [stage, *stage.rglob("*")]:
        if not path.is_symlink():
            mode = path.stat().st_mode
            path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)

    out.parent.mkdir(parents=True, exist_ok=True)
    # xz: UOS 20's and Kylin V10's dpkg (1.19) cannot read zstd. Level 1 by default: on 2 cores it
    # takes 45 s instead of nearly 4 minutes for level 6, for a .deb 14 % larger (59 MB instead of 52).
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{level}", "--build", str(stage), str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(stage)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="UOS-layout .deb of the 信创 folder")
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--appid", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--arch", required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--xz-level", type=int, default=1, choices=range(0, 10), help="0-9; 6 for the smallest .deb")
    args = parser.parse_args(argv)
    os.umask(0o022)
    deb = build(args.folder, args.out, args.appid, args.version, args.arch, args.work, args.xz_level)
    print(f"{deb}: {deb.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
