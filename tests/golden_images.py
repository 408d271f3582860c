"""Comparing rendered cards with the committed golden images.

A tolerance absorbs another machine's rounding (a few grey levels on glyph
edges) but not a moved box: that changes many pixels by a lot. On failure
the actual image, the expected one and an amplified diff are written to
tests/.golden-failures/, which the assertion message names.

To accept new renders as the goldens, run:  pytest --update-goldens
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
FAILURE_DIR = Path(__file__).resolve().parent / ".golden-failures"

# A pixel "differs" when a channel moved by more than this many levels...
PIXEL_THRESHOLD = 48
# ...and the image fails when more than this share of its pixels differ.
MAX_DIFFERING_SHARE = 0.002


@dataclass
class Comparison:
    same_size: bool
    differing_share: float

    @property
    def ok(self) -> bool:
        return self.same_size and self.differing_share <= MAX_DIFFERING_SHARE


def compare(actual: Image.Image, expected: Image.Image) -> tuple[Comparison, Image.Image | None]:
    if actual.size != expected.size:
        return Comparison(False, 1.0), None
    diff = ImageChops.difference(actual.convert("RGB"), expected.convert("RGB"))
    strongest = _max_channel(diff)
    histogram = strongest.histogram()
    differing = sum(histogram[PIXEL_THRESHOLD + 1 :])
    share = differing / (actual.width * actual.height)
    return Comparison(True, share), strongest


def _max_channel(diff: Image.Image) -> Image.Image:
    r, g, b = diff.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b)


def check_golden(name: str, actual: Image.Image, update: bool) -> None:
    """Assert that `actual` matches tests/golden/<name>.png (or write it when updating)."""
    golden = GOLDEN_DIR / f"{name}.png"
    if update:
        GOLDEN_DIR.mkdir(exist_ok=True)
        actual.save(golden)
        return
    assert golden.exists(), f"no golden image {golden}; create it with: pytest --update-goldens"
    expected = Image.open(golden)
    result, diff = compare(actual, expected)
    if result.ok:
        return
    FAILURE_DIR.mkdir(exist_ok=True)
    actual.save(FAILURE_DIR / f"{name}-actual.png")
    expected.save(FAILURE_DIR / f"{name}-expected.png")
    if diff is not None:
        diff.point(lambda v: min(255, v * 4)).save(FAILURE_DIR / f"{name}-diff.png")
    detail = (
        f"size {actual.size} != golden {expected.size}"
        if not result.same_size
        else f"{result.differing_share:.3%} of pixels differ (allowed {MAX_DIFFERING_SHARE:.2%})"
    )
    raise AssertionError(
        f"{name} no longer matches its golden image: {detail}. Actual, expected and diff images are in "
        f"{FAILURE_DIR}/. If the change is intended, look at them, then run: pytest --update-goldens"
    )
