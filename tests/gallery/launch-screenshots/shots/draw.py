"""Draws this post's screenshots (a dashboard and a phone notification), so no real capture is needed.

    python tests/gallery/launch-screenshots/shots/draw.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).parent


def dashboard(width: int = 1600, height: int = 1000) -> Image.Image:
    image = Image.new("RGB", (width, height), (22, 24, 29))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 56], fill=(32, 35, 41))
    for i in range(4):  # stat tiles
        x = 32 + i * (width - 64) // 4
        draw.rounded_rectangle([x, 88, x + (width - 64) // 4 - 24, 230], 10, fill=(36, 40, 48))
        draw.rounded_rectangle([x + 24, 120, x + 150, 140], 6, fill=(90, 96, 110))
        draw.rounded_rectangle([x + 24, 160, x + 110 + 30 * i, 200], 8, fill=(115, 191, 105) if i != 2 else (255, 152, 48))
    panel = [32, 262, width - 32, height - 32]
    draw.rounded_rectangle(panel, 12, fill=(30, 33, 40))
    for k in range(1, 5):  # grid lines
        y = panel[1] + k * (panel[3] - panel[1]) // 5
        draw.line([(panel[0] + 20, y), (panel[2] - 20, y)], fill=(44, 48, 56), width=2)
    top, bottom = panel[1] + 40, panel[3] - 40
    points = [(panel[0] + 30 + i * (panel[2] - panel[0] - 60) / 96,
               bottom - (bottom - top) * (0.35 + 0.18 * math.sin(i / 7) + 0.08 * math.sin(i / 2.3)))
              for i in range(97)]
    draw.line(points, fill=(115, 191, 105), width=5, joint="curve")
    limit = bottom - (bottom - top) * 0.78
    draw.line([(panel[0] + 30, limit), (panel[2] - 30, limit)], fill=(242, 73, 92), width=3)
    return image


def phone(width: int = 1170, height: int = 2532) -> Image.Image:
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # a lock-screen wallpaper
        t = y / height
        draw.line([(0, y), (width, y)], fill=(round(40 + 60 * t), round(30 + 20 * t), round(90 + 40 * t)))
    draw.rounded_rectangle([width * 0.36, 40, width * 0.64, 120], 40, fill=(0, 0, 0))  # the island
    draw.rounded_rectangle([330, 380, 840, 560], 30, fill=(255, 255, 255, 200))  # the clock, as a block
    for i in range(3):  # notifications
        y = 1100 + i * 300
        draw.rounded_rectangle([60, y, width - 60, y + 250], 48, fill=(236, 236, 242))
        draw.rounded_rectangle([100, y + 50, 220, y + 170], 28, fill=(247, 76, 0) if i == 0 else (120, 130, 150))
        draw.rounded_rectangle([260, y + 60, 760 - 80 * i, y + 100], 14, fill=(40, 40, 48))
        draw.rounded_rectangle([260, y + 130, 980 - 60 * i, y + 160], 12, fill=(120, 120, 132))
    return image


if __name__ == "__main__":
    dashboard().save(HERE / "dashboard.png", optimize=True)
    phone().save(HERE / "phone.png", optimize=True)
