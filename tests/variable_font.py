"""A tiny variable font built with fontTools for the tests: one glyph, "I", a
bar whose stem and advance grow along the `wght` axis (gvar and HVAR)."""

from __future__ import annotations

from pathlib import Path

# Stem width in font units (of 1000) at each master's weight; the bar has 50 units of side bearing each side.
STEMS = {100: 40, 400: 100, 900: 300}
BEARING = 50


def stem_at(weight: float) -> float:
    """The stem (font units) at a weight, interpolated between the masters as the font does."""
    points = sorted(STEMS.items())
    for (w0, s0), (w1, s1) in zip(points, points[1:]):
        if w0 <= weight <= w1:
            return s0 + (s1 - s0) * (weight - w0) / (w1 - w0)
    raise ValueError(weight)


def advance_at(weight: float) -> float:
    return stem_at(weight) + 2 * BEARING


def _master(stem: int):
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "I"])
    builder.setupCharacterMap({ord("I"): "I"})
    glyphs = {}
    for name, width in ((".notdef", 1), ("I", stem)):
        pen = TTGlyphPen(None)
        pen.moveTo((BEARING, 0))
        pen.lineTo((BEARING, 700))
        pen.lineTo((BEARING + width, 700))
        pen.lineTo((BEARING + width, 0))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({".notdef": (500, BEARING), "I": (stem + 2 * BEARING, BEARING)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Stem Test", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    return builder.font


def build(path: Path, lowest: int = 100, highest: int = 900) -> Path:
    """Write the variable font to `path`, its weight axis from `lowest` to `highest` (default 400)."""
    from fontTools import varLib
    from fontTools.designspaceLib import AxisDescriptor, DesignSpaceDocument, SourceDescriptor

    doc = DesignSpaceDocument()
    axis = AxisDescriptor()
    axis.tag, axis.name, axis.minimum, axis.default, axis.maximum = "wght", "Weight", lowest, 400, highest
    doc.addAxis(axis)
    for weight, stem in STEMS.items():
        if lowest <= weight <= highest:
            source = SourceDescriptor()
            source.font, source.location, source.familyName = _master(stem), {"Weight": weight}, "Stem Test"
            doc.addSource(source)
    font, _, _ = varLib.build(doc)
    font.save(str(path))
    return path
