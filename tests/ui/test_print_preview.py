"""Print preview and printing show and print exactly the exported PDF's pages."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget  # noqa: E402

from gik_editor import fonts  # noqa: E402
from gik_editor.exporters import pdf  # noqa: E402
from ui import print_preview  # noqa: E402
from ui.print_preview import PrintPreviewDialog  # noqa: E402

needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")


def page_count(path: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                           text=True, check=True).stdout)[1])


def pdf_printer(path: Path, dpi: int = 150) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


@pytest.fixture
def sample_bytes(sample) -> bytes:
    return pdf.render(sample)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


@needs_poppler
def test_printing_gives_the_same_pages_as_the_file(qtbot, sample_bytes, tmp_path):
    exported = tmp_path / "exported.pdf"
    exported.write_bytes(sample_bytes)
    printed = tmp_path / "printed.pdf"
    assert print_preview.print_pdf(sample_bytes, pdf_printer(printed)) == page_count(exported)
    assert page_count(printed) == page_count(exported)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert "(A4)" in info                      # drawn at the PDF's own size, not the driver's letter default
    # white paper with black text on it, like the exported page
    for name in (exported, printed):
        subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(name), str(name)], check=True)
    printed_page = QImage(f"{printed}-1.png")
    exported_page = QImage(f"{exported}-1.png")
    assert 0.9 < ink(printed_page) / ink(exported_page) < 1.1
    assert abs(paper(printed_page) - paper(exported_page)) < 0.05 and paper(printed_page) > 0.5


def ink(image: QImage) -> int:
    return sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).lightness() < 128)


def paper(image: QImage) -> float:
    white = sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).lightness() > 240)
    return white / (image.width() * image.height())


@needs_poppler
def test_printing_honours_the_page_range(qtbot, sample_bytes, tmp_path):
    printer = pdf_printer(tmp_path / "range.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_preview.print_pdf(sample_bytes, printer) == 2
    assert page_count(tmp_path / "range.pdf") == 2


@needs_poppler
def test_print_report_goes_through_the_print_dialog(qtbot, sample, tmp_path, monkeypatch):
    out = tmp_path / "dialog.pdf"
    seen = {}

    class FakeDialog:
        def __init__(self, printer, parent=None):
            seen["printer"] = printer

        def setWindowTitle(self, title): seen["title"] = title
        def setMinMax(self, lo, hi): seen["range"] = (lo, hi)
        def setOption(self, *a): pass

        def exec(self):
            printer = seen["printer"]
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(100)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(print_preview, "QPrintDialog", FakeDialog)
    parent = QWidget()
    qtbot.addWidget(parent)
    print_preview.print_report(parent, sample)
    pages = page_count(out)
    assert seen["range"] == (1, pages) and seen["title"] == "打印"
    assert pages == len(re.findall(rb"/Type\s*/Page[^s]", pdf.render(sample)))


def test_cancelled_print_dialog_prints_nothing(qtbot, sample_bytes, monkeypatch):
    class Cancel:
        def __init__(self, *a): pass
        def setWindowTitle(self, *a): pass
        def setMinMax(self, *a): pass
        def setOption(self, *a): pass
        def exec(self): return QDialog.DialogCode.Rejected

    monkeypatch.setattr(print_preview, "QPrintDialog", Cancel)
    monkeypatch.setattr(print_preview, "print_pdf", lambda *a: pytest.fail("printed after cancel"))
    assert print_preview.print_with_dialog(None, sample_bytes, "x") is False


def test_preview_pages_through_and_zooms(qtbot, sample, sample_bytes):
    dialog = PrintPreviewDialog(None, sample, sample_bytes)
    qtbot.addWidget(dialog)
    dialog.show()
    total = dialog.page_total
    assert total >= 4 and dialog.page_count.text() == f"页，共 {total} 页"
    assert not dialog.prev_button.isEnabled() and dialog.next_button.isEnabled()
    dialog.next_page()
    qtbot.waitUntil(lambda: dialog.page_box.value() == 2)
    dialog.page_box.setValue(total)
    qtbot.waitUntil(lambda: dialog.current_page == total - 1)
    assert not dialog.next_button.isEnabled()
    dialog.set_zoom(1.0)
    dialog.zoom_by(print_preview.ZOOM_STEP)
    assert dialog.view.zoomFactor() == pytest.approx(1.25) and dialog.zoom_box.currentText() == "125%"
    dialog.set_zoom(100)
    assert dialog.view.zoomFactor() == 4.0               # clamped, never absurd


def test_preview_shows_the_real_page_pixels(qtbot, sample, sample_bytes):
    dialog = PrintPreviewDialog(None, sample, sample_bytes)
    qtbot.addWidget(dialog)
    dialog.resize(800, 700)
    dialog.show()

    def has_ink() -> bool:
        image = dialog.view.viewport().grab().toImage()
        dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
                   if image.pixelColor(x, y).lightness() < 80)
        return dark > 50
    qtbot.waitUntil(has_ink, timeout=10_000)            # QtPdf renders pages in the background


def test_sign_off_toggle_re_renders_and_save_writes_the_previewed_bytes(qtbot, sample, sample_bytes,
                                                                        tmp_path, monkeypatch):
    dialog = PrintPreviewDialog(None, sample, sample_bytes)
    qtbot.addWidget(dialog)
    dialog.sign_off_box.setChecked(True)
    assert dialog.data != sample_bytes and b"%PDF" == dialog.data[:4]
    target = tmp_path / "预览"
    suggested = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, start, *a, **k: suggested.append(start) or (str(target), ""))
    saved = dialog.save_pdf()
    assert saved == tmp_path / "预览.pdf" and saved.read_bytes() == dialog.data
    assert suggested == [f"{sample.display_title}-签发稿.pdf"]       # the copy with the slip is named apart
    dialog.sign_off_box.setChecked(False)
    dialog.save_pdf()
    assert suggested[-1] == f"{sample.display_title}.pdf"


def test_show_print_preview_opens_a_window_modal_preview(qtbot, sample):
    parent = QWidget()
    qtbot.addWidget(parent)
    print_preview.show_print_preview(parent, sample)
    dialog = parent.findChild(PrintPreviewDialog)
    assert dialog is not None and dialog.isVisible() and sample.display_title in dialog.windowTitle()
    dialog.close()


def test_a_missing_glyph_is_a_message_not_a_crash(qtbot, sample, monkeypatch, warnings):
    monkeypatch.setattr(fonts, "font_dirs", lambda: [])
    sample.sections["六"].intro.text = "申请人𠀀某"
    parent = QWidget()
    qtbot.addWidget(parent)
    print_preview.show_print_preview(parent, sample)
    print_preview.print_report(parent, sample)
    assert parent.findChild(PrintPreviewDialog) is None
    assert len(warnings) == 2 and all("U+20000" in w for w in warnings)


def test_saving_the_previewed_pdf_reports_a_write_failure(qtbot, sample, tmp_path, monkeypatch, warnings):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no-such-folder" / "x.pdf"), ""))
    assert print_preview.save_pdf_dialog(None, b"%PDF-1.4", sample) is None
    assert warnings and "无法保存" in warnings[0]


def test_suggested_name_is_a_valid_windows_file_name(sample):
    sample.title = '报告:草稿/第"1"版?'
    assert print_preview.suggested_pdf_name(sample) == "报告_草稿_第_1_版_.pdf"
