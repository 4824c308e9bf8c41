"""Precision on real published reports: every warning the checks give on every real report in tests/data, each
with the verdict of a reviewer who read the report. A warning not in the table (a new false alarm, or a right
one nobody has looked at) fails, and so does one whose verdict is not "right".

The excerpts in data/published/real end where the page store cut them, so the rules that ask for missing
content (D5 处理费 in 六, D13 五, D15 blank tables, D16 empty headings) are held to one verdict instead: they may
only point at a part the excerpt does not contain. The whole reports (header "# whole: yes") are judged on
every rule, except findings about a table the report published only as a picture (data/published/real/README.md).
"""
from pathlib import Path

import pytest
from published_excerpts import all_reports, cut_tables, image_tables, is_whole, published_totals

from gik_editor import storage
from gik_editor.rules import check
from gik_editor.totals import all_values

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "honghe-2020.gik"     # the seed: a real 2020 report
REAL = {**all_reports(), "honghe-2020": storage.load(SAMPLE)}
MISSING_CONTENT = {"D5", "D13", "D15", "D16"}
TABLE_ARITHMETIC = {"T3-1", "T3-2", "T3-3", "T4-1"}     # not judged on a table the excerpt cuts off

# (report, rule, first place, what it quotes) → verdict of the reviewer, and why
VERDICTS = {
    ("changchun-ju-2023", "T3-6", "text.一.2", "2"):
        ("right", "the text says 受理申请2件, table 三 shows 3 applications received this year"),
    ("minzheng-2023-old-tables", "D1", "", None):
        ("right", "a 2023 report published in the 2019 tables (本年新制作数量 … 政府集中采购)"),
    ("gaoping-zfb-2022", "D6", "text.一.0", "2019〕60号"):
        ("right", "a 2022 report cites the 2019 notice 国办公开办函〔2019〕60号 as its basis"),
    ("honghe-2020", "T2o-4", "t2.license.prev", None):
        ("right", "4633 + (−233) = 4400 etc.: decisions filled with the item count (format.md §4.4)"),
    ("honghe-2020", "T2o-5", "t2.procurement.amount", "49966945.1"):
        ("right", "采购总金额 has no unit and none was chosen"),
    ("honghe-2020", "D3", "text.五.3", "2020"):
        ("right", "“（三）2021年进一步改进措施” says “2020年，我局将…”"),
    ("honghe-2020", "D4", "text.五.3", "我局"):
        ("right", "a town calls itself 我局: copied from a bureau's report"),
    ("honghe-2020", "D4", "text.五.3", "审计"):
        ("right", "“加大审计信息公开和政策解读力度” in a town's report"),
    ("honghe-2020", "D4", "text.五.2", "少数民族"):
        ("right", "“加大少数民族惠民政策宣传力度” copied from an ethnic-affairs report"),
    ("honghe-2020", "D6", "text.一.0", "2019"):
        ("right", "a 2020 report cites the 2019年浙江省政务公开工作要点"),
    ("songmutang-zhen-2022", "T2-4", "t2.rules.issued", None):
        ("right", "a 镇 reports 规章 本年制发 2, 现行有效 2: a town makes no 规章 (its text counts 规章制度类2条, "
                  "its own rules, which is where the 2 probably came from)"),
    # ---- whole reports ----
    ("pingtan-2019", "D9", "text.一.1", "2533"):
        ("right", "“共公布政府信息2599条，(其中…)”: the eleven kinds listed add up to 2533, not 2599"),
    ("pingtan-2020", "D9", "text.一.0", "2603"):
        ("right", "“共公布政府信息2602条(其中…)”: the eleven kinds listed add up to 2603, one more than 2602"),
    ("pingtan-2023", "T2-6", "text.一.1", "393"):
        ("right", "“集中发布现行有效行政规范性文件393件” while 表二 says 现行有效件数 470 (77 制发, 132 废止): "
                  "the library the text describes and the table disagree"),
    ("wenyinghu-jd-2021", "D5", "text.六.0", None):
        ("right", "a 2021 report whose 六 says only “无其他需要报告的事项”: nothing on 信息处理费, which the 2021 format asks for"),
    ("pingtan-2020", "T3-1", "t3.new.natural", "26"):
        ("right", "表三's result rows add up to 26 (自然人) and 27 in all (予以公开7, 部分公开6, 无法提供4+3, 不予处理3, "
                  "其他处理4), but the report printed （七）总计 20 / 21 and nothing carried over: 21 received ≠ 27 handled"),
    ("pingtan-2020", "T3-1", "t3.new.total", "27"):
        ("right", "the same error in the 总计 column: 21 + 0 received and carried in, 27 + 0 handled and carried out"),
    ("pingtan-zrz-2023", "T3-1", "t3.new.business", "1"):
        ("right", "表三 prints 商业企业 1 in （二）部分公开 and in （七）总计, but no 商业企业 application received or carried in: "
                  "the row totals (8 and 19) leave that 1 out, so the table disagrees with itself"),
    ("pingtan-zrz-2023", "T3-1", "t3.new.total", "20"):
        ("right", "the same stray 商业企业 1 in the 总计 column: 19 received, 20 handled once the printed cells are added"),
    ("pingtan-shs-2020", "D9", "text.一.0", "227"):
        ("right", "“全年公开政府信息共228条，其中…1条…65条…144条…5条…12条”: the five kinds add up to 227, not 228"),
    ("pingtan-gaj-2021", "T3-1", "t3.new.natural", "2"):
        ("right", "公安局 2021: its one application (补正告知, no reply) is counted under （六）3.其他 and again under "
                  "四、结转下年度继续办理: 1 received, 2 handled or carried over (the text: 结转下年度办理)"),
    ("pingtan-gaj-2021", "T3-1", "t3.new.total", "2"):
        ("right", "the same double count in the 总计 column"),
    ("haitan-pq-2021", "D1", "", None):
        ("right", "a 2021 report published in the 2019 tables (本年新制作数量 …, 政府集中采购, one row （六）其他处理)"),
    ("haitan-pq-2024", "T3-1", "t3.new.natural", "6"):
        ("right", "海坛片区 2024: 5 自然人 applications received, 6 handled (不掌握 4, 补正后仍不明确 1, 逾期不补正 1); "
                  "its own （七）总计 row says 5"),
    ("haitan-pq-2024", "T3-1", "t3.new.total", "7"):
        ("right", "the same in the 总计 column: 6 received (the text too: 共受理…6件), 7 handled"),
    ("haitan-pq-2022", "D1", "", None):
        ("right", "a 2022 report published in the 2019 tables (本年新制作数量 …, 政府集中采购, one row （六）其他处理)"),
    ("haitan-pq-2022", "D6", "", "2021"):
        ("right", "a 2022 report names 《国务院办公厅关于印发2021年政务公开工作要点的通知》（国办发〔2021〕12号） as its basis"),
}


def warnings_of(name):
    report = REAL[name]
    return [f for f in check(report) if f.severity != "info"]


def key(name, f):
    actual = f.actual if isinstance(f.actual, str) or f.actual is None else str(f.actual)
    return name, f.rule, f.cells[0] if f.cells else "", actual


@pytest.mark.parametrize("name", sorted(REAL))
def test_every_warning_on_a_real_report_was_reviewed_and_is_right(name):
    cut = cut_tables(name) if name != "honghe-2020" else set()
    pictures = image_tables(name) if name != "honghe-2020" else set()
    for f in warnings_of(name):
        if _about_a_picture(f, pictures):
            continue
        if f.rule in TABLE_ARITHMETIC and {c.split(".")[0] for c in f.cells} <= cut:
            continue
        if f.rule in MISSING_CONTENT and name != "honghe-2020" and not is_whole(name):
            section = f.cells[0].split(".")[1] if f.cells[0].startswith("text.") else None
            if section:
                said = "".join(b.text for b in REAL[name].sections[section].blocks())
                assert not said.strip() or f.rule == "D16", (name, f.message)
            continue
        verdict = VERDICTS.get(key(name, f))
        assert verdict is not None, f"not reviewed: {key(name, f)} {f.message}"
        assert verdict[0] == "right", (key(name, f), verdict)


TABLE_OF_SECTION = {"二": "t2", "三": "t3", "四": "t4"}


def _about_a_picture(f, pictures):
    """A finding about a table the report published as a picture (its cells unread, so blank here): a table
    "not filled in" (D15), or a cell of it held against the text or the other cells."""
    tables = {c.split(".")[0] for c in f.cells} | {TABLE_OF_SECTION.get(c.split(".")[1], "") for c in f.cells
                                                   if f.rule == "D15" and c.startswith("text.")}
    return bool(tables & pictures)


def test_the_table_lists_nothing_the_checks_no_longer_say():
    said = {key(name, f) for name in REAL for f in warnings_of(name)}
    assert set(VERDICTS) <= said


def test_both_formats_are_among_the_real_reports():
    assert {r.format_id for r in REAL.values()} == {"2019", "2021"}
    assert len(REAL) >= 10


# Published totals that do not match the parts printed with them (the report's own error, kept as published).
PUBLISHED_MISMATCH: dict[str, set[str]] = {
    "pingtan-2020": {"t3.total"},       # its rows add up to 26 / 27, the printed （七）总计 says 20 / 21 (T3-1 above)
    "haitan-pq-2021": {"t3.total"},     # its rows are all 0, the printed （七）总计 row says 1 自然人 (and 总计 0)
    "haitan-pq-2022": {"t3.total"},     # its rows add up to 4 (1 + 3), the printed （七）总计 row is all 0
    # the 总计 column printed 0 in every row; its （七）总计 row gives 自然人 5 where the rows give 6 (T3-1 above)
    "haitan-pq-2024": {"t3.new", "t3.unable_1", "t3.unable_3", "t3.other_1", "t3.other_3", "t3.total"},
    "pingtan-zrz-2023": {"t3.partial", "t3.total"},   # 部分公开 8 + 1 printed with 8, （七）总计 19 + 1 with 19 (T3-1 above)
}


@pytest.mark.parametrize("name", sorted(n for n in REAL if n != "honghe-2020" and published_totals(n)))
def test_the_totals_a_whole_report_printed_match_the_cells_read_from_it(name):
    """The tables of the whole reports were read from page text where cells run together: every total the
    report printed with a row (and its 总计 row) must come out of the cells as read, or the reading is wrong."""
    values = all_values(REAL[name])
    wrong = []
    for key, parts, total in published_totals(name):
        if key == "t3.total":
            columns = ("natural", "business", "research", "welfare", "legal", "other_org")
            got = [values.get(f"t3.total.{c}") or 0 for c in columns] + [values.get("t3.total.total") or 0]
            if got != [p or 0 for p in parts] + [total]:
                wrong.append(key)
        elif (values.get(f"{key}.total") or 0) != total:
            wrong.append(key)
    assert set(wrong) == PUBLISHED_MISMATCH.get(name, set()), wrong


# Consecutive whole reports of one organ, checked with last year's report: the findings that only the
# year before brings (T2-2, T3-5, T2o-2, D8 …), each reviewed.
SERIES = ([(f"pingtan-{y - 1}", f"pingtan-{y}") for y in range(2020, 2026)]
          + [(f"haitan-pq-{y - 1}", f"haitan-pq-{y}") for y in (2021, 2022, 2023, 2024)]
          + [("pingtan-shs-2022", "pingtan-shs-2023"), ("pingtan-gaj-2021", "pingtan-gaj-2022"),
             ("jinjing-pq-2022", "jinjing-pq-2023"), ("jinjing-pq-2023", "jinjing-pq-2024"),
             ("junshan-pq-2023", "junshan-pq-2024")])
CROSS_YEAR_VERDICTS = {
    ("pingtan-2023", "T2-2", "t2.norms.issued", "470"):
        ("right", "698 in force at the end of 2022 + 77 issued − 132 repealed = 643, the table says 470 (the text: "
                  "393 after a clean-up): documents that lapsed (失效) are not 废止, so the clerk should say so"),
    ("pingtan-2024", "T2-2", "t2.norms.issued", "440"):
        ("right", "470 + 62 − 33 = 499, the table says 440: 59 documents gone without being counted as 废止"),
    ("pingtan-2025", "T2-2", "t2.norms.issued", "546"):
        ("right", "440 + 58 − 45 = 453, the table says 546: more in force than issued, which no lapse explains"),
    ("pingtan-gaj-2022", "T2-2", "t2.norms.issued", "7"):
        ("right", "公安局: 2 行政规范性文件 in force at the end of 2021 + 4 issued − 1 repealed = 5, the 2022 table says 7"),
    ("haitan-pq-2021", "T2o-2", "t2.license.prev", "1"):
        ("right", "海坛片区: 2020's 行政许可 row says 0 items and 0 added, the 2021 report starts from 1"),
    ("haitan-pq-2021", "T2o-2", "t2.other_service.prev", "0"):
        ("right", "2020's 其他对外管理服务事项 row says 2 items and 0 added, the 2021 report starts from 0"),
    ("haitan-pq-2022", "T2o-2", "t2.license.prev", "0"):
        ("right", "2021's 行政许可 row says 1 item and 1 added, the 2022 report starts from 0"),
    ("jinjing-pq-2024", "T2-2", "t2.norms.issued", "1"):
        ("right", "金井片区: 7 行政规范性文件 in force at the end of 2023, none issued or repealed in 2024, the 2024 "
                  "table says 1"),
    ("pingtan-shs-2023", "T2-2", "t2.norms.issued", "0"):
        ("right", "社会事业局: 30 行政规范性文件 in force at the end of 2022 + 2 issued − 12 repealed = 20, the 2023 table "
                  "says 0 in force (while 2 were issued that year): 18 documents gone without a word"),
}


def cross_year_warnings():
    said = {}
    for last, this in SERIES:
        alone = {key(this, f) for f in warnings_of(this)}
        for f in check(REAL[this], REAL[last]):
            if f.severity != "info" and key(this, f) not in alone:
                said[key(this, f)] = f
    return said


def test_every_cross_year_warning_on_a_real_series_was_reviewed_and_is_right():
    said = cross_year_warnings()
    for k, f in said.items():
        verdict = CROSS_YEAR_VERDICTS.get(k)
        assert verdict is not None, f"not reviewed: {k} {f.message}"
        assert verdict[0] == "right", (k, verdict)
    assert set(CROSS_YEAR_VERDICTS) <= set(said)
