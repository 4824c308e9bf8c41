"""The editor window: menus, a tab per part of the report, the problems panel, the status bar."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence

# Only what the first frame needs is imported here: PySide6 builds a class (and all its enums, ~0.5 ms
# per class) when it is first named, so dialogs import their classes where they are opened.
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gik_editor import storage
from gik_editor.filetypes import CONVERT_FIRST, EXPORTERS, SUFFIXES
from gik_editor.findings import ERROR, WARNING
from gik_editor.formats import by_years, latest_format
from gik_editor.migration import conversion_target

from .autosave import Autosaver
from .export_actions import ExportActions
from .file_actions import FileActions
from .first_frame import DEFAULT_LAYOUT, key_sequences, set_enum_property
from .meta_form import MetaForm
from .problems_panel import ProblemsPanel, severity_icon
from .prompts import APP_TITLE, Prompts
from .report_doc import ReportDocument
from .tabs import META_TAB, TAB_KEYS, TAB_LABELS, empty_report
from .view_actions import ViewActions
from .window_size import place_on_screen

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from .table_view import ReportTableView
    from .text_section import TextSection

PREFERRED_SIZE = QSize(1280, 820)
STATUS_MS = 8000
PROBLEMS_TOGGLE_TEXT = "问题面板(&P)"


class MainWindow(QMainWindow):
    """One open report. `settings` and `recovery_folder` are parameters so tests can keep to a temp folder."""

    def __init__(self, doc: ReportDocument | None = None, settings: QSettings | None = None,
                 recovery_folder: Path | None = None, prompts: Prompts | None = None) -> None:
        super().__init__()
        self.doc = doc or ReportDocument(empty_report())
        self.doc.setParent(self)           # the document lives and dies with its window
        self.settings = settings or QSettings()
        self.prompts = prompts or Prompts(self)
        self.files = FileActions(self)
        self.exports = ExportActions(self)
        self._recovery_folder = recovery_folder
        self.autosave = Autosaver(self.doc, recovery_folder, self)
        self.autosave.failed.connect(self._show_lasting_message)
        self.setAcceptDrops(True)
        # Maximized on a small screen, at first (ui/app.py shows it so); a saved geometry, restored below, wins.
        self.start_maximized = place_on_screen(self, PREFERRED_SIZE)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, QWidget] = {}
        self._built: dict[str, QWidget] = {}
        self.text_sections: dict[str, list[TextSection]] = {}
        self.table_views: dict[str, ReportTableView] = {}
        self.meta_form: MetaForm | None = None
        self.user_guide: QWidget | None = None       # opened on demand (帮助 → 使用说明)
        self.rollup_window: QWidget | None = None    # 文件 → 汇总下级单位报告…, the last one opened
        for key in TAB_KEYS:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[key] = page
            self.tabs.addTab(page, TAB_LABELS[key])
            if key != META_TAB:
                self.tabs.setTabToolTip(self.tabs.count() - 1, self.doc.report.format.section(key).title)
        self.tabs.currentChanged.connect(lambda i: self.page(TAB_KEYS[i]))
        self.setCentralWidget(self.tabs)

        self.views = ViewActions(self)
        self.problems = ProblemsPanel(self.doc, self)
        self.problems.activated.connect(self.views.go_to)
        self.problems_dock = QDockWidget("问题", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        set_enum_property(self.problems_dock, "allowedAreas", "BottomDockWidgetArea|RightDockWidgetArea")
        if not self.restoreState(DEFAULT_LAYOUT):      # docks it at the bottom; the user's own layout follows
            from PySide6.QtCore import Qt  # (a Qt whose layout format changed: the slow way)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)

        self._build_status_bar()
        self._build_menus()

        self.doc.undo_stack.cleanChanged.connect(self._on_clean_changed)
        # Every edit, undo or redo makes what the status bar said about the last one stale ("2.5不是整数"
        # after a valid ３, "已粘贴6个单元格" after the paste was undone): it is cleared; a message the
        # edit itself gives (a paste) is shown after this.
        self.doc.undo_stack.indexChanged.connect(self._forget_message)
        self.doc.reportReplaced.connect(self._forget_message)      # ("已打开…" is not about a new report)
        self.doc.metaChanged.connect(self.update_title)
        self.doc.reportReplaced.connect(self._on_report_replaced)
        self.doc.reportReplaced.connect(self._update_counts)
        self.doc.findingsChanged.connect(self._update_counts)
        self._restore_geometry()
        self.update_title()
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
            form.migrateRequested.connect(self.files.convert_format)
            form.statusMessage.connect(self.show_message)
            self.meta_form = form
            return _scrolling(form)
        from .text_section import TextSection, heading_label  # (imported when a text or table tab is first shown)
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

        from .table_view import ReportTableView  # the grids are only imported when a table is first shown
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(heading_label(section.title, content))
        intro = TextSection(self.doc, key, intro=True, parts=False, min_lines=1,
                            placeholder="表格前的说明文字（可不填）")
        view = ReportTableView(self.doc, section.table, content)
        view.statusMessage.connect(self.show_message)
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
        files, exports, views = self.files, self.exports, self.views
        self.new_action = self._action("新建(&N)", files.new_file, K.New, "新建一份空白年报")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self._action("以上年报告为模板新建(&L)…", files.new_from_last_year, "Ctrl+Shift+N",
                                         "用上一年度的年报文件开始今年的报告：沿用正文、基本信息和结转数据"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("打开(&O)…", files.open_file, K.Open))
        self.recent_menu = file_menu.addMenu("最近打开的文件(&R)")
        self.recent_menu.aboutToShow.connect(files.fill_recent_menu)
        file_menu.addAction(self._action("导入已发布的年报(&I)…", files.import_file, "Ctrl+I",
                                         "从 Excel、Word、网页或文本格式的年报读入"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("保存(&S)", files.save, K.Save))
        file_menu.addAction(self._action("另存为(&A)…", files.save_as, "Ctrl+Shift+S"))
        file_menu.addSeparator()
        self.migrate_action = self._action(f"转换为{latest_format().short}(&M)…", files.convert_format)
        file_menu.addAction(self.migrate_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("汇总下级单位报告(&U)…", self.start_rollup, None,
                                         "读入一个文件夹里各下级单位的年报：逐一检查，逐格相加生成综合报告，导出汇总表"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("打印预览(&V)…", exports.print_preview, "Ctrl+Shift+P"))
        file_menu.addAction(self._action("打印(&P)…", exports.print_report, K.Print))
        file_menu.addSeparator()
        file_menu.addAction(self._action("退出(&X)", self.close, "Ctrl+Q"))

        edit_menu = bar.addMenu("编辑(&E)")
        undo = self.doc.undo_stack.createUndoAction(self, "撤销(&U)")
        undo.setShortcuts(key_sequences("Ctrl+Z"))
        redo = self.doc.undo_stack.createRedoAction(self, "重做(&R)")
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
        edit_menu.addAction(self._action("查找和替换(&F)…", views.find_replace, ("Ctrl+F", "Ctrl+H"),
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
        view_menu.addAction(self._action("下一个问题(&N)", lambda: views.go_to_problem(1), "F7",
                                         "转到问题面板中的下一条，并选中它所在的单元格或正文"))
        view_menu.addAction(self._action("上一个问题(&R)", lambda: views.go_to_problem(-1), "Shift+F7"))
        view_menu.addSeparator()
        view_menu.addAction(self._action("放大(&I)", lambda: views.zoom(1), ("Ctrl++", "Ctrl+="), "所有文字放大一级"))
        view_menu.addAction(self._action("缩小(&O)", lambda: views.zoom(-1), "Ctrl+-", "所有文字缩小一级"))
        view_menu.addAction(self._action("原始大小(&Z)", lambda: views.zoom(0), "Ctrl+0"))
        view_menu.addSeparator()
        for i, key in enumerate(TAB_KEYS):
            view_menu.addAction(self._action(TAB_LABELS[key], lambda k=key: self.show_tab(k), f"Ctrl+{i + 1}"))

        export_menu = bar.addMenu("导出(&X)")
        for writer in EXPORTERS:
            for text, options in writer.menu:
                export_menu.addAction(self._action(text, lambda k=writer.key, o=dict(options): exports.export(k, **o)))

        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self._action("使用说明(&U)", self.show_user_guide, QKeySequence.StandardKey.HelpContents,
                                         "本程序的使用说明"))
        help_menu.addAction(self._action("打开示例报告(&S)", files.open_sample, None, "打开随程序附带的洪合镇2020年度年报"))
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

    def _forget_message(self, _index: int = 0) -> None:
        self.statusBar().clearMessage()

    def show_message(self, message: str) -> None:
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

    def update_title(self) -> None:
        """名称 — 政府信息公开年报编辑器, with the modified mark: the file's name, so two reports of the same
        office and year can be told apart; organ and year while the report has no file yet."""
        if self.doc.path:
            name = Path(self.doc.path).name
        else:
            meta = self.doc.report.meta
            name = f"{meta.organ_name or '未命名'} {f'{meta.year}年度' if meta.year else ''}".strip()
        self.setWindowTitle(f"{name}[*] — {APP_TITLE}")
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
        self.update_title()
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

    def start_rollup(self) -> None:
        from .rollup_window import start_rollup
        start_rollup(self)

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
            QTimer.singleShot(0, lambda: self.files.open_path(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
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
            self.start_maximized = False        # (the saved geometry knows whether it was maximized)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)


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

