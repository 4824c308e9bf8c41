"""文件 → 汇总下级单位报告…: choose the folder (and roster), read with a progress bar, list the units.

What the `rollup` command does, in a window: a row per unit with its status icon and counts; double-click
opens the unit's report in a new window (unsaved and without a file, so it is saved only under a new name);
buttons export the workbook and create the 综合 report as a new document.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gik_editor import storage
from gik_editor.findings import ERROR, INFO, SEVERITY_ZH, WARNING
from gik_editor.report import Report
from gik_editor.rollup import (
    CHECKED,
    HAS_ERRORS,
    HAS_WARNINGS,
    NOT_SUBMITTED,
    UNREADABLE,
    Rollup,
    RollupCancelled,
    Unit,
    roll_up,
    summary_line,
)
from gik_editor.storage import GikFileError

from .problems_panel import severity_icon
from .wait_cursor import wait_cursor

if TYPE_CHECKING:
    from .main_window import MainWindow

ROSTER_FILTER = "单位名单 (*.txt *.xlsx);;文本文件 (*.txt);;Excel 工作簿 (*.xlsx)"
COLUMNS = ("状态", "单位", "报告文件", "错误", "警告", "雷同")
STATUS_ICON = {HAS_ERRORS: ERROR, UNREADABLE: ERROR, NOT_SUBMITTED: ERROR, HAS_WARNINGS: WARNING, CHECKED: INFO}


class RollupSetup(QDialog):
    """The folder of the units' reports and, if the office keeps one, the roster."""

    def __init__(self, parent: QWidget | None, start: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("汇总下级单位报告")
        form = QFormLayout()
        self.folder = QLineEdit(start, self)
        self.roster = QLineEdit(self)
        self.year = QSpinBox(self)
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText("自动（多数报告的年度）")
        self.roster.setPlaceholderText("可不选：没有名单时，文件夹中的每份报告算一个单位")
        for label, edit, browse in (("下级单位报告所在文件夹(&D)：", self.folder, self._choose_folder),
                                    ("单位名单（.txt 或 .xlsx）(&R)：", self.roster, self._choose_roster)):
            row = QHBoxLayout()
            row.addWidget(edit)
            button = QPushButton("浏览…", self)
            button.clicked.connect(browse)
            row.addWidget(button)
            name = QLabel(label, self)
            name.setBuddy(edit)
            form.addRow(name, row)
        year = QLabel("汇总年度(&Y)：", self)
        year.setBuddy(self.year)
        form.addRow(year, self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("文件夹中的 .gik、Word、网页、文本、PDF 和 Excel 年报都会读入、检查并逐格相加。", self))
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.start_button = buttons.addButton("开始汇总", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择下级单位报告所在文件夹", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _choose_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择单位名单", self.folder.text(), ROSTER_FILTER)
        if path:
            self.roster.setText(path)


def read_with_progress(parent: QWidget, folder: Path, roster: list[str] | None, year: int | None = None) -> Rollup | None:
    """The roll-up of `folder`, a progress bar showing while the files are read; None when cancelled."""
    bar = QProgressDialog("正在读取下级单位报告…", "取消", 0, 0, parent)
    bar.setWindowTitle("汇总下级单位报告")
    bar.setWindowModality(Qt.WindowModality.WindowModal)
    bar.setMinimumDuration(0)
    bar.setAutoReset(False)                  # it stays at “all read” while the checks run, then closes
    bar.setAutoClose(False)
    bar.show()

    def progress(done: int, total: int, name: str) -> bool:
        bar.setMaximum(total)
        bar.setValue(done)
        bar.setLabelText(f"正在读取第{done + 1}份，共{total}份：{name}" if name else "正在检查和汇总…")
        QApplication.processEvents()        # the bar moves and 取消 is heard between two files
        return not bar.wasCanceled()

    try:
        return roll_up(folder, roster, year, progress=progress)
    except RollupCancelled:
        return None
    finally:
        bar.hide()                           # (close() would count as 取消)
        bar.deleteLater()


class RollupWindow(QMainWindow):
    """The units of one roll-up, their status and counts, and what can be made of them."""

    def __init__(self, rollup: Rollup, main: MainWindow) -> None:
        super().__init__(main)
        self.setWindowFlag(Qt.WindowType.Window)
        self.rollup = rollup
        self.main = main
        self.opened: list[QMainWindow] = []          # the windows it opened, kept alive while shown
        self.setWindowTitle(f"汇总下级单位报告 — {rollup.year}年度")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.summary = QLabel(summary_line(rollup), body)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS), body)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _: self.open_unit(row))
        self.table.installEventFilter(self)           # Enter opens the unit as a double-click does
        layout.addWidget(self.table, 3)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_findings(row))
        panes = QHBoxLayout()
        self.notes = QPlainTextEdit(body)
        self.findings = QPlainTextEdit(body)
        for title, pane in (("需要说明的事项（未提交的单位、名单外的报告、重复的报告、按相近名称对应的单位）(&N)：", self.notes),
                            ("所选单位的问题（退回修改时一并发送）(&P)：", self.findings)):
            pane.setReadOnly(True)
            column = QVBoxLayout()
            label = QLabel(title, body)
            label.setBuddy(pane)
            column.addWidget(label)
            column.addWidget(pane)
            panes.addLayout(column)
        layout.addLayout(panes, 2)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("打开单位报告(&O)", body)
        self.open_button.clicked.connect(lambda: self.open_unit(self.table.currentRow()))
        self.export_button = QPushButton("导出汇总表（Excel）(&X)…", body)
        self.export_button.clicked.connect(self.export_workbook)
        self.create_button = QPushButton("生成综合报告(&C)", body)
        self.create_button.clicked.connect(self.create_total)
        self.own_button = QPushButton("核对本级综合报告(&H)…", body)
        self.own_button.setToolTip("选择本级已写好的综合报告（.gik），逐格核对表二、表三、表四是否等于下级单位合计")
        self.own_button.clicked.connect(self.check_own_report)
        close = QPushButton("关闭", body)
        close.clicked.connect(self.close)
        escape = QAction(self)                       # Esc closes it, as it would a dialog
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.triggered.connect(self.close)
        self.addAction(escape)
        for b in (self.open_button, self.export_button, self.create_button, self.own_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.setCentralWidget(body)
        self._fill()
        self.resize(1000, 640)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.open_unit(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)

    def _fill(self) -> None:
        units = self.rollup.units
        self.table.setRowCount(len(units))
        for row, unit in enumerate(units):
            status = QTableWidgetItem(severity_icon(STATUS_ICON[unit.status]), unit.status)
            status.setData(Qt.ItemDataRole.ToolTipRole, unit.unusable or unit.status)
            cells = [status, QTableWidgetItem(unit.name), QTableWidgetItem(Path(unit.file).name if unit.file else "")]
            counts = (unit.errors, unit.warnings, len(unit.alike)) if unit.report is not None else ("", "", "")
            for value in counts:
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cells.append(item)
            for col, item in enumerate(cells):
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if units:
            self.table.setCurrentCell(0, 1)
        self.notes.setPlainText("\n".join(self.note_lines()))

    def _show_findings(self, row: int) -> None:
        if not 0 <= row < len(self.rollup.units):
            self.findings.clear()
            return
        lines = [f"{severity}：{where + '：' if where else ''}{message}{f'（规则 {rule}）' if rule else ''}"
                 for severity, rule, where, message in self.rollup.units[row].findings()]
        self.findings.setPlainText("\n".join(lines) or "没有问题。")

    def note_lines(self) -> list[str]:
        r = self.rollup
        lines = []
        if r.missing():
            lines.append(f"未提交报告的单位（{len(r.missing())}个）：{'、'.join(r.missing())}")
        for unit in r.strays:
            why = f"无法读取：{unit.unusable}" if unit.unusable else unit.name
            lines.append(f"名单中没有对应单位的报告（未计入汇总）：{Path(unit.file).name}（{why}）")
        for name, organ in r.fuzzy:
            lines.append(f"名单中的“{name}”按相近名称对应到报告“{organ}”，请确认。")
        for unit in r.units:
            for other, share in unit.alike:
                lines.append(f"{unit.name}：与{other}报告雷同（正文有{share:.0%}相同）")
        lines += [f"已跳过汇总报告：{Path(f).name}" for f in r.skipped]
        lines += [f"同一机关有{len(files)}份报告，请只保留最新的一份后重新汇总：{'、'.join(Path(f).name for f in files)}"
                  for files in r.duplicates]
        return lines or ["无。"]

    # ---- actions -----------------------------------------------------------------------------------
    def _new_window(self, report: Report, message: str) -> QMainWindow:
        from .main_window import MainWindow
        from .report_doc import ReportDocument
        window = MainWindow(ReportDocument(report, None), self.main.settings, self.main._recovery_folder)
        self.opened.append(window)
        window.show()
        window.statusBar().showMessage(message)
        return window

    def open_unit(self, row: int) -> QMainWindow | None:
        """The unit's report in a new window, read from its file again, as a document with no file:
        its own file is never written; changes are saved under a new name (另存为)."""
        if not 0 <= row < len(self.rollup.units):
            return None
        unit: Unit = self.rollup.units[row]
        if not unit.file:
            self.main.prompts.show_error("未提交", f"“{unit.name}”未提交报告。")
            return None
        try:
            with wait_cursor():
                report = _read(Path(unit.file))
        except GikFileError as e:
            self.main.prompts.show_error("无法打开", str(e))
            return None
        window = self._new_window(report, f"下级单位报告（只读）：{Path(unit.file).name}。修改后请另存为新文件，原文件不变。")
        window.setWindowTitle(f"{unit.name}（只读） — {Path(unit.file).name}[*]")
        return window

    def export_workbook(self) -> None:
        start = str(Path(self.main.files.start_folder()) / f"{self.rollup.year}年度汇总表.xlsx")
        path = self.main.prompts.ask_file("save", "导出汇总表", "Excel 工作簿 (*.xlsx)", start)
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        from gik_editor.rollup_xlsx import write_workbook
        try:
            with wait_cursor():
                write_workbook(self.rollup, target)
        except GikFileError as e:
            self.main.prompts.show_error("无法导出", str(e))
            return
        self.statusBar().showMessage(f"已导出汇总表：{target}", 8000)

    def check_own_report(self) -> list[str] | None:
        """H1: the county's own 综合 report against the units' sum, each differing cell in the log; None when
        no file was chosen or it could not be read."""
        from gik_editor.rollup import check_own
        path = self.main.prompts.ask_file("open", "选择本级综合报告", "年报文件 (*.gik)", self.main.files.start_folder())
        if not path:
            return None
        try:
            findings = check_own(storage.load(path), self.rollup)
        except GikFileError as e:
            self.main.prompts.show_error("无法核对", str(e))
            return None
        lines = [f"{SEVERITY_ZH[f.severity]}：{f.message}" for f in findings]
        summary = (f"“{Path(path).name}”与下级单位合计有{len(findings)}处不一致（规则 H1）。" if findings
                   else f"“{Path(path).name}”表二、表三、表四与下级单位合计一致。")
        self.main.prompts.show_log("核对本级综合报告", summary, lines)
        return lines

    def create_total(self) -> QMainWindow | None:
        """The 综合 report as a new unsaved document in a window of its own."""
        if self.rollup.total is None:
            return None
        window = self._new_window(self.rollup.total.copy(), "已生成综合报告：表二、表三、表四为下级单位合计，正文请撰写后保存。")
        window.setWindowModified(True)
        return window


def _read(path: Path) -> Report:
    if path.suffix.lower() == storage.SUFFIX:
        return storage.load(path)
    from gik_editor.importers import read_any
    return read_any(path).report


def ask_source(parent: QWidget, start: str) -> tuple[str, str, int] | None:
    """(folder, roster or "", year or 0) from the setup dialog; None when cancelled (Prompts.ask_rollup_source)."""
    setup = RollupSetup(parent, start)
    if setup.exec() != QDialog.DialogCode.Accepted or not setup.folder.text().strip():
        return None
    return setup.folder.text().strip(), setup.roster.text().strip(), setup.year.value()


def start_rollup(main: MainWindow) -> RollupWindow | None:
    """文件 → 汇总下级单位报告…: the folder and roster, the reading, then the window (None when given up)."""
    source = main.prompts.ask_rollup_source(main.files.start_folder())
    if source is None:
        return None
    folder, roster_file, year = source
    roster = None
    try:
        if roster_file:
            from gik_editor.roster import read_roster
            roster = read_roster(roster_file)
        rollup = read_with_progress(main, Path(folder), roster, year or None)
    except GikFileError as e:
        main.prompts.show_error("无法汇总", str(e))
        return None
    if rollup is None:
        main.statusBar().showMessage("已取消汇总。", 8000)
        return None
    main.settings.setValue("last_folder", folder)
    window = RollupWindow(rollup, main)
    window.show()
    main.rollup_window = window
    return window
