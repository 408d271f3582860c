"""Text into font runs: each grapheme cluster goes to the colour emoji font or
to the first text font of the chain whose character map covers it; a cluster
no bundled font covers is an error, never an empty box.

Runs are also cut where the reading direction changes (the Unicode
bidirectional levels) and come out in the order they are shown, left to
right: an Arabic or Hebrew run is shaped right to left in its place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from postimages import emphasis, fonts, systemfonts, unicode
from postimages.errors import LayoutError


class Run(NamedTuple):
    text: str
    font_path: Path | None  # None: colour emoji
    rtl: bool = False  # shaped and drawn right to left
    emphasised: bool = False  # `**words**`: drawn in the style's emphasis colour


UNDRAWABLE_HINT = ("remove it or replace it with a similar character, or name a font that has it "
                   "under fonts: in post.yaml (or install one on this machine)")


class MissingGlyphs(Exception):
    def __init__(self, characters: list[str]):
        self.characters = characters
        names = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in characters)
        super().__init__(f"no bundled font can draw {names}")


clusters = unicode.clusters
_visible = unicode.visible


def _is_emoji(cluster: str, text_chain: list[Path]) -> bool:
    first = ord(cluster[0])
    if first not in fonts.coverage(fonts.emoji_file()):
        return False
    # A symbol such as ⚡ or ❌ that no text font has shows as emoji too.
    return unicode.shows_as_emoji(cluster) or not any(first in fonts.coverage(path) for path in text_chain)


def _font_for(cluster: str, text_chain: list[Path]) -> Path | None:
    visible = _visible(cluster)
    for path in text_chain:
        cover = fonts.coverage(path)
        if all(ord(c) in cover for c in visible):
            return path
    return None


def segment(text: str, family: str, weight: str, marked: bool = False) -> tuple[Run, ...]:
    """Split one line of text into runs that one font (or the emoji font)
    draws in one direction, in the order they are shown. Marked-up text
    (`marked`) loses its markers: `**words**` come in the next weight up, in
    runs of their own, and `` `name` `` in the code font."""
    return _segment(text, family, weight, marked, fonts.active())


@lru_cache(maxsize=4096)
def _segment(text: str, family: str, weight: str, marked: bool, user) -> tuple[Run, ...]:
    spans = emphasis.parse(text).spans if marked else (emphasis.Span(text),)
    shown = "".join(span.text for span in spans)
    levels = unicode.bidi_levels(shown)  # of the whole line: an emphasised word keeps its place in a sentence
    pieces: list[tuple[Path | None, int, bool, list[str]]] = []  # each run's font, level, look and clusters
    missing: list[str] = []
    start = 0
    for span in spans:
        chain = fonts.fallback_files("mono" if span.code else family,
                                     fonts.heavier(family, weight) if span.strong else weight)
        if levels is None and _add_plain(pieces, span.text, chain, (0, span.strong)):
            continue
        for cluster in clusters(span.text):
            level = levels[start] if levels else 0
            start += len(cluster)
            _add_cluster(pieces, missing, cluster, chain, (level, span.strong))
    if missing:
        raise MissingGlyphs(list(dict.fromkeys(missing)))
    runs = [Run("".join(parts), path, level % 2 == 1, strong) for path, level, strong, parts in pieces]
    if levels is None:
        return tuple(runs)
    return tuple(runs[i] for i in unicode.visual_order([level for _, level, _, _ in pieces]))


def _add_plain(pieces: list, text: str, chain, look: tuple[int, bool]) -> bool:
    """Put all of `text` in one run, as `_add_cluster` would a cluster at a
    time, when it is printable ASCII that the chain's first font has: ASCII
    is never emoji nor a code point that draws nothing. Most text is, and
    the clusters cost ~10 us a character. False (nothing added) otherwise."""
    if not (text and text.isascii() and text.isprintable() and chain):
        return False
    cover = fonts.coverage(chain[0])
    if not all(ord(char) in cover for char in set(text)):
        return False
    if pieces and pieces[-1][:3] == (chain[0], *look):
        pieces[-1][3].append(text)
    else:
        pieces.append((chain[0], *look, [text]))
    return True


def _add_cluster(pieces: list, missing: list[str], cluster: str, chain, look: tuple[int, bool]) -> None:
    """Put a cluster in the run it continues (the same font, level and look), or start one."""
    if _is_emoji(cluster, chain):
        pieces.append((None, *look, [cluster]))  # one run per emoji: drawn as an image
        return
    visible = _visible(cluster)
    if not visible:
        return
    path = _font_for(cluster, chain) or systemfonts.font_for(visible)
    if path is None:
        missing.extend(c for c in visible if not _drawable(c, chain))
    elif pieces and pieces[-1][:3] == (path, *look):
        pieces[-1][3].append(visible)
    else:
        pieces.append((path, *look, [visible]))


def _drawable(char: str, chain: list[Path]) -> bool:
    return any(ord(char) in fonts.coverage(p) for p in chain) or systemfonts.font_for(char) is not None


def check_drawable(text: str, field: str, family: str = "text", weight: str = "regular") -> None:
    """Raise a LayoutError naming the field if any character cannot be drawn."""
    try:
        # Tabs and line breaks are never drawn as glyphs: wrapping turns them into spaces and lines.
        segment(" ".join(text.split()), family, weight)
    except MissingGlyphs as exc:
        raise LayoutError(field, str(exc), UNDRAWABLE_HINT) from None
