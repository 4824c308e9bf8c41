"""Rules that hold the text against the tables (reference/format.md §4): T2-6, T3-6 and T4-3.

The text is read clause by clause (between 。；！？ and line ends). A clause is held against a table row
only where it names the row's subject and gives a count ("12件"); where it could mean more than one of
the row's columns, it passes if it matches any of them: a wrong alarm costs the clerk more than a
missed one. What the text says is worked out once per text (cached); each keystroke in a table only
compares it with the numbers.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .findings import WARNING, Finding
from .formats import SECTION_TITLES
from .formats.roles import Applications, TextCounts
from .numbers import small_int
from .report import Report, Value

# Words are looked for with `in`; the one pattern is compiled at every start (no class of Chinese
# characters in it: those take several times as long to compile).
CLAUSE_ENDS = str.maketrans(dict.fromkeys("。；;！？!?", "\n"))
COUNT = re.compile(r"(\d+|零|一|二|两|三|四|五|六|七|八|九|十)\s*(?:件|起|宗|个|份|部)")
SMALL_NUMERALS = {c: n for n, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
NONE_SAID = ("未发生", "未收到", "未出现", "未有", "没有", "无", "零")
# 规章制度 (an office's own rules) is not 规章 (the 立法法's), 无法 is not 无.
LOOK_ALIKES = ("规章制度", "无法")

# T2-6: the rows of table 二 the text of 一 may count, and the words that say which column a count is,
# are declared by each format (Roles.text_counts).

# T3-6: applications received ("受理依申请公开政府信息5件") and "all answered", as the text of 一 says them.
T3_RECEIVED = ("收到", "受理", "接收", "接到", "新收", "共收")
T3_APPLICATION = ("申请",)
T3_ALL_ANSWERED = tuple(f"{a}{b}" for a in ("全部", "均已", "均", "全部予以") for b in ("答复", "办结", "回复", "按期答复"))

# T4-3: the cases of table 四 (their cells: Roles.cases) as the text of 一 and 五 names them.
T4_WORDS = {"复议": ("复议",), "诉讼": ("诉讼", "起诉", "应诉")}
# "公开行政复议决定书12件" counts documents published, not cases: such a clause mentions the cases only.
T4_DOCUMENTS = ("决定书", "文书", "裁判")


def says(clause: str, words: tuple[str, ...]) -> bool:
    return any(w in clause for w in words)


class Mention(NamedTuple):
    """A clause that counts the subject of a table row (T2-6) or of a group of table 四 (T4-3)."""
    rule: str
    location: str                  # "text.<节>.<块号>"
    subject: str                   # t2 row ("rules", "norms"); t3 "received" or "all answered"; t4 group
                                   # ("复议", "诉讼", "复议诉讼" for both)
    columns: tuple[str, ...]       # T2-6: the columns the clause may mean
    numbers: tuple[int, ...]
    none_said: bool                # "未发生…复议", with no count
    clause: str


def text_table_findings(report: Report, values: dict[str, Value | None]) -> list[Finding]:
    """T2-6, T3-6 and T4-3; `values` holds the typed and the computed cells."""
    blocks = tuple((f"text.{key}.{i}", key, b.text) for key, sec in report.sections.items()
                   for i, b in enumerate(sec.blocks()) if key in ("一", "五"))
    roles = report.format.roles
    mentions = _mentions(roles.text_counts, blocks)
    out = [f for m in mentions if m.rule == "T2-6" for f in _t2_6(report, values, m)]
    out += [f for m in mentions if m.rule == "T3-6" for f in _t3_6(report, roles.applications, values, m)]
    return out + _t4_3(dict(roles.cases), values, [m for m in mentions if m.rule == "T4-3"])


def clauses(text: str) -> list[str]:
    return [c.strip() for c in text.translate(CLAUSE_ENDS).split("\n") if c.strip()]


def counts(clause: str) -> tuple[int, ...]:
    """The counts a clause names; a run of digits too long to be a count (4,301 of them) names none."""
    found = (small_int(n) if n.isdigit() else SMALL_NUMERALS[n] for n in COUNT.findall(clause))
    return tuple(n for n in found if n is not None)


@lru_cache(maxsize=32)
def _mentions(t2: TextCounts | None, blocks: tuple[tuple[str, str, str], ...]) -> tuple[Mention, ...]:
    out = []
    for location, key, text in blocks:
        for clause in clauses(text):
            numbers = counts(clause)
            plain = clause
            for look_alike in LOOK_ALIKES:
                plain = plain.replace(look_alike, "")
            subjects = [row for row, words, _ in t2.rows if says(plain, words)] if t2 else []
            # (both rows in one clause: which count belongs to which is anyone's guess)
            if t2 and key == "一" and numbers and len(subjects) == 1:
                said = tuple(col for col, words in t2.columns if says(plain, words))
                columns = said if len(said) == 1 else tuple(col for col, _ in t2.columns)
                out.append(Mention(t2.rule, location, subjects[0], columns, numbers, False, clause))
            if key == "一" and numbers and says(plain, T3_RECEIVED) and says(plain, T3_APPLICATION):
                out.append(Mention("T3-6", location, "received", (), numbers, False, clause))
            elif key == "一" and says(plain, T3_ALL_ANSWERED) and says(plain, T3_APPLICATION):
                out.append(Mention("T3-6", location, "all answered", (), numbers, False, clause))
            groups = "".join(g for g, words in T4_WORDS.items() if says(plain, words))
            if groups:
                counted = () if says(plain, T4_DOCUMENTS) else numbers
                out.append(Mention("T4-3", location, groups, (), counted,
                                   not numbers and says(plain, NONE_SAID), clause))
    return tuple(out)


def _t2_6(report: Report, values, m: Mention) -> list[Finding]:
    in_table = {col: int(values.get(f"t2.{m.subject}.{col}") or 0) for col in m.columns}
    if any(n in in_table.values() for n in m.numbers):
        return []
    cells = tuple(f"t2.{m.subject}.{col}" for col in m.columns)
    shown = "、".join(f"{report.format.cells[c].col_label}{in_table[col]}" for c, col in zip(cells, m.columns))
    counts = report.format.roles.text_counts
    name = {row: row_name for row, _, row_name in counts.rows}[m.subject] if counts else m.subject
    return [Finding(m.rule, WARNING, (m.location, *cells), in_table[m.columns[0]], m.numbers[0],
                    f"一节写的{name}件数（“{m.clause}”）与表二不符：表二为{shown}。")]


def _t3_6(report: Report, apps: Applications, values: dict[str, Value | None], m: Mention) -> list[Finding]:
    new, carried_in, done, carried_out = (int(values.get(cell) or 0)
                                          for cell in (apps.new, apps.carry_in, apps.done, apps.carry_out))
    if m.subject == "received":
        # this year's, or with last year's carried in; a count of what was answered is （七）总计
        if any(n in (new, new + carried_in, done) for n in m.numbers):
            return []
        return [Finding("T3-6", WARNING, (m.location, apps.new), new, m.numbers[0],
                        f"一节说“{m.clause}”，表三“{report.format.cells[apps.new].row_label}”的总计为{new}件"
                        + (f"（加上年结转共{new + carried_in}件）" if carried_in else "") + "。")]
    if carried_out:
        return [Finding("T3-6", WARNING, (m.location, apps.carry_out), 0, carried_out,
                        f"一节说“{m.clause}”，但表三有{carried_out}件结转下年度继续办理。")]
    return []


def _t4_3(groups_cells: dict[str, tuple[str, ...]], values: dict[str, Value | None],
          mentions: list[Mention]) -> list[Finding]:
    out = []
    cases = {g: sum(int(values.get(c) or 0) for c in cells) for g, cells in groups_cells.items()}
    for m in mentions:
        groups = [g for g in groups_cells if g in m.subject]
        expected = sum(cases[g] for g in groups)
        cells = tuple(c for g in groups for c in groups_cells[g])
        what = "行政" + "和行政".join(groups)
        if m.numbers and expected not in m.numbers:
            out.append(Finding("T4-3", WARNING, (m.location, *cells), expected, m.numbers[0],
                               f"正文说“{m.clause}”，表四的{what}案件为{expected}件。"))
        elif m.none_said and expected:
            out.append(Finding("T4-3", WARNING, (m.location, *cells), expected, 0,
                               f"正文说“{m.clause}”，但表四有{what}案件{expected}件。"))
    for group, cells in groups_cells.items():
        if cases[group] and not any(group in m.subject for m in mentions):
            out.append(Finding("T4-3", WARNING, cells, cases[group], None,
                               f"表四有行政{group}案件{cases[group]}件，正文（{SECTION_TITLES['一']}或五、问题与改进）"
                               f"却没有提到，请简要说明。"))
    return out
