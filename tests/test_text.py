"""The text engine: segmentation, fallback, emoji sequences, wrapping, fitting."""

import pytest
from PIL import Image

from postimages import fonts
from postimages.errors import LayoutError
from postimages.geometry import Box
from postimages.textpaint import draw_block
from postimages.segment import MissingGlyphs
from postimages.text import TextStyle, clusters, measure, segment
from postimages.textfit import fit, single_line, wrap

WHITE = (255, 255, 255)
BODY = TextStyle(34, WHITE)


def test_plain_text_is_one_run_of_the_styles_font():
    runs = segment("Validation Results", "display", "bold")
    assert [r.text for r in runs] == ["Validation Results"]
    assert runs[0].font_path == fonts.font_file("display", "bold")


@pytest.mark.parametrize(
    "emoji",
    ["⚡", "🏗️", "1️⃣", "👩‍💻", "🇮🇳", "❌", "#️⃣"],
    ids=["single", "variation-selector", "keycap", "zwj", "flag", "cross", "hash-keycap"],
)
def test_emoji_sequences_stay_whole_and_go_to_the_emoji_font(emoji):
    runs = segment(f"a {emoji} b", "text", "regular")
    emoji_runs = [r for r in runs if r.font_path is None]
    assert [r.text for r in emoji_runs] == [emoji]


def test_symbols_inter_lacks_fall_back_to_the_next_font():
    runs = segment("a ┌─┐ b", "text", "regular")
    box_run = next(r for r in runs if "┌" in r.text)
    assert box_run.font_path == fonts.font_file("mono", "regular")


def test_symbols_inter_has_stay_in_inter():
    runs = segment("≠ → ₹ −", "text", "regular")
    assert {r.font_path for r in runs} == {fonts.font_file("text", "regular")}


def test_a_character_no_font_has_is_an_error_naming_it():
    with pytest.raises(MissingGlyphs) as caught:
        segment("selam ሰላም", "text", "regular")
    assert "U+1230" in str(caught.value)


def test_fit_reports_undrawable_characters_against_the_field():
    with pytest.raises(LayoutError) as caught:
        fit("x \U000E01F0\u0378", BODY, field="items[2].title", max_width=500, min_size=26)
    assert caught.value.field == "items[2].title"
    assert "U+0378" in caught.value.message


def test_clusters_keep_zwj_and_flags_together():
    assert clusters("👩‍💻🇮🇳") == ["👩‍💻", "🇮🇳"]


def test_measure_grows_with_text_and_size():
    assert measure("Win rate", BODY) < measure("Win rate 38.1%", BODY)
    assert measure("Win rate", BODY) < measure("Win rate", BODY.at(60))


def test_tabular_figures_give_digits_one_width():
    tabular = TextStyle(100, WHITE, weight="bold", tabular=True)
    assert measure("111", tabular) == pytest.approx(measure("888", tabular), abs=0.5)
    proportional = TextStyle(100, WHITE, weight="bold")
    assert measure("111", proportional) < measure("888", proportional)


def test_wrap_keeps_every_word_in_order_and_within_width():
    text = "Test the core hypothesis in week one, not in month three, and save yourself ninety days."
    wrapped = wrap(text, BODY, 300)
    assert len(wrapped.lines) > 1
    assert " ".join(wrapped.lines) == text
    assert all(measure(line, BODY) <= 300 for line in wrapped.lines)
    assert not wrapped.broke_words


def test_wrap_keeps_explicit_newlines():
    assert wrap("one\ntwo", BODY, 1000).lines == ("one", "two")


def test_wrap_splits_a_word_longer_than_the_line():
    wrapped = wrap("a" * 80, BODY, 200)
    assert wrapped.broke_words
    assert "".join(wrapped.lines) == "a" * 80


def test_fit_keeps_the_largest_size_that_fits():
    block = fit("Short", BODY.at(72), field="title", max_width=1000, max_lines=1, min_size=26)
    assert block.style.size == 72


def test_fit_shrinks_before_it_overflows():
    text = "A title long enough that it cannot stay on one line at full size"
    block = fit(text, BODY.at(72), field="title", max_width=700, max_lines=2, min_size=26)
    assert block.style.size < 72
    assert len(block.lines) <= 2
    assert all(line.width <= 700 for line in block.lines)


def test_fit_fails_past_the_minimum_with_field_and_overflow():
    with pytest.raises(LayoutError) as caught:
        fit("word " * 200, BODY, field="subtitle", max_width=400, max_lines=2, min_size=26)
    error = caught.value
    assert error.field == "subtitle"
    assert "room for 2" in error.message
    assert "shorten it by about" in error.hint


def test_single_line_never_wraps():
    block = single_line("Backtest on real NSE prices", BODY.at(60), field="kicker", max_width=500, min_size=20)
    assert len(block.lines) == 1
    assert block.width <= 500


def _colourful_pixels(image: Image.Image) -> int:
    """Pixels whose channels differ a lot: colour, not grey or white text."""
    saturation = image.convert("HSV").getchannel("S")
    return sum(saturation.histogram()[100:])


def test_emoji_draw_in_colour_on_the_baseline():
    image = Image.new("RGB", (400, 120), (0, 0, 0))
    block = single_line("NO ❌", TextStyle(80, WHITE, weight="bold"), field="t", max_width=400, min_size=20)
    draw_block(image, block, Box(0, 0, 400, 120))
    assert _colourful_pixels(image) > 500  # the red cross is drawn in colour
    text_only = Image.new("RGB", (400, 120), (0, 0, 0))
    draw_block(text_only, single_line("NO", block.style, field="t", max_width=400, min_size=20), Box(0, 0, 400, 120))
    # The emoji sits on the text's line: its ink overlaps the capitals' rows.
    rows_with_text = {y for y in range(120) if any(text_only.getpixel((x, y))[0] > 128 for x in range(0, 150))}
    emoji_rows = {y for y in range(120) if any(max(image.getpixel((x, y))) - min(image.getpixel((x, y))) > 80
                                               for x in range(150, 400))}
    assert len(rows_with_text & emoji_rows) > 0.8 * len(rows_with_text)


@pytest.mark.parametrize("weight", ["regular", "italic", "bold"])
def test_glyphs_drawn_one_at_a_time_land_where_the_whole_line_puts_them(weight):
    """Code is drawn a character at a time on its grid: the rasters are a cache, not an approximation."""
    from PIL import ImageChops

    from postimages import shaping
    from postimages.textpaint import draw_glyph

    for family, size in (("mono", 27), ("text", 31)):
        path = fonts.font_file(family, weight)
        whole = Image.new("RGB", (900, 100), (20, 30, 40))
        one_by_one = whole.copy()
        text = "Agjy(){}|W@%0Ol1→é"
        for i, start in enumerate((4.0, 4.3, 4.5, 4.77)):
            baseline = 20 + 22 * i + (i % 3) / 3
            draw_glyph(whole, text, path, size, (250, 200, 90), start, baseline, ("-kern", "-calt", "-liga"))
            x = start
            for char in text:
                draw_glyph(one_by_one, char, path, size, (250, 200, 90), x, baseline)
                x += shaping.width(shaping.shape(path, size, char))
        assert ImageChops.difference(whole, one_by_one).getbbox() is None, (family, weight)


@pytest.mark.parametrize("weight", ["regular", "semibold", "bold"])
def test_text_draws_the_pixels_pillow_draws(weight):
    """The same glyphs at the same places as Pillow's own FreeType text (its basic
    layout, which needs no Raqm), so cards kept their pixels across the new stack."""
    from PIL import ImageChops, ImageDraw, ImageFont

    from postimages.textpaint import draw_glyph

    path = fonts.font_file("text", weight)
    for size in (22, 31, 44):
        pillow = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
        direct = Image.new("RGB", (900, 100), (20, 30, 40))
        ours = direct.copy()
        x = 4.0
        for i, char in enumerate("Agjy(){}|fW@%0Ol1é"):
            baseline = 62 + (i % 7) / 7  # every sub-pixel phase, across and down
            ImageDraw.Draw(direct).text((x, baseline), char, font=pillow, fill=(250, 200, 90), anchor="ls")
            draw_glyph(ours, char, path, size, (250, 200, 90), x, baseline)
            x += size * 0.9 + i / 13
        assert ImageChops.difference(direct, ours).getbbox() is None, (weight, size)


def test_tracked_text_is_as_wide_as_measured_and_spaced_out():
    plain = TextStyle(30, WHITE, weight="bold", uppercase=True)
    tracked = TextStyle(30, WHITE, weight="bold", uppercase=True, tracking=0.2)
    inked = []
    for style in (plain, tracked):
        image = Image.new("RGB", (700, 60), (0, 0, 0))
        block = single_line("results", style, field="t", max_width=700, min_size=10)
        draw_block(image, block, Box(0, 0, 700, 60))
        left, _, right, _ = image.getbbox()
        inked.append(right - left)
        # Layout reserves what drawing covers (give or take the letters' side bearings).
        assert abs(inked[-1] - measure("results", style)) <= 4
    assert inked[1] - inked[0] >= 6 * 0.2 * 30 - 4  # six gaps, each 0.2 em wider


@pytest.mark.parametrize("family, weight", [("text", "regular"), ("display", "bold"), ("mono", "regular")])
def test_measured_widths_are_the_widths_pillow_measured(family, weight):
    """The widths the cards had when Pillow's Raqm drew them, kerning and features
    included (checked where Pillow has Raqm; the renderer never asks for it)."""
    from PIL import ImageFont, features as pillow_features

    if not pillow_features.check("raqm"):
        pytest.skip("this Pillow has no Raqm to compare with")
    path = fonts.font_file(family, weight)
    samples = ["Hello", "AVATAR Ty", "Data collection", "38.1% vs 60%", "−0.01%", "naïve Wörk",
               "async def run_agent(agent: Agent) -> Result:", "Ünïcödé façade", "fi fl ffi", "1,234,567"]
    for size in (26, 44, 122):
        pillow = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)
        for text in samples:
            for features in (None, ("tnum",), ("-kern",)):
                assert fonts.text_width(path, size, text, features) == pillow.getlength(text, features=features), (
                    text, size, features)


# --- a balanced block does not end on one word it can share ---

def test_a_last_word_left_alone_takes_the_word_before_it():
    from postimages.textfit import Wrapped, _without_widow

    style = TextStyle(40, (255, 255, 255))
    text = "aa bb cc dd ee ff"
    widowed = Wrapped(("aa bb", "cc dd ee", "ff"), False, (False,) * 3)
    assert _without_widow(widowed, text, style, 1000).lines == ("aa bb", "cc dd", "ee ff")  # 2-3-1 -> 2-2-2
    assert _without_widow(widowed, text, style, measure("ee ff", style) - 1) == widowed  # the two do not fit
    two_above = Wrapped(("aa bb cc", "dd ee", "ff"), False, (False,) * 3)
    assert _without_widow(two_above, text, style, 1000) == two_above  # the line above would be left alone
    url = Wrapped(("see https://example.", "com/a/b"), False, (False,) * 2)
    assert _without_widow(url, "see https://example.com/a/b", style, 1000) == url  # not broken at a space


def test_a_quote_that_would_end_on_one_word_is_set_larger_instead(tmp_path):
    """The example's hypothesis: at the size that fills the card, a greedy wrap left
    "movements." alone, and the lonely-word rule set the quote smaller."""
    from slide_checks import one, scene_of
    from postimages.text import words

    quote = "Companies with blockbuster earnings will experience upper circuit price movements."
    block = one(scene_of(tmp_path, {"kind": "quote", "quote": quote, "by": "What I set out to prove"}), "quote").block
    assert all(len(words(line.text, block.style)) >= 2 for line in block.lines)
    assert block.style.size >= 100 and len(block.lines) == 5
