"""Labels and layout builders shared by both official formats.

Every label is verbatim from reference/format.md: full-width brackets, ASCII
"1." and "/", curly quotes “”.
"""
from __future__ import annotations

from .base import CellKind, CellSpec, GridCell, Role, Section, Sum, Table, TextPart
from .roles import Applications, CarryOver, Identity, Roles

SECTION_TITLES = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
SECTION_KEYS = tuple(SECTION_TITLES)

OVERVIEW_PARTS = (
    TextPart("active", "（一）主动公开情况"),
    TextPart("request", "（二）依申请公开情况"),
    TextPart("management", "（三）政府信息管理情况"),
    TextPart("platform", "（四）平台建设情况"),
    TextPart("supervision", "（五）监督保障情况"),
)
PROBLEM_PARTS = (
    TextPart("problems", "（一）存在的主要问题"),
    TextPart("improved", "（二）{year}年改进情况"),
    TextPart("plan", "（三）{next_year}年进一步改进措施"),
)

# ---- table 二 -----------------------------------------------------------------
T2_FIRST_HEADER = "信息内容"


def table2(blocks: list[tuple[str, list[tuple[str, str, CellKind, str]], list[tuple[str, str]]]]) -> Table:
    """Table 二: blocks of (title, [(col key, header, kind, unit)], [(row key, label)]).

    A block with one value column spans it over the three data columns (2021);
    a block with two leaves its 4th column blank (2019 （八）/（九）).
    """
    grid: list[GridCell] = []
    cells: list[CellSpec] = []
    r = 0
    for title, cols, rows in blocks:
        grid.append(GridCell(r, 0, Role.TITLE, title, colspan=4))
        r += 1
        grid.append(GridCell(r, 0, Role.HEADER, T2_FIRST_HEADER))
        span = 3 if len(cols) == 1 else 1
        for i, (_, header, _, _) in enumerate(cols):
            grid.append(GridCell(r, 1 + i, Role.HEADER, header, colspan=span))
        if len(cols) == 2:
            grid.append(GridCell(r, 3, Role.BLANK))
        r += 1
        for row_key, label in rows:
            grid.append(GridCell(r, 0, Role.LABEL, label))
            for i, (col_key, header, kind, unit) in enumerate(cols):
                cid = f"t2.{row_key}.{col_key}"
                cells.append(CellSpec(cid, kind, label, header, unit))
                grid.append(GridCell(r, 1 + i, Role.DATA, cell_id=cid, colspan=span))
            if len(cols) == 2:
                grid.append(GridCell(r, 3, Role.BLANK))
            r += 1
    return Table("t2", "二", r, 4, header_rows=0, grid=tuple(grid), cells=tuple(cells), label_cols=1)


# ---- table 三 -----------------------------------------------------------------
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEADER_TOP = "申请人情况"
T3_COL_GROUP = "法人或其他组织"
T3_COLS = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("welfare", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T3_PARTS = tuple(k for k, _ in T3_COLS[:-1])
T3_ROW_NEW = ("new", "一、本年新收政府信息公开申请数量")
T3_ROW_CARRY_IN = ("carry_in", "二、上年结转政府信息公开申请数量")
T3_RESULTS_GROUP = "三、本年度办理结果"
# (row key, level-2 label, level-3 label or "")
T3_LEAVES_COMMON = (
    ("open", "（一）予以公开", ""),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("deny_1", "（三）不予公开", "1.属于国家秘密"),
    ("deny_2", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("deny_3", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("deny_4", "（三）不予公开", "4.保护第三方合法权益"),
    ("deny_5", "（三）不予公开", "5.属于三类内部事务信息"),
    ("deny_6", "（三）不予公开", "6.属于四类过程性信息"),
    ("deny_7", "（三）不予公开", "7.属于行政执法案卷"),
    ("deny_8", "（三）不予公开", "8.属于行政查询事项"),
    ("unable_1", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable_2", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable_3", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("reject_1", "（五）不予处理", "1.信访举报投诉类申请"),
    ("reject_2", "（五）不予处理", "2.重复申请"),
    ("reject_3", "（五）不予处理", "3.要求提供公开出版物"),
    ("reject_4", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("reject_5", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
)
T3_ROW_TOTAL = ("total", "（七）总计")
T3_ROW_CARRY_OUT = ("carry_out", "四、结转下年度继续办理")


def table3(other_leaves: tuple[tuple[str, str, str], ...]) -> Table:
    leaves = T3_LEAVES_COMMON + other_leaves
    grid: list[GridCell] = [
        GridCell(0, 0, Role.NOTE, T3_NOTE, rowspan=3, colspan=3),
        GridCell(0, 3, Role.HEADER, T3_HEADER_TOP, colspan=7),
        GridCell(1, 3, Role.HEADER, T3_COLS[0][1], rowspan=2),
        GridCell(1, 4, Role.HEADER, T3_COL_GROUP, colspan=5),
        GridCell(1, 9, Role.HEADER, T3_COLS[6][1], rowspan=2),
    ]
    grid += [GridCell(2, 4 + i, Role.HEADER, label) for i, (_, label) in enumerate(T3_COLS[1:6])]
    cells: list[CellSpec] = []

    def data_row(r: int, key: str, label: str) -> None:
        for i, (col, col_label) in enumerate(T3_COLS):
            cid = f"t3.{key}.{col}"
            kind = CellKind.TOTAL if (col == "total" or key == "total") else CellKind.COUNT
            cells.append(CellSpec(cid, kind, label, col_label))
            grid.append(GridCell(r, 3 + i, Role.DATA, cell_id=cid))

    r = 3
    for key, label in (T3_ROW_NEW, T3_ROW_CARRY_IN):
        grid.append(GridCell(r, 0, Role.LABEL, label, colspan=3))
        data_row(r, key, label)
        r += 1
    first_result = r
    groups: dict[str, int] = {}
    for _, l2, l3 in leaves:
        groups[l2] = groups.get(l2, 0) + 1
    seen: set[str] = set()
    for key, l2, l3 in leaves:
        if l3:
            if l2 not in seen:
                grid.append(GridCell(r, 1, Role.LABEL, l2, rowspan=groups[l2]))
                seen.add(l2)
            grid.append(GridCell(r, 2, Role.LABEL, l3))
        else:
            grid.append(GridCell(r, 1, Role.LABEL, l2, colspan=2))
        data_row(r, key, l3 or l2)
        r += 1
    grid.append(GridCell(r, 1, Role.LABEL, T3_ROW_TOTAL[1], colspan=2))
    data_row(r, *T3_ROW_TOTAL)
    r += 1
    grid.append(GridCell(first_result, 0, Role.LABEL, T3_RESULTS_GROUP, rowspan=r - first_result))
    grid.append(GridCell(r, 0, Role.LABEL, T3_ROW_CARRY_OUT[1], colspan=3))
    data_row(r, *T3_ROW_CARRY_OUT)
    r += 1

    row_keys = [T3_ROW_NEW[0], T3_ROW_CARRY_IN[0]] + [k for k, _, _ in leaves] + ["total", "carry_out"]
    sums = [Sum(f"t3.total.{c}", tuple(f"t3.{k}.{c}" for k, _, _ in leaves), "T3-2") for c in T3_PARTS]
    sums += [Sum(f"t3.{k}.total", tuple(f"t3.{k}.{c}" for c in T3_PARTS), "T3-3") for k in row_keys]
    return Table("t3", "三", r, 10, header_rows=3, grid=tuple(grid), cells=tuple(cells),
                 sums=tuple(sums), label_cols=3)


# ---- table 四 -----------------------------------------------------------------
T4_REVIEW = "行政复议"
T4_SUIT = "行政诉讼"
T4_GROUPS = (("review", "行政复议"), ("direct", "未经复议直接起诉"), ("after", "复议后起诉"))
T4_COLS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
           ("pending", "尚未审结"), ("total", "总计"))


def table4() -> Table:
    grid: list[GridCell] = [
        GridCell(0, 0, Role.HEADER, T4_REVIEW, colspan=5),
        GridCell(0, 5, Role.HEADER, T4_SUIT, colspan=10),
    ]
    grid += [GridCell(1, i, Role.HEADER, label, rowspan=2) for i, (_, label) in enumerate(T4_COLS)]
    grid += [GridCell(1, 5, Role.HEADER, T4_GROUPS[1][1], colspan=5),
             GridCell(1, 10, Role.HEADER, T4_GROUPS[2][1], colspan=5)]
    grid += [GridCell(2, 5 + g * 5 + i, Role.HEADER, label)
             for g in range(2) for i, (_, label) in enumerate(T4_COLS)]
    cells: list[CellSpec] = []
    sums: list[Sum] = []
    for g, (group, group_label) in enumerate(T4_GROUPS):
        for i, (col, col_label) in enumerate(T4_COLS):
            cid = f"t4.{group}.{col}"
            kind = CellKind.TOTAL if col == "total" else CellKind.COUNT
            cells.append(CellSpec(cid, kind, group_label, col_label))
            grid.append(GridCell(3, g * 5 + i, Role.DATA, cell_id=cid))
        sums.append(Sum(f"t4.{group}.total", tuple(f"t4.{group}.{c}" for c, _ in T4_COLS[:4]), "T4-1"))
    return Table("t4", "四", 4, 15, header_rows=3, grid=tuple(grid), cells=tuple(cells),
                 sums=tuple(sums), label_cols=0)


def sections(other_parts: tuple[TextPart, ...]) -> tuple[Section, ...]:
    return (
        Section("一", SECTION_TITLES["一"], OVERVIEW_PARTS),
        Section("二", SECTION_TITLES["二"], table="t2"),
        Section("三", SECTION_TITLES["三"], table="t3"),
        Section("四", SECTION_TITLES["四"], table="t4"),
        Section("五", SECTION_TITLES["五"], PROBLEM_PARTS),
        Section("六", SECTION_TITLES["六"], other_parts),
    )


# ---- roles in the rules shared by both formats ----------------------------------------------------
T3_CARRY_IN_NAME = "二、上年结转"


def roles(kind_rule_t2: str) -> Roles:
    """The roles of tables 三 and 四 (the same in both formats); a format adds its own roles of table 二."""
    new, carry_in, done, carry_out = (k for k, _ in (T3_ROW_NEW, T3_ROW_CARRY_IN, T3_ROW_TOTAL, T3_ROW_CARRY_OUT))
    identities = tuple(
        Identity("T3-1", f"表三“{label}”列", (f"t3.{new}.{col}", f"t3.{carry_in}.{col}"),
                 (f"t3.{done}.{col}", f"t3.{carry_out}.{col}"),
                 "第一项加第二项", f"第三项“{T3_ROW_TOTAL[1]}”加第四项")
        for col, label in T3_COLS)
    carry = CarryOver("T3-5", tuple((label, f"t3.{carry_in}.{col}", f"t3.{carry_out}.{col}") for col, label in T3_COLS),
                      T3_CARRY_IN_NAME, T3_ROW_CARRY_OUT[1],
                      tuple((f"t3.{carry_in}.{col}", f"t3.{carry_out}.{col}") for col in T3_PARTS))
    return Roles(
        identities=identities,
        applications=Applications(f"t3.{new}.total", f"t3.{carry_in}.total", f"t3.{done}.total",
                                  f"t3.{carry_out}.total"),
        carry=carry,
        cases=(("复议", ("t4.review.total",)), ("诉讼", ("t4.direct.total", "t4.after.total"))),
        kind_rules=(("t2", kind_rule_t2), ("t3", "T3-4"), ("t4", "T4-2")),
        zero_tables=("t3", "t4"),
        identity_note=f"表三每一列都要满足：第一项 + 第二项 = 第三项（{T3_ROW_TOTAL[1]}）+ 第四项。",
    )
