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
