"""What the slimming leaves out of every bundle is not needed: with each excluded module made unimportable
the sample is exported to all four formats and imported back from each; of pdfminer's CMaps the Chinese
ones stay."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_slimming  # noqa: E402

ROUND_TRIP = r"""
import importlib.abc, json, sys
excluded = set(json.loads(sys.argv[1]))

class Excluded(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == e or name.startswith(e + ".") for e in excluded):
            raise ImportError(f"{name} is left out of the bundle")
        return None

sys.meta_path.insert(0, Excluded())
from gik_editor import cli
out = sys.argv[2]
assert cli.main(["export", "examples/honghe-2020.gik", "--pdf", out + "/r.pdf", "--docx", out + "/r.docx",
                 "--xlsx", out + "/r.xlsx", "--html", out + "/r.html"]) == 0
for kind in ("pdf", "docx", "xlsx", "html"):
    assert cli.main(["import", f"{out}/r.{kind}", "-o", f"{out}/{kind}.gik"]) == 0, kind
"""


def test_the_sample_exports_and_imports_back_without_the_excluded_modules(tmp_path):
    done = subprocess.run([sys.executable, "-c", ROUND_TRIP, json.dumps(bundle_slimming.EXCLUDED_MODULES),
                           str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    sample = json.loads((ROOT / "examples" / "honghe-2020.gik").read_text(encoding="utf-8"))
    for kind in ("pdf", "docx", "xlsx", "html"):
        back = json.loads((tmp_path / f"{kind}.gik").read_text(encoding="utf-8"))
        assert back["values"] == sample["values"], kind


def test_pdfminer_keeps_the_chinese_cmaps_only():
    kept = ["GB-EUC-H.json.gz", "GBK-EUC-H.json.gz", "UniGB-UCS2-H.json.gz", "UniGB-UTF16-V.json.gz",
            "to-unicode-Adobe-GB1.json.gz", "README.txt"]
    dropped = ["UniJIS-UCS2-H.json.gz", "90ms-RKSJ-H.json.gz", "H.json.gz", "KSC-EUC-H.json.gz",
               "UniKS-UTF16-H.json.gz", "B5pc-H.json.gz", "UniCNS-UCS2-H.json.gz", "HKscs-B5-H.json.gz",
               "to-unicode-Adobe-Japan1.json.gz", "to-unicode-Adobe-Korea1.json.gz", "to-unicode-Adobe-CNS1.json.gz"]
    for name in kept:
        assert bundle_slimming._keep_data("pdfminer/cmap/" + name), name
        assert bundle_slimming._keep_data("pdfminer\\cmap\\" + name), name
    for name in dropped:
        assert not bundle_slimming._keep_data("pdfminer/cmap/" + name), name
