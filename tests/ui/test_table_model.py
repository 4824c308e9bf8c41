"""The one table model serves every table of both formats, as the official grid."""
import pytest
from PySide6.QtCore import Qt

from gik_editor.formats import FORMATS, Role
from gik_editor.report import new_report
from ui.report_doc import ReportDocument
from ui.table_model import COMPUTED_BRUSH, ERROR_BRUSH, INPUT_BRUSH, REVIEW_BRUSH, WARNING_BRUSH, ReportTableModel

TABLES = [(f, t) for f in FORMATS for t in ("t2", "t3", "t4")]


def _doc(format_id: str) -> ReportDocument:
    year = 2020 if format_id == "2019" else 2022
    return ReportDocument(new_report(format_id, year, "某某县人民政府", "县级政府"))


def _color(model, index):
    brush = model.data(index, Qt.BackgroundRole)
    return None if brush is None else brush.color().name()


@pytest.mark.parametrize("format_id,table_id", TABLES)
def test_qt_model_tester_passes_on_every_table(qtmodeltester, format_id, table_id):
    # Qt's own QAbstractItemModelTester (pytest-qt's Python port crashes PySide6 6.12 at exit on any model)
    doc = _doc(format_id)
    model = ReportTableModel(doc, table_id)
    qtmodeltester.check(model)
    # and again after an edit, with values and red cells in it
    cell = next(c for c in model.table.cells if not c.computed)
    doc.set_cells({cell.id: 7})
    qtmodeltester.check(model)


@pytest.mark.parametrize("format_id,table_id", TABLES)
def test_the_model_is_the_official_grid(format_id, table_id):
    doc = _doc(format_id)
    model = ReportTableModel(doc, table_id)
    table = FORMATS[format_id].table(table_id)
    assert (model.rowCount(), model.columnCount()) == (table.n_rows, table.n_cols)
    for g in table.grid:
        index = model.index(g.row, g.col)
        if g.role is Role.DATA:
            spec = FORMATS[format_id].cells[g.cell_id]
            assert model.data(index) == ""                       # a new report is blank, not 0
            assert model.data(index, Qt.TextAlignmentRole) & Qt.AlignRight
            assert bool(model.flags(index) & Qt.ItemIsEditable) == (not spec.computed)
            assert _color(model, index) == (COMPUTED_BRUSH if spec.computed else INPUT_BRUSH).color().name()
        else:
            assert model.data(index) == g.text
            assert not model.flags(index) & Qt.ItemIsEditable
    spans = {(g.row, g.col, g.rowspan, g.colspan) for g in model.spans()}
    assert spans == {(g.row, g.col, g.rowspan, g.colspan) for g in table.grid if g.rowspan * g.colspan > 1}


def test_table_three_shows_the_note_and_all_three_label_levels():
    model = ReportTableModel(_doc("2021"), "t3")
    texts = {model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(3)}
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in texts
    assert {"三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”", "（七）总计"} <= texts
    headers = {model.data(model.index(r, c)) for r in range(3) for c in range(3, 10)}
    assert {"申请人情况", "法人或其他组织", "自然人", "社会公益组织", "总计"} <= headers


def test_values_come_from_the_report_with_computed_totals(sample):
    doc = ReportDocument(sample)
    model = ReportTableModel(doc, "t3")
    assert model.data(model.index_of("t3.new.natural")) == "5"
    assert model.data(model.index_of("t3.total.total")) == "5"
    t2 = ReportTableModel(doc, "t2")
    assert t2.data(t2.index_of("t2.procurement.amount")) == "49966945.1"
    assert t2.data(t2.index_of("t2.license.delta")) == "-233"


def test_warning_review_and_error_colours_with_tooltips(sample):
    doc = ReportDocument(sample)
    t2 = ReportTableModel(doc, "t2")
    amount = t2.index_of("t2.procurement.amount")
    assert sample.money_unit == "" and _color(t2, amount) == WARNING_BRUSH.color().name()
    assert "T2o-5" in t2.data(amount, Qt.ToolTipRole)
    sample.review["t2.fee.prev"] = "由旧格式迁移"
    rules = t2.index_of("t2.fee.prev")
    assert _color(t2, rules) == REVIEW_BRUSH.color().name()
    assert "需人工核对：由旧格式迁移" in t2.data(rules, Qt.ToolTipRole)
    doc.set_cells({"t2.fee.prev": 1})                     # typing the value is the manual check
    assert _color(t2, rules) != REVIEW_BRUSH.color().name()
    doc.set_cells({"t2.norms.published": 9})
    published = t2.index_of("t2.norms.published")
    assert _color(t2, published) == WARNING_BRUSH.color().name()        # T2o-3: 对外公开总数量 < 新公开
    t3 = ReportTableModel(doc, "t3")
    doc.set_cells({"t3.carry_out.natural": 2})
    tip = t3.data(t3.index_of("t3.total.natural"), Qt.ToolTipRole)
    assert _color(t3, t3.index_of("t3.total.natural")) == ERROR_BRUSH.color().name()
    assert "T3-1" in tip and "相差" in tip and "合计" in tip


def test_data_changed_only_for_the_cells_the_document_names(qtbot, sample):
    doc = ReportDocument(sample)
    model = ReportTableModel(doc, "t4")
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), a.column(), b.row(), b.column())))
    doc.set_cells({"t4.review.upheld": 2})
    positions = {(r, c) for r, c, r2, c2 in changed}
    assert all((r, c) == (r2, c2) for r, c, r2, c2 in changed)
    assert {model.index_of("t4.review.upheld").column(), model.index_of("t4.review.total").column()} \
        <= {c for _, c in positions}
    assert len(positions) < model.columnCount()        # not a blanket refresh of the row


def test_another_report_rebuilds_the_model_for_its_format(sample):
    doc = ReportDocument(sample)
    model = ReportTableModel(doc, "t3")
    assert model.rowCount() == 26
    doc.replace_report(new_report("2021", 2022, "某局", "县级部门"), None)
    assert model.rowCount() == FORMATS["2021"].table("t3").n_rows == 28
    assert model.data(model.index_of("t3.new.natural")) == ""
