"""Screenshots of the real editor window, one PNG per tab: python tools/screenshots.py FILE OUTDIR

Runs offscreen (no display needed). The PNGs are named after the tabs:
基本信息.png, 一.png … 六.png. Chinese must render: on a machine without a
Chinese font the editor's own fallback (resources/fonts) is used, as for a clerk.
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
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
