"""Rules that hold the text against the tables (reference/format.md §4, §4.7): T2-6, T3-6, T3-8 … T3-11, T4-3.

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

from .findings import INFO, WARNING, Finding, cell_place, row_place
from .formats import SECTION_TITLES
from .formats.roles import Applications, TextCounts
from .numbers import small_int
from .report import Report, Value

# Words are looked for with `in`; the one pattern is compiled at every start (no class of Chinese
# characters in it: those take several times as long to compile).
CLAUSE_ENDS = str.maketrans(dict.fromkeys("。；;！？!?", "\n"))
# "15个工作日内答复" is a time limit, not a count of applications; "“三个一”工作机制" is a slogan's name.
COUNT = re.compile(r"(\d+|零|一|二|两|三|四|五|六|七|八|九|十)\s*"
                   r"(?:件|起|宗|份|部|个(?!工作日|月|小时|日|天|年|季度|百分点|[一二三四五六七八九十”\"]))")
SMALL_NUMERALS = {c: n for n, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
NONE_SAID = ("未发生", "未收到", "未出现", "未有", "没有", "无", "零")
# 规章制度 (an office's own rules) is not 规章 (the 立法法's), 无法 is not 无.
LOOK_ALIKES = ("规章制度", "无法")

# T2-6: the rows of table 二 the text of 一 may count, and the words that say which column a count is,
# are declared by each format (Roles.text_counts). A clause naming none of the columns but one of these
# counts documents repealed, amended or reviewed, which the 2019 table has no column for.
T2_NO_COLUMN = ("废止", "修改", "修订", "清理", "失效")

# T3-6: applications received ("受理依申请公开政府信息5件") and, T3-8 to T3-11, the other rows of table 三 the text
# names. Each count belongs to the words before it, back to the previous count (its segment of the clause):
# "收到申请5件，办结4件，结转下年度2件" holds three claims, each held against its own cell.
T3_RECEIVED = ("收到", "受理", "接收", "接到", "新收", "共收")
T3_APPLICATION = ("申请",)
T3_HANDLED = ("办结", "答复", "办理完毕", "办理结果总计", "处理完毕")
T3_ALL_DONE = ("全部", "均", "都", "所有")
T3_DONE_WORDS = ("办结", "答复", "回复", "办理完毕")
# A segment about applicants, or about letters that are not applications, counts something else.
T3_NOT_TOTAL = ("自然人", "法人", "企业", "组织", "机构", "其中", "咨询", "留言", "建议", "提案", "来信", "信件",
                "热线", "工单", "诉求", "投诉", "舆情", "复议", "诉讼", "起诉")
T3_LAST_YEAR = ("上年", "上一年", "上年度")
T3_NEXT_YEAR = ("下年", "下一年", "次年")
CARRY = "结转"
T3_SECTIONS = ("一", "三")

# T4-3: the cases of table 四 (their cells: Roles.cases) as the text names them. Litigation after a review
# (复议后起诉, 未经复议直接起诉) names 复议 but is litigation.
T4_WORDS = {"复议": ("复议",), "诉讼": ("诉讼", "起诉", "应诉")}
# The format's own names of the litigation columns (Roles.cases) come first, then the ways texts shorten them.
T4_LITIGATION_SHORT = ("未经复议", "复议后提起", "复议后")
T4_EACH = "各"
# "公开行政复议决定书12件" counts documents published, not cases: such a clause mentions the cases only.
T4_DOCUMENTS = ("决定书", "文书", "裁判")
T4_SECTIONS = ("一", "四", "五")


def says(clause: str, words: tuple[str, ...]) -> bool:
    return any(w in clause for w in words)


class Mention(NamedTuple):
    """A claim of the text about a table row (T2-6, T3-6, T3-8 … T3-11) or a group of table 四 (T4-3)."""
    rule: str
    location: str                  # "text.<节>.<块号>"
    subject: str                   # t2 row ("rules", "norms"); t3 "received", "carried in", "handled",
                                   # "carried out", "all done"; t4 group ("复议", "诉讼", "复议诉讼" for both)
    columns: tuple[str, ...]       # T2-6: the columns the clause may mean
    numbers: tuple[int, ...]
    none_said: bool                # "未发生…复议", with no count
    clause: str
    each: bool = False             # "行政复议、行政诉讼各1件"


def text_table_findings(report: Report, values: dict[str, Value | None]) -> list[Finding]:
    """T2-6, T3-6, T3-8 … T3-11 and T4-3; `values` holds the typed and the computed cells."""
    blocks = tuple((f"text.{key}.{i}", key, b.text) for key, sec in report.sections.items()
                   for i, b in enumerate(sec.blocks()) if key in T3_SECTIONS + T4_SECTIONS)
    roles = report.format.roles
    litigation = tuple(dict.fromkeys(report.format.cells[c].row_label for c in dict(roles.cases).get("诉讼", ())))
    mentions = _mentions(roles.text_counts, blocks, report.meta.year, litigation + T4_LITIGATION_SHORT)
    out = [f for m in mentions if m.rule == "T2-6" for f in _t2_6(report, values, m)]
    out += [f for m in mentions if m.rule.startswith("T3") for f in _t3(report, roles.applications, values, m)]
    return out + _t4_3(dict(roles.cases), values, [m for m in mentions if m.rule == "T4-3"])


def clauses(text: str) -> list[str]:
    return [c.strip() for c in text.translate(CLAUSE_ENDS).split("\n") if c.strip()]


def _count(word: str) -> int | None:
    return small_int(word) if word.isdigit() else SMALL_NUMERALS[word]


def counts(clause: str) -> tuple[int, ...]:
    """The counts a clause names; a run of digits too long to be a count (4,301 of them) names none."""
    found = (_count(n) for n in COUNT.findall(clause))
    return tuple(n for n in found if n is not None)


def segments(clause: str) -> list[tuple[str, int | None]]:
    """The clause cut after each count: (the words up to and with the count, the count); the words after the
    last count come last with None. A count too long to be one is None."""
    out: list[tuple[str, int | None]] = []
    start = 0
    for match in COUNT.finditer(clause):
        out.append((clause[start:match.end()], _count(match.group(1))))
        start = match.end()
    if clause[start:].strip():
        out.append((clause[start:], None))
    return out


def _mentions(t2: TextCounts | None, blocks: tuple[tuple[str, str, str], ...], year: int,
              litigation: tuple[str, ...]) -> tuple[Mention, ...]:
    return tuple(m for location, key, text in blocks for m in _block_mentions(t2, location, key, text, year, litigation))


@lru_cache(maxsize=256)
def _block_mentions(t2: TextCounts | None, location: str, key: str, text: str, year: int,
                    litigation: tuple[str, ...]) -> tuple[Mention, ...]:
    """What one block of text claims (cached per block: a keystroke re-reads only the block it changed)."""
    out: list[Mention] = []
    for clause in clauses(text):
        plain = clause
        for look_alike in LOOK_ALIKES:
            plain = plain.replace(look_alike, "")
        numbers = counts(clause)
        if key == "一" and t2:
            subjects = [row for row, words in t2.rows if says(plain, words)]
            # (both rows in one clause: which count belongs to which is anyone's guess)
            said = tuple(col for col, words in t2.columns if says(plain, words))
            # "已宣布废止规范性文件5件，拟适时修改3件" counts what no column of this format's table holds
            if numbers and len(subjects) == 1 and (said or not says(plain, T2_NO_COLUMN)):
                out += _t2_mentions(t2, location, clause, plain, subjects[0], numbers, said)
        if key in T3_SECTIONS and says(plain, T3_APPLICATION):
            out += _t3_mentions(location, clause, plain, year)
        if key in T4_SECTIONS:
            out += _t4_mentions(location, clause, plain, litigation)
    return tuple(out)


def _t2_mentions(t2: TextCounts, location: str, clause: str, plain: str, subject: str, numbers: tuple[int, ...],
                 said: tuple[str, ...]) -> list[Mention]:
    """A clause naming one column (or none) is one claim against it (or any column). A clause naming several
    binds each count to the column named last before it: "集中发布现行有效行政规范性文件393件，动态更新本年度
    制发的规范性文件77件" holds 393 against 现行有效件数 and 77 against 本年制发件数; a count with no column
    word of its own says nothing."""
    if len(said) <= 1:
        return [Mention(t2.rule, location, subject, said or tuple(col for col, _ in t2.columns), numbers, False,
                        clause)]
    out = []
    for segment, n in segments(plain):
        named = [(max(segment.rfind(w) for w in words), col) for col, words in t2.columns if says(segment, words)]
        if n is not None and named:
            out.append(Mention(t2.rule, location, subject, (max(named)[1],), (n,), False, clause))
    return out


def _t3_mentions(location: str, clause: str, plain: str, year: int) -> list[Mention]:
    out = []
    next_year = (f"{year + 1}年",) if year else ()
    for segment, n in segments(plain):
        if n is None:
            continue
        if CARRY in segment and says(segment, T3_LAST_YEAR):
            out.append(Mention("T3-8", location, "carried in", (), (n,), False, clause))
        elif CARRY in segment and says(segment, T3_NEXT_YEAR + next_year):
            out.append(Mention("T3-10", location, "carried out", (), (n,), False, clause))
        elif says(segment, T3_NOT_TOTAL) or CARRY in segment:
            continue
        elif says(segment, T3_RECEIVED):
            out.append(Mention("T3-6", location, "received", (), (n,), False, clause))
        elif says(segment, T3_HANDLED):
            out.append(Mention("T3-9", location, "handled", (), (n,), False, clause))
    # "所有申请均已按时答复": about this year's applications (not only last year's carried in)
    if not says(plain, T3_LAST_YEAR) and any(
            a in plain and says(plain[plain.index(a):plain.index(a) + 12], T3_DONE_WORDS) for a in T3_ALL_DONE):
        out.append(Mention("T3-11", location, "all done", (), (), False, clause))
    return out


def _t4_mentions(location: str, clause: str, plain: str, litigation: tuple[str, ...]) -> list[Mention]:
    out = []
    documents = says(plain, T4_DOCUMENTS)
    for segment, n in segments(plain):
        words = segment
        for name in litigation:
            words = words.replace(name, "起诉")
        groups = "".join(g for g, group_words in T4_WORDS.items() if says(words, group_words))
        if not groups:
            continue
        if n is not None and not documents:
            out.append(Mention("T4-3", location, groups, (), (n,), False, clause, T4_EACH in segment))
        else:
            out.append(Mention("T4-3", location, groups, (), (), n is None and _none_said(segment), clause))
    return out


def _none_said(text: str) -> bool:
    """"本年度未发生行政复议、行政诉讼案件": the words saying none come shortly before the cases they are about."""
    for word in NONE_SAID:
        at = text.find(word)
        if at >= 0 and says(text[at:at + 24].split("，")[0], ("复议", "诉讼", "起诉")):
            return True
    return False


def _t2_6(report: Report, values: dict[str, Value | None], m: Mention) -> list[Finding]:
    in_table = {col: int(values.get(f"t2.{m.subject}.{col}") or 0) for col in m.columns}
    if any(n in in_table.values() for n in m.numbers):
        return []
    cells = tuple(f"t2.{m.subject}.{col}" for col in m.columns)
    shown = "、".join(f"{report.format.cells[c].col_label}{in_table[col]}" for c, col in zip(cells, m.columns))
    return [Finding(m.rule, WARNING, (m.location, *cells), in_table[m.columns[0]], m.numbers[0],
                    f"{_section(m)}节说“{m.clause}”（{m.numbers[0]}件），{row_place(report.format, cells[0])}"
                    f"填的是{shown}。请改正文字或表二，使两处一致。")]


def _section(m: Mention) -> str:
    return m.location.split(".")[1]


def _t3(report: Report, apps: Applications, values: dict[str, Value | None], m: Mention) -> list[Finding]:
    new, carried_in, done, carried_out = (int(values.get(cell) or 0)
                                          for cell in (apps.new, apps.carry_in, apps.done, apps.carry_out))
    fmt = report.format
    fix = "请改正文字或表三，使两处一致。"
    if m.subject == "received":
        # this year's, or with last year's carried in; a count of what was answered is （七）总计
        if any(n in (new, new + carried_in, done) for n in m.numbers):
            return []
        return [Finding("T3-6", WARNING, (m.location, apps.new), new, m.numbers[0],
                        f"{_section(m)}节说“{m.clause}”（{m.numbers[0]}件），{cell_place(fmt, apps.new)}为{new}件"
                        + (f"（加上年结转共{new + carried_in}件）" if carried_in else "") + "。" + fix)]
    checks = {"carried in": ("T3-8", apps.carry_in, carried_in), "handled": ("T3-9", apps.done, done),
              "carried out": ("T3-10", apps.carry_out, carried_out)}
    if m.subject in checks:
        rule, cell, in_table = checks[m.subject]
        if in_table in m.numbers:
            return []
        return [Finding(rule, WARNING, (m.location, cell), in_table, m.numbers[0],
                        f"{_section(m)}节说“{m.clause}”（{m.numbers[0]}件），{cell_place(fmt, cell)}为{in_table}件。"
                        + fix)]
    if carried_out:                 # all done, but some carried into next year
        return [Finding("T3-11", WARNING, (m.location, apps.carry_out), 0, carried_out,
                        f"{_section(m)}节说“{m.clause}”，但{cell_place(fmt, apps.carry_out)}为{carried_out}件"
                        f"（全部办结应为0件）。"
                        f"请改为“除{carried_out}件结转下年度继续办理外，其余均已办结”，或核对表三。")]
    return []


def _t4_3(groups_cells: dict[str, tuple[str, ...]], values: dict[str, Value | None],
          mentions: list[Mention]) -> list[Finding]:
    out = []
    cases = {g: sum(int(values.get(c) or 0) for c in cells) for g, cells in groups_cells.items()}
    parts = {g: {int(values.get(c) or 0) for c in cells} for g, cells in groups_cells.items()}
    for m in mentions:
        groups = [g for g in groups_cells if g in m.subject]
        expected = sum(cases[g] for g in groups)
        cells = tuple(c for g in groups for c in groups_cells[g])
        what = "行政" + "和行政".join(groups)
        # 诉讼 alone may count one of its two columns (未经复议直接起诉, 复议后起诉); "各1件" each group
        fits = {expected} | (parts[groups[0]] if len(groups) == 1 else set())
        if m.each:
            fits = {cases[g] for g in groups} if len({cases[g] for g in groups}) == 1 else set()
        if m.numbers and not fits & set(m.numbers):
            shown = "，".join(f"行政{g}{cases[g]}件" for g in groups) + (f"，共{expected}件" if len(groups) > 1 else "")
            out.append(Finding("T4-3", WARNING, (m.location, *cells), expected, m.numbers[0],
                               f"{_section(m)}节说“{m.clause}”（{m.numbers[0]}件），表四为{shown}。"
                               f"请改正文字或表四，使两处一致。"))
        elif m.none_said and expected:
            out.append(Finding("T4-3", WARNING, (m.location, *cells), expected, 0,
                               f"{_section(m)}节说“{m.clause}”（即0件），但表四有{what}案件{expected}件。"
                               f"请改正文字或表四，使两处一致。"))
    for group, cells in groups_cells.items():
        if cases[group] and not any(group in m.subject for m in mentions):
            out.append(Finding("T4-3", INFO, cells, cases[group], None,
                               f"表四有行政{group}案件{cases[group]}件，正文却没有提到。"
                               f"请在“{SECTION_TITLES['一']}”或“{SECTION_TITLES['五']}”中简要说明。"))
    return out
