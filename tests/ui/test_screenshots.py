"""tools/screenshots.py: one PNG per tab of the real window, with a Chinese font available."""
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QApplication

from ui.app import ensure_chinese_font
from ui.main_window import TAB_KEYS

ROOT = Path(__file__).resolve().parents[2]


def test_one_png_per_tab(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"),
                           str(ROOT / "examples" / "honghe-2020.gik"), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for key in TAB_KEYS:
        image = QImage(str(tmp_path / f"{key}.png"))
        assert not image.isNull() and image.width() >= 1000
    # Neighbouring tabs differ: each PNG shows its own tab, not the first one again.
    assert (tmp_path / "二.png").read_bytes() != (tmp_path / "三.png").read_bytes()
    # The sample's worst cell finding is on 表二: its tip is drawn over that tab, which is otherwise the same.
    tip = QImage(str(tmp_path / "问题提示.png"))
    plain = QImage(str(tmp_path / "二.png"))
    assert tip.size() == plain.size() and tip != plain


def test_an_unreadable_file_is_refused(tmp_path):
    bad = tmp_path / "bad.gik"
    bad.write_text("{}", "utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"), str(bad), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "bad.gik" in done.stderr


def test_a_chinese_font_is_there_after_start_up(qapp):
    ensure_chinese_font(QApplication.instance())
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
