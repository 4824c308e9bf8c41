"""The numbers Word prints in front of list paragraphs ("一、", "（一）", "1."), which are not in the text.

Reports typed with Word's automatic numbering carry their heading and sub-part
numbers only in numbering.xml. Without them "（一）主动公开情况" arrives as
"主动公开情况" and cannot be told from a sentence. This renders the common
formats; anything else (bullets, exotic formats) yields no prefix.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..numbers import bounded_int

if TYPE_CHECKING:                   # python-docx is imported lazily, by the Word import only
    from docx.document import Document
    from lxml.etree import _Element

_DIGITS = "〇一二三四五六七八九"
_CHINESE = {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
            "ideographDigital", "chineseLegalSimplified"}
_MAX_LEVELS = 9
_MAX_NUMBER = 32767         # the largest start value Word accepts


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (numbers a report's lists reach)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def _format(n: int, fmt: str) -> str:
    if fmt in _CHINESE:
        return chinese(n)
    if fmt in ("decimal", "decimalZero"):
        return str(n)
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    return ""


class Numbering:
    """Counts list paragraphs in document order and renders their printed numbers."""

    def __init__(self, document: Document, qn: Callable[[str], str]) -> None:
        self.qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}   # numId → ilvl → (format, text, start)
        self.style_num: dict[str, tuple[str, int]] = {}                 # styleId → (numId, ilvl)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        self._read(root)
        self._read_styles(document)

    def prefix(self, p: _Element) -> str:
        """The number Word prints before paragraph `p`, or ""."""
        num_id, ilvl = self._num_of(p)
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * _MAX_LEVELS)
        fmt, text, start = levels[ilvl]
        counts[ilvl] = max(counts[ilvl], start - 1) + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            counts[deeper] = 0
        if fmt == "bullet" or not text:
            return ""
        for k in range(_MAX_LEVELS):
            if f"%{k + 1}" in text:
                lf, _, ls = levels.get(k, ("decimal", "", 1))
                number = _format(counts[k] or ls, lf)
                if not number:
                    return ""
                text = text.replace(f"%{k + 1}", number)
        return text

    # ---- internals ----------------------------------------------------------------

    def _val(self, element: _Element | None, tag: str) -> str | None:
        child = element.find(self.qn(tag)) if element is not None else None
        return None if child is None else child.get(self.qn("w:val"))

    def _read(self, root: _Element) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(self.qn("w:abstractNum")):
            abstract[node.get(self.qn("w:abstractNumId"))] = self._levels(node)
        for num in root.iterchildren(self.qn("w:num")):
            levels = dict(abstract.get(self._val(num, "w:abstractNumId") or "", {}))
            for override in num.iterchildren(self.qn("w:lvlOverride")):
                ilvl = _int(override.get(self.qn("w:ilvl")))
                start = _int(self._val(override, "w:startOverride"), 0)
                if ilvl in levels and start:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, start)
                lvl = override.find(self.qn("w:lvl"))
                if lvl is not None:
                    levels.update(self._levels_of([lvl]))
            self.levels[num.get(self.qn("w:numId"))] = levels

    def _levels(self, abstract_num: _Element) -> dict[int, tuple[str, str, int]]:
        return self._levels_of(abstract_num.iterchildren(self.qn("w:lvl")))

    def _levels_of(self, lvls: Iterable[_Element]) -> dict[int, tuple[str, str, int]]:
        out: dict[int, tuple[str, str, int]] = {}
        for lvl in lvls:
            ilvl = _int(lvl.get(self.qn("w:ilvl")))
            if 0 <= ilvl < _MAX_LEVELS:
                out[ilvl] = (self._val(lvl, "w:numFmt") or "decimal", self._val(lvl, "w:lvlText") or "",
                             _int(self._val(lvl, "w:start"), 1))
        return out

    def _read_styles(self, document: Document) -> None:
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for style in styles.iterchildren(self.qn("w:style")):
            num_pr = style.find(f"{self.qn('w:pPr')}/{self.qn('w:numPr')}")
            if num_pr is not None:
                self.style_num[style.get(self.qn("w:styleId"))] = (self._val(num_pr, "w:numId") or "",
                                                                   _int(self._val(num_pr, "w:ilvl")))

    def _num_of(self, p: _Element) -> tuple[str, int]:
        ppr = p.find(self.qn("w:pPr"))
        num_pr = ppr.find(self.qn("w:numPr")) if ppr is not None else None
        if num_pr is not None:
            return self._val(num_pr, "w:numId") or "", _int(self._val(num_pr, "w:ilvl"))
        style = self._val(ppr, "w:pStyle")
        return self.style_num.get(style or "", ("", 0))


def _int(text: str | None, default: int = 0) -> int:
    # Word keeps list numbers and levels far below this; a 4,300-digit w:start is a hostile file.
    return bounded_int(text, default, -_MAX_NUMBER, _MAX_NUMBER)
