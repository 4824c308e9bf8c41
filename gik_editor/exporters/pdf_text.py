"""Chinese text set like a typeset official document: a reportlab flowable of its own.

reportlab's CJK wrapping follows Japanese rules only (it lets ，》”； start a
line) and cannot justify text without spaces. Here every character is placed
individually: lines break between any two characters, except that a closing
mark never starts a line and an opening mark never ends one (the character
before is carried over instead, GB/T 15834 practice); a run of ASCII letters
and digits (a number, a URL) stays whole; and justified lines spread the
remaining width evenly between characters, so the right margin is straight.
Body text may be set on a character grid (GB/T 9704: 28 characters a line).
Wrapped cells and titles are set in even lines (不予/公开, not 不予公/开), a group
label's ordinal on a line of its own. The flowable splits across pages by whole lines.
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
# the ordinal that opens a label: 三、 （三） 1. — a wrapped group label gives it a line of its own
ORDINAL = re.compile(r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])(?=.)")


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


def _atoms(runs: list[tuple[str, str]], size: float, char_space: float = 0.0) -> list[_Atom]:
    """The runs cut into pieces that never break, each with its width (plus `char_space` a character)."""
    out = []
    for text, font in runs:
        for m in _ATOM.finditer(text):
            piece = m.group()
            out.append(_Atom(piece, font, _width(piece, font, size) + len(piece) * char_space, piece.isspace()))
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


def _even(greedy: list[list[_Atom]], width: float, indent: float) -> list[list[_Atom]]:
    """The same number of lines as `greedy`, as even as the breaking rules allow: 商业/企业 rather than
    商业企/业, 本年度/办理/结果 rather than 本年度/办理结/果 (least sum of squared room left on the lines)."""
    atoms = [a for line in greedy for a in line]
    n, k = len(atoms), len(greedy)

    def may_break(j: int) -> bool:
        return j == n or not (_starts_line(atoms, j).cannot_start or atoms[j - 1].cannot_end)

    inf = float("inf")
    # best[m][i]: least cost of setting atoms[i:] in m lines (the first of them is line k - m)
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][n] = 0.0
    for m in range(1, k + 1):
        avail = width - (indent if m == k else 0.0)
        for i in range(n):
            run = w = 0.0             # the line atoms[i:j]'s width, and without its trailing spaces
            for j in range(i + 1, n + 1):
                a = atoms[j - 1]
                if a.space and not w:     # leading spaces are dropped at the break
                    continue
                run += a.width
                if not a.space:
                    w = run
                if w > avail + 0.01:
                    break
                cost = (avail - w) ** 2 + best[m - 1][j]
                if may_break(j) and cost <= best[m][i]:      # ties: the longer line first
                    best[m][i] = cost
                    cut[m][i] = j
    if best[k][0] == inf:
        return greedy
    lines, i = [], 0
    for m in range(k, 0, -1):
        line = atoms[i:cut[m][i]]
        while line and line[0].space:
            line = line[1:]
        lines.append(line)
        i = cut[m][i]
    return lines


def _rule_break(atoms: list[_Atom], start: int, end: int) -> int:
    """Move the break back until the next line does not start with a closing mark and this one does not
    end with an opening mark; when that would empty the line, keep the plain break."""
    b = end
    while b > start + 1 and (_starts_line(atoms, b).cannot_start or atoms[b - 1].cannot_end):
        b -= 1
    return b if b > start + 1 else end


def _starts_line(atoms: list[_Atom], b: int) -> _Atom:
    """The atom that would start the line after a break before atoms[b] (spaces there are dropped)."""
    while b < len(atoms) - 1 and atoms[b].space:
        b += 1
    return atoms[b]


def _cut(atom: _Atom, avail: float, size: float) -> list[_Atom]:
    char_space = (atom.width - stringWidth(atom.text, atom.font, size)) / len(atom.text)
    pieces, current = [], ""
    for ch in atom.text:
        if current and stringWidth(current + ch, atom.font, size) + (len(current) + 1) * char_space > avail:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return [_Atom(p, atom.font, stringWidth(p, atom.font, size) + len(p) * char_space, False) for p in pieces]


class CJKText(Flowable):
    """A paragraph of runs (text, font name), all at one size and a fixed line pitch."""

    def __init__(self, runs: list[tuple[str, str]], size: float, leading: float, first_indent: float = 0.0,
                 align: str = "justify", keep_with_next: bool = False, balance: bool = False,
                 lines: list[_Line] | None = None, ordinal_line: bool = False, pitch: float | None = None) -> None:
        super().__init__()
        self.runs = runs
        self.size = size
        self.leading = leading
        self.first_indent = first_indent
        self.align = align                  # "justify", "left" or "center"
        self.balance = balance              # wrapped lines of even length (table cells, titles)
        self.ordinal_line = ordinal_line    # when wrapped, the opening 三、/（三） stands on a line of its own
        self.char_space = 0.0 if pitch is None else pitch - size    # a character grid: every advance is `pitch`
        self.keepWithNext = keep_with_next
        self._lines = lines                 # given for the parts of a split paragraph, which keep their lines
        self._fixed = lines is not None
        self._width: float | None = None

    # ---- layout --------------------------------------------------------------------------
    def _layout(self, width: float) -> list[_Line]:
        out: list[_Line] = []
        # a "\n" inside the runs (the title's chosen break) ends a line without spreading it
        segments = _split_runs(self.runs)
        if self.ordinal_line and len(segments) == 1 and len(segments[0]) == 1:
            text, font = segments[0][0]
            atoms = _atoms(segments[0], self.size, self.char_space)
            m = ORDINAL.match(text)
            if m and len(_break(atoms, width, self.first_indent, self.size)) > 1:
                segments = [[(m.group(), font)], [(text[m.end():], font)]]
        for seg_no, runs in enumerate(segments):
            indent = self.first_indent if seg_no == 0 else 0.0
            atoms = _atoms(runs, self.size, self.char_space)
            broken = _break(list(atoms), width, indent, self.size)
            if self.balance and len(broken) > 1:
                broken = _even(broken, width, indent)
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
        part = CJKText(self.runs, self.size, self.leading, self.first_indent, self.align, keep, self.balance, lines)
        part.char_space = self.char_space
        return part

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
            tx.setCharSpace(gap + self.char_space)
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
