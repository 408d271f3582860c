"""Skip cards whose inputs have not changed since their PNG was written.

A card's key is a hash of everything that decides its pixels: the spec file,
post.yaml, the files the card reads (a code snippet), the render options,
its page number, the bundled fonts and the tool's version. The keys live in
one small JSON file in the output folder, beside the PNGs they describe.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

try:  # hashlib's own blake2b, without hashlib, which loads OpenSSL first (~3 ms, on every render)
    from _blake2 import blake2b
except ImportError:  # a Python without the module
    from hashlib import blake2b

from postimages import __version__
from postimages.cardfiles import POST_FILE
from postimages.output import OutputError, folder_lock, write_atomic

CACHE_FILE = ".postimages-cache.json"


def _folder_fingerprint(folder: Path, suffix: str = "") -> str:
    """Names, sizes and modification times of a folder's files (those ending
    in `suffix`, in every subfolder): cheap, and enough to notice other fonts
    or an edited renderer."""
    entries = sorted(f"{name}:{stat.st_size}:{stat.st_mtime_ns}" for name, stat in _files_below(folder, "", suffix))
    return blake2b("\n".join(entries).encode(), digest_size=16).hexdigest()


def _files_below(folder: Path, prefix: str, suffix: str):
    """(path relative to the first folder, stat) of every file below `folder`.
    os.scandir, not Path.rglob: one stat a file where rglob takes three."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        name = prefix + entry.name
        if entry.is_dir():
            if entry.name != "__pycache__":  # compiled copies of the files fingerprinted already
                yield from _files_below(Path(entry.path), name + "/", suffix)
        elif entry.name.endswith(suffix) and entry.is_file():
            yield name, entry.stat()


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    from postimages.fonts import fonts_dir

    return _folder_fingerprint(fonts_dir()) + code_fingerprint()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    return _folder_fingerprint(Path(__file__).parent, ".py")


def card_key(files: list[Path], settings: str) -> str:
    digest = blake2b(digest_size=20)
    digest.update(f"{__version__}\n{tool_fingerprint()}\n{settings}\n".encode())
    for path in files:
        digest.update(str(path).encode() + b"\0")
        digest.update(_content_token(path))
    return digest.hexdigest()


# Past this, an input is far larger than any card reads (its loader refuses
# it): its size and time stand for its content, so it is never read whole.
LARGEST_HASHED = 16 * 1024 * 1024


def _content_token(path: Path) -> bytes:
    """What of a file goes into a key: its bytes, or for what cannot or need not be read, a marker."""
    try:
        if not path.is_file():  # a device such as /dev/zero would be read forever
            return b"<not a file>"
        stat = path.stat()
        if stat.st_size > LARGEST_HASHED:
            return f"<{stat.st_size} bytes, {stat.st_mtime_ns}>".encode()
        return path.read_bytes()
    except OSError:
        return b"<missing>"


def plan_key(folder: Path, names: list[str]) -> str:
    """What the plan of a folder's post is made from: post.yaml's bytes, the
    names of its card files (`cardfiles.card_file_names`) and the tool's code."""
    post = _content_token(folder / POST_FILE)
    digest = blake2b(digest_size=20)
    digest.update(f"{__version__}\n{code_fingerprint()}\n{len(post)}\n".encode() + post)
    digest.update("\n".join(names).encode())
    return digest.hexdigest()


def files_digest(paths: list[Path]) -> str:
    """A digest of the files' bytes: whether data files are exactly as when their values were read."""
    digest = blake2b(digest_size=16)
    for path in paths:
        digest.update(str(path).encode() + b"\0" + _content_token(path) + b"\0")
    return digest.hexdigest()


def data_entry(files: list[Path], values: str) -> dict:
    """What a cache entry keeps of the data files a card read: which, their digest, the values read."""
    return {"files": [str(p) for p in files], "digest": files_digest(files), "values": values}


class Cache:
    def __init__(self, out_dir: Path):
        self.path = out_dir / CACHE_FILE
        self.entries: dict[str, dict] = self._read()
        self.changed = False
        self._recorded: dict[str, dict] = {}  # this run's entries, merged into the file's on save

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def fresh(self, png: Path, key: str) -> dict | None:
        """The recorded entry if the PNG was made from exactly these inputs and
        is still there as written; None for anything else, an odd entry too
        (a cache is a hint: what it cannot vouch for is drawn again)."""
        entry = self.entries.get(png.name)
        if not _well_formed(entry) or entry["key"] != key:
            return None
        try:
            with png.open("rb") as handle:
                data = handle.read(entry["bytes"] + 1)
        except OSError:
            return None
        return entry if len(data) == entry["bytes"] and png_digest(data) == entry["digest"] else None

    def record(self, png: Path, key: str, pixels: tuple[int, int], size: int, digest: str,
               inputs: list[Path] | None = None, alt: str | None = None, data: dict | None = None) -> None:
        self.entries[png.name] = self._recorded[png.name] = {
            "key": key, "bytes": size, "digest": digest, "pixels": list(pixels),
            "inputs": [str(p) for p in inputs or []], "alt": alt, **({"data": data} if data else {})}
        self.changed = True

    def data(self, png: Path) -> dict | None:
        """The data files and values recorded with `png`, when it read any and the record is sound."""
        entry = self.entries.get(png.name)
        data = entry.get("data") if isinstance(entry, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("values"), str) \
                or not isinstance(data.get("digest"), str) or not _names(data.get("files")):
            return None
        return data

    def alt(self, png: Path) -> str | None:
        """The alt text recorded with `png`, if the entry is sound."""
        entry = self.entries.get(png.name)
        return entry["alt"] if _well_formed(entry) else None

    def planned(self, folder: Path, key: str) -> list[str] | None:
        """The names of the folder's card files in post order, as planned from
        exactly these inputs (`plan_key`) and font files; None if not known."""
        entry = self.entries.get(_plan_name(folder))
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        order, fonts, digest = entry.get("order"), entry.get("fonts"), entry.get("fonts_digest")
        if not _names(order) or not _names(fonts) or files_digest([Path(n) for n in fonts]) != digest:
            return None  # post.yaml's fonts are checked when it is read: one that changed is checked again
        return order

    def record_plan(self, folder: Path, key: str, order: list[str], fonts: list[Path]) -> None:
        fonts = [Path(os.path.abspath(path)) for path in fonts]  # the same files from any working folder
        self.entries[_plan_name(folder)] = self._recorded[_plan_name(folder)] = {
            "key": key, "order": order, "fonts": [str(p) for p in fonts], "fonts_digest": files_digest(fonts)}
        self.changed = True

    def inputs(self, png: Path) -> list[Path]:
        """The files the recorded key of `png` was made from (none if unknown)."""
        entry = self.entries.get(png.name)
        names = entry.get("inputs") if isinstance(entry, dict) else None
        if not _names(names):
            return []
        return [Path(n) for n in names]

    def save(self) -> None:
        """Write this run's entries into the file, over what other renders wrote
        there since it was read: under the folder's lock, read again, merge."""
        if self.changed and self.path.parent.is_dir():
            with folder_lock(self.path.parent):
                self.entries = {**self._read(), **self._recorded}
                try:
                    write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True).encode())
                except OutputError:
                    return  # the cache only saves time: the PNGs are written, the next render redraws them
            self.changed = False


def png_digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def _plan_name(folder: Path) -> str:
    """The entry of a folder's plan: not a PNG's name, so no card's entry."""
    return f"plan of {os.path.abspath(folder)}"


def _names(value: object) -> bool:
    """Whether a cache entry's field is a list of file names, as it is written."""
    return isinstance(value, list) and all(isinstance(n, str) for n in value)


def _well_formed(entry: object) -> bool:
    """Whether a cache entry has every field, each of the type it is written with."""
    if not isinstance(entry, dict):
        return False
    pixels, inputs = entry.get("pixels"), entry.get("inputs")
    return (isinstance(entry.get("key"), str) and isinstance(entry.get("digest"), str)
            and type(entry.get("bytes")) is int and entry["bytes"] >= 0
            and isinstance(pixels, list) and len(pixels) == 2 and all(type(v) is int and v > 0 for v in pixels)
            and _names(inputs)
            and (entry.get("alt") is None or _utf8_text(entry.get("alt"))))


def _utf8_text(value: object) -> bool:
    """A str that alt-text.md can hold: JSON can carry a lone surrogate (\\ud800) that UTF-8 cannot."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def remove_orphans(out_dir: Path, folders: set[Path], current: set[str]) -> list[Path]:
    """Delete the PNGs of specs that were deleted; return them.

    Only a PNG the cache says postimages wrote from a spec of one of `folders`,
    whose spec is gone, which no card of the post (`current`, PNG names) makes
    now, and whose bytes are still those written: never a file of the user's."""
    cache = Cache(out_dir)
    removed = []
    for name, entry in list(cache.entries.items()):
        inputs = entry.get("inputs") if isinstance(entry, dict) else None
        if name in current or not _well_formed(entry) or not inputs:
            continue
        spec = Path(inputs[0])
        if spec.parent not in folders or spec.exists():
            continue
        png = out_dir / name
        if Path(name).name != name or png.suffix != ".png":
            continue
        if png.is_file() and cache.fresh(png, entry["key"]) is not None:
            try:
                png.unlink()
            except OSError:
                continue
            removed.append(png)
        del cache.entries[name]  # a PNG changed since, or gone: the entry vouches for nothing now
        cache.changed = True
    cache.save()
    return removed
