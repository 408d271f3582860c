"""kind: quote — the layout: a large opening quote mark in the accent, the statement
as large as the room allows, then a row with the attribution and the stamp."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import scene
from postimages.cards.quote.spec import stamp_status, statement
from postimages.color import mix, readable
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Drawable, Rule, Shape, Shrunk
from postimages.text import Placed, TextBlock, TextStyle, balance, check_drawable, fit, make_line, single_line

# At 1200 px wide: the statement from LARGEST down to LEGIBLE, then to FLOOR with a warning.
LARGEST, LEGIBLE, FLOOR = 260, 40, 26
BY, BY_LARGEST = 34, 44
STAMP = 32
MARK = 3.0  # the quote mark's size, in statement sizes
# Where the ink of “ sits in its line box (line height 1): from 0.11 em to 0.37 em below the top,
# and 0.04 em right of its origin; the mark hangs by that much so its ink lines up with the text.
MARK_INK_TOP, MARK_INK_HEIGHT, MARK_BEARING = 0.11, 0.26, 0.042


@dataclass(frozen=True)
class Composition:
    mark: Placed
    quote: Placed
    by: Placed | None
    stamp: Box | None
    stamp_text: Placed | None
    rule: tuple[float, float, float] | None  # from x, to x, at y: the short accent line before `by`


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    text = statement(card)
    check_drawable(text, "quote", "display", "semibold")

    def explain(candidates, failures: list[NoFit]) -> NoFit:
        last = failures[-1]
        return NoFit("quote", last.message, "shorten the quote, or use a taller size such as portrait",
                     last.shortfall)

    legible = [ctx.px(s) for s in range(LARGEST, LEGIBLE - 1, -4)]
    smaller = [ctx.px(s) for s in range(LEGIBLE - 2, FLOOR - 1, -2)]
    composition, reason = legible_else_floor(legible, smaller, lambda size: _compose(card, text, size, content, ctx),
                                             explain)
    items = _drawables(composition, stamp_status(card), ctx)
    if reason:
        items.append(Shrunk("quote", reason.message, "shorten the quote, or use a taller size such as portrait"))
    return items


def _compose(card, text: str, size: float, content: Box, ctx: Context) -> Composition:
    mark_size = max(ctx.px(200), min(size * MARK, ctx.px(400)))
    mark_style = TextStyle(mark_size, ctx.theme.accent, family="display", weight="bold", line_height=1.0)
    mark_block = TextBlock((make_line("“", mark_style),), mark_style)
    mark_ink = mark_size * MARK_INK_HEIGHT
    gap = ctx.px(16)
    foot = _foot(card, content.w, size, ctx)
    foot_h = foot[0] + (ctx.px(48) if foot[0] else 0)
    room = content.h - mark_ink - gap - foot_h
    style = TextStyle(size, ctx.theme.text, family="display", weight="semibold", line_height=1.18)
    block = balance(fit(text, style, field="quote", max_width=content.w, max_height=max(room, 0), min_size=size),
                    content.w)
    height = mark_ink + gap + block.height + foot_h
    top = content.y + (content.h - height) / 2
    # The mark's line box starts above its ink; its ink top is at the group's top.
    mark_box = Box(content.x - mark_size * MARK_BEARING, top - mark_size * MARK_INK_TOP, mark_block.width,
                   mark_block.height)
    mark = Placed(mark_block, mark_box)
    quote = Placed(block, Box(content.x, top + mark_ink + gap, content.w, block.height))
    return _with_foot(mark, quote, foot, quote.box.bottom + ctx.px(48), content, ctx)


def _foot(card, width: float, quote_size: float, ctx: Context) -> tuple[float, TextBlock | None, TextBlock | None, bool]:
    """(height, by, stamp words, side by side) of the row under the statement."""
    by = stamp = None
    if card.fields["by"]:
        by_size = max(ctx.px(BY), min(ctx.px(BY_LARGEST), quote_size * 0.3))  # grows under a large quote
        style = TextStyle(by_size, ctx.theme.muted, weight="medium", line_height=1.3)
        by = fit(card.fields["by"].strip(), style, field="by", max_width=width - ctx.px(72), max_lines=2,
                 min_size=ctx.min_text)
    if card.fields["stamp"]:
        stamp = _stamp_words(card.fields["stamp"], width, ctx)
    if by is None and stamp is None:
        return 0, None, None, True
    stamp_h = stamp.height + 2 * ctx.px(18) if stamp else 0
    side = by is None or stamp is None or by.width + ctx.px(72) + stamp.width + ctx.px(60) + ctx.px(40) <= width
    by_h = by.height if by else 0
    height = max(by_h, stamp_h) if side else by_h + ctx.px(28) + stamp_h
    return height, by, stamp, side


def stamp_fill(theme, status: str):
    return mix(theme.panel, theme.status_color(status), 0.14)


def _stamp_words(stamp: dict, width: float, ctx: Context) -> TextBlock:
    words = f"{stamp['icon']}  {stamp['text'].strip()}" if stamp["icon"] else stamp["text"].strip()
    status = stamp["status"] or "neutral"
    color = readable(ctx.theme.status_color(status), stamp_fill(ctx.theme, status), toward=ctx.theme.text)
    style = TextStyle(ctx.px(STAMP), color, weight="bold", tracking=0.12, uppercase=True, line_height=1.2)
    return single_line(words, style, field="stamp.text", max_width=width - ctx.px(60), min_size=ctx.min_text)


def _with_foot(mark: Placed, quote: Placed, foot, y: float, content: Box, ctx: Context) -> Composition:
    height, by_block, stamp_block, side = foot
    by = rule = stamp = stamp_text = None
    if by_block is not None:
        by_top = y + (height - by_block.height) / 2 if side else y
        rule_y = by_top + by_block.style.size * 0.66
        rule = (content.x, content.x + ctx.px(48), rule_y)
        by = Placed(by_block, Box(content.x + ctx.px(72), by_top, by_block.width, by_block.height))
    if stamp_block is not None:
        pad_x, pad_y = ctx.px(30), ctx.px(18)
        w, h = stamp_block.width + 2 * pad_x, stamp_block.height + 2 * pad_y
        if side:
            x = content.right - w if by_block is not None else content.x
            stamp = Box(x, y + (height - h) / 2, w, h)
        else:
            stamp = Box(content.x, y + height - h, w, h)
        stamp_text = Placed(stamp_block, Box(stamp.x + pad_x, stamp.y + pad_y, stamp_block.width, stamp_block.height))
    return Composition(mark, quote, by, stamp, stamp_text, rule)


def _drawables(c: Composition, status: str, ctx: Context) -> list[Drawable]:
    theme = ctx.theme
    items: list[Drawable] = [*scene.text("quote.mark", c.mark, ctx.min_text),
                             *scene.text("quote", c.quote, ctx.px(LEGIBLE))]
    if c.rule is not None:
        x0, x1, y = c.rule
        items.append(Rule((round(x0), round(y)), (round(x1), round(y)), max(2, round(ctx.px(3))), theme.accent,
                          name="by.rule"))
    items += scene.text("by", c.by, ctx.min_text)
    if c.stamp is not None and c.stamp_text is not None:
        color = theme.status_color(status)
        fill = stamp_fill(theme, status)
        # The tint, then the border that carries the status (held to 3:1 on its own).
        items.append(Shape(c.stamp, ctx.px(14), fill=fill, name="stamp.tint"))
        items.append(Shape(c.stamp, ctx.px(14), outline=color, width=max(2, ctx.px(3)), name="stamp.border",
                           meaning=f"the stamp's status: {status}"))
        items += scene.text("stamp.text", c.stamp_text, ctx.min_text)
    return items
