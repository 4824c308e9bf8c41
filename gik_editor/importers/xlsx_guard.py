"""Opening an untrusted .xlsx: size and zip-bomb limits before openpyxl sees it.

openpyxl parses through defusedxml (installed with the program), which stops
entity bombs; the limits here stop archives that inflate to gigabytes and
sheets with millions of rows.
"""
from __future__ import annotations

from pathlib import Path

from ..storage import GikFileError
from .zip_members import zip_members

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200               # unpacked / packed size of one member
MAX_MEMBERS = 2000
MAX_SHEETS = 50
MAX_SHEET_XML = 20 * 1024 * 1024   # unpacked size of one sheet (ours are a few dozen kB)
MAX_ROWS = 5000               # rows read from one sheet (our sheets have well under 100)
MAX_COLS = 100

Matrix = list[list[object]]   # a sheet's values, [row][col], 0-based


def check_archive(path: Path) -> None:
    """GikFileError unless `path` is a zip of sane size that looks like a workbook."""
    name = path.name
    infos = zip_members(path, MAX_FILE_BYTES, "“{name}”太大（{mb} MB），不是年报导出的Excel文件。",
                        "“{name}”不是Excel工作簿（.xlsx），或文件已损坏。")
    if len(infos) > MAX_MEMBERS:
        raise GikFileError(f"“{name}”包含的内容过多，不是年报导出的Excel文件。")
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNPACKED_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise GikFileError(f"“{name}”解压后过大（可能是恶意文件），已拒绝打开。")
        if info.filename.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_XML:
            raise GikFileError(f"“{name}”中的工作表过大，不是年报导出的Excel文件。")
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise GikFileError(f"“{name}”不是Excel工作簿（.xlsx），或文件已损坏。")


def read_sheets(path: Path) -> tuple[dict[str, Matrix], dict[str, Matrix]]:
    """Every sheet's cell values twice: as stored (formulas as '=…' text) and as last calculated."""
    check_archive(path)
    return _load(path, data_only=False), _load(path, data_only=True)


def _load(path: Path, data_only: bool) -> dict[str, Matrix]:
    import openpyxl
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=data_only, keep_links=False)
        try:
            if len(wb.worksheets) > MAX_SHEETS:
                raise GikFileError(f"“{path.name}”的工作表过多，不是年报导出的Excel文件。")
            return {ws.title: _matrix(ws) for ws in wb.worksheets}
        finally:
            wb.close()
    except GikFileError:
        raise
    except Exception:  # noqa: BLE001 — openpyxl raises anything on a damaged file; the user gets one message
        raise GikFileError(f"“{path.name}”已损坏，或不是Excel工作簿（.xlsx），无法读取。") from None


def _matrix(ws) -> Matrix:
    if not hasattr(ws, "iter_rows"):          # a chart sheet
        return []
    return [list(row) for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS, values_only=True)]
