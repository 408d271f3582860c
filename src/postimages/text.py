"""Text layout: segment into font runs, measure, wrap, fit, draw.

Text is split into extended grapheme clusters so that emoji sequences (a
variation selector, a keycap, a ZWJ family, a flag) stay whole. Each cluster
goes to the colour emoji font or to the first text font of the chain whose
character map covers it; a cluster no bundled font covers is an error, never
an empty box.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from postimages import fonts, raster, shaping
from postimages.unicode import RIGHT_TO_LEFT, starts_right_to_left, with_direction
from postimages.segment import Run, check_drawable, clusters, segment  # noqa: F401  (part of text's API)
from postimages.fitting import NoFit, largest_that_fits
from postimages.geometry import Box
from postimages.plural import plural

# Emoji drawn a little smaller than the font's em so they sit with capitals.
EMOJI_SCALE = 0.92

Color = tuple[int, ...]


@dataclass(frozen=True)
class TextStyle:
    size: float
    color: Color
    family: str = "text"  # text | display | mono
    weight: str = "regular"
    tracking: float = 0.0  # extra space between characters, in em
    tabular: bool = False  # tabular figures, so numbers line up
    line_height: float = 1.25  # in em
    uppercase: bool = False

    @property
    def px(self) -> int:
        return max(1, round(self.size))

    def at(self, size: float) -> "TextStyle":
        return replace(self, size=size)

    @property
    def features(self) -> tuple[str, ...] | None:
        return ("tnum",) if self.tabular else None


@dataclass(frozen=True)
class Line:
    text: str
    runs: tuple[Run, ...]
    width: float
    rtl: bool = False  # its paragraph reads right to left: "start" is the right edge


@dataclass(frozen=True)
class TextBlock:
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
    runs = segment(shown, style.family, style.weight)
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


def make_line(text: str, style: TextStyle, rtl: bool | None = None) -> Line:
    """A line in its paragraph's direction (None: the line is its own paragraph)."""
    shown = text.upper() if style.uppercase else text
    rtl = starts_right_to_left(shown) if rtl is None else rtl
    return Line(shown, segment(with_direction(shown, rtl), style.family, style.weight), measure(text, style, rtl), rtl)


def font_metrics(style: TextStyle) -> tuple[int, int]:
    """(ascent, descent) in pixels of the style's primary font."""
    return raster.metrics(fonts.font_file(style.family, style.weight), style.px)


# --- wrapping -------------------------------------------------------------


@dataclass(frozen=True)
class Wrapped:
    lines: tuple[str, ...]
    broke_words: bool  # a word had to be split: acceptable only as a last resort
    rtl: tuple[bool, ...] = ()  # each line's paragraph reads right to left


def wrap(text: str, style: TextStyle, max_width: float) -> Wrapped:
    """Greedy word wrap in reading order (the first words on the first line,
    whatever the direction); explicit newlines are kept; over-long words are split."""
    lines: list[str] = []
    directions: list[bool] = []
    broke = False
    for paragraph in text.replace("\t", " ").split("\n"):
        rtl = starts_right_to_left(paragraph)
        # A line cut from a paragraph with right-to-left text is measured in the paragraph's direction.
        direction = rtl if RIGHT_TO_LEFT.search(paragraph) else None
        width = lambda line: measure(line, style, direction)  # noqa: E731
        before = len(lines)
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if width(candidate) <= max_width:
                current = candidate
                continue
            if width(word) <= max_width:
                if current:
                    lines.append(current)
                current = word
                continue
            pieces, split_inside = _break_long_word(word, current, width, max_width)
            broke = broke or split_inside
            lines.extend(pieces[:-1])
            current = pieces[-1]
        lines.append(current)
        directions.extend([rtl] * (len(lines) - before))
    return Wrapped(tuple(lines), broke, tuple(directions))


Width = Callable[[str], float]


def _break_long_word(word: str, current: str, width: Width, max_width: float) -> tuple[list[str], bool]:
    """Lines for a word wider than a line (a URL, a path), continuing `current`:
    it breaks after its separators, which is no broken word; a part still too
    wide is split where it must (True)."""
    lines: list[str] = []
    line = f"{current} " if current else ""
    split_inside = False
    for part in _SEPARATED.findall(word):
        if width(line + part) <= max_width:
            line += part
            continue
        if line.strip():
            lines.append(line.rstrip())
        if width(part) <= max_width:
            line = part
            continue
        pieces = _split_word(part, width, max_width)
        split_inside = True
        lines.extend(pieces[:-1])
        line = pieces[-1]
    return lines + [line], split_inside


# A long word (a URL, a path, an identifier) breaks after one of these when it can.
_BREAK_AFTER = frozenset("/.-_?#&=:@")
_SEPARATED = re.compile(r"[^/.\-_?#&=:@]*[/.\-_?#&=:@]+|[^/.\-_?#&=:@]+")  # its parts, each with the separators after it


def _split_word(word: str, width: Width, max_width: float) -> list[str]:
    """Pieces of a word too long for a line: each as long as fits, ending
    after a URL's or path's separator where one is in reach, else anywhere."""
    pieces: list[str] = []
    current: list[str] = []
    for cluster in clusters(word):
        if current and width("".join(current) + cluster) > max_width:
            cut = _last_separator(current)
            pieces.append("".join(current[:cut]))
            current = current[cut:]
        current.append(cluster)
    pieces.append("".join(current))
    return pieces


def _last_separator(piece: list[str]) -> int:
    """Clusters to keep on the line so that it ends after a separator; all of them if none is late enough."""
    for keep in range(len(piece) - 1, len(piece) // 2, -1):  # not so early that the line is half empty
        if piece[keep - 1] in _BREAK_AFTER:
            return keep
    return len(piece)


# --- fitting --------------------------------------------------------------


def fit(
    text: str,
    style: TextStyle,
    *,
    field: str,
    max_width: float,
    max_height: float | None = None,
    max_lines: int | None = None,
    min_size: float,
    align: str = "start",
    step: float = 2,
) -> TextBlock:
    """The largest size (from style.size down to min_size) at which the text fits.

    Fits first without splitting words; only at the minimum size may a long
    word be split. Past that, a LayoutError names the field and the overflow.
    """
    if not text.strip():
        return TextBlock((), style, align)
    check_drawable(text.upper() if style.uppercase else text, field, style.family, style.weight)
    sizes = _candidate_sizes(style.size, min_size, step)

    def attempt(candidate: tuple[float, bool]) -> TextBlock:
        size, may_split_words = candidate
        sized = style.at(size)
        wrapped = wrap(text, sized, max_width)
        if (wrapped.broke_words and not may_split_words) or not _fits(wrapped, sized, max_height, max_lines):
            raise _overflow_error(text, wrapped, sized, field, max_height, max_lines)
        return wrapped_block(wrapped, sized, align)

    # Whole words at every size first; only at the smallest may a long word be split.
    return largest_that_fits([(size, False) for size in sizes] + [(sizes[-1], True)], attempt)


def balance(block: TextBlock, max_width: float) -> TextBlock:
    """Re-wrap a multi-line block to the narrowest width that keeps its line
    count, so a title does not end with one lonely word."""
    if len(block.lines) < 2:
        return block
    text = " ".join(line.text for line in block.lines)
    count = len(block.lines)
    low, high = max_width / count, max_width
    best = block
    for _ in range(12):
        middle = (low + high) / 2
        wrapped = wrap(text, block.style, middle)
        if len(wrapped.lines) <= count and not wrapped.broke_words:
            best = wrapped_block(wrapped, block.style, block.align)
            high = middle
        else:
            low = middle
    return best


def _candidate_sizes(largest: float, smallest: float, step: float) -> list[float]:
    smallest = min(smallest, largest)
    count = max(1, math.floor((largest - smallest) / step) + 1)
    sizes = [largest - i * step for i in range(count)]
    if sizes[-1] > smallest:
        sizes.append(smallest)
    return sizes


def _fits(wrapped: Wrapped, style: TextStyle, max_height: float | None, max_lines: int | None) -> bool:
    n = len(wrapped.lines)
    if max_lines is not None and n > max_lines:
        return False
    if max_height is not None and n * style.line_height * style.size > max_height + 0.5:
        return False
    return True


def wrapped_block(wrapped: Wrapped, style: TextStyle, align: str = "start") -> TextBlock:
    """The lines of a wrap, each in its paragraph's direction."""
    return TextBlock(tuple(make_line(t, style, rtl) for t, rtl in zip(wrapped.lines, wrapped.rtl)), style, align)


def _overflow_error(text, wrapped, style, field, max_height, max_lines) -> NoFit:
    allowed = len(wrapped.lines)
    if max_lines is not None:
        allowed = min(allowed, max_lines)
    if max_height is not None:
        allowed = min(allowed, int((max_height + 0.5) // (style.line_height * style.size)))
    allowed = max(allowed, 0)
    needed = len(wrapped.lines)
    keep = int(len(text) * allowed / needed) if needed else 0
    cut = max(1, len(text) - keep)
    return NoFit(
        field,
        f"text too long: needs {plural(needed, 'line')} at the minimum size of {style.px} px, "
        f"room for {allowed}",
        f"shorten it by about {plural(cut, 'character')}",
        shortfall=needed - allowed,
    )


def single_line(text: str, style: TextStyle, *, field: str, max_width: float, min_size: float, align="start") -> TextBlock:
    """A one-line label: shrink to fit the width, never wrap."""
    return fit(text, style, field=field, max_width=max_width, max_lines=1, min_size=min_size, align=align)


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


@dataclass(frozen=True)
class Placed:
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
