"""帮助 → 使用说明: the user guide (docs/user-guide.md) in a window of its own, offline, its screenshots
as wide as the window allows and, clicked, at full size in a window of their own."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QImageReader, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from gik_editor.resources import user_guide_path

from .window_size import place_on_screen

GUIDE_SIZE = QSize(1100, 860)
PICTURE_SIZE = QSize(1300, 900)
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")
PICTURE_TIP = "点击图片可按原始大小查看"


class UserGuide(QDialog):
    """Non-modal: the clerk reads and works in the editor at the same time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 政府信息公开年报编辑器")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)          # pictures open here at full size; web links in the browser
        self.browser.anchorClicked.connect(self._follow)
        self.picture_window: PictureWindow | None = None
        path = user_guide_path()
        self._folder = path.parent
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = f"找不到使用说明文件“{path}”。请重新复制程序文件夹，或向信息化部门索取。"
        # Pictures (screenshots/三.png) are found beside the guide.
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path)))
        self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self._fitted_to = 0
        self.browser.viewport().installEventFilter(self)       # the pictures follow the width of the page
        place_on_screen(self, GUIDE_SIZE)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            # Once the resize is through (a scroll bar coming or going resizes the page again).
            QTimer.singleShot(0, self, self._fit)
        return False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.browser.viewport().width() - 2 * int(self.browser.document().documentMargin()) - 4
        if width != self._fitted_to:
            self._fitted_to = width
            fit_pictures(self.browser.document(), self._folder, width)

    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and not url.path() and not url.scheme():      # a heading of the guide itself
            self.browser.scrollToAnchor(url.fragment())
            return
        target = self.browser.document().baseUrl().resolved(url)
        if target.isLocalFile() and Path(target.toLocalFile()).suffix.lower() in PICTURE_SUFFIXES:
            self.show_picture(Path(target.toLocalFile()))
        else:
            QDesktopServices.openUrl(target)

    def show_picture(self, path: Path) -> None:
        if self.picture_window is None:
            self.picture_window = PictureWindow(self)
        self.picture_window.show_file(path)


class PictureWindow(QDialog):
    """A screenshot of the guide at its own size (scrolling when the screen is smaller)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture = QLabel(self)
        area = QScrollArea(self)
        area.setWidget(self.picture)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        layout.addWidget(buttons)
        place_on_screen(self, PICTURE_SIZE)

    def show_file(self, path: Path) -> None:
        pixmap = QPixmap(str(path))
        if pixmap.isNull():
            self.picture.setText(f"无法显示图片“{path.name}”。")
        else:
            self.picture.setPixmap(pixmap)
        self.picture.adjustSize()
        self.setWindowTitle(f"{path.stem} — 使用说明")
        self.show()
        self.raise_()


def fit_pictures(document: QTextDocument, folder: Path, width: int) -> None:
    """Show every picture at most `width` wide (never wider than it is), keeping its proportions, as a link
    to itself: a click shows it at full size."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            picture = fragment.charFormat().toImageFormat()
            size = QImageReader(str(folder / picture.name())).size() if picture.isValid() else QSize()
            if size.isValid() and size.width() > 0:
                shown = min(width, size.width())
                picture.setWidth(shown)
                picture.setHeight(size.height() * shown / size.width())
                picture.setAnchor(True)
                picture.setAnchorHref(picture.name())
                picture.setToolTip(PICTURE_TIP)
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(picture)
            it += 1
        block = block.next()
