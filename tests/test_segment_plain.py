"""Printable ASCII is put in its run whole (segment._add_plain): the runs are
those the cluster-by-cluster path gives, for every kind of text a card holds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from spec_strings import strings

from postimages import segment

GALLERY = Path(__file__).parent / "gallery"
STYLES = [("text", "regular"), ("text", "bold"), ("display", "extrabold"), ("mono", "regular")]
MADE_UP = [
    "42 alerts", "Win rate 38.1 % vs 60 %", "**NO EDGE** -- #1 *again*", "`asyncio.gather(*tasks)` done",
    "  two  spaces  ", "a", "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./", "0123456789", "mixed **bold** and `code` **",
    "caf\u00e9 and na\u00efve", "\u2212 0.01 %", "ship it \U0001F680 now", "\u0939\u093f\u0928\u094d\u0926\u0940 title",
    "\u05e9\u05dc\u05d5\u05dd and hello", "tab\there", "zero\u200bwidth", "#", "*", "1\ufe0f\u20e3 keycap",
]


def _gallery_lines() -> list[str]:
    lines = set()
    for spec in sorted(GALLERY.glob("*/*.yaml")):
        try:
            document = yaml.safe_load(spec.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        for text in strings(document):
            lines.update(line for line in text.splitlines() if line.strip())
    return sorted(lines)


def _cluster_by_cluster(monkeypatch, text, family, weight, marked):
    with monkeypatch.context() as patched:
        patched.setattr(segment, "_add_plain", lambda *args: False)
        segment._segment.cache_clear()
        return segment.segment(text, family, weight, marked)


@pytest.mark.parametrize("family, weight", STYLES)
def test_plain_runs_are_those_of_the_cluster_path(monkeypatch, family, weight):
    lines = MADE_UP + _gallery_lines()
    assert len(lines) > 200
    taken = 0
    for marked in (False, True):
        for text in lines:
            segment._segment.cache_clear()
            try:
                quick = segment.segment(text, family, weight, marked)
            except segment.MissingGlyphs as exc:
                with pytest.raises(segment.MissingGlyphs) as slow:
                    _cluster_by_cluster(monkeypatch, text, family, weight, marked)
                assert slow.value.characters == exc.characters
                continue
            assert quick == _cluster_by_cluster(monkeypatch, text, family, weight, marked), text
            taken += text.isascii()
    assert taken > 100  # the quick path was tried on many lines
    segment._segment.cache_clear()
