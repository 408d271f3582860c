"""Right-to-left paragraphs: a paragraph whose first strong character is Arabic
or Hebrew starts at the right edge of its box; centred text stays centred; its
lines keep the reading order (the first words on the first line), and a line of
it that starts with an English word still reads right to left."""

import pytest

from conftest import ROOT
from golden_images import check_golden
from postimages.geometry import Box
from postimages.plan import Options, load_job, plan
from postimages.render import render_card
from postimages.text import Placed, TextBlock, TextStyle, line_positions, make_line, measure
from postimages.textfit import fit, wrap
from postimages.textpaint import draw_block
from postimages.unicode import side_by_side, starts_right_to_left
from slide_checks import one, scene_of

WHITE = (255, 255, 255)
STYLE = TextStyle(40, WHITE)
BOX = Box(100, 50, 1000, 400)
HEBREW = "מה למדנו משלושה חודשים של ניסויים"


def test_a_paragraph_reads_right_to_left_when_its_first_strong_character_does():
    assert starts_right_to_left("שלום world") and starts_right_to_left("2024: مرحبا")
    assert not starts_right_to_left("Hello שלום") and not starts_right_to_left("plain")


def test_a_hebrew_line_hugs_the_right_edge_and_an_english_one_the_left():
    hebrew = fit(HEBREW, STYLE, field="title", max_width=BOX.w, min_size=20)
    english = fit("What we learned in three months", STYLE, field="title", max_width=BOX.w, min_size=20)
    ((line, x, _),) = line_positions(hebrew, BOX)
    assert line.rtl and x + line.width == pytest.approx(BOX.right) and x > BOX.x + 100
    ((line, x, _),) = line_positions(english, BOX)
    assert not line.rtl and x == BOX.x
    assert Placed(hebrew, BOX).ink_box.right == pytest.approx(BOX.right)
    assert Placed(english, BOX).ink_box.x == BOX.x


def test_centred_and_explicitly_left_text_keep_their_alignment():
    line = make_line(HEBREW, STYLE)
    centred = TextBlock((line,), STYLE, "center")
    assert line_positions(centred, BOX)[0][1] == pytest.approx(BOX.x + (BOX.w - line.width) / 2)
    assert line_positions(TextBlock((line,), STYLE, "left"), BOX)[0][1] == BOX.x


def test_each_paragraph_of_a_block_takes_its_own_side():
    block = fit("English first\nואז עברית", STYLE, field="text", max_width=BOX.w, min_size=20)
    (first, x1, _), (second, x2, _) = line_positions(block, BOX)
    assert x1 == BOX.x and x2 + second.width == pytest.approx(BOX.right)
    ink = Placed(block, BOX).ink_box
    assert ink.x == BOX.x and ink.right == pytest.approx(BOX.right)


def test_a_wrapped_rtl_paragraph_keeps_its_first_words_on_the_first_line():
    wrapped = wrap(HEBREW, STYLE, measure(HEBREW, STYLE) * 0.55)
    assert wrapped.lines[0].startswith("מה למדנו") and " ".join(wrapped.lines) == HEBREW
    assert wrapped.rtl == (True,) * len(wrapped.lines)
    block = fit(HEBREW, STYLE, field="title", max_width=measure(HEBREW, STYLE) * 0.55, min_size=40)
    for line, x, _ in line_positions(block, BOX):
        assert x + line.width == pytest.approx(BOX.right)


def test_a_line_of_a_hebrew_paragraph_that_starts_in_english_still_reads_right_to_left():
    text = "SQL המבכרה"
    in_hebrew, own = make_line(text, STYLE, rtl=True), make_line(text, STYLE)
    assert [run.text for run in in_hebrew.runs] == ["המבכרה", " ", "SQL"]  # SQL at the right, where it was typed
    assert own.runs[0].text.strip() == "SQL"  # on its own, the line is English first
    assert in_hebrew.width == pytest.approx(measure(text, STYLE, rtl=True))
    arabic = "اعرض النتائج Python و SQL المبكرة أرخص"
    wrapped = wrap(arabic, STYLE, max(measure(word, STYLE) for word in arabic.split()) + 1)  # a word a line
    assert wrapped.lines[0] == "اعرض" and " ".join(wrapped.lines) == arabic and all(wrapped.rtl)


def test_the_drawn_ink_of_an_rtl_line_ends_at_the_right_edge():
    from PIL import Image

    image = Image.new("RGB", (1200, 200), (0, 0, 0))
    block = fit("שלום עולם", STYLE, field="title", max_width=BOX.w, min_size=20)
    draw_block(image, block, Box(100, 20, 1000, 100))
    left, _, right, _ = image.getbbox()
    assert 1090 <= right <= 1101 and left > 800


def test_a_latin_handle_after_a_hebrew_name_keeps_its_at_sign_in_front():
    line = make_line(side_by_side(["נועה לוי", "@noa_levi"], " · "), STYLE)
    assert line.rtl and line.runs[0].text.startswith("@noa_levi")
    assert side_by_side(["Kavya", "@kavya"], " · ") == "Kavya · @kavya"  # plain text untouched


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_a_hebrew_cover_title_sits_at_the_right_of_the_content(tmp_path, size):
    scene = scene_of(tmp_path, {"kind": "cover", "title": HEBREW, "subtitle": "והנתונים אמרו זאת", "size": size})
    english = scene_of(tmp_path, {"kind": "cover", "title": "What we learned in three months", "size": size})
    title, subtitle = one(scene, "title").placed, one(scene, "subtitle").placed
    assert title.ink_box.right == pytest.approx(title.box.right)
    assert subtitle.ink_box.right == pytest.approx(title.box.right)
    assert title.ink_box.x > title.box.x + 1
    assert one(english, "title").placed.ink_box.x == one(english, "title").placed.box.x


def test_the_right_to_left_gallery_card_matches_its_golden(update_goldens, exact_goldens):
    """Hebrew title and kicker, Arabic tiles with English words inside, a Latin handle after a Hebrew name."""
    jobs, problems = plan([ROOT / "tests" / "gallery" / "rtl-team-notes"])
    assert not problems
    lessons = next(job for job in jobs if job.spec.name == "02-lessons.yaml")
    check_golden("right-to-left", render_card(load_job(lessons, Options())), update_goldens, exact_goldens)
