"""《中华人民共和国政府信息公开工作年度报告格式（试行）》(国办公开办函〔2019〕60号), reports 2019–2020."""

from .base import CellKind, Format
from .common import roles, sections, table2, table3, table4
from .roles import AtMost, Regulations, StartStock, TextCounts, UnitChoice

C, S, M = CellKind.COUNT, CellKind.SIGNED, CellKind.MONEY
ITEMS = [("prev", "上一年项目数量", C, ""), ("delta", "本年增/减", S, ""), ("decisions", "处理决定数量", C, "")]
ITEM_ROWS = ("license", "other_service", "penalty", "coercion", "fee")
DECISION_ROWS = ITEM_ROWS[:4]

ROLES = roles("T2o-1")._replace(
    regulations=Regulations("T2o-6", tuple(f"t2.rules.{c}" for c in ("made", "published", "public_total")),
                            "规章", "规范性文件"),
    start_stock=StartStock("T2o-1", "T2o-2", tuple((f"t2.{r}.prev", f"t2.{r}.delta") for r in ITEM_ROWS),
                           "T2o-4", tuple((f"t2.{r}.prev", f"t2.{r}.delta", f"t2.{r}.decisions")
                                          for r in DECISION_ROWS)),
    at_most=AtMost("T2o-3", tuple((f"t2.{r}.published", f"t2.{r}.public_total") for r in ("rules", "norms"))),
    unit_choice=UnitChoice("T2o-5", 100000),
    text_counts=TextCounts("T2-6", (("rules", ("规章",)), ("norms", ("规范性文件",))),
                           (("made", ("制作", "制定", "制发", "出台", "印发")),
                            ("public_total", ("累计", "总数", "共公开")), ("published", ("新公开",)))),
)

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
    roles=ROLES,
    title="2019年试行格式",
    short="2019年格式",
)
