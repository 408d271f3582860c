"""Comparing rendered cards with the committed golden images.

The renderer is deterministic: the same card renders to the same bytes in
every process (checked over 5 separate processes with different hash seeds,
and one card alone against all cards in one process). So the comparison is
nearly exact. The small tolerance left is for another machine's rounding: a
pixel counts as changed when a channel moved by more than 2 levels, and a
card fails when more than 0.001 % of its pixels changed (14 pixels of a
1200x1200 card). That catches a pill 1 px wider (~90 pixels past 2 levels)
and a colour moved by 3 levels or more; it lets through changes of 1 or 2
levels, such as a reworked shadow. `pytest --exact-goldens` allows no change
at all, to prove on one machine that a refactor moved no pixel.

On failure the actual image, the expected one and an amplified diff are
written to tests/.golden-failures/, which the assertion message names.

To accept new renders as the goldens, run:  pytest --update-goldens
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
FAILURE_DIR = Path(__file__).resolve().parent / ".golden-failures"

# A pixel "differs" when a channel moved by more than this many levels...
PIXEL_THRESHOLD = 2
# ...and the image fails when more than this share of its pixels differ.
MAX_DIFFERING_SHARE = 0.00001


@dataclass
class Comparison:
    same_size: bool
    differing_share: float
    differing_pixels: int = 0
    largest_difference: int = 0  # the most any channel of any pixel moved, in levels
    max_share: float = MAX_DIFFERING_SHARE

    @property
    def ok(self) -> bool:
        return self.same_size and self.differing_share <= self.max_share


def compare(actual: Image.Image, expected: Image.Image, *,
            exact: bool = False) -> tuple[Comparison, Image.Image | None]:
    """How far `actual` is from `expected`, and the per-pixel difference (largest channel).

    `exact` counts every pixel that moved at all and allows none."""
    threshold, max_share = (0, 0.0) if exact else (PIXEL_THRESHOLD, MAX_DIFFERING_SHARE)
    if actual.size != expected.size:
        return Comparison(False, 1.0, max_share=max_share), None
    diff = ImageChops.difference(actual.convert("RGB"), expected.convert("RGB"))
    strongest = _max_channel(diff)
    histogram = strongest.histogram()
    differing = sum(histogram[threshold + 1 :])
    largest = max((level for level, count in enumerate(histogram) if count), default=0)
    share = differing / (actual.width * actual.height)
    return Comparison(True, share, differing, largest, max_share), strongest


def _max_channel(diff: Image.Image) -> Image.Image:
    r, g, b = diff.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b)


def golden_path(name: str) -> Path:
    return GOLDEN_DIR / f"{name}.png"


def load_golden(name: str) -> Image.Image:
    """The committed golden image tests/golden/<name>.png, loaded."""
    with Image.open(golden_path(name)) as image:
        image.load()
        return image


def check_golden(name: str, actual: Image.Image, update: bool, exact: bool = False) -> None:
    """Assert that `actual` matches tests/golden/<name>.png (or write it when updating)."""
    golden = golden_path(name)
    if update:
        GOLDEN_DIR.mkdir(exist_ok=True)
        actual.save(golden)
        return
    assert golden.exists(), f"no golden image {golden}; create it with: pytest --update-goldens"
    expected = load_golden(name)
    result, diff = compare(actual, expected, exact=exact)
    if result.ok:
        return
    FAILURE_DIR.mkdir(exist_ok=True)
    actual.save(FAILURE_DIR / f"{name}-actual.png")
    expected.save(FAILURE_DIR / f"{name}-expected.png")
    if diff is not None:
        # Amplified so that a change of a level or two shows: any change is at least 64 levels bright.
        diff.point(lambda v: 0 if v == 0 else min(255, 64 + v * 4)).save(FAILURE_DIR / f"{name}-diff.png")
    allowed = "none allowed" if exact else (
        f"allowed {result.max_share:.3%}, {int(result.max_share * actual.width * actual.height)} pixels; "
        f"a pixel counts past {PIXEL_THRESHOLD} levels")
    detail = (
        f"size {actual.size} != golden {expected.size}"
        if not result.same_size
        else f"{result.differing_pixels} pixels ({result.differing_share:.4%}) differ, by up to "
             f"{result.largest_difference} level{'' if result.largest_difference == 1 else 's'} ({allowed})"
    )
    raise AssertionError(
        f"{name} no longer matches its golden image: {detail}. Actual, expected and diff images are in "
        f"{FAILURE_DIR}/. If the change is intended, look at them, then run: pytest --update-goldens"
    )
