"""Draw the 错误 / 警告 / 提示 icons of the problems panel and the status bar into resources/icons/.

    python tools/make_severity_icons.py

Our own small PNGs instead of QStyle.standardIcon: they look the same on every system, and naming
QStyle costs PySide6 ~4 ms of enum building at start-up (docs/performance.md). Each size is drawn
on its own pixel grid, so 16 px is as sharp as 48 px.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48)
COLOURS = {"error": "#d32f2f", "warning": "#f2a900", "info": "#1e6fd9"}


def draw(kind: str, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 16                       # drawn on a 16-unit grid
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(COLOURS[kind]))
    if kind == "warning":
        path = QPainterPath()
        path.moveTo(8 * s, 1 * s)
        path.lineTo(15.5 * s, 14.5 * s)
        path.lineTo(0.5 * s, 14.5 * s)
        path.closeSubpath()
        p.drawPath(path)
        p.setBrush(QColor("#1a1a1a"))
        p.drawRect(QRectF(7.1 * s, 5 * s, 1.8 * s, 5.4 * s))
        p.drawEllipse(QPointF(8 * s, 12.4 * s), 1.05 * s, 1.05 * s)
    else:
        p.drawEllipse(QRectF(0.5 * s, 0.5 * s, 15 * s, 15 * s))
        p.setPen(QPen(QColor("white"), 2 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        if kind == "error":
            p.drawLine(QPointF(5.2 * s, 5.2 * s), QPointF(10.8 * s, 10.8 * s))
            p.drawLine(QPointF(10.8 * s, 5.2 * s), QPointF(5.2 * s, 10.8 * s))
        else:
            p.drawLine(QPointF(8 * s, 7.2 * s), QPointF(8 * s, 11.8 * s))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("white"))
            p.drawEllipse(QPointF(8 * s, 4.4 * s), 1.1 * s, 1.1 * s)
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    QFont()                              # (a font database, so QPainter has one even offscreen)
    for kind in COLOURS:
        for size in SIZES:
            target = OUT / f"{kind}-{size}.png"
            if not draw(kind, size).save(str(target)):
                print(f"无法写入 {target}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
