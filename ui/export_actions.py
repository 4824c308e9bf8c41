"""导出 menu and printing for one window: every writer from the registry (gik_editor/filetypes.py)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gik_editor.filetypes import exporter
from gik_editor.storage import GikFileError

from .wait_cursor import wait_cursor

if TYPE_CHECKING:                       # (the window owns its export actions)
    from .main_window import MainWindow

STATUS_MS = 8000
EXPORT_FOLDER = "export_folder"        # settings group: the last folder per kind of export


class ExportActions:
    """Export the window's report (the writers' libraries load only when used), preview and print it."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def export(self, kind: str, **options: bool) -> bool:
        window, chosen = self.window, exporter(kind)
        doc, prompts = window.doc, window.prompts
        if chosen.on_command_line and doc.error_count and not prompts.confirm(
                "导出", f"报告还有{doc.error_count}项错误（见“问题”面板），仍要导出吗？",
                "错误会原样导出；改正后可重新导出。", "仍然导出"):
            return False      # (the findings list is made for a report with errors: no question for it)
        suggested = Path(window.files.suggested_name(chosen.suffix, chosen.name_tail))
        if options.get("sign_off"):     # the copy with the approval slip is named so that nobody uploads it
            from gik_editor.exporters.pdf_signoff import signed_copy_path
            suggested = signed_copy_path(suggested)
        folder = self.folder_for(kind)
        path = window.files.ask_file("save", "导出", chosen.file_filter,
                                     str(Path(folder) / suggested.name) if folder else str(suggested))
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != chosen.suffix:
            target = target.with_name(target.name + chosen.suffix)
        if not self.export_to(kind, target, **options):
            return False
        self.open_exported(target, prompts.ask_open_exported(target))
        return True

    def folder_for(self, kind: str) -> str:
        """The folder the last export of this kind went to ("" before the first): the PDFs for the portal
        and the Excel files for the superior office usually live in different folders."""
        folder = str(self.window.settings.value(f"{EXPORT_FOLDER}/{kind}", "", type=str) or "")
        return folder if folder and Path(folder).is_dir() else ""

    def open_exported(self, path: Path, choice: str) -> None:
        """Open the exported file, or its folder, with what the system uses for it."""
        if not choice:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        target = path if choice == "file" else path.parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.window.prompts.show_error("无法打开", f"这台电脑上没有可以打开“{target}”的程序。文件已导出，可以另行打开。")

    def export_to(self, kind: str, path: Path, **options: bool) -> bool:
        """Export with the registered writer `kind` (options such as the PDF's sign_off)."""
        window = self.window
        try:
            with wait_cursor():
                exporter(kind).module().export(window.doc.report, Path(path), **options)
        except GikFileError as e:
            window.prompts.show_error("无法导出", str(e))
            return False
        window.settings.setValue("last_folder", str(Path(path).parent))
        window.settings.setValue(f"{EXPORT_FOLDER}/{kind}", str(Path(path).parent))
        window.statusBar().showMessage(f"已导出到“{path}”", STATUS_MS)
        return True

    def print_preview(self) -> None:
        from .print_preview import show_print_preview
        show_print_preview(self.window, self.window.doc.report)

    def print_report(self) -> None:
        from .print_preview import print_report
        print_report(self.window, self.window.doc.report)
