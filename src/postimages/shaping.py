"""Shaping: text into positioned glyph ids with HarfBuzz, once for measuring
and drawing alike, so a line is drawn exactly as wide as layout measured it.

Positions are in FreeType's 26.6 fixed point (1/64 px) at a font size in
whole pixels, the units the rasteriser places glyphs in.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from postimages.fontwork import kept

if TYPE_CHECKING:  # imported only when a string is shaped that no earlier run shaped
    import uharfbuzz


class Glyph(NamedTuple):
    gid: int  # the glyph's index in its font
    cluster: int  # index of the first character of the text it draws
    x_advance: int  # 26.6
    x_offset: int  # 26.6, from the pen position
    y_offset: int  # 26.6, upwards


@lru_cache(maxsize=32768)
def shape(path: Path, px: int, text: str, features: tuple[str, ...] | None = None,
          rtl: bool = False) -> tuple[Glyph, ...]:
    """The glyphs of `text` in one font, in visual order (left to right on the page)."""
    shaped = kept(path, px, "shapes", (text, features, rtl), lambda: _shaped(path, px, text, features, rtl))
    return tuple(Glyph(*glyph) for glyph in shaped)


def _shaped(path: Path, px: int, text: str, features: tuple[str, ...] | None,
            rtl: bool) -> tuple[tuple[int, int, int, int, int], ...]:
    import uharfbuzz

    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()  # script and language from the text
    buffer.direction = "rtl" if rtl else "ltr"  # the direction is the bidirectional level's
    uharfbuzz.shape(_font(path, px), buffer, _switches(features))
    return tuple((info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
                 for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions))


def width(glyphs: tuple[Glyph, ...]) -> float:
    """The advance of shaped glyphs in pixels."""
    return sum(glyph.x_advance for glyph in glyphs) / 64


@lru_cache(maxsize=None)
def _font(path: Path, px: int) -> uharfbuzz.Font:
    import uharfbuzz

    font = uharfbuzz.Font(face(path))
    font.scale = (px * 64, px * 64)  # 26.6 fixed point, as FreeType at `px` pixels
    variations = getattr(path, "variations", None)  # a variable font at one weight (userfonts.Instance)
    if variations:
        font.set_variations(variations)
    return font


@lru_cache(maxsize=None)
def face(path: Path) -> uharfbuzz.Face:
    import uharfbuzz

    return uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))


def _switches(features: tuple[str, ...] | None) -> dict[str, bool]:
    """A feature list ("tnum", "-liga") as HarfBuzz's switches."""
    return {name.lstrip("+-"): not name.startswith("-") for name in features or ()}


def glyph_id(path: Path, text: str) -> int:
    """The one glyph a cluster shapes to (an emoji sequence is one glyph)."""
    return shape(path, 64, text)[0].gid
