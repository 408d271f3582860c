"""The font coverage cache: the same answer as reading the font, and never a
reason for a render to fail."""

import pytest

from postimages import fonts


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fonts.coverage.cache_clear()
    yield tmp_path / "cache"
    fonts.coverage.cache_clear()


def cached_files(home):
    return sorted(home.rglob("*.json"))


def test_the_cached_answer_is_the_fonts_own(cache_home):
    path = fonts.font_file("text", "regular")
    first = fonts.coverage(path)
    assert first == fonts._read_cmap(path)
    assert len(cached_files(cache_home)) == 1
    fonts.coverage.cache_clear()
    assert fonts.coverage(path) == first  # now read back from the file


def test_a_damaged_cache_file_is_read_again_from_the_font(cache_home):
    path = fonts.emoji_file()
    fonts.coverage(path)
    for damage in ("{not json", "[[0, 99999999]]", '"text"'):
        cached_files(cache_home)[0].write_text(damage)
        fonts.coverage.cache_clear()
        assert fonts.coverage(path) == fonts._read_cmap(path)


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    fonts.coverage.cache_clear()
    try:
        path = fonts.font_file("mono", "regular")
        assert fonts.coverage(path) == fonts._read_cmap(path)
    finally:
        fonts.coverage.cache_clear()


def _bundled_fonts():
    return sorted(fonts.fonts_dir().rglob("*.[ot]tf"))


@pytest.mark.parametrize("path", _bundled_fonts(), ids=lambda path: path.name)
def test_harfbuzz_reads_the_character_map_fonttools_picks(path):
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        assert fonts._read_cmap(path) == frozenset(font.getBestCmap())


def test_a_file_that_is_no_font_has_no_coverage(tmp_path):
    fake = tmp_path / "Brand.ttf"
    fake.write_bytes(b"not a font at all" * 10)
    with pytest.raises(ValueError, match="not a font"):
        fonts._read_cmap(fake)


def test_an_empty_cache_reads_coverage_without_fonttools(tmp_path):
    """fontTools took 8-60 ms a font and ~100 ms to import, in every worker of a first run."""
    import os
    import subprocess
    import sys

    script = ("import sys\nfrom postimages import segment\n"
              "segment.segment('Straße → café ✅ नमस्ते', 'text', 'bold')\n"
              "print('fontTools' in sys.modules)")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "False"
    assert list((tmp_path / "cache").rglob("*.json"))  # the coverage was read, and kept


def test_a_missing_font_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        fonts._read_cmap(tmp_path / "Gone.ttf")
