"""Property-based tests: random specs of every kind either render with every
laid-out box inside the canvas, or fail with the project's own SpecError
naming a field. Never any other exception.

Text is drawn from pieces that stress the text engine: emoji sequences (ZWJ
families, flags, keycaps, skin tones), right-to-left text and bidi controls,
combining marks, very long words, empty strings, and arbitrary Unicode.
"""

from __future__ import annotations

import math
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postimages.check import texts_of
from postimages.errors import SpecError, SpecErrors
from postimages.geometry import Box
from postimages.render import draw_card, layout_card
from postimages.spec import PostSettings, load_card

from layout_checks import assert_inside

EXAMPLES = int(os.environ.get("POSTIMAGES_EXAMPLES", "80"))  # per kind; more with POSTIMAGES_EXAMPLES

# Pieces every bundled font chain can draw: words, emoji sequences, combining marks.
DRAWABLE = [
    "Validation", "results", "38.1%", "Ünïcödé", "naïve café", "Ωμέγα", "Привет", "₹25-50L", "≠", "→", "•",
    "👨‍👩‍👧‍👦", "🇮🇳", "1️⃣", "❤️", "🏳️‍🌈", "👍🏽", "⚡", "❌", "📊", "🏗️",
    "e\u0301", "a\u0308\u0323", "Z\u0351\u0352\u0353",  # combining marks
]
# Pieces that may have no glyph: right-to-left scripts, bidi controls, anything at all.
WILD = ["שלום", "مرحبا", "\u200f", "\u202eabc\u202c", "\t", "\n", "𓀀"]


def text_pieces(wild: bool) -> st.SearchStrategy[str]:
    # One piece in eight is a very long word.
    words = st.one_of(*[st.sampled_from(DRAWABLE)] * 7, st.integers(12, 40).map(lambda n: "W" * n))
    if not wild:
        return words
    return st.one_of(words, st.sampled_from(WILD), st.text(max_size=8))


def texts(wild: bool, most: int = 8, required: bool = False) -> st.SearchStrategy[str]:
    """Text of up to `most` pieces; optional text may be empty or blank."""
    joined = st.lists(text_pieces(wild), min_size=1 if required else 0, max_size=most).map(" ".join)
    return joined if required else st.one_of(joined, st.sampled_from(["", " "]))


emoji = st.sampled_from(["⚡", "📊", "🎯", "❌", "✅", "🏗️", "👨‍👩‍👧‍👦", "🇮🇳", "1️⃣", "x", ""])
sizes = st.one_of(
    *[st.sampled_from(["square", "portrait", "landscape"])] * 3,
    st.tuples(st.integers(320, 1400), st.integers(320, 1400)).map(lambda wh: f"{wh[0]}x{wh[1]}"),
)
numbers = st.one_of(
    st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.floats(-1000, 1000, allow_nan=False),
)


def optional(**fields) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional=fields)


def common_fields(kind: str, wild: bool) -> st.SearchStrategy[dict]:
    return optional(kicker=texts(wild, 3), title=texts(wild, 5), subtitle=texts(wild, 6), size=sizes,
                    theme=st.sampled_from(["dark", "light"]), footer=texts(wild, 4),
                    page_numbers=st.booleans()).map(lambda d: {"kind": kind, **d})


def kind_fields(kind: str, wild: bool) -> st.SearchStrategy[dict]:
    short, required = texts(wild, 3), texts(wild, 3, required=True)
    if kind == "stats":
        metric = st.fixed_dictionaries(
            {"label": required, "value": numbers},
            optional={"unit": st.sampled_from(["%", "ms", "alerts", "x", "", "€"]),
                      "prefix": st.sampled_from(["$", "₹", ""]), "decimals": st.integers(0, 6),
                      "sign": st.booleans(), "note": short,
                      "target": st.sampled_from(["> 60", ">= 3", "< -1", "<= 0.5", "2..5", "-1..1"]),
                      "bars": st.booleans()})
        verdict = st.fixed_dictionaries(
            {"text": required},
            optional={"icon": emoji, "detail": texts(wild, 6), "status": st.sampled_from(["pass", "fail", "neutral"])})
        return st.fixed_dictionaries({"metrics": st.lists(metric, min_size=1, max_size=6)},
                                     optional={"verdict": verdict})
    if kind == "architecture":
        layer = st.fixed_dictionaries({"name": required},
                                      optional={"tag": short, "items": st.lists(required, max_size=8)})
        return st.fixed_dictionaries({"layers": st.lists(layer, min_size=2, max_size=8)})
    if kind == "code":
        line = st.one_of(texts(wild, 6), st.sampled_from(["def f(x):", "    return x * 2", "", "# ≠ → ✓"]))
        return st.fixed_dictionaries(
            {"code": st.lists(line, min_size=1, max_size=40).map("\n".join).filter(str.strip)},
            optional={"language": st.sampled_from(["python", "text", "bash", "json"]),
                      "line_numbers": st.booleans(), "caption": short,
                      "code_theme": st.sampled_from(["one-dark", "xcode", "monokai"])})
    if kind == "image":
        return st.fixed_dictionaries(
            {"image": st.sampled_from(sorted(SHOTS))},
            optional={"frame": st.sampled_from(["browser", "window", "phone", "none"]),
                      "fit": st.sampled_from(["contain", "cover"]), "url": short, "caption": texts(wild, 8)})
    if kind == "checklist":
        column = st.fixed_dictionaries(
            {"items": st.lists(texts(wild, 6, required=True), min_size=1, max_size=10)},
            optional={"heading": short, "status": st.sampled_from(["good", "bad", "neutral"]), "mark": emoji})
        return st.fixed_dictionaries({"columns": st.lists(column, min_size=1, max_size=3)})
    if kind == "chart":
        bar = st.fixed_dictionaries({"label": required, "value": numbers},
                                    optional={"color": st.sampled_from(["good", "bad", "accent", "muted", "#F74C00"])})
        return st.fixed_dictionaries(
            {"bars": st.lists(bar, min_size=1, max_size=12)},
            optional={"unit": st.sampled_from(["h", "%", "$", "ms", "", "€"]), "decimals": st.integers(0, 6),
                      "sign": st.booleans(), "total": st.booleans(), "prefix": st.sampled_from(["~", ""]),
                      "direction": st.sampled_from(["horizontal", "vertical"]),
                      "target": st.fixed_dictionaries({"value": numbers}, optional={"label": short})})
    if kind in SLIDES:
        return slide_fields(kind, wild)
    lesson = st.fixed_dictionaries({"title": required}, optional={"icon": emoji, "text": texts(wild, 10)})
    return st.fixed_dictionaries({"items": st.lists(lesson, min_size=1, max_size=10)})


SLIDES = ("cover", "quote", "closing")


def slide_fields(kind: str, wild: bool) -> st.SearchStrategy[dict]:
    """The first and last slides and the quote; a title most of the time (cover and closing need one)."""
    title = st.one_of(texts(wild, 12, required=True), texts(wild, 3))
    if kind == "cover":
        return st.fixed_dictionaries({"title": title}, optional={"emoji": emoji, "swipe": st.booleans()})
    if kind == "quote":
        stamp = st.fixed_dictionaries({"text": texts(wild, 2, required=True)},
                                      optional={"icon": emoji, "status": st.sampled_from(["pass", "fail", "neutral"])})
        return st.fixed_dictionaries({"quote": texts(wild, 40, required=True)},
                                     optional={"by": texts(wild, 6), "stamp": stamp})
    return st.fixed_dictionaries({"title": title}, optional={"lines": st.lists(texts(wild, 8, required=True),
                                                                                max_size=5),
                                                             "cta": texts(wild, 5)})


def specs_of(kind: str) -> st.SearchStrategy[dict]:
    """One spec in four is wild: its text may hold characters no bundled font has."""
    wildness = st.sampled_from([False, False, False, True])
    return wildness.flatmap(lambda wild: st.tuples(common_fields(kind, wild), kind_fields(kind, wild))).map(
        lambda parts: {**parts[0], **parts[1]})


# Screenshots an image card may show: wide, tall, square, and a sliver no card can show legibly.
SHOTS = {"wide.png": (1600, 900), "tall.png": (1170, 2532), "square.png": (600, 600), "sliver.png": (4000, 40)}


@pytest.fixture(scope="module")
def spec_folder(tmp_path_factory):
    from PIL import Image

    folder = tmp_path_factory.mktemp("properties")
    for name, size in SHOTS.items():
        Image.new("RGB", size, (40, 44, 52)).save(folder / name)
    return folder


KINDS = ["stats", "architecture", "code", "lessons", "image", "checklist", "chart", *SLIDES]


@pytest.mark.parametrize("kind", KINDS)
def test_random_specs_render_inside_the_canvas_or_fail_naming_a_field(kind, spec_folder):
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(spec=specs_of(kind))
    def check(spec):
        path = spec_folder / f"{kind}.yaml"
        path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            card = load_card(path, PostSettings(author="A. Author", handle="@author"))
            laid_out = layout_card(card)
            image = draw_card(card, laid_out)
        except (SpecError, SpecErrors) as exc:
            errors = exc.errors if isinstance(exc, SpecErrors) else [exc]
            assert all(e.field for e in errors), [str(e) for e in errors]
            return
        width, height = laid_out.ctx.size
        assert image.size == (width, height)
        canvas = Box(0, 0, width, height)
        boxes = [(item.field, item.box) for item in texts_of(laid_out)]
        boxes += [(shape.name, shape.box) for shape in laid_out.named("")]
        assert all(math.isfinite(v) for _, b in boxes for v in (b.x, b.y, b.w, b.h)), boxes
        assert_inside(boxes, canvas, tolerance=1)

    check()
