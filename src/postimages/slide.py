"""What first and last slides share: a headline stack of texts the kind places itself
(kicker, a large title, lines under it), sized by one search, and a pill button."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import scene
from postimages.color import Color, contrast, mix, readable
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context, kicker_style
from postimages.geometry import Box
from postimages.scene import Arrow, Drawable, Shape, Shrunk
from postimages.text import Placed, TextBlock, TextStyle, words
from postimages.textfit import balance, fit, single_line


@dataclass(frozen=True)
class Piece:
    """One text of a stack, with the space above it and the size it reads at."""

    field: str
    block: TextBlock
    gap_before: float
    legible: float
    indent: float = 0.0  # from the stack's left edge (a bulleted line)


def stack_height(pieces: list[Piece]) -> float:
    return sum((p.gap_before if i else 0) + p.block.height for i, p in enumerate(pieces))


def stack_items(pieces: list[Piece], x: float, top: float, width: float) -> list[Drawable]:
    items: list[Drawable] = []
    y = top
    for i, piece in enumerate(pieces):
        y += piece.gap_before if i else 0
        box = Box(x + piece.indent, y, width - piece.indent, piece.block.height)
        items += scene.text(piece.field, Placed(piece.block, box), piece.legible)
        y += piece.block.height
    return items


def kicker_piece(card, width: float, ctx: Context, size: float = 30) -> list[Piece]:
    if not card.fields.get("kicker"):
        return []
    style = kicker_style(ctx, ctx.theme.accent).at(ctx.px(size))
    block = fit(card.fields["kicker"], style, field="kicker", max_width=width, max_lines=2, min_size=ctx.floor_text)
    return [Piece("kicker", balance(block, width), 0, ctx.min_text)]


def title_block(title: str, size: float, width: float, ctx: Context, max_lines: int) -> TextBlock:
    """The title at exactly `size`, in balanced lines (NoFit when it needs more than `max_lines`)."""
    style = TextStyle(size, ctx.theme.text, family="display", weight="bold", line_height=1.08,
                      emphasis=ctx.theme.accent)
    block = balance(fit(title, style, field="title", max_width=width, max_lines=max_lines, min_size=size), width)
    if size > ctx.px(LEGIBLE_TITLE) and lonely_word(block):
        raise NoFit("title", "a line would hold one word alone", "shorten the title")
    return block


def lonely_word(block: TextBlock) -> bool:
    """Lines of one word where a smaller size breaks better: two or more of them, or one in a
    text of six words or more (a short text set large may end on one word, as a poster does)."""
    lines = [words(line.text, block.style) for line in block.lines]
    lonely = sum(len(words) == 1 for words in lines)
    return len(lines) > 1 and (lonely >= 2 or (lonely == 1 and sum(map(len, lines)) >= 6))


# Title sizes at 1200 px wide: the look's headline is 60 px or more; under it only to fit.
LEGIBLE_TITLE = 60
FLOOR_TITLE = 40


def title_sizes(largest: float, ctx: Context) -> tuple[list[float], list[float]]:
    """Candidate title sizes, legible ones (largest first) and the smaller ones down to the floor."""
    legible = [ctx.px(s) for s in range(round(largest), LEGIBLE_TITLE - 1, -4)]
    smaller = [ctx.px(s) for s in range(LEGIBLE_TITLE - 4, FLOOR_TITLE - 1, -4)]
    return legible, smaller


def largest_title(largest: float, ctx: Context, attempt):
    """`attempt(title size)` at the largest size that fits, and a Shrunk when under the legible size."""
    def explain(candidates, failures: list[NoFit]) -> NoFit:
        last = failures[-1]
        return NoFit(last.field, last.message, last.hint or "shorten it", last.shortfall)

    legible, smaller = title_sizes(largest, ctx)
    result, reason = legible_else_floor(legible, smaller, attempt, explain)
    shrunk = Shrunk(reason.field, reason.message, reason.hint) if reason else None
    return result, shrunk


def balanced_top(room: Box, height: float, ctx: Context, empty_above: float | None = None) -> float:
    """Where a group of `height` starts in `room` so that the empty space above it (`empty_above`
    of it lies above `room`: by default all the way from the card's top edge) and below it (down
    to the footer's rule) are about equal."""
    lead = room.y if empty_above is None else empty_above
    free = room.h - height
    return room.y + min(max(0.0, (free + ctx.px(36) - lead) / 2), max(free, 0.0))


def room_error(field: str, needed: float, room: float) -> NoFit:
    return NoFit(field, f"the content needs {needed:.0f} px of height, the card has {room:.0f}",
                 "shorten the title or the lines under it, or use a taller size such as portrait",
                 shortfall=needed - room)


@dataclass(frozen=True)
class Button:
    box: Box
    label: Placed
    arrow: Arrow | None


def button(label: str, field: str, size: float, max_width: float, ctx: Context, *, filled: bool,
           arrow: bool = True) -> Button:
    """A pill with `label` and an arrow at its right, its top-left at (0, 0): place it with `moved`."""
    fill = _button_fill(ctx, filled)
    color = readable(_on_accent(ctx), fill) if filled else readable(ctx.theme.accent, fill, toward=ctx.theme.text)
    style = TextStyle(size, color, weight="bold", line_height=1.2)
    pad_x, pad_y = size * 0.9, size * 0.55
    arrow_w = size * 1.1 if arrow else 0
    gap = size * 0.5 if arrow else 0
    block = single_line(label, style, field=field, max_width=max_width - 2 * pad_x - arrow_w - gap,
                        min_size=ctx.min_text)
    height = block.height + 2 * pad_y
    box = Box(0, 0, block.width + 2 * pad_x + gap + arrow_w, height)
    placed = Placed(block, Box(pad_x, pad_y, block.width, block.height))
    line = None
    if arrow:
        y, x = height / 2, pad_x + block.width + gap
        line = Arrow((x, y), (x + arrow_w, y), max(2.0, block.style.size * 0.1), block.style.size * 0.42, color,
                     name=f"{field}.arrow")
    return Button(box, placed, line)


def moved(b: Button, x: float, y: float) -> Button:
    arrow = b.arrow._replace(start=(b.arrow.start[0] + x, b.arrow.start[1] + y),
                             end=(b.arrow.end[0] + x, b.arrow.end[1] + y)) if b.arrow else None
    return Button(b.box.moved(x, y), Placed(b.label.block, b.label.box.moved(x, y)), arrow)


def button_items(b: Button, field: str, ctx: Context, *, filled: bool) -> list[Drawable]:
    fill = _button_fill(ctx, filled)
    outline = None if filled else mix(ctx.theme.panel_border, ctx.theme.accent, 0.6)
    items: list[Drawable] = []
    if filled:
        items.append(scene.Shadow(b.box, b.box.h / 2, ctx.theme.shadow, ctx.theme.shadow_opacity * 0.8,
                                  blur=ctx.px(24), offset_y=ctx.px(10), covered=True))
    items.append(Shape(b.box, b.box.h / 2, fill=fill, outline=outline, width=max(1, ctx.u * 2),
                       name=f"{field}.button"))
    items += scene.text(field, b.label, ctx.min_text)
    if b.arrow:
        items.append(b.arrow)
    return items


def _button_fill(ctx: Context, filled: bool) -> Color:
    return ctx.theme.accent if filled else mix(ctx.theme.panel, ctx.theme.accent, 0.14)


def _on_accent(ctx: Context) -> Color:
    """Words on an accent fill: white on a deep accent, a deep navy on a light one."""
    white, ink = (255, 255, 255), (11, 16, 32)
    return white if contrast(white, ctx.theme.accent) >= contrast(ink, ctx.theme.accent) else ink
