"""The render pipeline: one validated card in, one image out.

Layout runs first and computes every box (it may fail with a LayoutError
naming a field); only then is anything drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from postimages import cards
from postimages.errors import LayoutError, SpecError
from postimages.frame import Context, FrameLayout, draw_background, draw_frame, layout_frame
from postimages.spec import Card


@dataclass
class CardLayout:
    ctx: Context
    frame: FrameLayout
    content: object  # the card kind's own layout


def scaled_size(size: tuple[int, int], scale: float) -> tuple[int, int]:
    return round(size[0] * scale), round(size[1] * scale)


def layout_card(card: Card, scale: float = 1.0) -> CardLayout:
    """Compute every box of a card; a LayoutError becomes a located SpecError."""
    ctx = Context(card.theme, scaled_size(card.size, scale))
    module = cards.module(card.kind)
    try:
        frame = layout_frame(card, ctx)
        if frame.content.h < ctx.px(120) or frame.content.w < ctx.px(200):
            raise LayoutError("title", "the title, subtitle and footer leave no room for the content",
                              "shorten them or use a taller size")
        content = module.layout(card, frame.content, ctx)
    except LayoutError as exc:
        raise _located(card, exc) from None
    return CardLayout(ctx, frame, content)


def _located(card: Card, exc: LayoutError) -> SpecError:
    return card.error(exc.field, exc.message, exc.hint)


def draw_card(card: Card, laid_out: CardLayout) -> Image.Image:
    ctx = laid_out.ctx
    image = draw_background(ctx.size, ctx.theme)
    draw_frame(image, laid_out.frame, ctx)
    cards.module(card.kind).draw(image, laid_out.content, ctx)
    return image


def render_card(card: Card, scale: float = 1.0) -> Image.Image:
    return draw_card(card, layout_card(card, scale))
