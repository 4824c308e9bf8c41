"""Chinese text set like a typeset official document: a reportlab flowable of its own.

reportlab's CJK wrapping follows Japanese rules only (it lets ，》”； start a
line) and cannot justify text without spaces. Here every character is placed
individually: lines break between any two characters, except that a closing
mark never starts a line and an opening mark never ends one (the character
before is carried over instead, GB/T 15834 practice); a run of ASCII letters
and digits (a number, a URL) stays whole; and justified lines spread the
remaining width evenly between characters, so the right margin is straight.
The flowable splits across pages by whole lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

CANNOT_START = set("，。、；：？！）》」』】〕〗〉”’…—·%‰℃!),.:;?]}｝］")
CANNOT_END = set("（《「『【〔〖〈“‘([{｛［")
_ATOM = re.compile(r"[A-Za-z0-9@#$%&*+=/\\_.,:;!?'\"()\[\]{}<>~^|-]+|——+|……+|\s|.", re.S)
MAX_GAP_EM = 1.0          # a justified line spreads at most one character's width between two characters


@dataclass(frozen=True)
class _Atom:
    text: str
    font: str
    width: float
    space: bool           # may be dropped at a line break

    @property
    def cannot_start(self) -> bool:
        return self.text[0] in CANNOT_START

    @property
    def cannot_end(self) -> bool:
        return self.text[-1] in CANNOT_END


@dataclass(frozen=True)
class _Line:
    atoms: tuple[_Atom, ...]
    indent: float
    justify: bool         # spread to the full width (every line of a justified paragraph but its last)


def _atoms(runs: list[tuple[str, str]], size: float) -> list[_Atom]:
    out = []
    for text, font in runs:
        for m in _ATOM.finditer(text):
            piece = m.group()
            out.append(_Atom(piece, font, _width(piece, font, size), piece.isspace()))
    return out


@lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def _break(atoms: list[_Atom], width: float, first_indent: float, size: float) -> list[list[_Atom]]:
    """Greedy line breaking with the closing/opening-mark rules; a word wider than a line is cut."""
    lines: list[list[_Atom]] = []
    start = 0
    while start < len(atoms):
        while start < len(atoms) and atoms[start].space:      # a line never starts with a space
            start += 1
        if start >= len(atoms):
            break
        avail = width - (first_indent if not lines else 0)
        used, end = 0.0, start
        while end < len(atoms) and used + atoms[end].width <= avail + 0.01:
            used += atoms[end].width
            end += 1
        if end == start:                     # one atom wider than the line: cut it, or let one character stand
            if len(atoms[start].text) > 1:
                atoms[start:start + 1] = _cut(atoms[start], avail, size)
                continue
            end = start + 1
        if end < len(atoms):
            end = _rule_break(atoms, start, end)
        lines.append(atoms[start:end])
        start = end
    return lines


def _balanced(atoms: list[_Atom], width: float, indent: float, size: float, lines: int) -> list[list[_Atom]]:
    """The same number of lines at the narrowest width that still gives it: 商业/企业 rather than 商业企/业."""
    low, high = width / lines, width
    for _ in range(12):
        mid = (low + high) / 2
        if len(_break(list(atoms), mid, indent, size)) <= lines:
            high = mid
        else:
            low = mid
    return _break(list(atoms), high, indent, size)


def _rule_break(atoms: list[_Atom], start: int, end: int) -> int:
    """Move the break back until the next line does not start with a closing mark and this one does not
    end with an opening mark; when that would empty the line, keep the plain break."""
    b = end
    while b > start + 1 and (atoms[b].cannot_start or atoms[b - 1].cannot_end):
        b -= 1
    return b if b > start + 1 else end


def _cut(atom: _Atom, avail: float, size: float) -> list[_Atom]:
    pieces, current = [], ""
    for ch in atom.text:
        if current and stringWidth(current + ch, atom.font, size) > avail:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return [_Atom(p, atom.font, stringWidth(p, atom.font, size), False) for p in pieces]


class CJKText(Flowable):
    """A paragraph of runs (text, font name), all at one size and a fixed line pitch."""

    def __init__(self, runs: list[tuple[str, str]], size: float, leading: float, first_indent: float = 0.0,
                 align: str = "justify", keep_with_next: bool = False, balance: bool = False,
                 lines: list[_Line] | None = None) -> None:
        super().__init__()
        self.runs = runs
        self.size = size
        self.leading = leading
        self.first_indent = first_indent
        self.align = align                  # "justify", "left" or "center"
        self.balance = balance              # wrapped lines of even length (table cells, titles)
        self.keepWithNext = keep_with_next
        self._lines = lines                 # given for the parts of a split paragraph, which keep their lines
        self._fixed = lines is not None
        self._width: float | None = None

    # ---- layout --------------------------------------------------------------------------
    def _layout(self, width: float) -> list[_Line]:
        out: list[_Line] = []
        # a "\n" inside the runs (the title's chosen break) ends a line without spreading it
        for seg_no, runs in enumerate(_split_runs(self.runs)):
            indent = self.first_indent if seg_no == 0 else 0.0
            atoms = _atoms(runs, self.size)
            broken = _break(list(atoms), width, indent, self.size)
            if self.balance and len(broken) > 1:
                broken = _balanced(atoms, width, indent, self.size, len(broken))
            for i, atoms in enumerate(broken):
                last = i == len(broken) - 1
                out.append(_Line(tuple(_trim(atoms)), indent if i == 0 else 0.0,
                                 self.align == "justify" and not last))
        return out or [_Line((), self.first_indent, False)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._fixed and self._width != avail_width:
            self._lines = self._layout(avail_width)
            self._width = avail_width
        self.width = avail_width
        self.height = len(self._lines) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int((avail_height + 1e-6) // self.leading)
        if fit <= 0:
            return []
        if fit >= len(self._lines):
            return [self]
        return [self._part(self._lines[:fit], False), self._part(self._lines[fit:], self.keepWithNext)]

    def _part(self, lines: list[_Line], keep: bool) -> CJKText:
        return CJKText(self.runs, self.size, self.leading, self.first_indent, self.align, keep, self.balance, lines)

    # ---- drawing -------------------------------------------------------------------------
    def draw(self) -> None:
        # one text object a line; a justified line spreads its spare width evenly between its characters
        canvas = self.canv
        for n, line in enumerate(self._lines):
            text = "".join(a.text for a in line.atoms)
            room = self.width - line.indent - sum(a.width for a in line.atoms)
            gap = 0.0
            if line.justify and len(text) > 1:
                gap = min(room / (len(text) - 1), MAX_GAP_EM * self.size)
            x = line.indent + (room / 2 if self.align == "center" else 0.0)
            tx = canvas.beginText(x, self.height - self.size - n * self.leading)
            tx.setCharSpace(gap)
            for font, atoms in groupby(line.atoms, key=lambda a: a.font):
                tx.setFont(font, self.size)
                tx.textOut("".join(a.text for a in atoms))
            tx.setCharSpace(0)          # character spacing outlives the text object in the PDF's state
            canvas.drawText(tx)


def _trim(atoms: list[_Atom]) -> list[_Atom]:
    while atoms and atoms[-1].space:
        atoms = atoms[:-1]
    return atoms


def _split_runs(runs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Runs cut at every "\\n" into segments, each set as lines of its own."""
    segments: list[list[tuple[str, str]]] = [[]]
    for text, font in runs:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                segments.append([])
            if part:
                segments[-1].append((part, font))
    return segments
