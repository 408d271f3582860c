"""kind: checklist — the layout: a panel per column, side by side and of one
height, its heading over rows of items, each row a mark and its text."""

from __future__ import annotations

from postimages import scene
from postimages.cards.checklist.arrange import LEGIBLE, Lines, Measures, arrange
from postimages.cards.checklist.spec import Column, columns_of
from postimages.color import GRAPHICS_CONTRAST, readable
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable, Rule, Shape, Shrunk
from postimages.text import Placed, TextBlock, TextStyle, check_drawable, make_line
from postimages.theme import Theme

STATUS = {"good": "pass", "bad": "fail", "neutral": "neutral"}


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    columns = columns_of(card)
    _check_drawable(columns)
    theme = ctx.theme
    headings = [heading_color(theme, c.status) for c in columns]
    chosen = arrange(columns, content, ctx, headings)
    m = chosen.measures
    top = content.y + (content.h - chosen.panel_h) / 2
    drawables: list[Drawable] = []
    for i, column in enumerate(columns):
        panel = Box(content.x + i * (m.column_w + ctx.px(24)), top, m.column_w, chosen.panel_h)
        drawables += _column(column, f"columns[{i}]", panel, chosen.columns[i], chosen.rows[i], m, ctx)
    if chosen.shrunk is not None:
        drawables.append(Shrunk(chosen.shrunk.field, chosen.shrunk.message, chosen.shrunk.hint))
    return drawables


def _check_drawable(columns: list[Column]) -> None:
    """A character no font has is an error naming its field, before any measuring."""
    for i, column in enumerate(columns):
        if column.heading:
            check_drawable(column.heading, f"columns[{i}].heading", weight="bold")
        if column.custom_mark:
            check_drawable(column.mark, f"columns[{i}].mark", weight="bold")
        for j, item in enumerate(column.items):
            check_drawable(item, f"columns[{i}].items[{j}]", weight="medium")


def _column(column: Column, field: str, panel: Box, lines: Lines, rows: tuple[float, ...], m: Measures,
            ctx: Context) -> list[Drawable]:
    theme = ctx.theme
    legible = ctx.px(LEGIBLE[-1])
    items = scene.panel(panel, ctx.px(28), theme.panel, theme.panel_border, shadow=theme.shadow,
                        shadow_opacity=theme.shadow_opacity * 0.6, elevation=ctx.px(18),
                        border_width=max(1, ctx.u * 1.5), name=f"{field}.panel")
    x, y = panel.x + m.pad_x, panel.y + m.pad_y
    mark_color = mark_fill(theme, column.status)
    if lines.heading is not None:
        heading = Placed(lines.heading, Box(x, y, panel.w - 2 * m.pad_x, lines.heading.height))
        items += scene.text(f"{field}.heading", heading, legible)
        bar = Box(x, heading.box.bottom + m.size * 0.16, ctx.px(56), ctx.px(6))
        items.append(Shape(bar, bar.h / 2, fill=mark_color, name=f"{field}.rule",
                           meaning=f"the status of {field}"))
    y = panel.y + lines.head_h
    for j, (block, height) in enumerate(zip(lines.items, rows)):
        if j:
            items.append(Rule((round(x), round(y)), (round(panel.right - m.pad_x), round(y)),
                              max(1, round(ctx.u * 1.5)), theme.panel_border, name=f"{field}.divider"))
        items += _row(column, f"{field}.items[{j}]", block, Box(x, y, panel.w - 2 * m.pad_x, height), m, ctx,
                      mark_color)
        y += height
    return items


def _row(column: Column, field: str, block: TextBlock, row: Box, m: Measures, ctx: Context,
         mark_color) -> list[Drawable]:
    """The mark on the first line of the item, the text beside it; the pair centred in its row."""
    text_top = row.y + (row.h - max(block.height, m.badge)) / 2
    first_line = Box(row.x, text_top, m.badge, block.line_advance)
    text = Placed(block, Box(row.x + m.badge + m.gap, text_top, m.text_w, block.height))
    items: list[Drawable] = []
    if column.custom_mark:
        style = TextStyle(m.size, mark_color, weight="bold", line_height=block.style.line_height)
        mark = TextBlock((make_line(column.mark, style),), style, align="center")
        items += scene.text(field.rsplit(".items", 1)[0] + ".mark", Placed(mark, first_line), ctx.min_text)
    else:
        items += _badge(column, field, first_line, m, ctx, mark_color)
    return items + scene.text(field, text, ctx.px(LEGIBLE[-1]))


def _badge(column: Column, field: str, line: Box, m: Measures, ctx: Context, fill) -> list[Drawable]:
    """A solid circle of the status colour with the mark cut out in the panel's colour."""
    radius = m.badge / 2
    center = (line.x + radius, line.center_y)
    glyph_color = readable(ctx.theme.panel, fill)
    style = TextStyle(m.badge * 0.66, glyph_color, weight="bold", line_height=1.0)
    block = TextBlock((make_line(column.mark, style),), style, align="center")
    glyph = Placed(block, Box(line.x, center[1] - block.height / 2, m.badge, block.height))
    return [Circle(center, radius, fill, name=f"{field}.mark", meaning=f"the status of {field}"),
            *scene.text(field.rsplit(".items", 1)[0] + ".status", glyph, min(ctx.min_text, style.size))]


def heading_color(theme: Theme, status: str):
    """A heading in its status colour, readable on the panel."""
    return readable(theme.status_color(STATUS[status]), theme.panel, toward=theme.text)


def mark_fill(theme: Theme, status: str):
    """The marks: the status colour, strong enough to read as a graphic on the panel."""
    return readable(theme.status_color(STATUS[status]), theme.panel, GRAPHICS_CONTRAST, toward=theme.text)

