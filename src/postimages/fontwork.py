"""What a font gave at each size in earlier runs, kept on disk (diskcache):
its metrics and glyph rasters from FreeType, its shaped strings from
HarfBuzz, and for the emoji font the emoji as drawn. With them, a run loads
neither library nor the font; what it adds is written back by `keep`,
merged with what other processes wrote meanwhile.

One entry a font and size, keyed by the font file (path, size, time) and a
variable font's weight, the size, the two libraries' installed files, and
postimages' version and code. A run reads only the sizes it draws with,
however many sizes other posts left in the cache, and decodes only the items
it asks for, however many strings they shaped at that size.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from postimages import diskcache

_LIBRARIES = ("freetype", "uharfbuzz")

# Past this, an entry keeps only what the process writing it drew with: every
# run reads the whole entry of each font and size it draws with.
ENTRY_LIMIT = 1024 * 1024


def kept(path: Path, px: int, table: str, key, compute: Callable[[], Any]) -> Any:
    """`compute()`, or what it gave in an earlier run for the font, size, table and key.
    The values are what marshal keeps: numbers, strings, bytes, tuples."""
    values = _kept(path, px).setdefault(table, {})
    if key not in values:
        value = _decoded(_stored(path, px).get(table, {}).get(key))
        if value is _MISSING:
            value = compute()
            _added.setdefault((path, px), {}).setdefault(table, {})[key] = marshal.dumps(value)
        values[key] = value
    _asked.add((path, px, table, key))  # once an item a process: the callers keep what they asked in memory
    return values[key]


_MISSING = object()
_added: dict[tuple[Path, int], dict[str, dict]] = {}  # what this process computed, marshalled, for `keep`
_asked: set[tuple] = set()  # what this process drew with: all an entry past its limit keeps


@lru_cache(maxsize=None)
def _kept(path: Path, px: int) -> dict:
    """{table: {key: value}}: what this process asked of the font at size `px`."""
    return {}


@lru_cache(maxsize=None)
def _stored(path: Path, px: int) -> dict:
    """{table: {key: marshalled value}} as earlier runs left them: each value
    is decoded only when asked, since an entry also holds what other posts
    drew (every string ever shaped at that size)."""
    return _read_kept(path, px)


def _decoded(stored: bytes | None) -> Any:
    if stored is None:
        return _MISSING
    try:
        return marshal.loads(stored)
    except (ValueError, EOFError, TypeError):
        return _MISSING


def _read_kept(path: Path, px: int) -> dict:
    payload = diskcache.read(_kept_entry(path, px))
    try:
        tables = marshal.loads(payload) if payload is not None else {}
    except (ValueError, EOFError, TypeError):
        return {}
    # An entry written by something else reads as empty; an item that is not
    # marshalled bytes is found by `_decoded` when asked, not looked at here.
    well_formed = isinstance(tables, dict) and all(isinstance(table, dict) for table in tables.values())
    return tables if well_formed else {}


def keep() -> None:
    """Write what this process added to each font and size, merged with what other processes wrote meanwhile."""
    while _added:
        (path, px), added = _added.popitem()
        merged = _read_kept(path, px)
        for table, items in added.items():
            merged[table] = {**merged.get(table, {}), **items}
        payload = marshal.dumps(merged)
        if len(payload) > ENTRY_LIMIT:
            payload = marshal.dumps(_drawn_with(path, px, merged))
        diskcache.write(_kept_entry(path, px), payload)


def _drawn_with(path: Path, px: int, tables: dict) -> dict:
    """Only what this process asked of the font at this size."""
    return {table: {key: value for key, value in items.items() if (path, px, table, key) in _asked}
            for table, items in tables.items()}


@lru_cache(maxsize=None)
def _kept_entry(path: Path, px: int) -> Path | None:
    try:
        return diskcache.entry("glyphs", _font_identity(path), str(px))
    except OSError:
        return None


@lru_cache(maxsize=None)
def _font_identity(path: Path) -> str:
    """The font's file and weight and the libraries that read it: what every size's key shares."""
    return "\0".join((diskcache.file_identity(path), _instance(path), *map(_library_identity, _LIBRARIES)))


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
