"""kind: closing — the layout: kicker, a title as large as the card allows, the lines
with accent bullets, and the call to action as a filled button, stacked in the middle."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import slide
from postimages.cards.closing.spec import lines_of
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable
from postimages.slide import Button, Piece
from postimages.text import TextStyle, check_drawable, fit

# At 1200 px wide.
LARGEST_TITLE = 148
LINE, LINE_MIN = 46, 34
CTA = 40


@dataclass(frozen=True)
class Composition:
    pieces: list[Piece]
    top: float
    bullets: list[Circle]
    cta: Button | None


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    for i, line in enumerate(lines_of(card)):
        check_drawable(line, f"lines[{i}]")
    cta = None
    if card.fields["cta"]:
        cta = slide.button(card.fields["cta"].strip(), "cta", ctx.px(CTA), content.w, ctx, filled=True)
    composition, shrunk = slide.largest_title(LARGEST_TITLE, ctx, lambda size: _compose(card, size, cta, content, ctx))
    items = slide.stack_items(composition.pieces, content.x, composition.top, content.w) + composition.bullets
    if composition.cta is not None:
        items += slide.button_items(composition.cta, "cta", ctx, filled=True)
    return items + ([shrunk] if shrunk else [])


def _bullet_column(ctx: Context) -> float:
    return ctx.px(44)


def _compose(card, size: float, cta: Button | None, content: Box, ctx: Context) -> Composition:
    width = content.w
    pieces = slide.kicker_piece(card, width, ctx)
    title = slide.title_block(card.fields["title"].strip(), size, width, ctx, max_lines=4)
    pieces.append(Piece("title", title, ctx.px(22), ctx.px(slide.LEGIBLE_TITLE)))
    line_size = max(ctx.px(LINE_MIN), min(ctx.px(LINE), size * 0.45))
    style = TextStyle(line_size, ctx.theme.muted, weight="medium", line_height=1.3)
    for i, line in enumerate(lines_of(card)):
        block = fit(line, style, field=f"lines[{i}]", max_width=width - _bullet_column(ctx), max_lines=2,
                    min_size=ctx.min_text)
        pieces.append(Piece(f"lines[{i}]", block, ctx.px(48) if i == 0 else ctx.px(18), ctx.px(LINE_MIN),
                            indent=_bullet_column(ctx)))
    cta_gap = ctx.px(56)
    height = slide.stack_height(pieces) + (cta_gap + cta.box.h if cta else 0)
    if height > content.h:
        raise slide.room_error("title", height, content.h)
    top = content.y + (content.h - height) / 2
    bullets = _bullets(pieces, top, content.x, ctx)
    placed_cta = slide.moved(cta, content.x, top + height - cta.box.h) if cta else None
    return Composition(pieces, top, bullets, placed_cta)


def _bullets(pieces: list[Piece], top: float, x: float, ctx: Context) -> list[Circle]:
    """An accent dot at the middle of each line's first row."""
    bullets, y = [], top
    for i, piece in enumerate(pieces):
        y += piece.gap_before if i else 0
        if piece.field.startswith("lines["):
            r = piece.block.style.size * 0.2
            middle = y + piece.block.line_advance / 2
            bullets.append(Circle((x + r + ctx.px(4), middle), r, ctx.theme.accent, name=f"{piece.field}.bullet"))
        y += piece.block.height
    return bullets
