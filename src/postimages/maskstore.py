"""The masks a card's shapes are cut from, kept between runs: rounded boxes
drawn at four times the size and reduced, and the blurred boxes of shadows.
They are the same on every run of the same card and were a fifth of its
drawing (the shipped post: ~70 ms of masks for four cards, read back in a
few).

One disk entry a card (diskcache), keyed by the geometry of its shapes and
by Pillow's version besides what diskcache adds (postimages' code, its
fonts). Inside, each mask is kept under the exact arguments it was drawn
with, so an entry that does not match the card only costs the time to draw
what is missing. A process also keeps the masks it made or read for its
next cards (a batch's cards repeat their panels)."""

from __future__ import annotations

import marshal
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PIL import Image

from postimages import diskcache

Parts = list[tuple[Image.Image, tuple[int, int]]]  # L masks and where their top left corners go
_Stored = tuple[tuple[int, int, int, int, bytes], ...]  # (x, y, width, height, pixels) a mask

MEMORY_LIMIT = 32 * 1024 * 1024  # bytes of masks a process keeps for its next cards


class _Card:
    """The masks of the card being painted: those its entry held, and those it asked for."""

    def __init__(self, stored: dict[str, _Stored]):
        self.stored = stored
        self.used: dict[str, Parts] = {}

    def added(self) -> bool:
        """Whether the card asked for a mask its entry lacks."""
        return not self.used.keys() <= self.stored.keys()

    def kept_next(self) -> dict[str, _Stored]:
        """What the entry keeps: what it held and what the card asked for.
        A card may ask for fewer than its entry holds (a shadow the process
        had kept whole, a mask another card drew), so nothing is dropped,
        unless the entry holds many more than the card asked for."""
        asked = {name: _encoded(parts) for name, parts in self.used.items()}
        if len(self.stored) + len(asked) > 4 * len(asked):
            return asked
        return {**self.stored, **asked}


_card: _Card | None = None
_memory: OrderedDict[str, Parts] = OrderedDict()
_memory_bytes = 0


@contextmanager
def card(geometry: str) -> Iterator[None]:
    """Within: `kept` looks in the entry of the card whose shapes have `geometry`;
    after: the entry holds the masks the card asked for, if it did not already."""
    global _card
    entry = _entry(geometry)
    outer, _card = _card, _Card(_read(entry))
    try:
        yield
        if _card.added():
            diskcache.write(entry, _payload(_card.kept_next()))
    finally:
        _card = outer  # a scene painted while another is (a preview of cards) has its own entry


def kept(key: tuple, make: Callable[[], Parts]) -> Parts:
    """`make()`, or what it gave for the same `key` (its exact arguments) in
    this process or the card's entry. The masks are shared: never drawn on."""
    name = repr(key)
    parts = _memory.get(name)
    if parts is None and _card is not None and name in _card.stored:
        parts = _decoded(_card.stored[name])
        if parts is None:  # not what _payload writes: drawn again, and the entry written anew
            del _card.stored[name]
    if parts is None:
        parts = make()
    _remember(name, parts)
    if _card is not None:
        _card.used[name] = parts
    return parts


def _remember(name: str, parts: Parts) -> None:
    global _memory_bytes
    if name in _memory:
        _memory.move_to_end(name)
        return
    _memory[name] = parts
    _memory_bytes += _size(parts)
    while _memory_bytes > MEMORY_LIMIT and len(_memory) > 1:
        _memory_bytes -= _size(_memory.popitem(last=False)[1])


def _size(parts: Parts) -> int:
    return sum(mask.width * mask.height for mask, _ in parts)


def _entry(geometry: str):
    from PIL import __version__ as pillow

    return diskcache.entry("masks", pillow, geometry)


def _read(entry) -> dict[str, _Stored]:
    payload = diskcache.read(entry)
    if payload is None:
        return {}
    zlib = _zlib()
    try:
        stored = marshal.loads(zlib.decompress(payload))
    except (ValueError, EOFError, TypeError, zlib.error):
        return {}
    return stored if isinstance(stored, dict) else {}


def _encoded(parts: Parts) -> _Stored:
    return tuple((x, y, mask.width, mask.height, mask.tobytes()) for mask, (x, y) in parts)


def _payload(stored: dict[str, _Stored]) -> bytes:
    return _zlib().compress(marshal.dumps(stored), 1)  # mostly runs of 0 and 255: a tenth of the size


def _decoded(stored: _Stored) -> Parts | None:
    """The masks as kept, or None when the item is not what `_payload` writes.
    Each mask reads its pixels where they are (read-only), without a copy."""
    try:
        return [(Image.frombuffer("L", (width, height), pixels, "raw", "L", 0, 1), (x, y))
                for x, y, width, height, pixels in stored]
    except (ValueError, TypeError):
        return None


def _zlib():
    from postimages.output import deflater

    return deflater()[0]  # zlib-ng where installed: the PNGs' deflater
