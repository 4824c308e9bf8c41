"""Sentences of the whole real reports in data/published/real that a rule once misread: each stays silent
on the real sentence, and still fires on the bad case next to it."""
import pytest
from clean_reports import clean_report
from published_excerpts import FOLDER, load

from gik_editor.rules import check


def findings(report, rule):
    return [f for f in check(report) if f.rule == rule]


def received(text):
    """70 applications received this year (平潭综合实验区 2021), the text of 一（二） as given."""
    r = clean_report(year=2021, organ="平潭综合实验区", organ_type="市级政府")
    r.values.update({"t3.new.natural": 70, "t3.open.natural": 70})
    r.sections["一"].parts[1].text = text
    return r


def test_t3_6_a_slogan_with_a_numeral_is_no_count_of_applications():
    # 平潭综合实验区 2021: "“三个一”" is the name of a way of working, not 3 applications
    said = ("坚持第一时间登记受理、第一时间转送承办单位和第一时间回复申请的“三个一”工作机制，对疑难申请采取专题会的方式，"
            "组织相关部门会商探讨，提升答复的针对性、规范性和严谨性。本年度全区共收到70件申请，及时依法依规办结70件。")
    assert not findings(received(said), "T3-6")
    assert findings(received("本年度全区共受理申请三个，及时依法依规办结。"), "T3-6")
    assert findings(received("本年度全区共收到71件申请。"), "T3-6")


def norms_2020(text):
    """平潭综合实验区 2020 (2019 tables): 规范性文件 本年新制作 77, 本年新公开 77, 对外公开总数 166."""
    r = clean_report("2019", year=2020, organ="平潭综合实验区", organ_type="市级政府")
    r.values.update({"t2.norms.made": 77, "t2.norms.published": 77, "t2.norms.public_total": 166})
    r.sections["一"].parts[1].text = text
    return r


def test_t2_6_documents_repealed_are_no_column_of_the_2019_table():
    said = ("（3）推进行政法规规章规范性文件专项清理工作。根据省政府部署，对区管委会全部规范性文件先后进行4次专项清理，"
            "分别涉及自贸区调整、不符合《优化营商环境条例》、野生动物保护以及不符合《民法典》精神等领域。"
            "经清理，已宣布废止规范性文件5件，拟适时修改3件，实现规范性文件动态管理。")
    assert norms_2020(said).format_id == "2019"
    assert not findings(norms_2020(said), "T2-6")
    assert findings(norms_2020("全年制发规范性文件78件。"), "T2-6")
    assert findings(norms_2020("全年共出台规范性文件5件。"), "T2-6")


def published(text):
    r = clean_report("2019", year=2020, organ="平潭综合实验区", organ_type="市级政府")
    r.sections["一"].intro.text = text
    return r


def test_d9_reads_a_list_the_report_puts_in_parentheses():
    # 平潭综合实验区 2020: the eleven kinds add up to 2603, the report says 2602
    said = ("全年我区政府信息公开单位共公布政府信息2602条(其中机构职能类信息82条，政策、规范性文件类信息80条，规划计划类信息21条，"
            "行政许可类信息40条，重大建设项目信息390条，为民办实事类信息69条，民政扶贫救灾社会保障就业类信息143条，"
            "国土资源城乡建设环保能源类信息208条，科教文体卫生类信息246条，安全生产、应急管理类信息271条，"
            "其他应主动公开政府信息1053条)，对于主动公开的政府信息，主要通过政府门户网站、政务新媒体、办公场所的LED屏及宣传栏、"
            "《平潭时报》、电视广播等媒介进行公开。")
    [f] = findings(published(said), "D9")
    assert (f.expected, f.actual) == (2602, 2603)
    assert not findings(published(said.replace("2602条", "2603条")), "D9")
    # a list nested in the parentheses is not judged (its inner parts would be read as more parts)
    assert not findings(published("共发布信息380条（其中预决算公开197条（政府预决算32条、部门预决算165条）、专项资金183条）。"), "D9")
    # numbers after the closing parenthesis belong to the next statement, not to the list
    assert not findings(published("共发布信息30条（其中通知10条、公告20条），另通过微信发布5条。"), "D9")


def norms_2023(text):
    """平潭综合实验区 2023 (2021 tables): 行政规范性文件 本年制发 77, 本年废止 132, 现行有效 470."""
    r = clean_report(year=2023, organ="平潭综合实验区", organ_type="市级政府")
    r.values.update({"t2.norms.issued": 77, "t2.norms.repealed": 132, "t2.norms.in_force": 470})
    r.sections["一"].parts[0].text = text
    return r


def test_t2_6_binds_each_count_to_the_column_named_last_before_it():
    said = ("一是做好规范性文件公开。按照省政府办公厅相关工作要求设立规范性文件库，清理并集中发布现行有效行政规范性文件393件，"
            "动态更新本年度制发的规范性文件77件。")
    [f] = findings(norms_2023(said), "T2-6")
    assert (f.expected, f.actual) == (470, 393) and f.cells[1:] == ("t2.norms.in_force",)
    assert not findings(norms_2023(said.replace("393件", "470件")), "T2-6")
    [f] = findings(norms_2023(said.replace("393件", "470件").replace("77件", "78件")), "T2-6")
    assert f.cells[1:] == ("t2.norms.issued",)
    # the 2022 report's sentence: both counts right
    assert not findings(norms_2023("集中公开现行有效行政规范性文件470件，动态更新本年度制发的规范性文件77件。"), "T2-6")


@pytest.mark.parametrize(("said", "changed", "rule", "expected"), [
    ("共收到政府信息公开申请154件", "共收到政府信息公开申请155件", "T3-6", 154),
    ("共办结148件", "共办结149件", "T3-9", 148),
    ("结转至2026年6件", "结转至2026年7件", "T3-10", 6),
    ("行政复议36起", "行政复议35起", "T4-3", 36),
    ("行政诉讼9起", "行政诉讼8起", "T4-3", 9),
])
def test_the_text_rules_read_a_whole_real_report_and_fire_once_a_number_is_wrong(said, changed, rule, expected):
    """平潭综合实验区 2025, silent as published: each count of its 一（二） held against its own cell."""
    report = load(FOLDER / "pingtan-2025.txt")
    assert not [f for f in check(report) if f.severity != "info"]
    part = report.sections["一"].parts[1]
    assert said in part.text
    part.text = part.text.replace(said, changed)
    [f] = [f for f in check(report) if f.severity != "info"]
    assert (f.rule, f.expected) == (rule, expected)


def self_named(organ, text):
    r = clean_report(year=2023, organ=organ, organ_type="镇")
    r.sections["一"].parts[1].text = text
    return r


def test_d4_a_town_level_organ_named_a_bureau_rightly_calls_itself_our_bureau():
    # 平潭综合实验区海坛片区管理局 2023: a 片区管理局 doing its area's 乡镇 work (entered as 镇) says 我局
    said = "规范依申请公开办理工作流程。2023年我局未收到依申请公开事宜。"
    assert not findings(self_named("平潭综合实验区海坛片区管理局", said), "D4")
    assert findings(self_named("平潭县潭城镇人民政府", said), "D4")


# 平潭综合实验区公安局 2022 (a department) and 苏平片区管理局 2022 (entered as 镇), both 2021 format, silent as
# published; the 苏平 text: “2022年共收到依申请公开1件，因政府信息依申请公开引起行政复议0件，行政诉讼0件”.
@pytest.mark.parametrize(("report_file", "part", "said", "changed", "rule"), [
    ("pingtan-gaj-2022.txt", 0, "我局收到政府信息公开申请1件", "我局收到政府信息公开申请3件", "T3-6"),
    ("pingtan-gaj-2022.txt", 0, "结转上年度政府信息公开申请1件", "结转上年度政府信息公开申请3件", "T3-8"),
    ("supin-pq-2022.txt", 1, "共收到依申请公开1件", "共收到依申请公开3件", "T3-6"),
    ("supin-pq-2022.txt", 1, "引起行政复议0件", "引起行政复议1件", "T4-3"),
    ("supin-pq-2022.txt", 1, "行政诉讼0件", "行政诉讼2件", "T4-3"),
])
def test_real_reports_are_silent_and_their_counts_are_held_against_the_tables(report_file, part, said, changed, rule):
    report = load(FOLDER / report_file)
    assert not [f for f in check(report) if f.severity != "info"]
    block = report.sections["一"].parts[part]
    assert said in block.text
    block.text = block.text.replace(said, changed)
    assert [f.rule for f in check(report) if f.severity != "info"] == [rule]


def test_d8_holds_the_text_against_last_years_not_the_opening_every_year_repeats():
    # 平潭综合实验区社会事业局 2023 against its 2022 report: the opening (依据, 六个部分, 统计期限, 联系方式) is 97 %
    # the same, the rest 36 %: no 内容雷同
    last, this = load(FOLDER / "pingtan-shs-2022.txt"), load(FOLDER / "pingtan-shs-2023.txt")
    assert not [f for f in check(this, last) if f.rule == "D8"]
    # the 2023 report with 2022's 一 and 五 copied over is
    for key in ("一", "五"):
        this.sections[key] = last.sections[key]
    [f] = [f for f in check(this, last) if f.rule == "D8"]
    assert f.actual > 0.5


def test_d9_reads_a_list_on_past_the_semicolons_that_separate_its_long_kinds():
    # 平潭综合实验区君山片区管理局 2023: 13+4+2+7 before the first “；”, 27, 42 and 65 after it: 160 in all
    said = ("持续深化政务信息公开工作，践行政务公开理念，全年主动公开信息数160条，其中机关职能类信息13条，行政许可类信息4条，"
            "财政预决算类信息2条，扶贫、教育、医疗、社会保障、促进就业类信息7条；突发公共事件应急预案类信息27条；"
            "环境保护、公共卫生、安全生产、食品药品、产品质量类信息42条；其他应主动公开的政府信息65条。")
    report = load(FOLDER / "junshan-pq-2023.txt")
    assert said in report.sections["一"].parts[0].text
    assert not findings(report, "D9")
    report.sections["一"].parts[0].text = said.replace("65条", "66条")
    [f] = findings(report, "D9")
    assert (f.expected, f.actual) == (160, 26)
