"""The window opens or imports every hostile file of issue 15 through the same readers as the command line:
a report, or a clear Chinese message — never a traceback, and the report on screen stays."""
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from scripted_prompts import ScriptedPrompts

from gik_editor import storage
from ui.main_window import MainWindow
from ui.report_doc import ReportDocument

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
REFUSED = {"R1_int_digits.gik": "超出范围", "R2_exp_hang.gik": "超出范围", "R3_format_list.gik": "未知的报告格式",
           "R4_prior_format_dict.gik": "上年数据的格式无效", "R5_decimal_exponent.gik": "顶层应为对象",
           "R11_printarea_20000.xlsx": "打印区域"}


@pytest.fixture
def window(make_window, sample):
    return make_window(sample)


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()))
def test_every_hostile_file_opens_or_is_refused_in_words(window, name):
    before = storage.to_dict(window.doc.report)
    opened = window.files.open_path(HOSTILE / name, ask=False)     # .xlsx/.docx/.txt go on to the importer
    if name in REFUSED:
        assert not opened and len(window.prompts.errors) == 1 and REFUSED[name] in window.prompts.errors[0]
        assert storage.to_dict(window.doc.report) == before
    else:
        assert opened and not window.prompts.errors, window.prompts.errors
        window.doc.report.format      # the window shows it, with all rules run on it
    window.grab()                    # painting the tables and the 问题 panel does not raise either


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_a_fifo_or_a_device_is_refused_in_words(window, tmp_path):
    fifo = tmp_path / "pipe.gik"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        assert not window.files.open_path(path, ask=False)
    assert len(window.prompts.errors) == 2 and all("不是普通文件" in e for e in window.prompts.errors)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_recovery_copies_are_private_to_the_user(qtbot, tmp_path, sample):
    """A recovery copy holds the whole report: mode 0600 in a 0700 folder, whatever the umask."""
    import stat
    folder = tmp_path / "recovery"
    w = MainWindow(ReportDocument(sample), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), folder,
                   ScriptedPrompts())
    qtbot.addWidget(w)
    w.show()
    w.doc.set_cells({"t3.new.research": 42})
    qtbot.waitUntil(lambda: folder.exists() and any(folder.glob("*.recovery")), timeout=3000)
    copies = list(folder.glob("*.recovery"))
    assert copies and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in copies)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
