"""The editor window as a clerk uses it: tabs, title and modified mark, problems panel, status bar, editing keys."""
from pathlib import Path

from clean_reports import clean_report
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from gik_editor.formats import SECTION_TITLES
from ui.main_window import META_TAB, TAB_KEYS
from ui.problems_panel import PLACE


def type_chinese(widget, text):
    """What a Chinese input method sends when the clerk picks a word."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_seven_tabs_with_the_official_headings(make_window, sample):
    w = make_window(sample)
    assert w.tabs.count() == 7
    assert w.tabs.tabText(0) == "基本信息"
    assert w.tabs.tabText(1) == "一、总体情况"
    for i, key in enumerate(TAB_KEYS):
        page = w.show_tab(key)
        assert w.tabs.currentIndex() == i
        if key != META_TAB:
            assert w.tabs.tabToolTip(i) == SECTION_TITLES[key]
            texts = [label.text() for label in page.findChildren(type(w.error_label))]
            assert SECTION_TITLES[key] in texts
    assert set(w.table_views) == {"二", "三", "四"}


def test_title_names_organ_and_year_and_the_modified_mark_follows_undo(make_window, sample):
    w = make_window(sample)
    assert w.windowTitle().startswith("洪合镇 2020年度")
    assert w.windowTitle().endswith("— 政府信息公开年报编辑器")
    assert not w.isWindowModified()
    w.doc.set_cells({"t3.new.natural": 7})
    assert w.isWindowModified()
    w.undo_action.trigger()
    assert not w.isWindowModified()
    w.redo_action.trigger()
    assert w.isWindowModified()
    w.doc.set_meta("organ_name", "新丰镇")
    assert w.windowTitle().startswith("新丰镇 2020年度")


def test_a_new_window_holds_an_empty_2021_report_for_last_year(make_window):
    from datetime import date
    w = make_window()
    year = date.today().year - 1
    assert w.doc.report.meta.year == year
    assert w.doc.report.format_id == ("2021" if year >= 2021 else "2019")
    assert w.doc.report.values == {}
    assert f"未命名 {year}年度" in w.windowTitle()


def test_breaking_table_three_lists_T3_1_and_a_double_click_selects_the_cell(make_window, qtbot, sample):
    w = make_window(sample)
    assert "T3-1" not in [f.rule for f in w.problems.findings()]
    w.doc.set_cells({"t3.carry_in.business": 4})
    rules = [f.rule for f in w.problems.findings()]
    assert "T3-1" in rules
    assert w.error_label.text() == f"错误 {w.doc.error_count} 项" and w.doc.error_count >= 1
    row = rules.index("T3-1")
    tree = w.problems.tree
    item = tree.topLevelItem(row)
    assert "商业企业" in item.text(PLACE)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.tabs.currentIndex() == TAB_KEYS.index("三")
    view = w.table_views["三"]
    cell = w.problems.findings()[row].cells[0]
    assert view.currentIndex() == view.table_model.index_of(cell)
    assert cell.endswith(".business")


def test_a_new_finding_is_scrolled_into_view_in_a_scrolled_problems_list(make_window, sample):
    """Issue 20, item 5: the clerk had scrolled the list down; the error he just made showed nowhere."""
    from gik_editor.carryover import new_from_last_year
    w = make_window(new_from_last_year(sample))
    tree = w.problems.tree
    w.resize(1280, 700)
    QApplication.processEvents()
    bar = tree.verticalScrollBar()
    assert bar.maximum() > 0, "the list must be longer than the panel for this test"
    bar.setValue(bar.maximum())
    w.doc.set_cells({"t3.new.natural": 3, "t3.open.natural": 9})        # more results than applications: T3-1
    QApplication.processEvents()
    rows = [i for i, f in enumerate(w.problems.findings()) if f.rule == "T3-1"]
    assert rows
    item = tree.topLevelItem(rows[0])
    assert tree.viewport().rect().contains(tree.visualItemRect(item))
    # A keystroke that changes no finding leaves the list where it is.
    bar.setValue(bar.maximum())
    w.doc.set_cells({"t3.new.business": 1, "t3.open.business": 1})
    QApplication.processEvents()
    assert bar.value() == bar.maximum()


def test_a_text_finding_jumps_to_its_editor(make_window, qtbot, sample):
    w = make_window(sample)
    rows = [i for i, f in enumerate(w.problems.findings()) if f.cells and f.cells[0] == "text.五.3"]
    assert rows
    w.problems.activate_row(rows[0])
    assert w.tabs.currentIndex() == TAB_KEYS.index("五")
    editor = w.text_sections["五"][0].editors[3].editor
    qtbot.waitUntil(editor.hasFocus)


def test_status_bar_counts_follow_the_findings(make_window, sample):
    w = make_window(sample)
    assert w.warning_label.text().strip() == f"警告 {w.doc.warning_count} 项"
    w.doc.set_report_attr("money_unit", "元")       # answers the T2o-5 warning
    assert w.warning_label.text().strip() == f"警告 {w.doc.warning_count} 项"
    assert "T2o-5" not in [f.rule for f in w.problems.findings()]


def test_copy_and_paste_go_to_the_focused_table(make_window, qtbot, sample):
    w = make_window(sample)
    w.show_tab("三")
    view = w.table_views["三"]
    view.select_cell("t3.new.natural")
    qtbot.waitUntil(view.hasFocus)
    w.copy_action.trigger()
    assert QGuiApplication.clipboard().text().strip() == w.doc.display("t3.new.natural")
    QGuiApplication.clipboard().setText("9")
    view.select_cell("t3.new.research")
    w.paste_action.trigger()
    assert w.doc.value("t3.new.research") == 9
    w.clear_action.trigger()
    assert w.doc.value("t3.new.research") is None
    w.undo_action.trigger()
    assert w.doc.value("t3.new.research") == 9


def test_ctrl_z_in_a_field_undoes_the_document(make_window, qtbot, sample):
    w = make_window(sample)
    w.show_tab(META_TAB)
    edit = w.meta_form.organ
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.end(False)
    type_chinese(edit, "人民")
    type_chinese(edit, "政府")
    assert w.doc.report.meta.organ_name == "洪合镇人民政府"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.report.meta.organ_name == "洪合镇"        # typing in one field is one step
    assert edit.text() == "洪合镇"
    qtbot.keyClick(edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.report.meta.organ_name == "洪合镇人民政府"


def test_the_problems_panel_can_be_hidden_and_shown(make_window, sample):
    w = make_window(sample)
    w.doc.set_cells({"t3.new.natural": 6})            # the findings, and the panel's title, change
    toggle = w.problems_dock.toggleViewAction()
    assert w.problems_dock.windowTitle() == f"问题（{len(w.doc.findings)}）"
    assert toggle.text() == "问题面板(&P)" and toggle.shortcut().toString() == "F8"
    assert w.problems_dock.isVisible()
    toggle.trigger()
    assert not w.problems_dock.isVisible()
    toggle.trigger()
    assert w.problems_dock.isVisible()


def test_f7_walks_through_the_problems_and_shows_each(make_window, qtbot, sample):
    w = make_window(sample)
    w.doc.set_cells({"t3.new.natural": 6})            # an error first, then the sample's warnings
    findings = w.problems.findings()
    w.windowHandle().requestActivate()          # shortcuts work in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.show_tab(META_TAB)
    w.meta_form.organ_type.setFocus()         # F7, unlike F4, is not a combo box's own key
    w.problems_dock.hide()
    qtbot.keyClick(w.meta_form.organ_type, Qt.Key.Key_F7)
    assert w.problems_dock.isVisible()
    assert w.tabs.currentIndex() == TAB_KEYS.index("三")
    assert w.table_views["三"].table_model.spec(w.table_views["三"].currentIndex()).id == findings[0].cells[0]
    qtbot.keyClick(w, Qt.Key.Key_F7)
    assert w.problems.tree.currentIndex().row() == 1
    qtbot.keyClick(w, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert w.problems.tree.currentIndex().row() == len(findings) - 1     # round the top to the last one
    # Fixing the finding in view: F4 goes on with the one that takes its place.
    qtbot.keyClick(w, Qt.Key.Key_F7)
    w.doc.set_cells({"t3.new.natural": 5})
    assert len(w.problems.findings()) == len(findings) - 2
    qtbot.keyClick(w, Qt.Key.Key_F7)
    assert w.problems.tree.currentIndex().row() == 0


def test_f7_with_no_problems_says_so(make_window):
    w = make_window(clean_report())
    assert not w.doc.findings
    messages = []
    w.statusBar().messageChanged.connect(messages.append)
    w.views.go_to_problem(1)
    assert messages == ["没有需要处理的问题。"]


def test_refused_cell_input_is_shown_in_the_status_bar(make_window, sample):
    w = make_window(sample)
    w.show_tab("三")
    view = w.table_views["三"]
    view.statusMessage.emit("只能填写不小于0的整数")
    assert w.statusBar().currentMessage() == "只能填写不小于0的整数"


def test_a_status_message_goes_once_the_next_edit_or_undo_makes_it_stale(make_window, sample, qtbot):
    """Issue 20, item 2: "已粘贴6个单元格" stayed after the paste was undone."""
    from PySide6.QtGui import QGuiApplication
    w = make_window(sample)
    view = w.show_tab("三") and w.table_views["三"]
    view.select_cell("t3.new.business")
    QGuiApplication.clipboard().setText("1\t2\n3\t4\n")
    view.paste()
    assert w.statusBar().currentMessage() == "已粘贴 4 个单元格。"
    w.undo_action.trigger()
    assert w.statusBar().currentMessage() == ""
    view.statusMessage.emit("合计由系统自动计算，不能清除。")
    w.doc.set_cells({"t3.new.research": 2})          # the next edit
    assert w.statusBar().currentMessage() == ""


def test_every_menu_entry_has_an_access_key_and_no_two_share_a_shortcut(make_window):
    """Issue 20, item 11: 以上年报告为模板新建, 导入 and 打印预览 had no shortcut; 撤销/重做 no access key."""
    w = make_window()
    seen = {}
    for menu in (a.menu() for a in w.menuBar().actions()):
        keys = []
        for action in menu.actions():
            if action.isSeparator() or not action.text() or action.menu() is None and action.text()[:1] in "基一二三四五六":
                continue
            assert "&" in action.text(), action.text()
            keys.append(action.text().split("&")[1][:1].upper())
            for shortcut in action.shortcuts():
                assert shortcut.toString() not in seen, (action.text(), seen.get(shortcut.toString()))
                seen[shortcut.toString()] = action.text()
        assert len(keys) == len(set(keys)), (menu.title(), keys)
    assert {"Ctrl+Shift+N", "Ctrl+I", "Ctrl+Shift+P", "Ctrl+Q"} <= set(seen)
    assert seen["Ctrl+Shift+N"] == "以上年报告为模板新建(&L)…"


def test_opening_the_sample_from_the_help_menu(make_window):
    w = make_window()
    w.files.open_sample()
    assert w.doc.report.meta.organ_name == "洪合镇"
    assert w.doc.path is None            # changes go to a new file, never over the shipped sample
    assert not w.isWindowModified()


def test_every_menu_is_chinese_with_the_usual_shortcuts(make_window):
    w = make_window()
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "导出(&X)", "帮助(&H)"]
    shortcuts = {a.shortcut().toString() for m in w.menuBar().actions() for a in m.menu().actions()}
    assert {"Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+Z", "Ctrl+Y", "Ctrl+C", "Ctrl+V", "Ctrl+P",
            "Del"} <= shortcuts
    assert w.undo_action.text() == "撤销(&U)"


def test_delete_in_a_field_deletes_a_character_not_cells(make_window, qtbot, sample):
    w = make_window(sample)
    w.show_tab(META_TAB)
    edit = w.meta_form.organ
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.setCursorPosition(0)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert w.doc.report.meta.organ_name == "合镇"
    assert w.doc.value("t3.new.natural") == 5
    w.show_tab("六")
    text = w.text_sections["六"][0].editors[0].editor
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    text.moveCursor(text.textCursor().MoveOperation.Start)
    qtbot.keyClick(text, Qt.Key.Key_Delete)
    assert w.doc.report.sections["六"].intro.text == ""


def test_start_up_does_not_load_the_heavy_libraries(tmp_path):
    import os
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.app import open_window, setup_application\n"
        "app = QApplication(['x'])\n"
        "setup_application(app)\n"
        f"window = open_window(__import__('pathlib').Path({str(root / 'examples' / 'honghe-2020.gik')!r}))\n"
        "app.processEvents()\n"
        "assert window.doc.report.meta.organ_name == '洪合镇'\n"
        "heavy = ('openpyxl', 'reportlab', 'docx', 'ui.print_preview', 'PySide6.QtPdf', 'gik_editor.importers')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_about_names_the_version(make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gik_editor.version import VERSION
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    make_window().about()
    assert shown and shown[0][0] == "关于" and VERSION in shown[0][1]
