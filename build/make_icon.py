"""Draws the application icon (resources/icons/skm-desktop.png and .ico).

Run: QT_QPA_PLATFORM=offscreen python build/make_icon.py
A clipboard with a tick and a smile: "survey of satisfaction", readable at 16 px.
"""

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    # rounded badge
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#0f6e56")))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    # clipboard sheet
    p.setBrush(QBrush(QColor("#ffffff")))
    p.drawRoundedRect(QRectF(58, 46, 140, 172), 16, 16)
    p.setBrush(QBrush(QColor("#f2b705")))
    p.drawRoundedRect(QRectF(94, 30, 68, 34), 12, 12)
    # smile
    pen = QPen(QColor("#0f6e56"), 16, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPoint(QPointF(104, 100))
    p.drawPoint(QPointF(152, 100))
    path = QPainterPath(QPointF(96, 132))
    path.quadTo(QPointF(128, 168), QPointF(160, 132))
    p.drawPath(path)
    # tick bar (the survey result)
    p.setPen(QPen(QColor("#f2b705"), 14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(92, 192), QPointF(164, 192))
    p.end()
    return img


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts/painting need it
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "skm-desktop.png"))
    tmp = []
    for s in SIZES:
        f = OUT / f"_tmp_{s}.png"
        draw(s).save(str(f))
        tmp.append(f)
    # Qt writes .ico with a single size only; ImageMagick packs all sizes into one .ico
    import subprocess

    subprocess.run(["convert", *map(str, tmp), str(OUT / "skm-desktop.ico")], check=True)
    for f in tmp:
        f.unlink()
    print(f"ikon ditulis ke {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
