"""Recovery copies: what the clerk typed survives a crash or a power cut.

Every open window writes its own copy (a fresh id per window, so windows and
files never overwrite each other's) to <AppDataLocation>/recovery about a second
after a change, and holds a QLockFile next to it while it lives. At start-up a
copy whose lock is free belongs to an editor that died: it is offered back.
A clean save, a deliberate discard or a normal close removes the copy.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

from gik_editor import storage
from gik_editor.report import Report
from gik_editor.storage import GikFileError

from .report_doc import ReportDocument

DELAY_MS = 1000             # well inside the promise: nothing older than 2 s is lost
SUFFIX = ".recovery"
KIND = "gik_editor-recovery"


def recovery_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path.with_suffix(".lock")))
    # Only a dead owner makes a lock stale; a live editor may leave its copy untouched for hours.
    lock.setStaleLockTime(0)
    return lock


class Autosaver(QObject):
    """Writes the recovery copy of one document; `failed(message)` when it cannot (read-only disk…)."""

    failed = Signal(str)

    def __init__(self, doc: ReportDocument, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.folder = folder or recovery_folder()
        self.path = self.folder / f"{os.urandom(16).hex()}{SUFFIX}"   # (uuid costs start-up time)
        self._lock: QLockFile | None = None
        self._failed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.write_now)
        doc.changed.connect(self._schedule)
        doc.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _schedule(self) -> None:
        # `changed` comes while the undo stack is still pushing, before it knows it is no longer clean:
        # whether there is anything to write is decided when the timer fires.
        if not self._timer.isActive():
            # Not restarted on every keystroke: steady typing must still be written within the delay.
            self._timer.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

    def write_now(self) -> None:
        self._timer.stop()
        if not self.doc.is_modified():
            self.discard()
            return
        payload = {
            "kind": KIND,
            "version": 1,
            "original": str(self.doc.path) if self.doc.path else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
            "report": storage.to_dict(self.doc.report),
        }
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)     # copies of reports: the user's only
            if self._lock is None:
                self._lock = _lock(self.path)
                self._lock.tryLock(0)
            storage.write_atomic(self.path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), private=True)
            self._failed = False
        except (GikFileError, OSError) as e:
            if not self._failed:        # say it once, not on every keystroke
                self._failed = True
                self.failed.emit(f"无法保存恢复副本（{e}），请尽快手动保存。")

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def discard(self) -> None:
        """The copy is no longer needed (saved, discarded on purpose, or back to the saved state)."""
        self._timer.stop()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        """The window closes normally: remove the copy and free its lock."""
        self.discard()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


@dataclass
class Recovery:
    """A recovery copy left behind by an editor that did not close normally."""
    path: Path
    report: Report
    original: Path | None
    saved_at: str
    lock: QLockFile

    @property
    def name(self) -> str:
        return self.original.name if self.original else (self.report.display_title or "未保存的新报告")

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        self.release()

    def release(self) -> None:
        """Leave the copy for a later start."""
        self.lock.unlock()


def find_orphans(folder: Path | None = None) -> list[Recovery]:
    """Recovery copies whose editor is gone, newest first. Their locks are held until discard()/release()."""
    folder = folder or recovery_folder()
    found: list[Recovery] = []
    try:
        paths = sorted(folder.glob(f"*{SUFFIX}"))
    except OSError:
        return []
    for path in paths:
        lock = _lock(path)
        if not lock.tryLock(0):
            continue                    # a running editor owns it
        try:
            raw = storage.json_loads(path.read_text("utf-8"))
            if not isinstance(raw, dict) or raw.get("kind") != KIND:
                raise GikFileError("不是恢复副本")
            report = storage.from_dict(raw.get("report"), path.name)
            original = raw.get("original")
            found.append(Recovery(path, report, Path(original) if isinstance(original, str) else None,
                                  str(raw.get("saved_at", "")), lock))
        except (OSError, ValueError, GikFileError) as e:
            # An unreadable copy is left where it is for a person to look at, never deleted.
            print(f"恢复副本“{path}”无法读取：{e}", file=sys.stderr)
            lock.unlock()
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found
