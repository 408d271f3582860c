"""Wide, short cards (landscape): the header at the side when the content needs
the card's height, the fit policy's smaller sizes with a warning that says what
to cut, and the rules that keep wrapped code readable."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from layout_checks import assert_inside, assert_no_overlap
from postimages.cards.code.highlight import Span
from postimages.cards.code.wrap import wrap_line
from postimages.fitting import NoFit, legible_else_floor
from postimages.geometry import Box
from postimages.legibility import render_warning
from postimages.plan import Options, load_job, plan
from postimages.render import layout_card
from postimages.spec import parse_size

from conftest import ROOT

LANDSCAPE = parse_size("landscape")
FRAME = ("kicker", "title", "subtitle", "author", "footer", "page_numbers")


def _post(folder: Path, card: str, post: str = "author: Ada Lovelace\nhandle: '@ada'\nfooter: Code in the comments\n"):
    (folder / "post.yaml").write_text(post, encoding="utf-8")
    (folder / "01-card.yaml").write_text(textwrap.dedent(card), encoding="utf-8")
    (folder / "02-other.yaml").write_text("kind: stats\nmetrics: [{label: A, value: 1}]\n", encoding="utf-8")
    jobs, problems = plan([folder])
    assert not problems
    return load_job(jobs[0], Options(size=LANDSCAPE))


def _code(lines: int) -> str:
    body = "".join(f"  total_{i} = compute(values[{i}], weight={i})\n" for i in range(lines))
    return f"kind: code\nkicker: The core\ntitle: Fan out, then gather\nlanguage: python\ncaption: One loop\ncode: |\n{body}"


def _window(scene) -> Box:
    return next(shape.box for shape in scene.named("window") if shape.name == "window")


def _frame_boxes(scene):
    return [(field, box) for field, box in scene.text_boxes() if field in FRAME]


def test_long_code_at_landscape_takes_the_height_beside_a_side_header(tmp_path):
    scene = layout_card(_post(tmp_path, _code(18)))
    window = _window(scene)
    ctx = scene.ctx
    # The window takes the height between the margins (it hugs its rows: a row's height
    # may be left over), right of every frame text.
    inner = ctx.size[1] - 2 * ctx.margin_y
    assert ctx.margin_y - 1 <= window.y and window.bottom <= ctx.size[1] - ctx.margin_y + 1
    assert window.h >= inner - scene.ctx.px(40)
    frame = _frame_boxes(scene) + [(f, b) for f, b in scene.text_boxes() if f == "caption"]
    assert {field for field, _ in frame} >= {"kicker", "title", "author", "footer", "page_numbers", "caption"}
    assert all(box.right < window.x - ctx.px(40) for _, box in frame), frame
    assert_inside(frame, Box(0, 0, *ctx.size))
    assert_no_overlap(frame)
    pill = scene.named("page pill")[0].box
    assert pill.x > max(b.right for f, b in frame if f == "author")


def test_a_short_snippet_at_landscape_keeps_the_header_on_top(tmp_path):
    scene = layout_card(_post(tmp_path, _code(3)))
    window = _window(scene)
    title = dict(scene.text_boxes())["title"]
    assert title.bottom < window.y  # above the window, not beside it
    assert scene.shrunk is None


def test_the_shipped_post_renders_at_landscape_every_card_with_one_warning_each_where_small():
    jobs, _ = plan([ROOT / "specs"])
    for job in jobs:
        card = load_job(job, Options(size=LANDSCAPE))
        scene = layout_card(card)
        smallest = min(t.block.style.size for t in scene.texts() if t.block.lines)
        assert smallest >= scene.ctx.floor_text * 16 / 18 - 0.5  # code's floor is 16 px, the rest 18 px
        if scene.shrunk is not None:
            warning = render_warning(card, scene)
            assert warning.line is not None and warning.hint


def test_the_warning_hint_when_followed_reaches_the_legible_size(tmp_path):
    card = _post(tmp_path, _code(18))
    warning = render_warning(card, layout_card(card))
    assert "show at most" in warning.hint, warning
    shown = int(warning.hint.split("show at most ")[1].split(",")[0])
    (tmp_path / "fixed").mkdir()
    fixed = _post(tmp_path / "fixed", _code(shown))
    scene = layout_card(fixed)
    assert scene.shrunk is None
    assert render_warning(fixed, scene) is None


# --- the fit policy ----------------------------------------------------------


def _attempt(limit):
    def attempt(size):
        if size > limit:
            raise NoFit("field", f"does not fit at {size}", f"cut to {limit}")
        return size
    return attempt


def _explain(tried, failures):
    return NoFit("field", f"none of {tried} fits", failures[-1].hint)


def test_legible_else_floor_prefers_a_legible_size():
    assert legible_else_floor([30, 26], [22, 18], _attempt(28), _explain) == (26, None)


def test_legible_else_floor_goes_smaller_with_the_reason():
    size, reason = legible_else_floor([30, 26], [22, 18], _attempt(20), _explain)
    assert size == 18 and "none of [30, 26] fits" in reason.message


def test_legible_else_floor_raises_the_floors_reason():
    with pytest.raises(NoFit) as caught:
        legible_else_floor([30, 26], [22, 18], _attempt(10), _explain)
    assert "none of [22, 18] fits" in caught.value.message


# --- wrapping code -----------------------------------------------------------


def _rows(text: str, columns: int) -> list[str]:
    return ["".join(span.text for span in row) for row in wrap_line([Span(text, (0, 0, 0))], columns)]


@pytest.mark.parametrize("text, columns", [
    ("agents: list[Agent]) -> list[Result]:", 36),
    ("tasks = [tg.create_task(run_agent(a, filing, gate))", 50),
    ("call(first, second);", 19),
])
def test_a_wrapped_row_never_starts_with_a_closing_mark(text, columns):
    rows = _rows(text, columns)
    assert "".join(rows) == text
    assert len(rows) > 1
    assert all(row[0] not in ")]},:;" for row in rows[1:]), rows


# --- stats ---------------------------------------------------------------------


@pytest.mark.parametrize("post", ["job-search-update", "k8s-cost-cut", "db-index-tuning", "funding-milestone"])
def test_many_metrics_at_landscape_render_with_the_verdict_as_the_focal_point(post):
    jobs, _ = plan([ROOT / "tests" / "gallery" / post])
    job = next(j for j in jobs if j.spec.name.startswith("01-"))
    card = load_job(job, Options(size=LANDSCAPE))
    scene = layout_card(card)
    texts = [t for t in scene.texts() if t.block.lines]
    assert_inside([(t.field, t.box) for t in texts], Box(0, 0, *scene.size))
    assert_no_overlap([(t.field, t.box) for t in texts])
    sizes = {t.field: t.block.style.size for t in texts}
    assert sizes["verdict.text"] == max(sizes.values())  # the focal point, larger than every number
    shown = {t.field.split(".")[0] for t in texts if t.field.startswith("metrics[")}
    assert shown == {f"metrics[{i}]" for i in range(len(card.fields["metrics"]))}
    assert min(sizes.values()) >= scene.ctx.floor_text - 0.5


# --- hints that were tried ---------------------------------------------------------


def _gallery_card(post: str, name: str, size=LANDSCAPE):
    jobs, _ = plan([ROOT / "tests" / "gallery" / post])
    return load_job(next(j for j in jobs if j.spec.name.startswith(name)), Options(size=size))


def _render_edited(tmp_path, card, change):
    """The card's spec with `change` applied, laid out at the same size."""
    import copy
    import shutil

    import yaml

    post = tmp_path / "post"
    shutil.copytree(card.path.parent, post)
    data = copy.deepcopy(card.located.data)
    change(data)
    (post / card.path.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    jobs, _ = plan([post / card.path.name])
    return layout_card(load_job(jobs[0], Options(size=LANDSCAPE)))


def test_a_diagram_too_tall_even_at_the_floor_names_fixes_that_work(tmp_path):
    import re

    from postimages.errors import SpecError

    card = _gallery_card("pipeline-migration", "02-")
    with pytest.raises(SpecError) as caught:
        layout_card(card)
    kept = int(re.search(r"keep at most (\d+) layers", caught.value.hint).group(1))
    scene = _render_edited(tmp_path, card, lambda data: data.__setitem__("layers", data["layers"][:kept]))
    assert len([s for s in scene.named("layers[") if s.name.endswith(".panel")]) == kept


def test_lessons_too_long_even_at_the_floor_name_fixes_that_work(tmp_path):
    import re

    from postimages.errors import SpecError

    card = _gallery_card("hackathon-recap", "02-")
    with pytest.raises(SpecError) as caught:
        layout_card(card)
    hint = caught.value.hint
    kept = int(re.search(r"keep at most (\d+) items?", hint).group(1))
    assert _render_edited(tmp_path, card, lambda data: data.__setitem__("items", data["items"][:kept]))
    assert "portrait" in hint


def test_the_warning_of_lessons_under_the_legible_size_names_a_fix_that_keeps_them_legible(tmp_path):
    import re

    card = _gallery_card("support-bot-pilot", "03-")
    warning = render_warning(card, layout_card(card))
    cut = int(re.search(r"shorten each lesson's text by about (\d+) characters", warning.hint).group(1))

    def shorten(data):
        for item in data["items"]:
            item["text"] = item["text"][: len(item["text"]) - cut].rstrip()

    assert _render_edited(tmp_path, card, shorten).shrunk is None
