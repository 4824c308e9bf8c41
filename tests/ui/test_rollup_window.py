"""文件 → 汇总下级单位报告…: folder chosen, progress shown, units listed with their statuses, 综合 report made."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from gik_editor import storage
from gik_editor.cli import main as cli
from tests.test_rollup import TOWNS, towns_folder


def folder_with_a_broken_and_a_faulty_unit(tmp_path) -> tuple[Path, Path]:
    folder = towns_folder(tmp_path)
    faulty = storage.load(folder / f"{TOWNS[1]}.gik")
    faulty.values["t3.new.natural"] = 9                 # 收到9件, 办理结果只有2件: an error in 表三
    storage.save(faulty, folder / f"{TOWNS[1]}.gik")
    (folder / "坏文件.gik").write_text("{不是JSON", encoding="utf-8")
    roster = tmp_path / "名单.txt"
    roster.write_text(f"{TOWNS[0]}\n新塍镇\n{TOWNS[2]}\n油车港镇\n", encoding="utf-8")
    return folder, roster


def test_rollup_window_lists_units_and_makes_the_cli_total(make_window, tmp_path, qtbot):
    folder, roster = folder_with_a_broken_and_a_faulty_unit(tmp_path)
    w = make_window()
    w.prompts.rollup_source = (str(folder), str(roster), 0)
    seen = []

    def look():                                         # runs while the files are read
        bar = w.findChild(QProgressDialog)
        seen.append((bar.isVisible(), bar.maximum(), bar.labelText()))
    QTimer.singleShot(0, look)
    w.start_rollup()
    assert seen and seen[0][:2] == (True, 4) and "共4份" in seen[0][2]
    rw = w.rollup_window
    assert rw is not None and rw.isVisible()
    table = rw.table
    rows = {table.item(r, 1).text(): (table.item(r, 0).text(), table.item(r, 3).text())
            for r in range(table.rowCount())}
    # (the sample report has warnings of its own: D15 blank cells and the like)
    assert rows == {TOWNS[0]: ("有警告", "0"), "新塍镇": ("有错误", rows["新塍镇"][1]),
                    TOWNS[2]: ("有警告", "0"), "油车港镇": ("未提交", "")}
    assert int(rows["新塍镇"][1]) >= 1
    assert not table.item(0, 0).icon().isNull()
    notes = rw.notes.toPlainText()
    assert "未提交报告的单位（1个）：油车港镇" in notes and "坏文件.gik" in notes

    created = rw.create_total()
    out = tmp_path / "cli.gik"
    assert cli(["rollup", str(folder), "--roster", str(roster), "-o", str(out)]) == 2     # (the broken file)
    assert storage.to_dict(created.doc.report) == storage.to_dict(storage.load(out))
    assert created.isWindowModified() and created.doc.path is None

    book = tmp_path / "汇总.xlsx"
    w.prompts.files = [str(book)]
    rw.export_workbook()
    assert book.exists() and not w.prompts.errors

    own = storage.load(out)                             # the county's own report, one figure typed wrong
    own.values["t3.open.natural"] = 99
    storage.save(own, tmp_path / "own.gik")
    w.prompts.files = [str(tmp_path / "own.gik")]
    lines = rw.check_own_report()
    assert lines and "综合报告为99" in lines[0] and "无法判定" in lines[0]   # (油车港镇 sent nothing)
    assert "1处不一致" in w.prompts.logs[-1][0]


def test_the_year_chosen_leaves_the_other_years_named(make_window, tmp_path):
    folder, _ = folder_with_a_broken_and_a_faulty_unit(tmp_path)
    w = make_window()
    w.prompts.rollup_source = (str(folder), "", 2021)
    w.start_rollup()
    assert w.rollup_window is None and "不是2021年度的" in w.prompts.errors[-1]


def test_double_click_opens_the_unit_report_without_its_file(make_window, tmp_path, qtbot):
    folder, _ = folder_with_a_broken_and_a_faulty_unit(tmp_path)
    w = make_window()
    w.prompts.rollup_source = (str(folder), "", 0)
    w.start_rollup()
    rw = w.rollup_window
    row = next(r for r in range(rw.table.rowCount()) if rw.table.item(r, 1).text() == TOWNS[1])
    rect = rw.table.visualItemRect(rw.table.item(row, 1))
    qtbot.mouseClick(rw.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(rw.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(rw.opened) == 1
    opened = rw.opened[-1]
    assert opened.doc.report.meta.organ_name == TOWNS[1]
    assert opened.doc.path is None                      # saved only under a new name: its file stays as sent
    assert "只读" in opened.windowTitle()


def test_keyboard_only_and_cancel(make_window, tmp_path, qtbot):
    folder, _ = folder_with_a_broken_and_a_faulty_unit(tmp_path)
    w = make_window()
    w.prompts.rollup_source = (str(folder), "", 0)

    def cancel():
        bar = w.findChild(QProgressDialog)
        if bar is not None:
            bar.cancel()
    QTimer.singleShot(0, cancel)                        # 取消 pressed while the files are read
    w.start_rollup()
    assert w.rollup_window is None and "已取消" in w.statusBar().currentMessage()

    w.prompts.rollup_source = (str(folder), "", 0)
    w.start_rollup()
    rw = w.rollup_window
    rw.table.setFocus()
    qtbot.keyClick(rw.table, Qt.Key.Key_Down)
    qtbot.keyClick(rw.table, Qt.Key.Key_Return)         # Enter opens the unit like a double-click
    assert rw.opened and rw.opened[-1].doc.report.meta.organ_name == rw.table.item(rw.table.currentRow(), 1).text()


def test_a_folder_that_cannot_be_rolled_up_says_why(make_window, tmp_path):
    w = make_window()
    (tmp_path / "空").mkdir()
    w.prompts.rollup_source = (str(tmp_path / "空"), "", 0)
    w.start_rollup()
    assert w.rollup_window is None and "没有年报文件" in w.prompts.errors[-1]
    w.prompts.rollup_source = None
    w.start_rollup()
    assert len(w.prompts.errors) == 1


def test_setup_dialog_gives_folder_roster_and_year(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from ui.rollup_window import RollupSetup, ask_source

    def fill_and_start():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RollupSetup) and w.isVisible())
        dialog.roster.setText(str(tmp_path / "名单.txt"))
        dialog.year.setValue(2024)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, fill_and_start)
    assert ask_source(None, str(tmp_path)) == (str(tmp_path), str(tmp_path / "名单.txt"), 2024)

    def cancel():
        next(w for w in QApplication.topLevelWidgets() if isinstance(w, RollupSetup) and w.isVisible()).reject()
    QTimer.singleShot(0, cancel)
    assert ask_source(None, str(tmp_path)) is None
