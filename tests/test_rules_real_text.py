"""Sentences of the whole real reports in data/published/real that a rule once misread: each stays silent
on the real sentence, and still fires on the bad case next to it."""
from clean_reports import clean_report

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
