"""2019 trial format → 2021 revision, as a table (reference/format.md §5).

Table 三 and 四 are compatible cell by cell (same ids), except that the single 2019 （六）其他处理 row
became three rows; table 二 was redesigned, so most of its 2019 cells have no counterpart.
"""
from .common import T3_PARTS
from .migrations import Citation, Migration, Move

APPROXIMATE = ("需人工核对：由2019年格式“{name}”（{value}）转入；"
               "“本年新制作数量”与“本年制发件数”口径不完全相同。")
OTHER = ("需人工核对：由2019年格式“（六）其他处理”（{value}）整体转入“3.其他”；"
         "其中因申请人无正当理由逾期不补正而不再处理的，请移到“1.”行。")
PUBLIC_TOTAL = "口径与2021年格式的“现行有效件数”不同，未自动填入，可供参考"

MIGRATION = Migration(
    source="2019",
    target="2021",
    moves=(
        # related but not the same concept, so pre-filled and flagged
        Move("t2.rules.made", "t2.rules.issued", APPROXIMATE),
        Move("t2.norms.made", "t2.norms.issued", APPROXIMATE),
        # the whole （六）其他处理 goes to 3.其他; the clerk may move part of it to 1.
        *(Move(f"t3.other.{col}", f"t3.other_3.{col}", OTHER) for col in T3_PARTS),
    ),
    hints=(("t2.rules.public_total", PUBLIC_TOTAL), ("t2.norms.public_total", PUBLIC_TOTAL)),
    citations=(
        Citation(r"国办公开办函\s*[〔［\[（(【]\s*2019\s*[〕］\]）)】]\s*60\s*号", "国办公开办函〔2021〕30号"),
        Citation(r"年度报告格式\s*[（(]\s*试行\s*[）)]", "年度报告格式"),
    ),
    added_parts_note="“六、其他需要报告的事项”已加入2021年格式的分项，请填写信息处理费收取等情况。",
    carry_note="表三“（六）其他处理”分为1.、2.、3.三行；“六、其他需要报告的事项”应说明信息处理费收取等情况。",
)
