"""The print order and printed cell texts every exporter shares."""
from gik_editor.document import Heading, Paragraph, TableBlock, Title, blocks, cell_texts


def test_blocks_of_the_sample_in_official_order(sample):
    got = blocks(sample)
    assert got[0] == Title("洪合镇2020年度政府信息公开工作年度报告")
    assert [b.text for b in got if isinstance(b, Heading)][0] == "一、总体情况"
    assert [b.table.id for b in got if isinstance(b, TableBlock)] == ["t2", "t3", "t4"]
    leads = [b.lead for b in got if isinstance(b, Paragraph) and b.lead]
    assert leads[0] == "（一）主动公开情况。" and leads[-1] == "（三）2021年进一步改进措施。"


def test_cell_texts_keep_blanks_blank_and_name_the_chosen_unit(sample):
    texts = cell_texts(sample)
    assert texts["t3.new.total"] == "5" and texts["t3.deny_1.natural"] == ""
    assert texts["t2.license.delta"] == "-233"
    assert texts["t2.procurement.amount"] == "49966945.1"
    sample.money_unit = "元"
    assert cell_texts(sample)["t2.procurement.amount"] == "49966945.1元"
