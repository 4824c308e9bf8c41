"""Qt's own dialogs speak Chinese: its catalogue qtbase_zh_CN, and the words Qt 6.12 added that it lacks
(issue 20, item 10: the file dialog said "Look in:" and "Files of type:")."""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Qt's own file dialog (what Linux desktops without a platform dialog get), and every word it shows.
DIALOG = r"""
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel
from ui.app import setup_application
app = QApplication([])
setup_application(app)
for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
    dialog = QFileDialog(None, "打开年报", sys.argv[1], "年报文件 (*.gik);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    dialog.show()
    app.processEvents()
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        for text in (widget.text(), widget.toolTip()):
            if text:
                print(text)
    dialog.close()
print(app.translate("QFileDialog", "Back"), app.translate("QMessageBox", "This word is in no catalogue"))
"""


def test_the_file_dialog_is_all_chinese(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", DIALOG, str(ROOT)], capture_output=True, text=True, timeout=60,
                          env=env)
    assert done.returncode == 0, done.stderr
    words = done.stdout.splitlines()
    assert "查找范围(&L)：" in words and "文件类型(&T)：" in words and "文件名称(&N)：" in words
    english = [w for w in words[:-1] if re.search(r"[A-Za-z]{3}", w.replace("&", "")) and "gik" not in w]
    assert english == []
    # Words the added catalogue does not know are still Qt's (its catalogue, or the English of a word nobody has).
    assert words[-1] == "后退 This word is in no catalogue"
