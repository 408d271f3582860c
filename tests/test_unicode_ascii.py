"""Text all in ASCII is answered without the `regex` patterns: the same answers."""

import subprocess
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from postimages.unicode import cell_width, clusters, has_right_to_left, pattern, shows_as_emoji

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=40)


@given(ASCII)
def test_clusters_of_ascii_are_the_grapheme_clusters(text):
    assert clusters(text) == pattern("cluster").findall(text)


@given(ASCII)
def test_ascii_is_never_emoji_nor_right_to_left_and_takes_one_cell(text):
    for cluster in pattern("cluster").findall(text):
        assert not shows_as_emoji(cluster) and pattern("emoji sign").search(cluster) is None
        assert cell_width(cluster) == 1
        assert unicodedata.east_asian_width(cluster[0]) not in ("W", "F")
    assert not has_right_to_left(text) and pattern("right to left").search(text) is None


def test_other_text_still_uses_the_patterns():
    assert clusters("e\u0301\r\n🇫🇷") == ["e\u0301", "\r\n", "🇫🇷"]
    assert clusters("a\r\nb") == ["a", "\r\n", "b"]
    assert shows_as_emoji("📊") and not shows_as_emoji("→")
    assert cell_width("漢") == 2 and cell_width("\u0301") == 0
    assert has_right_to_left("abc שלום")


def test_ascii_text_does_not_load_regex():
    probe = ("import sys\n"
             "from postimages.unicode import cell_width, clusters, has_right_to_left, shows_as_emoji\n"
             "clusters('Win rate 38.1%'); cell_width('x'); shows_as_emoji('a'); has_right_to_left('plain')\n"
             "print('regex' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"
