"""Consistency checks (勾稽关系) with the rule ids of reference/format.md §4.

`check(report)` runs on every keystroke in the editor: the numeric rules are a
few dozen additions; the text rules are cached on the text they read. The rules that
hold the text against the tables are in rules_text_tables.py.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .findings import ERROR, INFO, WARNING, Finding, cell_place, row_place
from .formats import (
    FORMATS,
    CellKind,
    Format,
    by_years,
    format_for_year,
    formats_named,
    successor,
)
from .formats.roles import EndStock, StartStock, UnitChoice
from .numbers import small_int
from .report import Prior, Report, Value, format_value
from .reviews import apply_marks
from .rules_text_tables import clauses, text_table_findings
from .rules_wording import ACTIVITY_FIGURE, block_wording_findings, wording_findings
from .similarity import ALIKE_SHARE, MIN_RUN, body_text, normalized, shared_share
from .totals import compute_totals

Values = dict[str, Value | None]
_ZERO: Value = 0

def _n(v: Value | None) -> Value:
    return 0 if v is None else v


def _fmt(v: Value | None) -> str:
    return "空" if v is None else str(v)


# ---- numbers -------------------------------------------------------------------

def _identities(fmt: Format, values: Values) -> list[Finding]:
    """T3-1: the printed 勾稽 note of table 三, column by column."""
    out = []
    for identity in fmt.roles.identities:
        a = sum((_n(values.get(c)) for c in identity.left), start=_ZERO)
        b = sum((_n(values.get(c)) for c in identity.right), start=_ZERO)
        if a != b:
            out.append(Finding(identity.rule, ERROR, identity.left + identity.right, a, b,
                               f"{identity.where}收到的与处理的对不上：{identity.left_name}为{a}，"
                               f"{identity.right_name}为{b}，相差{a - b}。请逐行核对这一列，"
                               f"常见是申请人类别填错了列，或办理结果漏填。"))
    return out


CARRY_OVER_WORTH_A_LOOK = 3        # T3-7: a carry-over of one or two late applications is everyday


def _t3_7(fmt: Format, totals: Values) -> list[Finding]:
    """A large carry-over: normal only for applications received late in the year."""
    apps = fmt.roles.applications
    carried_out = _n(totals.get(apps.carry_out))
    handled = _n(totals.get(apps.new)) + _n(totals.get(apps.carry_in))
    if carried_out < CARRY_OVER_WORTH_A_LOOK or carried_out * 2 <= handled:
        return []
    return [Finding("T3-7", INFO, (apps.carry_out,), None, carried_out,
                    f"{cell_place(fmt, apps.carry_out)}为{carried_out}件，超过本年要办的申请（新收加上年结转共"
                    f"{handled}件）的一半；结转一般只用于年底收到、尚未到答复期限的申请。请核对，属实的可标记为已核对。")]


def _kinds(report: Report, values: dict[str, Value]) -> list[Finding]:
    """T3-4, T4-2, T2-1, T2o-1: every value fits its kind."""
    out = []
    fmt = report.format
    rule_of = dict(fmt.roles.kind_rules)
    for cid, v in values.items():
        spec = fmt.cells.get(cid)
        if spec is None or spec.computed:
            continue
        if spec.kind is CellKind.MONEY:
            bad = v < 0
            what, fix = "金额不能为负数", "请改为实际金额（没有的填0）。"
        elif spec.kind is CellKind.SIGNED:
            bad = not isinstance(v, int)
            what, fix = "增减数应为整数", "请改为整数（减少用负数表示）。"
        else:
            bad = not isinstance(v, int) or v < 0
            what = "件数不能为负数" if v < 0 else "件数不能是小数"
            fix = "请改为实际件数（没有的填0）。"
        if bad:
            out.append(Finding(rule_of[fmt.table_of(cid).id], ERROR, (cid,), None, v,
                               f"{cell_place(fmt, cid)}填了{v}，{what}。{fix}"))
    stock = fmt.roles.start_stock
    if stock is None:
        return out
    for start, change in stock.rows:
        prev, delta = values.get(start), values.get(change)
        if prev is not None and delta is not None and prev + delta < 0:
            s, c = fmt.cells[start], fmt.cells[change]
            out.append(Finding(stock.negative_rule, ERROR, (start, change), 0, prev + delta,
                               f"{row_place(fmt, start)}：{s.col_label}{prev}加{c.col_label}{delta}为{prev + delta}，"
                               f"本年的项目数量不能少于0。请核对这两个数（减少的不能多于原有的）。"))
    return out


def _d15(report: Report) -> list[Finding]:
    """Blank cells: a table left wholly blank (WARN), or blanks where reviewers expect 0 printed (INFO)."""
    out = []
    fmt, values = report.format, report.values
    for table in fmt.tables:
        inputs = [c for c in table.cells if not c.computed]
        blank = tuple(c.id for c in inputs if c.id not in values)
        if not blank:
            continue
        if len(blank) == len(inputs):
            # (placed at the section, not a cell: one orange cell would point at nothing in particular)
            out.append(Finding(BLANK_CELLS_RULE, WARNING, (f"text.{table.section}.0",), None, None,
                               f"表{table.section}未填写。请填写；没有发生的事项请填0，不要留空。"))
        elif table.id in fmt.roles.zero_tables:
            first = fmt.cells[blank[0]]
            out.append(Finding(BLANK_CELLS_RULE, INFO, blank, 0, None,
                               f"表{table.section}有{len(blank)}个空白单元格（第一个是“{first.name}”），"
                               f"审核时一般要求填0而不是留空。请点此项提示中的“{FILL_ZEROS}”（或在问题列表中右键此项），一次填好。"))
    return out


FILL_ZEROS = "以0填充空白单元格"
BLANK_CELLS_RULE = "D15"        # its 提示 lists the blank cells the editor's FILL_ZEROS action fills


USE_COMPUTED = "采用计算的合计"     # the 编辑 menu's action that drops the printed totals


def _printed(report: Report, totals: Values) -> list[Finding]:
    """Totals printed in an imported report that disagree with the sum of their parts."""
    out = []
    fmt = report.format
    for table in fmt.tables:
        for s in table.sums:
            if s.target not in report.printed:
                continue
            printed, computed = report.printed[s.target], totals.get(s.target)
            if _n(printed) == _n(computed):
                continue
            out.append(Finding(s.rule, ERROR, (s.target, *s.parts), computed, printed,
                               f"{cell_place(fmt, s.target)}：原报告印的合计是{_fmt(printed)}，各分项相加是"
                               f"{_fmt(computed)}。请核对分项是否漏填或填错；分项无误的，用“编辑→{USE_COMPUTED}”"
                               f"改用{_fmt(computed)}。"))
    return out


REGULATION_MAKERS = ("国务院部门", "省级政府", "市级政府")
SMALL_ORGANS = ("乡", "镇", "街道", "县级部门", "县级政府")


def _t2(report: Report, values: dict[str, Value]) -> list[Finding]:
    """The rules of table 二 the format declares roles for."""
    fmt, roles = report.format, report.format.roles
    organ_type, guessed = organ_type_of(report.meta.organ_type, report.meta.organ_name)
    out = []
    reg = roles.regulations
    if reg and organ_type and organ_type not in REGULATION_MAKERS and any(values.get(c) for c in reg.cells):
        filled = "、".join(f"{fmt.cells[c].col_label}{values[c]}" for c in reg.cells if values.get(c))
        out.append(Finding(reg.rule, WARNING, reg.cells, 0, None,
                           f"{row_place(fmt, reg.cells[0])}填了{filled}，但{organ_type}无权制定{reg.name}（只有国务院部门、"
                           f"省级和设区的市级政府可以），这一行应为0。请核对是否应填在“{reg.instead}”行，确属本机关的"
                           f"可标记为已核对。{guessed}"))
    if roles.end_stock:
        out += _end_stock_same_year(fmt, roles.end_stock, values)
    for limit in roles.money_limits:
        amount = values.get(limit.cell)
        if amount is not None and amount >= (limit.small_organ_limit if organ_type in SMALL_ORGANS else limit.limit):
            out.append(Finding(limit.rule, WARNING, (limit.cell,), None, amount,
                               f"{cell_place(fmt, limit.cell)}填了{amount}{limit.unit}，数额偏大，疑似按元填写。"
                               f"如实际是{amount}元，请改为{format_value(Decimal(amount) / limit.yuan_per_unit)}。"
                               + (guessed if organ_type in SMALL_ORGANS else "")))
    if roles.at_most:
        for small, big in roles.at_most.pairs:
            part, whole = values.get(small), values.get(big)
            if part is not None and _n(whole) < part:
                s, b = fmt.cells[small], fmt.cells[big]
                out.append(Finding(roles.at_most.rule, WARNING, (small, big), part, _n(whole),
                                   f"{row_place(fmt, small)}：{b.col_label}{_n(whole)}小于{s.col_label}{part}，"
                                   f"总数应包括本年新公开的。请核对，一般是{b.col_label}漏计了本年的。"))
    if roles.start_stock:
        out += _decisions_like_items(fmt, roles.start_stock, values)
    if roles.unit_choice:
        out += _unit_choice(report, roles.unit_choice, values)
    return out


def _end_stock_same_year(fmt: Format, stock: EndStock, values: dict[str, Value]) -> list[Finding]:
    out = []
    for inflow, outflow, end in stock.rows:
        issued, repealed, in_force = values.get(inflow), values.get(outflow), values.get(end)
        if issued is None and repealed is None and in_force is None:
            continue
        least = _n(issued) - _n(repealed)
        if _n(in_force) < least:
            i, o, e = fmt.cells[inflow], fmt.cells[outflow], fmt.cells[end]
            out.append(Finding(stock.same_year_rule, WARNING, (inflow, outflow, end), least, _n(in_force),
                               f"{row_place(fmt, end)}：{e.col_label}为{_n(in_force)}，比{i.col_label}减{o.col_label}"
                               f"（{least}）还少。请核对这三个数，一般是{e.col_label}漏计了本年制发的。"))
    return out


def _decisions_like_items(fmt: Format, stock: StartStock, values: dict[str, Value]) -> list[Finding]:
    """T2o-4: every row's decisions exactly its items: the case load was probably entered as the item count."""
    rows = [r for r in stock.decisions if values.get(r[2]) is not None]
    if not rows or not any(values.get(d) for _, _, d in rows) or not all(
            values.get(d) == _n(values.get(p)) + _n(values.get(c)) for p, c, d in rows):
        return []
    cells = tuple(cell for r in rows if values.get(r[2]) for cell in r)
    p, c, d = (fmt.cells[x] for x in stock.decisions[0])
    first = next(r for r in rows if values.get(r[2]))
    prev, change, decided = (_n(values.get(x)) for x in first)
    example = f"如{fmt.cells[first[0]].row_label}：{prev}{'+' if change >= 0 else '-'}{abs(change)}={decided}"
    return [Finding(stock.decisions_rule, WARNING, cells, None, None,
                    f"表二每一行的“{d.col_label}”都恰好等于“{p.col_label}”加“{c.col_label}”（{example}），"
                    f"疑似把事项数填成了{d.col_label}。请改填本年实际作出的处理决定件数（办件量）。")]


def _unit_choice(report: Report, choice: UnitChoice, values: dict[str, Value]) -> list[Finding]:
    """T2o-5: a money cell whose header prints no unit takes the unit chosen in the metadata."""
    out = []
    for spec in report.format.unpriced_money():
        amount = values.get(spec.id)
        if amount and not report.money_unit:          # (0 is 0 in any unit)
            out.append(Finding(choice.rule, WARNING, (spec.id,), None, amount,
                               f"{cell_place(report.format, spec.id)}填了{amount}，表中没有印出单位，基本信息中也未选。"
                               f"请在基本信息中选择金额单位（元或万元）。"))
        elif amount is not None and report.money_unit == "万元" and amount >= choice.large_in_10k:
            out.append(Finding(choice.rule, WARNING, (spec.id,), None, amount,
                               f"{cell_place(report.format, spec.id)}为{amount}万元（基本信息中选的单位是万元），"
                               f"数额偏大，疑似按元填写。请核对，如是元，请在基本信息中把单位改为元。"))
    return out


def prior_of(report: Report) -> Prior:
    """The figures of `report` that next year's cross-year rules need: the carry-out and table 二."""
    values = {**report.values, **{k: v for k, v in compute_totals(report).items() if v is not None}}
    fmt = report.format
    keep = {there for _, _, there in fmt.roles.carry.pairs} | {c.id for c in fmt.table("t2").cells}
    return Prior(report.meta.year, report.format_id, {k: v for k, v in values.items() if k in keep})


def _cross_year(report: Report, values: Values, prior: Prior) -> list[Finding]:
    out: list[Finding] = []
    fmt = report.format
    if prior.year != report.meta.year - 1:
        return out
    last = prior.values
    carry = fmt.roles.carry
    for label, here, there in carry.pairs:
        if _n(values.get(here)) != _n(last.get(there)):
            out.append(Finding(carry.rule, ERROR, (here,), _n(last.get(there)), _n(values.get(here)),
                               f"表三“{carry.here_name}”×“{label}”为{_n(values.get(here))}，上年报告的"
                               f"“{carry.there_name}”为{_n(last.get(there))}，两者应相等。请改为{_n(last.get(there))}；"
                               f"如是上年报告有误，请核对上年报告。"))
    before = FORMATS.get(prior.format_id)
    if before is None:
        return out
    end = fmt.roles.end_stock
    if end is not None and end == before.roles.end_stock:     # last year's stock is this year's start
        for inflow, outflow, stock in end.rows:
            cells = (inflow, outflow, stock)
            if all(values.get(c) is None for c in cells):
                continue
            expected = _n(last.get(stock)) + _n(values.get(inflow)) - _n(values.get(outflow))
            if expected != _n(values.get(stock)):
                i, o, e = fmt.cells[inflow], fmt.cells[outflow], fmt.cells[stock]
                out.append(Finding(end.cross_year_rule, WARNING, cells, expected, _n(values.get(stock)),
                                   f"{row_place(fmt, stock)}：{e.col_label}填写为{_n(values.get(stock))}，按上年"
                                   f"{e.col_label}加{i.col_label}减{o.col_label}应为{expected}。请改为{expected}；"
                                   f"如另有失效、修订等原因，可标记为已核对并写明。"))
    start = fmt.roles.start_stock
    if start is not None and start == before.roles.start_stock:
        for cell, change in start.rows:
            if values.get(cell) is None and cell not in last:
                continue
            expected = _n(last.get(cell)) + _n(last.get(change))
            if expected != _n(values.get(cell)):
                s, c = fmt.cells[cell], fmt.cells[change]
                out.append(Finding(start.cross_year_rule, WARNING, (cell,), expected, _n(values.get(cell)),
                                   f"{row_place(fmt, cell)}：{s.col_label}填写为{_n(values.get(cell))}，按上年报告的"
                                   f"{s.col_label}加{c.col_label}应为{expected}。请改为{expected}，或核对上年报告。"))
    return out


# ---- document and text ---------------------------------------------------------

def _d1(report: Report) -> list[Finding]:
    year = report.meta.year
    fmt = report.format
    first = by_years()[0].first_year
    if year < first:
        return [Finding("D1", ERROR, (), None, year,
                        f"基本信息中的报告年度{year}年早于{first}年，{formats_named()}现行格式都不适用。"
                        f"请核对报告年度。" if year else "基本信息中尚未填写报告年度。请填写报告年度。")]
    right = format_for_year(year)
    if right.id != fmt.id:
        return [Finding("D1", ERROR, (), None, None,
                        f"{year}年度报告应使用{right.title}，本报告的表格用的是{fmt.short}。"
                        + (f"请用“文件→转换为{right.short}”转换；如报告年度填错了，请在基本信息中改正。"
                           if right.first_year > fmt.first_year else "请核对基本信息中的报告年度。"))]
    return []


SELF_REF = re.compile(r"我(局|委|办|厅|部|署|院|中心|镇|乡|街道|区|县|市|省|会)")
ORGAN_SUFFIXES = (("街道", "街道"), ("镇", "镇"), ("乡", "乡"),
                  ("局", "部门"), ("委员会", "部门"), ("委", "部门"), ("办公室", "部门"),
                  ("办", "部门"), ("中心", "部门"), ("厅", "省级部门"))
# A government names its level: 省, 市 (a 县级市 too: not guessed), 县, 区, 旗.
GOVERNMENT_LEVELS = (("省人民政府", "省级政府"), ("自治区人民政府", "省级政府"), ("县人民政府", "县级政府"),
                     ("区人民政府", "县级政府"), ("旗人民政府", "县级政府"))
# The general office of a government speaks for it (上海市人民政府办公厅 reports for 上海市人民政府); only a
# provincial-level government has a 办公厅.
GOVERNMENT_OFFICE = ("人民政府办公厅", "省级政府")
DEPARTMENT_LEVELS = (("县", "县级部门"), ("区", "县级部门"), ("旗", "县级部门"), ("市", "市级部门"), ("省", "省级部门"))
# What each type of organ calls itself: a town that writes 我局 copied the sentence from a bureau's report.
# Only what cannot be right is listed: a department's report says 我县 or 我市 about its county or city.
SELF_WRONG = {
    "乡": ("局", "委", "厅", "部", "署", "院", "中心"), "镇": ("局", "委", "厅", "部", "署", "院", "中心"),
    "街道": ("局", "委", "厅", "部", "署", "院", "中心", "镇", "乡"),
    "县级政府": ("局", "厅", "部", "署", "镇", "乡", "街道"), "市级政府": ("局", "厅", "部", "署", "镇", "乡", "街道"),
    "省级政府": ("局", "部", "署", "镇", "乡", "街道", "县"),
}
DEPARTMENT_SELF_WRONG = ("镇", "乡", "街道")
# Field-specific phrases that give away text copied from another organ's report, but only where the clause
# makes the field the organ's own disclosure work: "加大审计信息公开力度", "确保社会公众对审计的知情权",
# "加大少数民族惠民政策宣传力度". A 财政局 on 减税降费 writes 纳税人 in its own right.
FOREIGN_TOPICS = (("审计", "审计"), ("少数民族", "民族"), ("纳税人", "税务"))
OWN_WORK_AFTER_TOPIC = ("信息公开", "知情权", "惠民政策", "政策宣传", "政策解读", "公开力度")
# An organ that runs the disclosure work of the whole province or country: "组织推动全省政府信息公开工作".
WHOLE_AREA = (("全省", "省"), ("全国", "国务院"))
DIRECTING = ("组织", "推动", "指导", "督促", "部署", "统筹", "领导", "牵头")
DISCLOSURE_WORK = ("信息公开", "政务公开")


def infer_organ_type(name: str) -> str:
    """The organ type a name suggests ("" when it does not tell): a guess the clerk is told about."""
    if name.endswith(GOVERNMENT_OFFICE[0]):
        return GOVERNMENT_OFFICE[1]
    if name.endswith(GOVERNMENT_OFFICE[0][:-1] + "室"):     # a city's or a county's office: level unknown
        return ""
    for suffix, organ_type in GOVERNMENT_LEVELS:
        if name.endswith(suffix):
            return organ_type
    for suffix, organ_type in ORGAN_SUFFIXES:
        if name.endswith((suffix, suffix + "人民政府", suffix + "办事处")):
            if organ_type != "部门":
                return organ_type
            head = name[:-len(suffix)]
            levels = [(head.rfind(mark), level) for mark, level in DEPARTMENT_LEVELS if mark in head]
            return max(levels)[1] if levels else ""
    return ""


def organ_type_of(organ_type: str, organ: str) -> tuple[str, str]:
    """(the organ type the rules use, a note for their messages when it was only guessed from the name)."""
    if organ_type:
        return organ_type, ""
    guess = infer_organ_type(organ)
    note = (f"（基本信息中未选机关类型，按名称“{organ}”推测为{guess}；如不对，请在基本信息中选择机关类型）"
            if guess else "")
    return guess, note


BlockTuple = tuple[str, int, str, str, tuple[str, ...]]    # (section, block index, title, text, carried)
TextBlocks = tuple[BlockTuple, ...]
Where = dict[tuple[str, int], str]                         # (section, block index) → "text.<节>.<块号>"


def _text_blocks(report: Report) -> TextBlocks:
    """(section, block index, title, text, carried) for every text block, hashable for the cache."""
    return tuple((key, i, b.title, b.text, b.carried)
                 for key, sec in report.sections.items() for i, b in enumerate(sec.blocks()))


def _d_text(report: Report) -> list[Finding]:
    m = report.meta
    return list(_text_findings(m.year, m.organ_name, m.organ_type, report.format_id,
                               report.display_title, report.preamble, _text_blocks(report)))


@lru_cache(maxsize=32)
def _text_findings(year: int, organ: str, organ_type: str, format_id: str, title: str, preamble: str,
                   blocks: TextBlocks) -> tuple[Finding, ...]:
    out: list[Finding] = []
    organ_type, guessed = organ_type_of(organ_type, organ)
    where = {(s, i): f"text.{s}.{i}" for s, i, *_ in blocks}
    if year:
        out += _d3(year, title, preamble, blocks, where)
    for block in blocks:
        out += _block_findings(year, organ, organ_type, guessed, block)
    fmt = FORMATS[format_id]
    for required in fmt.roles.required_text if year >= fmt.first_year else ():
        said = "".join(x for s, _, _, x, _ in blocks if s == required.section)
        if not any(word in said for word in required.words):
            out.append(Finding(required.rule, WARNING, (f"text.{required.section}.0",), None, None, required.message))
    out += _d6(year, format_id, preamble, blocks, where)
    out += _d7(preamble, blocks, where)
    out += wording_findings(year, blocks, where, preamble)
    return tuple(out)


@lru_cache(maxsize=256)
def _block_findings(year: int, organ: str, organ_type: str, guessed: str, block: BlockTuple) -> tuple[Finding, ...]:
    """The rules that read one block at a time (cached per block: typing re-reads only the block it changes)."""
    one = (block,)
    where = {(block[0], block[1]): f"text.{block[0]}.{block[1]}"}
    return tuple(_d4(organ, organ_type, guessed, one, where) + _d9(one, where) + block_wording_findings(year, one, where))


# Patterns without classes of Chinese characters: those take ten times as long to compile, and
# these are compiled at every start-up.
NOTICE_NUMBER = re.compile(r"(\d{4})\D{1,2}(\d+)号")


def _superseded_notices() -> tuple[tuple[re.Pattern[str], Format, Format], ...]:
    """(the notice of a replaced format, whatever bracket the clerk typed; that format; its successor)."""
    out = []
    for fmt in by_years():          # (re caches the compiled patterns)
        after = successor(fmt)
        number = NOTICE_NUMBER.search(fmt.basis)
        if after is not None and number is not None:
            out.append((re.compile(f"{number.group(1)}[^\\d年第]{{1,2}}{number.group(2)}号"), fmt, after))
    return tuple(out)
# 2019年浙江省政务公开工作要点; the words between are checked in _d6
WORK_POINTS = re.compile(r"(20\d\d)年(.{0,16}?)公开工作要点")


def _d6(year: int, format_id: str, preamble: str, blocks: TextBlocks, where: Where) -> list[Finding]:
    """Cited basis documents are current: no 2019 notice from 2021 on, no earlier year's 工作要点."""
    out = []
    for location, text in (("", preamble), *((where[(s, i)], x) for s, i, _, x, _ in blocks)):
        cells = (location,) if location else ()
        place = f"{location.split('.')[1]}节" if location else "开头"
        for notice, old_format, after in _superseded_notices():
            old = notice.search(text)
            if old and (year >= after.first_year or FORMATS[format_id].first_year >= after.first_year):
                out.append(Finding("D6", WARNING, cells, after.basis, old.group(0),
                                   f"{place}引用了{old_format.basis}（{old_format.title}的通知），"
                                   f"{after.first_year}年起的年报应依据{after.basis}。请把文号改为{after.basis}。"))
        for match in WORK_POINTS.finditer(text):
            cited, between = int(match.group(1)), match.group(2)
            if not between.endswith(("政务", "信息")) or any(c in between for c in "。；，,《》"):
                continue
            if year and cited < year:
                out.append(Finding("D6", WARNING, cells, year, cited,
                                   f"{place}引用的是“{match.group(0)}”，本报告是{year}年度的，疑似沿用旧文。"
                                   f"请改为{year}年的工作要点；确是引用旧文件的，可标记为已核对。"))
    return out


PART_TOTAL = re.compile(r"报告.{0,4}由([^。]*?)个?部分组成")
CHINESE_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
NUMERALS = "".join(CHINESE_DIGITS) + "0123456789"


def _d7(preamble: str, blocks: TextBlocks, where: Where) -> list[Finding]:
    """"本报告由…N个部分组成" says six."""
    intro = [("", preamble)] + [(where[(s, i)], x) for s, i, _, x, _ in blocks if s == "一" and i == 0]
    for location, text in intro:
        match = PART_TOTAL.search(text)
        said = match.group(1) if match else ""
        word = said[len(said.rstrip(NUMERALS)):]         # the number just before 个部分
        if word:
            n = small_int(word) if word.isdigit() else CHINESE_DIGITS.get(word)
            if n != 6:
                place = "一节" if location else "开头"
                return [Finding("D7", WARNING, (location,) if location else (), 6, n if n is not None else word,
                                f"{place}说本报告由{word}个部分组成，年度报告是六个部分。请改为“由六个部分组成”。")]
    return []


YEAR = re.compile(r"(?<!\d)(20\d\d)年")


def _d3(year: int, title: str, preamble: str, blocks: TextBlocks, where: Where) -> list[Finding]:
    out = []
    years_in_title = {int(y) for y in YEAR.findall(title)}
    if years_in_title and years_in_title != {year}:
        out.append(Finding("D3", WARNING, (), year, min(years_in_title),
                           f"标题中的年份是{min(years_in_title)}年，报告年度是{year}年，两者不一致。"
                           f"请改正标题中的年份，或基本信息中的报告年度。"))
    period = re.search(r"自(20\d\d)年1月1日起?至(20\d\d)年12月31日", preamble)
    if period and {int(period.group(1)), int(period.group(2))} != {year}:
        out.append(Finding("D3", WARNING, (), year, int(period.group(1)),
                           f"开头的统计期限写的是{period.group(1)}年，报告年度是{year}年。"
                           f"请改为“自{year}年1月1日起至{year}年12月31日止”。"))
    for s, i, block_title, text, carried in blocks:
        plan = f"{year + 1}年" in block_title or (s == "五" and "措施" in block_title)
        for para in text.split("\n"):
            for match in YEAR.finditer(para):
                y = int(match.group(1))
                if plan and y == year and "将" in para[match.end():match.end() + 12]:
                    out.append(Finding("D3", WARNING, (where[(s, i)],), year + 1, y,
                                       f"{s}节“{block_title}”是{year + 1}年的计划，却写着“{para[match.start():match.end() + 8]}…”。"
                                       f"请把{y}年改为{year + 1}年。"))
                elif y > year + 1:
                    out.append(Finding("D3", WARNING, (where[(s, i)],), year, y,
                                       f"{s}节“{para[max(0, match.start() - 4):match.end() + 8]}…”写的是{y}年，"
                                       f"晚于报告年度{year}年的下一年。请核对并改正年份。"))
                elif y == year + 1 and not plan and _as_done(para, match.start(), match.end()):
                    out.append(Finding("D3", WARNING, (where[(s, i)],), year, y,
                                       f"{s}节“{para[max(0, match.start() - 2):match.end() + 10]}…”把{y}年写成了"
                                       f"已经做过的事，本报告是{year}年度的。请改为{year}年；如是计划，请写在五节的改进措施中。"))
            if para in carried:
                # "2020年以来" stays true in later years; any other recent year in an unconfirmed
                # paragraph taken over from an earlier report is probably stale.
                stale = [int(m.group(1)) for m in YEAR.finditer(para)
                         if year - 2 <= int(m.group(1)) < year and not para[m.end():].startswith("以来")]
                if stale:
                    out.append(Finding("D3", WARNING, (where[(s, i)],), year, max(stale),
                                       f"{s}节沿用上年的段落“{para[:20]}…”仍写着{max(stale)}年，本报告是{year}年度的。"
                                       f"请改为{year}年；确实应写{max(stale)}年的，请点“确认沿用”。"))
    return out


UNTIL = ("截至", "截止", "截止到", "截至到", "至")
PLANNED = ("将", "计划", "拟", "力争", "继续", "要", "前", "结转", "以来")
DONE_AFTER_YEAR = ("共", "主动公开", "收到", "受理", "办结", "答复", "发布")


def _as_done(para: str, start: int, end: int) -> bool:
    """Next year written as the time of something done: "截至2023年12月31日", or a sentence that opens
    "2023年，共主动公开…" (D3 extended). A plan ("2023年将…", "于2023年1月底前") is no such date."""
    sentence_start = max(para.rfind(c, 0, start) for c in "。；") + 1
    sentence_end = min((at for at in (para.find(c, end) for c in "。；") if at >= 0), default=len(para))
    sentence = para[sentence_start:sentence_end]
    if any(w in sentence for w in PLANNED if w != "至"):
        return False
    if para[max(0, start - 3):start].endswith(UNTIL[:4]):
        return True
    opening = para[sentence_start:start].strip(" 　，,")
    after = para[end:end + 10].removeprefix("度").lstrip("，, ")
    return (not opening and any(w in after[:6] for w in DONE_AFTER_YEAR)
            and ACTIVITY_FIGURE.search(para, end, sentence_end) is not None)


def _d4(organ: str, organ_type: str, guessed: str, blocks: TextBlocks, where: Where) -> list[Finding]:
    out = []
    wrong_self = SELF_WRONG.get(organ_type, DEPARTMENT_SELF_WRONG if organ_type.endswith("部门") else ())
    who = f"本机关（{organ or '未填写'}，{organ_type or '类型未选'}）"
    for s, i, _, text, _ in blocks:
        for match in SELF_REF.finditer(text):
            # an organ whose own name ends in the word (平潭…海坛片区管理局, a 镇-level organ) rightly says 我局
            if match.group(1) in wrong_self and not organ.strip().endswith(match.group(1)):
                out.append(Finding("D4", WARNING, (where[(s, i)],), None, match.group(0),
                                   f"{s}节自称“{match.group(0)}”，与{who}不符，疑似从其他机关的报告中复制。"
                                   f"请改为本机关的自称（如“本机关”）。{guessed}"))
        for clause in clauses(text):
            for phrase, owner in FOREIGN_TOPICS:
                at = clause.find(phrase)
                if at >= 0 and owner not in organ and any(
                        w in clause[at + len(phrase):at + len(phrase) + 6] for w in OWN_WORK_AFTER_TOPIC):
                    out.append(Finding("D4", WARNING, (where[(s, i)],), None, phrase,
                                       f"{s}节写“{clause[_quote_start(clause, at):at + 14]}…”，把{phrase}方面的公开写成本机关的"
                                       f"工作，与{who}的职能不符，疑似从其他机关的报告中复制。请删去或改写这句。{guessed}"))
            for phrase, owner in WHOLE_AREA:
                at = clause.find(phrase)
                if (at >= 0 and not _level_allows(phrase, organ_type) and organ_type
                        and any(w in clause[max(0, at - 6):at] for w in DIRECTING)
                        and any(w in clause[at:at + 12] for w in DISCLOSURE_WORK)):
                    out.append(Finding("D4", WARNING, (where[(s, i)],), None, phrase,
                                       f"{s}节写“{clause[_quote_start(clause, at):at + 12]}…”，{who}并不负责{phrase}的"
                                       f"政务公开工作，疑似从上级机关的报告中复制。请改为本机关的工作。{guessed}"))
    return out


QUOTE_BACK = 16         # D4 quotes from the start of the phrase's part of the clause, this far back at most


def _quote_start(clause: str, at: int) -> int:
    """Where a quote of the words before `at` begins: after the last comma, not in the middle of a word."""
    start = max(clause.rfind(mark, 0, at) for mark in "，,、") + 1
    return start if start >= at - QUOTE_BACK else at - QUOTE_BACK // 2


def _level_allows(phrase: str, organ_type: str) -> bool:
    if phrase == "全省":
        return organ_type in ("省级政府", "省级部门")
    return organ_type == "国务院部门"


# D9: "信息120条，其中政务动态45条、通知公告信息45、政策解读30条": a part may be written without 条.
PART_COUNT = re.compile(r"(\d+)(余|多)?(?:条|(?=[、，,]|$))")
SUM_HEAD = re.compile(r"(\d+)(余|多)?条[，,]?\s*([（(]?)\s*其中")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


LIST_ITEM_PREFIX = 10       # D9: characters before the count of one more part after "；"
NEW_STATEMENT = ("共", "其中", "累计", "发布", "公开", "收到", "受理", "办理", "通过", "开展", "组织", "全年", "本年")


def _sum_list(paragraph: str, start: int) -> str:
    """The parts after "N条，其中" up to the end of their list: the sentence, and past a "；" only while the
    next piece is one more part ("；公示870条，占73%"), not a new statement ("；通过微信发布信息300条")."""
    pieces = paragraph[start:].split("。")[0].split("；")
    kept = [pieces[0]]
    for piece in pieces[1:]:
        first = PART_COUNT.search(piece)
        prefix = piece[:first.start()] if first else piece
        if first is None or len(prefix) > LIST_ITEM_PREFIX or any(w in prefix for w in NEW_STATEMENT):
            break
        kept.append(piece)
    return "；".join(kept)


def _adds_up_past_semicolons(paragraph: str, start: int, tail: str, total: int) -> bool:
    """Whether the list, read on past a "；" where the list rule stopped, adds up to its total before the
    sentence ends: "160条，其中机关职能类信息13条，…7条；突发公共事件应急预案类信息27条；…42条；其他…65条"
    (平潭君山片区 2023) puts long kinds after "；". Reading on only ever clears a mismatch: no new alarm."""
    sentence = paragraph[start:].split("。")[0]
    ends = [i for i, c in enumerate(sentence) if c == "；" and i > len(tail)] + [len(sentence)]
    for end in ends:
        read = [small_int(m.group(1)) for m in PART_COUNT.finditer(sentence[:end])]
        if None not in read and sum(p for p in read if p is not None) == total:
            return True
    return False


def _d9(blocks: TextBlocks, where: Where) -> list[Finding]:
    """A total and its parts "N条，其中…" add up, within the one list that states them."""
    out = []
    for s, i, _, text, _ in blocks:
        for para in text.split("\n"):
            for head in SUM_HEAD.finditer(para):
                out += _d9_list(para, head, where[(s, i)], s)
    return out


def _d9_list(para: str, head: re.Match[str], location: str, s: str) -> list[Finding]:
    out: list[Finding] = []
    total = small_int(head.group(1))
    tail = _sum_list(para, head.end())
    if head.group(3):
        # "2602条(其中机构职能类信息82条，…1053条)": the list is what the parentheses hold; one nested
        # in it ("197条（政府预决算32条…）") would be read as more parts, so such a list is not judged
        tail = re.split(r"[）)]", para[head.end():], maxsplit=1)[0]
        if "（" in tail or "(" in tail or len(tail) == len(para) - head.end():
            return out
    clause = para[head.start():head.end()] + tail
    read = [small_int(m.group(1)) for m in PART_COUNT.finditer(tail)]
    percents = [Decimal(m.group(1)) for m in PERCENT.finditer(tail)]
    parts = [p for p in read if p is not None]
    if total is None or len(parts) < len(read):     # a run of digits too long to be a count is no count
        return out
    if len(parts) >= 2 and sum(parts) != total and not _adds_up_past_semicolons(para, head.end(), tail, total):
        out.append(Finding("D9", WARNING, (location,), total, sum(parts),
                           f"{s}节“{clause[:30]}…”：分项{'+'.join(map(str, parts))}={sum(parts)}，"
                           f"与总数{total}不符。请改正总数或分项，使两者相等。"))
    shares = sum(percents, Decimal(0))
    if len(percents) >= 2 and abs(shares - 100) > 1:
        out.append(Finding("D9", WARNING, (location,), 100, shares,
                           f"{s}节“{clause[:30]}…”：各项占比之和为{shares}%，不是100%。请改正占比。"))
    if total and len(percents) == len(parts) >= 2:
        for part, pct in zip(parts, percents):
            if abs(Decimal(part) * 100 / total - pct) > 1:
                right = round(Decimal(part) * 100 / total, 1)
                out.append(Finding("D9", WARNING, (location,), right, pct,
                                   f"{s}节“{clause[:30]}…”：{part}条占{total}条的{right}%，文中写作{pct}%。"
                                   f"请改为{right}%，或核对条数。"))
    return out


MIN_TEXT_COMPARED = 100      # D8: characters; a report of a few lines is alike to any other


def _d8(report: Report, last_year: Report) -> list[Finding]:
    """内容雷同: more than half of this year's text found in last year's in runs of 10 characters or more."""
    text = body_text(report)
    if len(normalized(text)) < MIN_TEXT_COMPARED:
        return []
    share = shared_share(text, body_text(last_year))
    if share <= ALIKE_SHARE:
        return []
    return [Finding("D8", WARNING, (), ALIKE_SHARE, round(share, 3),
                    f"正文有{share:.0%}与上年报告相同（连续{MIN_RUN}字以上相同的部分，不计标点），超过{ALIKE_SHARE:.0%}，"
                    f"属评估中扣分的“内容雷同”。请按本年度的实际工作改写。")]


GOVERNMENTS = ("县级政府", "市级政府", "省级政府")


def _d10(report: Report) -> list[Finding]:
    """条例第四十九条: published by 1月31日 of the next year (a government's own report: 3月31日)."""
    m = report.meta
    try:
        published = date.fromisoformat(m.publish_date)
        deadline = date(m.year + 1, 3 if m.organ_type in GOVERNMENTS else 1, 31)
    except ValueError:              # no date, not a date (a hand-edited file), or no usable year: nothing to compare
        return []
    if not m.year or published <= deadline:
        return []
    return [Finding("D10", INFO, (), deadline.isoformat(), m.publish_date,
                    f"基本信息中的发布日期{m.publish_date}晚于《政府信息公开条例》第四十九条规定的期限"
                    f"（{deadline.year}年{deadline.month}月{deadline.day}日前）。请核对发布日期；确已逾期的，可标记为已核对。")]


# ---- entry point ---------------------------------------------------------------

SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def check(report: Report, last_year: Report | None = None) -> list[Finding]:
    """All findings for `report`, errors first, those the clerk marked 已核对 last (`reviewed`, with the reason).
    Cross-year rules use `last_year`, else the kept prior figures."""
    values = report.values
    totals = compute_totals(report)
    merged: Values = {**values, **totals}
    findings = _d1(report) + _identities(report.format, merged) + _t3_7(report.format, totals)
    findings += _kinds(report, values) + _printed(report, totals) + _t2(report, values) + _d15(report)
    prior = prior_of(last_year) if last_year is not None else report.prior
    if prior is not None:
        findings += _cross_year(report, merged, prior)
    findings += _d_text(report) + text_table_findings(report, merged) + _d10(report)
    if last_year is not None:
        findings += _d8(report, last_year)
    findings = apply_marks(report, findings, merged)
    findings.sort(key=lambda f: (f.reviewed, SEVERITY_ORDER[f.severity]))
    return findings
