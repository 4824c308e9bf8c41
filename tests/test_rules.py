"""Every rule of reference/format.md §4 that we implement: a case that passes and a case that fails."""
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import reports

from gik_editor.formats import FORMATS
from gik_editor.formats.common import T3_COLS
from gik_editor.report import Prior, new_report
from gik_editor.rules import check, prior_of
from gik_editor.totals import all_values, compute_totals


def make(fid="2021", year=2022, organ="某县审计局", organ_type="县级部门", **values):
    r = new_report(fid, year, organ, organ_type)
    r.values.update({k.replace("__", "."): v for k, v in values.items()})
    if fid == "2021":
        r.sections["六"].parts[0].text = "本年度未收取信息处理费。"
    return r


def rules(report, last=None):
    return [f.rule for f in check(report, last)]


def findings(report, rule, last=None):
    return [f for f in check(report, last) if f.rule == rule]


def silent(report, block, rule, sayings):
    """`rule` finds nothing in `report` whichever of `sayings` the text `block` holds."""
    for said in sayings:
        block.text = said
        assert rule not in rules(report), said


def balanced(**extra):
    """5 new + 1 carried in = 4 opened + 2 carried out, for 自然人."""
    return make(**{"t3__new__natural": 5, "t3__carry_in__natural": 1, "t3__open__natural": 4,
                   "t3__carry_out__natural": 2, **extra})


def test_t3_1_passes_when_every_column_balances():
    assert "T3-1" not in rules(balanced())
    empty = check(make())                 # an empty report is consistent; it only lacks content
    assert {f.rule for f in empty} == {"D13", "D15", "D16"} and all(f.severity == "warning" for f in empty)


def test_t3_1_names_exactly_the_cells_of_the_broken_column():
    report = balanced(t3__new__business=1)   # a 商业企业 application with no result
    broken = findings(report, "T3-1")
    cols = {f.cells[0].split(".")[2] for f in broken}
    assert cols == {"business", "total"}
    f = next(f for f in broken if "business" in f.cells[0])
    assert f.cells == ("t3.new.business", "t3.carry_in.business", "t3.total.business", "t3.carry_out.business")
    assert (f.expected, f.actual) == (1, 0)
    assert f.severity == "error" and "商业企业" in f.message
    assert "第三项“（七）总计”加第四项" in f.message and "（（" not in f.message


def test_t3_1_catches_a_wrong_column_hidden_by_a_balanced_total():
    report = balanced(t3__new__natural=4, t3__new__other_org=1, t3__open__other_org=0)
    # 总计 still balances (5 + 1 = 4 + 2), but 自然人 is −1 and 其他 is +1
    cols = {f.cells[0].split(".")[2] for f in findings(report, "T3-1")}
    assert cols == {"natural", "other_org"}


def test_totals_are_computed_and_blank_when_all_parts_blank():
    report = balanced()
    totals = compute_totals(report)
    assert totals["t3.new.total"] == 5 and totals["t3.total.natural"] == 4 and totals["t3.total.total"] == 4
    assert totals["t3.deny_1.total"] is None and totals["t4.review.total"] is None


def test_t3_4_negative_or_fractional_counts_are_errors():
    assert "T3-4" not in rules(balanced())
    assert findings(make(t3__open__legal=-1), "T3-4")[0].cells == ("t3.open.legal",)


def test_t4_2_and_t4_totals():
    report = make(t4__review__upheld=2, t4__review__pending=1)
    assert compute_totals(report)["t4.review.total"] == 3
    assert "T4-2" not in rules(report)
    assert findings(make(t4__after__other=-2), "T4-2")


def test_printed_totals_that_disagree_are_reported():
    report = balanced()
    report.printed = {"t3.new.total": 5, "t3.total.natural": 4, "t4.review.total": 0}
    assert [f.rule for f in check(report) if f.rule in ("T3-2", "T3-3", "T4-1")] == []
    report.printed = {"t3.new.total": 6, "t3.total.natural": 3, "t4.review.total": 1}
    got = {f.rule: f for f in check(report)}
    assert got["T3-3"].cells[0] == "t3.new.total" and got["T3-3"].actual == 6 and got["T3-3"].expected == 5
    assert got["T3-2"].cells[0] == "t3.total.natural"
    assert got["T4-1"].cells[0] == "t4.review.total" and got["T4-1"].expected is None


def test_t2_1_counts_and_fee():
    assert "T2-1" not in rules(make(t2__rules__issued=0, t2__fee__amount=Decimal("1.5")))
    assert findings(make(t2__norms__issued=-1), "T2-1")
    assert findings(make(t2__fee__amount=Decimal("-0.5")), "T2-1")


def test_t2_3_in_force_not_below_issued_minus_repealed():
    ok = make(organ="某市人民政府", organ_type="市级政府", t2__rules__issued=3, t2__rules__repealed=1,
              t2__rules__in_force=10)
    assert "T2-3" not in rules(ok)
    bad = make(t2__norms__issued=5, t2__norms__repealed=1, t2__norms__in_force=2)
    f = findings(bad, "T2-3")[0]
    assert (f.expected, f.actual) == (4, 2)


def test_t2_4_regulations_only_for_organs_that_make_them():
    assert "T2-4" not in rules(make(organ="某市人民政府", organ_type="市级政府", t2__rules__issued=2,
                                    t2__rules__in_force=2))
    assert findings(make(organ="某镇", organ_type="镇", t2__rules__issued=2, t2__rules__in_force=2), "T2-4")
    assert "T2-4" not in rules(make(organ="某镇", organ_type="镇", t2__rules__issued=0))


def test_t2_5_fee_probably_in_yuan():
    assert "T2-5" not in rules(make(t2__fee__amount=Decimal("0.12")))
    assert findings(make(organ="某镇", organ_type="镇", t2__fee__amount=Decimal("3500")), "T2-5")


def test_t2o_rules_on_the_2019_format():
    base = dict(fid="2019", year=2020, organ="某镇", organ_type="镇")
    good = make(**base, t2__license__prev=10, t2__license__delta=-2, t2__license__decisions=37)
    assert not {"T2o-1", "T2o-3", "T2o-4"} & set(rules(good))
    assert findings(make(**base, t2__license__prev=1, t2__license__delta=-3), "T2o-1")
    assert findings(make(**base, t2__norms__published=5, t2__norms__public_total=3), "T2o-3")
    mixed_up = make(**base, t2__license__prev=4633, t2__license__delta=-233, t2__license__decisions=4400,
                    t2__penalty__prev=730, t2__penalty__delta=-139, t2__penalty__decisions=591)
    assert findings(mixed_up, "T2o-4")


def test_t2o_5_procurement_amount_needs_a_unit():
    r = make(fid="2019", year=2020, t2__procurement__amount=Decimal("120.5"))
    assert findings(r, "T2o-5")
    r.money_unit = "万元"
    assert not findings(r, "T2o-5")
    r.values["t2.procurement.amount"] = Decimal("49966945.1")
    assert findings(r, "T2o-5")     # 万元 but looks like 元


def test_d1_format_must_match_year():
    assert "D1" not in rules(make(fid="2019", year=2020))
    assert findings(make(fid="2019", year=2022), "D1")[0].severity == "error"
    assert findings(make(fid="2021", year=2020), "D1")
    assert findings(make(fid="2019", year=2018), "D1")


def test_d3_plan_paragraph_with_this_year():
    r = make(year=2022)
    r.sections["五"].parts[2].text = "2023年，我局将继续加强政务公开。"
    assert "D3" not in rules(r)
    r.sections["五"].parts[2].text = "2022年，我局将继续加强政务公开。"
    f = findings(r, "D3")[0]
    assert f.cells == ("text.五.3",) and (f.expected, f.actual) == (2023, 2022)


def test_d3_carried_paragraph_still_naming_last_year():
    r = make(year=2022)
    para = "2021年，我局主动公开信息100条。"
    r.sections["一"].parts[0].text = para
    assert "D3" not in rules(r)
    r.sections["一"].parts[0].carried = (para,)
    assert findings(r, "D3")[0].cells == ("text.一.1",)


def test_d3_title_year():
    r = make(year=2022)
    r.title = "某县审计局2021年度政府信息公开工作年度报告"
    assert findings(r, "D3")


def test_d4_self_reference_and_foreign_topics():
    town = make(organ="洪合镇", organ_type="镇")
    town.sections["一"].intro.text = "我镇认真贯彻条例。"
    assert "D4" not in rules(town)
    town.sections["一"].intro.text = "我局认真贯彻条例，加大审计信息公开力度。"
    got = findings(town, "D4")
    assert {f.actual for f in got} == {"我局", "审计"}
    audit = make(organ="某县审计局", organ_type="县级部门")
    audit.sections["一"].intro.text = "我局加大审计信息公开力度。"
    assert "D4" not in rules(audit)
    audit.sections["一"].intro.text = "组织推动全省政府信息公开工作。"
    assert findings(audit, "D4")


def test_d4_infers_the_organ_type_from_the_name():
    r = make(organ="某某街道办事处", organ_type="")
    r.sections["一"].intro.text = "我局认真贯彻条例。"
    assert findings(r, "D4")


def test_d5_fee_statement_in_section_six():
    r = make()
    assert "D5" not in rules(r)
    r.sections["六"].parts[0].text = ""
    assert findings(r, "D5")
    assert "D5" not in rules(make(fid="2019", year=2020))


def test_d9_parts_and_percentages_add_up():
    r = make()
    r.sections["一"].parts[0].text = "主动公开信息1200余条，其中动态信息230余条，占19%；公示870余条，占73%；重点领域100余条，占8%。"
    assert "D9" not in rules(r)
    r.sections["一"].parts[0].text = "主动公开信息1200余条，其中动态信息230余条，占19%；公示800余条，占73%；重点领域100余条，占8%。"
    assert findings(r, "D9")
    r.sections["一"].parts[0].text = "主动公开信息1200条，其中动态信息300条，占30%；公示900条，占60%。"
    assert {f.actual for f in findings(r, "D9")} >= {Decimal(90)}


def test_d6_cited_basis_documents_are_current():
    r = make(year=2022)
    r.preamble = "本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。"
    r.sections["一"].intro.text = "认真落实《2022年政务公开工作要点》。"
    assert "D6" not in rules(r)
    r.preamble = "本报告根据国办公开办函[2019]60号要求编制。"         # the old notice, ASCII brackets
    r.sections["一"].intro.text = "认真落实《浙江省人民政府办公厅关于印发2021年浙江省政务公开工作要点的通知》。"
    got = findings(r, "D6")
    assert [(f.cells, f.actual) for f in got] == [((), "2019]60号"), (("text.一.0",), 2021)]
    r.preamble = ""
    r.sections["一"].intro.text = "年初制定了2021年信息公开工作要点。"
    assert [f.actual for f in findings(r, "D6")] == [2021]
    old = make(fid="2019", year=2020)
    old.preamble = "根据国办公开办函〔2019〕60号编制。"                 # right for a 2020 report
    assert "D6" not in rules(old)


def test_d7_the_report_has_six_parts():
    r = make()
    r.preamble = "本报告由总体情况、主动公开政府信息情况……其他需要报告的事项六个部分组成。"
    assert "D7" not in rules(r)
    r.preamble = "本报告由总体情况……等7个部分组成。"
    assert [(f.expected, f.actual) for f in findings(r, "D7")] == [(6, 7)]
    r.preamble = ""
    r.sections["一"].intro.text = "政府信息公开指南由三个部分组成。"     # not about the report
    assert "D7" not in rules(r)
    r.sections["一"].intro.text = "本报告由五个部分组成。"
    assert findings(r, "D7")[0].cells == ("text.一.0",)


def test_d8_more_than_half_of_the_text_found_in_last_years():
    paragraphs = ["我局认真贯彻落实政府信息公开条例，不断完善工作机制。", "全年通过门户网站主动公开政府信息八十余条。",
                  "严格执行信息发布三审制度，确保公开信息准确无误。", "办公室专人负责维护政府信息公开专栏各栏目。",
                  "把政务公开纳入年度内部目标考核，责任落实到人。"]
    last = make(year=2021)
    last.sections["一"].parts[0].text = "\n".join(paragraphs)
    this = make(year=2022)
    new = ["本年新写的一段，介绍了今年依申请公开答复规范化的新做法。", "今年新建政务公开专区三个，接待群众查阅二百余人次。",
           "门户网站改版上线，新增政策问答库，解读材料随文件同步发布。"]
    this.sections["一"].parts[0].text = "\n".join(paragraphs[:2] + new)
    assert "D8" not in rules(this, last)                      # 2 of 5 paragraphs alike: under half
    this.sections["一"].parts[0].text = "\n".join(paragraphs[:4] + new[:1])
    f = findings(this, "D8", last)[0]
    assert f.severity == "warning" and 0.5 < f.actual < 1 and "%" in f.message and "上年" in f.message
    # the same words with other punctuation and spacing are the same text
    this.sections["一"].parts[0].text = "\n".join(p.replace("，", ", ").replace("。", ".") for p in paragraphs)
    assert findings(this, "D8", last)[0].actual == 1
    assert "D8" not in rules(this)                            # without last year's report nothing to compare


def test_d10_published_by_the_deadline():
    r = make(year=2022)
    r.meta.publish_date = "2023-01-31"
    assert "D10" not in rules(r)
    r.meta.publish_date = "2023-02-01"
    late = findings(r, "D10")[0]
    assert late.severity == "info" and (late.expected, late.actual) == ("2023-01-31", "2023-02-01")
    county = make(year=2022, organ="某县人民政府", organ_type="县级政府")
    county.meta.publish_date = "2023-03-31"                   # a government's own report: 3月31日
    assert "D10" not in rules(county)
    r.meta.publish_date = "2023/2/1"                          # not ISO (a hand-edited file): not compared
    assert "D10" not in rules(r)


def test_t3_5_carry_in_equals_last_years_carry_out():
    last = make(year=2021, t3__new__natural=3, t3__open__natural=1, t3__carry_out__natural=2)
    this = make(year=2022, t3__carry_in__natural=2, t3__open__natural=2)
    assert "T3-5" not in rules(this, last)
    this.values["t3.carry_in.natural"] = 1
    this.values["t3.open.natural"] = 1
    got = findings(this, "T3-5", last)
    assert {f.cells for f in got} == {("t3.carry_in.natural",), ("t3.carry_in.total",)}
    # the same without last year's file, from the figures kept in this year's file
    this.prior = prior_of(last)
    assert findings(this, "T3-5") == got
    # not applied when the prior figures are not last year's
    this.prior = Prior(2019, "2019", {"t3.carry_out.natural": 2})
    assert "T3-5" not in rules(this)


def test_t2_2_in_force_continuity():
    last = make(year=2021, t2__norms__issued=2, t2__norms__in_force=10)
    this = make(year=2022, t2__norms__issued=3, t2__norms__repealed=1, t2__norms__in_force=12)
    assert "T2-2" not in rules(this, last)
    this.values["t2.norms.in_force"] = 13
    f = findings(this, "T2-2", last)[0]
    assert (f.expected, f.actual) == (12, 13) and f.severity == "warning"


def test_t2o_2_item_counts_carry_on():
    base = dict(fid="2019", organ="某镇", organ_type="镇")
    last = make(year=2019, **base, t2__license__prev=10, t2__license__delta=-2)
    this = make(year=2020, **base, t2__license__prev=8)
    assert "T2o-2" not in rules(this, last)
    this.values["t2.license.prev"] = 10
    assert findings(this, "T2o-2", last)[0].expected == 8


def test_t2_6_counts_of_regulations_and_norms_in_the_text_match_table_two():
    r = make(t2__norms__issued=3, t2__norms__repealed=1, t2__norms__in_force=12)
    text = r.sections["一"].parts[0]
    silent(r, text, "T2-6", ("本年度制发行政规范性文件3件，废止1件。", "现行有效规范性文件12件。", "规范性文件共12件",
                             "进一步完善规章制度5项，健全制度12个。", "本年度未制定规章。"))
    text.text = "全年制发行政规范性文件4件。"
    f = findings(r, "T2-6")[0]
    assert (f.expected, f.actual) == (3, 4) and f.severity == "warning"
    assert f.cells == ("text.一.1", "t2.norms.issued") and "本年制发件数3" in f.message
    text.text = "我县规范性文件7件。"                     # no column said: none of 3, 1, 12
    assert findings(r, "T2-6")[0].cells == ("text.一.1", "t2.norms.issued", "t2.norms.repealed", "t2.norms.in_force")
    r2019 = make("2019", 2020, "某镇", "镇", t2__norms__made=2, t2__norms__published=2, t2__norms__public_total=9)
    r2019.sections["一"].parts[0].text = "本年新制作规范性文件2件，累计公开9件。"
    assert "T2-6" not in rules(r2019)
    r2019.sections["一"].parts[0].text = "本年制作规范性文件5件。"
    assert findings(r2019, "T2-6")[0].expected == 2


def test_t3_6_applications_counted_in_the_text_match_table_three():
    r = balanced()                  # 5 new + 1 carried in = 4 answered + 2 carried out
    part = r.sections["一"].parts[1]
    silent(r, part, "T3-6", ("全年共受理政府信息公开申请5件。", "加上年结转，共办理依申请公开6件。", "收到申请5件，办结4件。",
                             "我单位依申请公开工作有序开展。"))
    part.text = "截至12月31日，我局受理依申请公开政府信息7件，已按规定答复。"
    f = findings(r, "T3-6")[0]
    assert (f.expected, f.actual) == (5, 7) and f.cells == ("text.一.2", "t3.new.total")
    assert "加上年结转共6件" in f.message
    part.text = "对收到的政府信息公开申请均已按期答复。"     # but 2 are carried into next year: T3-11
    f = findings(r, "T3-11")[0]
    assert f.cells == ("text.一.2", "t3.carry_out.total") and f.actual == 2


def test_t3_7_a_large_carry_over_is_worth_a_look():
    assert "T3-7" not in rules(balanced())              # 2 of 6 carried over
    r = make(t3__new__natural=8, t3__open__natural=2, t3__carry_out__natural=6)
    f = findings(r, "T3-7")[0]
    assert f.severity == "info" and f.actual == 6 and f.cells == ("t3.carry_out.total",)


def test_t4_3_review_and_litigation_cases_in_the_text_match_table_four():
    r = make(t4__review__corrected=1)
    f = findings(r, "T4-3")[0]                           # a case, and no word of it: a hint
    assert f.cells == ("t4.review.total",) and f.expected == 1 and "没有提到" in f.message and f.severity == "info"
    plan = r.sections["五"].parts[0]
    silent(r, plan, "T4-3", ("本年度被申请行政复议1件，结果纠正1件。", "发生行政复议案件一起，已依法纠正。",
                             "主动公开行政复议决定书12件。", "加强行政复议和应诉工作", "行政复议、行政诉讼案件共1件。"))
    plan.text = "本年度被申请行政复议2件。"
    f = findings(r, "T4-3")[0]
    assert (f.expected, f.actual) == (1, 2) and f.cells == ("text.五.1", "t4.review.total")
    plan.text = "本年度未发生行政复议和行政诉讼案件。"
    assert findings(r, "T4-3")[0].expected == 1 and "但表四有行政复议和行政诉讼案件1件" in findings(r, "T4-3")[0].message
    plan.text = "本年度被申请行政复议1件。"
    r.values["t4.after.pending"] = 2                     # litigation too, not mentioned
    f = findings(r, "T4-3")[0]
    assert f.cells == ("t4.direct.total", "t4.after.total") and f.expected == 2
    r.sections["一"].parts[4].text = "行政诉讼2件，均尚未审结。"
    assert "T4-3" not in rules(r)


def test_sample_findings(sample):
    got = check(sample)
    assert not [f for f in got if f.severity == "error"]
    assert {"D3", "D4", "T2o-4", "T4-3"} <= {f.rule for f in got}
    assert any(f.rule == "D4" and f.actual == "我局" for f in got)
    assert any(f.rule == "D4" and f.actual == "审计" for f in got)


# Text made of what the text-against-table rules look for, in any order.
RULE_WORDS = st.sampled_from(("行政复议", "行政诉讼", "起诉", "申请", "受理", "收到", "规范性文件", "规章", "规章制度",
                              "制发", "废止", "现行有效", "新公开", "累计", "未发生", "均已答复", "无", "零", "共",
                              "3件", "一起", "12个", "0件", "两件", "，", "。", "；", "\n", "我镇", "2021年"))
rule_text = st.lists(RULE_WORDS, max_size=25).map("".join)


@settings(max_examples=80, deadline=None)
@given(reports(), rule_text, rule_text)
def test_text_against_table_rules_take_any_text(report, one, five):
    report.sections["一"].parts[0].text = one
    report.sections["五"].parts[0].text = five
    texts = {f"text.{key}.{i}" for key, sec in report.sections.items() for i, _ in enumerate(sec.blocks())}
    for f in check(report):
        assert all(c in report.format.cells or c in texts for c in f.cells), f
        if f.rule in ("T2-6", "T3-6", "T3-8", "T3-9", "T3-10", "T3-11", "T4-3"):
            assert f.severity in ("warning", "info") and f.message


@settings(max_examples=60, deadline=None)
@given(reports())
def test_computed_totals_always_satisfy_the_sums(report):
    values = all_values(report)
    fmt = FORMATS[report.format_id]
    t3 = fmt.table("t3")
    leaves = [g.cell_id.split(".")[1] for g in t3.grid if g.cell_id.endswith(".natural")][2:-2]
    n = lambda v: v or 0  # noqa: E731
    for row in {c.id.split(".")[1] for c in t3.cells}:
        assert n(values[f"t3.{row}.total"]) == sum(n(values.get(f"t3.{row}.{c}")) for c, _ in T3_COLS[:-1])
    for col, _ in T3_COLS:
        assert n(values[f"t3.total.{col}"]) == sum(n(values.get(f"t3.{leaf}.{col}")) for leaf in leaves)
    for group in ("review", "direct", "after"):
        parts = ("upheld", "corrected", "other", "pending")
        assert n(values[f"t4.{group}.total"]) == sum(n(values.get(f"t4.{group}.{c}")) for c in parts)
    # computed totals never trigger the printed-total rules
    assert not {"T3-2", "T3-3", "T4-1"} & {f.rule for f in check(report)}


@settings(max_examples=60, deadline=None)
@given(reports())
def test_t3_1_fails_exactly_when_a_column_does_not_balance(report):
    values = all_values(report)
    n = lambda v: v or 0  # noqa: E731
    broken = {c for c, _ in T3_COLS
              if n(values.get(f"t3.new.{c}")) + n(values.get(f"t3.carry_in.{c}"))
              != n(values.get(f"t3.total.{c}")) + n(values.get(f"t3.carry_out.{c}"))}
    assert {f.cells[0].split(".")[2] for f in check(report) if f.rule == "T3-1"} == broken


@settings(max_examples=60, deadline=None)
@given(reports(), st.one_of(st.dates().map(date.isoformat), st.text(max_size=12)))
def test_any_publication_date_is_checked_without_failing(report, published):
    report.meta.publish_date = published
    late = [f for f in check(report, last_year=report) if f.rule == "D10"]
    if late:
        assert date.fromisoformat(published) > date(report.meta.year + 1, 1, 31)


def test_d3_carried_paragraph_two_years_old_but_not_since():
    r = make(year=2022)
    stale, since = "2020年，我局主动公开信息100条。", "2020年以来，我局持续推进政务公开。"
    r.sections["一"].parts[0].text = stale + "\n" + since
    r.sections["一"].parts[0].carried = (stale, since)
    got = findings(r, "D3")
    assert len(got) == 1 and got[0].actual == 2020
