"""The core must never pull Qt in: it runs headless (CLI, batch checks) and under any UI."""
import pkgutil
import subprocess
import sys
from pathlib import Path

import gik_editor

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib.abc, importlib, pkgutil, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6', 'qtpy'):
            raise ImportError('Qt is not allowed in the core: ' + name)
sys.meta_path.insert(0, Block())
import gik_editor
for m in pkgutil.walk_packages(gik_editor.__path__, 'gik_editor.'):
    if m.name != 'gik_editor.__main__':
        importlib.import_module(m.name)
print('ok', len(sys.modules))
"""


def test_every_core_module_imports_with_qt_unavailable():
    out = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok")


def test_no_core_source_mentions_a_qt_import():
    for info in pkgutil.walk_packages(gik_editor.__path__, "gik_editor."):
        source = Path(info.module_finder.path, info.name.rsplit(".", 1)[-1] + ".py")
        if source.exists():
            text = source.read_text(encoding="utf-8")
            assert "import PySide6" not in text and "from PySide6" not in text, info.name
