"""The machine's own fonts, for characters no bundled font and no font of the
post has (Chinese, Japanese, Korean: Noto CJK is too big to bundle).

A font is found by what it covers: each font file in the standard font folders
(or those in POSTIMAGES_FONT_DIRS, separated as PATH is) is asked for its
character map, which `fonts.coverage` keeps on disk, so a folder is read once.
Only text that needs it ever looks: most cards never scan anything.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

from postimages import fonts, unicode

FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})


def font_dirs() -> list[Path]:
    given = os.environ.get("POSTIMAGES_FONT_DIRS")
    if given is not None:
        return [Path(part) for part in given.split(os.pathsep) if part]
    home = Path.home()
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", "C:/Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts"]


@lru_cache(maxsize=1)
def machine_fonts() -> tuple[Path, ...]:
    """Every font file in the font folders, in a stable order."""
    found: set[Path] = set()
    for folder in font_dirs():
        try:
            found.update(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file())
        except OSError:
            continue  # a folder that is not there or cannot be read
    return tuple(sorted(found))


@lru_cache(maxsize=4096)
def font_for(cluster: str) -> Path | None:
    """The first of the machine's fonts that has every character of the cluster."""
    for path in machine_fonts():
        try:
            cover = fonts.coverage(path)
        except Exception:  # noqa: BLE001 - a damaged font on the machine only means one fewer to try
            continue
        if all(ord(char) in cover for char in cluster):
            return path
    return None


def fonts_for(texts: list[str], chain: tuple[Path, ...]) -> list[Path]:
    """The machine fonts the texts draw from: for their characters that no
    font of `chain` has. Part of a card's cache key."""
    # Code points that draw nothing (a variation selector, a joiner) need no font.
    needed = {char for text in texts for char in text if ord(char) > 0x7F and ord(char) not in unicode.IGNORABLE}
    # A font's coverage is read only for characters the fonts before it lack: an English card reads none.
    lacking = [char for char in sorted(needed) if not any(ord(char) in fonts.coverage(path) for path in chain)]
    return sorted({path for char in lacking if (path := font_for(char)) is not None})
