"""Text layout: segment into font runs, measure, make lines, place them (wrapping
and fitting are in `textfit`).

Text is split into extended grapheme clusters so that emoji sequences (a
variation selector, a keycap, a ZWJ family, a flag) stay whole. Each cluster
goes to the colour emoji font or to the first text font of the chain whose
character map covers it; a cluster no bundled font covers is an error, never
an empty box.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from postimages import emphasis, fonts, raster, shaping
from postimages.unicode import starts_right_to_left, with_direction
from postimages.segment import Run, check_drawable, clusters, segment  # noqa: F401  (part of text's API)
from postimages.geometry import Box

# Emoji drawn a little smaller than the font's em so they sit with capitals.
EMOJI_SCALE = 0.92

Color = tuple[int, ...]


class TextStyle(NamedTuple):
    size: float
    color: Color
    family: str = "text"  # text | display | mono
    weight: str = "regular"
    tracking: float = 0.0  # extra space between characters, in em
    tabular: bool = False  # tabular figures, so numbers line up
    line_height: float = 1.25  # in em
    uppercase: bool = False
    # The colour of `**emphasised**` words in a field that takes emphasis
    # (`emphasis.py`); None: the text is shown as typed, asterisks and all.
    emphasis: Color | None = None

    @property
    def marked(self) -> bool:
        return self.emphasis is not None

    @property
    def px(self) -> int:
        return max(1, round(self.size))

    def at(self, size: float) -> "TextStyle":
        return self._replace(size=size)

    @property
    def features(self) -> tuple[str, ...] | None:
        return ("tnum",) if self.tabular else None


class Line(NamedTuple):
    text: str
    runs: tuple[Run, ...]
    width: float
    rtl: bool = False  # its paragraph reads right to left: "start" is the right edge


class TextBlock(NamedTuple):
    """Wrapped text at a chosen size; placed by the caller inside a box."""

    lines: tuple[Line, ...]
    style: TextStyle
    align: str = "start"  # start (left, or right for a right-to-left paragraph) | center | left | right

    @property
    def line_advance(self) -> float:
        return self.style.line_height * self.style.size

    @property
    def width(self) -> float:
        return max((line.width for line in self.lines), default=0.0)

    @property
    def height(self) -> float:
        return self.line_advance * len(self.lines)


# --- measuring ------------------------------------------------------------


def emoji_scale(size: float) -> float:
    return size / fonts.EMOJI_STRIKE_SIZE * EMOJI_SCALE


@lru_cache(maxsize=1)
def _emoji_advance() -> float:
    return shaping.width(shaping.shape(fonts.emoji_file(), fonts.EMOJI_STRIKE_SIZE, "\U0001F600"))


def _run_width(run: Run, style: TextStyle) -> float:
    if run.font_path is None:
        return _emoji_advance() * emoji_scale(style.size)
    if style.tracking and not fonts.keeps_words_whole(run.font_path):  # drawn a character at a time, so without kerning between them
        return sum(_advance(run.font_path, style.px, cluster, style.features, run.rtl) for cluster in clusters(run.text))
    return _advance(run.font_path, style.px, run.text, style.features, run.rtl)


@lru_cache(maxsize=16384)
def _advance(font_path: Path, px: int, text: str, features: tuple[str, ...] | None, rtl: bool = False) -> float:
    """The advance width of `text` as drawn. Cached: drawing a line asks again for the runs layout measured."""
    return fonts.text_width(font_path, px, text, features, rtl)


def measure(text: str, style: TextStyle, rtl: bool | None = None) -> float:
    """Advance width of one line of text in pixels; `rtl` is its paragraph's
    direction when the line was cut from one (None: the line's own)."""
    return _measure(text if rtl is None else with_direction(text, rtl), style, fonts.active())


@lru_cache(maxsize=16384)
def _measure(text: str, style: TextStyle, user) -> float:
    shown = text.upper() if style.uppercase else text
    runs = segment(shown, style.family, style.weight, style.marked)
    width = sum(_run_width(run, style) for run in runs)
    if style.tracking:
        width += style.tracking * style.size * max(0, sum(spaced_units(run) for run in runs) - 1)
    return width


def spaced_units(run: Run) -> int:
    """How many pieces tracking spaces out in a run: its clusters, or one for
    an emoji and for a word of a script whose letters join."""
    if run.font_path is None or fonts.keeps_words_whole(run.font_path):
        return 1
    return len(clusters(run.text))


def run_color(run: Run, style: TextStyle) -> Color:
    return style.emphasis if run.emphasised and style.emphasis is not None else style.color


def make_line(text: str, style: TextStyle, rtl: bool | None = None) -> Line:
    """A line in its paragraph's direction (None: the line is its own paragraph)."""
    shown = text.upper() if style.uppercase else text
    rtl = starts_right_to_left(shown) if rtl is None else rtl
    return Line(shown, segment(with_direction(shown, rtl), style.family, style.weight, style.marked),
                measure(text, style, rtl), rtl)


def shown(text: str, style: TextStyle) -> str:
    """The characters drawn: marked-up text without its markers."""
    return emphasis.plain(text) if style.marked and emphasis.has_markup(text) else text


def words(text: str, style: TextStyle) -> list[str]:
    """The words of a text, each one as `measure` takes it (its markers its own)."""
    return emphasis.words(text) if style.marked else text.split()


def font_metrics(style: TextStyle) -> tuple[int, int]:
    """(ascent, descent) in pixels of the style's primary font."""
    return raster.metrics(fonts.font_file(style.family, style.weight), style.px)


# --- drawing --------------------------------------------------------------


def baseline_offset(style: TextStyle) -> float:
    """Distance from a line box's top to its baseline, centring the font's extent."""
    ascent, descent = font_metrics(style)
    advance = style.line_height * style.size
    return (advance - (ascent + descent)) / 2 + ascent


def line_positions(block: TextBlock, box: Box) -> list[tuple[Line, float, float]]:
    """(line, x, baseline) of each line of a block drawn top-aligned in `box`."""
    top = box.y + baseline_offset(block.style)
    return [(line, line_x(block, line, box), top + i * block.line_advance) for i, line in enumerate(block.lines)]


def line_x(block: TextBlock, line: Line, box: Box) -> float:
    """Where a line of the block starts in `box`: the one place alignment is
    decided. "start" is the left edge, or the right one for a right-to-left paragraph."""
    align = ("right" if line.rtl else "left") if block.align == "start" else block.align
    if align == "center":
        return box.x + (box.w - line.width) / 2
    if align == "right":
        return box.right - line.width
    return box.x


class Placed(NamedTuple):
    """A text block and the box it was given (the block is drawn top-aligned in it)."""

    block: TextBlock
    box: Box

    @property
    def ink_box(self) -> Box:
        """The box the lines actually occupy, for overlap and margin checks."""
        starts = [line_x(self.block, line, self.box) for line in self.block.lines]
        if not starts:
            return Box(self.box.x, self.box.y, 0.0, 0.0)
        left = min(starts)
        right = max(x + line.width for x, line in zip(starts, self.block.lines))
        return Box(left, self.box.y, right - left, self.block.height)
