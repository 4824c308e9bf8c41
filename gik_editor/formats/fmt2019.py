"""《中华人民共和国政府信息公开工作年度报告格式（试行）》(国办公开办函〔2019〕60号), reports 2019–2020."""
from .base import CellKind, Format
from .common import sections, table2, table3, table4

C, S, M = CellKind.COUNT, CellKind.SIGNED, CellKind.MONEY
ITEMS = [("prev", "上一年项目数量", C, ""), ("delta", "本年增/减", S, ""), ("decisions", "处理决定数量", C, "")]

FORMAT = Format(
    id="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    basis="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=sections(()),
    tables=(
        table2([
            ("第二十条第（一）项",
             [("made", "本年新制作数量", C, ""), ("published", "本年新公开数量", C, ""),
              ("public_total", "对外公开总数量", C, "")],
             [("rules", "规章"), ("norms", "规范性文件")]),
            ("第二十条第（五）项", ITEMS, [("license", "行政许可"), ("other_service", "其他对外管理服务事项")]),
            ("第二十条第（六）项", ITEMS, [("penalty", "行政处罚"), ("coercion", "行政强制")]),
            ("第二十条第（八）项", ITEMS[:2], [("fee", "行政事业性收费")]),
            ("第二十条第（九）项", [("count", "采购项目数量", C, ""), ("amount", "采购总金额", M, "")],
             [("procurement", "政府集中采购")]),
        ]),
        table3((("other", "（六）其他处理", ""),)),
        table4(),
    ),
)
