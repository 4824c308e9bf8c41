"""Where Chinese text breaks into lines, for the PDF (exact font metrics) and Word (estimated widths).

Lines break between any two characters, except that a closing mark never starts
a line and an opening mark never ends one (the character before is carried over
instead, GB/T 15834 practice); a run of ASCII letters and digits (a number, a
URL) stays whole unless it is wider than a line. Balanced text (table cells,
titles) is set in lines as even as these rules allow (不予/公开, not 不予公/开),
and a wrapped group label puts its ordinal on a line of its own (三、/本年度/办理/结果).
Widths come from a function the caller gives, so nothing here needs a PDF library.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

Measure = Callable[[str, str], float]      # (text, font) → width


CANNOT_START = set("，。、；：？！）》」』】〕〗〉”’…—·%‰℃!),.:;?]}｝］")
CANNOT_END = set("（《「『【〔〖〈“‘([{｛［")
_ATOM = re.compile(r"[A-Za-z0-9@#$%&*+=/\\_.,:;!?'\"()\[\]{}<>~^|-]+|——+|……+|\s|.", re.S)
# the ordinal that opens a label: 三、 （三） 1. — a wrapped group label gives it a line of its own
ORDINAL = re.compile(r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])(?=.)")


@dataclass(frozen=True)
class Atom:
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


def atoms_of(runs: list[tuple[str, str]], measure: Measure, char_space: float = 0.0) -> list[Atom]:
    """The runs cut into pieces that never break, each with its width (plus `char_space` a character)."""
    out = []
    for text, font in runs:
        for m in _ATOM.finditer(text):
            piece = m.group()
            out.append(Atom(piece, font, measure(piece, font) + len(piece) * char_space, piece.isspace()))
    return out


def _break(atoms: list[Atom], width: float, first_indent: float, measure: Measure) -> list[list[Atom]]:
    """Greedy line breaking with the closing/opening-mark rules; a word wider than a line is cut."""
    lines: list[list[Atom]] = []
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
                atoms[start:start + 1] = _cut(atoms[start], avail, measure)
                continue
            end = start + 1
        if end < len(atoms):
            end = _rule_break(atoms, start, end)
        lines.append(atoms[start:end])
        start = end
    return lines


def _even(greedy: list[list[Atom]], width: float, indent: float) -> list[list[Atom]]:
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


def _rule_break(atoms: list[Atom], start: int, end: int) -> int:
    """Move the break back until the next line does not start with a closing mark and this one does not
    end with an opening mark; when that would empty the line, keep the plain break."""
    b = end
    while b > start + 1 and (_starts_line(atoms, b).cannot_start or atoms[b - 1].cannot_end):
        b -= 1
    return b if b > start + 1 else end


def _starts_line(atoms: list[Atom], b: int) -> Atom:
    """The atom that would start the line after a break before atoms[b] (spaces there are dropped)."""
    while b < len(atoms) - 1 and atoms[b].space:
        b += 1
    return atoms[b]


def _cut(atom: Atom, avail: float, measure: Measure) -> list[Atom]:
    char_space = (atom.width - measure(atom.text, atom.font)) / len(atom.text)
    pieces, current = [], ""
    for ch in atom.text:
        if current and measure(current + ch, atom.font) + (len(current) + 1) * char_space > avail:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return [Atom(p, atom.font, measure(p, atom.font) + len(p) * char_space, False) for p in pieces]


def set_lines(runs: list[tuple[str, str]], width: float, measure: Measure, first_indent: float = 0.0,
              char_space: float = 0.0, balance: bool = False,
              ordinal_line: bool = False) -> list[tuple[list[Atom], float, bool]]:
    """The runs (text, font) broken into lines `width` wide: (atoms, indent, last line of its paragraph).

    A "\n" in the runs ends a line (the title's chosen break). `balance` sets wrapped lines
    evenly; `ordinal_line` gives the opening 三、/（三） of a wrapped label a line of its own.
    """
    segments = split_runs(runs)
    if ordinal_line and len(segments) == 1 and len(segments[0]) == 1:
        text, font = segments[0][0]
        m = ORDINAL.match(text)
        if m and len(_break(atoms_of(segments[0], measure, char_space), width, first_indent, measure)) > 1:
            segments = [[(m.group(), font)], [(text[m.end():], font)]]
    out = []
    for seg_no, seg in enumerate(segments):
        indent = first_indent if seg_no == 0 else 0.0
        broken = _break(atoms_of(seg, measure, char_space), width, indent, measure)
        if balance and len(broken) > 1:
            broken = _even(broken, width, indent)
        for i, line in enumerate(broken):
            out.append((_trim(line), indent if i == 0 else 0.0, i == len(broken) - 1))
    return out


def _trim(atoms: list[Atom]) -> list[Atom]:
    while atoms and atoms[-1].space:
        atoms = atoms[:-1]
    return atoms


def split_runs(runs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Runs cut at every "\n" into segments, each set as lines of its own."""
    segments: list[list[tuple[str, str]]] = [[]]
    for text, font in runs:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                segments.append([])
            if part:
                segments[-1].append((part, font))
    return segments


# ---- estimated widths and the title ---------------------------------------------------------

TITLE_TAIL = "政府信息公开工作年度报告"
ASCII_EM = 0.65            # Latin letters and digits: 0.5 em in 宋体, up to 0.7 em in the fallbacks of other PCs


def approx_width(text: str, size: float) -> float:
    """The width of `text` at `size` without the font: a Chinese (wide) character one em, any other ASCII_EM.

    Never less than what Word, WPS or LibreOffice set, so what is estimated to fit does fit.
    """
    return sum(size if unicodedata.east_asian_width(ch) in "WFA" else ASCII_EM * size for ch in text)


def title_lines(title: str, width: float, size: float) -> list[str]:
    """The title's lines: a title that would leave less than a character's room at either side breaks
    before 政府信息公开工作年度报告, so no word is cut and the lines stand centred one over the other
    (GB/T 9704: 词意完整, 排列对称). Estimated widths, so the PDF and Word break it alike."""
    head = title[:-len(TITLE_TAIL)] if title.endswith(TITLE_TAIL) else ""
    if head.strip() and approx_width(title, size) > width - 2 * size and approx_width(head, size) <= width:
        return [head, TITLE_TAIL]
    return [title]
