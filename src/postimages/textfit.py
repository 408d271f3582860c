"""Text into lines: greedy word wrap in reading order (URLs and paths break
after their separators, a word is split only as a last resort), and fitting:
the largest size at which a text fits its box, with balanced lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from postimages import emphasis, fonts
from postimages.fitting import NoFit, largest_that_fits, sizes_down
from postimages.plural import plural
from postimages.segment import check_drawable, clusters
from postimages.text import TextBlock, TextStyle, make_line, measure, shown, words
from postimages.unicode import has_right_to_left, starts_right_to_left


# --- wrapping -------------------------------------------------------------


class Wrapped(NamedTuple):
    lines: tuple[str, ...]
    broke_words: bool  # a word had to be split: acceptable only as a last resort
    rtl: tuple[bool, ...] = ()  # each line's paragraph reads right to left


def wrap(text: str, style: TextStyle, max_width: float) -> Wrapped:
    """Greedy word wrap in reading order (the first words on the first line,
    whatever the direction); explicit newlines are kept; over-long words are split."""
    return _wrap(text, style, max_width, fonts.active())


# A layout's search wraps the same text at the same size and width again and again
# (each arrangement, each fix it tries). The fonts in use are part of the key, as in text.measure.
@lru_cache(maxsize=8192)
def _wrap(text: str, style: TextStyle, max_width: float, user) -> Wrapped:
    lines: list[str] = []
    directions: list[bool] = []
    broke = False
    paragraphs = emphasis.paragraphs(text) if style.marked else text.replace("\t", " ").split("\n")
    for paragraph in paragraphs:
        rtl = starts_right_to_left(paragraph)
        # A line cut from a paragraph with right-to-left text is measured in the paragraph's direction.
        direction = rtl if has_right_to_left(paragraph) else None
        width = lambda line: measure(line, style, direction)  # noqa: E731
        before = len(lines)
        current = ""
        for word in words(paragraph, style):
            candidate = f"{current} {word}" if current else word
            if width(candidate) <= max_width:
                current = candidate
                continue
            if width(word) <= max_width:
                if current:
                    lines.append(current)
                current = word
                continue
            pieces, split_inside = _break_long_word(word, current, style, width, max_width)
            broke = broke or split_inside
            lines.extend(pieces[:-1])
            current = pieces[-1]
        lines.append(current)
        directions.extend([rtl] * (len(lines) - before))
    return Wrapped(tuple(lines), broke, tuple(directions))


Width = Callable[[str], float]


def _break_long_word(word: str, current: str, style: TextStyle, width: Width,
                     max_width: float) -> tuple[list[str], bool]:
    """Lines for a word wider than a line (a URL, a path), continuing `current`:
    it breaks after its separators, which is no broken word; a part still too
    wide is split where it must (True)."""
    lines: list[str] = []
    line = f"{current} " if current else ""
    split_inside = False
    for part in _cut_like(word, style, _SEPARATED.findall(shown(word, style))):
        if width(line + part) <= max_width:
            line += part
            continue
        if line.strip():
            lines.append(line.rstrip())
        if width(part) <= max_width:
            line = part
            continue
        pieces = _split_word(part, style, width, max_width)
        split_inside = True
        lines.extend(pieces[:-1])
        line = pieces[-1]
    return lines + [line], split_inside


# A long word (a URL, a path, an identifier) breaks after one of these when it can.
_BREAK_AFTER = frozenset("/.-_?#&=:@")
_SEPARATED = re.compile(r"[^/.\-_?#&=:@]*[/.\-_?#&=:@]+|[^/.\-_?#&=:@]+")  # its parts, each with the separators after it


def _split_word(word: str, style: TextStyle, width: Width, max_width: float) -> list[str]:
    """Pieces of a word too long for a line: each as long as fits, ending
    after a URL's or path's separator where one is in reach, else anywhere."""
    pieces: list[str] = []
    current: list[str] = []  # the clusters of the line being filled, as measured (with their markers)
    seen = clusters(shown(word, style))  # and as shown
    start = 0  # where `current` starts in `seen`
    for i, cluster in enumerate(_cut_like(word, style, seen)):
        if current and width("".join(current) + cluster) > max_width:
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
    align: str = "start",
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
    best = None  # the narrowest wrap that keeps the count; its lines are made once, at the end
    for _ in range(12):
        middle = (low + high) / 2
        wrapped = wrap(text, block.style, middle)
        if len(wrapped.lines) <= count and not wrapped.broke_words:
            best = wrapped
            high = middle
        else:
            low = middle
    if best is None:
        return block
    return wrapped_block(_without_widow(best, text, block.style, max_width), block.style, block.align)


def _without_widow(wrapped: Wrapped, text: str, style: TextStyle, width: float) -> Wrapped:
    """A last line of one word takes the word before it, when the line above
    keeps two or more and the two fit in `width` (the box's): a greedy wrap
    fills the first lines and can leave the last word alone (2-3-1 words),
    where 2-2-2 fits.
    Only lines broken at spaces: a URL broken after a separator is left alone."""
    lines = list(wrapped.lines)
    if len(lines) < 2 or " ".join(lines) != text or len(words(lines[-1], style)) != 1:
        return wrapped
    above = words(lines[-2], style)
    if len(above) < 3:
        return wrapped
    last = f"{above[-1]} {lines[-1]}"
    direction = wrapped.rtl[-1] if has_right_to_left(last) else None
    if measure(last, style, direction) > width:
        return wrapped
    lines[-2:] = [" ".join(above[:-1]), last]
    return wrapped._replace(lines=tuple(lines))


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


def single_line(text: str, style: TextStyle, *, field: str, max_width: float, min_size: float, align="start") -> TextBlock:
    """A one-line label: shrink to fit the width, never wrap."""
    return fit(text, style, field=field, max_width=max_width, max_lines=1, min_size=min_size, align=align)
