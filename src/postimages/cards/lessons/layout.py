"""kind: lessons — the layout: each item placed in its cell of the chosen
arrangement (a row: number | badge | text; a tile: badge and number over the
text), then the drawables: per item its panel, badge, number, icon and texts."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import scene
from postimages.cards.lessons.arrange import Arrangement, arrange
from postimages.cards.lessons.sizing import Lines, Measures, number_style, row_gap
from postimages.cards.lessons.spec import Item, items_of
from postimages.color import Color, mix
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Drawable, Shape, Shrunk
from postimages.text import Placed, TextBlock, TextStyle, check_drawable, make_line
from postimages.textfit import single_line
from postimages.theme import Theme


@dataclass
class ItemLayout:
    panel: Box
    number: Placed | None  # None: the badge alone marks the item
    badge: Box | None
    icon: Placed | None
    title: Placed
    text: Placed | None


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    items = items_of(card)
    _check_drawable(items)
    arrangement = arrange(items, content, ctx)
    radius = ctx.px(24 if arrangement.grid.tiles else 28)
    drawables = [drawable for i, placed in enumerate(_place_grid(items, arrangement, content, ctx))
                 for drawable in _item_drawables(placed, f"items[{i}]", radius, ctx)]
    if arrangement.shrunk is not None:
        shrunk = arrangement.shrunk
        drawables.append(Shrunk(shrunk.field, shrunk.message, shrunk.hint))
    return drawables


def _check_drawable(items: list[Item]) -> None:
    """A character no font has is an error naming its field, before any measuring."""
    for i, item in enumerate(items):
        for name, value, weight in (("icon", item.icon, "regular"), ("title", item.title, "bold"),
                                    ("text", item.text, "regular")):
            if value:
                check_drawable(value, f"items[{i}].{name}", weight=weight)


def _place_grid(items: list[Item], arrangement: Arrangement, content: Box, ctx: Context) -> list[ItemLayout]:
    grid, heights = arrangement.grid, arrangement.heights
    gap = row_gap(grid.rows, ctx)
    total = sum(heights) + gap * (grid.rows - 1)
    tops = [content.y + (content.h - total) / 2]  # a short list sits in the middle of its area
    for h in heights[:-1]:
        tops.append(tops[-1] + h + gap)
    place = _place_tile if grid.tiles else _place_row
    placed = []
    for i, item in enumerate(items):
        row, column = grid.slot(i, arrangement.measures.numbered)
        cell = Box(content.x + column * (grid.cell_w + ctx.px(16)), tops[row], grid.cell_w, heights[row])
        placed.append(place(item, f"items[{i}]", cell, arrangement.lines[i], arrangement.measures, ctx))
    return placed


# --- one item ---------------------------------------------------------------


def _place_row(item: Item, field: str, cell: Box, lines: Lines, m: Measures, ctx: Context) -> ItemLayout:
    """A row: the big number, the badge, then title and lesson text, centred on one axis."""
    inner = cell.inset(m.pad_x, m.pad_y)
    number, x = None, inner.x
    if m.numbered:
        number_block = _number_block(item.number, m.number_size, ctx)
        number = Placed(number_block, Box(inner.x, inner.center_y - number_block.height / 2, m.number_width,
                                          number_block.height))
        x += m.number_width + m.gap
    badge = icon = None
    if m.badge:
        badge = Box(x, inner.center_y - m.badge / 2, m.badge, m.badge)
        icon = _icon_in(item, field, badge, ctx)
        x += m.badge + m.gap
    title, text = _stack(lines, Box(x, inner.center_y - lines.height / 2, m.text_width, lines.height))
    return ItemLayout(cell, number, badge, icon, title, text)


def _place_tile(item: Item, field: str, cell: Box, lines: Lines, m: Measures, ctx: Context) -> ItemLayout:
    """A tile: badge and number on top, then title and lesson text, top-aligned."""
    inner = cell.inset(m.pad_x, m.pad_y)
    head_h = max(m.badge, m.number_size)
    badge = icon = number = None
    if m.badge:
        badge = Box(inner.x, inner.y, m.badge, m.badge)
        icon = _icon_in(item, field, badge, ctx)
    if m.numbered:
        number_block = _number_block(item.number, m.number_size, ctx)
        number_x = inner.right - number_block.width if m.badge else inner.x  # across from the badge
        number = Placed(number_block, Box(number_x, inner.y + (head_h - number_block.height) / 2,
                                          number_block.width, number_block.height))
    title, text = _stack(lines, Box(inner.x, inner.y + head_h + m.gap, m.text_width, lines.height))
    return ItemLayout(cell, number, badge, icon, title, text)


def _stack(lines: Lines, column: Box) -> tuple[Placed, Placed | None]:
    title = Placed(lines.title, Box(column.x, column.y, column.w, lines.title.height))
    text = None
    if lines.text and lines.inline:
        x = column.x + lines.title.width + lines.gap
        text = Placed(lines.text, Box(x, column.y, column.right - x, lines.text.height))
    elif lines.text:
        text = Placed(lines.text, Box(column.x, title.box.bottom + lines.gap, column.w, lines.text.height))
    return title, text


def _number_block(number: str, size: float, ctx: Context) -> TextBlock:
    style = number_style(ctx, size)
    return TextBlock((make_line(number, style),), style)


def _icon_in(item: Item, field: str, badge: Box, ctx: Context) -> Placed | None:
    """The icon centred in its badge, at about half the badge's size."""
    if not item.icon:
        return None
    size = badge.h * (0.56 if badge.h >= ctx.px(56) else 0.74)  # small badges: the emoji fills more
    style = TextStyle(size, ctx.theme.text, line_height=1.0)
    block = single_line(item.icon, style, field=f"{field}.icon", max_width=badge.w * 0.8,
                        min_size=min(size, max(ctx.min_text, badge.h * 0.3)), align="center")
    return Placed(block, Box(badge.x, badge.center_y - block.height / 2, badge.w, block.height))


# --- drawables --------------------------------------------------------------


def _item_drawables(item: ItemLayout, field: str, radius: float, ctx: Context) -> list[Drawable]:
    """The panel, the badge, then the texts. The number is a count, not typed:
    it is named after its item."""
    theme, body = ctx.theme, ctx.min_text
    drawables = scene.panel(item.panel, radius, theme.panel, theme.panel_border, shadow=theme.shadow,
                            shadow_opacity=theme.shadow_opacity * 0.6, elevation=ctx.px(18),
                            border_width=max(1, ctx.u * 1.5), name=f"{field}.panel")
    if item.badge is not None:
        # A soft tinted square with a faint rim of the same tint.
        drawables.append(Shape(item.badge, item.badge.h * 0.28, fill=badge_fill(theme),
                               outline=mix(theme.panel, theme.accent, 0.30), width=max(1, ctx.u * 1.5),
                               name=f"{field}.badge"))
    for name, placed in ((field, item.number), (f"{field}.icon", item.icon), (f"{field}.title", item.title),
                         (f"{field}.text", item.text)):
        drawables += scene.text(name, placed, body)
    return drawables


def badge_fill(theme: Theme) -> Color:
    """The icon badge: the panel tinted with the accent."""
    return mix(theme.panel, theme.accent, 0.14)
