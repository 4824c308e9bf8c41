"""The finding tip as a clerk uses it: the mouse rests on a red cell (or on a paragraph's findings), the tip says
what is wrong and offers 标记为已核对… / 取消已核对 / 以0填充空白单元格; it never takes the focus from typing."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QCursor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu

from gik_editor.rules import FILL_ZEROS
from tests.ui.test_colours import contrast
from ui import zoom
from ui.finding_tip import shown_tip
from ui.problems_panel import LEVEL, MESSAGE, RULE
from ui.review_actions import MARK, UNMARK
from ui.table_model import ERROR_BRUSH

BROKEN = "t3.carry_in.business"         # 4 brought forward by 商业企业 that never applied: T3-1, an error


def hover(qtbot, widget, pos: QPoint):
    """The mouse moved onto `pos` of `widget` and left there: Qt's own hover delay brings the tip."""
    qtbot.mouseMove(widget, pos + QPoint(4, 1))           # (Qt waits for a rest only after a move)
    QCursor.setPos(widget.mapToGlobal(pos))
    qtbot.mouseMove(widget, pos)
    qtbot.waitUntil(lambda: shown_tip(widget) is not None and shown_tip(widget).shows_for(widget, pos), timeout=5000)
    return shown_tip(widget)


def red_cell(make_window, sample):
    w = make_window(sample)
    w.resize(1280, 860)
    w.doc.set_cells({BROKEN: 4})
    w.show_tab("三")
    view = w.table_views["三"]
    index = view.table_model.index_of(BROKEN)
    view.scrollTo(index)
    view.setFocus()
    QApplication.processEvents()
    finding = next(f for f in w.doc.findings_for(BROKEN) if f.severity == "error")
    return w, view, index, finding


def hover_cell(qtbot, view, index):
    return hover(qtbot, view.viewport(), view.visualRect(index).center())


def button(tip, text):
    return next(b for b in tip.buttons() if b.text() == text)


def test_the_tip_of_a_red_cell_marks_it_checked_with_a_reason_and_unmarks_it(make_window, sample, qtbot):
    w, view, index, finding = red_cell(make_window, sample)
    assert view.table_model.data(index, Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    errors = w.doc.error_count
    assert w.error_label.text() == f"错误 {errors} 项" and errors >= 1
    tip = hover_cell(qtbot, view, index)
    assert finding.message in tip.text() and finding.rule in tip.text()
    assert [b.text() for b in tip.buttons()] == [MARK]
    assert not tip.isActiveWindow() and QApplication.focusWidget() is view      # the grid keeps the focus
    rule = next(label for label in tip.findChildren(QLabel) if label.text().endswith(finding.rule))
    assert contrast(rule.palette().color(QPalette.ColorRole.WindowText),
                    tip.palette().color(QPalette.ColorRole.Window)) >= 4.5       # secondary, still readable

    w.prompts.reasons = ["结转的4件是上年商业企业的申请，已核实"]
    qtbot.mouseClick(button(tip, MARK), Qt.MouseButton.LeftButton)
    assert not tip.isVisible()
    assert w.prompts.reason_asked == [finding.message]
    assert w.doc.error_count == errors - 1 and w.error_label.text() == f"错误 {errors - 1} 项"
    assert view.table_model.data(index, Qt.ItemDataRole.BackgroundRole) != ERROR_BRUSH
    panel = w.problems
    row = next(i for i, f in enumerate(panel.findings()) if f.rule == finding.rule and f.reviewed)
    item = panel.tree.topLevelItem(row)
    assert "已核对" in item.text(LEVEL) and "结转的4件是上年商业企业的申请" in item.text(MESSAGE)
    assert item.text(RULE) == finding.rule
    assert item.foreground(MESSAGE).color() != panel.tree.topLevelItem(0).foreground(MESSAGE).color()
    assert "已核对 1 项" in w.problems_dock.windowTitle()

    # the mouse rests there again: the tip says it is checked, and why, and offers to take the mark away
    tip = hover_cell(qtbot, view, index)
    assert "已核对" in tip.text() and "结转的4件是上年商业企业的申请" in tip.text()
    qtbot.mouseClick(button(tip, UNMARK), Qt.MouseButton.LeftButton)
    assert w.doc.error_count == errors and w.doc.reviewed_count == 0
    assert QApplication.focusWidget() is view                   # the click did not take the focus either
    assert view.table_model.data(index, Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH


def test_resting_on_another_cell_shows_that_cells_findings_only(make_window, sample, qtbot):
    w, view, index, finding = red_cell(make_window, sample)
    hover_cell(qtbot, view, index)
    total = view.table_model.index_of("t3.carry_in.total")          # the 总计 column is broken too
    others = w.doc.findings_for("t3.carry_in.total")
    assert others and finding not in others
    tip = hover_cell(qtbot, view, total)
    assert all(f.message in tip.text() for f in others) and finding.message not in tip.text()
    assert len(tip.buttons()) == len(others)


def test_the_tip_goes_when_the_findings_change_under_it_and_a_plain_cell_keeps_its_tooltip(make_window, sample,
                                                                                             qtbot):
    w, view, index, _finding = red_cell(make_window, sample)
    tip = hover_cell(qtbot, view, index)
    w.doc.set_cells({BROKEN: None})              # (a paste, an undo from the menu): what it said is stale
    assert not tip.isVisible()
    plain = view.table_model.index_of("t3.new.natural")
    assert not view.show_finding_tip(plain)
    assert "自然人" in view.table_model.data(plain, Qt.ItemDataRole.ToolTipRole)


def test_cancelling_the_reason_leaves_the_finding_open(make_window, sample, qtbot):
    w, view, index, finding = red_cell(make_window, sample)
    errors, steps = w.doc.error_count, w.doc.undo_stack.count()
    tip = hover_cell(qtbot, view, index)
    w.prompts.reasons = [None]                                   # 取消 in the reason dialog
    qtbot.mouseClick(button(tip, MARK), Qt.MouseButton.LeftButton)
    assert w.prompts.reason_asked == [finding.message]
    assert w.doc.error_count == errors and w.doc.reviewed_count == 0 and w.doc.undo_stack.count() == steps


def test_a_mark_made_in_the_tip_reopens_when_the_cell_changes(make_window, sample, qtbot):
    w, view, index, finding = red_cell(make_window, sample)
    tip = hover_cell(qtbot, view, index)
    w.prompts.reasons = ["已核实"]
    qtbot.mouseClick(button(tip, MARK), Qt.MouseButton.LeftButton)
    assert w.doc.reviewed_count == 1
    w.doc.set_cells({BROKEN: 5})                                 # another number: the reviewer has not seen it
    assert w.doc.reviewed_count == 0 and any(f.severity == "error" for f in w.doc.findings_for(BROKEN))
    tip = hover_cell(qtbot, view, index)
    assert finding.rule in [f.rule for f in tip.findings] and not any(f.reviewed for f in tip.findings)
    assert {b.text() for b in tip.buttons()} == {MARK}


def test_the_tip_stays_over_itself_and_goes_when_the_mouse_leaves_or_on_esc(make_window, sample, qtbot):
    w, view, index, _finding = red_cell(make_window, sample)
    tip = hover_cell(qtbot, view, index)
    # on its way to the button, and resting on the tip: it stays
    QCursor.setPos(tip.frameGeometry().center())
    qtbot.wait(800)
    assert tip.isVisible()
    # away from the cell and the tip: it goes
    QCursor.setPos(view.viewport().mapToGlobal(QPoint(2, 2)))
    qtbot.waitUntil(lambda: not tip.isVisible(), timeout=3000)
    # Esc closes the tip and nothing else
    tip = hover_cell(qtbot, view, index)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not tip.isVisible() and w.isVisible()


def test_typing_in_a_cell_keeps_the_focus_and_the_tip_gets_out_of_the_way(make_window, sample, qtbot):
    w, view, index, _finding = red_cell(make_window, sample)
    other = view.table_model.index_of("t3.new.natural")
    view.setCurrentIndex(other)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)                           # typing opens the cell's editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "1"
    tip = hover_cell(qtbot, view, index)
    assert QApplication.focusWidget() is editor and not tip.isActiveWindow()
    qtbot.keyClick(editor, Qt.Key.Key_2)
    assert editor.text() == "12" and not tip.isVisible()


def test_the_keyboard_reaches_the_actions_through_the_cells_context_menu(make_window, sample, qtbot):
    w, view, index, finding = red_cell(make_window, sample)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)      # (or the menu key)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and view.visualRect(index).contains(view.viewport().mapFromGlobal(menu.pos()))
    actions = {a.text(): a for a in menu.actions()}
    assert MARK in actions
    w.prompts.reasons = ["已核实"]
    actions[MARK].trigger()
    menu.close()
    assert w.prompts.reason_asked == [finding.message] and w.doc.reviewed_count == 1
    assert UNMARK in [a.text() for a in view.context_menu(view.currentIndex()).actions()]
    # a cell without findings offers only the editing actions
    plain = [a.text() for a in view.context_menu(view.table_model.index_of("t3.new.natural")).actions() if a.text()]
    assert plain == ["复制", "粘贴", "清除"]


def test_a_blank_cell_offers_fill_with_zeros_in_its_tip(make_window, sample, qtbot):
    w = make_window(sample)
    w.resize(1280, 860)
    w.show_tab("四")
    view = w.table_views["四"]
    blank = next(f for f in w.doc.findings if f.rule == "D15" and f.severity == "info"
                 and f.cells[0].startswith("t4.")).cells
    index = view.table_model.index_of(blank[0])
    view.scrollTo(index)
    QApplication.processEvents()
    tip = hover_cell(qtbot, view, index)
    assert [b.text() for b in tip.buttons()] == [MARK, FILL_ZEROS]
    steps = w.doc.undo_stack.count()
    qtbot.mouseClick(button(tip, FILL_ZEROS), Qt.MouseButton.LeftButton)
    assert all(w.doc.report.values[c] == 0 for c in blank)
    assert w.doc.undo_stack.count() == steps + 1


def test_the_findings_under_a_paragraph_show_the_tip_too(make_window, sample, qtbot):
    w = make_window(sample)
    w.resize(1280, 860)
    w.show_tab("五")
    block = w.text_sections["五"][0].editors[3]
    findings = w.doc.findings_for("text.五.3")
    assert len(findings) >= 2
    area = block.findings_label
    w.page("五").ensureWidgetVisible(area)
    QApplication.processEvents()
    tip = hover(qtbot, area, area.rect().center())
    assert all(f.message in tip.text() for f in findings)
    assert [b.text() for b in tip.buttons()] == [MARK] * len(findings)
    w.prompts.reasons = ["本段是上级要求的统一表述"]
    qtbot.mouseClick(tip.buttons()[1], Qt.MouseButton.LeftButton)
    assert w.prompts.reason_asked == [findings[1].message]
    assert w.doc.reviewed_count == 1 and "已核对（本段是上级要求的统一表述）" in area.text()
    # and from the keyboard: the editor's context menu holds the same actions, one sub-menu per finding
    block.editor.setFocus()
    qtbot.keyClick(block.editor, Qt.Key.Key_Menu)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    subs = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert len(subs) == len(findings)
    now = w.doc.findings_for("text.五.3")
    assert [[a.text() for a in sub.actions()] for sub in subs] == [[UNMARK] if f.reviewed else [MARK] for f in now]
    w.prompts.reasons = ["已核实"]
    next(sub for sub, f in zip(subs, now) if not f.reviewed).actions()[0].trigger()
    assert w.doc.reviewed_count == 2
    menu.close()


@pytest.fixture
def zoomed(qapp):
    zoom.set_zoom(150)
    yield
    zoom.set_zoom(100)


def test_at_150_percent_every_word_of_the_tip_shows(make_window, sample, qtbot, zoomed):
    w, view, index, finding = red_cell(make_window, sample)
    tip = hover_cell(qtbot, view, index)
    base = QApplication.font().pointSizeF()
    labels = [label for label in tip.findChildren(QLabel) if label.text()]
    assert all(label.font().pointSizeF() >= base for label in labels)
    for label in labels:
        assert label.heightForWidth(label.width()) <= label.height(), label.text()
    for b in tip.buttons():
        assert b.sizeHint().width() <= b.width() and b.sizeHint().height() <= b.height()
    screen = view.screen().availableGeometry()
    assert screen.contains(tip.frameGeometry())


def test_the_tip_reads_in_a_dark_theme(make_window, sample, qtbot, qapp):
    before = qapp.palette()
    dark = QPalette(before)
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#f0f0f0"),
                         (QPalette.ColorRole.Button, "#353535"), (QPalette.ColorRole.ButtonText, "#f0f0f0"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#f0f0f0")):
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    try:
        w, view, index, finding = red_cell(make_window, sample)
        tip = hover_cell(qtbot, view, index)
        image = tip.grab().toImage()
        message = next(label for label in tip.findChildren(QLabel) if finding.message in label.text())
        ground = QColor(image.pixel(tip.width() - 3, tip.height() // 2))
        assert ground.lightness() < 80                  # the theme's dark ground…
        assert message.palette().color(QPalette.ColorRole.WindowText).lightness() > 200      # …light words
        at = message.mapTo(tip, QPoint(0, 0))
        light = sum(QColor(image.pixel(x, y)).lightness() > 160
                    for x in range(at.x(), at.x() + message.width(), 2)
                    for y in range(at.y(), at.y() + message.height(), 2))
        assert light > 50, "the message is not drawn light on the dark tip"
        rule = next(label for label in tip.findChildren(QLabel) if label.text().endswith(finding.rule))
        secondary = rule.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(secondary, tip.palette().color(QPalette.ColorRole.Window)) >= 4.5
    finally:
        qapp.setPalette(before)


def test_a_row_of_the_problems_panel_shows_the_tip_with_the_whole_message(make_window, sample, qtbot):
    w, _view, _index, finding = red_cell(make_window, sample)
    panel = w.problems
    row = next(i for i, f in enumerate(panel.findings()) if f == finding)
    item = panel.tree.topLevelItem(row)
    panel.tree.scrollToItem(item)
    QApplication.processEvents()
    tip = hover(qtbot, panel.tree.viewport(), panel.tree.visualItemRect(item).center())
    assert finding.message in tip.text() and "表三" in tip.text()
    w.prompts.reasons = ["已核实"]
    qtbot.mouseClick(button(tip, MARK), Qt.MouseButton.LeftButton)
    assert w.prompts.reason_asked == [finding.message] and w.doc.reviewed_count == 1
    last = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert "已核对（已核实）" in last.text(MESSAGE)


def test_the_tip_gives_the_two_numbers_and_the_difference_the_message_leaves_out(make_window, sample, qtbot):
    from gik_editor.findings import ERROR, Finding
    from ui.finding_tip import tip_for
    w, view, index, _finding = red_cell(make_window, sample)
    bare = Finding("T3-1", ERROR, (BROKEN,), 0, 4, "两个数不一致。")
    tip = tip_for(view)
    tip.show_for(view.viewport(), view.visualRect(index), w.doc, [bare])
    assert "应为 0，实际为 4，相差 4。" in tip.text()


def test_words_that_look_like_markup_are_shown_as_typed(make_window, sample, qtbot):
    w, view, index, finding = red_cell(make_window, sample)
    reason = "<b>不是粗体</b><img src='x.png'>"
    w.doc.mark_reviewed(finding, reason)
    tip = hover_cell(qtbot, view, index)
    assert reason in tip.text()
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in tip.findChildren(QLabel) if label.text())


def test_right_clicking_a_red_cell_offers_the_mark_after_the_editing_actions(make_window, sample, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    w, view, index, finding = red_cell(make_window, sample)
    seen = []

    def look_and_close():
        menu = QApplication.activePopupWidget()
        seen.append([a.text() for a in menu.actions() if a.text()])
        menu.close()
    QTimer.singleShot(200, look_and_close)
    at = view.visualRect(index).center()
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                              view.viewport().mapToGlobal(at)))
    findings = w.doc.findings_for(BROKEN)
    assert seen[0][:3] == ["复制", "粘贴", "清除"] and view.currentIndex() == index
    # one finding: its action in the menu; several: a sub-menu each
    assert seen[0][3:] == ([MARK] if len(findings) == 1 else [f.message[:24] + "…" for f in findings])
