"""The editor window: menus, a tab per part of the report, the problems panel, the status bar."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence
# Only what the first frame needs is imported here: PySide6 builds a class (and all its enums, ~0.5 ms
# per class) when it is first named, so dialogs import their classes where they are opened.
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QLineEdit, QMainWindow, QPlainTextEdit, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

from gik_editor import storage
from gik_editor.filetypes import CONVERT_FIRST, EXPORTERS, IMPORT_FILTER, SUFFIXES, exporter
from gik_editor.formats import SECTION_TITLES, by_years, format_for_year, latest_format
from gik_editor.migration import conversion_target
from gik_editor.report import Report, new_report
from gik_editor.rules import ERROR, WARNING
from gik_editor.storage import GikFileError
from gik_editor.text_search import PREAMBLE, text_block

from .autosave import Autosaver
from .first_frame import DEFAULT_LAYOUT, key_sequences, set_enum_property
from . import zoom as zoom_levels
from .meta_form import MetaForm
from .problems_panel import ProblemsPanel, severity_icon
from .report_doc import ReportDocument
from .wait_cursor import wait_cursor
from .window_size import place_on_screen

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from .text_section import TextSection

APP_TITLE = "政府信息公开年报编辑器"
META_TAB = "基本信息"
TAB_KEYS = (META_TAB, "一", "二", "三", "四", "五", "六")
TAB_LABELS = {META_TAB: "基本信息", "一": SECTION_TITLES["一"], "二": "二、主动公开", "三": "三、依申请公开",
              "四": "四、复议诉讼", "五": "五、问题与改进", "六": "六、其他事项"}
GIK_FILTER = f"年报文件 (*{storage.SUFFIX})"
MAX_RECENT = 8
PREFERRED_SIZE = QSize(1280, 820)
STATUS_MS = 8000
PROBLEMS_TOGGLE_TEXT = "问题面板(&P)"


def default_year() -> int:
    """Reports are written early in the year about the year before."""
    return date.today().year - 1


def empty_report(year: int | None = None) -> Report:
    year = year or default_year()
    return new_report(format_for_year(year).id, year)


class MainWindow(QMainWindow):
    """One open report. `settings` and `recovery_folder` are parameters so tests can keep to a temp folder."""

    def __init__(self, doc: ReportDocument | None = None, settings: QSettings | None = None,
                 recovery_folder: Path | None = None) -> None:
        super().__init__()
        self.doc = doc or ReportDocument(empty_report())
        self.doc.setParent(self)           # the document lives and dies with its window
        self.settings = settings or QSettings()
        self._recovery_folder = recovery_folder
        self.autosave = Autosaver(self.doc, recovery_folder, self)
        self.autosave.failed.connect(self._show_lasting_message)
        self.setAcceptDrops(True)
        place_on_screen(self, PREFERRED_SIZE)     # a saved geometry, restored below, wins

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, QWidget] = {}
        self._built: dict[str, QWidget] = {}
        self.text_sections: dict[str, list[TextSection]] = {}
        self.table_views: dict[str, QWidget] = {}
        self.meta_form: MetaForm | None = None
        self.user_guide: QWidget | None = None       # opened on demand (帮助 → 使用说明)
        self._find_dialog: QWidget | None = None      # opened on demand (编辑 → 查找和替换)
        for key in TAB_KEYS:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[key] = page
            self.tabs.addTab(page, TAB_LABELS[key])
            if key != META_TAB:
                self.tabs.setTabToolTip(self.tabs.count() - 1, self.doc.report.format.section(key).title)
        self.tabs.currentChanged.connect(lambda i: self.page(TAB_KEYS[i]))
        self.setCentralWidget(self.tabs)

        self.problems = ProblemsPanel(self.doc, self)
        self.problems.activated.connect(self.go_to)
        self.problems_dock = QDockWidget("问题", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        set_enum_property(self.problems_dock, "allowedAreas", "BottomDockWidgetArea|RightDockWidgetArea")
        if not self.restoreState(DEFAULT_LAYOUT):      # docks it at the bottom; the user's own layout follows
            from PySide6.QtCore import Qt              # (a Qt whose layout format changed: the slow way)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)

        self._build_status_bar()
        self._build_menus()

        self.doc.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.doc.metaChanged.connect(self._update_title)
        self.doc.reportReplaced.connect(self._on_report_replaced)
        self.doc.reportReplaced.connect(self._update_counts)
        self.doc.findingsChanged.connect(self._update_counts)
        self._restore_geometry()
        self.zoom_percent = zoom_levels.valid(self.settings.value(zoom_levels.SETTING, 100))
        if self.zoom_percent != 100:
            zoom_levels.set_zoom(self.zoom_percent)
        self._update_title()
        self._update_counts()
        self._update_actions()
        self.page(META_TAB)

    # ---- pages (built on first view: start-up stays quick) --------------------------
    def page(self, key: str) -> QWidget:
        """The content of tab `key`, built the first time it is needed."""
        built = self._built.get(key)
        if built is None:
            built = self._build_page(key)
            self._pages[key].layout().addWidget(built)
            self._built[key] = built
        return built

    def _build_page(self, key: str) -> QWidget:
        if key == META_TAB:
            form = MetaForm(self.doc)
            form.migrateRequested.connect(self.convert_format)
            form.statusMessage.connect(self._show_message)
            self.meta_form = form
            return _scrolling(form)
        from .text_section import TextSection, heading_label     # (imported when a text or table tab is first shown)
        section = self.doc.report.format.section(key)
        if not section.table:
            text = TextSection(self.doc, key)
            self.text_sections[key] = [text]
            content = QWidget()
            layout = QVBoxLayout(content)
            layout.setContentsMargins(16, 8, 16, 16)
            layout.addWidget(heading_label(section.title, content))
            layout.addWidget(text)
            layout.addStretch(1)
            return _scrolling(content)
        from PySide6.QtWidgets import QSizePolicy

        from .table_view import ReportTableView   # the grids are only imported when a table is first shown
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(heading_label(section.title, content))
        intro = TextSection(self.doc, key, intro=True, parts=False, min_lines=1,
                            placeholder="表格前的说明文字（可不填）")
        view = ReportTableView(self.doc, section.table, content)
        view.statusMessage.connect(self._show_message)
        parts = TextSection(self.doc, key, intro=False, parts=True)
        # As tall as the table and no taller: a short table is not followed by an empty grid. Never shorter
        # than its header and a few rows (the view's minimum height): a window too low for that scrolls the page.
        view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout.addWidget(intro)
        layout.addWidget(view)
        layout.addWidget(parts)
        layout.addStretch(1)
        self.text_sections[key] = [intro, parts]
        self.table_views[key] = view
        return _scrolling(content)

    def show_tab(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(TAB_KEYS.index(key))
        return self.page(key)

    def go_to(self, location: str) -> None:
        """Show where a finding is: a cell of a table, a text block, or (no location) the metadata."""
        report = self.doc.report
        if location.startswith("text."):
            editor = self.text_editor_at(location)
            if editor is not None:
                editor.setFocus()
        elif location in report.format.cells:
            key = report.format.table_of(location).section
            self.show_tab(key)
            self.table_views[key].select_cell(location)
        else:
            self.show_tab(META_TAB)
            if self.meta_form is not None:
                self.meta_form.focus_first()

    def text_editor_at(self, location: str) -> QPlainTextEdit | None:
        """The editor of a text location ("preamble" or "text.<节>.<块号>"), its tab shown and scrolled to it."""
        if location == PREAMBLE:
            page = self.show_tab(META_TAB)
            editor = self.meta_form.preamble
        else:
            key, index = text_block(location)
            page = self.show_tab(key)
            blocks = [text.editors[index] for text in self.text_sections.get(key, []) if index in text.editors]
            if not blocks:
                return None
            editor = blocks[0].editor
        if isinstance(page, QScrollArea):
            page.ensureWidgetVisible(editor)
        return editor

    def select_text(self, location: str, start: int, end: int) -> None:
        """Show the text between `start` and `end` (Python string positions) at `location`, selected."""
        from PySide6.QtGui import QTextCursor
        editor = self.text_editor_at(location)
        if editor is None:
            return
        text = editor.toPlainText()
        cursor = editor.textCursor()
        cursor.setPosition(_utf16_length(text[:start]))        # Qt counts UTF-16 units: 𠀀 and emoji are two
        cursor.setPosition(_utf16_length(text[:end]), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        editor.setFocus()

    def find_replace(self) -> None:
        """编辑 → 查找和替换: one dialog per window, kept while the window lives."""
        if self._find_dialog is None:
            from .find_replace import FindReplaceDialog
            self._find_dialog = FindReplaceDialog(self)
        self._find_dialog.show_for_selection()

    def zoom(self, direction: int) -> None:
        """One step larger (1), smaller (-1), or back to 100 % (0); remembered for the next start."""
        from .text_section import HEADING, heading_font
        percent = 100 if direction == 0 else zoom_levels.stepped(self.zoom_percent, direction)
        zoom_levels.set_zoom(percent)
        self.zoom_percent = percent
        self.settings.setValue(zoom_levels.SETTING, percent)
        for label in self.findChildren(QLabel, HEADING):        # (their size is their own: set again)
            label.setFont(heading_font(QApplication.font()))
        for view in self.table_views.values():
            view.follow_font(QApplication.font())
        self._show_message(f"显示比例：{percent}%")

    def go_to_problem(self, step: int) -> None:
        """The next (step 1) or previous (-1) finding of the problems panel, shown where it is."""
        if not self.problems.select_next(step):
            self._show_message("没有需要处理的问题。")
            return
        self.problems_dock.show()

    # ---- menus ------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(key_sequences(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        K = QKeySequence.StandardKey
        file_menu = bar.addMenu("文件(&F)")
        self.new_action = self._action("新建(&N)", self.new_file, K.New, "新建一份空白年报")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self._action("以上年报告为模板新建(&L)…", self.new_from_last_year, None,
                                         "用上一年度的年报文件开始今年的报告：沿用正文、基本信息和结转数据"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("打开(&O)…", self.open_file, K.Open))
        self.recent_menu = file_menu.addMenu("最近打开的文件(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self._action("导入已发布的年报(&I)…", self.import_file, None,
                                         "从 Excel、Word、网页或文本格式的年报读入"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("保存(&S)", self.save, K.Save))
        file_menu.addAction(self._action("另存为(&A)…", self.save_as, "Ctrl+Shift+S"))
        file_menu.addSeparator()
        self.migrate_action = self._action(f"转换为{latest_format().short}(&M)…", self.convert_format)
        file_menu.addAction(self.migrate_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("打印预览(&V)…", self.print_preview))
        file_menu.addAction(self._action("打印(&P)…", self.print_report, K.Print))
        file_menu.addSeparator()
        file_menu.addAction(self._action("退出(&X)", self.close, "Ctrl+Q"))

        edit_menu = bar.addMenu("编辑(&E)")
        undo = self.doc.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts(key_sequences("Ctrl+Z"))
        redo = self.doc.undo_stack.createRedoAction(self, "重做")
        redo.setShortcuts(key_sequences(("Ctrl+Y", "Ctrl+Shift+Z")))
        self.undo_action, self.redo_action = undo, redo
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self.copy_action = self._action("复制(&C)", self.copy, K.Copy)
        self.paste_action = self._action("粘贴(&P)", self.paste, K.Paste)
        self.clear_action = self._action("清除(&D)", self.clear, "Delete", "清空所选单元格")
        for a in (self.copy_action, self.paste_action, self.clear_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("查找和替换(&F)…", self.find_replace, ("Ctrl+F", "Ctrl+H"),
                                         "在前言和全部正文中查找文字，可逐处或全部替换"))
        edit_menu.addSeparator()
        self.use_computed_action = self._action("采用计算的合计(&T)", self.doc.clear_printed, None,
                                                "不再使用导入报告中印出的合计，一律按分项重新计算")
        edit_menu.addAction(self.use_computed_action)

        view_menu = bar.addMenu("视图(&V)")
        toggle = self.problems_dock.toggleViewAction()
        toggle.setText(PROBLEMS_TOGGLE_TEXT)
        toggle.setShortcuts(key_sequences("F8"))
        view_menu.addAction(toggle)
        view_menu.addAction(self._action("下一个问题(&N)", lambda: self.go_to_problem(1), "F7",
                                         "转到问题面板中的下一条，并选中它所在的单元格或正文"))
        view_menu.addAction(self._action("上一个问题(&R)", lambda: self.go_to_problem(-1), "Shift+F7"))
        view_menu.addSeparator()
        view_menu.addAction(self._action("放大(&I)", lambda: self.zoom(1), ("Ctrl++", "Ctrl+="), "所有文字放大一级"))
        view_menu.addAction(self._action("缩小(&O)", lambda: self.zoom(-1), "Ctrl+-", "所有文字缩小一级"))
        view_menu.addAction(self._action("原始大小(&Z)", lambda: self.zoom(0), "Ctrl+0"))
        view_menu.addSeparator()
        for i, key in enumerate(TAB_KEYS):
            view_menu.addAction(self._action(TAB_LABELS[key], lambda k=key: self.show_tab(k), f"Ctrl+{i + 1}"))

        export_menu = bar.addMenu("导出(&X)")
        for writer in EXPORTERS:
            for text, options in writer.menu:
                export_menu.addAction(self._action(text, lambda k=writer.key, o=dict(options): self.export(k, **o)))

        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self._action("使用说明(&U)", self.show_user_guide, QKeySequence.StandardKey.HelpContents,
                                         "本程序的使用说明"))
        help_menu.addAction(self._action("打开示例报告(&S)", self.open_sample, None, "打开随程序附带的洪合镇2020年度年报"))
        help_menu.addSeparator()
        help_menu.addAction(self._action("关于(&A)", self.about))

    def _build_status_bar(self) -> None:
        size = self.fontMetrics().height()
        self._error_icon = QLabel()
        self._error_icon.setPixmap(severity_icon(ERROR).pixmap(size, size))
        self._warning_icon = QLabel()
        self._warning_icon.setPixmap(severity_icon(WARNING).pixmap(size, size))
        self.error_label = QLabel()
        self.warning_label = QLabel()
        bar = self.statusBar()
        for w in (self._error_icon, self.error_label, self._warning_icon, self.warning_label):
            bar.addPermanentWidget(w)

    def _show_lasting_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 0)

    def _show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS)

    def _update_counts(self) -> None:
        errors, warnings = self.doc.error_count, self.doc.warning_count
        self.error_label.setText(f"错误 {errors} 项")
        self.warning_label.setText(f"警告 {warnings} 项 ")
        # A grey icon when there is nothing of that kind: a red one always looks like trouble.
        self._error_icon.setEnabled(errors > 0)
        self._warning_icon.setEnabled(warnings > 0)
        reviewed = self.doc.reviewed_count       # marked 已核对: listed, greyed, not counted
        open_ones = len(self.doc.findings) - reviewed
        self.problems_dock.setWindowTitle((f"问题（{open_ones}）" if open_ones else "问题")
                                          + (f"　已核对 {reviewed} 项" if reviewed else ""))
        # The dock copies its title into its menu action: the 视图 menu keeps its own words.
        self.problems_dock.toggleViewAction().setText(PROBLEMS_TOGGLE_TEXT)

    def _update_title(self) -> None:
        meta = self.doc.report.meta
        organ = meta.organ_name or "未命名"
        year = f"{meta.year}年度" if meta.year else ""
        self.setWindowTitle(f"{organ} {year}[*] — {APP_TITLE}")
        self.setWindowModified(self.doc.is_modified())

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_actions(self) -> None:
        fmt = self.doc.report.format
        target = conversion_target(fmt)
        self.migrate_action.setEnabled(target is not None)
        if target is not None:
            self.migrate_action.setText(f"转换为{target.short}(&M)…")
            self.migrate_action.setStatusTip(f"把{fmt.title}的报告转换为{target.title}")

    def _on_report_replaced(self) -> None:
        for i, key in enumerate(TAB_KEYS):
            if key != META_TAB:
                self.tabs.setTabToolTip(i, self.doc.report.format.section(key).title)
        self._update_title()
        self._update_actions()

    # ---- editing: route to the widget that has the focus -------------------------------
    def _focused(self) -> QWidget | None:
        return QApplication.focusWidget()

    def _focused_table(self):
        w = self._focused()
        for view in self.table_views.values():
            if w is view:
                return view
        return None

    def copy(self) -> None:
        from PySide6.QtWidgets import QAbstractSpinBox
        w = self._focused()
        table = self._focused_table()
        if table is not None:
            table.copy_selection()
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.copy()
        elif isinstance(w, QAbstractSpinBox):
            w.lineEdit().copy()

    def paste(self) -> None:
        from PySide6.QtWidgets import QAbstractSpinBox
        w = self._focused()
        table = self._focused_table()
        if table is not None:
            table.paste()
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.paste()
        elif isinstance(w, QAbstractSpinBox):
            w.lineEdit().paste()

    def clear(self) -> None:
        w = self._focused()
        table = self._focused_table()
        if table is not None:
            table.clear_selection()
        elif isinstance(w, QLineEdit):
            w.del_()
        elif isinstance(w, QPlainTextEdit):
            w.textCursor().deleteChar()

    # ---- files --------------------------------------------------------------------------
    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel': what to do with unsaved changes."""
        return self._choose(f"“{self._document_name()}”有尚未保存的修改。", "是否保存这些修改？",
                            [("save", "保存", "AcceptRole"), ("discard", "不保存", "DestructiveRole")], default="save")

    def ask_overwrite(self) -> str:
        """'overwrite', 'save_as' or 'cancel': the file was changed by someone else since it was opened here."""
        return self._choose(f"“{self._document_name()}”在本窗口打开之后，已被其他程序或其他人修改过。",
                            "覆盖保存会丢掉那些修改。也可以另存为新文件，再对照两份文件。",
                            [("overwrite", "覆盖保存", "DestructiveRole"), ("save_as", "另存为…", "AcceptRole")],
                            default="save_as")

    def _choose(self, text: str, detail: str, choices: list[tuple[str, str, str]], default: str) -> str:
        """A warning with the buttons of `choices` (answer, label, QMessageBox role name) and 取消; the answer
        of the button pressed, 'cancel' for 取消 or Esc."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, parent=self)
        box.setInformativeText(detail)
        buttons = {box.addButton(label, getattr(QMessageBox.ButtonRole, role)): answer
                   for answer, label, role in choices}
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(next(b for b, answer in buttons.items() if answer == default))
        box.setEscapeButton(cancel)
        box.exec()
        return buttons.get(box.clickedButton(), "cancel")

    def maybe_save(self) -> bool:
        """True when the current report may be replaced or closed (saved, or its changes discarded)."""
        if not self.doc.is_modified():
            return True
        choice = self.ask_unsaved()
        if choice == "save":
            return self.save()
        if choice == "discard":
            self.autosave.discard()
            return True
        return False

    def show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.critical(self, title, message)

    def confirm(self, title: str, question: str, detail: str, ok_text: str) -> bool:
        """Ask before doing something far-reaching; True when the user chose `ok_text`."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        box.setInformativeText(detail)
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is ok

    def ask_file(self, kind: str, caption: str, file_filter: str, suggested: str = "") -> str:
        """A path from a file dialog ('' when cancelled); kind is 'open' or 'save'."""
        from PySide6.QtWidgets import QFileDialog
        start = suggested or self._start_folder()
        if kind == "open":
            path, _ = QFileDialog.getOpenFileName(self, caption, start, file_filter)
        else:
            path, _ = QFileDialog.getSaveFileName(self, caption, start, file_filter)
        return path

    def _start_folder(self) -> str:
        if self.doc.path:
            return str(Path(self.doc.path).parent)
        return str(self.settings.value("last_folder", "", type=str) or Path.home())

    def _document_name(self) -> str:
        return Path(self.doc.path).name if self.doc.path else self.doc.report.display_title

    def _suggested_name(self, suffix: str, tail: str = "") -> str:
        stem = Path(self.doc.path).stem if self.doc.path else self.doc.report.display_title
        return str(Path(self._start_folder()) / (stem + tail + suffix))

    def new_file(self) -> None:
        if self.maybe_save():
            self.doc.replace_report(empty_report(), None)
            self.show_tab(META_TAB)
            self.say_new_report()

    def say_new_report(self) -> None:
        """What a blank report is, and the quicker way when last year's exists."""
        report = self.doc.report
        self.statusBar().showMessage(
            f"新建了{report.meta.year}年度的空白报告（{report.format.name}）。有上一年度的年报文件时，"
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
            self.show_error("无法打开", str(e))
            return False
        self.doc.replace_report(report, path)
        self.opened(path)
        return True

    def opened(self, path: Path) -> None:
        """The report of `path` is now shown: remember the file and say so."""
        self._remember(path)
        self.statusBar().showMessage(f"已打开“{path}”", STATUS_MS)

    def open_sample(self) -> None:
        from gik_editor.resources import sample_path
        if not self.maybe_save():
            return
        try:
            report = storage.load(sample_path())
        except GikFileError as e:
            self.show_error("无法打开示例报告", str(e))
            return
        # The sample is read-only material: its changes are saved under a new name.
        self.doc.replace_report(report, None)
        self.statusBar().showMessage("已打开示例报告（洪合镇2020年度），修改后请另存为新文件。", STATUS_MS)

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
            self.show_error("无法导入", str(e))
            return False
        self._adopt_unsaved(result.report)
        self.settings.setValue("last_folder", str(path.parent))
        self.show_log("导入结果", f"已从“{path.name}”导入年报。请核对后保存为年报文件（.gik）。", result.log)
        return True

    def show_log(self, title: str, summary: str, lines: list[str]) -> None:
        """A dialog with a summary and, when there is any, the list of what needs a look."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox
        dialog = QDialog(self)
        dialog.setWindowTitle(title)
        layout = QVBoxLayout(dialog)
        label = QLabel(summary, dialog)
        label.setWordWrap(True)
        layout.addWidget(label)
        if lines:
            layout.addWidget(QLabel("以下内容请人工核对：", dialog))
            text = QPlainTextEdit(dialog)
            text.setReadOnly(True)
            text.setPlainText("\n".join(lines))
            layout.addWidget(text)
            dialog.resize(720, 420)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.accepted.connect(dialog.accept)
        layout.addWidget(buttons)
        dialog.exec()

    def _adopt_unsaved(self, report: Report, path: Path | None = None) -> None:
        """Show a report that exists only in memory: it is marked modified until saved."""
        self.doc.replace_report(report, path)
        self.doc.undo_stack.resetClean()
        self.setWindowModified(True)
        self.autosave.write_now()

    def new_from_last_year(self) -> None:
        if not self.maybe_save():
            return
        # Usually last year's report is the one open right now.
        path = self.ask_file("open", "选择上一年度的年报文件", GIK_FILTER, str(self.doc.path or ""))
        if not path:
            return
        from gik_editor.carryover import new_from_last_year
        try:
            last = storage.load(path)
            report = new_from_last_year(last)
        except GikFileError as e:
            self.show_error("无法新建", str(e))
            return
        self._adopt_unsaved(report)
        self.show_tab(META_TAB)
        lines = [report.migration_note] if report.migration_note else []
        self.show_log("以上年报告为模板新建",
                      f"已根据{last.meta.year}年度报告新建{report.meta.year}年度报告：正文沿用上年内容"
                      "（灰底段落请逐段核对），上年结转数已填入表三，其他数字请重新填写。", lines)

    def convert_format(self) -> None:
        """转换为…格式: the report in the newer format it can be converted to, as a new unsaved file."""
        target = conversion_target(self.doc.report.format)
        if target is None:
            return
        if not self.confirm(f"转换为{target.short}", f"把本报告转换为{target.title}（{target.basis}）？",
                            "转换后的报告需另存为新文件，原文件不变。能对应的数值自动转入，"
                            "不能一一对应的单元格标为“需人工核对”。", "转换"):
            return
        if not self.maybe_save():
            return
        from gik_editor.migration import migrate
        try:
            report = migrate(self.doc.report.copy(), target.id)
        except GikFileError as e:
            self.show_error("无法转换", str(e))
            return
        self._adopt_unsaved(report)
        self.show_log(f"转换为{target.short}", "转换完成，请核对后另存为新文件。", report.migration_note.splitlines())

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self.save_to(Path(self.doc.path))

    def save_as(self) -> bool:
        path = self.ask_file("save", "另存为", GIK_FILTER, self._suggested_name(storage.SUFFIX))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != storage.SUFFIX:
            path = path.with_name(path.name + storage.SUFFIX)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        if self.doc.path is not None and Path(path) == Path(self.doc.path) and self.doc.changed_on_disk():
            choice = self.ask_overwrite()
            if choice == "save_as":
                return self.save_as()
            if choice != "overwrite":
                return False
        try:
            with wait_cursor():
                storage.save(self.doc.report, path)
        except GikFileError as e:
            self.show_error("无法保存", str(e))
            return False
        self.doc.mark_saved(path)
        self.autosave.discard()
        self._remember(path)
        self.statusBar().showMessage(f"已保存到“{path}”", STATUS_MS)
        return True

    # ---- recent files ----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def _remember(self, path: Path) -> None:
        text = str(Path(path).resolve())
        recent = [text] + [p for p in self.recent_files() if p != text]
        self.settings.setValue("recent_files", recent[:MAX_RECENT])
        self.settings.setValue("last_folder", str(Path(text).parent))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        if not recent:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        for i, p in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{i} {Path(p).name}")
            action.setToolTip(p)
            action.setStatusTip(p)
            action.triggered.connect(lambda _checked=False, p=p: self._open_recent(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清空列表", lambda: self.settings.setValue("recent_files", []))

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.settings.setValue("recent_files", [p for p in self.recent_files() if p != path])
            self.show_error("无法打开", f"文件“{path}”已不存在（可能已被移动或删除），已从列表中去掉。")
            return
        self.open_path(Path(path))

    # ---- export and print (their libraries load only when used) ------------------------------
    def export(self, kind: str, **options) -> bool:
        chosen = exporter(kind)
        suffix = chosen.suffix
        if chosen.on_command_line and self.doc.error_count and not self._confirm_export_with_errors():
            return False      # (the findings list is made for a report with errors: no question for it)
        path = self.ask_file("save", "导出", chosen.file_filter, self._suggested_name(suffix, chosen.name_tail))
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        if not self.export_to(kind, path, **options):
            return False
        self.open_exported(path, self.ask_open_exported(path))
        return True

    def ask_open_exported(self, path: Path) -> str:
        """After an export: 'file', 'folder' or '' (just go on)."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Information, "导出完成", f"已导出到“{path}”。", parent=self)
        open_file = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        close = box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.exec()
        clicked = box.clickedButton()
        return "file" if clicked is open_file else "folder" if clicked is open_folder else ""

    def open_exported(self, path: Path, choice: str) -> None:
        """Open the exported file, or its folder, with what the system uses for it."""
        if not choice:
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        target = path if choice == "file" else path.parent
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.show_error("无法打开", f"这台电脑上没有可以打开“{target}”的程序。文件已导出，可以另行打开。")

    def _confirm_export_with_errors(self) -> bool:
        return self.confirm("导出", f"报告还有{self.doc.error_count}项错误（见“问题”面板），仍要导出吗？",
                            "错误会原样导出；改正后可重新导出。", "仍然导出")

    def export_to(self, kind: str, path: Path, **options) -> bool:
        """Export with `gik_editor.exporters.<kind>` (options such as the PDF's sign_off)."""
        try:
            with wait_cursor():
                exporter(kind).module().export(self.doc.report, Path(path), **options)
        except GikFileError as e:
            self.show_error("无法导出", str(e))
            return False
        self.settings.setValue("last_folder", str(Path(path).parent))
        self.statusBar().showMessage(f"已导出到“{path}”", STATUS_MS)
        return True

    def print_preview(self) -> None:
        from .print_preview import show_print_preview
        show_print_preview(self, self.doc.report)

    def print_report(self) -> None:
        from .print_preview import print_report
        print_report(self, self.doc.report)

    def show_user_guide(self) -> None:
        from .user_guide import UserGuide
        if self.user_guide is None:
            self.user_guide = UserGuide(self)
        self.user_guide.show()
        self.user_guide.raise_()
        self.user_guide.activateWindow()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox
        from gik_editor.version import VERSION
        QMessageBox.about(self, "关于", f"<b>{APP_TITLE}</b> {VERSION}<p>编写、核对和导出政府信息公开工作年度报告，"
                                       f"支持{'和'.join(f.title for f in by_years())}。</p>")

    # ---- window events -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            # Open after the drop has finished, so the source application is not kept waiting by a dialog.
            QTimer.singleShot(0, lambda: self.open_path(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.autosave.close()
        event.accept()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _scrolling(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    return area


def _dropped_file(event) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in (storage.SUFFIX, *SUFFIXES, *CONVERT_FIRST):
                return path
    return None

