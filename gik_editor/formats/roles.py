"""The roles cells play in the consistency rules, declared by each format.

A rule is written once against these roles (rules.py, rules_text_tables.py); a format binds it to its
cells and to the labels its messages quote. A format that leaves a role out (None or empty) simply
does not have that rule. The T3-1 identities are also what the Excel export watches with conditional
formatting, so the workbook and the checks cannot disagree.
"""
from __future__ import annotations

from typing import NamedTuple


class Identity(NamedTuple):
    """sum(left) == sum(right): one column of the printed 勾稽 note of table 三 (T3-1)."""
    rule: str
    where: str                    # how a message names the column: 表三“自然人”列
    left: tuple[str, ...]
    right: tuple[str, ...]
    left_name: str                # 第一项加第二项
    right_name: str               # 第三项“（七）总计”加第四项


class Applications(NamedTuple):
    """The request totals of table 三 (T3-6, T3-7)."""
    new: str                      # 一、本年新收… 总计
    carry_in: str                 # 二、上年结转… 总计
    done: str                     # （七）总计 × 总计
    carry_out: str                # 四、结转下年度继续办理 × 总计


class CarryOver(NamedTuple):
    """This year's carry-in equals last year's carry-out, column by column (T3-5; also what carry-over fills)."""
    rule: str
    pairs: tuple[tuple[str, str, str], ...]   # (column label, this year's cell, last year's cell)
    here_name: str                # “二、上年结转”
    there_name: str               # “四、结转下年度继续办理”
    typed: tuple[tuple[str, str], ...]        # (this year's cell, last year's cell) for the typed columns


class EndStock(NamedTuple):
    """A count at the end of the year: last year's + this year's in − out (2021 table 二 rows)."""
    same_year_rule: str           # T2-3: the stock is at least in − out
    cross_year_rule: str          # T2-2: last year's stock + in − out
    rows: tuple[tuple[str, str, str], ...]    # (in cell, out cell, stock cell) per row


class StartStock(NamedTuple):
    """A count at the start of the year and its net change (2019 table 二 items)."""
    negative_rule: str            # T2o-1: start + change < 0
    cross_year_rule: str          # T2o-2: start = last year's start + change
    rows: tuple[tuple[str, str], ...]         # (start cell, change cell) per row
    decisions_rule: str           # T2o-4: every row's decisions equal start + change
    decisions: tuple[tuple[str, str, str], ...]  # (start, change, decisions) for the rows that have decisions


class AtMost(NamedTuple):
    """`small` never exceeds `big` when `small` is filled (T2o-3)."""
    rule: str
    pairs: tuple[tuple[str, str], ...]


class Regulations(NamedTuple):
    """Only some organs may make 规章 (T2-4, T2o-6)."""
    rule: str
    cells: tuple[str, ...]
    name: str                     # 规章
    instead: str                  # 规范性文件


class MoneyLimit(NamedTuple):
    """A money amount in a printed unit that is suspiciously large (T2-5)."""
    rule: str
    cell: str
    name: str                     # 本年收费金额
    unit: str                     # 万元
    limit: int
    small_organ_limit: int
    yuan_per_unit: int = 10_000   # what the amount is if it was typed in 元 by mistake


class UnitChoice(NamedTuple):
    """Money cells whose header prints no unit: the clerk names it in the metadata (T2o-5)."""
    rule: str
    large_in_10k: int             # an amount in 万元 at least this large is probably in 元


class RequiredText(NamedTuple):
    """A section must say something (D5: 2021 reports say whether fees were charged)."""
    rule: str
    section: str
    words: tuple[str, ...]
    message: str


class TextCounts(NamedTuple):
    """Counts of table-二 rows the text of 一 may state (T2-6)."""
    rule: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]               # (row key, words that name it)
    columns: tuple[tuple[str, tuple[str, ...]], ...]            # (column key, words that say it)


class Roles(NamedTuple):
    """Everything the rules need to know about one format."""
    identities: tuple[Identity, ...]
    applications: Applications
    carry: CarryOver
    cases: tuple[tuple[str, tuple[str, ...]], ...]   # T4-3: (复议 / 诉讼, their total cells)
    kind_rules: tuple[tuple[str, str], ...]          # (table id, rule for values that do not fit their kind)
    identity_note: str = ""                          # the identities in one sentence (the printed note's tip)
    regulations: Regulations | None = None
    end_stock: EndStock | None = None
    start_stock: StartStock | None = None
    at_most: AtMost | None = None
    money_limits: tuple[MoneyLimit, ...] = ()
    unit_choice: UnitChoice | None = None
    required_text: tuple[RequiredText, ...] = ()
    text_counts: TextCounts | None = None
    zero_tables: tuple[str, ...] = ()                # D15: tables whose blank cells reviewers expect printed as 0
