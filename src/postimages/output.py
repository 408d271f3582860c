"""Writing files so that a failed or interrupted render never leaves a broken
file nor replaces the previous good one: write a temporary file beside the
target, flush it to disk, then rename it over the target in one step.

A render killed mid-write (SIGKILL, power loss) leaves its temporary file
behind; the temporary name carries the writer's process id so that the next
render can tell such leftovers from a file another render is still writing.
"""

from __future__ import annotations

import os
import re
import struct
import zlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from postimages.errors import PostimagesError

if TYPE_CHECKING:  # Pillow is loaded only to draw: a render with nothing to draw never imports it
    from PIL import Image

# PNGs are written here, rows unfiltered, deflated by zlib-ng at level 2.
# Pillow's writer tries four row filters on every row before compressing
# (~27 ms a 1200x1200 card); unfiltered rows compress as well on flat card
# colours, and zlib-ng deflates a card's 4.3 MB of pixels in ~4 ms where
# zlib takes ~10 ms at level 3, for a file about a tenth larger. Where
# zlib-ng has no wheel, the standard zlib does it at level 3.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# ".01-validation.png.4242.3fa9c01b.tmp": target name, writer's pid, a random part
# (tempfile's, such as k3j_x9ab, in names older versions wrote; the oldest had no pid).
_TEMP_NAME = re.compile(r"^\.(?P<target>.+?)\.(?:(?P<pid>\d+)\.)?(?P<random>[a-z0-9_]{8})\.tmp$")
# A temporary file without a pid (older versions) is stale once nobody has touched it for this long.
_UNOWNED_TEMP_AGE = 600


LOCK_FILE = ".postimages.lock"


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock while the files every card shares (the
    cache, alt-text.md) are read, merged and written, so that renders running
    at the same time into one folder take turns instead of losing each
    other's entries. Where there is no flock (Windows), or no lock file can
    be made, it does nothing: the files are still written atomically."""
    try:
        import fcntl
    except ImportError:
        fcntl = None
    handle = None
    if fcntl is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            if handle is not None:
                os.close(handle)
            handle = None
    try:
        yield
    finally:
        if handle is not None:
            os.close(handle)  # releases the lock


class OutputError(PostimagesError):
    """The PNG could not be written (disk full, no permission, a folder in the way...)."""


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG file bytes (RGB, or RGBA when it has transparency)."""
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    width, height = image.size
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if image.mode == "RGBA" else 2, 0, 0, 0)
    return (PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", _deflated_rows(image))
            + _chunk(b"IEND", b""))


# Rows are read out and deflated a band at a time, not as one string of a
# card's 4.3 MB of pixels (which Pillow's encoder makes in pieces, then joins:
# twice that in memory). The band's memory is reused from one band to the
# next: the cold render of the post takes ~2,100 fewer page faults (~23,500
# before, ~2.4 us each here); drawn in one process, its peak is 7 MB lower.
BAND_BYTES = 512 * 1024


def _deflated_rows(image: Image.Image) -> bytes:
    """The image's rows, each after its filter type 0 (none), compressed.

    Pillow's raw encoder pads each row to the stride with a zero byte, which
    is the next row's filter type: a band's bytes are its rows, each followed
    by the next one's filter type (the last band's last one dropped)."""
    compressor, level = deflater()
    stream = compressor.compressobj(level)
    stride = image.width * len(image.mode) + 1
    rows_a_band = max(1, BAND_BYTES // stride)
    parts = [stream.compress(b"\0")]
    for top in range(0, image.height, rows_a_band):
        bottom = min(image.height, top + rows_a_band)
        band = image.crop((0, top, image.width, bottom)).tobytes("raw", image.mode, stride)
        parts.append(stream.compress(band if bottom < image.height else memoryview(band)[:-1]))
    parts.append(stream.flush())
    return b"".join(parts)


def deflater():
    """zlib-ng and its level, or the standard zlib where zlib-ng is not installed."""
    try:
        from zlib_ng import zlib_ng

        return zlib_ng, 2
    except ImportError:
        return zlib, 3


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """`data` at `path`, all or nothing; `durable`: on the disk before it replaces
    the old file (a PNG), not for a cache entry, whose checksum finds a torn write."""
    try:
        _write_atomic(path, data, durable)
    except OSError as exc:
        folder = folder_problem(path.parent)
        if folder:
            raise OutputError(folder) from None
        raise OutputError(f"{path}: cannot write the file: {exc.strerror or exc}") from None


def folder_problem(folder: Path) -> str | None:
    """Why files cannot go into `folder` when something other than a folder
    is in its way (a dangling symbolic link, a file), else None: mkdir would
    only say "File exists"."""
    try:
        if folder.is_symlink() and not folder.exists():
            return (f"{folder}: the output folder is a symbolic link to {os.readlink(folder)}, which does not "
                    "exist (create that folder or remove the link)")
        if folder.exists() and not folder.is_dir():
            return f"{folder}: the output folder is a file, not a folder (remove it or choose another --out)"
    except OSError:
        return None
    return None


def _write_atomic(path: Path, data: bytes, durable: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = _temp_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp_name, _file_mode(path))  # made 0600 (_temp_file); give what a plain write would
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _temp_file(path: Path) -> tuple[int, Path]:
    """A new file beside `path`, open for writing, named `.NAME.PID.RANDOM.tmp`
    (as `remove_stale_temp_files` knows them), readable by its owner only
    until it is complete. Made with os.open: tempfile, with shutil and
    random, takes ~4 ms to import, which a one-card render would pay."""
    while True:
        temp = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), temp
        except FileExistsError:  # 1 in 4 billion: draw another name
            continue


def _file_mode(path: Path) -> int:
    """The replaced file's permissions, or the default for a new file under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete temporary files that killed renders left in `folder`; return them.

    Only names of our own pattern are touched, and only when the process that
    wrote them is gone, so a render running beside this one keeps its file.
    """
    removed = []
    try:
        candidates = list(folder.glob(".*.tmp"))
    except OSError:
        return removed
    for path in candidates:
        match = _TEMP_NAME.match(path.name)
        if match and _is_stale(path, match["pid"]):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def _is_stale(path: Path, pid: str | None) -> bool:
    if pid is None:
        try:
            return time.time() - path.stat().st_mtime > _UNOWNED_TEMP_AGE
        except OSError:
            return False
    return not _process_alive(int(pid))


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # exists but belongs to someone else, or cannot tell: keep the file
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that has exited but is not yet reaped: kill(pid, 0) still finds it, yet it writes nothing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc on this platform, or gone meanwhile
    return stat[stat.rfind(")") + 2:].startswith("Z")
