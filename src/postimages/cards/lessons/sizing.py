"""kind: lessons — type sizes, grids and cell measures, and the lines of each
item at one size: what one attempt of the layout's search sets and measures.

Rows that need little share one height; a row with a long lesson grows
("water filling"), so nothing is cut.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from postimages.cards.lessons.spec import Item
from postimages.fitting import NoFit
from postimages.frame import Context
from postimages.geometry import Box
from postimages.text import TextBlock, TextStyle, measure, words
from postimages.textfit import fit, single_line

# Title sizes tried, largest first (px at 1200 wide); the lesson text follows at TEXT_RATIO.
TITLE_LARGEST, TITLE_SMALLEST = 44, 26
# Past the legible sizes, title and text shrink together to the hard floor (as Context.floor_text).
UNDER_LEGIBLE = (0.9, 0.8, 0.7)
TEXT_RATIO = 0.8
COMFORTABLE_TITLE = 36  # below this, more columns may read better
MAX_CELL_HEIGHT = 240  # rows of a short list stay compact instead of filling the card
ROOM = "items"  # the field of a failure for want of room (not of one text)


def title_style(ctx: Context, size: float) -> TextStyle:
    return TextStyle(size, ctx.theme.text, weight="bold", line_height=1.15)


def text_style(ctx: Context, title_size: float) -> TextStyle:
    # At legible sizes the text never goes under min_text; under them it shrinks with the title.
    floor = ctx.min_text * min(1.0, title_size / ctx.px(TITLE_SMALLEST))
    return TextStyle(max(floor, title_size * TEXT_RATIO), ctx.theme.muted, line_height=1.28, emphasis=ctx.theme.accent)


def number_style(ctx: Context, size: float) -> TextStyle:
    return TextStyle(size, ctx.theme.accent, family="display", weight="extrabold", tabular=True, line_height=1.0)


def title_sizes(ctx: Context) -> list[float]:
    return [ctx.px(s) for s in range(TITLE_LARGEST, TITLE_SMALLEST - 1, -2)]


def smaller_title_sizes(ctx: Context) -> list[float]:
    """Under the legible sizes, down to the hard floor."""
    return [ctx.px(TITLE_SMALLEST) * share for share in UNDER_LEGIBLE]


def last_resort(title_size: float, ctx: Context) -> bool:
    """The smallest size of its search (legible, or the floor): words may split, a word may end alone."""
    smallest = ctx.px(TITLE_SMALLEST)
    return abs(title_size - smallest) < 0.01 or title_size <= smallest * UNDER_LEGIBLE[-1] + 0.01


def _on_8px_grid(value: float, ctx: Context) -> float:
    """Round down to the 8 px grid of the reference card."""
    step = ctx.px(8)
    return max(step, math.floor(value / step) * step)


def no_room(overflow: float, message: str = "") -> NoFit:
    """The items need `overflow` more pixels of height than the area has (inf: no width at all)."""
    return NoFit(ROOM, message or f"the lessons need {overflow:.0f} px more height than the card has",
                 "use fewer items, shorter titles, or the square or portrait size", shortfall=overflow)


class Grid(NamedTuple):
    """Items in `rows` x `columns` cells; every cell of a grid row shares its height."""

    columns: int
    rows: int
    tiles: bool  # True: badge over text (narrow cells); False: a row, number | badge | text
    cell_w: float
    even_h: float  # the row height if all rows were equal: sizes badges and numbers

    def slot(self, index: int, numbered: bool = True) -> tuple[int, int]:
        # Numbered rows read down each column (1-2-3 | 4-5); tiles, and rows with no
        # number to follow, read across, like a text.
        across = self.tiles or not numbered
        return divmod(index, self.columns) if across else (index % self.rows, index // self.rows)


class Measures(NamedTuple):
    """The fixed parts of one grid's cells, before any text is set."""

    pad_x: float
    pad_y: float
    gap: float  # between number, badge and text (rows) or between head and text (tiles)
    badge: float  # side of the badge; 0 when no item has an icon
    number_size: float
    number_width: float
    text_width: float
    numbered: bool = True  # False: the badge alone marks each item (tight cards, every item has an icon)


class Lines(NamedTuple):
    """An item's title and lesson text, wrapped at one size."""

    title: TextBlock
    text: TextBlock | None
    gap: float
    inline: bool = False  # title and text share one line: short, wide cards

    @property
    def height(self) -> float:
        if self.inline:
            return self.title.height
        return self.title.height + (self.gap + self.text.height if self.text else 0)


def grids(n: int, content: Box, ctx: Context) -> list[Grid]:
    """Candidate grids, fewest columns first: the order of preference."""
    most = min(n, 5) if ctx.compact else min(n, 2)
    found = []
    for columns in range(1, most + 1):
        rows = math.ceil(n / columns)
        cell_w = (content.w - ctx.px(16) * (columns - 1)) / columns
        even_h = (content.h - row_gap(rows, ctx) * (rows - 1)) / rows
        found.append(Grid(columns, rows, cell_w < ctx.px(420), cell_w, even_h))
    return found


def row_gap(rows: int, ctx: Context) -> float:
    """Space between panels; long lists tighten it a little."""
    return ctx.px(16 if rows <= 4 else 12)


def measures(grid: Grid, has_badges: bool, ctx: Context, numbered: bool = True) -> Measures:
    if grid.tiles:
        pad_x, pad_y = ctx.px(24), min(ctx.px(24), max(ctx.px(10), grid.even_h * 0.1))
        head = _on_8px_grid(min(ctx.px(72), (grid.cell_w - 2 * pad_x) * 0.32, grid.even_h * 0.4), ctx)
        number_size = head * 0.8 if numbered else 0
        return Measures(pad_x, pad_y, ctx.px(16), head if has_badges else 0, number_size,
                        measure("00", number_style(ctx, number_size)) if numbered else 0, grid.cell_w - 2 * pad_x,
                        numbered)
    # Short or narrow rows (wide cards, long lists) pack tighter and keep the
    # number and badge in proportion, leaving the text its width.
    roomy = grid.even_h >= ctx.px(96) and grid.cell_w >= ctx.px(700)
    pad_x, pad_y = ctx.px(32 if roomy else 20), min(ctx.px(24), max(ctx.px(10), grid.even_h * 0.1))
    if grid.even_h - 2 * pad_y < ctx.px(36):
        # Very short rows give padding to the badge so its emoji stays near text size.
        pad_y = max(ctx.px(6), (grid.even_h - ctx.px(36)) / 2)
    inner_h = grid.even_h - 2 * pad_y
    gap = ctx.px(24 if roomy else 16)
    badge = _on_8px_grid(min(inner_h, ctx.px(96), grid.cell_w * 0.11), ctx) if has_badges else 0
    number_size = min(ctx.px(72), grid.cell_w * 0.08, max(inner_h * 0.72, ctx.min_text)) if numbered else 0
    number_width = measure("00", number_style(ctx, number_size)) if numbered else 0
    text_width = grid.cell_w - 2 * pad_x - (number_width + gap if numbered else 0) - (badge + gap if badge else 0)
    return Measures(pad_x, pad_y, gap, badge, number_size, number_width, text_width, numbered)


def inline_lines(item: Item, field: str, width: float, title_size: float, ctx: Context) -> Lines:
    """Title and text on one line at one size, or NoFit."""
    style = title_style(ctx, title_size)
    body = text_style(ctx, title_size)._replace(size=title_size, line_height=style.line_height)
    gap = ctx.px(14)
    title = single_line(item.title, style, field=f"{field}.title", max_width=width, min_size=title_size)
    text = None
    if item.text:
        room = width - title.width - gap
        if room < ctx.px(120) or measure(item.text, body) > room:
            raise no_room(0, "the title and the lesson do not fit on one line")
        text = single_line(item.text, body, field=f"{field}.text", max_width=room, min_size=title_size)
    return Lines(title, text, gap, inline=True)


def stacked_lines(item: Item, field: str, width: float, title_size: float, ctx: Context) -> Lines:
    """Title (up to two lines) and lesson text at exactly these sizes.

    Splitting a word, or leaving one word alone on a last line, is allowed
    only at the smallest size; above it, either means "try smaller".
    """
    if width < ctx.px(120):
        raise no_room(float("inf"), "no width is left for the lessons' text")
    style, body = title_style(ctx, title_size), text_style(ctx, title_size)
    if not last_resort(title_size, ctx) and not (_words_fit(item.title, style, width)
                                                   and _words_fit(item.text or "", body, width)):
        raise no_room(0, "a word is wider than the column at this size")
    title = fit(item.title, style, field=f"{field}.title", max_width=width, max_lines=2, min_size=title_size)
    text = fit(item.text, body, field=f"{field}.text", max_width=width, min_size=body.size) if item.text else None
    if not last_resort(title_size, ctx) and (_has_widow(title) or _has_widow(text)):
        raise no_room(0, "a last line would hold one word alone at this size")
    return Lines(title, text, ctx.px(6))


def _has_widow(block: TextBlock | None) -> bool:
    return block is not None and len(block.lines) > 1 and len(words(block.lines[-1].text, block.style)) == 1


def _words_fit(text: str, style: TextStyle, width: float) -> bool:
    return all(measure(word, style) <= width for word in words(text, style))


def _need(lines: Lines, m: Measures, grid: Grid) -> float:
    """The height a cell needs for these lines."""
    if grid.tiles:
        return 2 * m.pad_y + max(m.badge, m.number_size) + m.gap + lines.height
    return 2 * m.pad_y + max(lines.height, m.badge, m.number_size)


def row_heights(items: list[Item], grid: Grid, size: float, content: Box, ctx: Context, inline: bool = False,
                numbered: bool = True):
    """(measures, each item's lines, each grid row's height); NoFit when they do not fit."""
    m = measures(grid, any(item.icon for item in items), ctx, numbered)
    make_lines = inline_lines if inline else stacked_lines
    lines = [make_lines(item, f"items[{i}]", m.text_width, size, ctx) for i, item in enumerate(items)]
    needs = [0.0] * grid.rows
    for i, item_lines in enumerate(lines):
        row = grid.slot(i, numbered)[0]
        needs[row] = max(needs[row], _need(item_lines, m, grid))
    room = content.h - row_gap(grid.rows, ctx) * (grid.rows - 1)
    if sum(needs) > room + 0.5:
        raise no_room(sum(needs) - room)
    return m, lines, _level(needs, room, ctx.px(MAX_CELL_HEIGHT))


def _level(needs: list[float], room: float, cap: float) -> list[float]:
    """Row heights: rows that need little share one height; rows that need more get it.

    Finds the level L with sum(max(need, L)) == room (water filling), capped
    so that a short list does not stretch its rows.
    """
    low, high = 0.0, room
    for _ in range(50):
        level = (low + high) / 2
        if sum(max(n, level) for n in needs) > room:
            high = level
        else:
            low = level
    level = min(low, cap)
    return [max(n, level) for n in needs]
