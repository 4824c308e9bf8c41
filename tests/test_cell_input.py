"""Parsing what a clerk types or pastes into a table cell."""
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gik_editor.cell_input import CellInputError, normalize, parse_value, split_block
from gik_editor.formats import CellKind
from gik_editor.report import format_value
from gik_editor.storage import MAX_COUNT, MAX_MONEY

COUNT, SIGNED, MONEY = CellKind.COUNT, CellKind.SIGNED, CellKind.MONEY
FULL_WIDTH = str.maketrans("0123456789,.-+", "０１２３４５６７８９，．－＋")

counts = st.integers(0, MAX_COUNT)
signed = st.integers(-MAX_COUNT, MAX_COUNT)
money = st.decimals(0, MAX_MONEY - 1, places=2, allow_nan=False, allow_infinity=False)


def grouped(n: int) -> str:
    return f"{n:,}"


@given(counts)
def test_a_count_as_printed_reads_back(n):
    assert parse_value(format_value(n), COUNT) == n
    assert parse_value(grouped(n), COUNT) == n
    assert parse_value(grouped(n).translate(FULL_WIDTH), COUNT) == n        # IME full-width digits and commas
    assert parse_value(f"  {n}\t", COUNT) == n


@given(signed)
def test_a_signed_value_reads_back_with_any_minus_sign(n):
    assert parse_value(str(n), SIGNED) == n
    for minus in ("－", "−", "—", "–"):
        assert parse_value(str(n).replace("-", minus), SIGNED) == n
    if n >= 0:
        assert parse_value(f"+{n}", SIGNED) == n


@given(money)
def test_money_reads_back_exactly(v):
    parsed = parse_value(format_value(v), MONEY)
    assert isinstance(parsed, Decimal) and parsed == v
    assert parse_value(f"{v:,}".translate(FULL_WIDTH), MONEY) == v


@given(st.integers(1, MAX_COUNT))
def test_negative_counts_and_money_are_refused(n):
    with pytest.raises(CellInputError, match="不能为负数"):
        parse_value(f"-{n}", COUNT)
    with pytest.raises(CellInputError, match="不能为负数"):
        parse_value(f"-{n}", MONEY)


@given(st.text(max_size=12))
def test_any_text_gives_a_value_of_the_kind_or_a_chinese_message(text):
    for kind in (COUNT, SIGNED, MONEY):
        try:
            v = parse_value(text, kind)
        except CellInputError as e:
            assert str(e) and any("\u4e00" <= ch <= "\u9fff" for ch in str(e))
            continue
        if v is None:
            assert normalize(text).strip("-/\\") == ""
        elif kind is MONEY:
            assert isinstance(v, Decimal) and 0 <= v < MAX_MONEY
        else:
            assert isinstance(v, int) and not isinstance(v, bool) and abs(v) <= MAX_COUNT
            assert kind is SIGNED or v >= 0


@pytest.mark.parametrize("text", ["", "  ", "/", "-", "—", "——", "－", "／", "--", "\\"])
def test_placeholders_are_blank_not_zero(text):
    for kind in (COUNT, SIGNED, MONEY):
        assert parse_value(text, kind) is None


@pytest.mark.parametrize("text,kind,words", [
    ("12件", COUNT, "不是数字"), ("1.5", COUNT, "不是整数"), ("1,23", COUNT, "千位分隔符"),
    ("1e3", MONEY, "不是数字"), ("0.1234567", MONEY, "小数位数"), ("十二", COUNT, "不是数字"),
    (str(MAX_COUNT + 1), COUNT, "太大"), ("1" * 16, MONEY, "范围"),
])
def test_what_is_refused_and_why(text, kind, words):
    with pytest.raises(CellInputError, match=words):
        parse_value(text, kind)


def test_whole_numbers_written_with_decimals_are_counts():
    assert parse_value("12.00", COUNT) == 12 and parse_value("１２．", COUNT) == 12


def test_totals_are_never_typed():
    with pytest.raises(CellInputError, match="自动计算"):
        parse_value("5", CellKind.TOTAL)


cells = st.text(st.characters(blacklist_characters="\t\n\r\""), max_size=6)


@given(st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=5), st.sampled_from(["", "\n", "\r\n"]))
def test_a_block_of_cells_splits_back_into_its_rows(rows, ending):
    # "…\n" with nothing after it is Excel's trailing line break, never an empty last row
    assume(ending or "".join(rows[-1]))
    width = max(len(r) for r in rows)
    block = [r + [""] * (width - len(r)) for r in rows]
    text = ("\r\n" if ending == "\r\n" else "\n").join("\t".join(r) for r in rows) + ending
    if not text.strip():
        assert split_block(text) == []
    else:
        assert split_block(text) == block


def test_excel_quotes_cells_with_line_breaks():
    assert split_block('"本年新\n制作数量"\t5\r\n1\t2\r\n') == [["本年新\n制作数量", "5"], ["1", "2"]]
