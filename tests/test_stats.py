"""The results card: number formatting, targets, verdict, layout at every size."""

import pytest

from layout_checks import assert_inside, assert_no_overlap
from postimages.plan import Options, load_job, plan
from postimages.cards.stats import spec as stats
from postimages.geometry import Box
from postimages.render import layout_card
from postimages.spec import SIZES, load_card, load_post_settings

from conftest import ROOT


def the_results_card(size=None):
    jobs, _ = plan([ROOT / "specs" / "01-validation.yaml"])
    return load_job(jobs[0], Options(size=size))


@pytest.mark.parametrize(
    "value, decimals, sign, expected",
    [(38.1, 1, False, "38.1"), (-0.01, 2, True, "\u22120.01"), (3.2, 2, True, "+3.20"),
     (42, 0, False, "42"), (-0.001, 2, False, "0.00"), (12345.6, 1, False, "12,345.6")],
)
def test_numbers_are_formatted_with_a_real_minus(value, decimals, sign, expected):
    assert stats.format_number(value, decimals, sign) == expected


def test_decimals_default_to_what_the_user_typed():
    assert stats.typed_decimals("38.10") == 2
    assert stats.typed_decimals("42") == 0


@pytest.mark.parametrize(
    "text, value, met",
    [("> 60", 38.1, False), ("> 60", 61, True), (">= 60", 60, True), ("< 5", 4, True),
     ("<= 5", 5.1, False), ("2..5", 3, True), ("2..5", 5.5, False), ("> -1", -0.01, True)],
)
def test_targets(text, value, met):
    assert stats.parse_target(text).met(value) is met


@pytest.mark.parametrize("text", ["60", "about 60", "5..2", "=> 3", ""])
def test_malformed_targets_are_rejected(text):
    with pytest.raises(ValueError):
        stats.parse_target(text)


def test_the_post_metrics_miss_their_targets_and_the_verdict_fails():
    card = the_results_card()
    metrics = stats.metrics_of(card)
    assert [m.value_text for m in metrics] == ["42", "38.1%", "\u22120.01%"]
    assert [m.status for m in metrics] == ["neutral", "fail", "fail"]
    assert [m.target_text for m in metrics] == [None, "> 60%", "> 3%"]
    assert stats.verdict_status(card, metrics) == "fail"


def test_alt_text_states_each_metric_its_target_and_the_verdict():
    text = stats.alt_text(the_results_card())
    for fragment in ("42 alerts", "38.1%", "> 60%", "missed", "-0.01%", "> 3%", "NO EDGE"):
        assert fragment in text


FRAME_FIELDS = ("kicker", "title", "subtitle", "author", "footer", "page_numbers")


def _frame_boxes(laid):
    return [(name, box) for name, box in laid.text_boxes() if name in FRAME_FIELDS]


def _content_boxes(laid):
    return [(name, box) for name, box in laid.text_boxes() if name not in FRAME_FIELDS]


def _panels(laid):
    return [(shape.name, shape.box) for shape in laid.named("") if shape.name.endswith(".panel")]


def _size_of(laid, field):
    return next(t.block.style.size for t in laid.texts() if t.field == field)


@pytest.mark.parametrize("size", list(SIZES.values()) + [(1600, 900), (900, 1600)], ids=str)
def test_every_box_is_inside_the_margins_and_nothing_overlaps(size):
    laid = layout_card(the_results_card(size))
    ctx = laid.ctx
    inner = Box(ctx.margin_x, ctx.margin_y, size[0] - 2 * ctx.margin_x, size[1] - 2 * ctx.margin_y)
    panels = _panels(laid)
    assert len(panels) == 4
    assert_inside(laid.text_boxes() + panels, inner)
    assert_no_overlap(panels)
    assert_no_overlap(_frame_boxes(laid) + panels)
    for name, box in _content_boxes(laid):
        assert any(p.contains(box) for _, p in panels), f"{name} is not inside its panel"


def test_the_verdict_is_the_biggest_text_on_the_square_card():
    laid = layout_card(the_results_card())
    verdict_size = _size_of(laid, "verdict.text")
    values = [_size_of(laid, f"metrics[{i}].value") for i in range(3)]
    assert verdict_size >= 120
    assert all(size < verdict_size for size in values)
    assert all(size >= 120 for size in values)  # the look: key numbers 120 px+


def test_many_metrics_fall_back_to_tiles(tmp_path):
    metrics = "".join(f"  - label: Metric {i}\n    value: {i}.5\n    target: '> 3'\n" for i in range(6))
    path = tmp_path / "many.yaml"
    path.write_text(f"kind: stats\ntitle: Six numbers\nmetrics:\n{metrics}verdict: {{text: MIXED}}\n")
    laid = layout_card(load_card(path, load_post_settings(tmp_path)))
    assert_no_overlap(_content_boxes(laid))
    assert len(_panels(laid)) == 7  # the verdict and six tiles


def test_a_long_label_in_a_tile_takes_two_lines(tmp_path):
    path = tmp_path / "long.yaml"
    label = ("very long label " * 3).strip()
    path.write_text("kind: stats\nmetrics:\n  - label: " + label + "\n    value: 1\n"
                    "    target: '> 0'\n  - {label: b, value: 2}\n  - {label: c, value: 3}\n"
                    "  - {label: d, value: 4}\n  - {label: e, value: 5}\n  - {label: f, value: 6}\n"
                    "verdict: {text: OK, detail: " + "x" * 100 + "}\n")
    laid = layout_card(load_card(path, load_post_settings(tmp_path)), 1.0)
    [shown] = [t for t in laid.texts() if t.field == "metrics[0].label"]
    assert len(shown.block.lines) == 2 and " ".join(l.text for l in shown.block.lines) == label


def _card(tmp_path, metrics: str, verdict: str = "{text: DONE}"):
    path = tmp_path / "card.yaml"
    path.write_text(f"kind: stats\ntitle: Numbers\nmetrics:\n{metrics}verdict: {verdict}\n", encoding="utf-8")
    return load_card(path, load_post_settings(tmp_path))


@pytest.mark.parametrize("values, expected", [
    ((70, 80), "pass"), ((10, 20), "fail"), ((70, 20), "neutral"),
], ids=["all met", "all missed", "mixed"])
def test_a_derived_verdict_is_neutral_when_targets_are_mixed(tmp_path, values, expected):
    metrics = "".join(f"  - {{label: M{i}, value: {v}, target: '> 60'}}\n" for i, v in enumerate(values))
    card = _card(tmp_path, metrics)
    assert stats.verdict_status(card, stats.metrics_of(card)) == expected


def test_a_verdict_status_typed_in_the_spec_wins(tmp_path):
    card = _card(tmp_path, "  - {label: M, value: 70, target: '> 60'}\n", "{text: MEH, status: fail}")
    assert stats.verdict_status(card, stats.metrics_of(card)) == "fail"


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_a_mixed_verdict_is_neither_red_nor_green_and_reads_on_its_panel(tmp_path, theme):
    from postimages.check import texts_of
    from postimages.color import contrast

    metrics = "  - {label: A, value: 70, target: '> 60'}\n  - {label: B, value: 20, target: '> 60'}\n"
    (tmp_path / "post.yaml").write_text(f"theme: {theme}\n")
    card = _card(tmp_path, metrics, "{text: SHIP IT (with guardrails), detail: two of two}")
    scene = layout_card(card)
    verdict = [t for t in texts_of(scene) if t.field in ("verdict.label", "verdict.text")]
    assert len(verdict) == 2
    for text in verdict:
        assert text.color not in (card.theme.bad, card.theme.good)
        assert min(contrast(text.color, behind) for behind in text.behind) >= 4.5, text


@pytest.mark.parametrize("metric, shown, target", [
    ("{label: Cost, value: 0.031, unit: $}", "$0.031", None),
    ("{label: Loss, value: -0.03, unit: $, decimals: 2, target: '> 3'}", "\u2212$0.03", "> $3"),
    ("{label: Price, value: 1250, unit: ₹, target: '1000..2000'}", "₹1250", "₹1000–₹2000"),
    ("{label: Gain, value: 3.2, unit: '%', sign: true}", "+3.2%", None),
    ("{label: Latency, value: 95, unit: ms, target: '< 100'}", "95", "< 100 ms"),
])
def test_a_currency_symbol_goes_before_the_number_and_units_keep_their_case(tmp_path, metric, shown, target):
    card = _card(tmp_path, f"  - {metric}\n")
    metric, = stats.metrics_of(card)
    assert metric.value_text == shown
    assert metric.target_text == target
    assert metric.word_unit in ("", "ms")


def test_verdict_label_replaces_the_small_verdict_line(tmp_path):
    scene = layout_card(_card(tmp_path, "  - {label: M, value: 1}\n", "{text: GO, label: Decision}"))
    label = next(t for t in scene.texts() if t.field == "verdict.label")
    assert label.block.lines[0].text == "DECISION"


def test_a_target_groups_thousands_as_its_value_does(tmp_path):
    metric, = stats.metrics_of(_card(tmp_path, "  - {label: T, value: 12500, unit: req/s, target: '>= 10000'}\n"))
    assert (metric.value_text, metric.target_text) == ("12,500", "≥ 10,000 req/s")


# Landscape holds a verdict and at most three metrics today (four or more are a located error).
LAID_OUT = [(size, count) for size in ("square", "portrait", "landscape") for count in range(1, 7)
            if size != "landscape" or count <= 3]


@pytest.mark.parametrize("size, count", LAID_OUT)
def test_the_verdict_is_larger_than_every_number_and_no_grid_cell_is_empty(tmp_path, count, size):
    metrics = "".join(f"  - {{label: Metric {i}, value: {i}5.5, target: '> 3'}}\n" for i in range(count))
    (tmp_path / "post.yaml").write_text(f"size: {size}\n")
    scene = layout_card(_card(tmp_path, metrics, "{text: OK}"))
    verdict = _size_of(scene, "verdict.text")
    assert all(_size_of(scene, f"metrics[{i}].value") < verdict for i in range(count))
    panels = [shape.box for shape in scene.named("metrics") if shape.name.endswith(".panel")]
    content = scene.content
    for row_y in {round(box.y) for box in panels}:
        row = [box for box in panels if round(box.y) == row_y]
        assert abs(min(b.x for b in row) - content.x) < 1 and abs(max(b.right for b in row) - content.right) < 1


# --- bars: true -------------------------------------------------------------

BARS = """\
kind: stats
title: Against the targets
metrics:
  - {label: Win rate, value: 38.1, unit: "%", target: "> 60", bars: true}
  - {label: p99, value: 182, unit: ms, target: "< 250", bars: true}
  - {label: CPU, value: 64, unit: "%", target: "40..70", bars: true}
  - {label: Sample, value: 42, unit: alerts}
"""


def _bars_card(tmp_path, text=BARS, size="square"):
    path = tmp_path / "bars.yaml"
    path.write_text(text + f"size: {size}\n", encoding="utf-8")
    return load_card(path, load_post_settings(tmp_path))


@pytest.mark.parametrize("size", ["square", "portrait", "landscape"])
def test_a_bar_shows_where_the_value_stands_against_its_target(tmp_path, size):
    laid = layout_card(_bars_card(tmp_path, size=size))
    for i, (value, bound) in enumerate([(38.1, 60), (182, 250)]):
        track = laid.named(f"metrics[{i}].track")[0].box
        bar = laid.named(f"metrics[{i}].bar")[0].box
        tick = laid.named(f"metrics[{i}].target mark")[0].box
        assert bar.x == track.x and track.contains(bar)
        # value and bound on one scale from zero: their positions along the track keep their ratio
        assert (bar.w / track.w) / ((tick.center_x - track.x) / track.w) == pytest.approx(value / bound)
    marks = laid.named("metrics[2].target mark")
    track = laid.named("metrics[2].track")[0].box
    bracket = max(marks, key=lambda mark: mark.box.w).box
    low, high = sorted(mark.box.center_x for mark in marks if mark.box.h > mark.box.w)
    assert (high - track.x) / (low - track.x) == pytest.approx(70 / 40)
    assert bracket.x <= low and bracket.right >= high  # one bracket joins the range's bounds
    assert not laid.named("metrics[3].track")  # no bar asked for
    missed = laid.named("metrics[0].bar")[0]
    assert missed.fill != laid.named("metrics[1].bar")[0].fill  # missed and met differ in colour
    assert_no_overlap(_content_boxes(laid) + [(s.name, s.box) for s in laid.named("metrics[") if s.name.endswith(".track")])


def test_a_bar_without_a_target_is_a_located_error(tmp_path):
    from postimages.errors import SpecErrors

    with pytest.raises(SpecErrors) as caught:
        _bars_card(tmp_path, "kind: stats\nmetrics:\n  - {label: Sample, value: 42, bars: true}\n")
    (error,) = caught.value.errors
    assert error.field == "metrics[0].bars" and error.line == 3 and "target" in error.hint


FOUR_BARS = """\
kind: stats
title: Validation results
metrics:
  - {label: Prediction accuracy, value: 38.1, unit: "%", target: "> 60", bars: true}
  - {label: Sharpe ratio, value: -0.41, target: "> 1.0", bars: true}
  - {label: p95 latency, value: 42, unit: ms, target: "< 100", bars: true}
  - {label: Alerts a day, value: 7, target: "2..5", bars: true}
verdict: {text: Hypothesis rejected, icon: "❌"}
"""


@pytest.mark.parametrize("size", ["square", "portrait", "landscape", "1600x900"])
def test_four_metrics_with_bars_and_a_verdict_render_at_every_size(tmp_path, size):
    laid = layout_card(_bars_card(tmp_path, FOUR_BARS, size))
    tracks = [s for s in laid.named("metrics[") if s.name.endswith(".track")]
    assert len(tracks) == 4
    assert_no_overlap(_content_boxes(laid) + [(s.name, s.box) for s in tracks])
    for i, track in enumerate(tracks):
        assert laid.named(f"metrics[{i}].panel")[0].box.contains(track.box)


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_the_bars_of_every_metric_are_one_length(tmp_path, size):
    laid = layout_card(_bars_card(tmp_path, FOUR_BARS, size))
    widths = {round(s.box.w, 3) for s in laid.named("metrics[") if s.name.endswith(".track")}
    assert len(widths) == 1


def test_every_target_mark_is_drawn_solid(tmp_path):
    laid = layout_card(_bars_card(tmp_path, FOUR_BARS, "portrait"))
    marks = [s for s in laid.named("metrics[") if s.name.endswith(".target mark")]
    assert len(marks) == 3 + 3  # a tick each, and two ticks and a bracket for the range
    assert all(mark.opacity == 1.0 and mark.meaning for mark in marks)
