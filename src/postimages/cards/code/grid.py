"""kind: code — the monospace grid: columns of whole pixels, glyph runs on it, box-drawing bars.

A column is a whole number of pixels, as in a terminal: every character then
starts on a pixel boundary and looks the same in every column (one glyph
stamp serves them all). Light and heavy box-drawing lines are drawn as
pixel-snapped bars, not glyphs, so that they meet exactly at any size and
line height (hinting moves some of the font's box glyphs by a pixel).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from postimages import fonts, fontwork
from postimages.cards.code.highlight import Span
from postimages.color import Color, quieted
from postimages.geometry import Box
from postimages.scene import Drawable, Glyphs, Rect
from postimages.text import TextStyle, make_line, segment
from postimages.unicode import cells

GUTTER_GAP_COLUMNS = 2  # between the line numbers and the code
DIM = 0.5  # other lines move up to this far towards the background (never under 4.5:1) when some are highlighted


class Grid(NamedTuple):
    """The monospace grid at one font size."""

    size: int
    advance: float  # one column, in px
    line_height: float  # in px
    gutter: float  # width of the line numbers and the gap after them
    columns: int  # code columns that fit beside the gutter
    rows: int  # rows that fit in the window


def grid_in(room: Box, size: int, line_height: float, digits: int) -> Grid:
    """The grid at `size` px and `line_height` (a multiple of the size), with a gutter for `digits`."""
    advance = column_width(size)
    gutter = (digits + GUTTER_GAP_COLUMNS) * advance if digits else 0
    return Grid(size, advance, size * line_height, gutter,
                columns=int((room.w - gutter) // advance), rows=int(room.h // (size * line_height)))


def column_width(size: int) -> float:
    return _column_width(size, fonts.font_file("mono", "regular"))


@lru_cache(maxsize=128)
def _column_width(size: int, font: Path) -> float:
    # The font's own advance is at most 0.5 px off. Kept in the font's entry
    # for facts of every size (size 0): fitting the code tries ~25 sizes, and
    # each size's own entry is a file to read (~0.5 ms) for this one string.
    return fontwork.kept(font, 0, "column widths", size, lambda: max(1, round(fonts.text_width(font, size, "0"))))


# Light and heavy box-drawing lines by the arms they draw from the cell's
# centre: up, down, left, right.
_BOX_ARMS = {
    "─": "lr", "│": "ud", "┌": "dr", "┐": "dl", "└": "ur", "┘": "ul",
    "├": "udr", "┤": "udl", "┬": "dlr", "┴": "ulr", "┼": "udlr",
}
_HEAVY_BOX_ARMS = {
    "━": "lr", "┃": "ud", "┏": "dr", "┓": "dl", "┗": "ur", "┛": "ul",
    "┣": "udr", "┫": "udl", "┳": "dlr", "┻": "ulr", "╋": "udlr",
}
STROKE_EM = 0.1  # JetBrains Mono's box-drawing stroke
HEAVY_STROKE_EM = 0.18
STROKE_CENTRE_EM = 0.37  # height of its horizontal stroke above the baseline


class GridRow(NamedTuple):
    """One row of the grid: turns text into glyph runs and box-drawing bars on it."""

    grid: Grid
    box: Box  # the row's line box
    baseline: float
    field: str  # the spec field the code comes from
    legible: float
    dim_towards: Color | None = None  # the background, when the row steps back behind highlighted ones

    def glyphs(self, x: float, text: str, style: TextStyle, advance: float | None = None) -> Glyphs:
        return Glyphs(self.field, x, self.baseline, make_line(text, style), style, self.box, self.legible, advance)

    def cell(self, cluster: str, x: float, width: int, style: TextStyle) -> Glyphs:
        """A character the code font does not draw (emoji, a fallback glyph), centred in its cells."""
        line = make_line(cluster, style)
        return Glyphs(self.field, x + (width * self.grid.advance - line.width) / 2, self.baseline, line, style,
                      self.box, self.legible)

    def pieces(self, spans: list[Span], x: float, plain: TextStyle) -> list[Drawable]:
        """The spans from x: runs of the code font a character a column, other characters in their cells."""
        pieces: list[Drawable] = []
        column = 0
        for span in spans:
            style = _styled(plain, self._color(span), weight_of(span))
            for kind, text, start, width in _pieces_of(span.text, style.weight, fonts.font_file("mono", style.weight)):
                piece_x = x + (column + start) * self.grid.advance
                if kind == _RUN:
                    pieces += self._run(text, piece_x, style)
                elif kind == _BOX:
                    pieces += self._bars(text, piece_x, style.color)
                else:
                    pieces.append(self.cell(text, piece_x, width, style))
            column += sum(width for _, width in cells(span.text))
        return [p for p in pieces if not isinstance(p, Glyphs) or p.line.runs]

    def _run(self, text: str, x: float, style: TextStyle) -> list[Glyphs]:
        return [self.glyphs(x, text, style, self.grid.advance)] if text.strip() else []

    def _color(self, span: Span) -> Color:
        return _dimmed(span.color, self.dim_towards) if self.dim_towards is not None else span.color

    def _bars(self, cluster: str, x: float, color: Color) -> list[Rect]:
        heavy = cluster in _HEAVY_BOX_ARMS
        arms = _HEAVY_BOX_ARMS[cluster] if heavy else _BOX_ARMS[cluster]
        size = self.grid.size
        thick = max(1, round(size * (HEAVY_STROKE_EM if heavy else STROKE_EM)))
        left, right = round(x), round(x + self.grid.advance)
        top, bottom = round(self.box.y), round(self.box.bottom)
        # The top-left corner of the bar where the arms cross.
        cx = round(x + self.grid.advance / 2 - thick / 2)
        cy = round(self.baseline - STROKE_CENTRE_EM * size - thick / 2)
        boxes = {
            "u": Box(cx, top, thick, cy + thick - top),
            "d": Box(cx, cy, thick, bottom - cy),
            "l": Box(left, cy, cx + thick - left, thick),
            "r": Box(cx, cy, right - cx, thick),
        }
        return [Rect(boxes[arm], color, name=f"{self.field}.bar") for arm in arms]


_RUN, _BOX, _CELL = "run", "box", "cell"


# Every row asks again for the same tokens, styles and colours: each is worked out once.
@lru_cache(maxsize=4096)
def _pieces_of(text: str, weight: str, font: Path) -> tuple[tuple[str, str, int, int], ...]:
    """A span's text as (kind, text, column, width): runs of characters the code font draws,
    a column each; box-drawing characters; other characters, each in its own cells."""
    pieces: list[tuple[str, str, int, int]] = []
    run, run_start, column = "", 0, 0
    for cluster, width in cells(text):
        if width == 1 and not _is_box_line(cluster) and _drawn_by(cluster, weight, font):
            run, run_start = run + cluster, (run_start if run else column)
        else:
            if run:
                pieces.append((_RUN, run, run_start, column - run_start))
            run = ""
            pieces.append((_BOX if _is_box_line(cluster) else _CELL, cluster, column, width))
        column += width
    if run:
        pieces.append((_RUN, run, run_start, column - run_start))
    return tuple(pieces)


@lru_cache(maxsize=1024)
def _styled(plain: TextStyle, color: Color, weight: str) -> TextStyle:
    return plain._replace(color=color, weight=weight)


@lru_cache(maxsize=1024)
def _dimmed(color: Color, background: Color) -> Color:
    # Towards the background, but never below 4.5:1 (a colour already at the floor stays).
    return quieted(color, background, DIM)


def _is_box_line(cluster: str) -> bool:
    return cluster in _BOX_ARMS or cluster in _HEAVY_BOX_ARMS


@lru_cache(maxsize=4096)
def _drawn_by(cluster: str, weight: str, font: Path) -> bool:
    """Whether the code font itself draws the character (so it advances exactly one column)."""
    runs = segment(cluster, "mono", weight)
    return all(run.font_path == font for run in runs)


def weight_of(span: Span) -> str:
    if span.bold and span.italic:
        return "bolditalic"
    return "bold" if span.bold else ("italic" if span.italic else "regular")
