"""帮助 → 使用说明: the user guide (docs/user-guide.md) in a window of its own, offline."""
from __future__ import annotations

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QImageReader, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gik_editor.resources import user_guide_path

from .window_size import place_on_screen

GUIDE_SIZE = QSize(900, 800)
PICTURE_WIDTH = 640          # the screenshots are 1280 px wide: shown smaller, whole, also on a small screen


class UserGuide(QDialog):
    """Non-modal: the clerk reads and works in the editor at the same time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 政府信息公开年报编辑器")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        path = user_guide_path()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = f"找不到使用说明文件“{path}”。请重新复制程序文件夹，或向信息化部门索取。"
        # Pictures (screenshots/三.png) are found beside the guide.
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path)))
        self.browser.setMarkdown(text)
        fit_pictures(self.browser.document(), path.parent, PICTURE_WIDTH)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        place_on_screen(self, GUIDE_SIZE)


def fit_pictures(document: QTextDocument, folder, width: int) -> None:
    """Show every picture wider than `width` at that width, keeping its proportions."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            picture = fragment.charFormat().toImageFormat()
            size = QImageReader(str(folder / picture.name())).size() if picture.isValid() else QSize()
            if size.width() > width:
                picture.setWidth(width)
                picture.setHeight(size.height() * width / size.width())
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(picture)
            it += 1
        block = block.next()
