"""《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号), reports from 2021 on."""

from .base import CellKind, Format, TextPart
from .common import roles, sections, table2, table3, table4
from .roles import EndStock, MoneyLimit, Regulations, RequiredText, TextCounts

C, M = CellKind.COUNT, CellKind.MONEY
DECISIONS = [("decisions", "本年处理决定数量", C, "")]

OTHER_PARTS = (
    TextPart("fee", "（一）收取信息处理费情况"),
    TextPart("tasks", "（二）落实上级年度政务公开工作要点情况"),
    TextPart("proposals", "（三）人大代表建议和政协提案办理结果公开情况"),
    TextPart("innovation", "（四）年度政务公开工作创新情况"),
)

ROLES = roles("T2-1")._replace(
    regulations=Regulations("T2-4", tuple(f"t2.rules.{c}" for c in ("issued", "repealed", "in_force")),
                            "规章", "规范性文件"),
    end_stock=EndStock("T2-3", "T2-2", tuple((f"t2.{r}.issued", f"t2.{r}.repealed", f"t2.{r}.in_force")
                                             for r in ("rules", "norms"))),
    money_limits=(MoneyLimit("T2-5", "t2.fee.amount", "本年收费金额", "万元", 100000, 1000),),
    required_text=(RequiredText("D5", "六", ("处理费",),
                                "“六、其他需要报告的事项”没有说明信息处理费的收取情况，2021年起的年报必须写明。"
                                "请在“（一）收取信息处理费情况”中补写，未收取的写“本年度未收取信息处理费”。"),),
    text_counts=TextCounts("T2-6", (("rules", ("规章",)), ("norms", ("规范性文件",))),
                           (("issued", ("制发", "制定", "出台", "印发", "发布")), ("repealed", ("废止",)),
                            ("in_force", ("现行有效",)))),
)

FORMAT = Format(
    id="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    basis="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=sections(OTHER_PARTS),
    tables=(
        table2([
            ("第二十条第（一）项",
             [("issued", "本年制发件数", C, ""), ("repealed", "本年废止件数", C, ""),
              ("in_force", "现行有效件数", C, "")],
             [("rules", "规章"), ("norms", "行政规范性文件")]),
            ("第二十条第（五）项", DECISIONS, [("license", "行政许可")]),
            ("第二十条第（六）项", DECISIONS, [("penalty", "行政处罚"), ("coercion", "行政强制")]),
            ("第二十条第（八）项", [("amount", "本年收费金额（单位：万元）", M, "万元")], [("fee", "行政事业性收费")]),
        ]),
        table3((
            ("other_1", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("other_2", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other_3", "（六）其他处理", "3.其他"),
        )),
        table4(),
    ),
    roles=ROLES,
    title="2021年修订版格式",
    short="2021年格式",
)
