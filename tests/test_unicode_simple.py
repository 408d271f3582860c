"""Text of simple characters is answered from unicode.py's tables, without
the `regex` package: the same answers as the patterns give."""

import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from spec_strings import strings

from postimages import unicode
from postimages.unicode import clusters, has_right_to_left, is_simple, pattern, shows_as_emoji

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = [point for first, last in unicode._SIMPLE_RANGES for point in range(first, last + 1)]


def _regex(expression):
    import regex

    return regex.compile(expression)


def test_every_simple_character_is_a_cluster_of_its_own_and_left_to_right_or_neutral():
    other = _regex(r"\p{Grapheme_Cluster_Break=Other}")
    joining = _regex(r"\p{Regional_Indicator}|\p{Emoji_Modifier}|[\u20e3\u200c\u200d\ufe00-\ufe0f]")
    for point in SIMPLE:
        char = chr(point)
        assert other.match(char) and not joining.match(char), f"U+{point:04X}"
        assert pattern("right to left").search(char) is None, f"U+{point:04X}"
        assert unicodedata.category(char) not in ("Cn", "Co", "Cs", "Cc", "Cf", "Zl", "Zp"), f"U+{point:04X}"


def test_the_emoji_table_is_emoji_presentation_among_the_simple_characters():
    presentation = _regex(r"\p{Emoji_Presentation}")
    shown = {point for first, last in unicode._EMOJI_PRESENTATION_RANGES for point in range(first, last + 1)}
    assert shown <= set(SIMPLE)
    assert shown == {point for point in SIMPLE if presentation.match(chr(point))}


def test_the_tables_are_sorted_runs_that_do_not_touch():
    for table in (unicode._SIMPLE_RANGES, unicode._EMOJI_PRESENTATION_RANGES):
        assert all(first <= last for first, last in table)
        assert all(earlier[1] + 1 < later[0] for earlier, later in zip(table, table[1:]))


def _answers(text):
    found = clusters(text)
    return found, [shows_as_emoji(cluster) for cluster in found], has_right_to_left(text)


def _by_the_patterns(text):
    found = pattern("cluster").findall(text)
    return (found, [pattern("emoji sign").search(cluster) is not None for cluster in found],
            pattern("right to left").search(text) is not None)


def _random_texts(count, seed):
    rng = random.Random(seed)
    pool = [chr(point) for point in rng.sample(SIMPLE, 3000)] + list("abc 1.%\t\n") + ["\ufe0f", "\ufe0e"]
    others = ["\u0301", "\u200d", "\r", "\U0001F1EB", "\U0001F3FB", "\u20e3", "\u05e9", "\u0915\u094d", "\u00ad"]
    for index in range(count):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        if index % 3 == 0:  # a character the tables leave to the patterns
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(others) + text[at:]
        yield text


@pytest.mark.parametrize("seed", range(4))
def test_the_tables_and_the_patterns_agree_on_random_text(seed):
    for text in _random_texts(1500, seed):
        assert _answers(text) == _by_the_patterns(text), repr(text)


def test_the_tables_and_the_patterns_agree_on_every_string_of_the_repos_specs():
    checked = 0
    for path in sorted(ROOT.glob("**/*.yaml")):
        if ".venv" in path.parts:
            continue
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the hostile files of the tests
        for text in strings(document):
            assert _answers(text) == _by_the_patterns(text), (path, text)
            checked += 1
    assert checked > 500


def test_what_the_tables_call_simple():
    assert is_simple("Win rate · 38.1 % ❌") and is_simple("🏗️ Build") and is_simple("x ≠ y ✅\tz\n")
    assert is_simple("漢字 and Ελληνικά, кириллица — “quoted” → €")
    assert not is_simple("e\u0301") and not is_simple("a\r\nb") and not is_simple("\ufe0f first")
    assert not is_simple("\t\ufe0f") and not is_simple("हिन्दी") and not is_simple("שלום")
    assert not is_simple("🇫🇷") and not is_simple("👍🏽") and not is_simple("👩\u200d💻")


def _regex_loaded_after_laying_out(folder: Path, tmp_path: Path) -> bool:
    probe = ("import sys\n"
             "from pathlib import Path\n"
             "from postimages.plan import plan, Options, load_job\n"
             "from postimages.render import layout_card, draw_card\n"
             f"jobs, problems = plan([Path({str(folder)!r})])\n"
             "assert jobs and not problems, problems\n"
             "for job in jobs:\n"
             "    card = load_job(job, Options())\n"
             "    draw_card(card, layout_card(card))\n"
             "print('regex' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True,
                          cwd=tmp_path)
    return done.stdout.strip() == "True"


def test_the_shipped_post_is_drawn_without_regex(tmp_path):
    assert not _regex_loaded_after_laying_out(ROOT / "specs", tmp_path)


def test_a_hindi_post_still_asks_regex(tmp_path):
    assert _regex_loaded_after_laying_out(ROOT / "tests" / "gallery" / "hindi-dashboard", tmp_path)
