"""文件 menu: new, open, import, save, recent files, 以上年报告为模板新建 and 转换格式, for one window."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from gik_editor import storage
from gik_editor.filetypes import CONVERT_FIRST, IMPORT_FILTER, SUFFIXES
from gik_editor.migration import conversion_target, note_parts
from gik_editor.report import Report
from gik_editor.storage import GikFileError

from .prompts import Prompts
from .report_doc import ReportDocument
from .tabs import META_TAB, default_year, empty_report
from .wait_cursor import wait_cursor

if TYPE_CHECKING:                       # (the window owns its file actions)
    from .main_window import MainWindow

GIK_FILTER = f"年报文件 (*{storage.SUFFIX})"
MAX_RECENT = 8
STATUS_MS = 8000


class FileActions:
    """What the 文件 menu does to the window's document; asks through the window's prompts."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def doc(self) -> ReportDocument:
        return self.window.doc

    @property
    def prompts(self) -> Prompts:
        return self.window.prompts

    @property
    def settings(self) -> QSettings:
        return self.window.settings

    def _say(self, message: str, ms: int = STATUS_MS) -> None:
        self.window.statusBar().showMessage(message, ms)

    # ---- asking ---------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when the current report may be replaced or closed (saved, or its changes discarded)."""
        if not self.doc.is_modified():
            return True
        choice = self.prompts.ask_unsaved(self.document_name())
        if choice == "save":
            return self.save()
        if choice == "discard":
            self.window.autosave.discard()
            return True
        return False

    def ask_file(self, kind: str, caption: str, file_filter: str, suggested: str = "") -> str:
        return self.prompts.ask_file(kind, caption, file_filter, suggested or self.start_folder())

    def start_folder(self) -> str:
        if self.doc.path:
            return str(Path(self.doc.path).parent)
        return str(self.settings.value("last_folder", "", type=str) or Path.home())

    def document_name(self) -> str:
        return Path(self.doc.path).name if self.doc.path else self.doc.report.display_title

    def suggested_name(self, suffix: str, tail: str = "") -> str:
        stem = Path(self.doc.path).stem if self.doc.path else self.doc.report.display_title
        return str(Path(self.start_folder()) / (stem + tail + suffix))

    # ---- new and open ------------------------------------------------------------------------
    def new_file(self) -> None:
        if self.maybe_save():
            self.doc.replace_report(empty_report(), None)
            self.window.show_tab(META_TAB)
            self.say_new_report()

    def say_new_report(self) -> None:
        """What a blank report is, and the quicker way when last year's exists."""
        report = self.doc.report
        self._say(f"新建了{report.meta.year}年度的空白报告（{report.format.name}）。有上一年度的年报文件时，"
                  f"用“文件 → 以上年报告为模板新建”更快：正文、基本信息和结转数据都会带过来。", STATUS_MS * 2)

    def open_file(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_file("open", "打开年报", f"{GIK_FILTER};;所有文件 (*)")
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Open a .gik file (or import another supported file). The current report stays if it fails."""
        path = Path(path)
        if path.suffix.lower() in (*SUFFIXES, *CONVERT_FIRST):     # (a .doc is told how to import it)
            return self.import_path(path, ask)
        if ask and not self.maybe_save():
            return False
        try:
            with wait_cursor():
                report = storage.load(path)
        except GikFileError as e:
            self.prompts.show_error("无法打开", str(e))
            return False
        self.doc.replace_report(report, path)
        self.opened(path)
        return True

    def opened(self, path: Path) -> None:
        """The report of `path` is now shown: remember the file and say so."""
        self.remember(path)
        self._say(f"已打开“{path}”")

    def open_sample(self) -> None:
        from gik_editor.resources import sample_path
        if not self.maybe_save():
            return
        try:
            report = storage.load(sample_path())
        except GikFileError as e:
            self.prompts.show_error("无法打开示例报告", str(e))
            return
        # The sample is read-only material: its changes are saved under a new name.
        self.doc.replace_report(report, None)
        self._say("已打开示例报告（洪合镇2020年度），修改后请另存为新文件。")

    def import_file(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_file("open", "导入已发布的年报", IMPORT_FILTER)
        if path:
            self.import_path(Path(path), ask=False)

    def import_path(self, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        from gik_editor.importers import read_any
        try:
            with wait_cursor():
                result = read_any(path)
        except GikFileError as e:
            self.prompts.show_error("无法导入", str(e))
            return False
        self.adopt_unsaved(result.report)
        self.settings.setValue("last_folder", str(path.parent))
        self.prompts.show_log("导入结果", f"已从“{path.name}”导入年报。请核对后保存为年报文件（.gik）。", result.log)
        return True

    def adopt_unsaved(self, report: Report, path: Path | None = None) -> None:
        """Show a report that exists only in memory: it is marked modified until saved."""
        self.doc.replace_report(report, path)
        self.doc.undo_stack.resetClean()
        self.window.setWindowModified(True)
        self.window.autosave.write_now()

    def last_years_file(self) -> str:
        """Where 以上年报告为模板新建 starts: last year's report (the year before the one being written) — the
        open one if it is that, else the newest such among the recent files — or the folder of the recent files."""
        wanted = default_year() - 1
        if self.doc.path and self.doc.report.meta.year == wanted:
            return str(self.doc.path)
        recent = self.recent_files()
        for name in recent:
            try:
                if storage.load(Path(name)).meta.year == wanted:
                    return name
            except GikFileError:
                continue        # moved, deleted or broken since: not offered
        return str(Path(recent[0]).parent) if recent else self.start_folder()

    def new_from_last_year(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_file("open", "选择上一年度的年报文件", GIK_FILTER, self.last_years_file())
        if not path:
            return
        from gik_editor.carryover import new_from_last_year
        try:
            last = storage.load(path)
            report = new_from_last_year(last)
        except GikFileError as e:
            self.prompts.show_error("无法新建", str(e))
            return
        self.adopt_unsaved(report)
        self.window.show_tab(META_TAB)
        lines, folded = note_parts(report.migration_note)
        self.prompts.show_log("以上年报告为模板新建",
                              f"已根据{last.meta.year}年度报告新建{report.meta.year}年度报告：正文沿用上年内容"
                              "（灰底段落请逐段核对），上年结转数已填入表三，其他数字请重新填写。", lines, folded)

    def convert_format(self) -> None:
        """转换为…格式: the report in the newer format it can be converted to, as a new unsaved file."""
        target = conversion_target(self.doc.report.format)
        if target is None:
            return
        if not self.prompts.confirm(f"转换为{target.short}", f"把本报告转换为{target.title}（{target.basis}）？",
                                    "转换后的报告需另存为新文件，原文件不变。能对应的数值自动转入，"
                                    "不能一一对应的单元格标为“需人工核对”。", "转换"):
            return
        if not self.maybe_save():
            return
        from gik_editor.migration import migrate
        try:
            report = migrate(self.doc.report.copy(), target.id)
        except GikFileError as e:
            self.prompts.show_error("无法转换", str(e))
            return
        self.adopt_unsaved(report)
        self.prompts.show_log(f"转换为{target.short}", "转换完成，请核对后另存为新文件。",
                              *note_parts(report.migration_note))

    # ---- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.save_to(Path(self.doc.path))

    def save_as(self) -> bool:
        path = self.ask_file("save", "另存为", GIK_FILTER, self.suggested_name(storage.SUFFIX))
        if not path:
            return False
        chosen = Path(path)
        if chosen.suffix.lower() != storage.SUFFIX:
            chosen = chosen.with_name(chosen.name + storage.SUFFIX)
        return self.save_to(chosen)

    def save_to(self, path: Path) -> bool:
        if self.doc.path is not None and Path(path) == Path(self.doc.path) and self.doc.changed_on_disk():
            choice = self.prompts.ask_overwrite(self.document_name())
            if choice == "save_as":
                return self.save_as()
            if choice != "overwrite":
                return False
        try:
            with wait_cursor():
                storage.save(self.doc.report, path)
        except GikFileError as e:
            self.prompts.show_error("无法保存", str(e))
            return False
        self.doc.mark_saved(path)
        self.window.update_title()              # (saved under another name: the title says which)
        self.window.autosave.discard()
        self.remember(path)
        self._say(f"已保存到“{path}”")
        return True

    # ---- recent files ----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def remember(self, path: Path) -> None:
        text = str(Path(path).resolve())
        recent = [text] + [p for p in self.recent_files() if p != text]
        self.settings.setValue("recent_files", recent[:MAX_RECENT])
        self.settings.setValue("last_folder", str(Path(text).parent))

    def fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        recent = self.recent_files()
        if not recent:
            menu.addAction("（无）").setEnabled(False)
            return
        for i, p in enumerate(recent, 1):
            action = menu.addAction(f"&{i} {Path(p).name}")
            action.setToolTip(p)
            action.setStatusTip(p)
            action.triggered.connect(lambda _checked=False, p=p: self.open_recent(p))
        menu.addSeparator()
        menu.addAction("清空列表", lambda: self.settings.setValue("recent_files", []))

    def open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.settings.setValue("recent_files", [p for p in self.recent_files() if p != path])
            self.prompts.show_error("无法打开", f"文件“{path}”已不存在（可能已被移动或删除），已从列表中去掉。")
            return
        self.open_path(Path(path))
