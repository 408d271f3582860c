"""kind: cover — the layout: kicker, a title as large as the card allows and the
subtitle, stacked with the emoji in a soft disc above them (beside them on a wide
card); the swipe cue at the foot, on the right."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import slide
from postimages.cards.cover.spec import swipe_on
from postimages.color import mix
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable, Text
from postimages.slide import Piece
from postimages.text import Placed, TextBlock, TextStyle, check_drawable, make_line
from postimages.textfit import balance, fit

# At 1200 px wide.
LARGEST_TITLE = 240
DISC, DISC_MIN = 400, 200
SUBTITLE = 44
SUBTITLE_MIN = 34
SWIPE = 32


@dataclass(frozen=True)
class Composition:
    pieces: list[Piece]
    column: Box  # where the texts go
    disc_box: Box | None  # the emoji's disc
    cue_at: tuple[float, float] | None = None  # the swipe cue's top left, when it sits under the disc


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    emoji = (card.fields.get("emoji") or "").strip()
    if emoji:
        check_drawable(emoji, "emoji")
    cue = slide.button("Swipe", "swipe", ctx.px(SWIPE), content.w, ctx, filled=False) if swipe_on(card) else None
    beside = bool(emoji) and ctx.compact
    room = content
    if cue is not None and not beside:  # the cue on its own row at the foot, on the right
        room = Box(content.x, content.y, content.w, content.h - cue.box.h - ctx.px(32))
    composition, shrunk = slide.largest_title(
        LARGEST_TITLE, ctx, lambda size: _compose(card, emoji, size, room, ctx, cue if beside else None))
    items = _drawables(composition, emoji, ctx)
    if cue is not None:
        x, y = composition.cue_at if beside else (content.right - cue.box.w, content.bottom - cue.box.h)
        items += slide.button_items(slide.moved(cue, x, y), "swipe", ctx, filled=False)
    return items + ([shrunk] if shrunk else [])


def _compose(card, emoji: str, size: float, room: Box, ctx: Context, cue) -> Composition:
    """Everything at title size `size`, or NoFit when it does not fit `room`. On a wide
    card the emoji (and the cue under it) take a column at the right."""
    if emoji and ctx.compact:
        return _beside(card, size, room, ctx, cue)
    pieces = _pieces(card, size, room.w, ctx)
    text_h = slide.stack_height(pieces)
    gap = ctx.px(40)
    disc = max(ctx.px(DISC_MIN), min(ctx.px(DISC), room.h - text_h - gap, size * 2.2)) if emoji else 0
    height = text_h + (disc + gap if emoji else 0)
    if height > room.h:
        raise slide.room_error("title", height, room.h)
    top = slide.balanced_top(room, height, ctx)
    disc_box = Box(room.x, top, disc, disc) if emoji else None
    text_top = top + (disc + gap if emoji else 0)
    return Composition(pieces, Box(room.x, text_top, room.w, text_h), disc_box)


def _beside(card, size: float, room: Box, ctx: Context, cue) -> Composition:
    cue_h = cue.box.h + ctx.px(28) if cue is not None else 0
    disc = min(room.h * 0.8 - cue_h, room.w * 0.26)
    column = Box(room.x, room.y, room.w - disc - ctx.px(56), room.h)
    pieces = _pieces(card, size, column.w, ctx)
    height = slide.stack_height(pieces)
    if height > room.h:
        raise slide.room_error("title", height, room.h)
    side_top = room.y + (room.h - disc - cue_h) / 2
    disc_box = Box(room.right - disc, side_top, disc, disc)
    cue_at = (disc_box.center_x - cue.box.w / 2, disc_box.bottom + ctx.px(28)) if cue is not None else None
    return Composition(pieces, Box(column.x, room.y + (room.h - height) / 2, column.w, height), disc_box, cue_at)


def _pieces(card, size: float, width: float, ctx: Context) -> list[Piece]:
    f = card.fields
    pieces = slide.kicker_piece(card, width, ctx)
    title = slide.title_block(f["title"].strip(), size, width, ctx, max_lines=4)
    pieces.append(Piece("title", title, ctx.px(22), ctx.px(slide.LEGIBLE_TITLE)))
    if f.get("subtitle"):
        style = TextStyle(max(ctx.px(SUBTITLE_MIN), min(ctx.px(SUBTITLE), size * 0.42)), ctx.theme.muted,
                          line_height=1.3, emphasis=ctx.theme.accent)
        block = balance(fit(f["subtitle"].strip(), style, field="subtitle", max_width=width, max_lines=3,
                            min_size=ctx.min_text), width)
        pieces.append(Piece("subtitle", block, ctx.px(28), ctx.px(SUBTITLE_MIN)))
    return pieces


def _drawables(c: Composition, emoji: str, ctx: Context) -> list[Drawable]:
    items: list[Drawable] = []
    if c.disc_box is not None:
        items += _emoji_disc(emoji, c.disc_box, ctx)
    return items + slide.stack_items(c.pieces, c.column.x, c.column.y, c.column.w)


def _emoji_disc(emoji: str, box: Box, ctx: Context) -> list[Drawable]:
    """The emoji centred on a soft accent disc with a fainter halo."""
    theme = ctx.theme
    r = box.w / 2
    halo = Circle((box.center_x, box.center_y), r, mix(theme.background_top, theme.accent, 0.10), name="emoji.halo")
    disc = Circle((box.center_x, box.center_y), r * 0.8, mix(theme.panel, theme.accent, 0.22), name="emoji.disc")
    style = TextStyle(r, theme.text, line_height=1.0)
    block = TextBlock((make_line(emoji, style),), style)
    if block.width > r * 1.5:  # two or three emoji: smaller, to stay inside the disc
        style = style.at(style.size * r * 1.5 / block.width)
        block = TextBlock((make_line(emoji, style),), style)
    placed = Placed(block, Box(box.center_x - block.width / 2, box.center_y - block.height / 2, block.width,
                               block.height))
    return [halo, disc, Text("emoji", placed, ctx.min_text)]
