"""Answers to the window's questions, scripted by a test (passed as MainWindow(prompts=...)), and a record of
what the window said. A question nobody scripted an answer for fails the test."""
from __future__ import annotations

from pathlib import Path

import pytest


class ScriptedPrompts:
    def __init__(self) -> None:
        self.unsaved = "discard"            # what to do with unsaved changes
        self.overwrite: str | None = None   # the file changed on disk: 'overwrite', 'save_as' or 'cancel'
        self.confirms: bool | None = None   # the answer to every confirmation
        self.files: list[str] = []          # paths the file dialogs return, in order ('' = cancelled)
        self.open_exported = ""             # after an export: 'file', 'folder' or ''
        self.errors: list[str] = []
        self.logs: list[tuple[str, list[str]]] = []
        self.folded: list[list[str]] = []   # per log, the lines it keeps folded
        self.starts: list[str] = []         # where each file dialog started (a folder or a suggested file)
        self.asked: list[str] = []          # every question, in order
        self.rollup_source: tuple[str, str, int] | None = None   # 汇总下级单位报告: (folder, roster or "", year or 0)
        self.reasons: list[str | None] = []  # 标记为已核对: the reasons typed, in order (None = 取消)
        self.reason_asked: list[str] = []   # …and the message of each finding the reason was asked for

    def ask_unsaved(self, name: str) -> str:
        self.asked.append("unsaved")
        return self.unsaved

    def ask_overwrite(self, name: str) -> str:
        self.asked.append("overwrite")
        if self.overwrite is None:
            pytest.fail(f"asked whether to overwrite “{name}”, which nothing changed on disk")
        return self.overwrite

    def ask_rollup_source(self, start: str) -> tuple[str, str, int] | None:
        self.asked.append("rollup_source")
        return self.rollup_source

    def ask_review_reason(self, message: str) -> str | None:
        self.asked.append("review_reason")
        self.reason_asked.append(message)
        if not self.reasons:
            pytest.fail(f"unexpected question for a reason: {message}")
        return self.reasons.pop(0)

    def show_error(self, title: str, message: str) -> None:
        self.errors.append(message)

    def confirm(self, title: str, question: str, detail: str, ok_text: str) -> bool:
        self.asked.append("confirm")
        if self.confirms is None:
            pytest.fail(f"unexpected confirmation: {question}")
        return self.confirms

    def ask_file(self, kind: str, caption: str, file_filter: str, start: str) -> str:
        self.asked.append(f"file:{caption}")
        self.starts.append(start)
        if not self.files:
            pytest.fail(f"unexpected file dialog: {caption}")
        return self.files.pop(0)

    def show_log(self, title: str, summary: str, lines: list[str], folded: list[str] | None = None) -> None:
        self.logs.append((summary, lines))
        self.folded.append(folded or [])

    def ask_open_exported(self, path: Path) -> str:
        self.asked.append("open_exported")
        return self.open_exported
