import os
import sys
from pathlib import Path

# pytest-qt aborts without a display; every GUI test runs offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # shared helpers such as strategies.py

import pytest  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true",
                     help="run the fuzz tests of tests/faults much longer (many more examples per test)")


def pytest_configure(config):
    # Read by the fuzz tests when their module is imported (hypothesis settings are fixed at that moment).
    if config.getoption("--slow"):
        os.environ["GIK_FUZZ_SLOW"] = "1"


SAMPLE_GIK = ROOT / "examples" / "honghe-2020.gik"
SAMPLE_TXT = ROOT / "tests" / "data" / "honghe-2020.txt"


@pytest.fixture
def sample():
    from gik_editor import storage
    return storage.load(SAMPLE_GIK)


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A shown editor window, its settings and recovery copies in a temp folder; its questions answered by
    a ScriptedPrompts (w.prompts), which also collects its errors."""
    from PySide6.QtCore import QSettings
    from scripted_prompts import ScriptedPrompts

    from ui.main_window import MainWindow
    from ui.report_doc import ReportDocument

    def make(report=None, path=None):
        doc = ReportDocument(report, path) if report is not None else None
        w = MainWindow(doc, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                       tmp_path / "recovery", ScriptedPrompts())
        qtbot.addWidget(w)
        w.show()
        return w
    return make
