"""Roll-up speed (issue 19): `rollup` over 200 unit reports mixed .gik/.docx/.html (target ≤ 30 s, with the
share of the time spent importing the .docx/.html shown) and over 1,000 .gik reports (target ≤ 5 s, the 综合
report and the review; with the --xlsx workbook of 1,000 rows per table apart), as the command line runs it. Every unit's text is the sample's with its own name: the worst case
for the comparison of texts between units (D8), since every unit is alike to every other."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measure import print_results  # noqa: E402

from gik_editor import storage  # noqa: E402
from gik_editor.exporters import docx, html  # noqa: E402
from gik_editor.rollup import read_unit  # noqa: E402

SAMPLE = ROOT / "examples" / "honghe-2020.gik"


def _units(folder: Path, n: int, mixed: bool) -> list[Path]:
    sample = storage.load(SAMPLE)
    folder.mkdir()
    files = []
    for i in range(n):
        report = sample.copy()
        report.meta.organ_name = f"第{i:04d}镇人民政府"
        kind = i % 3 if mixed else 0
        path = folder / f"{i:04d}{('.gik', '.docx', '.html')[kind]}"
        if kind == 0:
            storage.save(report, path)
        else:
            (docx if kind == 1 else html).export(report, path)
        files.append(path)
    return files


def _rollup(folder: Path, out: Path, workbook: bool = True) -> float:
    t = time.perf_counter()
    extra = ["--xlsx", str(out / "汇总.xlsx")] if workbook else []
    done = subprocess.run([sys.executable, "-m", "gik_editor", "rollup", str(folder), "-o", str(out / "综合.gik"),
                           *extra], cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    assert done.returncode in (0, 1), done.stderr
    return seconds


def run() -> dict:
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        mixed = _units(tmp / "mixed", 200, mixed=True)
        results["rollup_200_mixed_s"] = _rollup(tmp / "mixed", tmp)
        # the import share: the .docx and .html files read alone, in this process, as the roll-up reads them
        t = time.perf_counter()
        for path in mixed:
            if path.suffix != ".gik":
                read_unit(path)
        results["rollup_200_mixed_import_s"] = time.perf_counter() - t
        results["rollup_200_mixed_import_share"] = round(results["rollup_200_mixed_import_s"]
                                                         / results["rollup_200_mixed_s"], 2)
        _units(tmp / "gik", 1000, mixed=False)
        results["rollup_1000_gik_s"] = _rollup(tmp / "gik", tmp, workbook=False)
        results["rollup_1000_gik_with_workbook_s"] = _rollup(tmp / "gik", tmp)
    return results


if __name__ == "__main__":
    print_results(run())
