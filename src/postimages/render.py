"""The render pipeline: spec -> layout (a scene) -> paint -> image.

Layout runs first and computes every drawable (it may fail with a
LayoutError naming a field); only then is anything painted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from postimages import cards, fonts
from postimages.errors import LayoutError, SpecError
from postimages.frame import Context, frame_items, layout_frame
from postimages.mirror import in_reading_order
from postimages.scene import Scene, Shrunk, readable_emphasis
from postimages.spec import Card
from postimages.segment import UNDRAWABLE_HINT, MissingGlyphs
from postimages.yamlsource import join

if TYPE_CHECKING:  # Pillow is loaded only to paint
    from PIL import Image


# Drawing peaks at about 18 bytes a pixel (canvas, supersampled masks,
# shadows): 25 million pixels, a square card at --scale 4, takes ~450 MB;
# 16000x16000 (4000x4000 at --scale 4) would take 4.5 GB and 20 s.
MAX_PIXELS = 25_000_000


def scaled_size(size: tuple[int, int], scale: float) -> tuple[int, int]:
    return round(size[0] * scale), round(size[1] * scale)


def layout_card(card: Card, scale: float = 1.0) -> Scene:
    """The card's scene; a LayoutError becomes a located SpecError."""
    width, height = scaled_size(card.size, scale)
    if width * height > MAX_PIXELS:
        raise card.error("size", f"{width}×{height} px ({width * height / 1e6:.0f} million pixels"
                         f"{f' at --scale {scale:g}' if scale != 1 else ''}) is more than the "
                         f"{MAX_PIXELS / 1e6:.0f} million that can be drawn safely",
                         "use a smaller size or --scale")
    ctx = Context(card.theme, (width, height), images=load_images(card))
    kind = cards.get(card.kind)
    with fonts.using(card.fonts):
        return _layout(card, kind, ctx)


def _layout(card: Card, kind, ctx: Context) -> Scene:
    try:
        if not (kind.side_header and ctx.compact):
            return _laid_out(card, kind, ctx, side=False)
        return _best_of_top_and_side(card, kind, ctx)
    except LayoutError as exc:
        raise _located(card, exc) from None
    except MissingGlyphs as exc:
        # Text measured before anything checked it (a unit, a footer): name the field that has it.
        raise _located(card, LayoutError(_field_with(card, exc.characters), str(exc),
                                         UNDRAWABLE_HINT)) from None


def _laid_out(card: Card, kind, ctx: Context, side: bool) -> Scene:
    frame = layout_frame(card, ctx, side=side, header=not kind.own_header, page=kind.page_number,
                         author_size=kind.author_size)
    ctx = replace(ctx, aside=frame.aside)
    if frame.content.h < ctx.px(120) or frame.content.w < ctx.px(200):
        raise LayoutError("title", "the title, subtitle and footer leave no room for the content",
                          "shorten them or use a taller size")
    own = kind.layout(card, frame.content, ctx)
    framed, drawn = frame_items(frame, ctx), [item for item in own if not isinstance(item, Shrunk)]
    framed, drawn, content = in_reading_order(framed, drawn, frame.content, frame.aside, ctx.size[0], kind.mirrors)
    scene = Scene(ctx, content, framed + drawn, shrunk=next((item for item in own if isinstance(item, Shrunk)), None))
    readable_emphasis(scene)
    return scene


def _best_of_top_and_side(card: Card, kind, ctx: Context) -> Scene:
    """A wide card with the header on top when its content stays legible there
    (a short snippet); else with the header at the side, if that draws it larger."""
    try:
        top = _laid_out(card, kind, ctx, side=False)
        if top.shrunk is None:
            return top
    except LayoutError:
        top = None
    try:
        side = _laid_out(card, kind, ctx, side=True)
    except LayoutError:
        if top is None:
            raise  # the side's reason: it had the most room, so its hint is the one that works
        return top
    return side if top is None or _smallest_share(side) >= _smallest_share(top) else top


def _smallest_share(scene: Scene) -> float:
    """How close the most shrunk text of a scene is to its legible size (1: legible)."""
    return min((t.block.style.size / t.legible for t in scene.texts() if t.block.lines and t.legible), default=1.0)


def load_images(card: Card) -> dict:
    """Every image the card shows, by the field naming it; a bad file is a SpecError at that field."""
    named = {"avatar": card.avatar, "logo": card.logo, **cards.get(card.kind).images(card)}
    named = {field: path for field, path in named.items() if path is not None}
    if not named:
        return {}  # the image module (~2 ms to load) only for a card that shows one
    from postimages.images import ImageProblem, load_image

    loaded = {}
    for field, path in named.items():
        try:
            loaded[field] = load_image(path)
        except ImageProblem as exc:
            raise card.error(field, exc.message, exc.hint) from None
    return loaded


def image_warnings(card: Card) -> list[SpecError]:
    """A located note for each image that draws other than it is (an animation's first frame)."""
    return [card.error(field, note) for field, image in load_images(card).items() for note in image.warnings]


def _field_with(card: Card, characters: list[str]) -> str:
    """The first field of the card whose text holds one of `characters`."""
    settings = {"footer": card.footer, "author": card.author, "handle": card.handle}
    for path, text in [*strings_of(card.located.data), *settings.items()]:
        if isinstance(text, str) and any(c in text for c in characters):
            return path
    return "kind"


def strings_of(value: object, path: str = ""):
    """(field path, text) of every string in a parsed spec."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings_of(child, join(path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings_of(child, join(path, index))


def _located(card: Card, exc: LayoutError) -> SpecError:
    return card.error(exc.field, exc.message, exc.hint)


def draw_card(card: Card, scene: Scene) -> Image.Image:
    from postimages.paint import paint
    from postimages import fontwork

    with fonts.using(card.fonts):
        image = paint(scene)
    fontwork.keep()  # for the next run, and the next card of a worker that may be killed
    return image


def render_card(card: Card, scale: float = 1.0) -> Image.Image:
    return draw_card(card, layout_card(card, scale))
