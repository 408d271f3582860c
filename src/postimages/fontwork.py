"""What a font at a size gave in earlier runs, kept on disk (diskcache):
its metrics and glyph rasters from FreeType, its shaped strings from
HarfBuzz, and for the emoji font the emoji as drawn. With them, a run loads
neither library nor the font; what it adds is written back by `keep`,
merged with what other processes wrote meanwhile.

Keyed by the font file (path, size, time) and a variable font's weight, the two libraries' installed
files, and postimages' version and code.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from postimages import diskcache

_LIBRARIES = ("freetype", "uharfbuzz")

_changed: set[tuple[Path, int]] = set()


def kept(path: Path, px: int, table: str, key, compute: Callable[[], Any]) -> Any:
    """`compute()`, or what it gave in an earlier run for the font, size, table and key.
    The values are what marshal keeps: numbers, strings, bytes, tuples."""
    values = _kept(path, px).setdefault(table, {})
    if key not in values:
        values[key] = compute()
        _changed.add((path, px))
    return values[key]


@lru_cache(maxsize=None)
def _kept(path: Path, px: int) -> dict:
    return _read_kept(path, px)


def _read_kept(path: Path, px: int) -> dict:
    payload = diskcache.read(_kept_entry(path, px))
    try:
        tables = marshal.loads(payload) if payload is not None else {}
    except (ValueError, EOFError, TypeError):
        return {}
    return tables if isinstance(tables, dict) and all(isinstance(t, dict) for t in tables.values()) else {}


def keep() -> None:
    """Write what this process added to the work of each font and size."""
    while _changed:
        path, px = _changed.pop()
        merged = _read_kept(path, px)
        for table, values in _kept(path, px).items():
            merged[table] = {**merged.get(table, {}), **values}
        diskcache.write(_kept_entry(path, px), marshal.dumps(merged))


@lru_cache(maxsize=None)
def _kept_entry(path: Path, px: int) -> Path | None:
    try:
        return diskcache.entry("glyphs", diskcache.file_identity(path), _instance(path), str(px),
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
