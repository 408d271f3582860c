"""Work kept on disk between runs (diskcache): the same answer as computing
it, and a missing, damaged or stale entry costs only time."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from postimages import diskcache, fonts, fontwork, raster, shaping, textpaint
from postimages.cards.code import source

CODE = "import asyncio\n\n\nasync def main(urls):\n    return await asyncio.gather(*map(fetch, urls))\n"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "postimages"


def entries(home, kind):
    return sorted((home / f"{kind}-v1").glob("*")) if (home / f"{kind}-v1").is_dir() else []


def test_an_entry_reads_back_and_a_damaged_one_reads_as_missing(cache_home):
    path = diskcache.entry("test", "key")
    diskcache.write(path, b"payload")
    assert diskcache.read(path) == b"payload"
    data = path.read_bytes()
    for damaged in (data[:-1], data[:-1] + b"X", b"", b"garbage" * 10):
        path.write_bytes(damaged)
        assert diskcache.read(path) is None
    path.unlink()
    assert diskcache.read(path) is None


def test_the_key_decides_the_entry(cache_home):
    assert diskcache.entry("test", "a") != diskcache.entry("test", "b")
    assert diskcache.entry("test", "a") == diskcache.entry("test", "a")


def test_a_new_version_of_postimages_finds_no_old_entry(cache_home, monkeypatch):
    before = diskcache.entry("test", "a")
    monkeypatch.setattr("postimages.__version__", "99.0")
    assert diskcache.entry("test", "a") != before


def test_past_the_limit_the_oldest_entries_go(cache_home, monkeypatch):
    monkeypatch.setattr(diskcache, "LIMIT", 2500)
    monkeypatch.setattr(diskcache, "_pruned", True)  # earlier runs, each below the limit
    paths = [diskcache.entry("test", str(n)) for n in range(5)]
    for path in paths[:4]:
        diskcache.write(path, b"x" * 1000)
    assert all(path.exists() for path in paths[:4])
    monkeypatch.setattr(diskcache, "_pruned", False)  # a new run writes
    diskcache.write(paths[4], b"x" * 1000)
    assert [path for path in paths if path.exists()] == paths[-2:]


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = diskcache.entry("test", "a")
    diskcache.write(path, b"payload")  # no exception
    assert diskcache.read(path) is None


def test_a_snippet_is_lexed_once_and_read_back_the_same(cache_home, monkeypatch):
    first = source.load_code(CODE, filename="main.py")
    assert len(entries(cache_home, "tokens")) == 1

    def no_lexer(*args):
        raise AssertionError("lexed again")

    monkeypatch.setattr(source, "resolve_lexer", no_lexer)
    again = source.load_code(CODE, filename="main.py")
    assert again == first
    assert again.language == "Python"
    assert any(span.color != again.foreground for line in again.lines for span in line.spans)


@pytest.mark.parametrize("kind", ["tokens", "code"])
def test_a_damaged_token_or_code_entry_is_made_again(cache_home, kind):
    first = source.load_code(CODE, filename="main.py")
    (entry,) = entries(cache_home, kind)
    good = entry.read_bytes()
    for damaged in (good[:40] + b"\xff" + good[41:], good[:-3], b""):
        if kind == "tokens":  # without the coloured code kept, the tokens are read
            for coloured in entries(cache_home, "code"):
                coloured.unlink()
        entry.write_bytes(damaged)
        assert source.load_code(CODE, filename="main.py") == first
        entry.write_bytes(good)


def test_coloured_code_is_read_back_the_same_without_pygments(cache_home, monkeypatch):
    first = source.load_code(CODE, filename="main.py", highlight=[(2, 2)], accent=(80, 120, 250))
    assert len(entries(cache_home, "code")) == 1
    monkeypatch.setattr(source, "_highlighted", lambda *args: pytest.fail("coloured again"))
    again = source.load_code(CODE, filename="main.py", highlight=[(2, 2)], accent=(80, 120, 250))
    assert again == first
    assert [line.highlighted for line in again.lines] == [line.highlighted for line in first.lines]


def test_other_colours_or_lines_are_another_entry(cache_home):
    base = source.load_code(CODE, filename="main.py")
    accented = source.load_code(CODE, filename="main.py", accent=(240, 80, 80))
    light = source.load_code(CODE, filename="main.py", dark=False)
    marked = source.load_code(CODE, filename="main.py", highlight=[(1, 1)])
    assert len(entries(cache_home, "code")) == 4
    assert accented.highlight_band != base.highlight_band and light.background != base.background
    assert marked.lines[0].highlighted and not base.lines[0].highlighted


def test_code_that_cannot_be_shown_is_refused_every_time(cache_home):
    from postimages.errors import LayoutError

    for _ in range(2):
        with pytest.raises(LayoutError, match="outside the file"):
            source.load_code(CODE, filename="main.py", line_range=(90, 95))
    assert entries(cache_home, "code") == []


def test_another_language_is_another_entry(cache_home):
    python = source.load_code(CODE, filename="main.py")
    text = source.load_code(CODE, filename="main.py", language="text")
    assert len(entries(cache_home, "tokens")) == 2
    assert (python.language, text.language) == ("Python", "Text")


# --- glyph rasters -------------------------------------------------------------


def _fresh_process_caches():
    """As a new process finds them: nothing in memory, only what is on disk."""
    for cached in (fontwork._kept, fontwork._stored, fontwork._kept_entry, fontwork._font_identity, raster.glyph_mask,
                   raster.metrics, shaping.shape, textpaint.emoji_image):
        cached.cache_clear()


@pytest.fixture
def rasters_home(cache_home):
    _fresh_process_caches()
    yield cache_home
    _fresh_process_caches()


def _drawn(path, px, gids):
    return [(None if stamp is None else (stamp[0].size, stamp[0].tobytes(), stamp[1], stamp[2]))
            for stamp in (raster.glyph_mask(path, px, gid) for gid in gids)]


def test_glyph_rasters_read_back_without_freetype(rasters_home, monkeypatch):
    path = fonts.font_file("text", "regular")
    gids = [glyph.gid for glyph in shaping.shape(path, 37, "Quality gate: 0.91 F1 ✓")]
    first, first_metrics = _drawn(path, 37, gids), raster.metrics(path, 37)
    emoji = textpaint.emoji_image("✅", 40.0)
    fontwork.keep()
    assert entries(rasters_home, "glyphs")
    _fresh_process_caches()

    def no_freetype(*args):
        raise AssertionError("FreeType asked again")

    monkeypatch.setattr(raster, "_face", no_freetype)
    assert _drawn(path, 37, gids) == first
    assert raster.metrics(path, 37) == first_metrics
    again = textpaint.emoji_image("✅", 40.0)
    assert (again[0].tobytes(), again[1]) == (emoji[0].tobytes(), emoji[1])


def test_damaged_glyph_entries_are_drawn_again(rasters_home):
    path = fonts.font_file("display", "bold")
    gids = [glyph.gid for glyph in shaping.shape(path, 52, "Fan out, then gather")]
    first = _drawn(path, 52, gids)
    fontwork.keep()
    for damage in (lambda data: data[:-7], lambda data: data[:60] + bytes([data[60] ^ 1]) + data[61:], lambda _: b""):
        for entry in entries(rasters_home, "glyphs"):
            entry.write_bytes(damage(entry.read_bytes()))
        _fresh_process_caches()
        assert _drawn(path, 52, gids) == first
        fontwork.keep()


def test_a_post_renders_the_same_bytes_with_empty_warm_and_damaged_caches(tmp_path):
    """Whole processes, as a user runs them: the cache only ever saves time."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))

    def render(name):
        subprocess.run([sys.executable, "-m", "postimages", "render", "--force", "--jobs", "1", "--out",
                        str(tmp_path / name), str(ROOT / "specs" / "03-code.yaml")],
                       env=env, check=True, capture_output=True)
        return (tmp_path / name / "03-code.png").read_bytes()

    empty = render("empty")
    assert render("warm") == empty
    kept = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and "-v1" in p.parent.name]
    assert {"glyphs-v1", "tokens-v1", "masks-v1"} <= {p.parent.name for p in kept}
    for number, entry in enumerate(kept):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if number % 2 else b"\0" * len(data))
    assert render("damaged") == empty
    shutil.rmtree(tmp_path / "cache")
    assert render("deleted") == empty


def test_two_weights_of_one_variable_font_keep_their_own_rasters(rasters_home, tmp_path):
    """One file, two instances: the stored work of the bold one is never the regular one's."""
    from postimages.userfonts import Instance
    from variable_font import build

    file = build(tmp_path / "Stem.ttf")
    regular, bold = Instance(file, 400), Instance(file, 700)

    def stems(font):
        (glyph,) = shaping.shape(font, 100, "I")
        mask = raster.glyph_mask(font, 100, glyph.gid)[0]
        return glyph.x_advance, mask.size

    first = stems(regular), stems(bold)
    assert first[0] != first[1]
    fontwork.keep()
    _fresh_process_caches()
    assert (stems(bold), stems(regular)) == (first[1], first[0])  # read back from disk, bold first


def test_each_size_of_a_font_is_an_entry_and_a_run_reads_only_the_sizes_it_draws(rasters_home, monkeypatch):
    """Entries gather over many posts; a run pays for the sizes it uses, and writing back loses none."""
    path = fonts.font_file("text", "medium")
    gids = {px: [glyph.gid for glyph in shaping.shape(path, px, "Kept sizes")] for px in (20, 31, 44)}
    first = {px: _drawn(path, px, gids[px]) for px in gids}
    fontwork.keep()
    assert len(entries(rasters_home, "glyphs")) == 3
    _fresh_process_caches()
    read = []
    monkeypatch.setattr(diskcache, "read", lambda entry, read_entry=diskcache.read: read.append(entry) or read_entry(entry))
    assert _drawn(path, 31, gids[31]) == first[31]
    assert read == [fontwork._kept_entry(path, 31)]
    _drawn(path, 31, [glyph.gid for glyph in shaping.shape(path, 31, "More at one size")])
    fontwork.keep()
    _fresh_process_caches()

    def no_freetype(*args):
        raise AssertionError("FreeType asked again")

    monkeypatch.setattr(raster, "_face", no_freetype)
    assert {px: _drawn(path, px, gids[px]) for px in gids} == first


def test_past_its_limit_an_entry_keeps_only_what_the_last_run_drew(rasters_home, monkeypatch):
    path = fonts.font_file("text", "bold")
    earlier = [glyph.gid for glyph in shaping.shape(path, 50, "An earlier post")]
    _drawn(path, 50, earlier)
    fontwork.keep()
    _fresh_process_caches()
    monkeypatch.setattr(fontwork, "ENTRY_LIMIT", 10)
    monkeypatch.setattr(fontwork, "_asked", set())
    gids = [glyph.gid for glyph in shaping.shape(path, 50, "This post")]
    first = _drawn(path, 50, gids)
    fontwork.keep()
    _fresh_process_caches()
    assert [key[0] for key in fontwork._stored(path, 50)["shapes"]] == ["This post"]
    assert _drawn(path, 50, gids) == first


def test_below_its_limit_an_entry_keeps_what_earlier_runs_drew(rasters_home):
    path = fonts.font_file("text", "bold")
    shaping.shape(path, 50, "An earlier post")
    fontwork.keep()
    _fresh_process_caches()
    shaping.shape(path, 50, "This post")
    fontwork.keep()
    _fresh_process_caches()
    assert sorted(key[0] for key in fontwork._stored(path, 50)["shapes"]) == ["An earlier post", "This post"]


def test_a_run_decodes_only_the_strings_it_shapes(rasters_home):
    """An entry holds every string other posts shaped at that size; a run decodes the ones it asks for."""
    path = fonts.font_file("text", "regular")
    others = [f"Another post's line {number}" for number in range(200)]
    for text in others + ["This card"]:
        shaping.shape(path, 33, text)
    fontwork.keep()
    _fresh_process_caches()
    first = shaping.shape(path, 33, "This card")
    assert len(fontwork._stored(path, 33)["shapes"]) == 201
    assert [key[0] for key in fontwork._kept(path, 33)["shapes"]] == ["This card"]
    fontwork.keep()  # nothing added: the entry is left as it is
    _fresh_process_caches()
    assert len(fontwork._stored(path, 33)["shapes"]) == 201 and shaping.shape(path, 33, "This card") == first


def test_an_item_that_does_not_decode_is_computed_again(rasters_home):
    path = fonts.font_file("text", "regular")
    first = shaping.shape(path, 33, "Damaged")
    fontwork.keep()
    entry = fontwork._kept_entry(path, 33)
    tables = fontwork._read_kept(path, 33)
    tables["shapes"] = {key: b"\xff not marshal" for key in tables["shapes"]}
    diskcache.write(entry, marshal.dumps(tables))  # a valid entry whose item is garbage
    _fresh_process_caches()
    assert shaping.shape(path, 33, "Damaged") == first


def test_the_code_columns_of_every_size_come_from_one_entry_of_the_font(rasters_home, monkeypatch):
    """Fitting code tries ~25 sizes: their column widths are one entry to read, not one a size."""
    from postimages.cards.code import grid

    mono = fonts.font_file("mono", "regular")
    sizes = range(12, 61)
    grid._column_width.cache_clear()
    first = [grid.column_width(size) for size in sizes]
    assert first == [max(1, round(fonts.text_width(mono, size, "0"))) for size in sizes]
    fontwork.keep()
    _fresh_process_caches()
    grid._column_width.cache_clear()
    read = []
    original = fontwork._read_kept
    monkeypatch.setattr(fontwork, "_read_kept", lambda path, px: read.append((path, px)) or original(path, px))
    assert [grid.column_width(size) for size in sizes] == first
    assert read == [(mono, 0)]
    grid._column_width.cache_clear()
