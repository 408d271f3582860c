"""The results card: number formatting, targets, verdict, layout at every size."""

import pytest

from layout_checks import assert_inside, assert_no_overlap
from postimages.plan import Options, load_job, plan
from postimages.cards import stats
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


def _all_boxes(laid):
    return laid.frame.text_boxes() + laid.content.text_boxes()


@pytest.mark.parametrize("size", list(SIZES.values()) + [(1600, 900), (900, 1600)], ids=str)
def test_every_box_is_inside_the_margins_and_nothing_overlaps(size):
    laid = layout_card(the_results_card(size))
    ctx = laid.ctx
    inner = Box(ctx.margin_x, ctx.margin_y, size[0] - 2 * ctx.margin_x, size[1] - 2 * ctx.margin_y)
    panels = [(f"panel{i}", p) for i, p in enumerate(laid.content.panels())]
    assert_inside(_all_boxes(laid) + panels, inner)
    assert_no_overlap(panels)
    assert_no_overlap(laid.frame.text_boxes() + [(f"panel{i}", p) for i, p in enumerate(laid.content.panels())])
    for name, box in laid.content.text_boxes():
        assert any(p.contains(box) for _, p in panels), f"{name} is not inside its panel"


def test_the_verdict_is_the_biggest_text_on_the_square_card():
    laid = layout_card(the_results_card())
    verdict_size = laid.content.verdict.text.block.style.size
    assert verdict_size >= 120
    assert all(row.value.block.style.size < verdict_size for row in laid.content.rows)
    assert all(row.value.block.style.size >= 120 for row in laid.content.rows)  # the look: key numbers 120 px+


def test_many_metrics_fall_back_to_tiles(tmp_path):
    metrics = "".join(f"  - label: Metric {i}\n    value: {i}.5\n    target: '> 3'\n" for i in range(6))
    path = tmp_path / "many.yaml"
    path.write_text(f"kind: stats\ntitle: Six numbers\nmetrics:\n{metrics}verdict: {{text: MIXED}}\n")
    laid = layout_card(load_card(path, load_post_settings(tmp_path)))
    boxes = laid.content.text_boxes()
    assert_no_overlap([(n, b) for n, b in boxes if not n.endswith("pill")])
    assert len(laid.content.rows) == 6


def test_a_label_too_long_for_the_card_is_a_located_error(tmp_path):
    from postimages.errors import SpecError

    path = tmp_path / "long.yaml"
    path.write_text("kind: stats\nmetrics:\n  - label: " + "very long label " * 3 + "\n    value: 1\n"
                    "    target: '> 0'\n  - {label: b, value: 2}\n  - {label: c, value: 3}\n"
                    "  - {label: d, value: 4}\n  - {label: e, value: 5}\n  - {label: f, value: 6}\n"
                    "verdict: {text: OK, detail: " + "x" * 100 + "}\n")
    with pytest.raises(SpecError) as caught:
        layout_card(load_card(path, load_post_settings(tmp_path)), 1.0)
    error = caught.value
    assert (error.field, error.line, error.column) == ("metrics[0].label", 3, 12)
    assert "shorten it by about" in error.hint
