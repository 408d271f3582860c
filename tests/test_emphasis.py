"""Emphasis in text fields: `**words**` in the accent and a heavier weight,
`` `name` `` in the code font; the markers never reach the pixels, the alt
text or the PDF's text; a marker without its partner is a located warning."""

import dataclasses
import json

import pytest
from PIL import Image

from golden_images import check_golden
from postimages import emphasis, fonts
from postimages.build import alt_text
from postimages.carousel import page_texts
from postimages.check import check_card, emphasised_of
from postimages.color import contrast
from postimages.emphasis import Span, parse, plain
from postimages.plan import Options, load_job, plan
from postimages.render import layout_card, render_card
from postimages.text import TextStyle, _run_width, measure
from postimages.textfit import fit, wrap
from postimages.textpaint import draw_line
from postimages.theme import LIGHT

from conftest import ROOT

POST = ROOT / "tests" / "emphasis"
WHITE, ACCENT = (255, 255, 255), (91, 140, 255)
MARKED = TextStyle(34, WHITE, emphasis=ACCENT)


# --- the parser -----------------------------------------------------------------


def test_strong_and_code_spans():
    assert parse("a **b c** and `x.y` d").spans == (
        Span("a "), Span("b c", strong=True), Span(" and "), Span("x.y", code=True), Span(" d"))


def test_code_inside_emphasis_is_both_and_asterisks_inside_code_are_asterisks():
    assert parse("**use `f()` now**").spans == (
        Span("use ", True), Span("f()", True, True), Span(" now", True))
    assert parse("`a**b**c`").spans == (Span("a**b**c", code=True),)


def test_escaped_markers_are_the_characters_themselves():
    assert parse(r"\*\*not bold\*\* and \`tick\` and C:\\x").spans == (
        Span(r"**not bold** and `tick` and C:\x"),)
    assert parse(r"a \b c").spans == (Span(r"a \b c"),)  # a backslash before anything else stays


@pytest.mark.parametrize("text, marker, offset, shown", [
    ("the **open end", "**", 4, "the **open end"),
    ("**a** and **b", "**", 10, "a and **b"),
    ("a lone ` tick", "`", 7, "a lone ` tick"),
    ("***", "**", 0, "***"),
])
def test_a_marker_without_its_partner_is_drawn_as_typed_and_reported(text, marker, offset, shown):
    parsed = parse(text)
    assert plain(text) == shown
    assert [(u.marker, u.offset) for u in parsed.unbalanced] == [(marker, offset)]


def test_balanced_text_reports_nothing():
    assert parse("**a** `b` **`c`**").unbalanced == ()


def test_emoji_and_devanagari_inside_emphasis_stay_whole():
    assert parse("नमस्ते **किसान 👩‍💻** ok").spans == (
        Span("नमस्ते "), Span("किसान 👩‍💻", strong=True), Span(" ok"))


@pytest.mark.parametrize("text", ["a **b c** `d e` f", r"\*lit\* **`x`y** z", "**नमस्ते किसान**", "plain"])
def _looks(text):
    """Each shown character that is not a space, with its look."""
    return [(c, span.strong, span.code) for span in parse(text).spans for c in span.text if not c.isspace()]


@pytest.mark.parametrize("text", ["a **b c** `d e` f", r"\*lit\* **`x`y** z", "**नमस्ते किसान**", "plain"])
def test_words_carry_their_own_markers_and_mean_what_the_text_means(text):
    words = emphasis.words(text)
    assert _looks(" ".join(words)) == _looks(text)
    for word in words:
        assert parse(word).unbalanced == ()
        assert " " not in plain(word)


def test_a_cut_of_a_word_is_markup_of_those_characters():
    word = emphasis.words("`cards.lessons`")[0]
    pieces = [emphasis.cut(word, 0, 6), emphasis.cut(word, 6, 14)]
    assert pieces == ["`cards.`", "`lessons`"]
    assert parse("".join(pieces)).spans == parse(word).spans


def test_an_escaped_value_is_never_markup():
    value = r"**5** `x` \*"
    assert plain(emphasis.escape(value)) == value


# --- measuring, wrapping, painting ------------------------------------------------


def test_emphasised_words_are_wider_and_measured_as_drawn():
    assert measure("Run **every** test", MARKED) > measure("Run every test", MARKED)
    assert measure("Run **every** test", TextStyle(34, WHITE)) > measure("Run **every** test", MARKED)  # asterisks


def test_wrapping_counts_the_heavier_weight():
    text = "Ship the smallest thing that works today"
    plain_width = measure(text, MARKED)
    marked = "Ship the **smallest thing that works** today"
    width = (plain_width + measure(marked, MARKED)) / 2
    assert len(wrap(text, MARKED, width).lines) == 1
    assert len(wrap(marked, MARKED, width).lines) == 2


def test_a_long_code_span_breaks_after_its_dots_and_keeps_its_font():
    block = fit("see `postimages.cards.lessons.arrange` now", MARKED, field="t", max_width=300, min_size=34)
    assert len(block.lines) > 1
    mono = fonts.font_file("mono", "regular")
    code = [run for line in block.lines for run in line.runs if run.font_path == mono]
    assert "".join(run.text for run in code) == "postimages.cards.lessons.arrange"
    assert all(line.width <= 300 for line in block.lines)


def test_every_line_is_drawn_exactly_as_wide_as_measured():
    block = fit("a **bold** word, `code` and **`both`** in one line", MARKED, field="t", max_width=2000,
                min_size=34)
    line = block.lines[0]
    image = Image.new("RGB", (1400, 80))
    end = draw_line(image, line, MARKED, 10.25, 50)
    assert end - 10.25 == pytest.approx(line.width)
    assert line.width == pytest.approx(sum(_run_width(run, MARKED) for run in line.runs))
    assert not any(marker in run.text for run in line.runs for marker in ("**", "`"))


# --- on a card --------------------------------------------------------------------


@pytest.fixture(scope="module")
def card():
    jobs, problems = plan([POST])
    assert not problems
    return load_job(jobs[0], Options())


def _runs(scene, field):
    text = next(t for t in scene.texts() if t.field == field)
    return text, [run for line in text.block.lines for run in line.runs]


def test_an_emphasised_word_is_in_the_accent_and_the_next_weight_up(card):
    text, runs = _runs(layout_card(card), "items[0].text")
    every = next(run for run in runs if run.text == "every")
    assert every.emphasised and every.font_path == fonts.font_file("text", "medium")
    assert text.block.style.emphasis == card.theme.accent  # it reads on the panel as it is
    rest = [run for run in runs if not run.emphasised and run.font_path.parent.name == "inter"]
    assert {run.font_path for run in rest} == {fonts.font_file("text", "regular")}
    assert any(run.text == "--seed" and run.font_path == fonts.font_file("mono", "regular") for run in runs)


def test_the_title_emphasis_is_the_next_display_weight(card):
    _, runs = _runs(layout_card(card), "title")
    stuck = next(run for run in runs if run.emphasised)
    assert (stuck.text, stuck.font_path) == ("stuck", fonts.font_file("display", "extrabold"))


def test_a_pale_accent_is_moved_until_it_reads_on_what_is_under_it(card):
    pale = dataclasses.replace(LIGHT, accent=(150, 200, 255))
    scene = layout_card(dataclasses.replace(card, theme=pale))
    seen = [s for s in emphasised_of(scene) if s.field == "items[1].text"]
    assert seen and seen[0].color != pale.accent
    assert min(contrast(seen[0].color, behind) for behind in seen[0].behind) >= 4.5


def test_check_measures_the_emphasised_colour_from_the_scene(card, monkeypatch):
    """The pale accent fails as the kicker and the lesson numbers; the
    emphasised words are moved until they read, unless they are not."""
    pale = dataclasses.replace(LIGHT, accent=(150, 200, 255))
    job = plan([POST])[0][0]
    moved = [str(f) for f in check_card(job, Options(theme=pale)) if "#96C8FF" in str(f)]
    assert "contrast of kicker: 1.49:1" in moved[0] and "contrast of items[0] and 2 more texts" in moved[1]
    monkeypatch.setattr("postimages.render.readable_emphasis", lambda scene: None)  # the accent as it is
    kept = [str(f) for f in check_card(job, Options(theme=pale)) if "#96C8FF" in str(f)]
    assert "contrast of kicker and 1 more text: 1.49:1" in kept[0]  # the title's word
    assert "contrast of items[0] and 5 more texts" in kept[1]  # and the three lessons' words


def test_alt_text_and_the_pdf_text_have_no_markers(card):
    alt = alt_text(card)
    assert "every property test with --seed 0" in alt and "Three habits that stuck" in alt
    assert "**" not in alt and "`" not in alt
    shown = " ".join(line.text for line in page_texts(layout_card(card)))
    assert "json.loads" in shown and "**" not in shown and "`" not in shown


def test_the_emphasis_card_matches_its_golden(card, update_goldens, exact_goldens):
    check_golden("emphasis-lessons", render_card(card), update_goldens, exact_goldens)


def test_the_emphasis_card_in_the_light_theme_matches_its_golden(update_goldens, exact_goldens):
    light = load_job(plan([POST])[0][0], Options(theme=LIGHT))
    check_golden("emphasis-lessons-light", render_card(light), update_goldens, exact_goldens)


# --- check, and values from data files ---------------------------------------------


LESSON = """kind: lessons
title: Notes
items:
  - title: One
    text: "{text}"
"""


def _post(folder, text, data=None):
    specs = folder / "specs"
    specs.mkdir()
    (specs / "post.yaml").write_text("data:\n  r: ../r.json\n" if data else "author: Me\n")
    if data:
        (folder / "r.json").write_text(json.dumps(data))
    (specs / "01-notes.yaml").write_text(LESSON.format(text=text))
    return plan([specs])[0][0]


def test_check_warns_of_an_unclosed_marker_at_its_line_with_the_fix(tmp_path):
    job = _post(tmp_path, "The **open end")
    warnings = [str(f) for f in check_card(job) if "has no closing" in str(f)]
    [line] = warnings
    assert ":5:11: warning: items[0].text: ** has no closing **" in line
    assert line.endswith("(close it with ** or write \\*\\* for literal asterisks)")


def test_a_lone_backtick_warning_says_how_to_write_one(tmp_path):
    job = _post(tmp_path, "a ` b")
    [line] = [str(f) for f in check_card(job) if "has no closing" in str(f)]
    assert "items[0].text: ` has no closing `" in line and "write \\` for a literal backtick" in line


def test_a_kicker_is_not_marked_up(tmp_path):
    job = _post(tmp_path, "fine")
    job.spec.write_text("kind: lessons\nkicker: 'a ** b'\nitems:\n  - title: One\n")
    assert not [f for f in check_card(job) if "has no closing" in str(f)]
    scene = layout_card(load_job(job, Options()))
    kicker = next(t for t in scene.texts() if t.field == "kicker")
    assert "**" in kicker.block.lines[0].text and kicker.block.style.emphasis is None


def test_a_value_from_a_data_file_is_shown_as_it_is_never_as_markup(tmp_path):
    job = _post(tmp_path, "Result: {r.note} and **ours**", data={"note": "**5** `x`"})
    loaded = load_job(job, Options())
    _, runs = _runs(layout_card(loaded), "items[0].text")
    shown = "".join(run.text for run in runs)
    assert "Result: **5** `x` and ours" in shown
    assert [run.text for run in runs if run.emphasised] == ["ours"]
    assert not [f for f in check_card(job) if "has no closing" in str(f)]
    assert "**5** `x`" in alt_text(loaded)


# --- the heavier weight -------------------------------------------------------------


def test_the_heavier_weight_is_the_next_one_the_fonts_have():
    from postimages.userfonts import ANY_WEIGHT, UserFonts

    assert fonts.heavier("text", "regular") == "medium"
    assert fonts.heavier("display", "bold") == "extrabold"
    assert fonts.heavier("text", "bold") == "bold"  # nothing heavier is bundled: the colour alone
    regular, bold = fonts.bundled_file("text", "regular"), fonts.bundled_file("text", "bold")
    with fonts.using(UserFonts((("text", "regular", regular), ("text", "bold", bold)))):
        # The user's next weight, not the bundled medium.
        assert fonts.font_file("text", fonts.heavier("text", "regular")) == bold
    with fonts.using(UserFonts((("text", ANY_WEIGHT, regular),))):
        assert fonts.heavier("text", "regular") == "regular"  # one file for every weight
