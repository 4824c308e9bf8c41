"""A made-up 2031 revision of the 2021 format: one renamed table-二 column, one more table-三 result row.

Pure data, written the way a real revision would be added in gik_editor/formats/: the shared
builders, the 2021 roles (the rules bind to the new cells through them), its own years.
"""
from gik_editor.formats.base import CellKind, Format
from gik_editor.formats.common import sections, table2, table3, table4
from gik_editor.formats.fmt2021 import DECISIONS, OTHER_PARTS, ROLES

C, M = CellKind.COUNT, CellKind.MONEY
RENAMED = "本年新制发件数"             # was 本年制发件数
NEW_ROW = ("other_4", "（六）其他处理", "4.申请人主动撤回申请")

FORMAT = Format(
    id="2031",
    name="中华人民共和国政府信息公开工作年度报告格式（2031年修订）",
    basis="国办公开办函〔2030〕99号",
    first_year=2031,
    last_year=None,
    sections=sections(OTHER_PARTS),
    tables=(
        table2([
            ("第二十条第（一）项",
             [("issued", RENAMED, C, ""), ("repealed", "本年废止件数", C, ""), ("in_force", "现行有效件数", C, "")],
             [("rules", "规章"), ("norms", "行政规范性文件")]),
            ("第二十条第（五）项", DECISIONS, [("license", "行政许可")]),
            ("第二十条第（六）项", DECISIONS, [("penalty", "行政处罚"), ("coercion", "行政强制")]),
            ("第二十条第（八）项", [("amount", "本年收费金额（单位：万元）", M, "万元")], [("fee", "行政事业性收费")]),
        ]),
        table3((
            ("other_1", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("other_2", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other_3", "（六）其他处理", "3.其他"),
            NEW_ROW,
        )),
        table4(),
    ),
    roles=ROLES,
    title="2031年修订版格式",
    short="2031年格式",
)
