"""The checklist card: columns of marked items, laid out at every size, and its alt text."""

from __future__ import annotations

import pytest

from gallery.measure import scene_band
from layout_checks import assert_inside, assert_no_overlap
from postimages.cards.checklist import spec as checklist
from postimages.color import GRAPHICS_CONTRAST, contrast
from postimages.errors import SpecError
from postimages.geometry import Box
from postimages.render import layout_card
from postimages.scene import Circle
from postimages.spec import PostSettings, load_card

SEED = """\
kind: checklist
title: What worked, what didn't
columns:
  - heading: What worked
    status: good
    items:
      - Clean architecture (separation of concerns)
      - Production deployment (zero-downtime)
      - API performance (<100ms achieved)
      - Model versioning (A/B testing ready)
      - Comprehensive testing (~60% coverage)
  - heading: What didn't
    status: bad
    items:
      - "Prediction accuracy: 38% vs 60% target"
      - "Hypothesis validation: built for 3 months before testing"
      - "Data quality: 20% bad extractions"
      - "Sample size: 42 alerts, not enough"
"""

TWO_ITEMS = "kind: checklist\ntitle: Before you launch\ncolumns:\n  - heading: Musts\n    items: [Write the rollback plan, Page a human]\n"

BOARD = "kind: checklist\ntitle: The whole board\ncolumns:\n" + "".join(
    f"  - heading: {heading}\n    status: {status}\n    items: [{', '.join(f'{heading} item {i}' for i in range(10))}]\n"
    for heading, status in (("Keep", "good"), ("Stop", "bad"), ("Try", "neutral")))

SIZES = ["square", "portrait", "landscape", "1600x900"]


def card_of(tmp_path, text: str, size: str = "square", theme: str = "dark"):
    path = tmp_path / "card.yaml"
    path.write_text(text + f"size: {size}\ntheme: {theme}\n", encoding="utf-8")
    return load_card(path, PostSettings(author="A. Author", handle="@author", footer="footer line"))


def items_of(scene):
    return [t for t in scene.texts() if ".items[" in t.field]


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("size", SIZES)
def test_every_text_is_inside_the_content_and_nothing_overlaps(tmp_path, size, theme):
    scene = layout_card(card_of(tmp_path, SEED, size, theme))
    own = [(t.field, t.box) for t in scene.texts() if t.field.startswith("columns")]
    assert len(items_of(scene)) == 9
    assert_inside(own, scene.content)
    assert_no_overlap(own)
    panels = [(s.name, s.box) for s in scene.named("columns[") if s.name.endswith(".panel")]
    assert len(panels) == 2
    assert_no_overlap(panels)
    for field, box in own:
        column = field.split(".")[0]
        assert dict(panels)[f"{column}.panel"].contains(box), f"{field} is outside its column's panel"


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_the_seed_checklist_stays_at_the_legible_size(tmp_path, size):
    scene = layout_card(card_of(tmp_path, SEED, size))
    u = scene.ctx.u
    assert scene.shrunk is None
    assert min(t.block.style.size for t in items_of(scene)) >= 34 * u - 0.01


def test_three_columns_of_ten_render_on_a_square_card_never_under_26_px(tmp_path):
    scene = layout_card(card_of(tmp_path, BOARD))
    items = items_of(scene)
    assert len(items) == 30
    assert min(t.block.style.size for t in items) >= 26 - 0.01
    assert_no_overlap([(t.field, t.box) for t in items])


SHORT_BOARD = "kind: checklist\ntitle: Thirty short items\ncolumns:\n" + "".join(
    f"  - heading: {heading}\n    status: {status}\n    items: [{', '.join(f'Item {i} done' for i in range(1, 11))}]\n"
    for heading, status in (("What worked", "good"), ("What didn't", "bad"), ("Unsure", "neutral")))


@pytest.mark.parametrize("size", ["landscape", "1600x900"])
def test_three_columns_of_ten_short_items_render_on_a_wide_card_with_a_warning(tmp_path, size):
    scene = layout_card(card_of(tmp_path, SHORT_BOARD, size))
    items = items_of(scene)
    assert len(items) == 30
    assert_inside([(t.field, t.box) for t in scene.texts()], Box(0, 0, *scene.size))
    assert_no_overlap([(t.field, t.box) for t in items])
    smallest = min(t.block.style.size for t in items)
    assert smallest >= scene.ctx.floor_text
    if smallest < scene.ctx.px(34) - 0.5:
        assert scene.shrunk is not None and scene.shrunk.field == "columns"


def test_a_short_list_grows_to_fill_the_card(tmp_path):
    for size in ("square", "portrait"):
        scene = layout_card(card_of(tmp_path, TWO_ITEMS, size))
        height = scene.size[1]
        assert scene_band(scene).height <= 0.25 * height, size
        assert min(t.block.style.size for t in items_of(scene)) >= 48 * scene.ctx.u  # little content, big type


def test_items_of_a_column_share_one_size_and_every_row_has_its_mark(tmp_path):
    scene = layout_card(card_of(tmp_path, SEED))
    assert len({t.block.style.size for t in items_of(scene)}) == 1
    marks = scene.named("columns[", Circle)
    assert len(marks) == 9
    for mark in marks:
        item = next(t for t in scene.texts() if t.field == mark.name.removesuffix(".mark"))
        first_line = item.box.y + item.block.line_advance / 2
        assert abs(mark.center[1] - first_line) < 1, "the mark sits on the item's first line"
        assert mark.box.right < item.box.x


def test_status_gives_the_marks_their_colour_and_they_read_on_the_panel(tmp_path):
    for theme in ("dark", "light"):
        scene = layout_card(card_of(tmp_path, SEED, theme=theme))
        t = scene.ctx.theme
        good = {m.fill for m in scene.named("columns[0].items", Circle)}
        bad = {m.fill for m in scene.named("columns[1].items", Circle)}
        assert len(good) == len(bad) == 1 and good != bad
        assert contrast(good.pop(), t.good) < 1.3 and contrast(bad.pop(), t.bad) < 1.3
        for mark in scene.named("columns[", Circle):
            assert contrast(mark.fill, t.panel) >= GRAPHICS_CONTRAST


def test_a_mark_of_ones_own_replaces_the_badges(tmp_path):
    text = TWO_ITEMS.replace("    items:", '    mark: "✅"\n    items:')
    scene = layout_card(card_of(tmp_path, text))
    assert not scene.named("columns[", Circle)
    marks = [t for t in scene.texts() if t.field == "columns[0].mark"]
    assert len(marks) == 2 and all(m.block.lines[0].text == "✅" for m in marks)


def test_alt_text_says_which_column_each_item_is_in(tmp_path):
    text = checklist.alt_text(card_of(tmp_path, SEED))
    worked, didnt = text.index("What worked, marked good, 5 items:"), text.index("What didn't, marked bad, 4 items:")
    assert worked < text.index("Clean architecture") < didnt < text.index("Sample size")


def test_a_checklist_too_long_for_the_card_is_a_located_error(tmp_path):
    long = "kind: checklist\ncolumns:\n" + ("  - items: [" + ", ".join(["'" + "word " * 30 + "'"] * 10) + "]\n") * 3
    with pytest.raises(SpecError) as caught:
        layout_card(card_of(tmp_path, long))
    assert caught.value.field == "columns" and caught.value.line is not None
    assert "more height" in str(caught.value)
