"""帮助 → 使用说明: the user guide opens in the editor, offline, with its picture."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QTextDocument

from gik_editor.resources import user_guide_path


def test_f1_opens_the_user_guide_with_its_headings_and_its_picture_fitted(make_window):
    w = make_window()
    action = next(a for m in w.menuBar().actions() for a in m.menu().actions() if a.text() == "使用说明(&U)")
    assert QKeySequence("F1") in action.shortcuts()
    action.trigger()
    guide = w.user_guide
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    assert "一、开始一份报告" in text and "六、快捷键一览" in text and "以上年报告为模板新建" in text
    doc = guide.browser.document()
    picture = doc.resource(QTextDocument.ResourceType.ImageResource, doc.baseUrl().resolved("screenshots/三.png"))
    assert picture is not None and not picture.isNull()          # found beside the guide, as shipped
    assert guide.browser.horizontalScrollBar().maximum() == 0     # the 1280 px screenshot fits, shown smaller
    action.trigger()
    assert w.user_guide is guide                                  # the same window again, not a second one


def shown_pictures(browser):
    """(format, its position) of every picture in the guide."""
    out = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                out.append((fmt.toImageFormat(), it.fragment().position()))
            it += 1
        block = block.next()
    return out


def test_the_screenshot_is_as_wide_as_the_window_allows_and_a_click_shows_it_at_full_size(make_window, qtbot):
    """Issue 20, item 11: shown at 640 px, the 1280 px screenshot could not be read."""
    w = make_window()
    w.show_user_guide()
    guide = w.user_guide
    guide.resize(1100, 800)
    qtbot.waitExposed(guide)
    room = guide.browser.viewport().width()
    qtbot.waitUntil(lambda: shown_pictures(guide.browser)[0][0].width() >= room - 60)
    picture, position = shown_pictures(guide.browser)[0]
    assert picture.width() <= room and guide.browser.horizontalScrollBar().maximum() == 0
    assert picture.isAnchor() and picture.anchorHref().endswith("三.png")
    guide.resize(700, 800)                          # a narrower window: the picture follows
    qtbot.waitUntil(lambda: shown_pictures(guide.browser)[0][0].width() < 700)
    cursor = guide.browser.textCursor()
    cursor.setPosition(position)
    rect = guide.browser.cursorRect(cursor)
    qtbot.mouseClick(guide.browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(40, 0))
    shown = guide.picture_window
    assert shown is not None and shown.isVisible()
    assert shown.picture.pixmap().width() == 1280                   # at its own size
    assert "三" in shown.windowTitle()


def test_a_missing_guide_is_said_in_chinese(make_window, monkeypatch, tmp_path):
    import ui.user_guide
    monkeypatch.setattr(ui.user_guide, "user_guide_path", lambda: tmp_path / "user-guide.md")
    w = make_window()
    w.show_user_guide()
    assert "找不到使用说明文件" in w.user_guide.browser.toPlainText()


def test_the_guide_is_where_the_program_looks_for_it_with_every_picture_it_shows():
    import re
    guide = user_guide_path()
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide.read_text("utf-8"))
    assert "screenshots/三.png" in pictures and "screenshots/问题提示.png" in pictures
    assert all((guide.parent / p).is_file() for p in pictures)
