"""Start the editor: the application object, Chinese fonts and translations, the first window, recovery."""
from __future__ import annotations

import gc
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSize, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from gik_editor import storage
from gik_editor.filetypes import SUFFIXES
from gik_editor.report import Report
from gik_editor.resources import resource_path
from gik_editor.storage import GikFileError

from .autosave import Recovery, find_orphans
from .main_window import APP_TITLE, MainWindow
from .report_doc import ReportDocument

APP_NAME = "gik_editor"
FONT_FILE = "wqy-microhei.ttc"
# The window icon: gik-editor-16.png … and gik-editor.png (256), by packaging/make_icon.py. Given with
# their sizes, Qt reads a file only when that size is wanted (reading the .ico decodes every size, ~2 ms).
WINDOW_ICONS = {16: "gik-editor-16.png", 24: "gik-editor-24.png", 32: "gik-editor-32.png", 48: "gik-editor-48.png",
                64: "gik-editor-64.png", 128: "gik-editor-128.png", 256: "gik-editor.png"}

_windows: list[MainWindow] = []     # every open window, so none is garbage-collected while shown


def setup_application(app: QApplication) -> None:
    """Names (they place settings and recovery copies), Chinese dialogs, a Chinese font, the icon."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)      # 确定/取消, the file dialog and the text editors' context menus
    app.installTranslator(QtWordsMissing(app))     # (installed last, asked first)
    ensure_chinese_font(app)
    icon = QIcon()
    for size, name in WINDOW_ICONS.items():     # a missing file is simply skipped
        icon_path = resource_path("icons", name)
        if icon_path.is_file():
            icon.addFile(str(icon_path), QSize(size, size))
    if not icon.isNull():
        app.setWindowIcon(icon)


class QtWordsMissing(QTranslator):
    """The words of Qt's own dialogs that its Chinese catalogue lacks: Qt 6.12 gave two labels of the file
    dialog an accelerator (&Look in:, Files of &type:), so they are new words, and showed in English."""

    WORDS = {("QFileDialog", "&Look in:"): "查找范围(&L)：", ("QFileDialog", "Files of &type:"): "文件类型(&T)："}

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None is Qt's null string, "not mine": the next catalogue is asked ("" would be a translation).
        return self.WORDS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def ensure_chinese_font(app: QApplication) -> None:
    """Office PCs without a Chinese font would show boxes: fall back to the shipped WenQuanYi Micro Hei."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return
    path = resource_path("fonts", FONT_FILE)
    if not path.is_file():
        return
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        from PySide6.QtGui import QFont
        font = QFont(app.font())
        font.setFamilies([families[0], *font.families()])
        app.setFont(font)


def _show_unexpected_error(kind, value, tb) -> None:
    """An unforeseen error is reported in Chinese instead of silently killing the window."""
    text = "".join(traceback.format_exception(kind, value, tb))
    print(text, file=sys.stderr)
    if QApplication.instance() is None:
        return
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE,
                      "程序遇到了意外的问题，刚才的操作没有完成。您已输入的内容仍在窗口中，"
                      "建议立即保存（文件 → 另存为）。")
    box.setDetailedText(text)
    box.exec()


def open_window(path: Path | None = None) -> MainWindow:
    """A new shown window with `path` open (or a new empty report, also when `path` cannot be read)."""
    # A readable report file is read first, so the window is built once, for it, and not for an
    # empty report that is then replaced (start-up). Imports and unreadable files go through
    # open_path, which reports what went wrong once the window is there.
    report = _read_report(path)
    window = MainWindow(ReportDocument(report, path) if report is not None else None)
    _windows.append(window)
    if window.start_maximized:
        window.showMaximized()
    else:
        window.show()
    if report is not None and path is not None:
        window.files.opened(path)
    elif path is not None:
        window.files.open_path(path, ask=False)
    else:
        window.files.say_new_report()
    return window


def _read_report(path: Path | None) -> Report | None:
    if path is None or path.suffix.lower() in SUFFIXES:
        return None
    try:
        return storage.load(path)
    except GikFileError:
        return None


def ask_restore(window: MainWindow, orphan: Recovery) -> str:
    """'restore', 'discard' or 'later' for one recovery copy."""
    from PySide6.QtWidgets import QMessageBox  # (not on the start-up path: PySide6 builds a class when first named)
    box = QMessageBox(QMessageBox.Icon.Question, "恢复未保存的修改",
                      f"上次编辑器没有正常关闭（可能是断电或程序出错）。“{orphan.name}”"
                      f"有未保存的修改，自动保存于 {orphan.saved_at.replace('T', ' ')}。", parent=window)
    box.setInformativeText("是否恢复这些修改？")
    restore = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("丢弃", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("以后再说", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore else "discard" if clicked is discard else "later"


def offer_recovery(window: MainWindow, orphans: list[Recovery], ask=ask_restore) -> None:
    """Ask about each copy left by an editor that did not close normally; restore the chosen ones."""
    for orphan in orphans:
        choice = ask(window, orphan)
        if choice == "restore":
            free = not window.doc.is_modified() and window.doc.path in (None, orphan.original)
            restore_into(window if free else open_window(), orphan)
        elif choice == "discard":
            orphan.discard()
        else:
            orphan.release()


def restore_into(window: MainWindow, orphan: Recovery) -> None:
    """Show a recovered report as unsaved changes to its file; its copy now belongs to this window."""
    window.files.adopt_unsaved(orphan.report, orphan.original)
    orphan.discard()
    window.statusBar().showMessage("已恢复上次未保存的修改，请核对后保存。", 0)


def run(argv: list[str] | None = None) -> int:
    """python main.py [FILE]"""
    argv = sys.argv[1:] if argv is None else argv
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0], *[a for a in argv if a.startswith("-")]])
    setup_application(app)
    sys.excepthook = _show_unexpected_error
    files = [a for a in argv if not a.startswith("-")]
    window = open_window(Path(files[0]) if files else None)
    orphans = find_orphans()
    if orphans:
        QTimer.singleShot(0, lambda: offer_recovery(window, orphans))
    QTimer.singleShot(0, _collect_garbage_from_now_on)
    return app.exec()


def _collect_garbage_from_now_on() -> None:
    """main.py starts the editor with the collector off: what start-up made stays, so it is frozen out of every
    later collection, and the collector goes back on. (The few hundred unreachable objects start-up leaves,
    measured, stay too: cheaper than the 7 ms full collection that would find them.)"""
    gc.freeze()
    gc.enable()
