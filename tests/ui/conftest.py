"""Shared by the window tests: a shown editor window with its settings and recovery copies in a temp folder."""
import pytest
from PySide6.QtCore import QSettings

from ui.main_window import MainWindow
from ui.report_doc import ReportDocument


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    def make(report=None, path=None):
        doc = ReportDocument(report, path) if report is not None else None
        w = MainWindow(doc, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                       tmp_path / "recovery")
        w.errors = []
        monkeypatch.setattr(w, "show_error", lambda title, message: w.errors.append(message))
        monkeypatch.setattr(w, "ask_unsaved", lambda: "discard")
        qtbot.addWidget(w)
        w.show()
        return w
    return make
