"""Every message a rule can give reads as a clerk needs it (issue 17): what is wrong in plain words, both numbers
where two are compared, where it is (表X 行 × 列, or the 节), and what to do (请…) at the end; the rule id is not
in the message (the problems panel, the command line and the workbooks show it apart, after the message).

Each rule id the code can emit has a bad case below (every variant of its message where it has several); a rule
added without one fails test_every_rule_the_code_can_emit_has_a_case.
"""
from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
from clean_reports import clean_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import reports

from gik_editor.findings import Finding
from gik_editor.formats import FORMATS, SECTION_TITLES
from gik_editor.report import Report, format_value
from gik_editor.rollup import Rollup, Unit, check_own, sum_units
from gik_editor.rules import check

ROOT = Path(__file__).resolve().parents[1]
RULE_ID = re.compile(r"T\d-\d+|T2o-\d+|D\d+|H\d+")
# A guessed organ type is said in a note after the instruction (rules.organ_type_of).
GUESS_NOTE = re.compile(r"（基本信息中未选机关类型.*?）$")
QUOTED = re.compile(r"“[^”]*”")
Value = int | Decimal
# D13's expected is our shortest account of problems (10 characters): said when the text is short, not when empty.
UNSAID = {("D13", "expected")}
LONGEST = 120              # characters of a message, not counting what it quotes: a tooltip of a few lines
CHINESE_NUMERALS = "零一二三四五六七八九十"
NONE_WORDS = ("没有", "尚未", "未填")      # how a message says 0 of something (no year, no text)


def _emitted_rule_ids() -> set[str]:
    """Every rule id written in the core (the rules, the formats' roles, the roll-up and the batch check).
    The exporters and importers are left out: there "D1" is a spreadsheet cell."""
    out = set()
    for path in (ROOT / "gik_editor").rglob("*.py"):
        if {"exporters", "importers"} & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.fullmatch(node.value):
                out.add(node.value)
    return out


# ---- the bad cases ---------------------------------------------------------------------------------------

def report(fid: str = "2021", year: int = 2024, organ: str = "某县审计局", organ_type: str = "县级部门",
           **values: Value) -> Report:
    """A clean report (every rule passes) with `values` set: t3__new__natural=1 sets t3.new.natural."""
    r = clean_report(fid, year, organ, organ_type)
    r.values.update({k.replace("__", "."): v for k, v in values.items()})
    return r


def text(r: Report, section: str, index: int, said: str) -> Report:
    r.sections[section].blocks()[index].text = said
    return r


def title(r: Report, section: str, index: int, heading: str) -> Report:
    r.sections[section].blocks()[index].title = heading
    return r


def town(fid: str = "2021", year: int = 2024, **values: Value) -> Report:
    return report(fid, year, "某镇人民政府", "镇", **values)


def last_year(r: Report, **values: Value) -> Report:
    before = report(r.format_id, r.meta.year - 1, r.meta.organ_name, r.meta.organ_type, **values)
    return before


def _carried(r: Report) -> Report:
    block = r.sections["一"].blocks()[1]
    block.text = "2023年全年主动公开政府信息120条。"
    block.carried = (block.text,)
    return r


def _no_year(r: Report) -> Report:
    r.meta.year = 0
    return r


def _published(r: Report, day: str) -> Report:
    r.meta.publish_date = day
    return r


def _printed(r: Report, **printed: Value) -> Report:
    r.printed = {k.replace("__", "."): v for k, v in printed.items()}
    return r


def _blank(r: Report, *prefixes: str) -> Report:
    for cell in [c for c in r.values if c.startswith(prefixes)]:
        del r.values[cell]
    return r


def _no_unit(r: Report, unit: str = "") -> Report:
    r.money_unit = unit
    return r


def _empty(r: Report, section: str) -> Report:
    for block in r.sections[section].blocks():
        block.text = ""
    return r


def _set_title(r: Report, heading: str) -> Report:
    r.title = heading
    return r


def _set_preamble(r: Report, said: str) -> Report:
    r.preamble = said
    return r


LONG = ("本年度，本机关认真贯彻落实政府信息公开条例，围绕中心工作，不断加大主动公开力度，完善依申请公开办理流程，"
        "加强政府信息管理和平台建设，强化监督保障，各项工作取得明显成效，公众满意度进一步提高，"
        "政务公开工作水平持续提升，为建设人民满意的服务型政府提供了有力支撑。")


def _alike() -> tuple[Report, Report]:
    this = text(report(), "一", 0, LONG)
    return this, text(last_year(this), "一", 0, LONG)


# (rule, what the case shows, the report, last year's report or None)
CASES: list[tuple[str, str, Report, Report | None]] = [
    ("T3-1", "a column that does not balance", report(t3__new__natural=1), None),
    ("T3-2", "a printed column total", _printed(report(), t3__total__natural=3), None),
    ("T3-3", "a printed row total", _printed(report(), t3__new__total=6), None),
    ("T3-4", "a negative count", report(t3__open__legal=-1), None),
    ("T3-4", "a fraction of an application", report(t3__open__legal=Decimal("2.5")), None),
    ("T3-5", "carried in ≠ last year's carried out", report(), last_year(report(), t3__carry_out__natural=2)),
    ("T3-6", "received in the text", text(report(), "一", 2, "本年度共收到政府信息公开申请5件。"), None),
    ("T3-7", "a large carry-over", report(t3__new__natural=2, t3__carry_out__natural=3), None),
    ("T3-8", "carried in, in the text", text(report(), "一", 2, "上年结转政府信息公开申请3件。"), None),
    ("T3-9", "handled, in the text", text(report(), "一", 2, "本年度办结政府信息公开申请4件。"), None),
    ("T3-10", "carried out, in the text", text(report(), "一", 2, "结转下年度继续办理的申请2件。"), None),
    ("T3-11", "all done, but some carried out",
     text(report(t3__new__natural=1, t3__carry_out__natural=1), "一", 2, "所有申请均已按时答复。"), None),
    ("T4-1", "a printed total of table 四", _printed(report(), t4__review__total=1), None),
    ("T4-2", "a negative case count", report(t4__after__other=-2), None),
    ("T4-3", "a count of cases in the text", text(report(), "一", 5, "本年度发生行政复议案件3件。"), None),
    ("T4-3", "both groups in one count",
     text(report(t4__review__upheld=1), "一", 5, "本年度行政复议和行政诉讼案件共3件。"), None),
    ("T4-3", "none said, one in the table", text(report(t4__review__upheld=1), "一", 5, "本年度未发生行政复议案件。"),
     None),
    ("T4-3", "cases the text never mentions", report(t4__direct__pending=2), None),
    ("T2-1", "a negative count of table 二", report(t2__norms__issued=-1), None),
    ("T2-1", "a negative fee", report(t2__fee__amount=Decimal("-0.5")), None),
    ("T2-2", "the stock does not carry on", report(t2__rules__issued=2, t2__rules__in_force=5),
     last_year(report(), t2__rules__in_force=5)),
    ("T2-3", "the stock below in − out", report(t2__norms__issued=5, t2__norms__repealed=1, t2__norms__in_force=2),
     None),
    ("T2-4", "a town's regulations", town(t2__rules__issued=2, t2__rules__in_force=2), None),
    ("T2-4", "a guessed organ type", report(organ="某某镇人民政府", organ_type="", t2__rules__issued=2), None),
    ("T2-5", "a fee in 元", town(t2__fee__amount=Decimal("3500")), None),
    ("T2-6", "a count of table 二 in the text", text(report(t2__norms__issued=3), "一", 1, "全年制发行政规范性文件4件。"),
     None),
    ("T2o-1", "a negative count of items", town("2019", 2020, t2__license__prev=-1), None),
    ("T2o-1", "items below 0 after the change", town("2019", 2020, t2__license__prev=1, t2__license__delta=-3), None),
    ("T2o-1", "a fraction of a change", town("2019", 2020, t2__license__delta=Decimal("1.5")), None),
    ("T2o-2", "the items do not carry on", town("2019", 2020, t2__license__prev=5),
     last_year(town("2019", 2020), t2__license__prev=10, t2__license__delta=2)),
    ("T2o-3", "published more than public", town("2019", 2020, t2__norms__published=5, t2__norms__public_total=3),
     None),
    ("T2o-4", "decisions filled with items",
     town("2019", 2020, t2__license__prev=4633, t2__license__delta=-233, t2__license__decisions=4400,
          t2__penalty__prev=730, t2__penalty__delta=-139, t2__penalty__decisions=591), None),
    ("T2o-5", "an amount with no unit", _no_unit(town("2019", 2020, t2__procurement__amount=Decimal("120.5"))), None),
    ("T2o-5", "an amount in 万元 that looks like 元",
     _no_unit(town("2019", 2020, t2__procurement__amount=Decimal("49966945.1")), "万元"), None),
    ("T2o-6", "a town's regulations (2019)", town("2019", 2020, t2__rules__made=2), None),
    ("D1", "the old tables for a new year", report("2019", 2022), None),
    ("D1", "the new tables for an old year", report("2021", 2020), None),
    ("D1", "no year", _no_year(report()), None),
    ("D3", "the title's year", _set_title(report(), "某县审计局2023年度政府信息公开工作年度报告"), None),
    ("D3", "the period's year", _set_preamble(report(), "本报告统计期限自2023年1月1日起至2023年12月31日止。"), None),
    ("D3", "this year in next year's plan",
     text(title(report(), "五", 3, "（三）2025年进一步改进措施"), "五", 3, "2024年，我局将进一步加强政务公开工作。"), None),
    ("D3", "a year after next", text(report(), "一", 1, "2027年全面完成平台改造。"), None),
    ("D3", "next year as done", text(report(), "一", 1, "截至2025年12月31日，共主动公开政府信息120条。"), None),
    ("D3", "a stale year carried over", _carried(report()), None),
    ("D4", "a town calls itself 我局", text(town(), "五", 1, "我局将继续加强政务公开工作。"), None),
    ("D4", "another organ's field", text(town(), "五", 1, "加大审计信息公开和政策解读力度。"), None),
    ("D4", "the whole province's work", text(town(), "一", 1, "组织推动全省政府信息公开工作。"), None),
    ("D5", "no word on the fee", text(report(), "六", 1, ""), None),
    ("D6", "the replaced notice", text(report(), "一", 0, "依据国办公开办函〔2019〕60号编制本报告。"), None),
    ("D6", "last year's 工作要点", text(report(), "一", 0, "按照2023年浙江省政务公开工作要点的要求开展工作。"), None),
    ("D7", "seven parts", _set_preamble(report(), "本报告由七个部分组成。"), None),
    ("D8", "last year's text again", *_alike()),
    ("D9", "parts that do not add up",
     text(report(), "一", 1, "全年主动公开信息120条，其中政务动态45条、通知公告45条、政策解读20条。"), None),
    ("D9", "shares that do not add up",
     text(report(), "一", 1, "全年主动公开信息100条，其中政务动态50条，占60%；通知公告50条，占50%。"), None),
    ("D10", "published late", _published(report(), "2025-03-01"), None),
    ("D12", "last year's work as this year's", text(report(), "一", 1, "2023年，本机关共主动公开政府信息120条。"), None),
    ("D13", "五 empty", _empty(report(), "五"), None),
    ("D13", "五 says nothing", text(_empty(report(), "五"), "五", 0, "无。"), None),
    ("D13", "a sub-part of 五 empty", text(report(), "五", 1, ""), None),
    ("D14", "a word typed twice", text(report(), "一", 1, "本年度落实资金资金10万元。"), None),
    ("D14", "ASCII punctuation", text(report(), "一", 1, "本年度主动公开信息,及时更新。"), None),
    ("D14", "the notice misnamed", text(report(), "一", 0, "依据国办发〔2021〕30号编制本报告。"), None),
    ("D15", "a table left blank", _blank(report(), "t4."), None),
    ("D15", "blank cells", _blank(report(), "t3.new.legal"), None),
    ("D16", "a sub-part heading with nothing under it", text(report(), "六", 3, ""), None),
    ("D16", "a section with nothing at all", _empty(report(), "六"), None),
]


def _h1() -> list[Finding]:
    units = [Unit(name=name, file=f"{name}.gik", report=report(year=2024, t3__open__natural=1, t3__new__natural=1),
                  sha256="0" * 64) for name in ("甲镇", "乙镇")]
    rollup = Rollup(2024, "2021", units)
    rollup.total = sum_units(rollup)
    own = rollup.total.copy()
    own.values["t3.open.natural"] = 5
    complete = check_own(own, rollup)
    rollup.units.append(Unit(name="未交镇"))
    return complete + check_own(own, rollup)


def _findings(rule: str, r: Report, last: Report | None) -> list[Finding]:
    return [f for f in check(r, last) if f.rule == rule]


# ---- what every message must say ----------------------------------------------------------------------------

def _shows(n: object, message: str) -> bool:
    """`n` in the message: as written, as a share (0.62 → 62%), (up to 十) as a Chinese numeral, 0 as 没有."""
    if isinstance(n, float):
        return f"{n:.0%}" in message
    if str(n) in message or format_value(n) in message:
        return True
    if n == 0 and any(w in message for w in NONE_WORDS):
        return True
    return isinstance(n, int) and 0 <= n < len(CHINESE_NUMERALS) and CHINESE_NUMERALS[n] in message


def _places(r: Report, f: Finding) -> list[str]:
    """The words a message can name its place by: 表X for a cell, the 节 or its heading for text."""
    out = []
    for place in f.cells or ("",):
        if place.startswith("text."):
            key = place.split(".")[1]
            out += [f"{key}节", SECTION_TITLES[key], f"表{key}"]     # (表四 is the whole of 四)
        elif place:
            out.append(f"表{r.format.table_of(place).section}")
        else:
            out += ["基本信息", "标题", "开头", "正文"]
    return out


def assert_reads_well(r: Report, f: Finding) -> None:
    m = f.message
    ours = QUOTED.sub("“”", m)           # what the report says is quoted as typed (it may well hold “H0” or “t3.”)
    assert not m.startswith(f.rule) and not RULE_ID.search(ours), m         # the rule id is shown apart
    assert "t2." not in ours and "t3." not in ours and "t4." not in ours and "text." not in ours, m   # no ids
    assert "勾稽" not in ours, m                                               # the clerk's words, not ours
    for name, side in (("expected", f.expected), ("actual", f.actual)):
        if (f.rule, name) in UNSAID:
            continue
        if isinstance(side, (int, Decimal, float)) and not isinstance(side, bool):
            assert _shows(side, m), (side, m)
    assert any(p in m for p in _places(r, f)), (f.cells, m)
    body = GUESS_NOTE.sub("", m)
    assert body.endswith("。"), m
    last_sentence = QUOTED.sub("“”", body).rstrip("。").rsplit("。", 1)[-1]   # (a quote may hold a 。)
    assert "请" in last_sentence, m                                          # ends with what to do
    assert len(QUOTED.sub("“”", body)) <= LONGEST, (len(QUOTED.sub("“”", body)), m)


@pytest.mark.parametrize("rule, case, r, last", CASES, ids=[f"{rule} {case}" for rule, case, *_ in CASES])
def test_the_message_says_what_where_both_numbers_and_what_to_do(rule, case, r, last):
    found = _findings(rule, r, last)
    assert found, f"{rule} did not fire on {case}"
    for f in found:
        assert_reads_well(r, f)


def test_the_roll_up_messages_read_as_well():
    found = _h1()
    assert {f.severity for f in found} == {"warning", "info"}
    for f in found:
        assert_reads_well(report(), f)
        assert "甲镇1" in f.message and "乙镇1" in f.message          # the units whose figures make the sum


def test_every_rule_the_code_can_emit_has_a_case():
    assert {rule for rule, *_ in CASES} | {"H1"} == _emitted_rule_ids()
    assert len(_emitted_rule_ids()) >= 40


def test_the_cases_use_both_formats():
    assert {r.format_id for _, _, r, _ in CASES} == set(FORMATS)


def test_every_message_on_the_real_reports_reads_as_well():
    """The same on what the checks say about real published reports (their clauses are longer and odder)."""
    from published_excerpts import all_reports
    said = 0
    for r in all_reports().values():
        for f in check(r):
            assert_reads_well(r, f)
            said += 1
    assert said >= 50


# What the text rules look for, in any order (as tests/test_rules.py feeds them), and names of organs of each kind.
RULE_WORDS = st.sampled_from(("行政复议", "行政诉讼", "起诉", "申请", "受理", "收到", "办结", "结转下年度", "上年结转",
                              "所有申请均已办结", "规范性文件", "规章", "制发", "废止", "现行有效", "未发生", "共",
                              "其中", "条", "3件", "12个", "0件", "两件", "45条", "60%", "，", "。", "；", "\n",
                              "我局", "我镇", "2023年", "2025年", "资金资金", "审计信息公开", "组织推动全省政务公开"))
ORGANS = st.sampled_from(("某镇人民政府", "某县审计局", "某市人民政府", "某省人民政府办公厅", "某街道办事处", ""))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.lists(RULE_WORDS, max_size=30).map("".join), st.lists(RULE_WORDS, max_size=30).map("".join),
       ORGANS)
def test_any_report_gets_messages_that_read_as_well(r, one, five, organ):
    r.meta.organ_name = organ
    r.sections["一"].blocks()[2].text = one
    r.sections["五"].blocks()[1].text = five
    for f in check(r):
        assert_reads_well(r, f)
