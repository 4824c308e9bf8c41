"""Typed or pasted text → a cell value, the way a clerk writes numbers.

Clerks type with a Chinese input method (full-width digits and signs), paste
from Excel/WPS (thousands separators, "/" or "—" for nothing) and copy from
other reports. Everything that is unambiguously a number of the cell's kind is
accepted; anything else raises CellInputError with a Chinese message, so the
editor can refuse it and keep the old value.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .formats import CellKind
from .report import Value
from .storage import MAX_COUNT, MAX_MONEY

# Dashes NFKC leaves alone; all of them are a minus sign or a "nothing" mark in a table cell.
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "―": "-", "‐": "-", "‑": "-", "﹣": "-"})
BLANK_MARKS = frozenset({"", "/", "-", "--", "\\"})
MAX_DECIMALS = 6
_NUMBER = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?")


class CellInputError(ValueError):
    """str() is a Chinese message for the status bar."""


def normalize(text: str) -> str:
    """Full-width digits, signs, commas and dots as ASCII; no surrounding or inner spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(text.split()).replace("。", ".")


def parse_value(text: str, kind: CellKind) -> Value | None:
    """The value of `text` for a cell of `kind`; None for a blank cell.

    COUNT → int ≥ 0, SIGNED → int, MONEY → Decimal ≥ 0. Raises CellInputError.
    """
    if kind is CellKind.TOTAL:
        raise CellInputError("合计由系统自动计算，不能填写。")
    norm = normalize(text)
    if norm in BLANK_MARKS or set(norm) <= {"-", "/"}:
        return None
    shown = text.strip()
    match = _NUMBER.fullmatch(norm)
    if not match and "," in norm and _NUMBER.fullmatch(norm.replace(",", "")):
        raise CellInputError(f"“{shown}”中的逗号位置不对：千位分隔符应每三位一个，小数点请用“.”。")
    if not match or (match.group(2) is None and not match.group(3)):
        raise CellInputError(f"“{shown}”不是数字。{_hint(kind)}")
    sign, whole, frac = match.group(1), (match.group(2) or "0").replace(",", ""), match.group(3) or ""
    if len(frac) > MAX_DECIMALS:
        raise CellInputError(f"“{shown}”的小数位数太多（最多{MAX_DECIMALS}位）。")
    try:
        number = Decimal(f"{sign}{whole}.{frac or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise CellInputError(f"“{shown}”不是数字。{_hint(kind)}") from None
    if kind is CellKind.MONEY:
        if number < 0:
            raise CellInputError(f"金额不能为负数（“{shown}”）。")
        if number >= MAX_MONEY:
            raise CellInputError(f"“{shown}”超出了金额的范围。")
        return Decimal(f"{whole}.{frac}" if frac else whole)
    if number != number.to_integral_value():
        raise CellInputError(f"“{shown}”不是整数。{_hint(kind)}")
    value = int(number)
    if kind is CellKind.COUNT and value < 0:
        raise CellInputError(f"数量不能为负数（“{shown}”）。{_hint(kind)}")
    if abs(value) > MAX_COUNT:
        raise CellInputError(f"“{shown}”太大，超出了数量的范围。")
    return value


def _hint(kind: CellKind) -> str:
    if kind is CellKind.SIGNED:
        return "请填写整数，减少的用负数表示，如 -8；不适用的留空。"
    if kind is CellKind.MONEY:
        return "请填写不小于0的金额，如 12.5；不适用的留空。"
    return "请填写不小于0的整数；没有的填0，不适用的留空。"


def split_block(text: str) -> list[list[str]]:
    """Rows of cells of a block copied from Excel/WPS (tab-separated, quoted where needed).

    One trailing line break is dropped; short rows are padded with "" so the block is a rectangle.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text.strip():
        return []
    import csv  # (~1 ms at start-up for what only a paste needs)
    rows = list(csv.reader(text.split("\n") if '"' not in text else _lines(text), delimiter="\t"))
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _lines(text: str) -> list[str]:
    """Split into rows, keeping line breaks inside quoted cells (Excel quotes multi-line labels)."""
    rows: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == "\n" and not quoted:
            rows.append("".join(current))
            current = []
        else:
            current.append(ch)
    rows.append("".join(current))
    return rows
