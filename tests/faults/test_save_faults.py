"""A save that is interrupted, refused or starved of disk never costs the clerk the file they had."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gik_editor import storage
from gik_editor.storage import GikFileError

ROOT = Path(__file__).resolve().parents[2]

# Saves two different versions of a report to the same file as fast as it can, until killed.
SAVER = """
import sys
sys.path.insert(0, {root!r})
from gik_editor import storage
a = storage.load({sample!r})
b = a.copy()
b.values["t3.new.natural"] = 6
b.sections["一"].intro.text = "修改后的文字" * 2000      # a larger file: more time inside each write
print("ready", flush=True)
i = 0
while True:
    storage.save(a if i % 2 else b, {target!r})
    i += 1
"""


@pytest.mark.slow
def test_kill_during_save_always_leaves_a_complete_file(sample, tmp_path):
    sample_path = ROOT / "examples" / "honghe-2020.gik"
    target = tmp_path / "report.gik"
    storage.save(sample, target)
    other = sample.copy()
    other.values["t3.new.natural"] = 6
    other.sections["一"].intro.text = "修改后的文字" * 2000
    rng = random.Random(20261125)
    trials, intact = 50, 0
    for _ in range(trials):
        proc = subprocess.Popen([sys.executable, "-c", SAVER.format(root=str(ROOT), sample=str(sample_path),
                                                                    target=str(target))],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        loaded = storage.load(target)          # never truncated: always loads …
        intact += loaded in (sample, other)    # … and is one of the two complete versions
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "report.gik"]
    print(f"\nkill-during-save: {intact}/{trials} intact; stray side files: {len(leftovers)}")
    assert intact == trials
    assert len(leftovers) <= 1
    storage.save(sample, target)               # the next save takes the stray file away
    assert [p.name for p in tmp_path.iterdir()] == ["report.gik"]


SMALL_LIMIT_SAVE = """
import resource, signal, sys
sys.path.insert(0, {root!r})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)     # report EFBIG instead of dying, like a full disk
from gik_editor import storage
report = storage.load({sample!r})
report.sections["一"].intro.text = "很长的文字" * 20000
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    storage.save(report, {target!r})
except storage.GikFileError as e:
    print(e)
    sys.exit(3)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX resource limits")
def test_full_disk_gives_a_clear_message_and_keeps_the_old_file(sample, tmp_path):
    target = tmp_path / "report.gik"
    storage.save(sample, target)
    before = target.read_bytes()
    out = subprocess.run([sys.executable, "-c", SMALL_LIMIT_SAVE.format(
        root=str(ROOT), sample=str(ROOT / "examples" / "honghe-2020.gik"), target=str(target))],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 3, out.stderr
    assert "磁盘空间不足" in out.stdout or "文件过大" in out.stdout
    assert "Traceback" not in out.stderr
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.gik"]


def test_read_only_folder_message(sample, tmp_path, monkeypatch):
    """As root a chmod does not bite, so refuse the side file the way a read-only folder would."""
    real_open = os.open

    def refuse(path, *a, **k):
        if str(path).endswith(".saving"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(GikFileError, match="没有权限"):
        storage.save(sample, tmp_path / "r.gik")


def test_file_locked_underneath(sample, tmp_path, monkeypatch):
    """Windows refuses to replace a file another program holds open."""
    target = tmp_path / "r.gik"
    storage.save(sample, target)

    def locked(*a, **k):
        raise PermissionError(13, "The process cannot access the file because it is being used")
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(GikFileError, match="被其他程序占用"):
        storage.save(sample, target)
    monkeypatch.undo()
    assert storage.load(target) == sample
    assert [p.name for p in tmp_path.iterdir()] == ["r.gik"]


def test_folder_deleted_underneath(sample, tmp_path):
    folder = tmp_path / "gone"
    folder.mkdir()
    storage.save(sample, folder / "r.gik")
    (folder / "r.gik").unlink()
    folder.rmdir()
    with pytest.raises(GikFileError, match="不存在"):
        storage.save(sample, folder / "r.gik")
