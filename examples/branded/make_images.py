"""Draws this example's headshot and logo (no photos needed): run it to make them again.

    python examples/branded/make_images.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).parent
ORANGE = (247, 76, 0)


def headshot(size: int = 512) -> Image.Image:
    """A stylised portrait: warm backdrop, shoulders, a face with hair, soft light."""
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):  # backdrop: a warm vertical gradient
        t = y / size
        draw.line([(0, y), (size, y)], fill=(round(250 - 40 * t), round(196 - 70 * t), round(150 - 60 * t)))
    s = size / 512
    draw.ellipse([90 * s, 360 * s, 422 * s, 700 * s], fill=(38, 52, 77))  # shoulders (a jacket)
    draw.polygon([(216 * s, 372 * s), (256 * s, 450 * s), (296 * s, 372 * s)], fill=(240, 236, 230))  # collar
    draw.rectangle([226 * s, 300 * s, 286 * s, 384 * s], fill=(196, 140, 108))  # neck
    draw.ellipse([160 * s, 120 * s, 352 * s, 340 * s], fill=(214, 160, 126))  # face
    draw.chord([150 * s, 92 * s, 362 * s, 300 * s], 180, 360, fill=(58, 36, 26))  # hair
    draw.ellipse([150 * s, 150 * s, 190 * s, 240 * s], fill=(58, 36, 26))
    draw.ellipse([322 * s, 150 * s, 362 * s, 240 * s], fill=(58, 36, 26))
    for x in (214, 298):  # eyes
        draw.ellipse([(x - 9) * s, 222 * s, (x + 9) * s, 238 * s], fill=(45, 32, 28))
    draw.arc([220 * s, 250 * s, 292 * s, 300 * s], 20, 160, fill=(150, 70, 60), width=round(6 * s))  # smile
    # A headshot is framed tight: the face fills most of the round crop.
    tight = image.crop((round(104 * s), round(72 * s), round(408 * s), round(376 * s))).resize((size, size))
    return tight.filter(ImageFilter.GaussianBlur(1.6 * s))


def logo(size: int = 256) -> Image.Image:
    """An orange rounded square with a white chevron mark, on transparency."""
    scale = 4
    big = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    n = size * scale
    draw.rounded_rectangle([0, 0, n - 1, n - 1], radius=n * 0.24, fill=ORANGE)
    w = round(n * 0.11)
    draw.line([(n * 0.28, n * 0.30), (n * 0.50, n * 0.50), (n * 0.28, n * 0.70)], fill="white", width=w, joint="curve")
    draw.line([(n * 0.56, n * 0.70), (n * 0.74, n * 0.70)], fill="white", width=w)
    return big.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    headshot().save(HERE / "specs" / "brand" / "me.jpg", quality=90)
    logo().save(HERE / "specs" / "brand" / "logo.png")
