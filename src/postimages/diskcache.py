"""Work that comes out the same on every run, kept on disk between runs:
glyph rasters, a snippet's tokens, a card's shape masks. Beside the font coverage, in
`~/.cache/postimages/` (`$XDG_CACHE_HOME`).

An entry is one file named by a digest of everything that decides its
content: its own inputs, postimages' code and bundled fonts, the versions of
the libraries that computed it. An upgrade therefore finds no old entry. A
damaged entry fails its checksum and is computed again; the folder can be
deleted at any time. Either costs only time. Past LIMIT bytes the oldest
entries go.
"""

from __future__ import annotations

import os
from pathlib import Path

from postimages.cache import blake2b, tool_fingerprint
from postimages.output import OutputError, write_atomic

LIMIT = 50 * 1024 * 1024
_MAGIC = b"postimages-cache-1\n"
_CHECK = 16  # bytes of blake2b over the payload


def root() -> Path | None:
    """The postimages folder of the user's cache; None without a home folder."""
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "postimages"
    except RuntimeError:  # no home folder
        return None


def file_identity(path: Path) -> str:
    """A font or other input as a cache key sees it: name, size, modification time."""
    stat = path.stat()
    return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"


def entry(kind: str, *key: str) -> Path | None:
    """Where the entry of `kind` for `key` lives (it may not exist)."""
    from postimages import __version__

    folder = root()
    if folder is None:
        return None
    digest = blake2b("\0".join((__version__, tool_fingerprint(), *key)).encode(), digest_size=20).hexdigest()
    return folder / f"{kind}-v1" / digest


def read(path: Path | None) -> bytes | None:
    """The entry's payload, or None when it is missing or damaged."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(_MAGIC) + _CHECK
    payload = data[start:]
    if data[:len(_MAGIC)] != _MAGIC or data[len(_MAGIC):start] != _checksum(payload):
        return None
    return payload


def write(path: Path | None, payload: bytes) -> None:
    """Keep `payload` at `path`; a folder that cannot be written only costs the next run the time."""
    if path is None:
        return
    global _pruned
    try:
        write_atomic(path, _MAGIC + _checksum(payload) + payload, durable=False)  # fsync: 2 ms an entry
    except OutputError:
        return
    if not _pruned:  # once a process: the entries of one run are far below the limit
        _pruned = True
        _prune(path.parent.parent)


_pruned = False


def _checksum(payload: bytes) -> bytes:
    return blake2b(payload, digest_size=_CHECK).digest()


def _prune(folder: Path) -> None:
    """Remove the oldest entries while all of them take more than LIMIT bytes."""
    try:
        files = [(item.stat().st_mtime_ns, item.stat().st_size, Path(item.path))
                 for kind in os.scandir(folder) if kind.is_dir() and kind.name.endswith("-v1")
                 for item in os.scandir(kind.path) if item.is_file()]
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    for _, size, path in sorted(files):
        if total <= LIMIT:
            break
        try:
            path.unlink()
        except OSError:
            pass
        total -= size
