"""The one parser for numbers that come from outside (a .gik file, a workbook cell, a Word list, report text).

Every number is checked for length and exponent as text, before any conversion:
`int("1" * 5000)` raises, `int(Decimal("1e100000000"))` builds a hundred-million-digit
integer (minutes of CPU, hundreds of MB), and `Decimal("1e9999999999999999999")`
raises decimal.InvalidOperation. No report holds a number with more than a few
dozen digits, so anything larger is "超出范围" without being converted at all.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_CHARS = 64          # a number written with more characters than this is not a report's number
MAX_MAGNITUDE = 24      # digits before the decimal point (after the exponent is applied)
MAX_SMALL_DIGITS = 12   # a count written in a report's text ("1234条")

_NUMBER = re.compile(r"[+-]?(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d+))?")


class NumberError(ValueError):
    """Not a usable number; str() is a short Chinese reason (不是数字, 超出范围)."""


def parse_decimal(text: str) -> Decimal:
    """`text` (ASCII or any Unicode decimal digits, optional sign, point and exponent) as a finite Decimal.

    NumberError("超出范围") when it has more than MAX_MAGNITUDE digits before the point or is written
    with more than MAX_CHARS characters; NumberError("不是数字") when it is no number (also NaN, Infinity).
    """
    if not isinstance(text, str):
        raise NumberError("不是数字")
    s = text.strip()
    if len(s) > MAX_CHARS:
        # Decided on the text alone: too long to be a number we keep, or no number at all.
        raise NumberError("超出范围" if _NUMBER.fullmatch(s[:MAX_CHARS]) and s[-1:].isdigit() else "不是数字")
    m = _NUMBER.fullmatch(s)
    if not m or not (m.group("int") or m.group("frac")):
        raise NumberError("不是数字")
    exponent = int(m.group("exp") or 0)        # at most MAX_CHARS digits: cheap
    whole = m.group("int").lstrip("0")
    frac = m.group("frac") or ""
    if whole:
        magnitude = len(whole) + exponent
    else:
        significant = frac.lstrip("0")
        magnitude = (exponent - (len(frac) - len(significant))) if significant else 0
    if magnitude > MAX_MAGNITUDE:
        raise NumberError("超出范围")
    if magnitude < -MAX_MAGNITUDE:
        return Decimal(0)                       # smaller than anything a report can show
    try:
        value = Decimal(s)
    except InvalidOperation:                    # pragma: no cover - the pattern admits only numbers
        raise NumberError("不是数字") from None
    return value


def parse_integer(text: str) -> int:
    """An integer written as text (no point, no exponent is needed, but 1e3 or 12.0 are accepted)."""
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise NumberError("不是整数")
    return int(value)


def small_int(digits: str) -> int | None:
    """A run of digits found in report text as an int, or None when it is too long to be a count."""
    if not digits or len(digits) > MAX_SMALL_DIGITS:
        return None
    try:
        return int(digits)
    except ValueError:           # str.isdigit() admits superscripts, which int() refuses
        return None


def bounded_int(text: str | None, default: int, low: int, high: int) -> int:
    """An attribute such as Word's w:start: an int in [low, high], else `default` (never raises)."""
    if text is None:
        return default
    try:
        value = parse_integer(text)
    except NumberError:
        return default
    return value if low <= value <= high else default


class OutOfRange:
    """Stands in for a JSON number too large to convert: the reader that meets it says so in words."""
    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token[:20] + ("…" if len(token) > 20 else "")

    def __repr__(self) -> str:
        return f"OutOfRange({self.token!r})"


def json_number(token: str) -> int | Decimal | OutOfRange:
    """The json module's parse_int/parse_float hook: a bounded int or Decimal, or OutOfRange."""
    try:
        value = parse_decimal(token)
    except NumberError:
        return OutOfRange(token)
    if "." in token or "e" in token or "E" in token:
        return value
    return int(value)
