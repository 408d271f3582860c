"""Text into font runs: each grapheme cluster goes to the colour emoji font or
to the first text font of the chain whose character map covers it; a cluster
no bundled font covers is an error, never an empty box."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from postimages import fonts, unicode
from postimages.errors import LayoutError


@dataclass(frozen=True)
class Run:
    text: str
    font_path: Path | None  # None: colour emoji


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


@lru_cache(maxsize=4096)
def segment(text: str, family: str, weight: str) -> tuple[Run, ...]:
    """Split text into runs that one font (or the emoji font) draws."""
    chain = fonts.fallback_files(family, weight)
    pieces: list[tuple[Path | None, list[str]]] = []  # each run's font and its clusters, joined once at the end
    missing: list[str] = []
    for cluster in clusters(text):
        if _is_emoji(cluster, chain):
            pieces.append((None, [cluster]))  # one run per emoji: drawn as an image
            continue
        visible = _visible(cluster)
        if not visible:
            continue
        path = _font_for(cluster, chain)
        if path is None:
            missing.extend(c for c in visible if not _drawable(c, chain))
        elif pieces and pieces[-1][0] == path:
            pieces[-1][1].append(visible)
        else:
            pieces.append((path, [visible]))
    if missing:
        raise MissingGlyphs(list(dict.fromkeys(missing)))
    return tuple(Run("".join(parts), path) for path, parts in pieces)


def _drawable(char: str, chain: list[Path]) -> bool:
    return any(ord(char) in fonts.coverage(p) for p in chain)


def check_drawable(text: str, field: str, family: str = "text", weight: str = "regular") -> None:
    """Raise a LayoutError naming the field if any character cannot be drawn."""
    try:
        # Tabs and line breaks are never drawn as glyphs: wrapping turns them into spaces and lines.
        segment(" ".join(text.split()), family, weight)
    except MissingGlyphs as exc:
        raise LayoutError(field, str(exc), "remove it or replace it with a similar character") from None
