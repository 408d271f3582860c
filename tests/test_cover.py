"""The cover: a title as large as the card allows, the emoji large, a swipe cue when
there is a next card, a larger author block and no page number, at every size."""

from __future__ import annotations

import pytest

from postimages import cards
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Shape
from slide_checks import (EVERY_SIZE_AND_THEME, assert_located_error, assert_well_laid_out, card_of, largest_in,
                          one, scene_of, texts)

SEED = {"kind": "cover", "kicker": "Project post-mortem · 3 months", "title": "I built a trading system that loses money",
        "subtitle": "The infrastructure succeeded. The hypothesis failed.", "emoji": "📉"}
SHORT = {"kind": "cover", "title": "Ship it", "emoji": "🚀"}
LONG = {**SEED, "kicker": "Project post-mortem · 3 months of nights and weekends",
        "title": "I built a trading system that loses money, and what it taught me about ML",
        "subtitle": "The infrastructure succeeded beautifully. The hypothesis failed, and the data said so."}


@EVERY_SIZE_AND_THEME
def test_the_seed_cover_is_large_and_clean_at_every_size(tmp_path, size, theme):
    scene = scene_of(tmp_path, {**SEED, "size": size, "theme": theme})
    assert_well_laid_out(scene)
    assert largest_in(scene, "title", ("kicker", "subtitle", "swipe", "author", "footer")) >= 60
    assert one(scene, "emoji").box.h >= 90 * scene.size[0] / 1200
    assert one(scene, "subtitle").block.style.size * 1200 / scene.size[0] >= 34 - 1e-6


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_little_content_grows_and_a_lot_still_fits(tmp_path, size):
    short = scene_of(tmp_path, {**SHORT, "size": size})
    long = scene_of(tmp_path, {**LONG, "size": size})
    assert one(short, "title").block.style.size > 1.5 * one(long, "title").block.style.size
    assert_well_laid_out(short, band_limit=0.28)  # two words on a tall card: the most room there is to fill
    assert_well_laid_out(long)
    assert long.shrunk is None


def test_no_page_number_and_a_larger_author_than_other_cards(tmp_path):
    cover = scene_of(tmp_path, SEED, pages=4, page=1)
    other = scene_of(tmp_path, {"kind": "stats", "metrics": [{"label": "a", "value": 1}]}, pages=4, page=2)
    assert not texts(cover, "page_numbers") and texts(other, "page_numbers")
    assert one(cover, "author").block.style.size >= 1.2 * one(other, "author").block.style.size


@pytest.mark.parametrize("pages, swipe, shown", [(4, None, True), (1, None, False), (4, False, False),
                                                 (1, True, True)])
def test_the_swipe_cue_shows_when_there_is_a_next_card(tmp_path, pages, swipe, shown):
    spec = SEED if swipe is None else {**SEED, "swipe": swipe}
    card = card_of(tmp_path, spec, pages=pages)
    scene = cards.get("cover").layout(card, Box(72, 72, 1056, 900), Context(card.theme, (1200, 1200)))
    assert bool([t for t in scene if getattr(t, "field", "") == "swipe"]) == shown
    assert ("Swipe" in cards.get("cover").alt_text(card)) == shown


def test_the_swipe_cue_sits_at_the_foot_right_and_the_emoji_beside_on_a_wide_card(tmp_path):
    square = scene_of(tmp_path, SEED)
    cue = square.named("swipe.button", Shape)[0]
    assert abs(cue.box.right - square.content.right) < 1 and abs(cue.box.bottom - square.content.bottom) < 1
    assert cue.box.y > one(square, "subtitle").box.bottom
    wide = scene_of(tmp_path, {**SEED, "size": "landscape"})
    disc = wide.named("emoji.halo", Circle)[0]
    assert disc.box.x > one(wide, "title").box.right
    assert wide.named("swipe.button", Shape)[0].box.y > disc.box.bottom


def test_the_emoji_sits_on_its_disc(tmp_path):
    scene = scene_of(tmp_path, SEED)
    disc, emoji = scene.named("emoji.disc", Circle)[0], one(scene, "emoji")
    assert abs(emoji.box.center_x - disc.center[0]) < 1 and abs(emoji.box.center_y - disc.center[1]) < 1
    assert emoji.box.w < 2 * disc.radius


@pytest.mark.parametrize("spec, expected", [
    ({"kind": "cover", "emoji": "📉"}, "missing required field 'title'"),
    ({**SEED, "emoji": "down"}, "expected emoji"),
    ({**SEED, "emoji": "📉📉📉📉"}, "at most 3 emoji"),
])
def test_mistakes_are_located_errors(tmp_path, spec, expected):
    assert_located_error(tmp_path, spec, expected)


def test_alt_text_reads_the_cover(tmp_path):
    alt = cards.get("cover").alt_text(card_of(tmp_path, SEED))
    assert alt.startswith("Project post-mortem · 3 months. I built a trading system that loses money.")
    assert "The hypothesis failed." in alt
