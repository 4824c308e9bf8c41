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
