"""The official formats as data: labels verbatim (reference/format.md Appendix A) and a sound layout."""
import pytest

from gik_editor.formats import FORMAT_2019, FORMAT_2021, FORMATS, CellKind, Role, format_for_year

SECTION_TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_LEAVES = ["（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
             "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
             "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
             "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
             "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
             "5.要求行政机关确认或重新出具已获取信息"]
T3_OTHER_2021 = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                 "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]


def texts(table, role=None):
    return [g.text for g in sorted(table.grid, key=lambda g: (g.row, g.col)) if role is None or g.role is role]


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=lambda f: f.id)
def test_grid_covers_every_position_once(fmt):
    for table in fmt.tables:
        seen = {}
        for g in table.grid:
            for r in range(g.row, g.row + g.rowspan):
                for c in range(g.col, g.col + g.colspan):
                    assert (r, c) not in seen, (table.id, r, c)
                    seen[r, c] = g
        assert len(seen) == table.n_rows * table.n_cols
        data = [g.cell_id for g in table.grid if g.role is Role.DATA]
        assert sorted(data) == sorted(c.id for c in table.cells)


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=lambda f: f.id)
def test_sums_target_computed_cells_and_read_inputs_or_earlier_totals(fmt):
    for table in fmt.tables:
        done = set()
        for s in table.sums:
            assert fmt.cells[s.target].kind is CellKind.TOTAL
            for p in s.parts:
                assert not fmt.cells[p].computed or p in done, (s.target, p)
            done.add(s.target)
        computed = {c.id for c in table.cells if c.computed}
        assert computed == done


def test_section_titles_and_table3_labels_verbatim():
    for fmt in (FORMAT_2019, FORMAT_2021):
        assert [s.title for s in fmt.sections] == SECTION_TITLES
        t3 = fmt.table("t3")
        assert texts(t3, Role.NOTE) == [T3_NOTE]
        assert texts(t3, Role.HEADER) == ["申请人情况", "自然人", "法人或其他组织", "总计",
                                          "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
        labels = texts(t3, Role.LABEL)
        assert labels[:3] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果"]
        assert labels[-1] == "四、结转下年度继续办理"
        assert labels[-2] == "（七）总计"
        for leaf in T3_LEAVES:
            assert leaf in labels
    assert "（六）其他处理" in texts(FORMAT_2019.table("t3"), Role.LABEL)
    assert all(x in texts(FORMAT_2021.table("t3"), Role.LABEL) for x in T3_OTHER_2021)
    # 20 result rows in 2019, 22 in 2021 under the merged 三、本年度办理结果
    for fmt, span in ((FORMAT_2019, 20), (FORMAT_2021, 22)):
        group = next(g for g in fmt.table("t3").grid if g.text == "三、本年度办理结果")
        assert group.rowspan == span


def test_table2_labels_verbatim():
    t2019 = texts(FORMAT_2019.table("t2"))
    for label in ("第二十条第（一）项", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "规范性文件",
                  "第二十条第（五）项", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可",
                  "其他对外管理服务事项", "第二十条第（六）项", "行政处罚", "行政强制", "第二十条第（八）项",
                  "行政事业性收费", "第二十条第（九）项", "采购项目数量", "采购总金额", "政府集中采购"):
        assert label in t2019
    t2021 = texts(FORMAT_2021.table("t2"))
    for label in ("本年制发件数", "本年废止件数", "现行有效件数", "行政规范性文件", "本年处理决定数量",
                  "本年收费金额（单位：万元）"):
        assert label in t2021
    assert "政府集中采购" not in t2021 and "其他对外管理服务事项" not in t2021
    assert FORMAT_2021.cells["t2.fee.amount"].kind is CellKind.MONEY
    assert FORMAT_2021.cells["t2.fee.amount"].unit == "万元"
    assert FORMAT_2019.cells["t2.license.delta"].kind is CellKind.SIGNED


def test_table4_headers():
    for fmt in (FORMAT_2019, FORMAT_2021):
        t4 = fmt.table("t4")
        assert texts(t4, Role.HEADER)[:2] == ["行政复议", "行政诉讼"]
        assert texts(t4, Role.HEADER).count("结果维持") == 3
        assert {g.text for g in t4.grid} >= {"未经复议直接起诉", "复议后起诉", "尚未审结", "总计"}
        assert len(t4.cells) == 15 and t4.label_cols == 0


def test_format_for_year():
    assert format_for_year(2019) is FORMAT_2019 and format_for_year(2020) is FORMAT_2019
    assert format_for_year(2021) is FORMAT_2021 and format_for_year(2030) is FORMAT_2021
