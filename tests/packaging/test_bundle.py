"""The shipped folder dist/gik-editor/ (issue 7), used as on an office PC: no Python on PATH, no
source tree, a virtual X screen through the real xcb platform, and a PC with no Chinese font.

tools/build.sh builds it, or reuses it while nothing that goes into it changed. Screenshots are
left in build/smoke/ for a person to look at.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from xvfb_window import Xvfb, launch_until_shown, stop  # noqa: E402

pytestmark = pytest.mark.slow

BUNDLE = ROOT / "dist" / "gik-editor"
SAMPLE = ROOT / "examples" / "honghe-2020.gik"
SHOTS = ROOT / "build" / "smoke"
SIZE_LIMIT_MB = 160


@pytest.fixture(scope="module")
def program() -> Path:
    built = subprocess.run(["bash", "tools/build.sh"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-4000:]
    SHOTS.mkdir(parents=True, exist_ok=True)
    return BUNDLE / "gik-editor"


@pytest.fixture(scope="module")
def screen():
    with Xvfb() as xvfb:
        yield xvfb


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """The sample under a Chinese folder and file name, as clerks name them."""
    folder = tmp_path / "年报 2020"
    folder.mkdir()
    return Path(shutil.copy(SAMPLE, folder / "洪合镇年报.gik"))


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """An office PC: no Python on PATH, no locale set, a user with no settings."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"), **extra}


def run(program: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(program), *args], cwd=home, env=bare_env(home), capture_output=True,
                          text=True, timeout=120)


def pdf_text(pdf: Path) -> str:
    # pdftotext breaks lines where the page does; a name may straddle two lines
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.replace("\n", "")


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for every font of the PDF."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    return [(row.split()[0], row.split()[-5] == "yes") for row in rows]


def test_folder_has_what_an_offline_pc_needs(program: Path):
    internal = BUNDLE / "_internal"
    for needed in ("resources/fonts/wqy-microhei.ttc", "resources/fonts/LICENSE-wqy-microhei.txt",
                   "resources/icons/gik-editor.png", "examples/honghe-2020.gik",
                   "docs/user-guide.md", "docs/screenshots/三.png", "docs/screenshots/问题提示.png",
                   "PySide6/Qt/translations/qtbase_zh_CN.qm",
                   "PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so"):
        assert (internal / needed).is_file(), needed
    for beside in ("install.sh", "gik-editor.desktop", "gik-editor-mime.xml", "THIRD-PARTY-NOTICES.txt",
                   "licenses/LGPL-3.txt", "licenses/GPL-3.txt", "licenses/python/LICENSE.txt"):
        assert (BUNDLE / beside).is_file(), beside
    # the licence of every Python library it carries (packaging/collect_licenses.py), and of the system
    # libraries PyInstaller took from this machine's Debian packages
    index = (BUNDLE / "licenses" / "README.txt").read_text(encoding="utf-8")
    for library in ("PySide6", "openpyxl", "reportlab", "python-docx", "lxml", "pdfplumber", "pyinstaller"):
        assert f"\n  {library}".lower() in index.lower(), library
    assert "pytest" not in index and "hypothesis" not in index
    if shutil.which("dpkg"):
        assert list((BUNDLE / "licenses" / "debian").glob("*/copyright"))
        assert "_cffi_backend" not in index          # the wheel's, not Debian's python3-cffi-backend
    assert not [p for p in BUNDLE.rglob("*") if p.is_symlink() and not p.exists()], "dangling links"
    # the slimming took effect: no Wayland, GTK, other languages' catalogues, numpy
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("libQt6WaylandClient.so.6", "libgtk-3.so.0", "qtbase_de.qm", "numpy"):
        assert unwanted not in names, unwanted
    size_mb = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    assert size_mb <= SIZE_LIMIT_MB, f"{size_mb:.0f} MB"


def test_validate_and_export_headless(program: Path, report: Path, tmp_path: Path):
    from gik_editor.version import VERSION
    assert run(program, "--version", home=tmp_path).stdout.strip() == f"政府信息公开年报编辑器 {VERSION}"
    checked = run(program, "validate", str(report), home=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "0个错误" in checked.stdout
    as_json = json.loads(run(program, "validate", str(report), "--json", home=tmp_path).stdout)
    assert as_json["errors"] == 0

    pdf, xlsx = report.with_suffix(".pdf"), report.with_suffix(".xlsx")
    exported = run(program, "export", str(report), "--pdf", str(pdf), "--xlsx", str(xlsx), home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "已导出PDF" in exported.stdout and "已导出Excel" in exported.stdout
    assert "槜美洪合" in pdf_text(pdf)
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _name, embedded in fonts), fonts

    import openpyxl
    book = openpyxl.load_workbook(xlsx)
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("洪合镇" in text for text in cells)


def test_import_and_new_headless(program: Path, report: Path, tmp_path: Path):
    xlsx = report.with_suffix(".xlsx")
    assert run(program, "export", str(report), "--xlsx", str(xlsx), "--docx", str(report.with_suffix(".docx")),
               "--html", str(report.with_suffix(".html")), home=tmp_path).returncode == 0
    back = tmp_path / "导回.gik"
    imported = run(program, "import", str(xlsx), "-o", str(back), home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(back.read_text(encoding="utf-8"))["meta"]["organ_name"] == "洪合镇"
    following = tmp_path / "2021.gik"
    made = run(program, "new", "--from", str(report), "-o", str(following), home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert json.loads(following.read_text(encoding="utf-8"))["meta"]["year"] == 2021


def test_unusable_file_gets_a_chinese_message_not_a_traceback(program: Path, tmp_path: Path):
    broken = tmp_path / "坏文件.gik"
    broken.write_bytes(b"\x00\xff not a report")
    result = run(program, "validate", str(broken), home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr


def test_opens_the_sample_in_a_window(program: Path, report: Path, screen: Xvfb, tmp_path: Path):
    launch = launch_until_shown(screen, [str(program), str(report)], env=bare_env(tmp_path, DISPLAY=screen.display))
    try:
        time.sleep(1.0)                      # the report is read after the window shows
        window = next(w for w in screen.windows() if w.id == launch.window.id)
        assert window.title == f"{report.name} — 政府信息公开年报编辑器"     # the title names the file opened
        screen.screenshot(window, SHOTS / "editor-sample.png")
        assert launch.proc.poll() is None, "the editor quit by itself"
    finally:
        _out, err = stop(launch.proc)
    assert "Traceback" not in err, err


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="needs xdotool")
def test_f1_shows_the_shipped_user_guide(program: Path, report: Path, screen: Xvfb, tmp_path: Path):
    launch = launch_until_shown(screen, [str(program), str(report)], env=bare_env(tmp_path, DISPLAY=screen.display))
    try:
        keys = ["xdotool", "mousemove", "640", "300", "click", "1", "sleep", "0.3", "key", "F1"]
        subprocess.run(keys, env=screen.env(), check=True, timeout=30)
        deadline = time.monotonic() + 20
        guide = None
        while guide is None and time.monotonic() < deadline:
            guide = next((w for w in screen.windows() if w.title.startswith("使用说明")), None)
            time.sleep(0.2)
        assert guide is not None, [w.title for w in screen.windows()]
        time.sleep(0.5)
        screen.screenshot(guide, SHOTS / "user-guide.png")
    finally:
        _out, err = stop(launch.proc)
    assert "Traceback" not in err and "找不到使用说明" not in err, err


# --- a PC with no Chinese font -------------------------------------------------------------

def _can_hide_folders() -> bool:
    """Hiding the system's fonts needs a private mount namespace (root, or user namespaces)."""
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


def no_chinese_font_pc(tmp_path: Path, hide_shipped_font: bool = False) -> tuple[list[str], dict[str, str]]:
    """(command prefix, environment) for running the program on a PC without any Chinese font: every
    system font folder is covered by an empty one, and fontconfig knows only a Latin face."""
    latin = tmp_path / "latin-fonts"
    latin.mkdir(exist_ok=True)
    for face in sorted(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))[:1]:
        shutil.copy(face, latin)
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                      f'<dir>{latin}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>\n')
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    hidden = [d for d in ("/usr/share/fonts", "/usr/local/share/fonts") if Path(d).is_dir()]
    if hide_shipped_font:
        hidden.append(str(BUNDLE / "_internal" / "resources" / "fonts"))
    mounts = " && ".join(f"mount --bind {empty} '{d}'" for d in hidden)
    prefix = ["unshare", "-m", "--propagation", "private", "sh", "-c", f'{mounts} && exec "$@"', "sh"]
    return prefix, bare_env(tmp_path, FONTCONFIG_FILE=str(config))


@pytest.mark.skipif(not _can_hide_folders(), reason="no private mount namespace here to hide the system's fonts")
def test_pdf_without_chinese_fonts_uses_the_shipped_face(program: Path, report: Path, tmp_path: Path):
    prefix, env = no_chinese_font_pc(tmp_path)
    pdf = tmp_path / "out.pdf"
    result = subprocess.run([*prefix, str(program), "export", str(report), "--pdf", str(pdf)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "槜美洪合" in pdf_text(pdf)
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert all("WenQuanYi" in name for name, _embedded in fonts), fonts

    # and with no face at all, the export refuses in Chinese instead of printing blanks
    prefix, env = no_chinese_font_pc(tmp_path, hide_shipped_font=True)
    refused = subprocess.run([*prefix, str(program), "export", str(report), "--pdf", str(tmp_path / "no.pdf")],
                             env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2
    assert refused.stderr.startswith("错误：") and "字体" in refused.stderr, refused.stderr
    assert not (tmp_path / "no.pdf").exists()


@pytest.mark.skipif(not _can_hide_folders(), reason="no private mount namespace here to hide the system's fonts")
def test_window_without_chinese_fonts_draws_with_the_shipped_face(program: Path, report: Path, screen: Xvfb,
                                                                   tmp_path: Path):
    shots = {}
    for hide_shipped in (False, True):
        prefix, env = no_chinese_font_pc(tmp_path, hide_shipped_font=hide_shipped)
        launch = launch_until_shown(screen, [*prefix, str(program), str(report)], env={**env, "DISPLAY": screen.display})
        try:
            time.sleep(1.0)
            window = next(w for w in screen.windows() if w.id == launch.window.id)
            name = "no-chinese-font-no-shipped-face.png" if hide_shipped else "no-chinese-font.png"
            shots[hide_shipped] = screen.screenshot(window, SHOTS / name)
        finally:
            _out, err = stop(launch.proc)
        assert "Traceback" not in err, err
    from PIL import Image, ImageChops
    with_face, without = (Image.open(shots[k]).convert("L") for k in (False, True))
    menus_and_tabs = (0, 0, min(with_face.width, 700), 45)
    # The menu bar and the tabs are all Chinese: drawn with the shipped face they differ from the
    # boxes drawn without it (build/smoke/no-chinese-font.png shows what a clerk sees).
    assert ImageChops.difference(with_face.crop(menus_and_tabs), without.crop(menus_and_tabs)).getbbox() is not None


# --- 拼音 input on a fcitx5 desktop (UOS, newer Kylin) --------------------------------------

FCITX5_PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""


def _missing_input_tools() -> list[str]:
    tools = ["fcitx5", "dbus-run-session", "xdotool"]
    missing = [t for t in tools if shutil.which(t) is None]
    if not list(Path("/usr/lib").glob("*/fcitx5/libpinyin.so")):
        missing.append("fcitx5-chinese-addons")
    return missing


@pytest.mark.skipif(bool(_missing_input_tools()), reason=f"needs {', '.join(_missing_input_tools())}")
def test_pinyin_typed_through_fcitx5_reaches_the_report(program: Path, report: Path, screen: Xvfb, tmp_path: Path):
    """A clerk's fcitx5 session (QT_IM_MODULE=fcitx) types ni hao + space into 机关全称 and saves.
    The click lands on 机关全称 of the 基本信息 tab (the window opens at the screen's top left)."""
    config = tmp_path / "config" / "fcitx5"
    config.mkdir(parents=True)
    (config / "profile").write_text(FCITX5_PROFILE)
    (config / "config").write_text("[Behavior]\nActiveByDefault=True\n")
    env = bare_env(tmp_path, DISPLAY=screen.display, QT_IM_MODULE="fcitx", XMODIFIERS="@im=fcitx",
                   GTK_IM_MODULE="fcitx")
    session = f"""
        fcitx5 -d --replace >"{tmp_path}/fcitx5.log" 2>&1
        for i in $(seq 50); do [ "$(fcitx5-remote)" = 2 ] && break; sleep 0.2; done
        "{program}" "{report}" & app=$!
        for i in $(seq 100); do xdotool search --name '洪合镇' >/dev/null 2>&1 && break; sleep 0.2; done
        sleep 3
        xdotool mousemove 430 88 click 1; sleep 0.5
        xdotool key ctrl+a; sleep 0.3
        xdotool type --delay 100 nihao; sleep 1
        xdotool key space; sleep 1
        xdotool key ctrl+s
        for i in $(seq 50); do grep -q '"organ_name": *"[^洪]' "{report}" && break; sleep 0.2; done
        kill $app; wait $app
    """
    done = subprocess.run(["dbus-run-session", "--", "sh", "-c", session], env=env, capture_output=True, text=True,
                          timeout=120)
    saved = json.loads(report.read_text(encoding="utf-8"))["meta"]["organ_name"]
    assert saved == "你好", (saved, done.stderr[-2000:])
