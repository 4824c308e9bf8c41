"""The drafted preamble: the basis of the report's own format, its year, six parts, and only the contacts given."""
from gik_editor.carryover import new_from_last_year
from gik_editor.preamble import draft_preamble
from gik_editor.rules import check


def preamble_findings(report):
    return [f for f in check(report) if f.rule in ("D3", "D6", "D7") and not f.cells]


def test_a_2019_format_report_cites_its_own_notice_and_year(sample):
    sample.meta.organ_name = "洪合镇人民政府"
    sample.preamble = draft_preamble(sample)
    text = sample.preamble
    assert "（国办公开办函〔2019〕60号）" in text and "〈中华人民共和国政府信息公开工作年度报告格式（试行）〉" in text
    assert "自2020年1月1日起至2020年12月31日止" in text
    assert "政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成" in text
    assert "查阅和下载" not in text and "联系" not in text          # nothing filled in: nothing said
    assert preamble_findings(sample) == []


def test_next_years_report_cites_the_2021_notice_and_the_contacts_given(sample):
    report = new_from_last_year(sample)
    report.meta.website = "http://www.example.gov.cn"
    report.meta.phone = "0573-83311111"
    report.meta.email = "gk@example.gov.cn"
    report.preamble = draft_preamble(report)
    text = report.preamble
    assert "（国办公开办函〔2021〕30号）" in text and "〔2019〕" not in text
    assert "自2021年1月1日起至2021年12月31日止" in text
    assert "本报告电子版可在http://www.example.gov.cn查阅和下载。" in text
    assert text.endswith(f"请与{report.meta.organ_name}联系（电话：0573-83311111；电子邮箱：gk@example.gov.cn）。")
    assert preamble_findings(report) == []
