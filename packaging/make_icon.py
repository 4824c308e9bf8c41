"""Draw the application icon (a red 年报 document with a folded corner) into resources/icons/.

Run once after changing the design: python packaging/make_icon.py
Needs Pillow and a CJK font; the shipped WenQuanYi Micro Hei is used.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
RED = (200, 22, 29, 255)          # 中国红, the colour of official headers
DARK_RED = (150, 12, 18, 255)
WHITE = (255, 255, 255, 255)
SIZE = 1024                        # drawn large, scaled down for every icon size
WINDOW_ICON_SIZES = (16, 24, 32, 48, 64, 128)      # and 256: gik-editor.png


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    left, top, right, bottom, fold = 150, 60, 874, 964, 200
    sheet = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    d.polygon(sheet, fill=RED)
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=DARK_RED)
    # The red rule under the heading of a 红头文件.
    d.rectangle([left + 80, 610, right - 80, 640], fill=WHITE)
    for y in (730, 820):
        d.rectangle([left + 80, y, right - 80, y + 26], fill=(255, 255, 255, 170))
    font = ImageFont.truetype(str(FONT), 330)
    d.text(((left + right) / 2, 400), "年报", font=font, fill=WHITE, anchor="mm")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(OUT / "gik-editor.png")
    # The window icon, one PNG a size (read only when a size is needed); the .ico is the Windows program's.
    for size in WINDOW_ICON_SIZES:
        big.resize((size, size), Image.LANCZOS).save(OUT / f"gik-editor-{size}.png")
    big.save(OUT / "gik-editor.ico", sizes=[(s, s) for s in (*WINDOW_ICON_SIZES, 256)])


if __name__ == "__main__":
    main()
