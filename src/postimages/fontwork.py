"""What a font gave at each size in earlier runs, kept on disk (diskcache):
its metrics and glyph rasters from FreeType, its shaped strings from
HarfBuzz, and for the emoji font the emoji as drawn. With them, a run loads
neither library nor the font; what it adds is written back by `keep`,
merged with what other processes wrote meanwhile.

One entry a font, keyed by the font file (path, size, time) and a variable
font's weight, the two libraries' installed files, and postimages' version
and code.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from postimages import diskcache

_LIBRARIES = ("freetype", "uharfbuzz")

_changed: set[Path] = set()

# Past this, a font's entry keeps only the sizes the process writing it used:
# every run reads the whole entry of each font it draws with.
FONT_LIMIT = 4 * 1024 * 1024


def kept(path: Path, px: int, table: str, key, compute: Callable[[], Any]) -> Any:
    """`compute()`, or what it gave in an earlier run for the font, size, table and key.
    The values are what marshal keeps: numbers, strings, bytes, tuples."""
    values = _kept(path, px).setdefault(table, {})
    if key not in values:
        values[key] = compute()
        _changed.add(path)
    return values[key]


@lru_cache(maxsize=None)
def _kept(path: Path, px: int) -> dict:
    _used.setdefault(path, set()).add(px)
    return _font_work(path).setdefault(px, {})


_used: dict[Path, set[int]] = {}  # the sizes of each font this process drew with


@lru_cache(maxsize=None)
def _font_work(path: Path) -> dict:
    """{size: {table: {key: value}}}: one entry a font, so that the first run,
    which draws each font at several sizes, writes a few files, not dozens."""
    return _read_kept(path)


def _read_kept(path: Path) -> dict:
    payload = diskcache.read(_kept_entry(path))
    try:
        work = marshal.loads(payload) if payload is not None else {}
    except (ValueError, EOFError, TypeError):
        return {}
    return work if _well_formed(work) else {}


def _well_formed(work) -> bool:
    """{size: {table: {...}}}, as `keep` writes it (an entry written by something else reads as empty)."""
    return isinstance(work, dict) and all(
        isinstance(tables, dict) and all(isinstance(table, dict) for table in tables.values())
        for tables in work.values())


def keep() -> None:
    """Write what this process added to the work of each font, merged with what other processes wrote meanwhile."""
    while _changed:
        path = _changed.pop()
        ours = _font_work(path)
        merged = _read_kept(path)
        for px, tables in ours.items():
            into = merged.setdefault(px, {})
            for table, values in tables.items():
                into[table] = {**into.get(table, {}), **values}
        payload = marshal.dumps(merged)
        if len(payload) > FONT_LIMIT:
            payload = marshal.dumps({px: ours[px] for px in _used.get(path, ()) if px in ours})
        diskcache.write(_kept_entry(path), payload)


@lru_cache(maxsize=None)
def _kept_entry(path: Path) -> Path | None:
    try:
        return diskcache.entry("glyphs", diskcache.file_identity(path), _instance(path),
                               *map(_library_identity, _LIBRARIES))
    except OSError:
        return None


def _instance(path: Path) -> str:
    """A variable font's weight (userfonts.Instance): one file, another font at each weight."""
    return repr(sorted(getattr(path, "variations", {}).items()))


@lru_cache(maxsize=None)
def _library_identity(name: str) -> str:
    """An installed library's files as a key sees them, without importing it (that is what the entries spare)."""
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None or spec.origin is None:
        return f"no {name}"
    origin = Path(spec.origin)
    files = [origin, *origin.parent.glob("*.so")]  # freetype-py's FreeType, uharfbuzz's HarfBuzz
    return " ".join(diskcache.file_identity(path) for path in sorted(files))
