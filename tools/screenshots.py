"""Screenshots of the real editor window, one PNG per tab: python tools/screenshots.py FILE OUTDIR

Runs offscreen (no display needed). The PNGs are named after the tabs:
基本信息.png, 一.png … 六.png, and 问题提示.png shows the finding tip (with its
标记为已核对… button) over the worst cell that has a finding, when one has.
Chinese must render: on a machine without a Chinese font the editor's own
fallback (resources/fonts) is used, as for a clerk.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WIDTH, HEIGHT = 1280, 860
TIP_SHOT = "问题提示.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a .gik report (or a file the editor can import)")
    parser.add_argument("outdir", help="folder for the PNG files")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.app import setup_application
    from ui.main_window import TAB_KEYS, MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    setup_application(app)
    scratch = Path(tempfile.mkdtemp(prefix="gik-shots-"))
    # A private settings file and recovery folder: screenshots never touch the user's own.
    window = MainWindow(settings=QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat),
                        recovery_folder=scratch / "recovery")
    errors: list[str] = []
    window.prompts.show_error = lambda title, message: errors.append(message)    # (said on stderr instead)
    window.resize(WIDTH, HEIGHT)
    window.show()
    if not window.files.open_path(Path(args.file), ask=False):
        print(errors[0] if errors else f"cannot open {args.file}", file=sys.stderr)
        return 2
    window.doc.undo_stack.setClean()          # an imported file would otherwise ask on close
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for key in TAB_KEYS:
        window.show_tab(key)
        for _ in range(3):                     # word-wrapped labels settle over a few layout passes
            app.processEvents()
        path = out / f"{key}.png"
        if not window.grab().save(str(path)):
            print(f"cannot write {path}", file=sys.stderr)
            return 2
        print(path)
    shot = finding_tip_shot(window, app)
    if shot is not None:
        path = out / TIP_SHOT
        if not shot.save(str(path)):
            print(f"cannot write {path}", file=sys.stderr)
            return 2
        print(path)
    window.close()
    return 0


def finding_tip_shot(window, app):
    """The window with the finding tip of the worst cell that has a finding, as the clerk sees it when the
    mouse rests there (the tip is a window of its own: it is drawn over the window's picture where it shows).
    None when no cell has a finding."""
    from PySide6.QtGui import QCursor, QPainter

    from ui.finding_tip import shown_tip
    report = window.doc.report
    cell = next((f.cells[0] for f in window.doc.findings                # worst first
                 if f.cells and f.cells[0] in report.format.cells), None)
    if cell is None:
        return None
    key = report.format.table_of(cell).section
    window.show_tab(key)
    view = window.table_views[key]
    index = view.table_model.index_of(cell)
    view.scrollTo(index)
    for _ in range(3):
        app.processEvents()
    QCursor.setPos(view.viewport().mapToGlobal(view.visualRect(index).center()))
    view.show_finding_tip(index)
    app.processEvents()
    tip = shown_tip(view)
    if tip is None:
        return None
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(window.mapFromGlobal(tip.pos()), tip.grab())
    painter.end()
    tip.hide()
    return picture


if __name__ == "__main__":
    sys.exit(main())
