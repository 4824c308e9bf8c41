"""`batch FOLDER --xlsx OUT.xlsx`: the results of a folder's check as a workbook a county office can sort,
filter and pass on: one row per report, and one row per finding."""
from __future__ import annotations

import io
from pathlib import Path

from . import storage
from .batch import BatchResult

REPORT_COLUMNS = (("文件", 48), ("机关", 28), ("年度", 8), ("结果", 10), ("错误", 8), ("警告", 8),
                  ("错误规则", 20), ("无法读取的原因", 48))
# The message says what is wrong and what to do; the rule id is for reference, in the last column.
FINDING_COLUMNS = (("文件", 48), ("机关", 28), ("级别", 8), ("位置", 36), ("说明", 90), ("规则", 8))
REVIEWED_COLUMNS = FINDING_COLUMNS[:-1] + (("核对理由", 40), ("规则", 8))


def write_summary(results: list[BatchResult], path: Path) -> None:
    """Written atomically, like every file the editor makes; a GikFileError says why it could not be."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from .exporters.xlsx_cells import put_row

    book = Workbook()
    reports = book.active
    reports.title = "报告"
    findings = book.create_sheet("问题明细")
    sheets = [(reports, REPORT_COLUMNS), (findings, FINDING_COLUMNS)]
    marked = None
    if any(r.reviewed for r in results):         # findings a reviewer marked 已核对, apart from the open ones
        marked = book.create_sheet("已核对")
        sheets.append((marked, REVIEWED_COLUMNS))
    for sheet, columns in sheets:
        put_row(sheet, 1, [name for name, _ in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, (_, width) in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "A2"
    # Organ names and file names are the reports' own text: put_row stores them as text, never as formulas.
    report_row, finding_row, marked_row = 1, 1, 1
    for r in results:
        result = "无法读取" if r.unusable else "有错误" if r.errors else "通过"
        report_row += 1
        put_row(reports, report_row, [r.file, r.organ, r.year or None, result, None if r.unusable else r.errors,
                                      None if r.unusable else r.warnings, "、".join(r.rules), r.unusable])
        for severity, rule, where, message in r.findings:
            finding_row += 1
            put_row(findings, finding_row, [r.file, r.organ, severity, where, message, rule])
        for severity, rule, where, message, reason in r.reviewed if marked is not None else ():
            marked_row += 1
            put_row(marked, marked_row, [r.file, r.organ, severity, where, message, reason, rule])
    for sheet, _ in sheets:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    storage.write_atomic(Path(path), buffer.getvalue())
