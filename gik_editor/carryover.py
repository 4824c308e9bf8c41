"""A new report that starts from last year's (文件 → 以上年报告为模板新建…).

What comes along: who the organ is and who signs, the text (every paragraph
marked as carried until the clerk edits or confirms it), this year's carry-in
from last year's carry-out, and last year's figures for the cross-year rules.
Every other number starts blank: last year's figures are not this year's.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .formats import by_years, format_for_year, formats_named
from .migration import dropped_lines, map_values, migrate, migration_path
from .report import Report, SectionText, TextBlock
from .rules import prior_of
from .storage import GikFileError
from .totals import all_values

LAST_VALID_YEAR = 9999
CN_DIGITS = "〇一二三四五六七八九"


def shift_years(text: str, last_year: int, year: int) -> str:
    """Years that name last year or the year after it, moved on to `year` and the year after.

    Both Arabic (2020年) and Chinese (二〇二〇年) numerals; other years (2019年以来) stay.
    """
    moved = {last_year: year, last_year + 1: year + 1}

    def arabic(m: re.Match[str]) -> str:
        return str(moved.get(int(m.group(1)), m.group(1)))

    def chinese(m: re.Match[str]) -> str:
        y = int("".join(str(CN_DIGITS.index(c)) for c in m.group(1)))
        return "".join(CN_DIGITS[int(d)] for d in str(moved.get(y, y)))

    text = re.sub(r"(?<!\d)(\d{4})(?=\s*年)", arabic, text)
    return re.sub(f"(?<![{CN_DIGITS}])([{CN_DIGITS}]{{4}})(?=年)", chinese, text)


PERIOD = re.compile(r"自\s*(\d{4})\s*年\s*1\s*月\s*1\s*日起?\s*至\s*(\d{4})\s*年\s*12\s*月\s*31\s*日")


def _preamble(text: str, last_year: int, year: int) -> str:
    """The preamble is not marked paragraph by paragraph, so only its unambiguous years move:
    the statistical period and "N年度"."""
    text = PERIOD.sub(lambda m: re.sub(r"\d{4}", str(year), m.group(0)), text)
    return re.sub(f"(?<!\\d){last_year}(?=年度)", str(year), text)


def _carried(block: TextBlock, last_year: int, year: int) -> TextBlock:
    return TextBlock(shift_years(block.title, last_year, year), block.text, tuple(block.paragraphs()))


def _target_year(last: Report, year: int | None) -> int:
    if last.meta.year <= 0:
        raise GikFileError("上年报告没有填写报告年度，请先在上年报告的基本信息中填写年度。")
    year = last.meta.year + 1 if year is None else year
    if year <= last.meta.year:
        raise GikFileError(f"新报告的年度（{year}年）应晚于上年报告的年度（{last.meta.year}年）。")
    first = by_years()[0].first_year
    if not first <= year <= LAST_VALID_YEAR:
        raise GikFileError(f"报告年度{year}年无效：{formats_named()}现行格式适用于{first}年及以后的年度报告。")
    return year


def _note(last: Report, year: int, fmt_title: str, fmt_basis: str) -> str:
    lines = [f"本报告以{last.meta.year}年度报告（{last.format.title}）为模板新建，{year}年度报告改用"
             f"{fmt_title}（{fmt_basis}）。"]
    here = last
    for migration in migration_path(last.format_id, format_for_year(year).id) or []:
        if migration.carry_note:
            lines.append(migration.carry_note)
        lines += dropped_lines(map_values(here, migration), f"{last.meta.year}年度报告中以下数值在新格式中没有对应栏目：")
        here = migrate(here, migration.target)
    return "\n".join(lines)


def new_from_last_year(last: Report, year: int | None = None) -> Report:
    """This year's report (`year`, default last year's + 1) started from last year's report."""
    year = _target_year(last, year)
    fmt = format_for_year(year)
    source, note = last, ""
    if fmt.id != last.format_id:
        if not migration_path(last.format_id, fmt.id):
            raise GikFileError(f"{year}年度报告应使用{fmt.title}，不能由{last.format.short}的报告新建。")
        source, note = migrate(last, fmt.id), _note(last, year, fmt.title, fmt.basis)
    before = last.meta.year
    report = Report(
        format_id=fmt.id,
        meta=replace(last.meta, year=year, publish_date=""),
        title=shift_years(last.title, before, year) if last.title else "",
        preamble=_preamble(source.preamble, before, year),
        sections={key: SectionText(_carried(s.intro, before, year), [_carried(p, before, year) for p in s.parts])
                  for key, s in source.sections.items()},
        money_unit=last.money_unit if fmt.unpriced_money() else "",
        prior=prior_of(last),
        migration_note=note,
    )
    if year == before + 1:
        carry_out = all_values(last)
        # column by column: last year's format may name its carry-out cells differently
        for (here, _), (_, there) in zip(fmt.roles.carry.typed, last.format.roles.carry.typed):
            value = carry_out.get(there)
            if value is not None:
                report.set(here, value)
    return report
