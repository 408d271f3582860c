"""Drawing primitives with smooth edges.

Pillow draws shapes without antialiasing, so every shape is drawn as a mask
at SUPERSAMPLE times the size, only over the shape's own bounding box, then
reduced and used to paint the colour. Shadows are blurred masks.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter

from postimages.geometry import Box

SUPERSAMPLE = 4
Color = tuple[int, ...]


def new_canvas(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    """An RGB canvas with a soft diagonal gradient from `top` (top left) to `bottom`."""
    # Every card of a post shares its background: compose it once, copy it after.
    return _gradient(size, tuple(top[:3]), tuple(bottom[:3])).copy()


@lru_cache(maxsize=4)
def _gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    width, height = size
    ramp = _diagonal_ramp(width, height)
    first = Image.new("RGB", size, top[:3])
    second = Image.new("RGB", size, bottom[:3])
    return Image.composite(second, first, ramp)


@lru_cache(maxsize=8)
def _diagonal_ramp(width: int, height: int) -> Image.Image:
    # A 256-step linear gradient, rotated 45° would need a big square; a
    # vertical ramp mixed with a horizontal one gives the same look cheaply.
    vertical = Image.linear_gradient("L").resize((width, height), Image.BILINEAR)
    horizontal = Image.linear_gradient("L").rotate(90, expand=True).transpose(Image.FLIP_LEFT_RIGHT)
    horizontal = horizontal.resize((width, height), Image.BILINEAR)
    return Image.blend(vertical, horizontal, 0.35)


def _mask(box: Box, paint) -> tuple[Image.Image, tuple[int, int]]:
    """An antialiased L mask of whatever `paint(draw, scale, offset)` draws within box."""
    left, top = math.floor(box.x) - 1, math.floor(box.y) - 1
    width = math.ceil(box.right) + 1 - left
    height = math.ceil(box.bottom) + 1 - top
    big = Image.new("L", (width * SUPERSAMPLE, height * SUPERSAMPLE), 0)
    paint(ImageDraw.Draw(big), SUPERSAMPLE, (left, top))
    return big.reduce(SUPERSAMPLE), (left, top)


def _paint(image: Image.Image, mask: Image.Image, origin: tuple[int, int], color: Color, opacity: float = 1.0) -> None:
    alpha = color[3] / 255 if len(color) == 4 else 1.0
    alpha *= opacity
    if alpha < 1.0:
        mask = mask.point(lambda v: round(v * alpha))
    image.paste(color[:3], (*origin, origin[0] + mask.width, origin[1] + mask.height), mask)


def _scaled(box: Box, scale: int, offset: tuple[int, int]) -> list[float]:
    return [
        (box.x - offset[0]) * scale,
        (box.y - offset[1]) * scale,
        (box.right - offset[0]) * scale - 1,
        (box.bottom - offset[1]) * scale - 1,
    ]


def rounded_rect(image: Image.Image, box: Box, radius: float, fill: Color | None = None,
                 outline: Color | None = None, width: float = 1, opacity: float = 1.0) -> None:
    """A rounded rectangle, filled and/or outlined, with smooth corners."""
    if fill is not None:
        mask, origin = _mask(box, lambda d, s, o: d.rounded_rectangle(_scaled(box, s, o), radius * s, fill=255))
        _paint(image, mask, origin, fill, opacity)
    if outline is not None:
        mask, origin = _mask(
            box,
            lambda d, s, o: d.rounded_rectangle(_scaled(box, s, o), radius * s, outline=255, width=round(width * s)),
        )
        _paint(image, mask, origin, outline, opacity)


def circle(image: Image.Image, center: tuple[float, float], radius: float, fill: Color, opacity: float = 1.0) -> None:
    box = Box(center[0] - radius, center[1] - radius, 2 * radius, 2 * radius)
    mask, origin = _mask(box, lambda d, s, o: d.ellipse(_scaled(box, s, o), fill=255))
    _paint(image, mask, origin, fill, opacity)


def line(image: Image.Image, start: tuple[float, float], end: tuple[float, float], width: float,
         fill: Color, opacity: float = 1.0) -> None:
    """A straight line with round caps."""
    pad = width
    box = Box(min(start[0], end[0]) - pad, min(start[1], end[1]) - pad,
              abs(end[0] - start[0]) + 2 * pad, abs(end[1] - start[1]) + 2 * pad)

    def paint(d, s, o):
        points = [((x - o[0]) * s, (y - o[1]) * s) for x, y in (start, end)]
        d.line(points, fill=255, width=round(width * s))
        for x, y in points:
            r = width * s / 2
            d.ellipse([x - r, y - r, x + r, y + r], fill=255)

    mask, origin = _mask(box, paint)
    _paint(image, mask, origin, fill, opacity)


def polygon(image: Image.Image, points: list[tuple[float, float]], fill: Color, opacity: float = 1.0) -> None:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    mask, origin = _mask(box, lambda d, s, o: d.polygon([((x - o[0]) * s, (y - o[1]) * s) for x, y in points], fill=255))
    _paint(image, mask, origin, fill, opacity)


def arrow(image: Image.Image, start: tuple[float, float], end: tuple[float, float], width: float,
          head: float, fill: Color, opacity: float = 1.0) -> None:
    """A line from start to end finished with a solid triangular head at `end`."""
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    back = (end[0] - head * math.cos(angle), end[1] - head * math.sin(angle))
    line(image, start, (back[0] + width * math.cos(angle) / 2, back[1] + width * math.sin(angle) / 2),
         width, fill, opacity)
    spread = head * 0.6
    left = (back[0] + spread * math.sin(angle), back[1] - spread * math.cos(angle))
    right = (back[0] - spread * math.sin(angle), back[1] + spread * math.cos(angle))
    polygon(image, [end, left, right], fill, opacity)


def shadow(image: Image.Image, box: Box, radius: float, color: Color, opacity: float,
           blur: float, offset_y: float = 0) -> None:
    """A soft drop shadow under a rounded box."""
    spread = math.ceil(blur * 3)
    left, top = math.floor(box.x) - spread, math.floor(box.y + offset_y) - spread
    width, height = math.ceil(box.w) + 2 * spread, math.ceil(box.h) + 2 * spread
    # Blur at half resolution: the result is soft anyway, and it costs a quarter.
    half = Image.new("L", (max(1, width // 2), max(1, height // 2)), 0)
    ImageDraw.Draw(half).rounded_rectangle(
        [spread / 2, spread / 2, (spread + box.w) / 2, (spread + box.h) / 2], radius / 2, fill=255
    )
    half = half.filter(ImageFilter.GaussianBlur(blur / 2))
    mask = half.resize((width, height), Image.BILINEAR)
    _paint(image, mask, (left, top), color, opacity)


def panel(image: Image.Image, box: Box, radius: float, fill: Color, border: Color | None,
          shadow_color: Color | None = None, shadow_opacity: float = 0.0, elevation: float = 0,
          border_width: float = 1) -> None:
    """A card panel: optional soft shadow, fill, 1 px border."""
    if shadow_color is not None and shadow_opacity > 0 and elevation > 0:
        shadow(image, box, radius, shadow_color, shadow_opacity, blur=elevation, offset_y=elevation / 2)
    rounded_rect(image, box, radius, fill=fill)
    if border is not None:
        rounded_rect(image, box, radius, outline=border, width=border_width)
