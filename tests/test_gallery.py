"""The gallery (tests/gallery/<post>/): posts other people would write, laid
out at square, portrait and landscape in the dark and light themes, and as
each post is written (its own size and theme, e.g. a brand accent or 1600x900).

What holds today, for every card of every post in every variant:
- layout either succeeds or refuses with a located SpecError (file, line and
  field), never another exception;
- every text lies inside the canvas, and no two texts overlap;
- no band of plain background is taller than EMPTY_BAND_LIMIT of the card
  (measured from the scene for every card, and in pixels for a sample).

Which cards are refused where is not asserted: a layout change that makes a
refused card fit is progress. tests/gallery/FINDINGS.md lists what a designer
would object to; tests/gallery/render.py renders the PNGs to look at.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from gallery.measure import (VARIANTS, background_of, card_id, gallery_jobs, largest_empty_band, layout_variant,
                             scene_band, variant_name)
from layout_checks import assert_inside, assert_no_overlap
from postimages.errors import SpecError, SpecErrors
from postimages.geometry import Box
from postimages.scene import Glyphs
from postimages.spec import SIZES

JOBS = gallery_jobs()
CASES = [(job, size, theme) for job in JOBS for size, theme in VARIANTS]


def _case_id(case) -> str:
    job, size, theme = case
    return f"{card_id(job)}@{variant_name(size, theme)}"


def text_boxes(scene) -> list[tuple[str, Box]]:
    """(name, box) of every text of the scene; the runs of one line of code
    (one Glyphs per token, on the grid) are one text, the line.

    A run's box is its shaped width, which on the whole-pixel grid runs up to
    0.2 px a character past where the next token starts: the runs of a line
    overlap by a pixel or two, and the line's box is a little too wide."""
    named: list[tuple[str, Box]] = []
    lines: dict[tuple[str, float], Box] = {}
    for item in scene.texts():
        if not isinstance(item, Glyphs):
            named.append((item.field, item.box))
            continue
        key = (item.field, item.row.y)
        box = item.box
        if key in lines:
            seen = lines[key]
            left, right = min(seen.x, box.x), max(seen.right, box.right)
            top, bottom = min(seen.y, box.y), max(seen.bottom, box.bottom)
            box = Box(left, top, right - left, bottom - top)
        lines[key] = box
    named.extend((f"{field} (line at y={y:.0f})", box) for (field, y), box in lines.items())
    return named


@functools.lru_cache(maxsize=None)
def _laid_out(index: int):
    """CASES[index]'s scene, or the SpecErrors it was refused with (a SpecError is one of them);
    laid out once for all the tests that read it."""
    job, size, theme = CASES[index]
    try:
        return layout_variant(job, size, theme), None
    except SpecErrors as exc:
        return None, exc.errors
    except SpecError as exc:
        return None, [exc]


def test_the_gallery_is_the_size_the_findings_describe():
    posts = {job.folder.name for job in JOBS}
    assert len(posts) >= 20, sorted(posts)
    assert all(1 <= sum(j.folder.name == p for j in JOBS) <= 5 for p in posts)
    for post in posts:
        first = (JOBS[0].folder.parent / post / "post.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), f"{post}/post.yaml: the first line says what the post exercises"


@pytest.mark.parametrize("index", range(len(CASES)), ids=[_case_id(c) for c in CASES])
def test_card_lays_out_or_refuses_with_a_located_error(index):
    job, size, theme = CASES[index]
    scene, errors = _laid_out(index)  # any other exception fails the test
    if errors is None:
        width, height = scene.size
        boxes = text_boxes(scene)
        assert boxes, "a card shows some text"
        assert_inside(boxes, Box(0, 0, width, height))
        assert_no_overlap(boxes)
        return
    post_files = {job.spec.resolve(), (job.folder / "post.yaml").resolve()}
    for error in errors:
        assert error.file is not None and Path(error.file).resolve() in post_files, error
        assert error.line is not None and error.line >= 1, error
        assert error.field, error
        assert error.message, error


def _laid_out_indexes() -> list[int]:
    """The cases that lay out (a crash is reported by the layout test, not here)."""
    indexes = []
    for index in range(len(CASES)):
        try:
            if _laid_out(index)[1] is None:
                indexes.append(index)
        except Exception:
            pass
    return indexes


LAID_OUT = _laid_out_indexes()


# --- words broken inside ----------------------------------------------------------
# A line break inside a word ("reque|st") where the word fits no column: today
# only the left-to-right architecture does it, on these cards (card, size).
# The test stops it spreading; fixing one of these leaves it green.
BROKEN_WORDS_TODAY = {
    ("api-latency/02-path", "square"),  # Checkou|t service, Postgr|es, PgBou|ncer
    ("infra-handbook/01-path-to-prod", "square"),  # reque|st, imag|e, Stagi|ng deplo|y, Cana|ry 5%...
    ("infra-handbook/01-path-to-prod", "landscape"),
}


# A long address may break after one of these (as text.py breaks it): that is not a word split.
URL_SEPARATORS = set("/.-_?#&=:@")


def broken_words(job, scene) -> list[str]:
    """Each line break that splits a word typed in the card's files, as "field: end|start"."""
    typed = set(re.findall(r"[\w'&%./-]+", job.spec.read_text(encoding="utf-8")
                           + (job.folder / "post.yaml").read_text(encoding="utf-8")))
    found = []
    for item in scene.texts():
        lines = [line.text.split() for line in item.block.lines]
        for before, after in zip(lines, lines[1:]):
            if (before and after and before[-1] + after[0] in typed and before[-1] not in typed
                    and before[-1][-1] not in URL_SEPARATORS):
                found.append(f"{item.field}: {before[-1]}|{after[0]}")
    return found


@pytest.mark.parametrize("index", LAID_OUT, ids=[_case_id(CASES[i]) for i in LAID_OUT])
def test_no_word_is_broken_inside_beyond_the_known_cards(index):
    job, size, _ = CASES[index]
    scene, _ = _laid_out(index)
    size_name = size or next((name for name, px in SIZES.items() if px == scene.size), f"{scene.size}")
    if (card_id(job), size_name) in BROKEN_WORDS_TODAY:
        return
    broken = broken_words(job, scene)
    assert not broken, broken


# --- empty bands -----------------------------------------------------------------
# The largest run of rows that show nothing but the background gradient
# (margins included): the look's limit is a quarter of the card's height. The
# worst left, painted (tests/gallery/measure.py prints every card):
#   short-slides/03-closing (a title as wide as the card and a button)
#                                                     portrait 331 px of 1350 (24.5 %)
EMPTY_BAND_LIMIT = 0.25

# Every card is measured from its scene (layout only, ~3 ms); a sample is
# painted and measured in pixels, which shows that the scene's band is never
# more than BAND_SLACK px shorter than the painted one (text's line boxes are
# taller than its ink: 39 px above the capitals of a 216 px title), nor more
# than a few px taller.
BAND_SLACK = 40
PAINTED_SAMPLE = [
    ("k8s-cost-cut/03-flow", "portrait", "dark"),
    ("tiny-diagram/01-queue", "square", "dark"),
    ("tiny-diagram/01-queue", "portrait", "light"),
    ("security-postmortem/02-timeline", "portrait", "dark"),
    ("db-index-tuning/02-index", "portrait", "dark"),
    ("k8s-cost-cut/02-nodepool", "portrait", "dark"),
    ("job-search-update/02-advice", "square", "dark"),
    ("bootcamp-grad/01-capstone", "portrait", "light"),
    ("support-bot-pilot/01-results", "square", "light"),
    ("infra-handbook/01-path-to-prod", "landscape", "dark"),
    ("rust-cli-launch/01-benchmarks", None, None),
    ("short-slides/02-quote", "portrait", "dark"),
    ("short-slides/03-closing", "square", "dark"),
    ("short-slides/03-closing", "portrait", "light"),
]


@pytest.mark.parametrize("index", LAID_OUT, ids=[_case_id(CASES[i]) for i in LAID_OUT])
def test_no_empty_band_taller_than_a_quarter_of_the_card(index):
    scene, _ = _laid_out(index)
    band = scene_band(scene)
    height = scene.size[1]
    assert band.height + BAND_SLACK <= EMPTY_BAND_LIMIT * height, (
        f"{band.height} px of plain background from y={band.top} "
        f"({band.height / height:.0%} of {height} px; the look allows {EMPTY_BAND_LIMIT:.0%}, "
        f"less {BAND_SLACK} px for the ink the scene cannot see)")


@pytest.mark.parametrize("card, size, theme", PAINTED_SAMPLE,
                         ids=[f"{c}@{variant_name(s, t)}" for c, s, t in PAINTED_SAMPLE])
def test_painted_empty_band_agrees_with_the_scene(card, size, theme):
    from postimages.paint import paint

    job = next(j for j in JOBS if card_id(j) == card)
    scene = layout_variant(job, size, theme)
    painted = largest_empty_band(paint(scene), background_of(scene))
    estimate = scene_band(scene)
    height = scene.size[1]
    assert painted.height <= EMPTY_BAND_LIMIT * height, f"{painted} is {painted.height / height:.0%} of {height} px"
    assert estimate.height - 8 <= painted.height <= estimate.height + BAND_SLACK, (painted, estimate)


# --- the band measurement itself -------------------------------------------------

def _some_scene():
    job = next(j for j in JOBS if card_id(j) == "tiny-diagram/01-queue")
    return layout_variant(job, "square", "dark")


def test_a_background_only_card_is_one_band_of_its_full_height():
    scene = _some_scene()
    background = background_of(scene)
    band = largest_empty_band(background, background)
    assert (band.top, band.height) == (0, scene.size[1])


def test_a_mark_splits_the_band_and_a_faint_one_does_not():
    scene = _some_scene()
    background = background_of(scene)
    width, height = scene.size
    marked = background.copy()
    pixel = marked.getpixel((width // 2, 300))
    marked.putpixel((width // 2, 300), tuple(min(255, c + 20) for c in pixel))
    band = largest_empty_band(marked, background)
    assert (band.top, band.height) == (301, height - 301)
    faint = background.copy()
    faint.putpixel((width // 2, 300), tuple(min(255, c + 2) for c in pixel))
    assert largest_empty_band(faint, background).height == height
