"""A save that is interrupted, refused or starved of disk never costs the clerk the file they had."""
import os
import random
import signal
import stat
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
    leftovers = [p for p in tmp_path.iterdir() if p.name != "report.gik"]
    print(f"\nkill-during-save: {intact}/{trials} intact; stray side files: {len(leftovers)}")
    assert intact == trials
    assert all(p.name.startswith(".report.gik.") and p.name.endswith(".saving") for p in leftovers)
    stale = time.time() - storage.STALE_SIDE_FILE_SECONDS - 1
    for p in leftovers:                        # as they will be a few seconds later
        os.utime(p, (stale, stale))
    storage.save(sample, target)               # the next save takes the stray files away
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


@pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0, reason="mounting a tmpfs needs root on POSIX")
def test_full_disk_on_a_real_small_tmpfs_keeps_the_old_file(sample, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("mount not permitted here (the RLIMIT_FSIZE test above covers a full disk)")
    try:
        target = disk / "report.gik"
        storage.save(sample, target)
        before = target.read_bytes()
        big = sample.copy()
        big.sections["一"].intro.text = "很长的文字" * 20000           # ~300 kB: cannot fit in 64 kB
        with pytest.raises(GikFileError, match="磁盘空间不足"):
            storage.save(big, target)
        assert target.read_bytes() == before
        assert [p.name for p in disk.iterdir()] == ["report.gik"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


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


# ---- F1–F5: the side file, symlinks, modes, concurrent saves --------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs POSIX symlinks")
def test_a_planted_side_file_symlink_is_never_followed(sample, tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("别人的文件")
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "r.gik"
    storage.save(sample, target)
    for name in (".r.gik.saving", ".r.gik.x.saving"):     # the old fixed name, and one like ours
        (shared / name).symlink_to(elsewhere)
        stale = time.time() - 3600
        os.utime(shared / name, (stale, stale), follow_symlinks=False)
    changed = sample.copy()
    changed.values["t3.new.natural"] = 7
    storage.save(changed, target)
    assert elsewhere.read_text() == "别人的文件"
    assert storage.load(target) == changed
    assert sorted(p.name for p in shared.iterdir()) == [".r.gik.saving", ".r.gik.x.saving", "r.gik"]
    assert all((shared / n).is_symlink() for n in (".r.gik.saving", ".r.gik.x.saving"))


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs POSIX symlinks")
def test_saving_to_a_symlink_writes_through_to_its_target(sample, tmp_path):
    real = tmp_path / "real" / "r.gik"
    real.parent.mkdir()
    storage.save(sample, real)
    link = tmp_path / "link.gik"
    link.symlink_to(real)
    changed = sample.copy()
    changed.title = "改过的标题"
    storage.save(changed, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert storage.load(real) == changed
    assert [p.name for p in real.parent.iterdir()] == ["r.gik"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_save_keeps_the_mode_and_new_files_follow_the_umask(sample, tmp_path):
    target = tmp_path / "r.gik"
    storage.save(sample, target)
    os.chmod(target, 0o600)
    storage.save(sample, target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    os.chmod(target, 0o640)
    storage.save(sample, target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    fresh = tmp_path / "new.gik"
    storage.save(sample, fresh)
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o666 & ~storage._UMASK
    private = tmp_path / "copy.gik"
    storage.save(sample, private, private=True)
    assert stat.S_IMODE(os.stat(private).st_mode) == 0o600


# Two of these save different versions of the same file in a loop; the parent reads it all the while.
RACER = """
import sys
sys.path.insert(0, {root!r})
from gik_editor import storage
report = storage.load({sample!r})
report.sections["一"].intro.text = {text!r} * 20000
report.values["t3.new.natural"] = {n}
for _ in range({rounds}):
    storage.save(report, {target!r})
print("done", flush=True)
"""


def test_two_processes_saving_one_file_never_leave_a_broken_file(sample, tmp_path):
    target = tmp_path / "r.gik"
    storage.save(sample, target)
    procs = [subprocess.Popen([sys.executable, "-c", RACER.format(
        root=str(ROOT), sample=str(ROOT / "examples" / "honghe-2020.gik"), target=str(target),
        text=text, n=n, rounds=60)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for text, n in (("甲", 1), ("乙", 2))]
    reads = 0
    while any(p.poll() is None for p in procs):
        report = storage.load(target)             # never truncated, never a mix of the two
        text = report.sections["一"].intro.text
        assert report == sample or (text, report.values["t3.new.natural"]) in (("甲" * 20000, 1), ("乙" * 20000, 2))
        reads += 1
    for p in procs:
        out, err = p.communicate()
        assert p.returncode == 0 and out.strip() == "done", err
    final = storage.load(target)
    assert final.values["t3.new.natural"] in (1, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["r.gik"]
    print(f"\ntwo savers x 60 saves: {reads} reads in between, all whole reports")


BIG_SAVER = """
import sys
sys.path.insert(0, {root!r})
from gik_editor import storage
report = storage.load({sample!r})
report.sections["一"].intro.text = "大" * 190_000
for key in ("二", "三", "四", "五", "六"):
    report.sections[key].intro.text = "文" * 190_000
for i in range(2, 14):
    report.sections["一"].parts.append(type(report.sections["一"].intro)(f"（{{i}}）", "字" * 190_000))
data = storage.dumps(report).encode()
assert len(data) > 10_000_000, len(data)
print("ready", flush=True)
while True:
    storage.save(report, {target!r})
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_kill_9_during_the_save_of_a_10_mb_report(sample, tmp_path):
    target = tmp_path / "big.gik"
    storage.save(sample, target)
    rng = random.Random(15)
    outcomes = {"old": 0, "new": 0}
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", BIG_SAVER.format(
            root=str(ROOT), sample=str(ROOT / "examples" / "honghe-2020.gik"), target=str(target))],
            stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        report = storage.load(target)              # whole: the sample or the 10 MB report
        outcomes["old" if report == sample else "new"] += 1
        if report != sample:
            assert len(report.sections["二"].intro.text) == 190_000
    halfway = sum(p.name.startswith(".big.gik.") for p in tmp_path.iterdir())
    print(f"\nkill -9 during a 10 MB save: {outcomes}, {halfway} killed while writing (side file left)")
    assert sum(outcomes.values()) == 8
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".big.gik.")] == ["big.gik"]
