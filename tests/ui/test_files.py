"""Files in the window: save and reopen, the unsaved-changes dialog, bad files, recent files, drop, import, export."""
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from scripted_prompts import ScriptedPrompts

from gik_editor import storage
from ui.main_window import MainWindow
from ui.prompts import Prompts
from ui.report_doc import ReportDocument

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_TXT = ROOT / "tests" / "data" / "honghe-2020.txt"


@pytest.fixture
def window(make_window, sample):
    return make_window(sample)


def answer_files(window, *paths):
    window.prompts.files += [str(p) for p in paths]


def test_save_then_reopen_gives_an_equal_report(window, tmp_path, monkeypatch):
    window.doc.set_cells({"t3.new.research": 3})
    window.doc.set_meta("phone", "0573-83111111")
    window.doc.set_block_text("六", 0, "本年度未收取信息处理费。")
    answer_files(window, tmp_path / "洪合镇2020")
    assert window.files.save()                                   # no path yet: asks, adds .gik
    saved = tmp_path / "洪合镇2020.gik"
    assert window.doc.path == saved and not window.isWindowModified()
    expected = storage.to_dict(window.doc.report)
    window.doc.set_cells({"t3.new.research": None})
    assert window.files.open_path(saved)
    assert storage.to_dict(window.doc.report) == expected
    assert window.files.recent_files()[0] == str(saved.resolve())


def written_by_someone_else(path, organ_name):
    """Another clerk (or another editor window) saves the same file in the meantime."""
    other = storage.load(path)
    other.meta.organ_name = organ_name
    storage.save(other, path)
    later = path.stat().st_mtime + 5          # a coarse file-system clock must see it too
    os.utime(path, (later, later))


@pytest.mark.parametrize("choice", ["cancel", "overwrite", "save_as"])
def test_saving_over_a_file_changed_by_someone_else_asks_first(window, tmp_path, monkeypatch, choice):
    path = tmp_path / "洪合镇2020.gik"
    answer_files(window, path, tmp_path / "我的版本.gik")
    assert window.files.save()
    written_by_someone_else(path, "别人改过的机关名")
    window.doc.set_meta("organ_name", "我改的机关名")
    window.prompts.overwrite = choice
    assert window.files.save() is (choice != "cancel")
    assert window.prompts.asked.count("overwrite") == 1
    on_disk = storage.load(path).meta.organ_name
    if choice == "overwrite":
        assert on_disk == "我改的机关名" and not window.isWindowModified()
        window.doc.set_meta("phone", "0573-83111111")
        assert window.files.save() and window.prompts.asked.count("overwrite") == 1   # our own save is not someone else's change
    elif choice == "save_as":
        assert on_disk == "别人改过的机关名"
        assert storage.load(tmp_path / "我的版本.gik").meta.organ_name == "我改的机关名"
        assert window.doc.path == tmp_path / "我的版本.gik"
    else:
        assert on_disk == "别人改过的机关名" and window.isWindowModified()


def test_a_file_deleted_meanwhile_is_simply_saved_again(window, tmp_path, monkeypatch):
    path = tmp_path / "洪合镇2020.gik"
    answer_files(window, path)
    assert window.files.save()
    path.unlink()
    window.doc.set_meta("organ_name", "我改的机关名")
    assert window.files.save() and storage.load(path).meta.organ_name == "我改的机关名"


def test_unsaved_dialog_offers_save_dont_save_cancel(window, qtbot):
    window.prompts = Prompts(window)                        # the real dialog
    window.doc.set_meta("drafter", "张三")
    seen = {}

    def click(button_text):
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, lambda: click("取消"))
    window.close()
    assert window.isVisible()                               # 取消 keeps the window and the changes
    assert seen["buttons"] == sorted(["保存", "不保存", "取消"])
    assert "尚未保存" in seen["text"]
    QTimer.singleShot(0, lambda: click("不保存"))
    window.close()
    assert not window.isVisible()


def test_save_from_the_unsaved_dialog_writes_the_file(window, tmp_path, monkeypatch):
    path = tmp_path / "r.gik"
    storage.save(window.doc.report, path)
    window.doc.mark_saved(path)
    window.doc.set_meta("signer", "李四")
    window.prompts.unsaved = "save"
    window.files.new_file()
    assert storage.load(path).meta.signer == "李四"
    assert window.doc.report.meta.organ_name == ""           # the new empty report
    said = window.statusBar().currentMessage()
    assert said.startswith(f"新建了{window.doc.report.meta.year}年度的空白报告") and "以上年报告为模板新建" in said


def test_a_corrupt_file_keeps_the_current_report(window, tmp_path):
    bad = tmp_path / "坏文件.gik"
    bad.write_bytes(b'{"app": "gik_editor", "schema_version": 1, "format_id": "2021", "values": {"t3.new.natural": "x"}}')
    window.doc.set_cells({"t3.new.research": 3})
    before = storage.to_dict(window.doc.report)
    window.doc.undo_stack.setClean()
    assert not window.files.open_path(bad)
    assert window.prompts.errors and "坏文件.gik" in window.prompts.errors[0] and "损坏" in window.prompts.errors[0]
    assert storage.to_dict(window.doc.report) == before
    not_json = tmp_path / "x.gik"
    not_json.write_bytes(b"\x00\xffPK\x03\x04")
    assert not window.files.open_path(not_json)
    assert len(window.prompts.errors) == 2 and storage.to_dict(window.doc.report) == before


def test_a_file_that_cannot_be_written_is_reported(window, tmp_path):
    assert not window.files.save_to(tmp_path / "no such folder" / "r.gik")
    assert window.prompts.errors and "无法保存" in window.prompts.errors[0]
    assert window.isWindowModified() is False or window.doc.path is None


def test_recent_files_menu_reopens_and_forgets_missing_files(window, tmp_path, monkeypatch):
    a, b = tmp_path / "a.gik", tmp_path / "b.gik"
    storage.save(window.doc.report, a)
    assert window.files.save_to(b) and window.files.open_path(a)
    assert [Path(p).name for p in window.files.recent_files()] == ["a.gik", "b.gik"]
    window.files.fill_recent_menu()
    names = [act.text() for act in window.recent_menu.actions()]
    assert names[:2] == ["&1 a.gik", "&2 b.gik"]
    b.unlink()
    window.recent_menu.actions()[1].trigger()
    assert "已不存在" in window.prompts.errors[-1]
    assert [Path(p).name for p in window.files.recent_files()] == ["a.gik"]


def test_dropping_a_file_opens_it(window, qtbot, tmp_path):
    path = tmp_path / "dropped.gik"
    report = window.doc.report.copy()
    report.meta.organ_name = "拖放镇"
    storage.save(report, path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.doc.report.meta.organ_name == "拖放镇")
    assert window.doc.path == path


def test_a_dropped_word_97_file_says_how_to_import_it(window, qtbot, tmp_path):
    path = tmp_path / "洪合镇2020年报.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    before = window.doc.report
    window.dropEvent(event)
    qtbot.waitUntil(lambda: bool(window.prompts.errors))
    assert "另存为“Word 文档（*.docx）”后再导入" in window.prompts.errors[0]
    assert window.doc.report is before


def test_import_a_published_report_shows_the_log(window):
    window.doc.set_meta("organ_name", "别的机关")
    assert window.files.import_path(SAMPLE_TXT)
    assert window.doc.report.meta.organ_name == "洪合镇"
    assert window.doc.path is None and window.isWindowModified()   # imported, not yet saved
    assert window.prompts.logs and "honghe-2020.txt" in window.prompts.logs[0][0]
    assert not window.files.import_path(SAMPLE_TXT.with_suffix(".docx"))  # missing file: a message, nothing changes
    assert window.prompts.errors


def test_new_from_last_year_and_migration(window, tmp_path, monkeypatch):
    last = tmp_path / "2020.gik"
    storage.save(window.doc.report, last)
    window.doc.mark_saved(last)
    answer_files(window, last)
    window.files.new_from_last_year()
    report = window.doc.report
    assert (report.meta.year, report.format_id, report.meta.organ_name) == (2021, "2021", "洪合镇")
    assert window.doc.path is None and window.isWindowModified()
    assert window.prompts.logs and "2021年度" in window.prompts.logs[-1][0]

    window.doc.replace_report(storage.load(last), last)
    window.prompts.confirms = True
    window.files.convert_format()
    assert window.doc.report.format_id == "2021" and window.doc.report.meta.year == 2020
    assert window.doc.path is None                     # the 2019 file is never overwritten
    assert storage.load(last).format_id == "2019"
    assert not window.migrate_action.isEnabled()


def test_export_to_excel_and_a_refused_path(window, tmp_path):
    out = tmp_path / "r.xlsx"
    assert window.exports.export_to("xlsx", out)
    assert out.stat().st_size > 0
    assert "已导出" in window.statusBar().currentMessage()
    assert not window.exports.export_to("xlsx", tmp_path / "missing" / "r.xlsx")
    assert window.prompts.errors


@pytest.mark.parametrize("choice", ["file", "folder", ""])
def test_after_exporting_from_the_menu_the_file_or_its_folder_can_be_opened(window, tmp_path, monkeypatch, choice):
    from PySide6.QtGui import QDesktopServices
    opened = []
    answer_files(window, tmp_path / "年报")                  # the clerk typed no suffix
    window.prompts.open_exported = choice
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert window.exports.export("docx")
    out = tmp_path / "年报.docx"
    assert out.is_file()
    assert opened == {"file": [str(out)], "folder": [str(tmp_path)], "": []}[choice]


def test_no_program_to_open_the_export_is_said_not_a_failure(window, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    answer_files(window, tmp_path / "年报.pdf")
    window.prompts.open_exported = "file"
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert window.exports.export("pdf")
    assert window.prompts.errors and "没有可以打开" in window.prompts.errors[0] and "文件已导出" in window.prompts.errors[0]


def test_export_menu_offers_a_pdf_with_the_sign_off_block(window, tmp_path):
    import subprocess
    texts = [a.text() for m in window.menuBar().actions() if m.text().startswith("导出")
             for a in m.menu().actions()]
    assert any("签发稿" in t and "发文稿纸" in t for t in texts)
    plain, signed = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert window.exports.export_to("pdf", plain) and window.exports.export_to("pdf", signed, sign_off=True)
    text = lambda p: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True).stdout  # noqa: E731
    # the sign-off copy: the document as published, then the 发文稿纸 with 签发、审核、拟稿
    assert "发文稿纸" not in text(plain) and "发文稿纸" in text(signed)


def test_the_sign_off_copy_is_suggested_under_its_own_name(window, tmp_path):
    """导出 → PDF 签发稿 offers …-签发稿.pdf (as the command line and the print preview name it)."""
    answer_files(window, tmp_path / "x.pdf")
    window.prompts.open_exported = ""
    assert window.exports.export("pdf", sign_off=True)
    assert window.prompts.starts[-1].endswith("-签发稿.pdf")
    assert Path(window.prompts.starts[-1]).stem.removesuffix("-签发稿") == Path(window.files.suggested_name(".pdf", "")).stem


def test_the_problem_list_is_exported_even_with_errors_and_named_apart(window, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    window.doc.set_cells({"t3.new.natural": 6})                      # an error: no "export anyway?" for the list
    # (no confirmation is scripted: one would fail the test)
    answer_files(window, tmp_path / "清单")
    assert window.exports.export("findings")
    assert window.files.suggested_name(".xlsx", "（问题清单）").endswith("（问题清单）.xlsx")
    book = load_workbook(tmp_path / "清单.xlsx")
    report_row = list(book["报告"].iter_rows(values_only=True))[1]
    assert report_row[1:6] == (window.doc.report.meta.organ_name, 2020, "有错误", window.doc.error_count,
                               window.doc.warning_count)
    rows = list(book["问题明细"].iter_rows(values_only=True))[1:]
    assert [(r[5], r[4]) for r in rows] == [(f.rule, f.message) for f in window.doc.findings]


# ---- issue 20: the title, last year's file offered, the zeros folded, export folders per kind ---------------
def test_the_title_names_the_file_with_the_modified_mark(window, tmp_path):
    assert window.windowTitle() == "洪合镇 2020年度[*] — 政府信息公开年报编辑器"      # no file yet
    answer_files(window, tmp_path / "洪合镇2020-镇政府")
    assert window.files.save()
    assert window.windowTitle() == "洪合镇2020-镇政府.gik[*] — 政府信息公开年报编辑器"
    assert not window.isWindowModified()
    window.doc.set_cells({"t3.new.research": 3})
    assert window.isWindowModified()                   # shown as * where [*] stands
    answer_files(window, tmp_path / "洪合镇2020-党政办")
    assert window.files.save_as()                      # same office and year, another file: another title
    assert window.windowTitle() == "洪合镇2020-党政办.gik[*] — 政府信息公开年报编辑器"
    window.files.open_path(tmp_path / "洪合镇2020-镇政府.gik")
    assert window.windowTitle().startswith("洪合镇2020-镇政府.gik[*]")


@pytest.fixture
def this_year(monkeypatch):
    """Reports are being written for 2021 (so last year's is the sample's 2020)."""
    monkeypatch.setattr("ui.file_actions.default_year", lambda: 2021)


def test_new_from_last_year_offers_the_open_report_when_it_is_last_years(window, tmp_path, this_year):
    last = tmp_path / "洪合镇2020.gik"
    storage.save(window.doc.report, last)
    window.files.open_path(last)
    answer_files(window, "")
    window.files.new_from_last_year()
    assert window.prompts.starts[-1] == str(last)


def test_new_from_last_year_finds_last_years_file_among_the_recent_ones(window, tmp_path, this_year):
    """The open report is this year's (2021): offering it as its own template would be wrong."""
    from gik_editor.carryover import new_from_last_year
    folder = tmp_path / "年报"
    folder.mkdir()
    last = folder / "洪合镇2020.gik"
    storage.save(window.doc.report, last)
    window.files.open_path(last)
    current = tmp_path / "洪合镇2021.gik"
    storage.save(new_from_last_year(window.doc.report), current)
    window.files.open_path(current)
    answer_files(window, "")
    window.files.new_from_last_year()
    assert window.prompts.starts[-1] == str(last.resolve())
    # With no report of last year among them, the folder of the recent files.
    last.unlink()
    answer_files(window, "")
    window.files.new_from_last_year()
    assert window.prompts.starts[-1] == str(current.resolve().parent)


def test_the_note_of_a_new_report_from_last_year_folds_the_zeros(window, tmp_path):
    from gik_editor.migration import ZEROS_HEADING
    last = tmp_path / "2020.gik"
    storage.save(window.doc.report, last)
    window.files.open_path(last)
    assert window.statusBar().currentMessage().startswith("已打开")
    answer_files(window, last)
    window.files.new_from_last_year()
    assert window.statusBar().currentMessage() == ""          # nothing said about the report that was open
    shown, folded = window.prompts.logs[-1][1], window.prompts.folded[-1]
    assert shown[1].startswith("表三“（六）其他处理”分为") and not any(line.endswith("：0") for line in shown)
    assert folded[0] == ZEROS_HEADING and all(line.endswith("：0") for line in folded[1:])


def test_each_kind_of_export_starts_in_the_folder_it_last_went_to(window, tmp_path):
    pdfs, sheets = tmp_path / "公开平台", tmp_path / "报上级"
    pdfs.mkdir()
    sheets.mkdir()
    window.prompts.open_exported = ""
    answer_files(window, pdfs / "洪合镇.pdf")
    assert window.exports.export("pdf")
    answer_files(window, sheets / "洪合镇.xlsx")
    assert window.exports.export("xlsx")
    answer_files(window, "", "")
    window.exports.export("pdf")
    assert Path(window.prompts.starts[-1]).parent == pdfs and window.prompts.starts[-1].endswith(".pdf")
    window.exports.export("xlsx")
    assert Path(window.prompts.starts[-1]).parent == sheets
    # Remembered in the settings: a new window (tomorrow) starts there too.
    again = MainWindow(ReportDocument(window.doc.report), window.settings, tmp_path / "recovery", ScriptedPrompts())
    again.prompts.files.append("")
    again.exports.export("pdf")
    assert Path(again.prompts.starts[-1]).parent == pdfs
    again.close()
