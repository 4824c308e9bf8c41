"""Reports that mix the formats table by table: each table is read by its own layout, and one printed in the
2019 layout inside a 2021-era report is converted the way the 2019 → 2021 migration converts it."""
from clean_reports import as_printed

from gik_editor.document import cell_texts
from gik_editor.exporters import html
from gik_editor.formats import FORMAT_2019, FORMAT_2021
from gik_editor.importers import read_any
from gik_editor.report import new_report
from gik_editor.rules import check
from gik_editor.totals import compute_totals


def report_2023():
    report = new_report("2021", 2023, "某某县审计局", "县级部门")
    report.values = {"t2.rules.issued": 2, "t2.norms.in_force": 14, "t2.license.decisions": 56,
                     "t3.new.natural": 9, "t3.new.business": 2, "t3.open.natural": 5, "t3.open.business": 1,
                     "t3.carry_out.natural": 1, "t4.review.upheld": 1}
    report.sections["一"].intro.text = "本年度工作稳步推进。"
    return report


def page_with_table(report, fmt, values: dict[str, int | str]) -> str:
    """The report's web page with one table replaced by the same-numbered table of `fmt`, filled with `values`."""
    page = html.render(report)
    source = new_report(fmt.id, 2020)
    source.values = dict(values)
    texts = cell_texts(source)
    section = values and next(iter(values)).split(".")[0]
    table = fmt.table(section)
    begin = page.index("<div", page.index(table.section + "、"))
    end = page.index("</table>", begin) + len("</table>\n</div>")
    return page[:begin] + html.table_html(table, texts) + page[end:]


def test_2019_table_three_with_its_single_other_row_in_a_2021_report(tmp_path):
    report = report_2023()
    old_t3 = {c: v for c, v in report.values.items() if c.startswith("t3.")}
    old_t3.update({"t3.other.natural": 2, "t3.other.business": 1})            # the 2019 （六）其他处理 row
    path = tmp_path / "mixed.html"
    path.write_text(page_with_table(report, FORMAT_2019, old_t3), encoding="utf-8")
    result = read_any(path)
    imported = result.report
    assert imported.format_id == FORMAT_2021.id
    expected = dict(report.values, **{"t3.other_3.natural": 2, "t3.other_3.business": 1})
    assert imported.values == expected
    assert set(imported.review) == {"t3.other_3.natural", "t3.other_3.business"}
    assert "（六）其他处理" in imported.review["t3.other_3.natural"] and "需人工核对" in imported.review["t3.other_3.natural"]
    assert any(line.startswith("表三是按2019年格式的栏目印的") for line in result.log)
    assert not any("没有对应的单元格" in line for line in result.log)
    assert imported.printed["t3.total.natural"] == compute_totals(imported)["t3.total.natural"] == 7
    assert not printed_totals_disagreeing(imported)          # its printed totals agree


def test_2019_table_two_in_a_2021_report_is_migrated(tmp_path):
    report = report_2023()
    old_t2 = {"t2.rules.made": 2, "t2.rules.published": 1, "t2.rules.public_total": 30, "t2.license.prev": 50,
              "t2.license.delta": 6, "t2.license.decisions": 56}
    path = tmp_path / "mixed.html"
    path.write_text(page_with_table(report, FORMAT_2019, old_t2), encoding="utf-8")
    result = read_any(path)
    imported = result.report
    assert imported.format_id == FORMAT_2021.id and imported.meta.year == 2023
    assert imported.values["t2.rules.issued"] == 2 and "需人工核对" in imported.review["t2.rules.issued"]
    assert imported.values["t2.license.decisions"] == 56
    assert not any(c.startswith("t2.") and c not in FORMAT_2021.cells for c in imported.values)
    assert {c: v for c, v in imported.values.items() if c.startswith(("t3.", "t4."))} == {
        c: v for c, v in report.values.items() if c.startswith(("t3.", "t4."))}
    assert any(line.startswith("表二是按2019年格式的栏目印的") for line in result.log)
    assert any("未转入" in line and "30" in line for line in result.log)          # nothing dropped silently


def test_a_2021_table_in_a_2021_report_is_not_touched(tmp_path):
    report = report_2023()
    path = tmp_path / "r.html"
    html.export(report, path)
    result = read_any(path)
    expected = as_printed(report)
    expected.printed = compute_totals(report)
    assert result.report == expected and not result.report.review
    assert not any("栏目印的" in line for line in result.log)


def printed_totals_disagreeing(report):
    """The findings about a total printed in the imported report that its parts do not give (T3-2, T3-3, T4-1)."""
    sum_rules = {s.rule for table in report.format.tables for s in table.sums}
    return [f for f in check(report) if f.rule in sum_rules]
