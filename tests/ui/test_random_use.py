"""A clerk in a hurry: hundreds of random edits in the real window, typed and pasted, right and wrong.

After every step what the window shows still agrees with the report (problems, counts, text, metadata);
at the end, undoing everything gives back the opened report exactly, redoing everything gives back the
edited one, and the saved file reads back equal. Any exception in a Qt slot fails the test (pytest-qt).
"""
import json
import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication
from typing_helpers import open_editor

from gik_editor import storage
from gik_editor.carryover import new_from_last_year
from ui import zoom

CELL_TEXTS = ("0", "7", "12", "1,234", "１２", "-3", "+4", "3.5", "abc", "十二", "—", "/", " ", "",
              "99999999999999999999999", "1e5", "0x1F", "５", "00012", "-", "1 234")
TEXT_PIECES = ("本年度", "我镇", "。", "2021年", "abc", "，", "\t", "《条例》", "😀", "槜美洪合", " ")
TABLES = ("二", "三", "四")
TEXT_TABS = ("一", "五", "六")


def enter_text(qtbot, widget, text):
    """Latin letters and digits as keys; Chinese (and the rest) as a 拼音 input method commits them."""
    if text.isascii() and text.isprintable():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def type_in_cell(qtbot, rng, window):
    key = rng.choice(TABLES)
    window.show_tab(key)
    view = window.table_views[key]
    model = view.table_model
    cell = rng.choice([c.id for c in model.table.cells])
    view.select_cell(cell)
    text = rng.choice(CELL_TEXTS)
    if not text:
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        return
    enter_text(qtbot, view, text[0])
    editor = open_editor(view)
    if editor is not None:                       # a total opens no editor
        enter_text(qtbot, editor, text[1:])
        qtbot.keyClick(editor, rng.choice((Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape)))
    QApplication.processEvents()


def paste_block(qtbot, rng, window):
    key = rng.choice(TABLES)
    window.show_tab(key)
    view = window.table_views[key]
    view.select_cell(rng.choice([c.id for c in view.table_model.table.cells]))
    rows = [[rng.choice(CELL_TEXTS) for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 5))]
    QGuiApplication.clipboard().setText("\n".join("\t".join(r) for r in rows) + rng.choice(("", "\n", "\r\n")))
    view.paste()


def type_text(qtbot, rng, window):
    key = rng.choice(TEXT_TABS)
    window.show_tab(key)
    section = window.text_sections[key][0]
    editor = rng.choice(list(section.editors.values())).editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(rng.randint(0, len(editor.toPlainText())))
    editor.setTextCursor(cursor)
    for _ in range(rng.randint(1, 3)):
        enter_text(qtbot, editor, rng.choice(TEXT_PIECES))
    qtbot.keyClick(editor, rng.choice((Qt.Key.Key_Return, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_End)))


def edit_meta(qtbot, rng, window):
    window.show_tab("基本信息")
    form = window.meta_form
    choice = rng.randrange(3)
    if choice == 0:
        edit = rng.choice(list(form.edits.values()))
        edit.setFocus()
        enter_text(qtbot, edit, rng.choice(TEXT_PIECES))
    elif choice == 1:
        form.organ_type.setCurrentIndex(rng.randrange(form.organ_type.count()))
    else:
        form.year.setValue(rng.choice((2019, 2020, 2021, 2030)))


def undo_or_redo(qtbot, rng, window):
    for _ in range(rng.randint(1, 4)):
        (window.undo_action if rng.random() < 0.6 else window.redo_action).trigger()


def replace_words(qtbot, rng, window):
    window.views.find_replace()
    dialog = window.views.find_dialog
    dialog.find_edit.setText(rng.choice(TEXT_PIECES + ("2020年", "我镇", "。")).strip() or "。")
    dialog.replace_edit.setText(rng.choice(TEXT_PIECES))
    rng.choice((dialog.replace_all, dialog.find_next, dialog.replace))()


def zoom_or_draft_preamble(qtbot, rng, window):
    window.show_tab("基本信息")
    window.meta_form.confirm_replace = lambda current: rng.random() < 0.5
    rng.choice((lambda: window.views.zoom(rng.choice((-1, 0, 1))), window.meta_form.draft_button.click))()


ACTIONS = (type_in_cell, type_in_cell, type_in_cell, paste_block, type_text, type_text, edit_meta, undo_or_redo,
           replace_words, zoom_or_draft_preamble)


def check_window_agrees_with_report(window):
    doc = window.doc
    assert window.problems.findings() == doc.findings
    assert window.error_label.text() == f"错误 {doc.error_count} 项"
    for key, sections in window.text_sections.items():
        for section in sections:
            blocks = doc.report.sections[key].blocks()
            for index, block_editor in section.editors.items():
                assert block_editor.editor.toPlainText() == blocks[index].text
    if window.meta_form is not None:
        for field, edit in window.meta_form.edits.items():
            assert edit.text() == getattr(doc.report.meta, field)
        assert window.meta_form.year.value() == doc.report.meta.year
        assert window.meta_form.preamble.toPlainText() == doc.report.preamble


@pytest.fixture(autouse=True)
def normal_size():
    yield
    zoom.set_zoom(100)          # the walks zoom; the application font is shared by every test


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("kind", ["2019 sample", "2021 from it"])
def test_random_editing_keeps_window_report_and_history_consistent(make_window, qtbot, sample, tmp_path, seed, kind):
    rng = random.Random(seed)
    window = make_window(sample if kind == "2019 sample" else new_from_last_year(sample))
    window.resize(1280, 820)
    opened = storage.to_dict(window.doc.report)
    for _ in range(120):
        rng.choice(ACTIONS)(qtbot, rng, window)
        check_window_agrees_with_report(window)
    edited = storage.to_dict(window.doc.report)
    if window.doc.is_modified():                 # what a power cut now would leave behind
        window.autosave.write_now()
        copy = json.loads(window.autosave.path.read_text("utf-8"))
        assert storage.to_dict(storage.from_dict(copy["report"])) == edited
    stack = window.doc.undo_stack
    reached = stack.index()               # (the walk may end with steps undone: those stay undone)
    while stack.canUndo():
        stack.undo()
    check_window_agrees_with_report(window)
    assert storage.to_dict(window.doc.report) == opened
    while stack.index() < reached:
        stack.redo()
    check_window_agrees_with_report(window)
    assert storage.to_dict(window.doc.report) == edited
    assert window.files.save_to(tmp_path / "after.gik")
    assert storage.to_dict(storage.load(tmp_path / "after.gik")) == edited
    assert window.prompts.errors == []


# ---- whole-file operations between the edits ---------------------------------------------------
def save_and_reopen(qtbot, rng, window, folder):
    path = folder / f"r{rng.randrange(3)}.gik"
    assert window.files.save_to(path)
    expected = storage.to_dict(window.doc.report)
    assert window.files.open_path(path)
    assert storage.to_dict(window.doc.report) == expected and not window.isWindowModified()


def carry_into_next_year(qtbot, rng, window, folder):
    last = folder / "last.gik"
    assert window.files.save_to(last)
    window.prompts.files.append(str(last))
    window.files.new_from_last_year()
    if window.prompts.errors:       # refused, and said why: a 2021-format report of 2019 cannot start a 2020 report
        assert window.prompts.errors.pop() == "2020年度报告应使用2019年试行格式，不能由2021年格式的报告新建。"
        assert not window.isWindowModified()
        return
    assert window.doc.report.meta.year == storage.load(last).meta.year + 1 and window.isWindowModified()


def migrate(qtbot, rng, window, folder):
    was_2019 = window.doc.report.format_id == "2019"
    window.files.convert_format()
    assert window.doc.report.format_id == "2021"
    assert window.isWindowModified() or not was_2019


FILE_ACTIONS = (save_and_reopen, carry_into_next_year, migrate)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_between_saving_reopening_carrying_and_migrating(make_window, qtbot, sample, tmp_path,
                                                                       monkeypatch, seed):
    rng = random.Random(seed)
    window = make_window(sample)
    window.resize(1280, 820)
    window.prompts.confirms = True
    for step in range(150):
        if step % 25 == 24:
            rng.choice(FILE_ACTIONS)(qtbot, rng, window, tmp_path)
        else:
            rng.choice(ACTIONS)(qtbot, rng, window)
        check_window_agrees_with_report(window)
    assert window.prompts.errors == []

