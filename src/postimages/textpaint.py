"""Painting text: lines of shaped runs, glyph stamps and colour emoji, with Pillow."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from postimages import fonts
from postimages.geometry import Box
from postimages.text import Color, Line, Run, TextBlock, TextStyle, _advance, _emoji_advance, clusters, emoji_scale, line_positions


def draw_block(image: Image.Image, block: TextBlock, box: Box) -> None:
    """Draw a block inside `box` (top-aligned; horizontal alignment from the block)."""
    draw = ImageDraw.Draw(image)
    for line, x, baseline in line_positions(block, box):
        draw_line(image, draw, line, block.style, x, baseline)


def draw_line(image: Image.Image, draw: ImageDraw.ImageDraw, line: Line, style: TextStyle, x: float, baseline: float) -> float:
    """Draw one line with its baseline at `baseline`; return the x where it ends."""
    for run in line.runs:
        if run.font_path is None:
            x = _draw_emoji(image, run.text, style, x, baseline)
        elif style.tracking:
            x = _draw_tracked(image, run, style, x, baseline)
        else:
            font = fonts.truetype(run.font_path, style.px)
            draw.text((x, baseline), run.text, font=font, fill=style.color, anchor="ls", features=style.features)
            x += _advance(run.font_path, style.px, run.text, style.features)
    return x


def _draw_tracked(image: Image.Image, run: Run, style: TextStyle, x: float, baseline: float) -> float:
    spacing = style.tracking * style.size
    for cluster in clusters(run.text):
        draw_glyph(image, cluster, run.font_path, style.px, style.color, x, baseline, style.features)
        x += _advance(run.font_path, style.px, cluster, style.features) + spacing
    return x


# --- glyph stamps ---------------------------------------------------------
# Text drawn one character at a time (tracked labels, code on its monospace
# grid) would be shaped and rendered anew for every character: ~0.1 ms a call,
# most of a code card's drawing. A stamp is one glyph's mask at one sub-pixel
# position, made once and pasted wherever the glyph falls at that position.

SUBPIXEL = 64  # FreeType places glyphs in 1/64 px: stamps keyed this finely draw exactly the same pixels


def draw_glyph(image: Image.Image, cluster: str, font_path: Path, px: int, color: Color,
               x: float, baseline: float, features: tuple[str, ...] | None = None) -> None:
    """Draw one grapheme cluster of a text font with its origin at (x, baseline)."""
    left, phase_x = _pixel_and_phase(x)
    top, phase_y = _pixel_and_phase(baseline)
    stamp = _stamp(font_path, px, cluster, features, phase_x, phase_y)
    if stamp is not None:
        mask, (dx, dy) = stamp
        image.paste(color[:3], (left + dx, top + dy), mask)


def _pixel_and_phase(position: float) -> tuple[int, int]:
    pixel = math.floor(position)
    phase = round((position - pixel) * SUBPIXEL)
    return (pixel + 1, 0) if phase == SUBPIXEL else (pixel, phase)


@lru_cache(maxsize=8192)
def _stamp(font_path: Path, px: int, cluster: str, features: tuple[str, ...] | None, phase_x: int,
           phase_y: int) -> tuple[Image.Image, tuple[int, int]] | None:
    """The glyph's mask and where its top left lies from the whole-pixel origin; None if it has no ink."""
    # A lone code point needs no shaping; a cluster (a letter and its accents) or a font feature does.
    if len(cluster) == 1 and not features:
        font = fonts.unshaped(font_path, px)
    else:
        font = fonts.truetype(font_path, px)
    left, top, right, bottom = font.getbbox(cluster, anchor="ls", features=features)
    if right <= left or bottom <= top:
        return None
    pad = 2  # room for the sub-pixel shift and antialiasing at the edges
    mask = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
    origin = (pad - left + phase_x / SUBPIXEL, pad - top + phase_y / SUBPIXEL)
    ImageDraw.Draw(mask).text(origin, cluster, font=font, fill=255, anchor="ls", features=features)
    return mask, (left - pad, top - pad)


def _draw_emoji(image: Image.Image, cluster: str, style: TextStyle, x: float, baseline: float) -> float:
    picture, ascent = emoji_image(cluster, round(style.size * 4) / 4)
    image.paste(picture, (round(x), round(baseline - ascent)), picture)
    spacing = style.tracking * style.size
    return x + _emoji_advance() * emoji_scale(style.size) + spacing


@lru_cache(maxsize=512)
def emoji_image(cluster: str, size: float) -> tuple[Image.Image, int]:
    """The colour emoji scaled to `size`, and its ascent above the baseline."""
    font = fonts.emoji_font()
    ascent, descent = font.getmetrics()
    width = math.ceil(font.getlength(cluster))
    strike = Image.new("RGBA", (width, ascent + descent), (0, 0, 0, 0))
    ImageDraw.Draw(strike).text((0, ascent), cluster, font=font, anchor="ls", embedded_color=True)
    k = emoji_scale(size)
    scaled = strike.resize((max(1, round(width * k)), max(1, round((ascent + descent) * k))), Image.LANCZOS)
    return scaled, round(ascent * k)


