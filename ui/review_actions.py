"""What a clerk can do with one finding, wherever it is shown: 标记为已核对… (with a reason), 取消已核对, and
以0填充空白单元格 for the 提示 about blank cells.

The problems panel's menu, the finding tip at a cell or paragraph (ui/finding_tip.py) and a cell's context
menu all offer the same actions through here, and ask the reason through the window's prompts object
(ui/prompts.py), so a test answers it as the clerk would. Qt-free apart from finding the window.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol

from gik_editor.findings import INFO, Finding
from gik_editor.rules import BLANK_CELLS_RULE, FILL_ZEROS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from .report_doc import ReportDocument

MARK = "标记为已核对…"
UNMARK = "取消已核对"
REVIEWED = "已核对"


class AsksReason(Protocol):
    def ask_review_reason(self, message: str) -> str | None: ...


def actions_for(finding: Finding) -> list[str]:
    """The actions offered for `finding`, in order."""
    out = [UNMARK if finding.reviewed else MARK]
    if finding.rule == BLANK_CELLS_RULE and finding.severity == INFO:
        out.append(FILL_ZEROS)
    return out


def prompts_of(widget: QWidget) -> AsksReason:
    """The prompts object of the window `widget` is in (MainWindow.prompts), else real dialogs over `widget`."""
    prompts = getattr(widget.window(), "prompts", None)
    if prompts is None:
        from .prompts import Prompts
        prompts = Prompts(widget)
    return prompts


def run_action(doc: ReportDocument, prompts: AsksReason, finding: Finding, action: str) -> bool:
    """Do `action` for `finding`; False when nothing changed (the reason was not given, or nothing to do)."""
    if action == FILL_ZEROS:
        return doc.fill_blanks_with_zero(finding.cells)
    if action == UNMARK:
        return doc.unmark_reviewed(finding)
    reason = prompts.ask_review_reason(finding.message)
    return reason is not None and doc.mark_reviewed(finding, reason)


def add_to_menu(menu: QMenu, doc: ReportDocument, anchor: QWidget, findings: list[Finding]) -> None:
    """The actions for `findings` at the end of a context menu (a cell's, a paragraph's): for one finding
    straight in the menu, for several one sub-menu each, named by its message."""
    if not findings:
        return
    menu.addSeparator()
    for finding in findings:
        target = menu if len(findings) == 1 else menu.addMenu(_short(finding.message))
        for action in actions_for(finding):
            target.addAction(action, partial(run_at, doc, anchor, finding, action))


def run_at(doc: ReportDocument, anchor: QWidget, finding: Finding, action: str) -> bool:
    """run_action, asking through the prompts of the window `anchor` is in."""
    return run_action(doc, prompts_of(anchor), finding, action)


def _short(message: str, limit: int = 24) -> str:
    return message if len(message) <= limit else message[:limit] + "…"
