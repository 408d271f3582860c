"""The closing card: a large title, bulleted lines and the call to action as a button,
no page number, at every size; on a wide card the lines take a column of their own."""

from __future__ import annotations

import pytest

from postimages import cards
from postimages.color import contrast
from postimages.scene import Circle, Shape
from postimages.theme import DARK
from slide_checks import (EVERY_SIZE_AND_THEME, assert_located_error, assert_well_laid_out, card_of, largest_in,
                          one, scene_of, texts)

SEED = {"kind": "closing", "title": "I'm looking for ML engineering roles",
        "lines": ["Full code + post-mortem: link in comments", "My DMs are open"],
        "cta": "Follow for the technical deep dive"}
SHORT = {"kind": "closing", "title": "Thanks!", "cta": "Follow me"}
LONG = {"kind": "closing", "kicker": "What comes next",
        "title": "I am looking for ML engineering roles where validation comes first",
        "lines": ["Full code + post-mortem: link in comments", "My DMs are open for feedback on the pipeline",
                  "Next post covers the backtesting harness in depth", "Happy to review your own post-mortems too",
                  "Thanks for reading this far"],
        "cta": "Follow for the technical deep dive"}


@EVERY_SIZE_AND_THEME
def test_the_seed_closing_is_large_and_clean_at_every_size(tmp_path, size, theme):
    scene = scene_of(tmp_path, {**SEED, "size": size, "theme": theme}, pages=9, page=9)
    assert_well_laid_out(scene)
    assert largest_in(scene, "title", ("lines", "cta", "author", "footer")) >= 60
    assert all(one(scene, f"lines[{i}]").block.style.size * 1200 / scene.size[0] >= 34 - 1e-6 for i in range(2))
    assert not texts(scene, "page_numbers")
    assert scene.shrunk is None


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_little_content_grows_and_five_lines_still_fit(tmp_path, size):
    short, long = scene_of(tmp_path, {**SHORT, "size": size}), scene_of(tmp_path, {**LONG, "size": size})
    assert one(short, "title").block.style.size > 2 * one(long, "title").block.style.size
    assert long.shrunk is None
    assert_well_laid_out(long)
    assert_well_laid_out(short, band_limit=0.29)  # one word on a tall card: the most room there is to fill


def test_the_call_to_action_is_a_button_in_the_accent(tmp_path):
    scene = scene_of(tmp_path, SEED)
    button, label = scene.named("cta.button", Shape)[0], one(scene, "cta")
    assert button.fill == DARK.accent and abs(button.radius - button.box.h / 2) < 0.5
    assert button.box.contains(label.box)
    assert contrast(label.block.style.color, button.fill) >= 4.5
    assert button.box.y > one(scene, "lines[1]").box.bottom


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_under_a_poster_sized_title_the_button_grows_to_a_third_of_it(tmp_path, size):
    scene = scene_of(tmp_path, {"kind": "closing", "title": "Thanks for reading", "cta": "Follow", "size": size})
    title, label = one(scene, "title").block.style.size, one(scene, "cta").block.style.size
    u = scene.ctx.u
    assert title >= 200 * u  # the title as wide as the card: it cannot grow
    assert label == pytest.approx(min(72 * u, title / 3))
    assert label > 60 * u
    assert_well_laid_out(scene)  # title and button fill the card: no band over a quarter of it
    small = scene_of(tmp_path, {**LONG, "size": size})  # under a smaller title, the smallest button
    assert one(small, "cta").block.style.size == pytest.approx(40 * u)


def test_each_line_has_its_bullet_on_its_first_row(tmp_path):
    scene = scene_of(tmp_path, LONG)
    for i in range(5):
        line, bullet = one(scene, f"lines[{i}]"), scene.named(f"lines[{i}].bullet", Circle)[0]
        assert bullet.box.right < line.box.x
        assert line.box.y < bullet.center[1] < line.box.y + line.block.line_advance


def test_on_a_wide_card_the_lines_stand_beside_the_title(tmp_path):
    scene = scene_of(tmp_path, {**SEED, "size": "landscape"})
    assert one(scene, "lines[0]").box.x > one(scene, "title").box.right
    button = scene.named("cta.button", Shape)[0].box
    assert not any(button.overlaps(one(scene, f"lines[{i}]").box) for i in range(2))


def test_without_lines_or_button_the_title_alone_fills_the_card(tmp_path):
    scene = scene_of(tmp_path, {"kind": "closing", "title": "Thanks for reading"})
    assert_well_laid_out(scene, band_limit=0.3)
    assert one(scene, "title").block.style.size >= 120


@pytest.mark.parametrize("spec, expected", [
    ({"kind": "closing", "cta": "Follow"}, "missing required field 'title'"),
    ({**SEED, "lines": ["a"] * 6}, "at most 5"),
    ({**SEED, "cta": "x" * 49}, "at most 48"),
])
def test_mistakes_are_located_errors(tmp_path, spec, expected):
    assert_located_error(tmp_path, spec, expected)


def test_alt_text_reads_title_lines_and_button(tmp_path):
    alt = cards.get("closing").alt_text(card_of(tmp_path, SEED))
    assert alt == ("I'm looking for ML engineering roles. Full code + post-mortem: link in comments. "
                   "My DMs are open. Follow for the technical deep dive.")
