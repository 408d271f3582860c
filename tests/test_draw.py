"""Drawing primitives: the quick ways of making masks give the pixels of the plain ways."""

import math
import random

import pytest
from PIL import Image, ImageChops

from postimages import draw
from postimages.geometry import Box


def _cases(count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        w, h = rng.uniform(20, 1100), rng.uniform(20, 800)
        yield Box(rng.uniform(0, 120), rng.uniform(0, 120), w, h), rng


@pytest.mark.parametrize("ring", [None, 1, 1.5, 3.2])
def test_a_stretched_rounded_mask_is_the_whole_mask(ring, monkeypatch):
    monkeypatch.setattr(draw, "STRETCH_ABOVE", 0)  # stretch every size
    for box, rng in _cases(60, seed=int((ring or 0) * 10)):
        radius = rng.choice([0, 3, 8.5, 12, 24.7, 32, min(box.w, box.h) / 2])
        holes = draw._uniform_inside(box, radius, ring or 0) if rng.random() < 0.7 else ()

        def paint(d, s, o):
            if ring is None:
                d.rounded_rectangle(draw._scaled(box, s, o), radius * s, fill=255)
            else:
                d.rounded_rectangle(draw._scaled(box, s, o), radius * s, outline=255, width=round(ring * s))

        whole = draw._mask(box, paint, holes)
        quick = draw._rounded_mask(box, radius, ring, holes)
        assert [origin for _, origin in quick] == [origin for _, origin in whole]
        for (a, _), (b, _) in zip(quick, whole):
            assert ImageChops.difference(a, b).getbbox() is None, (box, radius, ring)


def test_a_stretched_shadow_is_the_whole_shadow():
    for box, rng in _cases(60, seed=5):
        radius, blur = rng.choice([8, 16, 24, 30]), rng.choice([4, 6.5, 10, 18, 40])
        spread = math.ceil(blur * 3)
        size = (math.ceil(box.w) + 2 * spread, math.ceil(box.h) + 2 * spread)
        whole = draw._blurred_box(*size, box.w, box.h, radius, blur, spread)
        quick = draw._shadow_mask.__wrapped__(box.w, box.h, radius, blur)
        assert quick.size == whole.size
        assert ImageChops.difference(quick, whole).getbbox() is None, (box, radius, blur)


@pytest.mark.parametrize("ring", [None, 1, 1.5, 3.2])
def test_the_mask_is_uniform_where_a_rounded_box_skips_it(ring):
    """Full under a fill's cross, empty inside an outline's: what the painter fills plainly or leaves alone."""
    for box, rng in _cases(80, seed=11 + int((ring or 0) * 10)):
        radius = rng.choice([0, 3, 8.5, 12, 24.7, 32, min(box.w, box.h) / 2])
        (mask, (left, top)), = draw._rounded_mask(box, radius, ring)
        expected = (0, 0) if ring else (255, 255)
        for x0, y0, x1, y1 in draw._uniform_inside(box, radius, ring or 0):
            assert mask.crop((x0 - left, y0 - top, x1 - left, y1 - top)).getextrema() == expected, (box, radius, ring)


def _painted(paint_it):
    image = Image.new("RGB", (1300, 1000), (30, 40, 50))
    paint_it(image)
    return image


@pytest.mark.parametrize("fill, outline", [((200, 120, 40), None), ((200, 120, 40, 140), None),
                                           (None, (250, 250, 250)), ((20, 200, 90), (250, 250, 250, 90))])
def test_a_rounded_box_paints_the_pixels_of_its_whole_mask(fill, outline):
    for box, rng in _cases(25, seed=3):
        radius, width = rng.choice([0, 4, 12.5, 24, min(box.w, box.h) / 2]), rng.choice([1, 1.5, 2, 3.2])
        quick = _painted(lambda image: draw.rounded_rect(image, box, radius, fill, outline, width))

        def whole(image):
            for color, ring in ((fill, None), (outline, width)):
                if color is not None:
                    for mask, origin in draw._rounded_mask(box, radius, ring):
                        image.paste(color[:3], origin, mask.point([round(v * (color + (255,))[3] / 255)
                                                                   for v in range(256)]))

        assert ImageChops.difference(quick, _painted(whole)).getbbox() is None, (box, radius, width)


def test_a_covered_shadow_under_its_panel_paints_what_the_whole_shadow_does():
    for box, rng in _cases(25, seed=8):
        radius, blur = rng.choice([8, 16, 24]), rng.choice([4, 10, 18])

        def scene(covered):
            def paint_it(image):
                draw.shadow(image, box, radius, (0, 0, 0), 0.4, blur, offset_y=blur / 2, covered=covered)
                draw.rounded_rect(image, box, radius, fill=(90, 100, 120))
            return _painted(paint_it)

        assert ImageChops.difference(scene(True), scene(False)).getbbox() is None, (box, radius, blur)


def test_each_canvas_is_its_own_copy_of_the_gradient():
    top, bottom = (12, 20, 40), (40, 60, 120)
    first = draw.new_canvas((300, 200), top, bottom)
    first.paste((255, 0, 0), (0, 0, 300, 200))  # what one card draws
    second = draw.new_canvas((300, 200), (*top, 255), bottom)  # an alpha channel names the same colours
    assert second.tobytes() == draw._gradient((300, 200), top, bottom).tobytes()
    assert len(set(second.tobytes())) > 8  # a gradient, not the red the first card painted
    assert draw.new_canvas((200, 300), top, bottom).size == (200, 300)
