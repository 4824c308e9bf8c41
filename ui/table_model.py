"""One table model for every statistical table of every format.

The model is the official grid itself: row r, column c of the model is grid
position (r, c) of `Table.grid`, headers, titles and the 勾稽 note included, so
the view shows the form exactly as printed (spans via `spans()`). Values come
from the ReportDocument (entered and computed) and every change goes back
through it, so the undo stack sees every edit.
"""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gik_editor.edits import TypedValueError, typed_values
from gik_editor.findings import ERROR, SEVERITY_ZH, WARNING, Finding
from gik_editor.formats import CellKind, CellSpec, GridCell, Role, Table
from gik_editor.report import format_value

from .report_doc import ReportDocument

ERROR_BRUSH = QBrush(QColor("#f4a6a6"))
WARNING_BRUSH = QBrush(QColor("#ffd8a8"))
REVIEW_BRUSH = QBrush(QColor("#fff3a3"))
COMPUTED_BRUSH = QBrush(QColor("#e3e3e3"))
HEADER_BRUSH = QBrush(QColor("#eef2f7"))
INPUT_BRUSH = QBrush(QColor("#ffffff"))

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
# data() runs for every role of every visible cell on each repaint, and comparing or combining
# PySide6 enums costs ~20 µs each: compare plain ints and hand out prebuilt flags instead.
DISPLAY, EDIT, ALIGN, BACKGROUND, TOOLTIP, FONT = (
    r.value for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole,
                      Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole))
INPUT_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
FIXED_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags
ROLES = frozenset((DISPLAY, EDIT, ALIGN, BACKGROUND, TOOLTIP, FONT))
LABEL, TITLE, NOTE = Role.LABEL, Role.TITLE, Role.NOTE      # enum attribute lookups are slow in 3.11
HEADINGS = frozenset((Role.HEADER, Role.TITLE, Role.NOTE))

Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """Table `table_id` of the open report's format, cell for cell as in the official form."""

    refused = Signal(str)        # a typed value was not accepted (Chinese message)

    def __init__(self, doc: ReportDocument, table_id: str, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table_id = table_id
        self._bold = QFont()
        self._bold.setBold(True)
        self._build()
        doc.cellsChanged.connect(self._on_cells_changed)
        doc.reportReplaced.connect(self._on_replaced)

    # ---- the grid ---------------------------------------------------------------
    def _build(self) -> None:
        self.table: Table = self.doc.report.format.table(self.table_id)
        self._specs: dict[str, CellSpec] = {c.id: c for c in self.table.cells}
        self._pos = {g.cell_id: (g.row, g.col) for g in self.table.grid if g.cell_id}
        # looked up for every role of every painted cell: keep it to one dict lookup. A merged item
        # is found at its top-left position only; the positions it covers hold nothing.
        self._anchors: dict[tuple[int, int], GridCell] = {(g.row, g.col): g for g in self.table.grid}
        self._inputs = {pos for cid, pos in self._pos.items() if not self._specs[cid].computed}

    def spec(self, index: Index) -> CellSpec | None:
        """The value cell at `index` (its top-left position), else None."""
        g = self._anchors.get((index.row(), index.column()))
        return self._specs[g.cell_id] if g is not None and g.cell_id else None

    def is_input(self, index: Index) -> bool:
        return (index.row(), index.column()) in self._inputs

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self._pos.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def spans(self) -> list[GridCell]:
        """The merged items, for QTableView.setSpan."""
        return [g for g in self.table.grid if g.rowspan > 1 or g.colspan > 1]

    # ---- Qt model interface -----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.table.n_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.table.n_cols

    def flags(self, index: Index) -> Qt.ItemFlag:
        pos = (index.row(), index.column())
        if pos in self._inputs:
            return INPUT_FLAGS
        return FIXED_FLAGS if index.isValid() else NO_FLAGS

    def data(self, index: Index, role: int = DISPLAY):
        if role not in ROLES:
            return None
        g = self._anchors.get((index.row(), index.column()))
        if g is None:
            return None
        if g.cell_id:
            return self._value_data(g.cell_id, role)
        if role == DISPLAY:
            return g.text
        if role == ALIGN:
            return LEFT if g.role is LABEL else CENTER
        if role == BACKGROUND:
            return HEADER_BRUSH if g.role in HEADINGS else None
        if role == FONT and g.role is TITLE:
            return self._bold
        if role == TOOLTIP and g.role is NOTE:
            return self.doc.report.format.roles.identity_note
        return None

    def _value_data(self, cell_id: str, role: int):
        if role == DISPLAY or role == EDIT:
            return self.doc.display(cell_id)
        if role == ALIGN:
            return RIGHT
        spec = self._specs[cell_id]
        if role == BACKGROUND:
            return self._brush(spec)
        if role == TOOLTIP:
            return self._tooltip(spec)
        return None

    def _brush(self, spec: CellSpec) -> QBrush:
        findings = [f for f in self.doc.findings_for(spec.id) if not f.reviewed]     # 已核对: decided
        if any(f.severity == ERROR for f in findings):
            return ERROR_BRUSH
        if any(f.severity == WARNING for f in findings):
            return WARNING_BRUSH
        if spec.id in self.doc.report.review:
            return REVIEW_BRUSH
        return COMPUTED_BRUSH if spec.computed else INPUT_BRUSH

    def _tooltip(self, spec: CellSpec) -> str:
        # (a cell with findings shows the finding tip instead, ui/finding_tip.py, where they can be marked)
        about, review = self._note_lines(spec)
        return "\n".join(about + [_finding_text(f) for f in self.doc.findings_for(spec.id)] + review)

    def cell_note(self, spec: CellSpec) -> str:
        """What the tooltip says of the cell itself: its name and unit, whether it is a total, a review note."""
        about, review = self._note_lines(spec)
        return "\n".join(about + review)

    def _note_lines(self, spec: CellSpec) -> tuple[list[str], list[str]]:
        unit = spec.unit or (self.doc.report.money_unit if spec.kind is CellKind.MONEY else "")
        lines = [spec.name + (f"（单位：{unit}）" if unit else "")]
        if spec.computed:
            lines.append("合计，由各分项自动计算，不能直接填写。")
            if spec.id in self.doc.report.printed:
                lines.append(f"原报告中填写的是：{_shown(self.doc.report.printed[spec.id])}")
        note = self.doc.report.review.get(spec.id)
        return lines, [] if note is None else ["需人工核对：" + (note or "迁移自旧格式，请核对。")]

    def setData(self, index: Index, value, role: int = EDIT) -> bool:
        if role != EDIT or not self.is_input(index):
            return False
        spec = self.spec(index)
        try:
            parsed = typed_values(self.doc.report, {spec.id: "" if value is None else str(value)})
        except TypedValueError as e:
            self.refused.emit(f"{spec.name}：{e}")
            return False
        self.doc.set_cells(parsed, f"填写“{spec.name}”")
        return True

    # ---- following the document ------------------------------------------------
    def _on_cells_changed(self, cell_ids: set[str]) -> None:
        for cid in cell_ids:
            pos = self._pos.get(cid)
            if pos is not None:
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)

    def _on_replaced(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()


def _shown(v) -> str:
    return format_value(v) or "空"


def _finding_text(f: Finding) -> str:
    # the message in the clerk's words first, the rule id after it
    mark = f"·已核对（{f.reason}）" if f.reviewed else ""
    text = f"【{SEVERITY_ZH[f.severity]}{mark}】{f.message}（规则 {f.rule}）"
    numbers = difference(f)
    return f"{text}\n{numbers}" if numbers else text


def difference(f: Finding) -> str:
    """“应为 …，实际为 …，相差 ….” for a finding between two numbers whose message does not name them both.

    Every message of the core names both (tests/test_messages.py); this is for one that does not, and never
    repeats what the message says (“相差 -1” after “请把2020年改为2021年” reads as noise)."""
    numeric = (int, Decimal)
    if (isinstance(f.expected, numeric) and isinstance(f.actual, numeric) and f.expected != f.actual
            and not (_shown(f.expected) in f.message and _shown(f.actual) in f.message)):
        return f"应为 {_shown(f.expected)}，实际为 {_shown(f.actual)}，相差 {_shown(f.actual - f.expected)}。"
    return ""
