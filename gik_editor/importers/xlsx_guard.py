"""Opening an untrusted .xlsx: size and zip-bomb limits before openpyxl sees it.

openpyxl parses through defusedxml (installed with the program), which stops
entity bombs; the limits here stop archives that inflate to gigabytes, sheets
with millions of rows, and a workbook.xml whose long defined names (a
Print_Area of 20 kB) send openpyxl's reference regex into quadratic time.
Every member openpyxl may parse has its own bound.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from ..storage import GikFileError
from .zip_members import ZIP_ERRORS, bound_members, vetted_zip

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200               # unpacked / packed size of one member
MAX_MEMBERS = 2000
MAX_SHEETS = 50
MAX_SHEET_XML = 20 * 1024 * 1024   # unpacked size of one sheet or of the shared strings (ours: a few dozen kB)
MAX_WORKBOOK_XML = 128 * 1024      # the sheet list and defined names (ours: 2 kB; Excel's with 50 sheets: ~10 kB)
MAX_PART = 5 * 1024 * 1024         # any other part: styles, theme, relationships (ours: under 20 kB)
MAX_DEFINED_NAME = 2000            # characters between two tags of workbook.xml; openpyxl's regex is quadratic
MAX_ROWS = 5000               # rows read from one sheet (our sheets have well under 100)
MAX_COLS = 100

Matrix = list[list[object]]   # a sheet's values, [row][col], 0-based
_LONG_TEXT = re.compile(rb"[^<]{%d,}" % (MAX_DEFINED_NAME + 1))


def _member_limit(name: str) -> int:
    if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
        return MAX_SHEET_XML
    if name == "xl/workbook.xml":
        return MAX_WORKBOOK_XML
    return MAX_PART


def check_archive(path: Path) -> bytes:
    """The workbook's bytes; GikFileError unless `path` is a zip of sane size that looks like a workbook."""
    name = path.name
    data, infos = vetted_zip(path, MAX_FILE_BYTES, "“{name}”太大（{mb} MB），不是年报导出的Excel文件。",
                             "“{name}”不是Excel工作簿（.xlsx），或文件已损坏。")
    if len(infos) > MAX_MEMBERS:
        raise GikFileError(f"“{name}”包含的内容过多，不是年报导出的Excel文件。")
    bound_members(infos, _member_limit, MAX_UNPACKED_BYTES, MAX_RATIO,
                  f"“{name}”解压后过大（可能是恶意文件），已拒绝打开。")
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise GikFileError(f"“{name}”不是Excel工作簿（.xlsx），或文件已损坏。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            workbook_xml = z.read("xl/workbook.xml")          # at most MAX_WORKBOOK_XML, checked above
    except ZIP_ERRORS:
        raise GikFileError(f"“{name}”不是Excel工作簿（.xlsx），或文件已损坏。") from None
    if _LONG_TEXT.search(workbook_xml):
        raise GikFileError(f"“{name}”的工作簿定义中有异常长的名称或打印区域（可能是恶意文件），已拒绝打开。")
    return data


def read_sheets(path: Path) -> tuple[dict[str, Matrix], dict[str, Matrix]]:
    """Every sheet's cell values twice: as stored (formulas as '=…' text) and as last calculated."""
    data = check_archive(path)
    return _load(data, path.name, data_only=False), _load(data, path.name, data_only=True)


def _load(data: bytes, name: str, data_only: bool) -> dict[str, Matrix]:
    import openpyxl
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
        try:
            if len(wb.worksheets) > MAX_SHEETS:
                raise GikFileError(f"“{name}”的工作表过多，不是年报导出的Excel文件。")
            return {ws.title: _matrix(ws) for ws in wb.worksheets}
        finally:
            wb.close()
    except GikFileError:
        raise
    except Exception:  # noqa: BLE001 — openpyxl raises anything on a damaged file; the user gets one message
        raise GikFileError(f"“{name}”已损坏，或不是Excel工作簿（.xlsx），无法读取。") from None


def _matrix(ws: Any) -> Matrix:     # (a worksheet, or a chart sheet that has no cells)
    if not hasattr(ws, "iter_rows"):          # a chart sheet
        return []
    return [list(row) for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS, values_only=True)]
