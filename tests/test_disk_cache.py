"""Work kept on disk between runs (diskcache): the same answer as computing
it, and a missing, damaged or stale entry costs only time."""

from __future__ import annotations

import pytest

from postimages import diskcache
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
    paths = [diskcache.entry("test", str(n)) for n in range(4)]
    for path in paths:
        diskcache.write(path, b"x" * 1000)
    kept = [path for path in paths if path.exists()]
    assert kept == paths[-2:]


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


def test_a_damaged_token_entry_is_lexed_again(cache_home):
    first = source.load_code(CODE, filename="main.py")
    (entry,) = entries(cache_home, "tokens")
    good = entry.read_bytes()
    for damaged in (good[:40] + b"\xff" + good[41:], good[:-3], b""):
        entry.write_bytes(damaged)
        assert source.load_code(CODE, filename="main.py") == first
        entry.write_bytes(good)


def test_another_language_is_another_entry(cache_home):
    python = source.load_code(CODE, filename="main.py")
    text = source.load_code(CODE, filename="main.py", language="text")
    assert len(entries(cache_home, "tokens")) == 2
    assert (python.language, text.language) == ("Python", "Text")
