"""The yardstick for bundle size and start-up time: the smallest PySide6 window with a QTabWidget,
bundled by packaging/reference.spec exactly as build.spec bundles the editor."""
import sys

from PySide6.QtWidgets import QApplication, QLabel, QTabWidget


def main() -> int:
    app = QApplication(sys.argv)
    tabs = QTabWidget()
    tabs.setWindowTitle("reference")
    for name in ("one", "two"):
        tabs.addTab(QLabel(name), name)
    tabs.resize(640, 480)
    tabs.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
