"""batch: every importable report in a folder is checked, whatever form the office keeps it in."""
import shutil
from pathlib import Path

from gik_editor import storage
from gik_editor.batch import check_folder, summary_line
from gik_editor.cli import main
from gik_editor.exporters import xlsx

PUBLISHED = Path(__file__).resolve().parent / "data" / "published"


def test_batch_reads_every_importable_file(sample, tmp_path, capsys):
    storage.save(sample, tmp_path / "a.gik")
    for name in ("honghe-2020.docx", "honghe-2020.html", "shiqiao-2022.txt"):
        shutil.copy(PUBLISHED / name, tmp_path / name)
    xlsx.export(sample, tmp_path / "e.xlsx")
    (tmp_path / "~$honghe-2020.docx").write_bytes(b"\x00lock")      # Word's lock file: not a report
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")                  # not a report format: not listed
    results = check_folder(tmp_path)
    names = [Path(r.file).name for r in results]
    assert names == ["a.gik", "e.xlsx", "honghe-2020.docx", "honghe-2020.html", "shiqiao-2022.txt"]
    assert not any(r.unusable for r in results)
    assert [r.organ for r in results] == ["洪合镇"] * 4 + ["石桥镇人民政府"]
    assert [r.year for r in results][:4] == [2020] * 4 and results[4].year == 2022
    assert summary_line(results).startswith("共5份报告")


def test_batch_does_not_read_its_own_results_workbook(sample, tmp_path, capsys):
    storage.save(sample, tmp_path / "a.gik")
    out = tmp_path / "结果.xlsx"
    assert main(["batch", str(tmp_path), "--xlsx", str(out)]) == 0
    assert main(["batch", str(tmp_path), "--xlsx", str(out)]) == 0      # run again: the workbook is no report
    assert capsys.readouterr().out.splitlines()[-2] == "共1份报告：1份通过，0份有错误，0份无法读取。"


def test_d8_between_units_names_the_unit_whose_report_was_copied(sample, tmp_path):
    """Issue 17 / format.md §4.7 D8: two units' reports of one year alike by more than half."""
    from gik_editor.batch import check_folder
    copied = sample.copy()
    copied.meta.organ_name = "某某镇"
    other = sample.copy()
    other.meta.organ_name = "另一镇"
    for section in other.sections.values():
        for i, block in enumerate(section.blocks()):
            block.text = "".join(f"第{i}段第{n}句写的是另一镇本年度的工作。" for n in range(len(block.text) // 12))
    other.preamble = ""
    storage.save(sample, tmp_path / "a.gik")
    storage.save(copied, tmp_path / "b.gik")
    storage.save(other, tmp_path / "c.gik")
    results = {Path(r.file).name: r for r in check_folder(tmp_path, details=True)}
    alike = {name: [f for f in r.findings if f[1] == "D8"] for name, r in results.items()}
    assert len(alike["a.gik"]) == 1 and "某某镇" in alike["a.gik"][0][3]
    assert len(alike["b.gik"]) == 1 and "洪合镇" in alike["b.gik"][0][3] and "100%" in alike["b.gik"][0][3]
    assert alike["c.gik"] == []
    plain = {Path(r.file).name: r for r in check_folder(tmp_path)}
    assert plain["a.gik"].warnings == results["a.gik"].warnings
