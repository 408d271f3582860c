"""The floor: the least a Python + Pillow program can do to make the same
number of 1200x1200 text cards — open a font, draw a few lines on a plain
background, save each as PNG with Pillow's default settings. postimages is
measured as a multiple of this, which holds across machines.

Usage: python bench/floor.py OUT_DIR [COUNT]
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parent.parent / "fonts" / "inter" / "Inter-Regular.otf"
SIZE = (1200, 1200)


def draw_card(number: int, font: ImageFont.FreeTypeFont) -> Image.Image:
    image = Image.new("RGB", SIZE, (18, 22, 33))
    draw = ImageDraw.Draw(image)
    draw.text((72, 72), f"Card {number}: a title line", font=font, fill=(240, 240, 245))
    for row in range(12):
        draw.text((72, 200 + row * 70), f"Line {row + 1} of body text, value {number * 7 + row}",
                  font=font, fill=(180, 186, 200))
    return image


def main() -> None:
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    out.mkdir(parents=True, exist_ok=True)
    font = ImageFont.truetype(str(FONT), 44)
    for number in range(1, count + 1):
        draw_card(number, font).save(out / f"card-{number}.png")


if __name__ == "__main__":
    main()
