"""Measurements of gallery cards, for the tests and for FINDINGS.md.

As a library: `gallery_jobs()`, `layout_variant()`, `largest_empty_band()`.
As a script, one line per card and variant (layout, paint, measure; ~1 min):

    .venv/bin/python tests/gallery/measure.py             # every post
    .venv/bin/python tests/gallery/measure.py tiny-diagram oss-release

Columns: the empty band (largest run of rows that are nothing but the
background gradient, in px and as a share of the card's height, with where it
starts), the share of the content box's rows (between title and footer) that
are empty, the title's size, the smallest text and its field, the code size,
texts below the look's size for them, and the phone's view of the smallest
text (its size when the card is shown 400 px wide).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from postimages.plan import Job, Options, load_job, plan
from postimages.errors import SpecError, SpecErrors
from postimages.render import layout_card
from postimages.geometry import Box
from postimages.scene import Gradient, Scene, Shadow
from postimages.spec import SIZES
from postimages.theme import DARK, LIGHT

GALLERY = Path(__file__).resolve().parent
THEMES = {"dark": DARK, "light": LIGHT}
# square, portrait, landscape × dark, light; then (None, None): the post as written, no override
VARIANTS = [(size, theme) for size in SIZES for theme in THEMES] + [(None, None)]
PHONE_WIDTH = 400


def gallery_posts() -> list[Path]:
    return sorted(p for p in GALLERY.iterdir() if (p / "post.yaml").is_file())


def gallery_jobs() -> list[Job]:
    """Every card of every gallery post, with its page number in its post."""
    jobs, problems = plan(gallery_posts())
    assert not problems, problems
    return jobs


def card_id(job: Job) -> str:
    return f"{job.folder.name}/{job.spec.stem}"


def variant_name(size: str | None, theme: str | None) -> str:
    return f"{size}-{theme}" if size else "as-written"


def layout_variant(job: Job, size: str | None, theme: str | None) -> Scene:
    """The card's scene at a named size and theme (None: as the post says);
    SpecError/SpecErrors when refused."""
    options = Options(size=SIZES[size] if size else None, theme=THEMES[theme] if theme else None)
    return layout_card(load_job(job, options))


@dataclass(frozen=True)
class Band:
    top: int  # first empty row
    height: int  # rows

    @property
    def bottom(self) -> int:
        return self.top + self.height


def background_of(scene: Scene):
    """The scene's canvas with only its background painted: the gradient under everything."""
    from postimages.paint import paint

    first = scene.items[0]
    assert isinstance(first, Gradient), f"a card's first drawable is its background, not {type(first).__name__}"
    return paint(Scene(scene.ctx, scene.content, [first], scene.background))


def empty_rows(image, background, tolerance: int = 2) -> list[bool]:
    """For each row of `image`, whether every pixel is within `tolerance`
    levels (any channel) of the same pixel of `background`: a row that shows
    nothing but the background."""
    from PIL import Image, ImageChops

    assert image.size == background.size
    height = image.size[1]
    rgb = [im if im.mode == "RGB" else im.convert("RGB") for im in (image, background)]
    # Per pixel, the largest channel difference; then 0 where within tolerance, 1 elsewhere;
    # then each row's mean (a box filter down to one column): 0 is a row of background only.
    r, g, b = ImageChops.difference(*rgb).split()
    worst = ImageChops.lighter(ImageChops.lighter(r, g), b)
    marks = worst.point(lambda v: 1 if v > tolerance else 0).convert("F")
    column = marks.resize((1, height), Image.Resampling.BOX)
    return [column.getpixel((0, y)) == 0 for y in range(height)]


def _longest_run(empty: list[bool]) -> Band:
    best, run = Band(0, 0), None
    for y, is_empty in enumerate([*empty, False]):
        if is_empty and run is None:
            run = y
        elif not is_empty and run is not None:
            if y - run > best.height:
                best = Band(run, y - run)
            run = None
    return best


def largest_empty_band(image, background, tolerance: int = 2) -> Band:
    """The tallest run of rows of `image` that show nothing but `background`
    (see `empty_rows`). Margins count too."""
    return _longest_run(empty_rows(image, background, tolerance))


def scene_band(scene: Scene, tolerance: int = 2) -> Band:
    """The largest empty band as the scene says, without painting: rows that
    no drawable but the background reaches (a shadow reaches the rows where it
    darkens the background by more than `tolerance` levels). Text counts by
    its line boxes, which are taller than its ink, so a painted card's band
    can be a little taller; tests compare the two on a sample."""
    import math

    width, height = scene.size
    background = scene.items[0]
    covered = bytearray(height)

    def cover(top: float, bottom: float) -> None:
        for y in range(max(0, math.floor(top)), min(height, math.ceil(bottom))):
            covered[y] = 1

    for item in scene.items[1:]:
        if isinstance(item, Shadow):
            contrast = max(abs(a - b) for end in (background.top, background.bottom)
                           for a, b in zip(end[:3], item.color[:3]))
            reach = 3 * item.blur
            top, bottom = item.box.y + item.offset_y, item.box.bottom + item.offset_y
            cover(top, bottom)  # under the box itself the shadow is at its strongest
            fringe = [*range(max(0, math.floor(top - reach)), max(0, math.ceil(top))),
                      *range(min(height, math.floor(bottom)), min(height, math.ceil(bottom + reach)))]
            for y in fringe:
                if item.strength_over(Box(item.box.x, y, item.box.w, 1)) * contrast > tolerance:
                    covered[y] = 1
        else:
            box = item.box
            cover(box.y, box.bottom if box.h > 0 else box.y + 1)
    return _longest_run([not hit for hit in covered])


def painted_bands(scene: Scene) -> tuple[Band, float]:
    """The largest empty band of the painted card, and the share of the rows
    of the content box (between the title and the footer) that are empty."""
    from postimages.paint import paint

    empty = empty_rows(paint(scene), background_of(scene))
    top, bottom = round(scene.content.y), round(scene.content.bottom)
    return _longest_run(empty), sum(empty[top:bottom]) / max(1, bottom - top)


# --- the report ---------------------------------------------------------------

def _texts_report(scene: Scene) -> dict:
    texts = scene.texts()
    width = scene.size[0]
    sizes = [(t.block.style.size, t.field) for t in texts]
    smallest = min(sizes) if sizes else (0, "")
    title = next((t.block.style.size for t in texts if t.field == "title"), None)
    code = [t.block.style.size for t in texts if t.block.style.family == "mono" and t.field in ("code", "source", "lines")]
    under = sorted({t.field for t in texts if t.block.style.size < t.legible - 0.5})
    upper = sorted({t.field for t in texts if t.block.style.uppercase and any(c.islower() for c in t.block.lines[0].text)}
                   ) if texts else []
    orphans = sorted({t.field for t in texts if isinstance(getattr(t, "placed", None), object)
                      and len(t.block.lines) > 1 and len(t.block.lines[-1].text.split()) == 1
                      and t.block.style.family != "mono"})
    return {
        "title": title,
        "smallest": smallest,
        "phone": smallest[0] * PHONE_WIDTH / width,
        "code": min(code) if code else None,
        "under": under,
        "upper": upper,
        "orphans": orphans,
    }


def report_line(job: Job, size: str | None, theme: str | None) -> str:
    name = f"{card_id(job):<38} {variant_name(size, theme):<15}"
    try:
        scene = layout_variant(job, size, theme)
    except SpecErrors as exc:
        return f"{name} REFUSED {exc.errors[0].field}: {exc.errors[0].message}" + (
            f" (+{len(exc.errors) - 1})" if len(exc.errors) > 1 else "")
    except SpecError as exc:
        return f"{name} REFUSED {exc.field}: {exc.message} ({exc.hint})"
    band, content_empty = painted_bands(scene)
    height = scene.size[1]
    t = _texts_report(scene)
    parts = [
        f"band {band.height:4d} px {100 * band.height / height:3.0f}% at y={band.top:<4d}",
        f"content {100 * content_empty:3.0f}% empty",
        f"title {t['title']:.0f}" if t["title"] else "title -",
        f"min {t['smallest'][0]:.0f} px ({t['smallest'][1]}) = {t['phone']:.1f} px at {PHONE_WIDTH}",
    ]
    if t["code"]:
        parts.append(f"code {t['code']:.0f} px")
    if t["under"]:
        parts.append("under legible: " + ", ".join(t["under"]))
    if t["upper"]:
        parts.append("uppercased: " + ", ".join(t["upper"]))
    if t["orphans"]:
        parts.append("one-word last line: " + ", ".join(t["orphans"]))
    return f"{name} " + " · ".join(parts)


def main(names: list[str]) -> int:
    jobs = [job for job in gallery_jobs() if not names or job.folder.name in names]
    for job in jobs:
        for size, theme in VARIANTS:
            print(report_line(job, size, theme), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
