"""Scripts beyond Latin: Devanagari, Arabic and Hebrew from the bundled Noto
subsets, shaped by HarfBuzz, right-to-left runs in their place in left-to-right
text and the reverse, lines broken between words and never inside a cluster."""

import pytest

from golden_images import check_golden
from postimages import fonts, shaping
from postimages.build import alt_text
from postimages.plan import Options, load_job, plan
from postimages.render import render_card
from postimages.segment import segment
from postimages.text import TextStyle, measure
from postimages.textfit import wrap
from postimages.unicode import bidi_levels, clusters, visual_order

from conftest import ROOT

WHITE = (255, 255, 255)
POST = ROOT / "tests" / "world-scripts"


def shown(text, weight="regular"):
    return [(run.text, run.rtl) for run in segment(text, "text", weight)]


def test_a_right_to_left_phrase_sits_in_its_place_in_english():
    assert shown("The greeting مرحبا بالعالم reads on") == [
        ("The greeting ", False), ("بالعالم", True), (" ", True), ("مرحبا", True), (" reads on", False)]


def test_english_inside_arabic_keeps_its_own_order():
    runs = shown("مرحبا Kisan Mitra بالعالم")
    assert runs == [("بالعالم", True), (" ", True), ("Kisan Mitra", False), (" ", True), ("مرحبا", True)]


def test_brackets_around_a_number_after_hebrew_stay_a_pair():
    """Rule N0: without it "(2024)" would come out as "2024)" and a stray bracket."""
    runs = shown("Hebrew שלום עולם (2024) sits")
    assert "".join(text for text, _ in runs if text.strip("() ")) == "Hebrew 2024עולםשלום sits"
    # Both brackets in the right-to-left run, where HarfBuzz draws them mirrored.
    assert [(text, rtl) for text, rtl in runs if "(" in text or ")" in text] == [(")", True), (" (", True)]


def test_levels_of_plain_latin_text_are_not_computed():
    assert bidi_levels("plain English, no right to left") is None
    assert visual_order([0, 1, 1, 2, 2, 1, 0]) == [0, 5, 3, 4, 2, 1, 6]


def test_each_script_comes_from_its_noto_font_in_the_style_weight():
    for text, script in (("नमस्ते", "Devanagari"), ("مرحبا", "Arabic"), ("שלום", "Hebrew")):
        for weight, cut in (("regular", "Regular"), ("medium", "Regular"), ("semibold", "Bold"), ("bold", "Bold")):
            (run,) = segment(text, "display" if weight == "semibold" else "text", weight)
            assert run.font_path.name == f"NotoSans{script}-{cut}.ttf"


def test_arabic_letters_take_their_joined_forms():
    path = fonts.script_files("regular")[1]
    alone = {shaping.shape(path, 40, letter)[0].gid for letter in "مرحبا"}
    joined = {glyph.gid for glyph in shaping.shape(path, 40, "مرحبا", rtl=True)}
    assert len(joined - alone) >= 3  # initial, medial and final forms differ from the isolated ones


def test_a_devanagari_vowel_sign_is_drawn_before_its_consonant():
    """ि (U+093F) is typed after क but stands to its left: HarfBuzz reorders it."""
    path = fonts.script_files("regular")[0]
    ka = shaping.shape(path, 40, "क")[0].gid
    glyphs = shaping.shape(path, 40, "कि")
    assert len(glyphs) == 2 and glyphs[1].gid == ka and glyphs[0].gid != ka


def test_a_conjunct_is_one_cluster_and_a_long_word_never_breaks_inside_one():
    assert clusters("क्षत्रिय") == ["क्ष", "त्रि", "य"]
    style = TextStyle(40, WHITE)
    word = "क्षेत्रीयक्षेत्रीयक्षेत्रीयक्षेत्रीय"
    lines = wrap(word, style, measure(word, style) / 3).lines
    assert len(lines) >= 3 and "".join(lines) == word
    boundaries, end = set(), 0
    for cluster in clusters(word):
        end += len(cluster)
        boundaries.add(end)
    ends = [sum(len(line) for line in lines[: i + 1]) for i in range(len(lines))]
    assert set(ends) <= boundaries
    assert not any(line.endswith("\u094d") for line in lines)  # never a dangling virama


def test_hindi_and_arabic_wrap_between_their_words():
    style = TextStyle(40, WHITE)
    for text in ("मंडी भाव हर सुबह प्रति क्विंटल", "مرحبا بالعالم مرحبا بالعالم"):
        lines = wrap(text, style, measure(text, style) * 0.6).lines
        assert len(lines) == 2 and " ".join(lines) == text


@pytest.fixture(scope="module")
def card():
    jobs, problems = plan([POST])
    assert not problems
    return load_job(jobs[0], Options())


def test_the_world_scripts_card_matches_its_golden(card, update_goldens, exact_goldens):
    check_golden("world-scripts", render_card(card), update_goldens, exact_goldens)


def test_its_alt_text_carries_the_same_text(card):
    alt = alt_text(card)
    for phrase in ("नमस्ते किसान: क्षेत्रीय मंडी भाव", "مرحبا بالعالم", "שלום עולם", "हिंदी में संदेश"):
        assert phrase in alt
