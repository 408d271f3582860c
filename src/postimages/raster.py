"""Glyph rasters from glyph ids: outlines with FreeType (freetype-py's own
bundled library, so no system library is asked for), colour emoji from the
emoji font's PNG bitmaps through HarfBuzz (that FreeType is built without PNG).

Glyphs are rendered hinted and placed on whole pixels, the pen rounded to the
nearest pixel, as Pillow's FreeType text does: so one raster per font, size and
glyph serves every position, and cards keep the pixels they had.
"""

from __future__ import annotations

import ctypes
import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from postimages import shaping
from postimages.fontwork import kept

if TYPE_CHECKING:  # Pillow is imported only to draw
    from PIL import Image


def pixel(position: int) -> int:
    """A 26.6 position rounded to the nearest whole pixel (halves up), as FreeType's callers do."""
    return (position + 32) >> 6


@lru_cache(maxsize=None)
def _face(path: Path, px: int):
    import freetype  # imported lazily: an unchanged card never draws

    face = freetype.Face(str(path))
    variations = getattr(path, "variations", None)  # a variable font at one weight: as HarfBuzz shapes it
    if variations:
        face.set_var_design_coords([variations.get(axis.tag, axis.default) for axis in face.get_variation_info().axes])
    if face.is_scalable:
        face.set_pixel_sizes(0, px)
    else:  # a bitmap font (the colour emoji): its one strike
        face.select_size(0)
    return face


@lru_cache(maxsize=None)
def metrics(path: Path, px: int) -> tuple[int, int]:
    """(ascent, descent) in whole pixels of the font at `px`."""
    return tuple(kept(path, px, "metrics", 0, lambda: _metrics(path, px)))


def _metrics(path: Path, px: int) -> tuple[int, int]:
    size = _face(path, px).size
    return pixel(size.ascender), -pixel(size.descender)


@lru_cache(maxsize=16384)
def glyph_mask(path: Path, px: int, gid: int) -> tuple[Image.Image, int, int] | None:
    """The glyph's coverage mask, its left bearing and its top above the
    baseline, in pixels; None if it has no ink."""
    from PIL import Image

    raster = kept(path, px, "glyphs", gid, lambda: _render(path, px, gid))
    if raster is None:
        return None
    width, rows, pitch, left, top, data = raster
    return Image.frombuffer("L", (width, rows), data, "raw", "L", pitch, 1), left, top


def _render(path: Path, px: int, gid: int) -> tuple[int, int, int, int, int, bytes] | None:
    """FreeType's raster of a glyph: width, rows, pitch, left bearing, top, and its bytes."""
    import freetype

    face = _face(path, px)
    face.load_glyph(gid, freetype.FT_LOAD_DEFAULT | freetype.FT_LOAD_RENDER)
    slot = face.glyph
    bitmap = slot.bitmap
    if bitmap.width == 0 or bitmap.rows == 0:
        return None
    raw = bitmap._FT_Bitmap
    # The rows straight from FreeType's memory: freetype-py's `buffer` builds a Python list
    # of every byte first (a tenth of a cold render). A negative pitch (rows upwards) takes that way.
    rows = ctypes.string_at(raw.buffer, raw.pitch * raw.rows) if raw.pitch > 0 else bytes(bitmap.buffer)
    return bitmap.width, bitmap.rows, bitmap.pitch, slot.bitmap_left, slot.bitmap_top, rows


@lru_cache(maxsize=1024)
def color_glyph(path: Path, gid: int) -> tuple[Image.Image, int, int] | None:
    """A colour emoji's bitmap at its strike size (RGBA), its left bearing and
    its top above the baseline, in the strike's pixels."""
    from PIL import PngImagePlugin  # Image.open would load every format's plugin first (~7 ms)

    font = _color_font(path)
    png = font.get_glyph_color_png(gid)
    if png is None or not png.data:
        return None
    picture = PngImagePlugin.PngImageFile(io.BytesIO(png.data)).convert("RGBA")
    extents = font.get_glyph_extents(gid)
    return picture, pixel(extents.x_bearing), pixel(extents.y_bearing)


@lru_cache(maxsize=None)
def _color_font(path: Path):
    import uharfbuzz

    strike = _face(path, 0).size.y_ppem
    font = uharfbuzz.Font(shaping.face(path))
    font.scale = (strike * 64, strike * 64)  # extents in 26.6 pixels of the strike
    return font
