"""Chinese text set like a typeset official document: a reportlab flowable of its own.

reportlab's CJK wrapping follows Japanese rules only (it lets ，》”； start a
line) and cannot justify text without spaces. Here every character is placed
individually, in the lines `linebreak.set_lines` gives (closing marks never
start a line, numbers stay whole, cells and titles in even lines); justified
lines spread the remaining width evenly between characters, so the right
margin is straight. Body text may be set on a character grid (GB/T 9704: 28
characters a line). The flowable splits across pages by whole lines.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .linebreak import Atom, set_lines

MAX_GAP_EM = 1.0          # a justified line spreads at most one character's width between two characters


@dataclass(frozen=True)
class _Line:
    atoms: tuple[Atom, ...]
    indent: float
    justify: bool         # spread to the full width (every line of a justified paragraph but its last)


@lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))      # reportlab ships no types: its result is Any to the checker


class CJKText(Flowable):  # type: ignore[misc]   # reportlab ships no types, so Flowable is Any to the checker
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
        # given for the parts of a split paragraph, which keep their lines; else laid out by the first wrap()
        self._lines: list[_Line] = lines if lines is not None else []
        self._fixed = lines is not None
        self._width: float | None = None

    # ---- layout --------------------------------------------------------------------------
    def _layout(self, width: float) -> list[_Line]:
        size = self.size
        lines = set_lines(self.runs, width, lambda text, font: _width(text, font, size), self.first_indent,
                          self.char_space, self.balance, self.ordinal_line)
        # a "\n" inside the runs (the title's chosen break) ends a line without spreading it
        out = [_Line(tuple(atoms), indent, self.align == "justify" and not last) for atoms, indent, last in lines]
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
