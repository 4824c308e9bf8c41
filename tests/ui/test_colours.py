"""A dark desktop theme (Windows 11 dark mode, UOS/Kylin dark): every text stays readable."""
import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from gik_editor.carryover import new_from_last_year
from ui.colours import alert_colour, caution_colour, marked_background
from ui.report_doc import ReportDocument
from ui.table_view import ReportTableView
from ui.text_section import TextSection

DARK = {QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#f0f0f0",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#f0f0f0", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#f0f0f0", QPalette.ColorRole.PlaceholderText: "#8a8a8a"}


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp):
    before = qapp.palette()
    if request.param == "dark":
        palette = QPalette(before)
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
        qapp.setPalette(palette)
    yield request.param
    qapp.setPalette(before)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""
    def luminance(c: QColor) -> float:
        channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
        r, g, b_ = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_and_paper(image, rect) -> tuple[int, int]:
    """Pixels of dark ink and of white paper inside `rect` of a grabbed image."""
    dark = light = 0
    for x in range(rect.left() + 2, rect.right() - 2):
        for y in range(rect.top() + 2, rect.bottom() - 2):
            lightness = QColor(image.pixel(x, y)).lightness()
            dark += lightness < 90
            light += lightness > 200
    return dark, light


def test_the_official_tables_are_dark_ink_on_paper_in_every_theme(qtbot, sample, theme):
    view = ReportTableView(ReportDocument(sample), "t3")
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    image = view.grab().toImage()
    model = view.model()
    for cell in ("t3.new.natural", "t3.new.total"):          # a typed number and a computed total
        dark, light = ink_and_paper(image, view.visualRect(model.index_of(cell)))
        assert dark > 5, f"{cell}: no dark digits drawn ({theme})"
    header = next(g for g in model.table.grid if g.text == "自然人")
    dark, light = ink_and_paper(image, view.visualRect(model.index(header.row, header.col)))
    assert dark > 20 and light > dark, f"the column header 自然人 is not dark on light ({theme})"


def test_carried_paragraphs_are_tinted_and_their_note_readable_in_every_theme(qtbot, sample, theme):
    report = new_from_last_year(sample)
    part = report.sections["一"].parts[0]
    part.text = "去年的第一段。"
    part.carried = ("去年的第一段。",)
    section = TextSection(ReportDocument(report), "一")
    qtbot.addWidget(section)
    section.show()
    block = section.editors[1]
    selections = block.editor.extraSelections()       # (kept: the formats live as long as the list)
    tint = QColor(selections[0].format.background().color())
    base = block.editor.palette().color(QPalette.ColorRole.Base)
    text = block.editor.palette().color(QPalette.ColorRole.Text)
    assert abs(tint.lightness() - base.lightness()) >= 20, "the carried-over tint cannot be told from the ground"
    assert contrast(text, tint) >= 4.5
    note = block.banner.findChild(QLabel)
    dark, light = ink_and_paper(note.grab().toImage(), note.rect())
    assert dark > 20, f"the note over carried paragraphs is not dark on its yellow ({theme})"


def test_warning_colours_can_be_read_on_the_window_in_every_theme(qtbot, theme):
    label = QLabel()
    qtbot.addWidget(label)
    window = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert contrast(QColor(alert_colour(label)), window) >= 4.5
    assert contrast(QColor(caution_colour(label)), window) >= 4.5
    assert marked_background(label) != label.palette().color(QPalette.ColorRole.Base)
