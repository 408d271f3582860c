"""The quote card: the statement large under an accent quote mark, who said it, and a
stamp in the colour of its status, at every size."""

from __future__ import annotations

import pytest

from postimages import cards
from postimages.cards.quote import layout as quote_layout
from postimages.cards.quote.layout import MARK_BEARING, MARK_INK_HEIGHT, MARK_INK_TOP, MARK_INK_WIDTH
from postimages.fitting import NoFit
from postimages.scene import Rule, Shape
from postimages.theme import DARK, LIGHT
from slide_checks import (EVERY_SIZE_AND_THEME, assert_located_error, assert_well_laid_out, card_of, largest_in,
                          one, scene_of)

SEED = {"kind": "quote", "kicker": "The hypothesis",
        "quote": "Companies with blockbuster earnings will experience upper circuit price movements.",
        "by": "What I set out to prove", "stamp": {"text": "REJECTED", "icon": "❌", "status": "fail"}}
LONG = {**SEED, "quote": "Companies with blockbuster quarterly earnings will experience upper circuit price movements "
                         "within two trading sessions, and a model trained on filings, news and order-book features "
                         "can predict which ones far better than chance, well before the market reacts."}
SHORT = {"kind": "quote", "quote": "Ship it.", "by": "Everyone"}


@EVERY_SIZE_AND_THEME
def test_the_seed_quote_is_the_largest_text_at_every_size(tmp_path, size, theme):
    scene = scene_of(tmp_path, {**SEED, "size": size, "theme": theme})
    assert_well_laid_out(scene)
    assert largest_in(scene, "quote", ("by", "stamp", "kicker", "author")) >= (48 if scene.ctx.compact else 60)


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_a_short_quote_grows_and_a_long_one_stays_legible(tmp_path, size):
    short, long = scene_of(tmp_path, {**SHORT, "size": size}), scene_of(tmp_path, {**LONG, "size": size})
    assert one(short, "quote").block.style.size > 2 * one(long, "quote").block.style.size
    assert one(long, "quote").block.style.size >= 40 * short.size[0] / 1200
    assert long.shrunk is None
    assert_well_laid_out(long)
    # Two words, set as large as the quote is set (LARGEST): the most room there is to fill.
    assert_well_laid_out(short, band_limit=0.28)


def test_the_quote_mark_opens_the_statement_in_the_accent(tmp_path):
    scene = scene_of(tmp_path, SEED)
    mark, quote = one(scene, "quote.mark"), one(scene, "quote")
    assert mark.block.lines[0].text == "“" and mark.block.style.color == DARK.accent
    size = mark.block.style.size
    ink_left, ink_top = mark.box.x + MARK_BEARING * size, mark.box.y + MARK_INK_TOP * size
    assert abs(ink_left - scene.content.x) < 0.01  # the ink on the margin, hanging left of the statement
    assert ink_left + MARK_INK_WIDTH * size < quote.box.x
    assert quote.box.y < ink_top < quote.box.y + quote.block.line_advance / 2  # at the first line's capitals
    assert ink_top + MARK_INK_HEIGHT * size < quote.box.y + quote.block.line_advance
    assert mark.block.style.size > quote.block.style.size


FEW_WORDS = {"kind": "quote", "quote": "Small releases make small mistakes.", "stamp": {"text": "Rule one"}}


def test_on_a_tall_card_a_short_quote_has_the_mark_above_it_and_the_whole_width(tmp_path, monkeypatch):
    scene = scene_of(tmp_path, {**FEW_WORDS, "size": "portrait"})
    mark, quote, content = one(scene, "quote.mark"), one(scene, "quote"), scene.content
    size = mark.block.style.size
    assert abs(mark.box.x + MARK_BEARING * size - content.x) < 0.01  # the ink on the margin
    assert mark.box.h == pytest.approx(MARK_INK_HEIGHT * size)  # the box is the ink: nothing under it
    assert mark.box.bottom + 0.3 * quote.block.style.size < quote.box.y + quote.block.line_advance / 3
    assert (quote.placed.box.x, quote.placed.box.w) == (content.x, content.w)
    assert mark.block.style.size > quote.block.style.size
    assert_well_laid_out(scene)
    # The mark above sets the statement larger than the mark beside would.
    def beside_only(*args):
        raise NoFit("quote", "the mark beside only")

    monkeypatch.setattr(quote_layout, "_compose_above", beside_only)
    beside = scene_of(tmp_path, {**FEW_WORDS, "size": "portrait"})
    assert quote.block.style.size >= 1.1 * one(beside, "quote").block.style.size
    assert one(beside, "quote").box.x > content.x + MARK_INK_WIDTH * size


def test_on_a_square_card_the_mark_hangs_beside_the_statement(tmp_path):
    scene = scene_of(tmp_path, {**FEW_WORDS, "size": "square"})
    mark, quote = one(scene, "quote.mark"), one(scene, "quote")
    assert quote.box.x > mark.box.x + MARK_INK_WIDTH * mark.block.style.size
    assert mark.box.y < quote.box.y + quote.block.line_advance / 2


def test_quote_marks_typed_around_the_statement_are_not_doubled(tmp_path):
    scene = scene_of(tmp_path, {**SHORT, "quote": "“Ship it.”"})
    assert "".join(line.text for line in one(scene, "quote").block.lines) == "Ship it."


def test_attribution_and_stamp_share_a_row_under_the_quote(tmp_path):
    scene = scene_of(tmp_path, SEED)
    by, stamp, quote = one(scene, "by"), scene.named("stamp.border", Shape)[0], one(scene, "quote")
    assert by.box.y > quote.box.bottom and stamp.box.y > quote.box.bottom
    assert abs(by.box.center_y - stamp.box.center_y) < 4
    assert abs(stamp.box.right - scene.content.right) < 1
    rule = scene.named("by.rule", Rule)[0]
    assert rule.end[0] < by.box.x


@pytest.mark.parametrize("status, role", [("fail", "bad"), ("pass", "good"), ("neutral", "accent"), (None, "accent")])
@pytest.mark.parametrize("theme", [DARK, LIGHT], ids=["dark", "light"])
def test_the_stamp_takes_its_status_colour(tmp_path, status, role, theme):
    stamp = {"text": "VERDICT"} if status is None else {"text": "VERDICT", "status": status}
    scene = scene_of(tmp_path, {**SEED, "stamp": stamp, "theme": theme.name})
    assert scene.named("stamp.border", Shape)[0].outline == getattr(theme, role)
    assert_well_laid_out(scene)


def test_an_unknown_status_is_a_located_error(tmp_path):
    assert_located_error(tmp_path, {**SEED, "stamp": {"text": "NO", "status": "maybe"}},
                         "stamp.status: expected one of pass, fail, neutral, got 'maybe'")


def test_alt_text_quotes_the_statement(tmp_path):
    alt = cards.get("quote").alt_text(card_of(tmp_path, SEED))
    assert alt == ("Quote: “Companies with blockbuster earnings will experience upper circuit price movements.” "
                   "— What I set out to prove. Stamped REJECTED.")
