"""The architecture card: computed layouts at every size, and clean errors past the limits."""

from __future__ import annotations

import re

import pytest
import yaml

from layout_checks import assert_inside, assert_no_overlap
from postimages.cards.architecture import spec as architecture
from postimages.cards.architecture.colors import layer_colors
from postimages.errors import SpecError, SpecErrors
from postimages.geometry import Box
from postimages.render import layout_card, render_card
from postimages.scene import Arrow
from postimages.spec import PostSettings, load_card, parse_size
from postimages.color import contrast
from postimages.theme import DARK, LIGHT

from conftest import ROOT

POST = PostSettings(author="Your Name", handle="@yourhandle", footer="Full post-mortem + code: link in comments")
SIZES = ["square", "portrait", "landscape"]
LONG_NAME = "Data collection, cleaning and validation of every quarterly filing from both the exchanges"


def make_card(tmp_path, layers, size="square", **fields):
    data = {"kind": "architecture", "kicker": "System architecture", "title": "What I built in 3 months",
            "layers": layers, **fields}
    path = tmp_path / "arch.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    card = load_card(path, POST, parse_size(size))
    card.page, card.pages = 2, 4  # a page pill in the footer, as in a real post
    return card


def stack(layer_count, item_count, name=lambda i: f"Layer {i + 1}"):
    return [{"name": name(i), "items": [f"Item {j + 1}" for j in range(item_count)]} for i in range(layer_count)]


FRAME_FIELDS = ("kicker", "title", "subtitle", "author", "footer", "page_numbers")


def panels_of(laid_out):
    """The layers' panels in order, as (name, box)."""
    return [(shape.name, shape.box) for shape in laid_out.named("layers") if shape.name.endswith(".panel")]


def text_of(laid_out, field):
    return next(t for t in laid_out.texts() if t.field == field)


def item_texts(laid_out, index):
    """The texts of one layer's items, in order."""
    return [t for t in laid_out.texts() if t.field.startswith(f"layers[{index}].items")]


def shape_boxes(laid_out, prefix):
    return [(shape.name, shape.box) for shape in laid_out.named(prefix)]


def arrows_of(laid_out):
    return laid_out.named("arrow", Arrow)


def direction_of(laid_out):
    """"down" when the panels stack, "right" when they stand side by side."""
    boxes = [box for _, box in panels_of(laid_out)]
    if all(b.y > a.bottom for a, b in zip(boxes, boxes[1:])):
        return "down"
    assert all(b.x > a.right for a, b in zip(boxes, boxes[1:])), boxes
    return "right"


def diagram_boxes(laid_out):
    """Every box of the diagram that must stay clear of the others: each layer's
    number and name, its tag and chips (their text is inside them), the arrows."""
    texts = [(name, box) for name, box in laid_out.text_boxes("layers")
             if re.fullmatch(r"layers\[\d+\](\.name)?", name)]
    tags_and_chips = [(n, b) for n, b in shape_boxes(laid_out, "layers") if re.search(r"\.(tag|chip\[\d+\])$", n)]
    return texts + tags_and_chips + shape_boxes(laid_out, "arrow")


def named_boxes(laid_out):
    """Every box on the card that must stay clear of the others: frame text, card text, arrows."""
    frame = [(name, box) for name, box in laid_out.text_boxes() if name in FRAME_FIELDS]
    return frame + diagram_boxes(laid_out)


def check_layout(laid_out, layer_count):
    content = laid_out.content
    ctx = laid_out.ctx
    margins = Box(ctx.margin_x, ctx.margin_y, ctx.size[0] - 2 * ctx.margin_x, ctx.size[1] - 2 * ctx.margin_y)

    panels = panels_of(laid_out)
    assert [name for name, _ in panels] == [f"layers[{i}].panel" for i in range(layer_count)]
    assert_inside(panels + laid_out.text_boxes("layers") + shape_boxes(laid_out, "layers")
                  + shape_boxes(laid_out, "arrow"), content)
    assert_inside(named_boxes(laid_out), margins)
    assert_no_overlap(named_boxes(laid_out))
    assert_no_overlap(panels + shape_boxes(laid_out, "arrow"))

    for i, (_, panel) in enumerate(panels):
        field = f"layers[{i}]"
        inside_panel = shape_boxes(laid_out, f"{field}.badge") + laid_out.text_boxes(f"{field}.name")
        inside_panel += shape_boxes(laid_out, f"{field}.chip") + shape_boxes(laid_out, f"{field}.tag")
        assert_inside(inside_panel, panel)
        chips = [box for _, box in shape_boxes(laid_out, f"{field}.chip")]
        items = [box for _, box in laid_out.text_boxes(f"{field}.items")]
        assert len(chips) == len(items)
        for chip, item in zip(chips, items):
            assert chip.contains(item)

    check_arrows(laid_out)
    names_and_items = re.compile(r"layers\[\d+\]\.(name|items\[\d+\])")
    sizes = [t.block.style.size for t in laid_out.texts() if names_and_items.fullmatch(t.field)]
    shrunk = [laid_out.shrunk] if laid_out.shrunk else []
    if shrunk:  # under the legible size only with a record of why, down to the hard floor
        assert min(sizes) < ctx.min_text and min(sizes) >= ctx.floor_text - 1e-6
        assert shrunk[0].field.startswith("layers[") and shrunk[0].hint
    else:
        assert min(sizes) >= ctx.min_text - 1e-6


def check_arrows(laid_out):
    """One arrow per consecutive pair, leaving one panel's edge and pointing at the next one's."""
    panels = [box for _, box in panels_of(laid_out)]
    arrows = arrows_of(laid_out)
    assert [a.name for a in arrows] == [f"arrow {i}->{i + 1}" for i in range(len(panels) - 1)]
    direction = direction_of(laid_out)
    for i, arrow in enumerate(arrows):
        source, target = panels[i], panels[i + 1]
        assert arrow.meaning  # held to 3:1 by check
        (x0, y0), (x1, y1) = arrow.start, arrow.end
        if direction == "down":
            assert x0 == x1
            assert source.x < x0 < source.right and target.x < x1 < target.right
            assert source.bottom < y0 < y1 < target.y
            assert y0 - source.bottom < 12 and target.y - y1 < 12
        else:
            assert y0 == y1
            assert source.y < y0 < source.bottom and target.y < y1 < target.bottom
            assert source.right < x0 < x1 < target.x
            assert x0 - source.right < 12 and target.x - x1 < 12
        assert y1 - y0 >= 12 or x1 - x0 >= 12, "an arrow too short to read"


# 8 layers of 8 chips (64 chips), or 40 chips on a 1200x627 card, cannot be drawn with
# text at the 26 px legible size: they render smaller, with a record of what to cut.
# 64 chips on a 1200x627 card do not fit even at the hard floor: that fails cleanly.
UNDER_LEGIBLE = {("square", 8, 8), ("portrait", 8, 8), ("landscape", 5, 8)}
TOO_DENSE = {("landscape", 8, 8)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("layer_count", [2, 5, 8])
@pytest.mark.parametrize("item_count", [0, 8])
def test_layout_fits_inside_without_overlap(tmp_path, size, layer_count, item_count):
    card = make_card(tmp_path, stack(layer_count, item_count), size)
    if (size, layer_count, item_count) in TOO_DENSE:
        with pytest.raises(SpecError) as error:
            layout_card(card)
        assert error.value.field.startswith("layers[")
        assert error.value.line is not None
        assert "more height" in error.value.message and "taller size" in error.value.hint
        return
    laid_out = layout_card(card)
    check_layout(laid_out, layer_count)
    assert (laid_out.shrunk is not None) == ((size, layer_count, item_count) in UNDER_LEGIBLE)
    assert direction_of(laid_out) == ("right" if size == "landscape" else "down")
    shown = [[t.block.lines[0].text for t in item_texts(laid_out, i)] for i in range(layer_count)]
    assert shown == [[f"Item {j + 1}" for j in range(item_count)]] * layer_count


@pytest.mark.parametrize("size", ["square", "portrait"])
def test_the_post_spec_lays_out_with_every_item(size):
    from postimages.plan import Options, load_job, plan

    job = next(j for j in plan([ROOT / "specs"])[0] if j.spec.stem == "02-architecture")
    card = load_job(job, Options(size=parse_size(size)))
    laid_out = layout_card(card)
    check_layout(laid_out, 5)
    assert text_of(laid_out, "layers[0].name").block.lines[0].text == "Data Collection"
    assert text_of(laid_out, "layers[0].tag").block.lines[0].text == "127 agents"  # as typed
    assert len(laid_out.named("layers[0].tag")) == 1
    chips = [shape for i in range(5) for shape in laid_out.named(f"layers[{i}].chip")]
    assert len(chips) == sum(len(l["items"]) for l in card.fields["layers"])


def test_post_spec_renders_at_landscape_as_a_pipeline_with_a_warning_that_says_what_to_cut(repo_root):
    from postimages.legibility import render_warning
    from postimages.plan import Options, load_job, plan

    job = next(j for j in plan([repo_root / "specs"])[0] if j.spec.stem == "02-architecture")
    card = load_job(job, Options(size=parse_size("landscape")))
    laid_out = layout_card(card)
    check_layout(laid_out, 5)
    assert direction_of(laid_out) == "right"
    warning = render_warning(card, laid_out)
    assert warning.field.startswith("layers[") and warning.line is not None
    assert "1200x627" in warning.message and "under the look's 26 px" in warning.message
    assert "portrait" in warning.hint


def test_long_name_and_eight_items_each_render_at_portrait_uncut(tmp_path):
    assert len(LONG_NAME) == 90
    layers = [{"name": LONG_NAME if i == 1 else f"Layer {i + 1}", "tag": "127 agents",
               "items": [f"Component {j + 1}" for j in range(8)]} for i in range(3)]
    card = make_card(tmp_path, layers, "portrait")
    laid_out = layout_card(card)
    check_layout(laid_out, 3)
    name = text_of(laid_out, "layers[1].name").block
    assert " ".join(line.text for line in name.lines) == LONG_NAME
    for i in range(3):
        assert [" ".join(l.text for l in t.block.lines) for t in item_texts(laid_out, i)] == \
            [f"Component {j + 1}" for j in range(8)]
    assert render_card(card).size == (1080, 1350)


def test_thirty_layers_is_a_clean_spec_error(tmp_path):
    with pytest.raises(SpecErrors) as error:
        make_card(tmp_path, stack(30, 1))
    [problem] = error.value.errors
    assert problem.field == "layers"
    assert "30 entries; at most 8" in problem.message
    assert "remove 22" in problem.hint


def test_nine_items_is_a_clean_spec_error(tmp_path):
    layers = stack(2, 2)
    layers[1]["items"] = [f"Item {j}" for j in range(9)]
    with pytest.raises(SpecErrors) as error:
        make_card(tmp_path, layers)
    assert [e.field for e in error.value.errors] == ["layers[1].items"]


def test_one_layer_is_a_clean_spec_error(tmp_path):
    with pytest.raises(SpecErrors) as error:
        make_card(tmp_path, stack(1, 2))
    assert "at least 2" in error.value.errors[0].message


def test_long_item_renders_smaller_with_a_warning_that_says_how_much_to_cut(tmp_path):
    from postimages.legibility import render_warning

    layers = stack(3, 3)
    layers[1]["items"][2] = ("Scrapes every quarterly filing " * 6).strip()  # 185 characters: 3 lines at 26 px
    card = make_card(tmp_path, layers)
    laid_out = layout_card(card)
    check_layout(laid_out, 3)
    warning = render_warning(card, laid_out)
    assert warning.field == "layers[1].items[2]"
    assert "at the minimum size of 26 px" in warning.message and "shorten it by about" in warning.hint


def test_long_item_wraps_inside_its_chip_before_failing(tmp_path):
    layers = stack(3, 2)
    layers[0]["items"][1] = "Quality validation of every extracted number against the exchange filing"
    laid_out = layout_card(make_card(tmp_path, layers, "portrait"))
    check_layout(laid_out, 3)
    chip = text_of(laid_out, "layers[0].items[1]").block
    assert len(chip.lines) == 2
    assert " ".join(l.text for l in chip.lines) == layers[0]["items"][1]


def test_text_shrinks_before_anything_fails(tmp_path):
    roomy = layout_card(make_card(tmp_path, stack(2, 2)))
    crowded = layout_card(make_card(tmp_path, stack(8, 3)))
    roomy_name = text_of(roomy, "layers[0].name").block.style.size
    crowded_name = text_of(crowded, "layers[0].name").block.style.size
    assert crowded_name < roomy_name
    assert crowded_name >= crowded.ctx.min_text


def test_undrawable_character_names_the_field(tmp_path):
    layers = stack(2, 1)
    layers[1]["items"][0] = "Parser \U000E0100\U0010FFFD"
    with pytest.raises(SpecError) as error:
        layout_card(make_card(tmp_path, layers))
    assert error.value.field == "layers[1].items[0]"


@pytest.mark.parametrize("theme", [DARK, LIGHT], ids=["dark", "light"])
@pytest.mark.parametrize("count", [2, 5, 8])
def test_layer_colours_are_distinct_and_readable(theme, count):
    colors = layer_colors(theme, count)
    assert len({c.accent for c in colors}) == count
    for c in colors:
        assert contrast(c.number, c.accent) >= 4.5
        assert contrast(c.chip_text, c.chip_fill) >= 4.5
        assert contrast(c.tag_text, c.tag_fill) >= 4.5
        assert contrast(theme.text, c.panel_fill) >= 4.5
        assert contrast(c.accent, theme.background_bottom) >= 3  # arrows and badges stand out


def test_alt_text_names_the_layers_in_order(repo_root):
    from postimages.plan import Options, load_job, plan

    job = next(j for j in plan([repo_root / "specs"])[0] if j.spec.stem == "02-architecture")
    text = architecture.alt_text(load_job(job, Options()))
    names = ["Data Collection", "Feature Engineering", "ML Pipeline", "Prediction API", "Deployment"]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert len(text) <= 250
    assert text.count(".") <= 3


def test_alt_text_drops_tags_rather_than_running_long(tmp_path):
    layers = [{"name": f"A fairly long layer name number {i + 1}", "tag": "127 agents", "items": []}
              for i in range(6)]
    text = architecture.alt_text(make_card(tmp_path, layers))
    assert "127 agents" not in text
    assert "number 6" in text


@pytest.mark.parametrize("tag", ["<100 ms", "p95 1.9 s", "dbt", "2.1M resources/day"])
def test_a_tag_keeps_the_case_it_was_typed_in(tmp_path, tag):
    path = tmp_path / "card.yaml"
    path.write_text(f'kind: architecture\ntitle: T\nlayers:\n  - {{name: A, tag: "{tag}"}}\n  - {{name: B}}\n')
    laid_out = layout_card(load_card(path, PostSettings()))
    assert text_of(laid_out, "layers[0].tag").block.lines[0].text == tag
