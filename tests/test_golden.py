"""Every card in specs/ must still look like its committed golden image: as
shipped, in the light theme, at the portrait and landscape sizes, and at
scale 2. A mutation test checks that the comparison sees a small change."""

import dataclasses

import pytest

from golden_images import MAX_DIFFERING_SHARE, check_golden, compare, load_golden
from postimages.plan import Options, load_job, plan
from postimages.paint import paint
from postimages.render import layout_card, render_card
from postimages.scene import Arrow, Shape
from postimages.spec import SIZES, load_card, load_post_settings
from postimages.theme import DARK, LIGHT

from conftest import ROOT


def _jobs():
    jobs, problems = plan([ROOT / "specs"])
    assert not problems
    return jobs


JOBS = _jobs()
STEMS = [job.spec.stem for job in JOBS]

# Every card of the post renders at every size: content that only fits smaller than
# legible is drawn down to the hard floor (render warns), not refused.
SIZED = [(stem, size) for stem in STEMS for size in ("portrait", "landscape")]


def _render(stem: str, options: Options | None = None, scale: float = 1.0):
    job = next(job for job in JOBS if job.spec.stem == stem)
    return render_card(load_job(job, options or Options()), scale)


@pytest.mark.parametrize("job", JOBS, ids=lambda job: job.spec.stem)
def test_spec_matches_golden(job, update_goldens, exact_goldens):
    card = load_job(job, Options())
    check_golden(job.spec.stem, render_card(card), update_goldens, exact_goldens)


@pytest.mark.parametrize("stem", STEMS)
def test_light_theme_matches_golden(stem, update_goldens, exact_goldens):
    check_golden(f"{stem}-light", _render(stem, Options(theme=LIGHT)), update_goldens, exact_goldens)


@pytest.mark.parametrize("stem, size", SIZED, ids=[f"{stem}-{size}" for stem, size in SIZED])
def test_other_sizes_match_golden(stem, size, update_goldens, exact_goldens):
    check_golden(f"{stem}-{size}", _render(stem, Options(size=SIZES[size])), update_goldens, exact_goldens)


def test_scale_2_matches_golden(update_goldens, exact_goldens):
    image = _render("01-validation", scale=2)
    assert image.size == (2400, 2400)
    check_golden("01-validation-x2", image, update_goldens, exact_goldens)


# --- the comparison sees a small change -------------------------------------
# Built only from pieces that a rewrite of the drawing code keeps: the themes,
# load_card and render_card.

MUTATED_SPEC = ROOT / "specs" / "01-validation.yaml"


def _validation_card(theme=None):
    """specs/01-validation.yaml as the first card of the post, as its golden was rendered."""
    card = load_card(MUTATED_SPEC, load_post_settings(MUTATED_SPEC.parent), theme_override=theme)
    card.page, card.pages = 1, len(STEMS)  # the page number pill "1/4"
    return card


def test_the_unchanged_card_passes_the_golden_comparison(update_goldens):
    if update_goldens:
        pytest.skip("the goldens are being rewritten")
    result, _ = compare(render_card(_validation_card(DARK)), load_golden("01-validation"))
    assert result.ok, result


@pytest.mark.parametrize("channel, levels", [(0, -4), (1, 5), (2, -6)], ids=["red-4", "green+5", "blue-6"])
def test_a_bad_colour_a_few_levels_off_fails_the_golden_comparison(channel, levels, update_goldens):
    if update_goldens:
        pytest.skip("the goldens are being rewritten")
    bad = list(DARK.bad)
    bad[channel] += levels
    theme = dataclasses.replace(DARK, bad=tuple(bad))
    result, _ = compare(render_card(_validation_card(theme)), load_golden("01-validation"))
    assert not result.ok, f"bad {DARK.bad} -> {theme.bad} went unnoticed: {result}"
    # Not by a hair: the verdict, the missed values and their marks change colour.
    assert result.differing_share > 100 * MAX_DIFFERING_SHARE, result


# --- the comparison sees a missing or changed drawable ----------------------
# Mutations of the scene, the list of drawables every card is painted from.

def _painted_without(stem: str, change):
    """The card's golden render with `change(item)` applied to each drawable
    (None drops it); asserts the change touched something."""
    job = next(job for job in JOBS if job.spec.stem == stem)
    scene = layout_card(load_job(job, Options()))
    changed = [change(item) for item in scene.items]
    assert changed != scene.items, "the mutation changed nothing"
    scene.items = [item for item in changed if item is not None]
    return paint(scene)


def _dropped(prefix: str):
    return lambda item: None if getattr(item, "name", "").startswith(prefix) else item


def _halved_radius(item):
    return item._replace(radius=item.radius / 2) if isinstance(item, Shape) and item.radius else item


def _square_corners(item):
    return item._replace(radius=0) if isinstance(item, Shape) and item.radius else item


def _half_arrows(item):
    """Each arrow half as long, its head where it was."""
    if not (isinstance(item, Arrow) and item.name.startswith("arrow")):
        return item
    (x0, y0), (x1, y1) = item.start, item.end
    return item._replace(start=((x0 + x1) / 2, (y0 + y1) / 2))


def _half_band(item):
    """The highlight band (and its stripe) half as tall."""
    if not (isinstance(item, Shape) and item.name.startswith("band")):
        return item
    return item._replace(box=item.box._replace(h=item.box.h / 2))


@pytest.mark.parametrize("stem, change", [
    ("02-architecture", _dropped("arrow")),
    ("02-architecture", _half_arrows),
    ("03-code", _dropped("band")),
    ("03-code", _half_band),
    ("01-validation", _halved_radius),
    ("04-lessons", _halved_radius),
    ("02-architecture", _square_corners),
    ("03-code", _square_corners),
], ids=["no arrows", "half-length arrows", "no highlight band", "half-height band", "half the corner radius",
        "half the lessons' radius", "square architecture corners", "square code window"])
def test_a_missing_or_changed_drawable_fails_the_golden_comparison(stem, change, update_goldens):
    if update_goldens:
        pytest.skip("the goldens are being rewritten")
    result, _ = compare(_painted_without(stem, change), load_golden(stem))
    assert not result.ok, f"the mutation went unnoticed: {result}"


# --- the carousel's own slides ------------------------------------------------
# The cover, quote and closing of examples/failed-trading-system, each numbered as in the
# finished nine-card carousel (so that cards added to the example move no golden pixel).
EXAMPLE = ROOT / "examples" / "failed-trading-system"
CAROUSEL_PAGES = {"01-cover": 1, "03-hypothesis": 3, "09-closing": 9}
SLIDES = [("01-cover", None, None), ("01-cover", "landscape", None), ("03-hypothesis", None, None),
          ("03-hypothesis", None, "light"), ("09-closing", None, None), ("09-closing", "portrait", None)]


@pytest.mark.parametrize("stem, size, theme", SLIDES,
                         ids=["-".join(part for part in slide if part) for slide in SLIDES])
def test_carousel_slides_match_golden(stem, size, theme, update_goldens, exact_goldens):
    card = load_card(EXAMPLE / f"{stem}.yaml", load_post_settings(EXAMPLE), SIZES[size] if size else None,
                     LIGHT if theme else None)
    card.page, card.pages = CAROUSEL_PAGES[stem], 9
    name = "-".join(part for part in (f"example-{stem}", size, theme) if part)
    check_golden(name, render_card(card), update_goldens, exact_goldens)
