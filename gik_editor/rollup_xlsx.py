"""`rollup --xlsx`: the roll-up as the workbook a county office keeps and sends back.

A sheet per table (表二, 表三, 表四) with a row per unit and a 合计 row of live SUM formulas, so the office can
correct a unit's figure and see the total follow (Excel, WPS, LibreOffice); a sheet of units × status; a sheet
of every finding with its unit, place and message. Report text goes in through xlsx_cells (text, never a formula).
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import storage
from .formats import Table
from .rollup import NOT_SUBMITTED, STATUSES, UNREADABLE, Rollup, Unit
from .totals import all_values

if TYPE_CHECKING:                      # (openpyxl itself is imported when a workbook is written)
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

STATUS_COLUMNS = (("单位", 30), ("文件", 40), *((s, 9) for s in STATUSES), ("错误", 7), ("警告", 7), ("SHA-256 校验码", 68))
# The message says what is wrong and what to do; the rule id is for reference, in the last column.
FINDING_COLUMNS = (("单位", 30), ("文件", 40), ("级别", 8), ("位置", 40), ("说明", 90), ("规则", 8))
TICK = "✓"
MESSAGE_LINE = 45           # Chinese characters in one line of the 说明 column (width 90)


def write_workbook(rollup: Rollup, path: Path) -> None:
    """Written atomically; a GikFileError says why it could not be."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for table in rollup.format.tables:
        _table_sheet(book, rollup, table)
    _status_sheet(book, rollup)
    _findings_sheet(book, rollup)
    buffer = io.BytesIO()
    book.save(buffer)
    storage.write_atomic(Path(path), buffer.getvalue())


def _heading(sheet: Worksheet, columns: Sequence[tuple[str, float]], height: int = 0, fit_width: bool = False) -> None:
    """The bold heading row, kept in view and printed on every page with the unit column (or, `fit_width`,
    every column on one page across); landscape pages."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from .exporters.xlsx_cells import put_row
    put_row(sheet, 1, [name for name, _ in columns])
    for i, (_, width) in enumerate(columns, 1):
        cell = sheet.cell(1, i)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(i)].width = width
    if height:
        sheet.row_dimensions[1].height = height
    sheet.freeze_panes = "B2"
    sheet.print_title_rows = "1:1"
    if fit_width:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    else:
        sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _table_sheet(book: Workbook, rollup: Rollup, table: Table) -> None:
    """One row per unit that sent a report, the cells of the table as columns, the 合计 row summing each column."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from .exporters.xlsx_cells import put_formula, put_text, put_value
    sheet = book.create_sheet(f"表{table.section}")
    # 行 × 列 names of up to ~40 characters: wrapped in columns of 12 over five lines
    _heading(sheet, [("单位", 24), *((spec.name, 12) for spec in table.cells)], height=84)
    units = rollup.summed()
    for r, unit in enumerate(units, 2):
        values = all_values(unit.report) if unit.report is not None else {}
        # The figures are numbers (int, Decimal) or blank, never text: appended as a row, twice as fast as
        # cell by cell for a thousand units; the unit's name is text and goes in through put_text.
        sheet.append([None, *(values.get(spec.id) for spec in table.cells)])
        put_text(sheet, r, 1, unit.name)
    last = len(units) + 1
    total_row = last + 1
    put_value(sheet, total_row, 1, "合计").font = Font(bold=True)
    for c in range(2, len(table.cells) + 2):
        letter = get_column_letter(c)
        put_formula(sheet, total_row, c, f"=SUM({letter}2:{letter}{last})" if units else "=0").font = Font(bold=True)


def _status_sheet(book: Workbook, rollup: Rollup) -> None:
    from .exporters.xlsx_cells import put_row
    sheet = book.create_sheet("单位状态")
    _heading(sheet, STATUS_COLUMNS, fit_width=True)
    for r, unit in enumerate([*rollup.units, *rollup.strays], 2):
        status = unit.status
        ticks = [TICK if _has(unit, s, status) else None for s in STATUSES]
        put_row(sheet, r, [unit.name if unit in rollup.units else f"{unit.name}（名单外，未计入）",
                           Path(unit.file).name if unit.file else None, *ticks,
                           unit.errors + (status == UNREADABLE), unit.warnings, unit.sha256 or None])
    sheet.auto_filter.ref = sheet.dimensions


def _has(unit: Unit, column: str, status: str) -> bool:
    if column == "已提交":
        return status != NOT_SUBMITTED
    if column == "有错误":
        return status in ("有错误", UNREADABLE)
    if column == "有警告":
        return unit.warnings > 0
    return status == column


def _findings_sheet(book: Workbook, rollup: Rollup) -> None:
    from openpyxl.styles import Alignment

    from .exporters.xlsx_cells import put_row
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet = book.create_sheet("问题明细")
    _heading(sheet, FINDING_COLUMNS, fit_width=True)
    row = 1
    for unit in [*rollup.units, *rollup.strays]:
        for severity, rule, where, message in unit.findings():
            row += 1
            put_row(sheet, row, [unit.name, Path(unit.file).name if unit.file else None, severity, where, message, rule])
            sheet.cell(row, 5).alignment = wrap
            # Row heights are not recomputed on opening (LibreOffice, WPS): set for the wrapped lines, 45 字 a line
            sheet.row_dimensions[row].height = 15 * (1 + len(message) // MESSAGE_LINE)
    for files in rollup.duplicates:
        for file in files:
            row += 1
            put_row(sheet, row, [None, Path(file).name, "警告", "报告文件",
                                 f"同一机关有{len(files)}份报告，请只保留最新的一份后重新汇总。", "重复"])
    for name, organ in rollup.fuzzy:
        row += 1
        put_row(sheet, row, [name, None, "提示", "单位名称", f"按相近名称对应到报告中的“{organ}”，请确认。", "名单"])
    sheet.auto_filter.ref = sheet.dimensions

