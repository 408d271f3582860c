"""Bundled fonts: where they are, which file serves which style, coverage.

The fonts ship with the project (``fonts/`` in a checkout, ``postimages/fonts``
inside an installed wheel) so every machine renders the same pixels.
Coverage comes from each font's character map, read with HarfBuzz, so the
text engine can pick, per character, the first font that can draw it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from postimages.output import OutputError, write_atomic

if TYPE_CHECKING:
    from postimages.userfonts import UserFonts

# Noto Color Emoji is a bitmap font with a single strike at this size.
EMOJI_STRIKE_SIZE = 109

_FAMILY_FILES = {
    # (family, weight) -> file name below the fonts folder
    ("text", "regular"): "inter/Inter-Regular.otf",
    ("text", "medium"): "inter/Inter-Medium.otf",
    ("text", "semibold"): "inter/Inter-SemiBold.otf",
    ("text", "bold"): "inter/Inter-Bold.otf",
    ("display", "semibold"): "inter/InterDisplay-SemiBold.otf",
    ("display", "bold"): "inter/InterDisplay-Bold.otf",
    ("display", "extrabold"): "inter/InterDisplay-ExtraBold.otf",
    ("mono", "regular"): "jetbrains-mono/JetBrainsMono-Regular.ttf",
    ("mono", "medium"): "jetbrains-mono/JetBrainsMono-Medium.ttf",
    ("mono", "bold"): "jetbrains-mono/JetBrainsMono-Bold.ttf",
    ("mono", "italic"): "jetbrains-mono/JetBrainsMono-Italic.ttf",
    ("mono", "bolditalic"): "jetbrains-mono/JetBrainsMono-BoldItalic.ttf",
}
_EMOJI_FILE = "noto-color-emoji/NotoColorEmoji.ttf"
# Scripts Inter lacks, in two weights each: behind every style's own fonts.
_SCRIPTS = ("Devanagari", "Arabic", "Hebrew")
_HEAVY = frozenset({"semibold", "bold", "extrabold"})  # drawn from a script's bold



class FontsMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def fonts_dir() -> Path:
    """The folder holding the bundled fonts, installed or in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "fonts", here.parent.parent / "fonts"):
        if (candidate / _EMOJI_FILE).is_file():
            return candidate
    raise FontsMissing(
        "the bundled fonts are missing: reinstall postimages (pip install -e .) "
        "from a full checkout"
    )


# The user's fonts (post.yaml's `fonts:`) for the card being laid out and
# drawn; None: the bundled fonts only. Part of every cache key below.
_user: UserFonts | None = None


@contextmanager
def using(user: UserFonts | None) -> Iterator[None]:
    """Lay out and draw with a post's own fonts in front of the bundled ones."""
    global _user
    previous, _user = _user, user
    try:
        yield
    finally:
        _user = previous


def active() -> UserFonts | None:
    return _user


def font_file(family: str, weight: str) -> Path:
    """The file for a family and weight: the user's when given, else the bundled one."""
    return _font_file(family, weight, _user)


# The path helpers below are cached: text layout asks for them once per
# character, and reusing one Path object makes the coverage lookups cheap.
@lru_cache(maxsize=None)
def _font_file(family: str, weight: str, user: UserFonts | None) -> Path:
    own = user.file(family, weight) if user is not None else None
    return own or bundled_file(family, weight)


@lru_cache(maxsize=None)
def bundled_file(family: str, weight: str) -> Path:
    """The bundled file for a family and weight, falling back to the nearest weight."""
    key = (family, weight)
    if key not in _FAMILY_FILES:
        key = _nearest_weight(family, weight)
    return fonts_dir() / _FAMILY_FILES[key]


_WEIGHTS = ("regular", "medium", "semibold", "bold", "extrabold")


def _nearest_weight(family: str, weight: str) -> tuple[str, str]:
    wanted = _WEIGHTS.index(weight) if weight in _WEIGHTS else 0
    available = [w for (f, w) in _FAMILY_FILES if f == family and w in _WEIGHTS]
    best = min(available, key=lambda w: abs(_WEIGHTS.index(w) - wanted))
    return family, best


def heavier(family: str, weight: str) -> str:
    """The next weight up that has a font of its own (the user's or bundled),
    for `**emphasised**` words; `weight` itself when there is none."""
    return _heavier(family, weight, _user)


@lru_cache(maxsize=None)
def _heavier(family: str, weight: str, user: UserFonts | None) -> str:
    drawn = _font_file(family, weight, user)
    above = _WEIGHTS[_WEIGHTS.index(weight) + 1:] if weight in _WEIGHTS else _WEIGHTS
    return next((w for w in above if _font_file(family, w, user) != drawn), weight)


@lru_cache(maxsize=1)
def emoji_file() -> Path:
    return fonts_dir() / _EMOJI_FILE


def fallback_files(family: str, weight: str) -> tuple[Path, ...]:
    return _fallback_files(family, weight, _user)


@lru_cache(maxsize=None)
def _fallback_files(family: str, weight: str, user: UserFonts | None) -> tuple[Path, ...]:
    """The chain of text fonts tried in order for one style (emoji aside).

    The user's font for the style first, then the bundled one, then Inter of the same weight (Inter Display
    lacks nothing Inter has, but be safe), then JetBrains Mono, which carries
    box-drawing characters and arrows that Inter lacks, then Noto Sans for
    the scripts Inter lacks (Devanagari, Arabic, Hebrew).
    """
    chain = [_font_file(family, weight, user)]
    for extra in (bundled_file(family, weight), bundled_file("text", weight), bundled_file("mono", "regular"),
                  *script_files(weight)):
        if extra not in chain:
            chain.append(extra)
    return tuple(chain)


def keeps_words_whole(path: Path) -> bool:
    """Whether spacing letters out would break this font's words: Arabic
    letters join, Devanagari hang from one headline."""
    return path.parent.name == "noto-sans-scripts"


@lru_cache(maxsize=None)
def script_files(weight: str) -> tuple[Path, ...]:
    """The bundled fonts of other scripts, in the bold for heavy styles."""
    suffix = "Bold" if weight in _HEAVY else "Regular"
    return tuple(fonts_dir() / "noto-sans-scripts" / f"NotoSans{script}-{suffix}.ttf" for script in _SCRIPTS)


@lru_cache(maxsize=None)
def coverage(path: Path) -> frozenset[int]:
    """Code points the font at `path` maps to a glyph.

    HarfBuzz reads a character map in well under a millisecond, but loading
    HarfBuzz takes ~40 ms, which a run whose shapes are all cached never pays;
    so the answer is kept on disk, in runs of consecutive code points, keyed
    by the font file's name, size and mtime.
    """
    cached = _coverage_cache_file(path)
    if cached is not None:
        try:
            return _from_runs(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            pass  # not there yet, or damaged: read the font
    codepoints = _read_cmap(path)
    if cached is not None:
        try:
            write_atomic(cached, json.dumps(_to_runs(codepoints)).encode(), durable=False)  # a torn file fails to parse
        except OutputError:
            pass  # a read-only cache folder only costs the next run the same time
    return codepoints


def _read_cmap(path: Path) -> frozenset[int]:
    """The code points of the font's best Unicode subtable, the one fontTools'
    getBestCmap picks (a test compares them), 10-60 times as fast, with the
    file shaping reads anyway. A collection (.ttc): its first font."""
    from postimages import shaping

    path.stat()  # a missing file raises OSError, as reading it did (HarfBuzz only says it failed)
    face = shaping.face(path)
    if face.glyph_count == 0:  # not a font: HarfBuzz reads any file as an empty one
        raise ValueError(f"{path} is not a font file")
    return frozenset(face.unicodes)


_COVERAGE_FORMAT = 1  # bump when the cached files' content changes meaning


def _coverage_cache_file(font: Path) -> Path | None:
    from postimages import diskcache

    base = diskcache.root()
    try:
        stat = font.stat()
    except OSError:
        return None
    if base is None:  # no home folder
        return None
    folder = base / f"coverage-v{_COVERAGE_FORMAT}"
    return folder / f"{font.stem}-{stat.st_size}-{stat.st_mtime_ns}.json"


def _to_runs(codepoints: frozenset[int]) -> list[list[int]]:
    """[[first, last], ...] for each run of consecutive code points."""
    runs: list[list[int]] = []
    for point in sorted(codepoints):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return runs


def _from_runs(runs: list[list[int]]) -> frozenset[int]:
    if not all(0 <= first <= last <= 0x10FFFF for first, last in runs):
        raise ValueError("not a coverage file")
    return frozenset(point for first, last in runs for point in range(first, last + 1))


def text_width(path: Path, size: int, text: str, features: tuple[str, ...] | None = None,
               rtl: bool = False) -> float:
    """The advance width of `text` in pixels, shaped as it is drawn."""
    from postimages import shaping

    return shaping.width(shaping.shape(path, size, text, features, rtl))
