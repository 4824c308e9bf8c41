"""Print preview and printing of exactly the exported PDF.

The preview shows the pages of the bytes `exporters.pdf.render()` returns,
drawn by QtPdf; printing rasterises those same pages at the printer's
resolution; 导出PDF… writes those same bytes. Nothing is laid out twice, so
paper, screen and file always agree.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gik_editor.report import Report
from gik_editor.storage import GikFileError

from .wait_cursor import wait_cursor
from .window_size import place_on_screen

MAX_PRINT_DPI = 600          # an A4 page at 600 dpi is a 140 MB image already; above that we let the printer scale
ZOOMS = (("适合宽度", None), ("整页", None), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0),
         ("125%", 1.25), ("150%", 1.5), ("200%", 2.0), ("300%", 3.0))
ZOOM_STEP = 1.25
PREVIEW_SIZE = QSize(900, 1000)      # a whole A4 page at a readable size
SIGN_OFF_TEXT = "签发稿（附发文稿纸）"
SIGN_OFF_TIP = ("文末署机关名称和成文日期、留出盖章位置，另附一页发文稿纸（签发、审核、拟稿），供领导签发；"
                "导出的文件名带“-签发稿”，签发稿不要上网公开")


def render_pdf(parent: QWidget | None, report: Report, sign_off: bool = False) -> bytes | None:
    """The report's PDF bytes, or None after telling the user why there are none (missing glyph…)."""
    from gik_editor.exporters import pdf
    try:
        with wait_cursor():
            return pdf.render(report, sign_off)
    except GikFileError as e:
        error = str(e)
    QMessageBox.warning(parent, "无法生成PDF", error)
    return None


class PdfPages:
    """A QPdfDocument over bytes held in memory (the buffer must live as long as the document)."""

    def __init__(self, data: bytes) -> None:
        self.buffer = QBuffer()
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise GikFileError("生成的PDF无法显示（QtPdf无法读取），请重试。")

    @property
    def count(self) -> int:
        return self.document.pageCount()


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print the PDF's pages (the printer's page range, else all) at the printer's resolution; pages printed.

    Each page is drawn at its real size from the paper's corner, so the GB/T 9704
    margins on paper are the PDF's, whatever margins the printer driver suggests.
    """
    pages = PdfPages(data)
    first, last = 1, pages.count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(pages.count, printer.toPage() or pages.count)
    if first > last:
        return 0
    size_pt = pages.document.pagePointSize(0)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4) if _is_a4(size_pt) else
                                      QPageSize(size_pt.toSize(), QPageSize.Unit.Point),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    dpi = printer.resolution()
    render_dpi = min(dpi, MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise GikFileError("无法开始打印：打印机不可用或已取消。")
    try:
        for n, page in enumerate(range(first - 1, last)):
            if n:
                printer.newPage()
            pt = pages.document.pagePointSize(page)
            image = _on_white(pages.document.render(page, QSize(round(pt.width() * render_dpi / 72),
                                                                round(pt.height() * render_dpi / 72))))
            target = QRect(0, 0, round(pt.width() * dpi / 72), round(pt.height() * dpi / 72))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return last - first + 1


def _on_white(page: QImage) -> QImage:
    """QtPdf leaves the paper transparent; lay the page on white paper, in grey levels (the pages
    are black on white, and a grey image keeps the print job a quarter of the size)."""
    paper = QImage(page.size(), QImage.Format.Format_Grayscale8)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    return paper


def _is_a4(size_pt) -> bool:
    a4 = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Point)
    return abs(size_pt.width() - a4.width()) < 2 and abs(size_pt.height() - a4.height()) < 2


def print_with_dialog(parent: QWidget | None, data: bytes, title: str) -> bool:
    """Qt's print dialog (printer, copies, page range), then print; False when cancelled or failed."""
    pages = PdfPages(data).count
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFromTo(1, pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, pages)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        with wait_cursor():
            print_pdf(data, printer)
        return True
    except GikFileError as e:
        error = str(e)
    QMessageBox.warning(parent, "无法打印", error)
    return False


def print_report(parent: QWidget | None, report: Report) -> None:
    """文件 → 打印: the report's PDF pages through Qt's print dialog."""
    data = render_pdf(parent, report)
    if data is not None:
        print_with_dialog(parent, data, report.display_title)


def suggested_pdf_name(report: Report, sign_off: bool = False) -> str:
    """The title as a file name, without the characters Windows forbids; the sign-off copy (with its
    approval slip) is named …-签发稿.pdf, so that nobody uploads it."""
    from gik_editor.exporters.pdf_signoff import signed_copy_path
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", report.display_title).strip() + ".pdf"
    return signed_copy_path(name).name if sign_off else name


def save_pdf_dialog(parent: QWidget | None, data: bytes, report: Report, folder: str = "",
                    sign_off: bool = False) -> Path | None:
    """Ask where to save the PDF bytes and write them atomically; the path, or None when cancelled or failed."""
    from gik_editor.storage import write_atomic
    name = suggested_pdf_name(report, sign_off)
    start = str(Path(folder) / name) if folder else name
    name, _ = QFileDialog.getSaveFileName(parent, "导出PDF", start, "PDF 文件 (*.pdf)")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_atomic(path, data)
    except GikFileError as e:
        QMessageBox.warning(parent, "无法导出", str(e))
        return None
    return path


class PrintPreviewDialog(QDialog):
    """The real pages of the PDF, with page-through, zoom, the sign-off choice, 打印 and 导出PDF."""

    def __init__(self, parent: QWidget | None, report: Report, data: bytes, sign_off: bool = False) -> None:
        super().__init__(parent)
        self.report = report
        self.data = data
        self.setWindowTitle(f"打印预览 — {report.display_title}")
        place_on_screen(self, PREVIEW_SIZE)

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("background: #808080")

        self.prev_button = _tool("上一页", "上一页（PgUp）", self.previous_page)
        self.next_button = _tool("下一页", "下一页（PgDn）", self.next_page)
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setAccelerated(True)
        self.page_box.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.page_count = QLabel()
        self.zoom_box = QComboBox()
        self.zoom_box.addItems([z for z, _ in ZOOMS])
        self.zoom_box.setEditable(False)
        self.zoom_box.activated.connect(self._zoom_chosen)
        zoom_out = _tool("缩小", "缩小（Ctrl+-）", lambda: self.zoom_by(1 / ZOOM_STEP))
        zoom_in = _tool("放大", "放大（Ctrl++）", lambda: self.zoom_by(ZOOM_STEP))
        self.sign_off_box = QCheckBox(SIGN_OFF_TEXT)
        self.sign_off_box.setToolTip(SIGN_OFF_TIP)
        self.sign_off_box.setChecked(sign_off)
        self.sign_off_box.toggled.connect(self._sign_off_changed)
        print_button = QPushButton("打印…")
        print_button.clicked.connect(self.print_pages)
        save_button = QPushButton("导出PDF…")
        save_button.clicked.connect(self.save_pdf)
        close_button = QPushButton("关闭")
        close_button.clicked.connect(self.reject)

        bar = QHBoxLayout()
        groups: tuple[tuple[QWidget, ...], ...] = (
            (self.prev_button, QLabel("第"), self.page_box, self.page_count, self.next_button),
            (zoom_out, self.zoom_box, zoom_in), (self.sign_off_box,))
        for group in groups:
            for w in group:
                bar.addWidget(w)
            bar.addSpacing(16)
        bar.addStretch(1)
        for button in (print_button, save_button, close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(ZOOM_STEP)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(1 / ZOOM_STEP)),
                           (QKeySequence.StandardKey.Print, self.print_pages),
                           (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
                           (QKeySequence(Qt.Key.Key_PageUp), self.previous_page)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self._show(data)

    # ---- pages ------------------------------------------------------------------------------
    def _show(self, data: bytes) -> None:
        self.data = data
        self.pages = PdfPages(data)          # keeps buffer and document alive while shown
        self.view.setDocument(self.pages.document)
        self.page_box.setMaximum(self.pages.count)
        self.page_count.setText(f"页，共 {self.pages.count} 页")
        self._page_changed(0)

    @property
    def page_total(self) -> int:
        return self.pages.count

    @property
    def current_page(self) -> int:
        """0-based."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_total - 1))
        if page != self.current_page:
            nav = self.view.pageNavigator()
            nav.jump(page, QPointF(), nav.currentZoom())

    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_total - 1)

    # ---- zoom -------------------------------------------------------------------------------
    def _zoom_chosen(self, index: int) -> None:
        label, factor = ZOOMS[index]
        if factor is None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth if label == "适合宽度" else QPdfView.ZoomMode.FitInView)
        else:
            self.set_zoom(factor)

    def set_zoom(self, factor: float) -> None:
        factor = max(0.25, min(factor, 4.0))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        label = f"{round(factor * 100)}%"
        if self.zoom_box.findText(label) < 0:
            self.zoom_box.addItem(label)
        self.zoom_box.setCurrentText(label)

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom_factor() * step)

    def zoom_factor(self) -> float:
        """The zoom shown now (also when fitted to width or page)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        page_pt = self.pages.document.pagePointSize(0)
        screen_px = page_pt.width() * self.logicalDpiX() / 72
        return max(0.25, (self.view.viewport().width() - 24) / max(screen_px, 1))

    # ---- actions ----------------------------------------------------------------------------
    def _sign_off_changed(self, on: bool) -> None:
        data = render_pdf(self, self.report, on)
        if data is None:
            self.sign_off_box.blockSignals(True)
            self.sign_off_box.setChecked(not on)
            self.sign_off_box.blockSignals(False)
            return
        page = self.current_page
        self._show(data)
        QTimer.singleShot(0, lambda: self.go_to_page(page))

    def print_pages(self) -> None:
        print_with_dialog(self, self.data, self.report.display_title)

    def save_pdf(self) -> Path | None:
        return save_pdf_dialog(self, self.data, self.report, sign_off=self.sign_off_box.isChecked())


def _tool(text: str, tip: str, slot) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def show_print_preview(parent: QWidget | None, report: Report, sign_off: bool = False) -> None:
    """文件 → 打印预览: a window-modal preview of exactly the exported PDF (closes itself when done)."""
    data = render_pdf(parent, report, sign_off)
    if data is None:
        return
    try:
        dialog = PrintPreviewDialog(parent, report, data, sign_off)
    except GikFileError as e:
        QMessageBox.warning(parent, "无法预览", str(e))
        return
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
