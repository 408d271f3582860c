"""Text into font runs: each grapheme cluster goes to the colour emoji font or
to the first text font of the chain whose character map covers it; a cluster
no bundled font covers is an error, never an empty box.

Runs are also cut where the reading direction changes (the Unicode
bidirectional levels) and come out in the order they are shown, left to
right: an Arabic or Hebrew run is shaped right to left in its place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from postimages import fonts, systemfonts, unicode
from postimages.errors import LayoutError


@dataclass(frozen=True)
class Run:
    text: str
    font_path: Path | None  # None: colour emoji
    rtl: bool = False  # shaped and drawn right to left


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


def segment(text: str, family: str, weight: str) -> tuple[Run, ...]:
    """Split one line of text into runs that one font (or the emoji font)
    draws in one direction, in the order they are shown."""
    return _segment(text, family, weight, fonts.active())


@lru_cache(maxsize=4096)
def _segment(text: str, family: str, weight: str, user) -> tuple[Run, ...]:
    chain = fonts.fallback_files(family, weight)
    levels = unicode.bidi_levels(text)
    pieces: list[tuple[Path | None, int, list[str]]] = []  # each run's font, level and clusters, joined once at the end
    missing: list[str] = []
    start = 0
    for cluster in clusters(text):
        level = levels[start] if levels else 0
        start += len(cluster)
        if _is_emoji(cluster, chain):
            pieces.append((None, level, [cluster]))  # one run per emoji: drawn as an image
            continue
        visible = _visible(cluster)
        if not visible:
            continue
        path = _font_for(cluster, chain) or systemfonts.font_for(visible)
        if path is None:
            missing.extend(c for c in visible if not _drawable(c, chain))
        elif pieces and pieces[-1][:2] == (path, level):
            pieces[-1][2].append(visible)
        else:
            pieces.append((path, level, [visible]))
    if missing:
        raise MissingGlyphs(list(dict.fromkeys(missing)))
    runs = [Run("".join(parts), path, level % 2 == 1) for path, level, parts in pieces]
    if levels is None:
        return tuple(runs)
    return tuple(runs[i] for i in unicode.visual_order([level for _, level, _ in pieces]))


def _drawable(char: str, chain: list[Path]) -> bool:
    return any(ord(char) in fonts.coverage(p) for p in chain) or systemfonts.font_for(char) is not None


def check_drawable(text: str, field: str, family: str = "text", weight: str = "regular") -> None:
    """Raise a LayoutError naming the field if any character cannot be drawn."""
    try:
        # Tabs and line breaks are never drawn as glyphs: wrapping turns them into spaces and lines.
        segment(" ".join(text.split()), family, weight)
    except MissingGlyphs as exc:
        raise LayoutError(field, str(exc), UNDRAWABLE_HINT) from None
