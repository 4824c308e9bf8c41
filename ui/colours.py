"""Colours that stay readable in a light and in a dark desktop theme (Windows 11 dark mode, UOS/Kylin dark).

The official tables are drawn as on paper: their cells have fixed light colours (white, the grey of
totals, the red of a broken sum), so the grid gets dark ink on white whatever the theme, as a
spreadsheet's cells stay white in dark mode. Everything else follows the theme; the few accents
(a warning line, the grey of carried-over paragraphs) are picked for the theme's background.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

PAPER = QColor("#ffffff")
INK = QColor("#000000")
PAPER_SELECTION = QColor("#3875d7")
NOTE = QColor("#fff4d6")                 # the yellow note over carried-over paragraphs
NOTE_INK = QColor("#3d2e00")


def paper_palette(palette: QPalette) -> QPalette:
    """`palette` with the colours of a sheet of paper: white ground, black text, a light grey placeholder."""
    paper = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window, QPalette.ColorRole.AlternateBase,
                     QPalette.ColorRole.Button):
            paper.setColor(group, role, PAPER)
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
            paper.setColor(group, role, INK)
        paper.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#8c8c8c"))
        paper.setColor(group, QPalette.ColorRole.Highlight, PAPER_SELECTION)
        paper.setColor(group, QPalette.ColorRole.HighlightedText, PAPER)
    return paper


# Colours are given by palette, not style sheet: a style sheet fixes a widget's font (and its children's)
# as it was when set, and 视图 → 放大 could not reach them.
def set_text_colour(widget: QWidget, colour: str | QColor) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    widget.setPalette(palette)


def note_palette(palette: QPalette) -> QPalette:
    """The yellow note: dark text on yellow in every theme, its button as on paper."""
    note = paper_palette(palette)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        note.setColor(role, NOTE)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        note.setColor(role, NOTE_INK)
    return note


def refused_palette(palette: QPalette) -> QPalette:
    """A field whose text was refused: light red, dark text, in every theme."""
    refused = QPalette(palette)
    refused.setColor(QPalette.ColorRole.Base, QColor("#ffd6d6"))
    refused.setColor(QPalette.ColorRole.Text, INK)
    return refused


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def alert_colour(widget: QWidget) -> str:
    """Red for a line of warning text on `widget`'s background."""
    return "#ff8a80" if is_dark(widget) else "#b00020"


def caution_colour(widget: QWidget) -> str:
    """Amber for the findings written under a paragraph."""
    return "#ffb74d" if is_dark(widget) else "#a15c00"


def secondary_text(widget: QWidget) -> QColor:
    """Words of less weight (a rule id, a reason already given) on `widget`'s ground: between its text and its
    ground, still readable (the palette's disabled grey is too pale for that in the light themes)."""
    palette = widget.palette()
    return _blend(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.4)


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    """`a` moved `share` of the way towards `b`."""
    return QColor(round(a.red() + (b.red() - a.red()) * share), round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def marked_background(widget: QWidget) -> QColor:
    """A tint of the editor's own ground, for the paragraphs carried over from last year's report."""
    palette = widget.palette()
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    share = 0.11
    return QColor(round(base.red() + (text.red() - base.red()) * share),
                  round(base.green() + (text.green() - base.green()) * share),
                  round(base.blue() + (text.blue() - base.blue()) * share))
