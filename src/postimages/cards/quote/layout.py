"""kind: quote — the layout: a large opening quote mark in the accent, the statement
as large as the room allows, then a row with the attribution and the stamp.

The mark hangs in a column of its own left of the statement; on a tall card it
stands above the statement instead where that sets the statement at least as
large (a short statement, bound by the width: the freed column makes it larger
and the mark's own row fills the height a short statement leaves empty)."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import scene, slide
from postimages.cards.quote.spec import stamp_status, statement
from postimages.color import mix, readable
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Drawable, Glyphs, Rule, Shape, Shrunk, Text
from postimages.text import Placed, TextBlock, TextStyle, baseline_offset, check_drawable, make_line
from postimages.textfit import balance, fit, single_line

# At 1200 px wide: the statement from LARGEST down to LEGIBLE, then to FLOOR with a warning.
LARGEST, LEGIBLE, FLOOR = 260, 40, 26
BY, BY_LARGEST = 34, 44
STAMP = 32
MARK = 2.4  # the quote mark's size, in statement sizes
# Where the ink of “ sits in its line box (line height 1): from 0.11 em to 0.37 em below the top,
# 0.34 em wide from 0.04 em right of its origin; the mark hangs by that much so that its ink
# starts at the margin. Inter Display's capitals are 0.72 em tall.
MARK_INK_TOP, MARK_INK_HEIGHT, MARK_INK_WIDTH, MARK_BEARING = 0.11, 0.26, 0.34, 0.042
CAP_HEIGHT = 0.72
MARK_GAP = 0.45  # from a mark above to the statement's capitals, in statement sizes (about a line's gap)


@dataclass(frozen=True)
class Composition:
    # Beside the statement, the mark's line box; above it, a line drawn in a box of its ink
    # (its line box would run far into the statement under it).
    mark: Text | Glyphs
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

    def largest(compose) -> tuple[Composition, NoFit | None]:
        return legible_else_floor(legible, smaller, lambda size: compose(card, text, size, content, ctx), explain)

    composition, reason = largest(_compose)
    if ctx.size[1] > ctx.size[0] and reason is None:
        try:
            above, above_reason = largest(_compose_above)
            if above_reason is None and above.quote.block.style.size >= composition.quote.block.style.size:
                composition = above
        except NoFit:
            pass
    items = _drawables(composition, stamp_status(card), ctx)
    if reason:
        items.append(Shrunk("quote", reason.message, "shorten the quote, or use a taller size such as portrait"))
    return items


def _compose(card, text: str, size: float, content: Box, ctx: Context) -> Composition:
    """The mark hangs in a column of its own at the left, its ink from the first line's
    cap height down; the statement and the row under it take the column beside it."""
    mark_style = _mark_style(size, ctx)
    mark_size = mark_style.size
    mark_block = TextBlock((make_line("“", mark_style),), mark_style)
    indent = mark_size * MARK_INK_WIDTH + ctx.px(28)
    column = Box(content.x + indent, content.y, content.w - indent, content.h)
    foot = _foot(card, column.w, size, ctx)
    foot_h = _foot_height(foot, ctx)
    block = _statement(text, size, column.w, content.h - foot_h, ctx)
    mark_top = _cap_top(block.style) - MARK_INK_TOP * mark_size  # the mark's line box, from the statement's top
    above = max(0.0, -mark_top)
    height = above + block.height + foot_h  # what shows; the mark's box runs on below its ink
    mark_below = max(0.0, mark_top + mark_block.height - block.height - foot_h)
    _check_height(height + mark_below, content)
    top = _group_top(card, content, height, ctx, mark_below) + above
    mark = Placed(mark_block, Box(content.x - mark_size * MARK_BEARING, top + mark_top, mark_block.width,
                                  mark_block.height))
    quote = Placed(block, Box(column.x, top, column.w, block.height))
    return _with_foot(Text("quote.mark", mark, ctx.min_text), quote, foot, quote.box.bottom + ctx.px(48), column, ctx)


def _compose_above(card, text: str, size: float, content: Box, ctx: Context) -> Composition:
    """The mark's ink at the top, left on the margin; the statement under it as wide as the
    card, its capitals MARK_GAP below the mark; the row under the statement as beside."""
    mark_style = _mark_style(size, ctx)
    ink_h = MARK_INK_HEIGHT * mark_style.size
    foot = _foot(card, content.w, size, ctx)
    foot_h = _foot_height(foot, ctx)
    above = max(0.0, ink_h + MARK_GAP * size - _cap_top(_statement_style(size, ctx)))
    block = _statement(text, size, content.w, content.h - foot_h - above, ctx)
    height = above + block.height + foot_h
    _check_height(height, content)
    top = _group_top(card, content, height, ctx)
    line = make_line("“", mark_style)
    x = content.x - mark_style.size * MARK_BEARING  # the ink on the margin
    baseline = top - MARK_INK_TOP * mark_style.size + baseline_offset(mark_style)
    mark = Glyphs("quote.mark", x, baseline, line, mark_style, Box(x, top, line.width, ink_h), ctx.min_text)
    quote = Placed(block, Box(content.x, top + above, content.w, block.height))
    return _with_foot(mark, quote, foot, quote.box.bottom + ctx.px(48), content, ctx)


def _mark_style(size: float, ctx: Context) -> TextStyle:
    mark_size = max(ctx.px(110), min(size * MARK, ctx.px(300)))
    return TextStyle(mark_size, ctx.theme.accent, family="display", weight="bold", line_height=1.0)


def _statement_style(size: float, ctx: Context) -> TextStyle:
    return TextStyle(size, ctx.theme.text, family="display", weight="semibold", line_height=1.18,
                     emphasis=ctx.theme.accent)


def _cap_top(style: TextStyle) -> float:
    """From a line box's top to the top of its capitals."""
    return baseline_offset(style) - CAP_HEIGHT * style.size


def _statement(text: str, size: float, width: float, max_height: float, ctx: Context) -> TextBlock:
    """The statement at exactly `size`, in balanced lines; a NoFit for one word alone on a line."""
    block = balance(fit(text, _statement_style(size, ctx), field="quote", max_width=width,
                        max_height=max(max_height, 0), min_size=size), width)
    if size > ctx.px(LEGIBLE) and slide.lonely_word(block):
        raise NoFit("quote", "a line would hold one word alone", "shorten the quote")
    return block


def _foot_height(foot, ctx: Context) -> float:
    """The row under the statement and the gap above it."""
    return foot[0] + (ctx.px(48) if foot[0] else 0)


def _check_height(needed: float, content: Box) -> None:
    if needed > content.h + 0.5:
        raise NoFit("quote", f"the quote and its quote mark need {needed:.0f} px of height, the card "
                    f"has {content.h:.0f}", "shorten the quote", shortfall=needed - content.h)


def _group_top(card, content: Box, height: float, ctx: Context, runs_below: float = 0.0) -> float:
    """Where what shows of the group starts: the empty space above and below it balanced
    (under a header, from the header's foot; without one, from the card's top edge), and
    the group, with what `runs_below` it, kept in the card."""
    header = any(card.fields.get(name) for name in ("kicker", "title", "subtitle"))
    lead = ctx.px(28 if ctx.compact else 44) if header else None
    return min(slide.balanced_top(content, height, ctx, lead), content.bottom - height - runs_below)


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


def _with_foot(mark: Text | Glyphs, quote: Placed, foot, y: float, content: Box, ctx: Context) -> Composition:
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
    items: list[Drawable] = [c.mark, *scene.text("quote", c.quote, ctx.px(LEGIBLE))]
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
