"""Text layout: segment into font runs, measure, wrap, fit, draw.

Text is split into extended grapheme clusters so that emoji sequences (a
variation selector, a keycap, a ZWJ family, a flag) stay whole. Each cluster
goes to the colour emoji font or to the first text font of the chain whose
character map covers it; a cluster no bundled font covers is an error, never
an empty box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from postimages import emphasis, fonts, raster, shaping
from postimages.segment import Run, check_drawable, clusters, segment  # noqa: F401  (part of text's API)
from postimages.fitting import NoFit, largest_that_fits, sizes_down
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
        return replace(self, size=size)

    @property
    def features(self) -> tuple[str, ...] | None:
        return ("tnum",) if self.tabular else None


@dataclass(frozen=True)
class Line:
    text: str
    runs: tuple[Run, ...]
    width: float


@dataclass(frozen=True)
class TextBlock:
    """Wrapped text at a chosen size; placed by the caller inside a box."""

    lines: tuple[Line, ...]
    style: TextStyle
    align: str = "left"

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


def measure(text: str, style: TextStyle) -> float:
    """Advance width of one line of text in pixels."""
    return _measure(text, style, fonts.active())


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


def make_line(text: str, style: TextStyle) -> Line:
    shown = text.upper() if style.uppercase else text
    return Line(shown, segment(shown, style.family, style.weight, style.marked), measure(text, style))


def shown(text: str, style: TextStyle) -> str:
    """The characters drawn: marked-up text without its markers."""
    return emphasis.plain(text) if style.marked and emphasis.has_markup(text) else text


def words(text: str, style: TextStyle) -> list[str]:
    """The words of a text, each one as `measure` takes it (its markers its own)."""
    return emphasis.words(text) if style.marked else text.split()


def font_metrics(style: TextStyle) -> tuple[int, int]:
    """(ascent, descent) in pixels of the style's primary font."""
    return raster.metrics(fonts.font_file(style.family, style.weight), style.px)


# --- wrapping -------------------------------------------------------------


@dataclass(frozen=True)
class Wrapped:
    lines: tuple[str, ...]
    broke_words: bool  # a word had to be split: acceptable only as a last resort


def wrap(text: str, style: TextStyle, max_width: float) -> Wrapped:
    """Greedy word wrap; explicit newlines are kept; over-long words are split."""
    lines: list[str] = []
    broke = False
    paragraphs = emphasis.paragraphs(text) if style.marked else text.replace("\t", " ").split("\n")
    for paragraph in paragraphs:
        current = ""
        for word in words(paragraph, style):
            candidate = f"{current} {word}" if current else word
            if measure(candidate, style) <= max_width:
                current = candidate
                continue
            if measure(word, style) <= max_width:
                if current:
                    lines.append(current)
                current = word
                continue
            pieces, split_inside = _break_long_word(word, current, style, max_width)
            broke = broke or split_inside
            lines.extend(pieces[:-1])
            current = pieces[-1]
        lines.append(current)
    return Wrapped(tuple(lines), broke)


def _break_long_word(word: str, current: str, style: TextStyle, max_width: float) -> tuple[list[str], bool]:
    """Lines for a word wider than a line (a URL, a path), continuing `current`:
    it breaks after its separators, which is no broken word; a part still too
    wide is split where it must (True)."""
    lines: list[str] = []
    line = f"{current} " if current else ""
    split_inside = False
    for part in _cut_like(word, style, _SEPARATED.findall(shown(word, style))):
        if measure(line + part, style) <= max_width:
            line += part
            continue
        if line.strip():
            lines.append(line.rstrip())
        if measure(part, style) <= max_width:
            line = part
            continue
        pieces = _split_word(part, style, max_width)
        split_inside = True
        lines.extend(pieces[:-1])
        line = pieces[-1]
    return lines + [line], split_inside


# A long word (a URL, a path, an identifier) breaks after one of these when it can.
_BREAK_AFTER = frozenset("/.-_?#&=:@")
_SEPARATED = re.compile(r"[^/.\-_?#&=:@]*[/.\-_?#&=:@]+|[^/.\-_?#&=:@]+")  # its parts, each with the separators after it


def _split_word(word: str, style: TextStyle, max_width: float) -> list[str]:
    """Pieces of a word too long for a line: each as long as fits, ending
    after a URL's or path's separator where one is in reach, else anywhere."""
    pieces: list[str] = []
    current: list[str] = []  # the clusters of the line being filled, as measured (with their markers)
    seen = clusters(shown(word, style))  # and as shown
    start = 0  # where `current` starts in `seen`
    for i, cluster in enumerate(_cut_like(word, style, seen)):
        if current and measure("".join(current) + cluster, style) > max_width:
            cut = _last_separator(seen[start:i])
            pieces.append("".join(current[:cut]))
            current, start = current[cut:], start + cut
        current.append(cluster)
    pieces.append("".join(current))
    return pieces


def _cut_like(word: str, style: TextStyle, parts: list[str]) -> list[str]:
    """`word` cut where its shown characters are cut into `parts`, each piece
    with its own markers (joined again, they are the word)."""
    if not (style.marked and emphasis.has_markup(word)):
        return parts
    pieces, at = [], 0
    for part in parts:
        pieces.append(emphasis.cut(word, at, at + len(part)))
        at += len(part)
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
    align: str = "left",
    step: float = 2,
) -> TextBlock:
    """The largest size (from style.size down to min_size) at which the text fits.

    Fits first without splitting words; only at the minimum size may a long
    word be split. Past that, a LayoutError names the field and the overflow.
    """
    if not text.strip():
        return TextBlock((), style, align)
    check_drawable(shown(text.upper() if style.uppercase else text, style), field, style.family, style.weight)
    sizes = sizes_down(style.size, min_size, step)

    def attempt(candidate: tuple[float, bool]) -> TextBlock:
        size, may_split_words = candidate
        sized = style.at(size)
        wrapped = wrap(text, sized, max_width)
        if (wrapped.broke_words and not may_split_words) or not _fits(wrapped, sized, max_height, max_lines):
            raise _overflow_error(text, wrapped, sized, field, max_height, max_lines)
        return _block(wrapped, sized, align)

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
            best = _block(wrapped, block.style, block.align)
            high = middle
        else:
            low = middle
    return best


def _fits(wrapped: Wrapped, style: TextStyle, max_height: float | None, max_lines: int | None) -> bool:
    n = len(wrapped.lines)
    if max_lines is not None and n > max_lines:
        return False
    if max_height is not None and n * style.line_height * style.size > max_height + 0.5:
        return False
    return True


def _block(wrapped: Wrapped, style: TextStyle, align: str) -> TextBlock:
    return TextBlock(tuple(make_line(t, style) for t in wrapped.lines), style, align)


def _overflow_error(text, wrapped, style, field, max_height, max_lines) -> NoFit:
    allowed = len(wrapped.lines)
    if max_lines is not None:
        allowed = min(allowed, max_lines)
    if max_height is not None:
        allowed = min(allowed, int((max_height + 0.5) // (style.line_height * style.size)))
    allowed = max(allowed, 0)
    needed = len(wrapped.lines)
    length = len(shown(text, style))
    keep = int(length * allowed / needed) if needed else 0
    cut = max(1, length - keep)
    return NoFit(
        field,
        f"text too long: needs {plural(needed, 'line')} at the minimum size of {style.px} px, "
        f"room for {allowed}",
        f"shorten it by about {plural(cut, 'character')}",
        shortfall=needed - allowed,
    )


def single_line(text: str, style: TextStyle, *, field: str, max_width: float, min_size: float, align="left") -> TextBlock:
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
    positions = []
    for i, line in enumerate(block.lines):
        if block.align == "center":
            x = box.x + (box.w - line.width) / 2
        elif block.align == "right":
            x = box.right - line.width
        else:
            x = box.x
        positions.append((line, x, top + i * block.line_advance))
    return positions


@dataclass(frozen=True)
class Placed:
    """A text block and the box it was given (the block is drawn top-aligned in it)."""

    block: TextBlock
    box: Box

    @property
    def ink_box(self) -> Box:
        """The box the lines actually occupy, for overlap and margin checks."""
        width = self.block.width
        if self.block.align == "center":
            x = self.box.x + (self.box.w - width) / 2
        elif self.block.align == "right":
            x = self.box.right - width
        else:
            x = self.box.x
        return Box(x, self.box.y, width, self.block.height)
