"""The yardstick for start-up time and bundle size (issues 3 and 7): the smallest PySide6 window
like the editor's, a 1280×820 main window holding a QTabWidget with the editor's seven Chinese
tab names. benchmarks/bench_startup.py starts it from source as it starts main.py, and
packaging/reference.spec bundles it exactly as build.spec bundles the editor."""
import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

TABS = ("基本信息", "一、总体情况", "二、主动公开", "三、依申请公开", "四、复议诉讼", "五、问题与改进", "六、其他事项")


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("reference")
    tabs = QTabWidget()
    for name in TABS:
        tabs.addTab(QWidget(), name)
    window.setCentralWidget(tabs)
    window.resize(1280, 820)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
