"""Shape masks kept between runs (maskstore): a card drawn with masks read
back from its entry has the pixels of one drawn from nothing, and an entry
that is missing, damaged or another card's costs only time."""

from __future__ import annotations

import marshal

import pytest
from conftest import ROOT
from PIL import Image, ImageChops

from postimages import draw, maskstore
from postimages.render import render_card
from postimages.spec import load_card, load_post_settings

SPECS = ROOT / "specs"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _as_a_new_process()
    yield tmp_path / "cache" / "postimages"
    _as_a_new_process()


def _as_a_new_process():
    maskstore._memory.clear()
    maskstore._memory_bytes = 0
    draw._shadow_mask.cache_clear()


def _entries(home):
    folder = home / "masks-v1"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _card(name="02-architecture.yaml"):
    return load_card(SPECS / name, load_post_settings(SPECS))


def _same(first, second) -> bool:
    return first.size == second.size and ImageChops.difference(first, second).getbbox() is None


def _count_drawn(monkeypatch) -> list[int]:
    """How many kept masks (rounded boxes, blurred shadow boxes) are drawn from here on."""
    drawn = [0]
    kept = maskstore.kept

    def counting(key, make):
        def counted():
            drawn[0] += 1
            return make()
        return kept(key, counted)

    monkeypatch.setattr(maskstore, "kept", counting)
    return drawn


def test_masks_read_back_from_the_entry_draw_the_same_pixels(cache_home, monkeypatch):
    first = render_card(_card())
    assert len(_entries(cache_home)) == 1
    _as_a_new_process()
    drawn = _count_drawn(monkeypatch)
    again = render_card(_card())
    assert drawn[0] == 0, "every rounded mask and shadow came from the entry"
    assert _same(first, again)


def test_a_damaged_entry_is_drawn_again_and_written_anew(cache_home, monkeypatch):
    first = render_card(_card())
    entry, = _entries(cache_home)
    good, kept = entry.read_bytes(), maskstore._read(entry)
    drawn = _count_drawn(monkeypatch)
    for damaged in (good[: len(good) // 2], b"\0" * len(good), good[:-40] + bytes(40)):
        entry.write_bytes(damaged)
        _as_a_new_process()
        drawn[0] = 0
        assert _same(render_card(_card()), first)
        assert drawn[0] > 0
        assert maskstore._read(entry) == kept


def test_an_entry_that_decodes_to_something_else_is_drawn_again(cache_home, monkeypatch):
    first = render_card(_card())
    entry, = _entries(cache_home)
    payload = maskstore._zlib().compress(marshal.dumps({name: ((0, 0, 5, 5, b"short"),)
                                                        for name in maskstore._read(entry)}))
    maskstore.diskcache.write(entry, payload)
    _as_a_new_process()
    assert _same(render_card(_card()), first)


def test_each_card_keeps_its_own_masks_and_an_unchanged_card_writes_nothing(cache_home):
    render_card(_card("02-architecture.yaml"))
    render_card(_card("03-code.yaml"))
    entries = _entries(cache_home)
    assert len(entries) == 2
    written = {entry: entry.stat().st_mtime_ns for entry in entries}
    _as_a_new_process()
    render_card(_card("02-architecture.yaml"))
    render_card(_card("03-code.yaml"))
    assert {entry: entry.stat().st_mtime_ns for entry in _entries(cache_home)} == written


def test_without_a_cache_folder_masks_are_drawn_and_the_card_is_the_same(cache_home, monkeypatch):
    first = render_card(_card())
    _as_a_new_process()
    monkeypatch.setattr(maskstore.diskcache, "root", lambda: None)
    assert _same(render_card(_card()), first)


def test_a_process_keeps_at_most_its_limit_of_masks(cache_home, monkeypatch):
    monkeypatch.setattr(maskstore, "MEMORY_LIMIT", 200_000)
    render_card(_card("02-architecture.yaml"))
    render_card(_card("01-validation.yaml"))
    assert 0 < maskstore._memory_bytes <= 200_000
    assert maskstore._memory_bytes == sum(maskstore._size(parts) for parts in maskstore._memory.values())


def test_a_kept_mask_is_not_drawn_on(cache_home):
    """The painter only reads masks: a kept one is shared by every card that asks."""
    render_card(_card())
    kept = {name: [mask.tobytes() for mask, _ in parts] for name, parts in maskstore._memory.items()}
    render_card(_card())
    assert {name: [mask.tobytes() for mask, _ in parts] for name, parts in maskstore._memory.items()} == kept


def test_a_card_painted_within_another_keeps_both_entries(cache_home):
    with maskstore.card("outer"):
        outer = maskstore._card
        with maskstore.card("inner"):
            maskstore.kept(("test", 1), lambda: [(Image.new("L", (3, 3), 7), (0, 0))])
        assert maskstore._card is outer
        maskstore.kept(("test", 2), lambda: [(Image.new("L", (2, 2), 9), (1, 1))])
    assert maskstore._card is None
    assert set(maskstore._read(maskstore._entry("inner"))) == {repr(("test", 1))}
    assert set(maskstore._read(maskstore._entry("outer"))) == {repr(("test", 2))}


def test_a_card_drawn_again_in_the_same_process_leaves_its_entry_whole(cache_home):
    """The second time, its shadows come whole from the process's own memo and
    ask for no blurred box: the entry keeps them for the next process."""
    render_card(_card())
    entry, = _entries(cache_home)
    kept, written = set(maskstore._read(entry)), entry.stat().st_mtime_ns
    assert any(name.startswith("('blurred'") for name in kept)
    render_card(_card())
    assert entry.stat().st_mtime_ns == written
    assert set(maskstore._read(entry)) == kept


def test_an_item_that_does_not_decode_is_written_anew(cache_home):
    render_card(_card())
    entry, = _entries(cache_home)
    stored = maskstore._read(entry)
    broken = next(iter(stored))
    maskstore.diskcache.write(entry, maskstore._payload({**stored, broken: ((0, 0, 5, 5, b"short"),)}))
    _as_a_new_process()
    render_card(_card())
    assert maskstore._read(entry) == stored
