"""Findings a clerk has marked 已核对 with a reason: kept in the .gik, reopened when what they are about changes.

A warning can be right about the numbers and still not an error (a 规章 a 县级 organ really did publish on
its government's behalf); a reviewer decides, writes why, and the finding stops counting. A mark names
the finding by its rule, its places and what it compares (the two numbers, or the words it quotes), and
keeps a fingerprint of what those places hold. When the cells or the text change, the finding no longer
matches its mark and is open again: a reviewer's word covers what they saw, not what was typed after.
The wording of the message is not part of the name, so a better-worded message keeps the clerk's marks.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .findings import Finding
from .report import Mark, Report, Value
from .text_search import text_at

if TYPE_CHECKING:
    from .edits import Changed

MAX_REASON = 200            # characters: a short reason, not an essay
UNIT_SEPARATOR = "\x1f"
WORDED = "\x00"             # the subject of a mark that names its finding by the message (see _worded_key)


def mark_key(finding: Finding) -> str:
    """The finding a mark is for: rule, places and what it compares."""
    return UNIT_SEPARATOR.join((finding.rule, ",".join(finding.cells), subject(finding)))


def subject(finding: Finding) -> str:
    """What a finding compares, as a stable string: its two sides (numbers, years, or the words it quotes)."""
    return f"{finding.expected!r}{UNIT_SEPARATOR}{finding.actual!r}"


def _worded_key(rule: str, cells: str, message: str) -> str:
    # Marks written before the subject was saved (files of 2026-12-05) name the finding by its message.
    return UNIT_SEPARATOR.join((rule, cells, WORDED, message))


def fingerprint(report: Report, finding: Finding, values: Mapping[str, Value | None]) -> str:
    """What the finding's places hold now (its cells' values, its text's words), as a short digest."""
    import hashlib  # (loads OpenSSL, ~2 ms: only a report with marks needs it, not the first frame)
    held = []
    for place in finding.cells:
        if place.startswith("text."):
            try:
                held.append(text_at(report, place))
            except (IndexError, KeyError, ValueError):     # the sub-part is gone
                held.append("\x00")
        else:
            held.append(repr(values.get(place)))
    return hashlib.sha1(UNIT_SEPARATOR.join(held).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def apply_marks(report: Report, findings: list[Finding], values: Mapping[str, Value | None]) -> list[Finding]:
    """`findings` with those the clerk marked (and that still match their mark) flagged reviewed, with the reason."""
    marks = report.reviewed
    if not marks:
        return findings
    out = []
    for f in findings:
        mark = marks.get(mark_key(f)) or marks.get(_worded_key(f.rule, ",".join(f.cells), f.message))
        if mark is not None and mark.fingerprint == fingerprint(report, f, values):
            f = replace(f, reviewed=True, reason=mark.reason)
        out.append(f)
    return out


@dataclass(frozen=True)
class SetMark:
    """Mark a finding 已核对 with a reason (None: take the mark away); an edit like any other (gik_editor.edits)."""
    key: str
    mark: Mark | None
    cells: tuple[str, ...] = ()

    def apply(self, report: Report) -> SetMark:
        old = report.reviewed.get(self.key)
        if self.mark is None:
            report.reviewed.pop(self.key, None)
        else:
            report.reviewed[self.key] = self.mark
        return SetMark(self.key, old, self.cells)

    def changed(self, report: Report) -> Changed:
        from .edits import Changed  # (edits → cell_input → storage → here: imported when first used)
        return Changed(cells=frozenset(c for c in self.cells if c in report.format.cells))

    def merge_key(self) -> None:
        return None


def mark(report: Report, finding: Finding, reason: str, values: Mapping[str, Value | None]) -> SetMark:
    """The edit that marks `finding` as checked by the clerk for `reason` (cut to MAX_REASON characters)."""
    return SetMark(mark_key(finding), Mark(reason.strip()[:MAX_REASON], fingerprint(report, finding, values),
                                           finding.message), finding.cells)


def unmark(report: Report, finding: Finding) -> SetMark:
    """The edit that takes the mark away from `finding` (whichever way the file named it)."""
    key = mark_key(finding)
    if key not in report.reviewed:
        key = _worded_key(finding.rule, ",".join(finding.cells), finding.message)
    return SetMark(key, None, finding.cells)


# ---- in the .gik file ("reviewed", docs/file-format.md) -------------------------------------------------

def marks_out(report: Report) -> list[dict[str, Any]]:
    """The marks as the .gik keeps them: one object per marked finding."""
    out = []
    for key, m in sorted(report.reviewed.items()):
        rule, cells, what = key.split(UNIT_SEPARATOR, 2)
        item = {"rule": rule, "cells": cells.split(",") if cells else []}
        if not what.startswith(WORDED):
            item["subject"] = what
        out.append({**item, "message": m.message, "reason": m.reason, "fingerprint": m.fingerprint})
    return out


def marks_in(raw: Any) -> dict[str, Mark]:
    """The marks of a .gik file; ValueError (with a Chinese message) when they are not what we write."""
    if not isinstance(raw, list) or len(raw) > 100_000:
        raise ValueError("已核对标记格式不对。")
    out = {}
    for item in raw:
        if not isinstance(item, dict):
            raise ValueError("已核对标记格式不对。")
        rule, cells, message = item.get("rule"), item.get("cells", []), item.get("message", "")
        what, reason, digest = item.get("subject"), item.get("reason", ""), item.get("fingerprint", "")
        if not (isinstance(rule, str) and isinstance(cells, list) and all(isinstance(c, str) for c in cells)
                and isinstance(message, str) and isinstance(reason, str) and isinstance(digest, str)
                and (what is None or isinstance(what, str) and not what.startswith(WORDED))):
            raise ValueError("已核对标记格式不对。")
        places = ",".join(cells)
        finding_key = (_worded_key(rule, places, message) if what is None
                       else UNIT_SEPARATOR.join((rule, places, what)))
        out[finding_key] = Mark(reason[:MAX_REASON], digest[:64], message)
    return out
