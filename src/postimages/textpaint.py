"""Painting text: lines of shaped runs and colour emoji. The glyphs come from
`shaping` (the same glyphs layout measured) and their rasters from `raster`;
Pillow only composites them onto the card."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from PIL import Image

from postimages import fonts, fontwork, raster, shaping
from postimages.draw import stamp
from postimages.geometry import Box
from postimages.text import (Color, Line, Run, TextBlock, TextStyle, _advance, _emoji_advance, clusters, emoji_scale,
                             line_positions, run_color)


def draw_block(image: Image.Image, block: TextBlock, box: Box) -> None:
    """Draw a block inside `box` (top-aligned; horizontal alignment from the block)."""
    for line, x, baseline in line_positions(block, box):
        draw_line(image, line, block.style, x, baseline)


def draw_line(image: Image.Image, line: Line, style: TextStyle, x: float, baseline: float) -> float:
    """Draw one line with its baseline at `baseline`; return the x where it ends."""
    for run in line.runs:
        if run.font_path is None:
            x = _draw_emoji(image, run.text, style, x, baseline)
        elif style.tracking:
            x = _draw_tracked(image, run, style, x, baseline)
        else:
            draw_glyph(image, run.text, run.font_path, style.px, run_color(run, style), x, baseline, style.features,
                       run.rtl)
            x += _advance(run.font_path, style.px, run.text, style.features, run.rtl)
    return x


def _draw_tracked(image: Image.Image, run: Run, style: TextStyle, x: float, baseline: float) -> float:
    spacing = style.tracking * style.size
    shown = clusters(run.text)
    if fonts.keeps_words_whole(run.font_path):  # shaped whole; the run's share of the spacing follows it
        draw_glyph(image, run.text, run.font_path, style.px, run_color(run, style), x, baseline, style.features,
                   run.rtl)
        return x + _advance(run.font_path, style.px, run.text, style.features, run.rtl) + spacing
    for cluster in reversed(shown) if run.rtl else shown:  # right to left: the last cluster is leftmost
        draw_glyph(image, cluster, run.font_path, style.px, run_color(run, style), x, baseline, style.features,
                   run.rtl)
        x += _advance(run.font_path, style.px, cluster, style.features, run.rtl) + spacing
    return x


def draw_glyph(image: Image.Image, text: str, font_path: Path, px: int, color: Color,
               x: float, baseline: float, features: tuple[str, ...] | None = None, rtl: bool = False) -> None:
    """Draw text of one text font with its pen starting at (x, baseline).

    The pen starts at the sub-pixel position, in 1/64 px; each glyph then
    lands on the whole pixel nearest its pen position."""
    left, pen = _pixel_and_phase(x)
    top, rise = _pixel_and_phase(baseline)
    rgb = color[:3]
    for glyph in shaping.shape(font_path, px, text, features, rtl):
        raster_mask = raster.glyph_mask(font_path, px, glyph.gid)
        if raster_mask is not None:
            mask, bearing, ascent = raster_mask
            gx = left + raster.pixel(pen + glyph.x_offset) + bearing
            gy = top - raster.pixel(glyph.y_offset - rise) - ascent
            stamp(image, rgb, gx, gy, mask)
        pen += glyph.x_advance


def _pixel_and_phase(position: float) -> tuple[int, int]:
    """The whole pixel and the fraction in 1/64 px (rounded half away from zero)."""
    fraction, whole = math.modf(position)
    return int(whole), int(math.copysign(math.floor(abs(fraction) * 64 + 0.5), fraction))


def _draw_emoji(image: Image.Image, cluster: str, style: TextStyle, x: float, baseline: float) -> float:
    picture, ascent = emoji_image(cluster, round(style.size * 4) / 4)
    image.paste(picture, (round(x), round(baseline - ascent)), picture)
    spacing = style.tracking * style.size
    return x + _emoji_advance() * emoji_scale(style.size) + spacing


@lru_cache(maxsize=512)
def emoji_image(cluster: str, size: float) -> tuple[Image.Image, int]:
    """The colour emoji scaled to `size`, and its ascent above the baseline."""
    width, height, data, ascent = fontwork.kept(fonts.emoji_file(), round(size), "emoji", (cluster, size),
                                              lambda: _as_bytes(*_scaled_emoji(cluster, size)))
    return Image.frombytes("RGBA", (width, height), data), ascent


def _as_bytes(picture: Image.Image, ascent: int) -> tuple[int, int, bytes, int]:
    return picture.width, picture.height, picture.tobytes(), ascent


def _scaled_emoji(cluster: str, size: float) -> tuple[Image.Image, int]:
    strike = _emoji_strike(cluster)
    k = emoji_scale(size)
    ascent = raster.metrics(fonts.emoji_file(), fonts.EMOJI_STRIKE_SIZE)[0]
    scaled = strike.resize((max(1, round(strike.width * k)), max(1, round(strike.height * k))), Image.LANCZOS)
    return scaled, round(ascent * k)


def _emoji_strike(cluster: str) -> Image.Image:
    """The emoji at its strike size on a transparent line box: the advance wide, ascent plus descent high."""
    path = fonts.emoji_file()
    ascent, descent = raster.metrics(path, fonts.EMOJI_STRIKE_SIZE)
    glyphs = shaping.shape(path, fonts.EMOJI_STRIKE_SIZE, cluster)
    width = math.ceil(shaping.width(glyphs))
    strike = Image.new("RGBA", (width, ascent + descent), (0, 0, 0, 0))
    pen = 0
    for glyph in glyphs:
        bitmap = raster.color_glyph(path, glyph.gid)
        if bitmap is not None:
            picture, bearing, top = bitmap
            opaque = picture.copy()
            opaque.putalpha(255)
            # Blended through its own alpha, as a glyph drawn onto a transparent image is.
            strike.paste(opaque, (raster.pixel(pen) + bearing, ascent - top), picture.getchannel("A"))
        pen += glyph.x_advance
    return strike
