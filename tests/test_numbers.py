"""numbers.py: the one bounded parser — exact for a report's numbers, and never slow, never another exception."""
import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_editor.numbers import (
    MAX_MAGNITUDE,
    NumberError,
    OutOfRange,
    bounded_int,
    json_number,
    parse_decimal,
    parse_integer,
    small_int,
)


@pytest.mark.parametrize("text, value", [("0", 0), ("12", 12), ("-3", -3), ("1.50", Decimal("1.50")), ("1e3", 1000),
                                         ("1.5E+3", 1500), (" 7 ", 7), ("١٢٣", 123), (".5", Decimal("0.5")),
                                         ("1e-999999", 0), ("9" * MAX_MAGNITUDE, int("9" * MAX_MAGNITUDE))])
def test_a_report_number_is_read_exactly(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["1e5000", "1e100000000", "1" * 4301, "1e9999999999999999999", "9" * 25,
                                  "0.1e100000000", "-1E400"])
def test_huge_numbers_are_out_of_range_at_once(text):
    started = time.perf_counter()
    with pytest.raises(NumberError, match="超出范围"):
        parse_decimal(text)
    assert time.perf_counter() - started < 0.01


@pytest.mark.parametrize("text", ["", "abc", "NaN", "Infinity", "inf", "1e", "--1", "1.2.3", ".", "0x10", "1_000",
                                  "²"])
def test_what_is_no_number_says_so(text):
    with pytest.raises(NumberError, match="不是数字"):
        parse_decimal(text)


@given(st.text(max_size=200) | st.from_regex(r"[+-]?\d{0,80}(\.\d{0,80})?([eE][+-]?\d{1,30})?", fullmatch=True))
def test_any_text_gives_a_bounded_decimal_or_number_error(text):
    try:
        value = parse_decimal(text)
    except NumberError:
        return
    assert value.is_finite() and abs(value) < Decimal(10) ** MAX_MAGNITUDE
    int(value)                                 # converting it is always cheap now


def test_json_hook_small_int_and_bounded_int():
    assert json_number("12") == 12 and isinstance(json_number("12"), int)
    assert json_number("1.0") == Decimal("1.0")
    assert isinstance(json_number("1e100000000"), OutOfRange)
    assert small_int("123") == 123 and small_int("1" * 4301) is None and small_int("²") is None
    assert bounded_int("9" * 4300, 1, 0, 32767) == 1 and bounded_int("5", 1, 0, 32767) == 5
    assert bounded_int(None, 7, 0, 9) == 7 and bounded_int("x", 7, 0, 9) == 7
    assert parse_integer("1e3") == 1000
    with pytest.raises(NumberError, match="不是整数"):
        parse_integer("1.5")
