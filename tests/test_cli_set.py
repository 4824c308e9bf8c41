"""python -m gik_editor set: a report changed on the command line as in the window, or refused untouched."""
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_editor import edits, storage
from gik_editor.cli import main
from gik_editor.formats import FORMATS, CellKind
from gik_editor.places import PlaceError, cell_places, find_cell, find_text
from gik_editor.report import new_report
from gik_editor.rules import check
from gik_editor.totals import all_values

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "honghe-2020.gik"
CHINESE = re.compile("[\u4e00-\u9fff]")


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "gik_editor", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=120)


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "洪合镇.gik"
    path.write_bytes(SAMPLE.read_bytes())
    return path


def test_set_through_the_real_command_writes_a_new_file_and_leaves_the_old_one(copy, tmp_path):
    out_file = tmp_path / "改后.gik"
    before = copy.read_bytes()
    out = run("set", copy, "-o", out_file, "t3.new.natural=7", "--meta", "联系电话=0573-83101234",
              "表三/予以公开/自然人=７", "--text", "六=本年度未收取信息处理费。", "--meta", "发布日期=2021年1月25日")
    assert out.returncode == 0, out.stderr.decode()
    assert copy.read_bytes() == before
    report = storage.load(out_file)
    assert (report.values["t3.new.natural"], report.values["t3.open.natural"]) == (7, 7)
    assert report.meta.phone == "0573-83101234" and report.meta.publish_date == "2021-01-25"
    assert report.sections["六"].intro.text == "本年度未收取信息处理费。"
    said = out.stdout.decode().splitlines()
    assert "表三 一、本年新收政府信息公开申请数量 × 自然人（t3.new.natural）：5 → 7" in said
    assert "发布日期：空 → 2021-01-25" in said
    assert said[-1] == f"已保存：{out_file}：0个错误，8个警告。"
    assert run("validate", out_file).returncode == 0


def test_the_editing_rules_of_the_window_hold(copy, capsys):
    report = storage.load(copy)
    report.review["t3.open.natural"] = "由2019年格式转入，请核对"
    block = report.sections["一"].parts[0]
    block.text, block.carried = "去年的第一段\n去年的第二段", ("去年的第一段", "去年的第二段")
    report.sections["五"].parts[0].text, report.sections["五"].parts[0].carried = "去年的问题", ("去年的问题",)
    storage.save(report, copy)
    rewritten = _file(copy, "去年的第一段\n今年的第二段\n")
    assert main(["set", str(copy), "--in-place", "予以公开/自然人=6", "--text-file", f"一.1={rewritten}",
                 "--confirm-carried", "五.1"]) == 1                      # the sums no longer add up: T3-1
    said = capsys.readouterr().out
    after = storage.load(copy)
    # the total printed in the imported report is dropped for every sum the cell is a part of, no other
    assert {"t3.open.total", "t3.total.natural", "t3.total.total"}.isdisjoint(after.printed)
    assert after.printed["t3.new.total"] == 5
    assert "（t3.open.total）：不再采用原报告印出的合计（5），改用计算的合计 6" in said
    assert "t3.open.natural" not in after.review and "去掉“需人工核对”标记" in said       # typed over: checked
    assert after.sections["一"].parts[0].carried_paragraphs() == ["去年的第一段"]        # the rewritten one is not
    assert after.sections["五"].parts[0].carried_paragraphs() == []
    assert "五、（一）存在的主要问题（五.1）：沿用上年的段落均已核对" in said
    assert "新出现的问题" in said and "T3-1" in said


def test_the_edit_is_the_windows_edit(copy):
    """The file written equals the report the window's edit makes (edits.set_cells of typed_values)."""
    expected = storage.load(copy)
    edits.set_cells(expected, edits.typed_values(expected, {"t3.open.natural": "1,000", "t2.license.delta": "－8"})
                    ).apply(expected)
    assert main(["set", str(copy), "--in-place", "t3.open.natural=1,000", "行政许可/本年增/减=－8"]) == 1
    assert storage.dumps(storage.load(copy)) == storage.dumps(expected)


def test_options_and_cells_may_come_in_any_order(copy, tmp_path):
    assert main(["set", "--meta", "拟稿人=张三", str(copy), "t3.new.natural=6", "--json", "予以公开/自然人=6",
                 "-o", str(tmp_path / "b.gik"), "t3.open.business=0"]) == 0
    report = storage.load(tmp_path / "b.gik")
    assert (report.values["t3.new.natural"], report.values["t3.open.business"], report.meta.drafter) == (6, 0, "张三")


@pytest.mark.parametrize(("args", "said"), [
    (["予以公开/自然人=abc"], "“abc”不是数字"),
    (["t3.open.natural=-1"], "数量不能为负数"),
    (["t3.open.total=3"], "合计由系统自动计算，不能填写"),
    (["t3.nothing=3"], "不是单元格"),
    (["其他/其他=1"], "可以指3个单元格"),
    (["t3.open.natural=1", "予以公开/自然人=2"], "写了两次"),
    (["t3.open.natural"], "写法不对"),
    (["--text", "七=无"], "不是正文的位置"),
    (["--text", "六.2=无"], "第六节没有分项"),
    (["--meta", "年度=2021"], "基本信息中没有“年度”这一项"),
    (["--meta", "报告年度=明年"], "应为2000至2100之间的四位数年份"),
    (["--meta", "发布日期=1月25日"], "不是日期"),
    (["--meta", "机关类型=乡镇"], "不在可选的类型中"),
    (["--meta", "机关全称=甲\n乙"], "换行"),
    (["--text-file", "一.1=不存在.txt"], "不存在.txt"),
    (["--confirm-carried", "前言"], "前言不会沿用"),
    (["--cells-file", "-", "--text-file", "六=-"], "标准输入（“-”）只能读一次"),
    (["--list"], "参数 --list 不能与 --in-place 同时使用"),
    (["t3.open.natural=1", "--meta", "机关全称=某镇", "--text", "六=无", "t3.new.natural=x"], "“x”不是数字"),
])
def test_bad_input_exits_2_in_chinese_and_touches_no_file(copy, capsys, args, said):
    before, stamp = copy.read_bytes(), os.stat(copy).st_mtime_ns
    assert main(["set", str(copy), "--in-place", *args]) == 2
    err = capsys.readouterr().err
    assert said in err and CHINESE.search(err) and "Traceback" not in err
    assert copy.read_bytes() == before and os.stat(copy).st_mtime_ns == stamp
    assert os.listdir(copy.parent) == [copy.name]           # no side file left behind either


@pytest.mark.parametrize(("args", "said"), [
    ([], "请指定修改结果保存到哪里"),
    (["-o", "{copy}"], "就是输入文件；要直接修改原文件，请用 --in-place"),
    (["-o", "{dir}/x.xlsx"], "应以 .gik 结尾"),
    (["--in-place", "-o", "{dir}/x.gik"], "不能与"),
    (["--dry-run"], None),
])
def test_where_to_write_must_be_said_and_never_is_the_input_by_mistake(copy, capsys, args, said):
    before = copy.read_bytes()
    code = main(["set", str(copy), "t3.open.natural=9",
                 *[a.format(copy=copy, dir=copy.parent) for a in args]])
    captured = capsys.readouterr()
    if said is None:                        # a dry run says what would change, and writes nothing
        assert code == 1 and "（试算，未保存）" in captured.out and "5 → 9" in captured.out
    else:
        assert code == 2 and said in captured.err
    assert copy.read_bytes() == before and os.listdir(copy.parent) == [copy.name]


def test_nothing_to_change_leaves_the_file_unwritten(copy, capsys):
    stamp = os.stat(copy).st_mtime_ns
    assert main(["set", str(copy), "--in-place", "t3.open.natural=5", "--meta", "机关全称=洪合镇"]) == 0
    out = capsys.readouterr().out
    assert "没有修改" in out and "（未改写）" in out and os.stat(copy).st_mtime_ns == stamp


def test_fill_zeros_is_the_windows_action_and_a_cell_written_beside_it_wins(copy, capsys):
    report = storage.load(copy)
    blank = [c.id for c in report.format.table("t3").cells if not c.computed and c.id not in report.values]
    assert main(["set", str(copy), "--in-place", "--fill-zeros", "表三", "t3.open.legal=/", "t3.open.business=2"]) == 1
    said = capsys.readouterr().out
    after = storage.load(copy)
    assert all(after.values[c] == 0 for c in blank if c not in ("t3.open.legal", "t3.open.business"))
    assert "t3.open.legal" not in after.values and after.values["t3.open.business"] == 2
    assert f"……另有{len(blank) - 1 - 20}处单元格的修改（--json 列出全部）" in said
    assert [f.cells for f in check(after) if f.rule == "D15" and f.cells[0].startswith("t3")] == [("t3.open.legal",)]
    assert main(["set", str(copy), "--in-place", "--fill-zeros", "表五"]) == 2
    assert "没有表格“表五”：可写表二、表三、表四或“全部”" in capsys.readouterr().err


def test_cells_from_a_file_of_two_columns_copied_from_excel(copy, tmp_path, capsys):
    cells = tmp_path / "单元格.txt"
    cells.write_bytes("# 依申请公开\r\nt3.new.natural\t9\r\n\r\n予以公开/自然人=9\r\n".encode("gbk"))
    assert main(["set", str(copy), "--in-place", "--cells-file", str(cells), "t3.open.business=0"]) == 0
    after = storage.load(copy)
    assert (after.values["t3.new.natural"], after.values["t3.open.natural"], after.values["t3.open.business"]) == (9, 9, 0)
    before = copy.read_bytes()
    cells.write_text("t3.new.natural=8\n表三/本机关不掌握/自然人=x\n", encoding="utf-8")
    assert main(["set", str(copy), "--in-place", "--cells-file", str(cells)]) == 2
    assert "文件“单元格.txt”第2行：单元格t3.unable_1.natural“1.本机关不掌握相关政府信息 × 自然人”：“x”不是数字" \
        in capsys.readouterr().err
    cells.write_text("t3.new.natural=8\n\nt3.new.natural\t7\n", encoding="utf-8")
    assert main(["set", str(copy), "--in-place", "--cells-file", str(cells)]) == 2
    assert "第3行：单元格t3.new.natural“一、本年新收政府信息公开申请数量 × 自然人”写了两次" in capsys.readouterr().err
    assert copy.read_bytes() == before


def test_text_from_a_file_in_gbk_or_utf8_with_windows_line_ends_or_from_stdin(copy, tmp_path):
    gbk = tmp_path / "问题.txt"
    gbk.write_bytes("一是公开不够及时。\r\n二是解读形式单一。\r\n".encode("gbk"))
    utf8 = tmp_path / "措施.txt"
    utf8.write_bytes("\ufeff加强培训。\n".encode())
    out = run("set", copy, "--in-place", "--text-file", f"五.1={gbk}", "--text-file", f"五.改进措施={utf8}",
              "--text-file", "前言=-", stdin="本报告根据《条例》编制。\n".encode())
    assert out.returncode == 0, out.stderr.decode()
    report = storage.load(copy)
    assert report.sections["五"].parts[0].text == "一是公开不够及时。\n二是解读形式单一。"
    assert report.sections["五"].parts[2].text == "加强培训。"
    assert report.preamble == "本报告根据《条例》编制。"
    binary = tmp_path / "图.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    refused = run("set", copy, "--in-place", "--text-file", f"五.1={binary}")
    assert refused.returncode == 2 and "不是文本文件" in refused.stderr.decode()


def test_list_names_every_cell_so_that_set_finds_it_by_those_words(copy, capsys):
    assert main(["set", str(copy), "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    fmt = storage.load(copy).format
    listed = [ln.split("\t") for ln in lines if ln.startswith("t")]
    assert [cid for cid, *_ in listed] == [p.id for p in cell_places(fmt)] and len(listed) == len(fmt.cells)
    for cid, where, _ in listed:
        assert find_cell(fmt, where) == cid
    assert ["t3.open.natural", "表三 （一）予以公开 × 自然人", "5"] in listed
    assert ["t3.open.total", "表三 （一）予以公开 × 总计", "5（合计）"] in listed
    assert "五.3\t五、（三）2021年进一步改进措施\t1段、207字" in lines
    assert "机关全称\t洪合镇" in lines
    assert main(["set", str(copy), "t3.open.natural=1", "--list"]) == 2
    assert "--list 只列出可以修改的内容，不能同时修改" in capsys.readouterr().err
    assert main(["set", str(copy), "--list", "t3.open.natural=1"]) == 2      # the edit after --list, too
    assert "--list 只列出可以修改的内容，不能同时修改" in capsys.readouterr().err
    assert main(["set", str(copy), "--list", "基本信息", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cells"] == [] and data["texts"] == [] and data["meta"][0] == {
        "label": "机关全称", "field": "organ_name", "value": "洪合镇"}


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_every_cell_is_found_by_its_id_and_by_its_words(format_id):
    fmt = FORMATS[format_id]
    for c in fmt.cells.values():
        section = fmt.table_of(c.id).section
        for words in (c.id, f"表{section}/{c.row_label}/{c.col_label}", f"{c.row_label} × {c.col_label}",
                      f"表{section}：{c.row_label}*{c.col_label}"):
            assert find_cell(fmt, words) == c.id, words
    report = new_report(format_id, fmt.first_year)
    assert find_text(report, "五.改进措施") == "text.五.3" and find_text(report, "一、（二）依申请公开情况") == "text.一.2"
    with pytest.raises(PlaceError, match="可以指"):
        find_cell(fmt, "公开/自然人")


def test_with_last_year_the_cross_year_rules_are_checked_too(copy, tmp_path, capsys):
    last = storage.load(copy)
    last.meta.year = 2019
    last.values["t3.carry_out.natural"] = 3         # three carried into 2020, which the 2020 report must show
    storage.save(last, tmp_path / "2019.gik")
    assert main(["set", str(copy), "--dry-run", "t3.carry_in.natural=2", "--last-year", str(tmp_path / "2019.gik")]) == 1
    assert "T3-5" in capsys.readouterr().out
    assert main(["set", str(copy), "--dry-run", "t3.carry_in.natural=3", "--last-year", str(tmp_path / "无.gik")]) == 2
    before = (tmp_path / "2019.gik").read_bytes()
    assert main(["set", str(copy), "-o", str(tmp_path / "2019.gik"), "t3.carry_in.natural=3",
                 "--last-year", str(tmp_path / "2019.gik")]) == 2
    assert "就是上年的报告" in capsys.readouterr().err and (tmp_path / "2019.gik").read_bytes() == before


def test_json_says_what_changed_and_what_the_check_found(copy, capsys):
    assert main(["set", str(copy), "--dry-run", "--json", "t3.carry_out.research=2"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["saved"] is False and data["output"] is None and data["errors"] == 2
    assert {"kind": "cell", "place": "t3.carry_out.research", "old": None, "new": 2,
            "name": "表三 四、结转下年度继续办理 × 科研机构"} in data["changes"]
    assert {f["rule"] for f in data["new_findings"]} == {"T3-1"}


def _file(copy, text):
    path = copy.parent.parent / "正文.txt"
    path.write_text(text, encoding="utf-8")
    return path


# ---- any typed text is the window's value or a refusal --------------------------------------------

KINDS = {kind: next(c.id for c in FORMATS["2019"].cells.values() if c.kind is kind)
         for kind in (CellKind.COUNT, CellKind.SIGNED, CellKind.MONEY)}
typed = st.one_of(st.text(st.characters(exclude_characters="\x00"), max_size=12),
                  st.from_regex(r"[ 　]*[-－+＋]?[0-9０-９,，]{0,9}([.。][0-9]{0,7})?[ 　]*", fullmatch=True))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(KINDS)), text=typed)
def test_any_typed_value_is_set_as_the_window_reads_it_or_refused_with_the_file_untouched(capsys, kind, text):
    cid = KINDS[kind]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.gik"
        path.write_bytes(SAMPLE.read_bytes())
        report = storage.load(path)
        try:
            value = edits.typed_values(report, {cid: text})[cid]
        except edits.TypedValueError:
            value = "refused"
        code = main(["set", str(path), "--in-place", f"{cid}={text}"])
        err = capsys.readouterr().err
        if value == "refused":
            assert code == 2 and CHINESE.search(err) and path.read_bytes() == SAMPLE.read_bytes()
        else:
            assert code in (0, 1), err
            after = storage.load(path)
            assert after.values.get(cid) == value
            assert all_values(after) == all_values(_window(report, cid, value))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_characters="\x00"), max_size=30))
def test_any_text_is_set_as_typed_or_refused_with_the_file_untouched(capsys, text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.gik"
        path.write_bytes(SAMPLE.read_bytes())
        code = main(["set", str(path), "--in-place", f"一.2={text}".replace("一.2=", "--text=一.2=", 1)])
        if code == 2:
            assert CHINESE.search(capsys.readouterr().err) and path.read_bytes() == SAMPLE.read_bytes()
        else:
            expected = text.replace("\r\n", "\n").replace("\r", "\n")
            assert storage.load(path).sections["一"].parts[1].text == expected
            assert not any(ch < " " and ch not in "\n\t" for ch in expected)


def _window(report, cid, value):
    edit = edits.set_cells(report, {cid: value})
    if edit is not None:
        edit.apply(report)
    return report
