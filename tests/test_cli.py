"""python -m gik_editor: what a script or a clerk at a console sees, and the exit codes."""
import json
import os
import subprocess
import sys
from pathlib import Path

from gik_editor import storage
from gik_editor.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "honghe-2020.gik"


def run(*args):
    return subprocess.run([sys.executable, "-m", "gik_editor", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_validate_sample_passes_with_the_known_warnings():
    out = run("validate", SAMPLE)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert any("D3" in ln and "2020年，我局" in ln for ln in lines)
    assert any("D4" in ln and "我局" in ln for ln in lines)
    assert any("D4" in ln and "审计" in ln for ln in lines)
    assert any("T2o-4" in ln for ln in lines)
    assert any("D6" in ln and "2019年浙江省政务公开工作要点" in ln for ln in lines)
    assert lines[-1].endswith("0个错误，7个警告。")      # T4-3 on the unmentioned case is a hint


def test_broken_identity_exits_1_naming_exactly_that_column(sample, tmp_path):
    sample.printed = {}                             # only the computed totals count
    sample.values["t3.carry_out.research"] = 2      # carried out without having come in
    path = tmp_path / "broken.gik"
    storage.save(sample, path)
    out = run("validate", path, "--json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert data["errors"] == 2                      # the 科研机构 column and the 总计 column
    t31 = [f for f in data["findings"] if f["rule"] == "T3-1"]
    assert sorted(tuple(f["cells"]) for f in t31) == [
        ("t3.new.research", "t3.carry_in.research", "t3.total.research", "t3.carry_out.research"),
        ("t3.new.total", "t3.carry_in.total", "t3.total.total", "t3.carry_out.total")]
    research = next(f for f in t31 if "research" in f["cells"][0])
    assert (research["expected"], research["actual"], research["severity"]) == (0, 2, "error")
    text = run("validate", path)
    assert text.returncode == 1
    line = next(li for li in text.stdout.splitlines() if "科研机构" in li)
    assert line.startswith("错误：") and line.endswith("（规则 T3-1）") and "t3." not in line


def test_validate_with_last_year(sample, tmp_path):
    this = sample.copy()
    this.meta.year = 2021
    this.values["t3.carry_in.natural"] = 1
    storage.save(this, tmp_path / "this.gik")
    out = run("validate", tmp_path / "this.gik", "--last-year", SAMPLE, "--json")
    rules = {f["rule"] for f in json.loads(out.stdout)["findings"]}
    assert "T3-5" in rules and "D1" in rules


def test_unusable_input_exits_2_with_a_message_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.gik"
    bad.write_bytes(b"\x89PNG\r\n")
    for args in (("validate", bad), ("validate", tmp_path / "missing.gik"), ("frobnicate",),
                 ("export", SAMPLE), ("import", bad, "-o", tmp_path / "x.gik")):
        out = run(*args)
        assert out.returncode == 2, args
        assert out.stderr.strip() and "Traceback" not in out.stderr, args


def test_wrong_arguments_and_help_are_said_in_chinese(capsys):
    wrong = {("valdate", "x.gik"): "命令中没有“valdate”，可选：",
             ("export",): "缺少必需的参数：file",
             ("export", "a.gik", "--pdf"): "参数 --pdf 后面需要一个值",
             ("new", "--from", "a.gik", "--year", "明年", "-o", "b.gik"): "参数 --year 的值“明年”不是整数",
             ("validate", "a.gik", "b.gik"): "无法识别的参数：b.gik",
             ("validate", "--json=yes", "a.gik"): "参数 --json 不带值，却写了“yes”"}
    for args, said in wrong.items():
        assert main(list(args)) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("用法：") and f"错误：{said}" in err, (args, err)
    assert main(["-h"]) == 0
    help_text = capsys.readouterr().out
    assert "用法：gik_editor" in help_text and "显示此帮助并退出" in help_text and "显示版本号并退出" in help_text
    assert main(["export", "-h"]) == 0
    help_text = capsys.readouterr().out
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in help_text


def test_a_format_that_cannot_be_made_does_not_stop_the_others(sample, tmp_path):
    sample.sections["六"].intro.text = "无😀"            # no Chinese font has this: the PDF is refused
    source = tmp_path / "emoji.gik"
    storage.save(sample, source)
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("pdf", "xlsx", "docx", "html")}
    out = run("export", source, *[a for fmt, path in outs.items() for a in (f"--{fmt}", path)])
    assert out.returncode == 2
    assert "U+1F600" in out.stderr and "Traceback" not in out.stderr
    assert not outs["pdf"].exists()
    assert all(outs[fmt].stat().st_size > 0 for fmt in ("xlsx", "docx", "html"))


def test_batch_reports_every_file(sample, tmp_path, capsys):
    storage.save(sample, tmp_path / "a.gik")
    broken = sample.copy()
    broken.printed = {}
    broken.values["t3.new.legal"] = 1
    storage.save(broken, tmp_path / "b.gik")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.gik").write_text("{}", encoding="utf-8")
    assert main(["batch", str(tmp_path)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[-1] == "共3份报告：1份通过，1份有错误，1份无法读取。"
    assert main(["batch", str(tmp_path), "--json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert [d["errors"] for d in data] == [0, 2, 0] and data[2]["unusable"]
    # The same as a workbook: a row per report, a row per finding.
    from openpyxl import load_workbook
    out = tmp_path / "结果.xlsx"
    assert main(["batch", str(tmp_path), "--xlsx", str(out)]) == 2
    assert capsys.readouterr().out.splitlines()[-1] == f"检查结果已写入：{out}"
    book = load_workbook(out)
    rows = list(book["报告"].iter_rows(values_only=True))
    assert rows[0][:6] == ("文件", "机关", "年度", "结果", "错误", "警告")
    assert [r[3] for r in rows[1:]] == ["通过", "有错误", "无法读取"]
    assert rows[2][4] == 2 and rows[2][6] == "T3-1" and rows[3][7]
    details = list(book["问题明细"].iter_rows(values_only=True))
    assert details[0][-1] == "规则"                        # the rule id last: the message is what a clerk reads
    assert ("错误", "T3-1") in {(r[2], r[5]) for r in details}
    assert any(r[3] == "表三 一、本年新收政府信息公开申请数量 × 法律服务机构" for r in details)
    assert sum(r[2] != "提示" for r in details[1:]) == sum(r[4] + r[5] for r in rows[1:3])
    assert main(["batch", str(tmp_path), "--xlsx", str(tmp_path / "无此文件夹" / "x.xlsx")]) == 2
    assert "无法" in capsys.readouterr().err


def test_main_py_knows_every_subcommand():
    from gik_editor.cli import COMMANDS
    from gik_editor.commands import COMMAND_NAMES
    assert tuple(COMMANDS) == COMMAND_NAMES
    out = subprocess.run([sys.executable, "main.py", "validate", str(SAMPLE)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "0个错误" in out.stdout
    # A mistyped command is answered by the command line, not by a window that cannot find a file "valdate".
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    out = subprocess.run([sys.executable, "main.py", "valdate", str(SAMPLE)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "命令中没有“valdate”，可选：'validate'" in out.stderr


def test_version_is_the_one_the_package_and_the_bundle_carry():
    import importlib.metadata

    from gik_editor.version import VERSION
    assert importlib.metadata.version("gik-editor") == VERSION       # pyproject reads it from version.py
    for command in ([sys.executable, "-m", "gik_editor", "--version"], [sys.executable, "main.py", "--version"]):
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert (out.returncode, out.stdout.strip()) == (0, f"政府信息公开年报编辑器 {VERSION}")


def test_export_of_a_report_with_errors_writes_the_files_says_the_errors_and_exits_1(sample, tmp_path):
    sample.printed = {}
    sample.values["t3.carry_out.research"] = 2      # two T3-1 errors: 科研机构 and 总计
    source = tmp_path / "broken.gik"
    storage.save(sample, source)
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("xlsx", "docx", "html")}
    out = run("export", source, *[a for fmt, path in outs.items() for a in (f"--{fmt}", path)])
    assert out.returncode == 1, out.stderr
    assert all(path.stat().st_size > 0 for path in outs.values())
    assert out.stdout.count("已导出") == 3
    errors = [ln for ln in out.stderr.splitlines() if ln.startswith("错误：") and ln.endswith("（规则 T3-1）")]
    assert len(errors) == 2 and any("科研机构" in ln for ln in errors)
    assert out.stderr.splitlines()[-1].endswith("有2个错误，已照原样导出；改正后请重新导出。")
    assert "Traceback" not in out.stderr
    # a clean report still exits 0 and says nothing on stderr
    clean = run("export", SAMPLE, "--html", tmp_path / "clean.html")
    assert clean.returncode == 0 and not clean.stderr


def test_a_finding_line_is_the_message_then_the_rule_id():
    """Issue 17: the message in the clerk's words first, the rule id after it; the cell ids only in --json."""
    from gik_editor.cli import finding_line
    from gik_editor.findings import Finding
    line = finding_line(Finding("T3-1", "error", ("t3.total.natural",), 3, 4, "表三“自然人”列不平衡，请核对。"))
    assert line == "错误：表三“自然人”列不平衡，请核对。（规则 T3-1）"


def test_validate_with_every_error_marked_reviewed_exits_0_and_says_so(sample, tmp_path):
    """Issue 17: a reviewer's 已核对 mark takes a finding out of the counts; validate lists it apart."""
    from gik_editor import reviews
    from gik_editor.rules import check
    from gik_editor.totals import compute_totals
    sample.printed = {}
    sample.values["t3.carry_out.research"] = 2          # two T3-1 errors
    values = {**sample.values, **compute_totals(sample)}
    for f in check(sample):
        if f.severity == "error":
            reviews.mark(sample, f, "上年结转的申请由科研机构提出，已核实", values).apply(sample)
    path = tmp_path / "reviewed.gik"
    storage.save(sample, path)
    out = run("validate", path)
    assert out.returncode == 0, out.stdout
    lines = out.stdout.splitlines()
    assert lines[-1] == "所有错误均已标记为已核对，检查通过。"
    assert "0个错误" in lines[-2] and "其中2个错误已由审核人确认" in lines[-2]
    assert sum("已核对：上年结转的申请由科研机构提出" in ln for ln in lines) == 2
    data = json.loads(run("validate", path, "--json").stdout)
    assert data["errors"] == 0 and data["reviewed_errors"] == 2
    assert all(f["reviewed"] is False for f in data["findings"])
    assert [f["reason"] for f in data["reviewed_findings"]] == ["上年结转的申请由科研机构提出，已核实"] * 2
    # the cells change: the mark no longer covers them, the errors are open again
    sample.values["t3.carry_out.research"] = 3
    storage.save(sample, path)
    assert run("validate", path).returncode == 1
