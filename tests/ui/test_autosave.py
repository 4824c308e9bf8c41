"""Recovery copies: written within 2 s of a change, removed by a save, offered again after a crash."""
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from scripted_prompts import ScriptedPrompts

from gik_editor import storage
from ui.app import offer_recovery
from ui.autosave import SUFFIX, find_orphans
from ui.main_window import MainWindow
from ui.report_doc import ReportDocument

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "honghe-2020.gik"


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "recovery"

    def make(report=None, path=None):
        w = MainWindow(ReportDocument(report, path) if report is not None else None,
                       QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), folder, ScriptedPrompts())
        qtbot.addWidget(w)
        w.show()
        return w
    make.folder = folder
    return make


def copies(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{SUFFIX}")) if folder.exists() else []


def test_an_edit_is_in_the_recovery_copy_within_two_seconds(make_window, qtbot, sample):
    w = make_window(sample, SAMPLE)
    started = time.monotonic()
    w.doc.set_cells({"t3.new.research": 42})
    qtbot.waitUntil(lambda: bool(copies(make_window.folder)), timeout=2000)
    assert time.monotonic() - started < 2
    raw = json.loads(copies(make_window.folder)[0].read_text("utf-8"))
    assert raw["report"]["values"]["t3.new.research"] == 42
    assert raw["original"] == str(SAMPLE)


def test_steady_typing_is_still_written_within_two_seconds(make_window, qtbot, sample):
    w = make_window(sample)
    started = time.monotonic()
    text = ""
    while not copies(make_window.folder):
        assert time.monotonic() - started < 2, "no recovery copy while the clerk kept typing"
        text += "字"
        w.doc.set_block_text("六", 0, text)
        qtbot.wait(150)


def test_save_discard_and_undo_to_the_saved_state_remove_the_copy(make_window, qtbot, sample, tmp_path):
    path = tmp_path / "r.gik"
    storage.save(sample, path)
    w = make_window(sample, path)
    w.doc.set_meta("phone", "123")
    w.autosave.write_now()
    assert copies(make_window.folder)
    w.doc.undo_stack.undo()                         # back to what is on disk
    assert not copies(make_window.folder)
    w.doc.set_meta("phone", "456")
    w.autosave.write_now()
    assert w.files.save_to(path)
    assert not copies(make_window.folder)
    w.doc.set_meta("phone", "789")
    w.autosave.write_now()
    w.close()                                       # 不保存: a deliberate discard
    assert not copies(make_window.folder)


def test_windows_keep_their_own_copies_and_a_live_copy_is_never_offered(make_window, sample):
    a = make_window(sample)
    b = make_window(sample.copy())
    a.doc.set_meta("drafter", "甲")
    b.doc.set_meta("drafter", "乙")
    a.autosave.write_now()
    b.autosave.write_now()
    files = copies(make_window.folder)
    assert len(files) == 2
    drafters = sorted(json.loads(f.read_text("utf-8"))["report"]["meta"]["drafter"] for f in files)
    assert drafters == ["乙", "甲"]
    assert find_orphans(make_window.folder) == []   # both editors are alive


def test_an_unreadable_copy_is_neither_offered_nor_deleted(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    bad = folder / f"broken{SUFFIX}"
    bad.write_text("{not json", "utf-8")
    assert find_orphans(folder) == []
    assert bad.exists()


CHILD = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.app import open_window, setup_application
app = QApplication(["gik-editor"])
setup_application(app)
window = open_window(Path(sys.argv[2]))

def edit():
    window.doc.set_cells({"t3.new.research": 42})
    window.doc.set_block_text("六", 0, "断电前刚输入的文字")
    print("EDITED", flush=True)

QTimer.singleShot(200, edit)
app.exec()
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_after_sigkill_the_next_start_offers_the_copy(make_window, tmp_path, qtbot):
    report_path = tmp_path / "洪合镇2020.gik"
    shutil.copy(SAMPLE, report_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(report_path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(child.stdout.readline()), daemon=True)
        reader.start()
        reader.join(30)
        assert line and line[0].strip() == "EDITED"
        edited = time.monotonic()
        found: list[Path] = []
        while not found and time.monotonic() - edited < 2:
            found = list((tmp_path / "data").rglob(f"*{SUFFIX}"))
            time.sleep(0.05)
        assert found, "no recovery copy 2 s after the edit"
        folder = found[0].parent
        time.sleep(0.3)                              # let the write that was due finish
        assert find_orphans(folder) == []            # the editor is still running: not offered
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    orphans = find_orphans(folder)
    assert len(orphans) == 1
    orphan = orphans[0]
    assert orphan.original == report_path and orphan.name == "洪合镇2020.gik"
    assert orphan.report.values["t3.new.research"] == 42
    assert orphan.report.sections["六"].intro.text == "断电前刚输入的文字"

    w = make_window()
    asked = []
    offer_recovery(w, orphans, ask=lambda window, o: asked.append(o.name) or "restore")
    assert asked == ["洪合镇2020.gik"]
    assert w.doc.value("t3.new.research") == 42
    assert w.doc.path == report_path and w.isWindowModified()     # unsaved changes to that file
    assert storage.load(report_path).values.get("t3.new.research") is None
    assert find_orphans(folder) == []                # taken over: not offered again
    assert copies(make_window.folder)                # …and protected by this window's own copy


def test_later_keeps_the_copy_for_the_next_start(make_window, tmp_path, sample):
    folder = tmp_path / "old"
    old = make_window(sample)
    old.autosave.folder = folder
    old.autosave.path = folder / f"abc{SUFFIX}"
    old.doc.set_meta("signer", "王五")
    old.autosave.write_now()
    old.autosave._lock.unlock()                      # as if that editor had died
    orphans = find_orphans(folder)
    w = make_window()
    offer_recovery(w, orphans, ask=lambda *a: "later")
    assert w.doc.report.meta.signer == ""
    assert [o.report.meta.signer for o in find_orphans(folder)] == ["王五"]
