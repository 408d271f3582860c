"""The chart card: bar lengths measured in the scene, labels clear of bars, total, target, alt text."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gallery.measure import scene_band
from layout_checks import assert_inside, assert_no_overlap
from postimages.cards.chart import spec as chart
from postimages.color import GRAPHICS_CONTRAST, contrast
from postimages.errors import SpecError
from postimages.render import layout_card
from postimages.scene import Shape
from postimages.spec import PostSettings, load_card

HOURS = """\
kind: chart
title: Where 520 hours went
unit: h
bars:
  - {label: Development, value: 360}
  - {label: Testing, value: 80, color: good}
  - {label: Deployment, value: 40}
  - {label: Documentation, value: 40}
total: true
"""

NEGATIVE = """\
kind: chart
title: Net margin by quarter
unit: "%"
decimals: 1
sign: true
bars:
  - {label: Q1, value: -4.2, color: bad}
  - {label: Q2, value: -1.5}
  - {label: Q3, value: 0.8}
  - {label: Q4, value: 3.6, color: good}
target: {value: 2, label: plan}
"""

LONG_LABELS = "kind: chart\ntitle: Incident minutes\nunit: min\ntotal: true\nbars:\n" + "".join(
    f"  - {{label: {name} service and its workers, value: {value}}}\n"
    for name, value in zip(["Checkout", "Search", "Notify", "Identity", "Recommend", "Inventory", "Images",
                            "Reporting", "Admin", "Flags", "Wiki", "Status"],
                           [182, 144, 120, 96, 75, 64, 51, 40, 33, 20, 12, 4]))

SIZES = ["square", "portrait", "landscape", "1600x900"]


def card_of(tmp_path, text: str, size: str = "square", theme: str = "dark", vertical: bool = False):
    path = tmp_path / "card.yaml"
    direction = "direction: vertical\n" if vertical else ""
    path.write_text(text + direction + f"size: {size}\ntheme: {theme}\n", encoding="utf-8")
    return load_card(path, PostSettings(author="A. Author", handle="@author", footer="footer line"))


def bars_of(scene) -> list[Shape]:
    found = [s for s in scene.named("bars[") if s.name.endswith(".bar")]
    return sorted(found, key=lambda s: int(s.name[5:s.name.index("]")]))


def values_of(card) -> list[float]:
    return [bar["value"] for bar in card.fields["bars"]]


def lengths(scene, vertical: bool) -> list[float]:
    return [bar.box.h if vertical else bar.box.w for bar in bars_of(scene)]


PROPORTIONAL = [(HOURS, False), (HOURS, True), (NEGATIVE, False), (NEGATIVE, True), (LONG_LABELS, False)]


@pytest.mark.parametrize("text, vertical", PROPORTIONAL,
                         ids=["hours", "hours-vertical", "negative", "negative-vertical", "twelve"])
def test_bar_lengths_are_proportional_to_their_values(tmp_path, text, vertical):
    card = card_of(tmp_path, text, vertical=vertical)
    scene = layout_card(card)
    measured, values = lengths(scene, vertical), values_of(card)
    assert len(measured) == len(values)
    per_unit = [length / abs(value) for length, value in zip(measured, values)]
    assert max(per_unit) - min(per_unit) < 1e-6 * max(per_unit), per_unit
    assert max(measured) > 0.2 * (scene.content.h if vertical else scene.content.w)  # the longest bar is long


@pytest.mark.parametrize("vertical", [False, True], ids=["horizontal", "vertical"])
def test_negative_bars_grow_the_other_way_from_one_zero_line(tmp_path, vertical):
    card = card_of(tmp_path, NEGATIVE, vertical=vertical)
    scene = layout_card(card)
    zero = scene.named("zero line")
    assert len(zero) == 1
    at = zero[0].box.center_y if vertical else zero[0].box.center_x
    for bar, value in zip(bars_of(scene), values_of(card)):
        if vertical:  # up from the line, or down from it
            assert abs((bar.box.bottom if value > 0 else bar.box.y) - at) < 1e-6, bar.name
        else:  # right of the line, or left of it
            assert abs((bar.box.x if value > 0 else bar.box.right) - at) < 1e-6, bar.name


def test_a_chart_of_positive_values_draws_no_axis(tmp_path):
    assert not layout_card(card_of(tmp_path, HOURS)).named("zero line")


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text", [HOURS, NEGATIVE], ids=["hours", "negative"])
def test_labels_never_touch_a_bar_or_each_other(tmp_path, text, size, theme):
    for vertical in (False, True):
        scene = layout_card(card_of(tmp_path, text, size, theme, vertical))
        texts = [(t.field, t.box) for t in scene.texts() if t.field.startswith(("bars", "total", "target"))]
        bars = [(bar.name, bar.box) for bar in bars_of(scene)]
        assert_inside(texts + bars, scene.content)
        assert_no_overlap(texts + bars)
        lines = [(s.name, s.box) for s in scene.named("target.line")]
        assert_no_overlap([(f, b) for f, b in texts if f.endswith(".value")] + lines, shrink=0)


def test_twelve_bars_with_long_labels_render_on_square_and_portrait(tmp_path):
    for size in ("square", "portrait"):
        scene = layout_card(card_of(tmp_path, LONG_LABELS, size))
        labels = [t for t in scene.texts() if t.field.endswith(".label")]
        assert len(labels) == 12 and len(bars_of(scene)) == 12
        assert min(t.block.style.size for t in labels) >= 26 * scene.ctx.u - 0.01


def test_the_total_is_the_sum_and_the_largest_number(tmp_path):
    scene = layout_card(card_of(tmp_path, HOURS))
    total = [t for t in scene.texts() if t.field == "total"]
    assert [t.block.lines[0].text for t in total] == ["Total", "520 h"]
    values = [t for t in scene.texts() if t.field.endswith(".value")]
    assert total[1].block.style.size > max(t.block.style.size for t in values)
    assert [t.block.lines[0].text for t in values] == ["360 h", "80 h", "40 h", "40 h"]


def test_the_target_line_stands_at_its_value(tmp_path):
    card = card_of(tmp_path, HOURS + "target: {value: 100, label: planned}\n")
    scene = layout_card(card)
    bars = bars_of(scene)
    per_unit = bars[0].box.w / 360
    segments = [s for s in scene.named("target.line") if s.box.h > s.box.w]  # the line, not its swatch
    assert segments
    assert all(abs(s.box.center_x - (bars[0].box.x + 100 * per_unit)) < 1e-6 for s in segments)
    label = next(t for t in scene.texts() if t.field == "target.label")
    assert label.block.lines[0].text == "planned · 100 h"


def test_numbers_follow_the_metric_rules(tmp_path):
    scene = layout_card(card_of(tmp_path, NEGATIVE))
    values = [t.block.lines[0].text for t in scene.texts() if t.field.endswith(".value")]
    assert values == ["\u22124.2%", "\u22121.5%", "+0.8%", "+3.6%"]
    dollars = layout_card(card_of(tmp_path, 'kind: chart\nunit: "$"\nbars:\n  - {label: AWS, value: 30.50}\n'))
    assert [t.block.lines[0].text for t in dollars.texts() if t.field.endswith(".value")] == ["$30.50"]


def test_bars_read_as_graphics_in_every_theme(tmp_path):
    text = HOURS.replace("color: good", 'color: "#FFE9A0"')  # a pale brand colour
    for theme in ("dark", "light"):
        scene = layout_card(card_of(tmp_path, text, theme=theme))
        for bar in bars_of(scene):
            assert contrast(bar.fill, scene.ctx.theme.panel) >= GRAPHICS_CONTRAST, (theme, bar.name)


def test_one_bar_fills_the_card(tmp_path):
    for size in ("square", "portrait", "landscape"):
        scene = layout_card(card_of(tmp_path, "kind: chart\ntitle: Cloud bill\nunit: $\nbars:\n  - {label: AWS, value: 30}\n",
                                    size))
        assert scene_band(scene).height <= 0.25 * scene.size[1], size


def test_alt_text_gives_the_numbers(tmp_path):
    text = chart.alt_text(card_of(tmp_path, HOURS))
    for fragment in ("Development: 360 h", "Testing: 80 h", "Documentation: 40 h", "Total: 520 h"):
        assert fragment in text
    numbered = chart.alt_text(card_of(tmp_path, "kind: chart\nunit: h\nbars:\n  - {label: Bar number 1, value: 42}\n"))
    assert "Bar number 1: 42 h" in numbered
    assert "-4.2%" in chart.alt_text(card_of(tmp_path, NEGATIVE))


TARGET_AND_LONG_WORDS = """\
kind: chart
title: Probe
unit: h
bars:
  - {label: Testing deploy Alpha, value: 0.045}
  - {label: Q1 Documentation deploy, value: -0.049}
  - {label: x Documentation Build Ops, value: -0.036}
target: {value: 0.006, label: plan}
"""


def test_three_word_labels_stay_legible_on_a_square_with_room_to_spare(tmp_path):
    scene = layout_card(card_of(tmp_path, TARGET_AND_LONG_WORDS))
    assert scene.shrunk is None
    small = [(t.field, t.block.style.size) for t in scene.texts() if t.block.style.size < t.legible - 0.5]
    assert small == []


def test_the_target_words_are_never_smaller_than_the_smallest_label(tmp_path):
    text = LONG_LABELS + "target: {value: 100, label: plan}\n"
    for size in ("square", "portrait"):
        scene = layout_card(card_of(tmp_path, text, size))
        sizes = {t.field: t.block.style.size for t in scene.texts()}
        smallest_label = min(v for k, v in sizes.items() if k.endswith(".label") and k.startswith("bars"))
        assert sizes["target.label"] >= min(smallest_label, scene.ctx.px(34)) - 0.01, size
        assert sizes["target.label"] >= scene.ctx.min_text - 0.01, size


def test_a_chart_too_big_for_the_card_is_a_located_error(tmp_path):
    text = "kind: chart\ntotal: true\nbars:\n" + "".join(
        f"  - {{label: Service number {i} and all of its many workers, value: {i + 1}}}\n" for i in range(12))
    with pytest.raises(SpecError) as caught:
        layout_card(card_of(tmp_path, text, "landscape"))
    assert caught.value.line is not None and caught.value.field.startswith("bars")


@settings(max_examples=int(os.environ.get("POSTIMAGES_EXAMPLES", "40")), deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.one_of(st.integers(-5000, 5000), st.floats(-1000, 1000, allow_nan=False).map(
    lambda v: round(v, 2))), min_size=1, max_size=12), vertical=st.booleans(),
       target=st.one_of(st.none(), st.integers(-500, 500)))
def test_any_values_give_proportional_bars_and_labels_clear_of_them(tmp_path, values, vertical, target):
    bars = "".join(f"  - {{label: Item {i}, value: {value}}}\n" for i, value in enumerate(values))
    text = "kind: chart\ntitle: Random\ntotal: true\nbars:\n" + bars
    if target is not None:
        text += f"target: {{value: {target}, label: goal}}\n"
    try:
        scene = layout_card(card_of(tmp_path, text, vertical=vertical))
    except SpecError as error:  # too many for the room: a located refusal naming the bars
        assert error.field.startswith("bars") and error.line is not None
        return
    shown = {int(b.name[5:b.name.index("]")]): (b.box.h if vertical else b.box.w) for b in bars_of(scene)}
    ratios = [shown[i] / abs(v) for i, v in enumerate(values) if v and i in shown]
    assert not ratios or max(ratios) - min(ratios) <= 1e-6 * max(ratios)
    texts = [(t.field, t.box) for t in scene.texts() if t.field.startswith(("bars", "total", "target"))]
    assert_no_overlap(texts + [(b.name, b.box) for b in bars_of(scene)])
    assert_inside(texts, scene.content)


def test_a_label_with_a_word_too_long_to_stay_legible_is_the_field_the_warning_names(tmp_path):
    long_word = "Supercalifragilisticexpialidociouslylongerstillandlonger"
    text = f"kind: chart\nunit: h\nbars:\n  - {{label: Short, value: 4}}\n  - {{label: {long_word} word, value: -3}}\n"
    scene = layout_card(card_of(tmp_path, text))
    assert scene.shrunk is not None and scene.shrunk.field == "bars[1].label"
    assert "word" in scene.shrunk.hint
