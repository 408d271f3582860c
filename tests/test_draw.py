"""Drawing primitives: the quick ways of making masks give the pixels of the plain ways."""

import math
import random

import pytest
from PIL import ImageChops

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
        skip = draw._interior(box, radius, ring or 0) if rng.random() < 0.7 else None

        def paint(d, s, o):
            if ring is None:
                d.rounded_rectangle(draw._scaled(box, s, o), radius * s, fill=255)
            else:
                d.rounded_rectangle(draw._scaled(box, s, o), radius * s, outline=255, width=round(ring * s))

        whole = draw._mask(box, paint, skip)
        quick = draw._rounded_mask(box, radius, ring, skip)
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
