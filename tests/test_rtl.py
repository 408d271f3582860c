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
from postimages.scene import Arrow, Circle, Glyphs, Rule, Text
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


# --- a card that reads right to left is laid out as a mirror image (mirror.py) ---

ARABIC_LESSONS = [{"title": "ابدأ بالبيانات", "text": "نظّف البيانات قبل أن تبني أي نموذج."},
                  {"title": "قِس كل شيء", "text": "ضع مقياساً واضحاً للنجاح منذ اليوم الأول."},
                  {"title": "شارك مبكراً", "text": "اعرض النتائج على الفريق قبل أن تكتمل."}]
ENGLISH_LESSONS = [{"title": "Validate early", "text": "Test the core idea in week one."},
                   {"title": "Baselines first", "text": "Ask what buying everything would give."}]
SNIPPET = "def total(xs):\n    return sum(xs)  # the plain way\n"
LONG_SNIPPET = "".join(f"step_{i} = run(step_{i - 1}, retries={i})\n" for i in range(1, 17))  # a side header


def _shapes(scene, name: str):
    return [item for item in scene.items if getattr(item, "name", "") == name]


def test_a_paragraph_takes_the_direction_of_its_first_strong_character():
    from postimages.unicode import strong_direction

    assert strong_direction("2024: مرحبا world") == "rtl" and strong_direction("42 alerts") == "ltr"
    assert strong_direction("\u200fSQL") == "rtl"  # a mark a line of a Hebrew paragraph starts with
    assert strong_direction("2/3") is None and strong_direction("01 · —") is None


@pytest.mark.parametrize("size", ["square", "portrait", "landscape"])
def test_a_right_to_left_lessons_card_starts_each_row_at_the_right(tmp_path, size):
    from slide_checks import assert_well_laid_out

    scene = scene_of(tmp_path, {"kind": "lessons", "title": "מה נעשה אחרת בפעם הבאה", "size": size,
                                "items": ARABIC_LESSONS}, pages=2)
    for i in range(len(ARABIC_LESSONS)):
        number, title = one(scene, f"items[{i}]").box, one(scene, f"items[{i}].title").box
        assert number.right >= title.right - 1 and number.x > title.x  # the number first: at the right (or above)
    page, author = one(scene, "page_numbers").box, one(scene, "author").box
    assert page.right < author.x and author.right == pytest.approx(scene.content.right, abs=1)
    assert_well_laid_out(scene)


def test_a_hebrew_title_over_english_lessons_turns_only_the_frame(tmp_path):
    scene = scene_of(tmp_path, {"kind": "lessons", "title": "מה למדנו", "items": ENGLISH_LESSONS}, pages=2)
    assert one(scene, "page_numbers").box.right < one(scene, "author").box.x
    for i in range(len(ENGLISH_LESSONS)):
        assert one(scene, f"items[{i}]").box.right < one(scene, f"items[{i}].title").box.x
    english = scene_of(tmp_path, {"kind": "lessons", "title": "What we learned", "items": ENGLISH_LESSONS}, pages=2)
    assert one(english, "page_numbers").box.x > one(english, "author").box.right


@pytest.mark.parametrize("size, code", [("square", SNIPPET), ("landscape", LONG_SNIPPET)], ids=["square", "landscape"])
def test_code_under_a_hebrew_title_keeps_its_order_and_moves_with_its_box(tmp_path, size, code):
    hebrew = scene_of(tmp_path, {"kind": "code", "title": "הדרך הפשוטה", "code": code, "language": "python",
                                 "caption": "בלי ספריות", "size": size})
    english = scene_of(tmp_path, {"kind": "code", "title": "The plain way", "code": code, "language": "python",
                                  "caption": "No libraries", "size": size})
    glyphs = [[item.x for item in scene.items if isinstance(item, Glyphs)] for scene in (hebrew, english)]
    shift = glyphs[0][0] - glyphs[1][0]
    assert glyphs[0] == pytest.approx([x + shift for x in glyphs[1]])  # the same columns, in the same order
    (window,) = _shapes(hebrew, "window")
    title = one(hebrew, "title").box
    if size == "landscape":  # the header at the side: at the right now, the window at the left
        assert title.x > window.box.right and shift < 0
    assert hebrew.content.contains(window.box) and not window.box.overlaps(title)


def test_a_number_and_its_unit_keep_their_order_under_a_hebrew_title(tmp_path):
    metrics = [{"label": "התראות", "value": 42, "unit": "alerts"}, {"label": "השהיה", "value": 80, "unit": "ms"}]
    scene = scene_of(tmp_path, {"kind": "stats", "title": "תוצאות האימות", "metrics": metrics}, pages=2)
    for i in range(2):  # "42 alerts", "80 ms": the phrase reads left to right
        assert one(scene, f"metrics[{i}].value").box.right < one(scene, f"metrics[{i}].unit").box.x
    assert one(scene, "page_numbers").box.right < one(scene, "author").box.x  # the frame is turned


def test_a_hebrew_cover_points_its_swipe_cue_to_the_left(tmp_path):
    scene = scene_of(tmp_path, {"kind": "cover", "title": HEBREW, "subtitle": "והנתונים אמרו זאת", "emoji": "📉"})
    (arrow,) = [item for item in scene.items if isinstance(item, Arrow)]
    assert arrow.end[0] < arrow.start[0] and arrow.start[0] < scene.content.center_x
    english = scene_of(tmp_path, {"kind": "cover", "title": "What we learned", "emoji": "📉"})
    (arrow,) = [item for item in english.items if isinstance(item, Arrow)]
    assert arrow.end[0] > arrow.start[0]


def _numbers(value):
    """The numbers of a drawable, in order (its geometry, colours and sizes), its text's alignment left out."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, TextBlock):
        return _numbers(value.lines) + _numbers(value.style)
    if isinstance(value, tuple):
        return [n for part in value for n in _numbers(part)]
    return []


def _across(item) -> tuple[float, float]:
    """From where to where a drawable reaches across the card."""
    if isinstance(item, Text):
        return item.placed.box.x, item.placed.box.right
    if isinstance(item, Circle):
        return item.center[0] - item.radius, item.center[0] + item.radius
    if isinstance(item, (Arrow, Rule)):
        return min(item.start[0], item.end[0]), max(item.start[0], item.end[0])
    return item.box.x, item.box.right


def test_mirroring_puts_every_drawable_at_its_mirror_place_and_back(tmp_path):
    from postimages.mirror import _Mirror, _remapped

    for spec in ({"kind": "lessons", "title": HEBREW, "items": ARABIC_LESSONS},
                 {"kind": "code", "title": "x", "code": SNIPPET, "language": "python", "highlight": "2"},
                 {"kind": "cover", "title": HEBREW, "emoji": "📉"}):
        scene = scene_of(tmp_path, spec, pages=2)
        width = scene.size[0]
        mirror = _Mirror(width)
        for item in scene.items:
            once = _remapped(item, mirror)
            left, right = _across(item)
            assert _across(once) == pytest.approx((width - right, width - left), abs=0.5), item
            assert _numbers(_remapped(once, mirror)) == pytest.approx(_numbers(item)), item


def test_a_left_to_right_card_is_not_touched(tmp_path):
    from postimages.mirror import in_reading_order

    scene = scene_of(tmp_path, {"kind": "lessons", "title": "What we learned", "items": ENGLISH_LESSONS}, pages=2)
    frame, own, content = in_reading_order(scene.items, [], scene.content, None, scene.size[0], mirrors=True)
    assert frame == scene.items and content == scene.content
