"""The questions and messages the window puts to the clerk, as one injectable object.

The window asks through `MainWindow.prompts`; tests pass their own object with scripted answers
(tests/scripted_prompts.py) instead of patching the window.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog

APP_TITLE = "政府信息公开年报编辑器"


class Prompts:
    """Real dialogs, parented to `parent` (the window)."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_unsaved(self, name: str) -> str:
        """'save', 'discard' or 'cancel': what to do with unsaved changes of the document `name`."""
        return self._choose(f"“{name}”有尚未保存的修改。", "是否保存这些修改？",
                            [("save", "保存", "AcceptRole"), ("discard", "不保存", "DestructiveRole")], default="save")

    def ask_overwrite(self, name: str) -> str:
        """'overwrite', 'save_as' or 'cancel': the file was changed by someone else since it was opened here."""
        return self._choose(f"“{name}”在本窗口打开之后，已被其他程序或其他人修改过。",
                            "覆盖保存会丢掉那些修改。也可以另存为新文件，再对照两份文件。",
                            [("overwrite", "覆盖保存", "DestructiveRole"), ("save_as", "另存为…", "AcceptRole")],
                            default="save_as")

    def _choose(self, text: str, detail: str, choices: list[tuple[str, str, str]], default: str) -> str:
        """A warning with the buttons of `choices` (answer, label, QMessageBox role name) and 取消; the answer
        of the button pressed, 'cancel' for 取消 or Esc."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, parent=self.parent)
        box.setInformativeText(detail)
        buttons = [(box.addButton(label, getattr(QMessageBox.ButtonRole, role)), answer)
                   for answer, label, role in choices]
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(next(b for b, answer in buttons if answer == default))
        box.setEscapeButton(cancel)
        box.exec()
        return next((answer for b, answer in buttons if b is box.clickedButton()), "cancel")

    def ask_rollup_source(self, start: str) -> tuple[str, str, int] | None:
        """文件 → 汇总下级单位报告…: (folder of the units' reports, roster file or "", year or 0 for the
        year of most reports), None when cancelled."""
        from .rollup_window import ask_source
        return ask_source(self.parent, start)

    def ask_review_reason(self, message: str) -> str | None:
        """The clerk's reason for marking the finding that says `message` 已核对 (None: cancelled or left empty)."""
        from PySide6.QtWidgets import QDialog
        dialog = review_reason_dialog(self.parent, message)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        reason = dialog.textValue().strip()
        return reason or None

    def show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.critical(self.parent, title, message)

    def confirm(self, title: str, question: str, detail: str, ok_text: str) -> bool:
        """Ask before doing something far-reaching; True when the user chose `ok_text`."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self.parent)
        box.setInformativeText(detail)
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is ok

    def ask_file(self, kind: str, caption: str, file_filter: str, start: str) -> str:
        """A path from a file dialog ('' when cancelled); kind is 'open' or 'save'."""
        from PySide6.QtWidgets import QFileDialog
        if kind == "open":
            path, _ = QFileDialog.getOpenFileName(self.parent, caption, start, file_filter)
        else:
            path, _ = QFileDialog.getSaveFileName(self.parent, caption, start, file_filter)
        return path

    def show_log(self, title: str, summary: str, lines: list[str], folded: list[str] | None = None) -> None:
        """A dialog with a summary, the list of what needs a look, and (folded) what needs none."""
        from .log_dialog import LogDialog
        LogDialog(self.parent, title, summary, lines, folded).exec()

    def ask_open_exported(self, path: Path) -> str:
        """After an export: 'file', 'folder' or '' (just go on)."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Information, "导出完成", f"已导出到“{path}”。", parent=self.parent)
        open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        close = box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.exec()
        clicked = box.clickedButton()
        return "file" if clicked is open_file else "folder" if clicked is open_folder else ""


def review_reason_dialog(parent: QWidget | None, message: str) -> QInputDialog:
    """The question for a 已核对 reason: the finding's message wrapped at a readable width (one line of 120
    characters made the dialog wider than a 1366-pixel screen), the reason cut at MAX_REASON as it is typed."""
    from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit

    from gik_editor.reviews import MAX_REASON
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("标记为已核对")
    dialog.setLabelText(f"{message}\n\n核对理由（必填，{MAX_REASON}字以内）：")
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue("")
    em = dialog.fontMetrics().horizontalAdvance("中")
    for label in dialog.findChildren(QLabel):
        label.setWordWrap(True)
        label.setMinimumWidth(30 * em)
        label.setMaximumWidth(40 * em)
    for edit in dialog.findChildren(QLineEdit):
        edit.setMaxLength(MAX_REASON)
    return dialog
