"""The 基本信息 tab: who publishes the report, for which year, in which format, contacts and sign-off."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gik_editor.formats import SECTION_TITLES, format_for_year, latest_format
from gik_editor.meta_input import FIRST_YEAR, LAST_YEAR, normalize_date
from gik_editor.migration import conversion_target
from gik_editor.report import MONEY_UNITS, ORGAN_TYPES
from gik_editor.rules import infer_organ_type

from .report_doc import ReportDocument
from .text_editing import GrowingTextEdit, install_document_undo

# (field of Meta, label, placeholder)
CONTACT_FIELDS = (
    ("address", "通信地址", "例如：嘉兴市南湖区洪合镇洪福路1号"),
    ("postcode", "邮政编码", "例如：314000"),
    ("phone", "联系电话", "例如：0573-12345678"),
    ("email", "电子邮箱", ""),
    ("website", "发布网站", "例如：http://www.example.gov.cn"),
)
SIGN_FIELDS = (
    ("drafter", "拟稿人", ""),
    ("reviewer", "审核人", ""),
    ("signer", "签发人", ""),
)
NOT_CHOSEN = "（请选择）"


def format_description(format_id: str) -> str:
    from gik_editor.formats import get_format
    fmt = get_format(format_id)
    years = f"{fmt.first_year}—{fmt.last_year}年度" if fmt.last_year else f"{fmt.first_year}年度起"
    return f"{fmt.name}（{fmt.basis}，适用于{years}报告）"


class MetaForm(QWidget):
    """Every field commits on each keystroke through the document (typing in one field is one undo step)."""

    migrateRequested = Signal()
    statusMessage = Signal(str)

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._loading = False
        self.edits: dict[str, QLineEdit] = {}

        # ---- the report ----
        report_box = QGroupBox("报告", self)
        form = QFormLayout(report_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.organ = self._line("organ_name", "例如：洪合镇人民政府")
        form.addRow("机关全称", self.organ)
        self.organ_type = QComboBox(report_box)
        self.organ_type.addItems([NOT_CHOSEN, *ORGAN_TYPES])
        self.organ_type.currentIndexChanged.connect(self._on_organ_type)
        form.addRow("机关类型", self.organ_type)
        self.year = QSpinBox(report_box)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)        # older years are shown as they are; rule D1 flags them
        self.year.setSuffix(" 年度")
        self.year.setKeyboardTracking(False)       # typing 2021 must not pass through the year 2
        self.year.valueChanged.connect(self._on_year)
        form.addRow("报告年度", self.year)
        format_row = QWidget(report_box)
        row = QHBoxLayout(format_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.format_label = QLabel(format_row)
        self.format_label.setWordWrap(True)
        self.migrate_button = QPushButton(f"转换为{latest_format().short}…", format_row)
        self.migrate_button.clicked.connect(self.migrateRequested)
        row.addWidget(self.format_label, 1)
        button_column = QVBoxLayout()         # the button stays at the top of a description of two lines
        button_column.addWidget(self.migrate_button)
        button_column.addStretch(1)
        row.addLayout(button_column)
        format_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)   # (the stretch is not to grow the row)
        form.addRow("格式版本", format_row)
        self.format_warning = QLabel(report_box)
        self.format_warning.setWordWrap(True)
        form.addRow("", self.format_warning)
        self.money_unit = QComboBox(report_box)
        self.money_unit.addItems([NOT_CHOSEN, *MONEY_UNITS])
        self.money_unit.currentIndexChanged.connect(self._on_money_unit)
        self.money_unit_label = QLabel(report_box)      # named after the report's unpriced money cell
        form.addRow(self.money_unit_label, self.money_unit)
        self.title = QLineEdit(report_box)
        self.title.textEdited.connect(lambda text: self.doc.set_report_attr("title", text))
        install_document_undo(self.title)
        form.addRow("报告标题", self.title)

        # ---- contacts (created first: Tab follows the right column from the top) ----
        contact_box = QGroupBox("联系方式", self)
        contact_form = QFormLayout(contact_box)
        for field, label, hint in CONTACT_FIELDS:
            contact_form.addRow(label, self._line(field, hint))

        # ---- publication and sign-off ----
        sign_box = QGroupBox("发布与签发", self)
        sign_form = QFormLayout(sign_box)
        self.publish_date = QLineEdit(sign_box)
        self.publish_date.setPlaceholderText("例如：2021-01-25（未发布可不填）")
        self.publish_date.editingFinished.connect(self._on_publish_date)
        install_document_undo(self.publish_date)
        sign_form.addRow("发布日期", self.publish_date)
        for field, label, hint in SIGN_FIELDS:
            sign_form.addRow(label, self._line(field, hint))

        # ---- preamble ----
        preamble_box = QGroupBox(f"前言（标题之后、“{SECTION_TITLES['一']}”之前的段落）", self)
        preamble_layout = QVBoxLayout(preamble_box)
        self.preamble = GrowingTextEdit(min_lines=4, parent=preamble_box)
        self.preamble.setPlaceholderText("例如：本报告根据《中华人民共和国政府信息公开条例》第五十条的规定编制……"
                                         "本报告中所列数据的统计期限自1月1日起至12月31日止。")
        self.preamble.textChanged.connect(self._on_preamble)
        install_document_undo(self.preamble)
        preamble_layout.addWidget(self.preamble)
        draft_row = QHBoxLayout()
        draft_row.addStretch(1)
        self.draft_button = QPushButton("按基本信息生成前言", preamble_box)
        self.draft_button.setToolTip("依据、六个部分、统计期限、发布网站和联系方式，按本报告的格式和年度写成一段，可再修改")
        self.draft_button.clicked.connect(self._draft_preamble)
        draft_row.addWidget(self.draft_button)
        preamble_layout.addLayout(draft_row)

        grid = QGridLayout(self)
        grid.setContentsMargins(12, 4, 12, 12)
        grid.addWidget(report_box, 0, 0, 2, 1)
        grid.addWidget(contact_box, 0, 1)
        grid.addWidget(sign_box, 1, 1)
        grid.addWidget(preamble_box, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(3, 1)

        doc.metaChanged.connect(self.refresh)
        doc.reportReplaced.connect(self.refresh)
        self.refresh()

    def _line(self, field: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda text, f=field: self.doc.set_meta(f, text))
        install_document_undo(edit)
        self.edits[field] = edit
        return edit

    # ---- from the document ----------------------------------------------------------
    def refresh(self) -> None:
        self._loading = True
        try:
            report = self.doc.report
            meta = report.meta
            for field, edit in self.edits.items():
                _set_text(edit, getattr(meta, field))
            self.organ_type.setCurrentIndex(ORGAN_TYPES.index(meta.organ_type) + 1
                                            if meta.organ_type in ORGAN_TYPES else 0)
            # Not chosen: the rules go by a guess from the name; say which, so a wrong guess is seen here.
            guess = "" if meta.organ_type else infer_organ_type(meta.organ_name)
            self.organ_type.setItemText(0, f"（请选择；按名称推测为{guess}）" if guess else NOT_CHOSEN)
            if meta.year:
                self.year.setValue(meta.year)
            _set_text(self.title, report.title)
            self.title.setPlaceholderText(f"{report.display_title}（留空则按机关全称和年度自动生成）"
                                          if not report.title else "")
            if self.publish_date.text() != meta.publish_date and not self.publish_date.hasFocus():
                self.publish_date.setText(meta.publish_date)
            if self.preamble.toPlainText() != report.preamble:
                self.preamble.setPlainText(report.preamble)
            target = conversion_target(report.format)
            self.format_label.setText(format_description(report.format_id))
            self.migrate_button.setVisible(target is not None)
            if target is not None:
                self.migrate_button.setText(f"转换为{target.short}…")
            expected = format_for_year(meta.year) if meta.year else None
            mismatch = expected is not None and expected.id != report.format_id
            self.format_warning.setText(f"{meta.year}年度报告应使用{expected.name}（{expected.basis}）。"
                                        if mismatch else "")
            if mismatch:
                from .colours import alert_colour, set_text_colour  # (not in the first frame of most reports)
                set_text_colour(self.format_warning, alert_colour(self))
            self.format_warning.setVisible(mismatch)
            unpriced = report.format.unpriced_money()
            self.money_unit.setVisible(bool(unpriced))
            self.money_unit_label.setVisible(bool(unpriced))
            if unpriced:
                money = unpriced[0]
                self.money_unit_label.setText(f"{money.col_label}单位")
                self.money_unit.setToolTip(f"{report.format.short}表{report.format.table_of(money.id).section}"
                                           f"“{money.row_label}”的“{money.col_label}”没有印出单位，"
                                           f"请选择本报告所用的单位")
            self.money_unit.setCurrentIndex(MONEY_UNITS.index(report.money_unit) + 1
                                            if report.money_unit in MONEY_UNITS else 0)
        finally:
            self._loading = False

    # ---- to the document ------------------------------------------------------------
    def _on_organ_type(self, index: int) -> None:
        if not self._loading:
            self.doc.set_meta("organ_type", ORGAN_TYPES[index - 1] if index > 0 else "")

    def _on_year(self, value: int) -> None:
        if not self._loading:
            self.doc.set_meta("year", value)

    def _on_money_unit(self, index: int) -> None:
        if not self._loading:
            self.doc.set_report_attr("money_unit", MONEY_UNITS[index - 1] if index > 0 else "")

    def _on_preamble(self) -> None:
        if not self._loading:
            self.doc.set_report_attr("preamble", self.preamble.toPlainText())

    def _draft_preamble(self) -> None:
        from gik_editor.preamble import draft_preamble
        draft = draft_preamble(self.doc.report)
        current = self.doc.report.preamble.strip()
        if current == draft or (current and not self.confirm_replace(current)):
            return
        self.doc.set_report_attr("preamble", draft)
        self.statusMessage.emit("已按基本信息生成前言，请核对；可用“撤销”恢复原来的前言。")

    def confirm_replace(self, current: str) -> bool:
        """Ask before a drafted preamble replaces the clerk's own."""
        from PySide6.QtWidgets import QMessageBox
        answer = QMessageBox.question(self, "生成前言", "用按基本信息生成的前言替换现有的前言？\n（可用“撤销”恢复）")
        return answer == QMessageBox.StandardButton.Yes

    def _on_publish_date(self) -> None:
        from PySide6.QtGui import QPalette  # (not in the first frame)
        value = normalize_date(self.publish_date.text())
        if value is None:
            self.statusMessage.emit(f"“{self.publish_date.text()}”不是日期，请按“2021-01-25”或“2021年1月25日”的样式填写。")
            from .colours import refused_palette
            self.publish_date.setPalette(refused_palette(self.publish_date.palette()))
            return
        self.publish_date.setPalette(QPalette())         # (an empty palette: the window's again)
        self.publish_date.setText(value)
        self.doc.set_meta("publish_date", value)

    def focus_first(self) -> None:
        self.organ.setFocus()


def _set_text(edit: QLineEdit, text: str) -> None:
    """Set without moving the caret when the text is already there (an undo elsewhere)."""
    if edit.text() != text:
        edit.setText(text)
