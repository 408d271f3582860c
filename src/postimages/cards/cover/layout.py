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
from postimages.text import Placed, TextBlock, TextStyle, balance, check_drawable, fit, make_line

# At 1200 px wide.
LARGEST_TITLE = 136
SUBTITLE = 44
SUBTITLE_MIN = 34
SWIPE = 32


@dataclass(frozen=True)
class Composition:
    pieces: list[Piece]
    disc: float  # the emoji disc's diameter, 0 without an emoji
    column: Box  # where the texts go
    disc_box: Box | None


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    emoji = (card.fields.get("emoji") or "").strip()
    if emoji:
        check_drawable(emoji, "emoji")
    items: list[Drawable] = []
    room = content
    if swipe_on(card):
        cue = slide.button("Swipe", "swipe", ctx.px(SWIPE), content.w, ctx, filled=False)
        cue = slide.moved(cue, content.right - cue.box.w, content.bottom - cue.box.h)
        items += slide.button_items(cue, "swipe", ctx, filled=False)
        room = Box(content.x, content.y, content.w, content.h - cue.box.h - ctx.px(32))
    composition, shrunk = slide.largest_title(LARGEST_TITLE, ctx, lambda size: _compose(card, emoji, size, room, ctx))
    return _drawables(composition, emoji, room, ctx) + items + ([shrunk] if shrunk else [])


def _compose(card, emoji: str, size: float, room: Box, ctx: Context) -> Composition:
    """Everything at title size `size`, or NoFit when it does not fit `room`."""
    beside = bool(emoji) and ctx.compact
    disc = min(room.h * 0.78, room.w * 0.3) if beside else (_disc_above(size, ctx) if emoji else 0)
    column = Box(room.x, room.y, room.w - disc - ctx.px(48), room.h) if beside else room
    pieces = _pieces(card, size, column.w, ctx)
    height = slide.stack_height(pieces) + (0 if beside or not emoji else disc + ctx.px(40))
    if height > room.h:
        raise slide.room_error("title", height, room.h)
    top = room.y + (room.h - height) / 2
    if beside:
        disc_box = Box(room.right - disc, room.y + (room.h - disc) / 2, disc, disc)
        return Composition(pieces, disc, Box(column.x, top, column.w, height), disc_box)
    disc_box = Box(room.x, top, disc, disc) if emoji else None
    text_top = top + (disc + ctx.px(40) if emoji else 0)
    return Composition(pieces, disc, Box(column.x, text_top, column.w, height), disc_box)


def _disc_above(title_size: float, ctx: Context) -> float:
    """The emoji disc above the title: grows with it, within the look's proportions."""
    return max(ctx.px(150), min(ctx.px(230), title_size * 1.7))


def _pieces(card, size: float, width: float, ctx: Context) -> list[Piece]:
    f = card.fields
    pieces = slide.kicker_piece(card, width, ctx)
    title = slide.title_block(f["title"].strip(), size, width, ctx, max_lines=4)
    pieces.append(Piece("title", title, ctx.px(22), ctx.px(slide.LEGIBLE_TITLE)))
    if f.get("subtitle"):
        style = TextStyle(max(ctx.px(SUBTITLE_MIN), min(ctx.px(SUBTITLE), size * 0.42)), ctx.theme.muted,
                          line_height=1.3)
        block = balance(fit(f["subtitle"].strip(), style, field="subtitle", max_width=width, max_lines=3,
                            min_size=ctx.min_text), width)
        pieces.append(Piece("subtitle", block, ctx.px(28), ctx.px(SUBTITLE_MIN)))
    return pieces


def _drawables(c: Composition, emoji: str, room: Box, ctx: Context) -> list[Drawable]:
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
    style = TextStyle(r * 0.78, theme.text, line_height=1.0)
    block = TextBlock((make_line(emoji, style),), style)
    if block.width > r * 1.5:  # two or three emoji: smaller, to stay inside the disc
        style = style.at(style.size * r * 1.5 / block.width)
        block = TextBlock((make_line(emoji, style),), style)
    placed = Placed(block, Box(box.center_x - block.width / 2, box.center_y - block.height / 2, block.width,
                               block.height))
    return [halo, disc, Text("emoji", placed, ctx.min_text)]
