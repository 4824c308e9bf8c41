"""The one way every workbook we write (Excel export, batch --xlsx, 问题清单) puts a value into a cell.

Text from a report or a file name is always stored as text, never as a formula, however it starts
(=, +, -, @, tab, CR): openpyxl stores any str starting with "=" as a live formula, and Excel, WPS
and LibreOffice would run a =HYPERLINK or a =cmd|… DDE formula typed into an organ name. Characters an
xlsx file cannot hold (control characters, lone surrogates from a file name that is not UTF-8) are
taken out or replaced, so writing never fails on them. Our own formulas go through put_formula only.
"""
from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.worksheet.worksheet import Worksheet

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What Excel, WPS or LibreOffice may read as the start of a formula when the cell is edited or pasted.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_CELL_TEXT = 32767      # Excel's limit for one cell


def clean(text: str) -> str:
    """Text an xlsx file can hold: control characters dropped, a lone surrogate shown as �."""
    return _SURROGATE.sub("\ufffd", _XML_ILLEGAL.sub("", text))


def put_text(ws: Worksheet, row: int, col: int, text: str | CellRichText) -> Cell:
    """Write text that stays text: never a formula, however it starts. Returns the cell."""
    cell = ws.cell(row, col)
    cell.value = text if isinstance(text, CellRichText) else clean(str(text))[:MAX_CELL_TEXT]
    cell.data_type = "s"
    if str(text).startswith(FORMULA_START):
        cell.quotePrefix = True          # Excel and WPS keep it text when the cell is edited, too
    return cell


def put_value(ws: Worksheet, row: int, col: int, value: object) -> Cell:
    """A number as a number, None or "" as an empty cell, anything else as text (put_text)."""
    if value == "":
        value = None
    if value is None or isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        cell = ws.cell(row, col)
        cell.value = value
        return cell
    return put_text(ws, row, col, str(value))


def put_formula(ws: Worksheet, row: int, col: int, formula: str) -> Cell:
    """One of our own formulas ("=SUM(…)"), built from cell addresses only, never from report text."""
    if not formula.startswith("="):
        raise ValueError(formula)
    cell = ws.cell(row, col)
    cell.value = formula
    return cell


def put_row(ws: Worksheet, row: int, values: list[object]) -> None:
    """A row of values from column A on, each through put_value."""
    for col, value in enumerate(values, 1):
        put_value(ws, row, col, value)
