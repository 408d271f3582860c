"""kind: lessons — a numbered infographic: number, emoji badge, bold title, muted lesson.

Layout tries a few arrangements of the items (one column of rows, two
columns, a row of tiles on wide cards) and, for each, the largest type size
at which every item fits; all items share that size so the list keeps one
rhythm. The arrangement with comfortable type and the fewest columns wins.
Rows that need little share one height; a row with a long lesson grows
("water filling"), so nothing is cut. Past the minimum sizes the layout
fails naming the field and about how much to cut; a wide, short card
(landscape) first falls back to the titles alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from postimages import draw as shapes
from postimages.errors import LayoutError
from postimages.frame import Context
from postimages.geometry import Box
from postimages.schema import Field, ListOf, Obj, Str
from postimages.text import Placed, TextBlock, TextItem, TextStyle, check_drawable, fit, make_line, measure, single_line
from postimages.theme import Color, Theme, mix

MAX_ITEMS = 10

# --- the spec -------------------------------------------------------------

ITEM = Obj(
    {
        "icon": Field(Str(max_length=32, doc="an emoji such as ⚡ or 📊, shown in a soft badge")),
        "title": Field(Str(max_length=120, allow_empty=False, doc="the lesson in a few words"), required=True),
        "text": Field(Str(max_length=400, doc="one short sentence under the title")),
    }
)

FIELDS = {
    "items": Field(ListOf(ITEM, min_items=1, max_items=MAX_ITEMS, doc="1 to 10 lessons, numbered in order"),
                   required=True),
}


@dataclass(frozen=True)
class Item:
    number: str
    icon: str | None
    title: str
    text: str | None


def items_of(card) -> list[Item]:
    return [Item(f"{i + 1:02d}", item["icon"] or None, item["title"].strip(), (item["text"] or "").strip() or None)
            for i, item in enumerate(card.fields["items"])]


def alt_text(card) -> str:
    """The lessons in plain sentences; titles only when the sentences would run long."""
    items = items_of(card)
    title = (card.fields.get("title") or "Lessons").strip().rstrip(".:")
    full = f"{title}: " + " ".join(
        f"{i}. {_sentence(item.title)}" + (f" {_sentence(item.text)}" if item.text else "")
        for i, item in enumerate(items, 1))
    if len(full) <= 250:
        return full
    return f"{title}: " + " ".join(f"{i}. {_sentence(item.title)}" for i, item in enumerate(items, 1))


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


# --- type and measures ----------------------------------------------------

# Title sizes tried, largest first (px at 1200 wide); the lesson text follows at TEXT_RATIO.
TITLE_LARGEST, TITLE_SMALLEST = 44, 26
TEXT_RATIO = 0.8
COMFORTABLE_TITLE = 36  # below this, more columns may read better
MAX_CELL_HEIGHT = 240  # rows of a short list stay compact instead of filling the card


def title_style(ctx: Context, size: float) -> TextStyle:
    return TextStyle(size, ctx.theme.text, weight="bold", line_height=1.15)


def text_style(ctx: Context, title_size: float) -> TextStyle:
    return TextStyle(max(ctx.min_text, title_size * TEXT_RATIO), ctx.theme.muted, line_height=1.28)


def number_style(ctx: Context, size: float) -> TextStyle:
    return TextStyle(size, ctx.theme.accent, family="display", weight="extrabold", tabular=True, line_height=1.0)


def _on_8px_grid(value: float, ctx: Context) -> float:
    """Round down to the 8 px grid of the reference card."""
    step = ctx.px(8)
    return max(step, math.floor(value / step) * step)


# --- layout ---------------------------------------------------------------


@dataclass
class ItemLayout:
    panel: Box
    number: Placed
    badge: Box | None
    icon: Placed | None
    title: Placed
    text: Placed | None


@dataclass
class LessonsLayout:
    items: list[ItemLayout]
    columns: int
    tiles: bool  # True: badge over text (narrow cells); False: a row, number | badge | text

    def text_boxes(self) -> list[tuple[str, Box]]:
        named: list[tuple[str, Box]] = []
        for i, item in enumerate(self.items):
            for name, placed in (("number", item.number), ("icon", item.icon), ("title", item.title),
                                 ("text", item.text)):
                if placed is not None:
                    named.append((f"items[{i}].{name}", placed.ink_box))
        return named

    def badges(self) -> list[tuple[str, Box]]:
        return [(f"items[{i}].badge", item.badge) for i, item in enumerate(self.items) if item.badge]

    def panels(self) -> list[Box]:
        return [item.panel for item in self.items]

    def text_items(self, ctx: Context) -> list[TextItem]:
        """Every text with the fill it is drawn on, for `postimages check`."""
        theme, smallest = ctx.theme, ctx.min_text
        items: list[TextItem] = []
        for i, item in enumerate(self.items):
            # The number is a count, not typed: it is named after its item.
            for name, placed, behind in ((f"items[{i}]", item.number, theme.panel),
                                         (f"items[{i}].icon", item.icon, badge_fill(theme)),
                                         (f"items[{i}].title", item.title, theme.panel),
                                         (f"items[{i}].text", item.text, theme.panel)):
                if placed is not None:
                    items.append(TextItem(name, placed, (behind,), smallest))
        return items


@dataclass(frozen=True)
class Grid:
    """Items in `rows` x `columns` cells; every cell of a grid row shares its height."""

    columns: int
    rows: int
    tiles: bool
    cell_w: float
    even_h: float  # the row height if all rows were equal: sizes badges and numbers

    def slot(self, index: int) -> tuple[int, int]:
        # Rows read down each column (1-2-3 | 4-5); tiles read across, like a text.
        return divmod(index, self.columns) if self.tiles else (index % self.rows, index // self.rows)


@dataclass(frozen=True)
class Measures:
    """The fixed parts of one grid's cells, before any text is set."""

    pad_x: float
    pad_y: float
    gap: float  # between number, badge and text (rows) or between head and text (tiles)
    badge: float  # side of the badge; 0 when no item has an icon
    number_size: float
    number_width: float
    text_width: float


@dataclass(frozen=True)
class Lines:
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


class NoRoom(Exception):
    """The items need `overflow` more pixels of height than the area has."""

    def __init__(self, overflow: float):
        self.overflow = overflow


def layout(card, content: Box, ctx: Context) -> LessonsLayout:
    items = items_of(card)
    _check_drawable(items)
    grids = _grids(len(items), content, ctx)
    chosen = _choose(items, grids, content, ctx)
    inline = False
    if chosen is None and ctx.compact:
        # A short, wide card: one row per lesson, its title and text on one line.
        chosen = _choose(items, grids[:1], content, ctx, inline=True)
        inline = chosen is not None
    if chosen is None:
        raise _overflow_error(items, grids, content, ctx)
    grid, size = chosen
    return LessonsLayout(_place_grid(items, grid, size, content, ctx, inline), grid.columns, grid.tiles)


def _check_drawable(items: list[Item]) -> None:
    """A character no font has is an error naming its field, before any measuring."""
    for i, item in enumerate(items):
        for name, value, weight in (("icon", item.icon, "regular"), ("title", item.title, "bold"),
                                    ("text", item.text, "regular")):
            if value:
                check_drawable(value, f"items[{i}].{name}", weight=weight)


def _grids(n: int, content: Box, ctx: Context) -> list[Grid]:
    """Candidate grids, fewest columns first: the order of preference."""
    most = min(n, 5) if ctx.compact else min(n, 2)
    grids = []
    for columns in range(1, most + 1):
        rows = math.ceil(n / columns)
        cell_w = (content.w - ctx.px(16) * (columns - 1)) / columns
        even_h = (content.h - _row_gap(rows, ctx) * (rows - 1)) / rows
        grids.append(Grid(columns, rows, cell_w < ctx.px(420), cell_w, even_h))
    return grids


def _row_gap(rows: int, ctx: Context) -> float:
    """Space between panels; long lists tighten it a little."""
    return ctx.px(16 if rows <= 4 else 12)


def _title_sizes(ctx: Context) -> list[float]:
    return [ctx.px(s) for s in range(TITLE_LARGEST, TITLE_SMALLEST - 1, -2)]


def _choose(items: list[Item], grids: list[Grid], content: Box, ctx: Context, inline: bool = False):
    """(grid, title size): the first comfortable one, else the one with the largest type."""
    best = None
    for grid in grids:
        size = _largest_fitting_size(items, grid, content, ctx, inline)
        if size is None:
            continue
        if size >= ctx.px(COMFORTABLE_TITLE):
            return grid, size
        if best is None or size > best[1]:
            best = (grid, size)
    return best


def _largest_fitting_size(items, grid: Grid, content: Box, ctx: Context, inline: bool = False) -> float | None:
    for size in _title_sizes(ctx):
        try:
            _row_heights(items, grid, size, content, ctx, inline)
        except (NoRoom, LayoutError):
            continue
        return size
    return None


def _measures(grid: Grid, has_badges: bool, ctx: Context) -> Measures:
    if grid.tiles:
        pad_x, pad_y = ctx.px(24), min(ctx.px(24), max(ctx.px(10), grid.even_h * 0.1))
        head = _on_8px_grid(min(ctx.px(72), (grid.cell_w - 2 * pad_x) * 0.32, grid.even_h * 0.4), ctx)
        number_size = head * 0.8
        return Measures(pad_x, pad_y, ctx.px(16), head if has_badges else 0, number_size,
                        measure("00", number_style(ctx, number_size)), grid.cell_w - 2 * pad_x)
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
    number_size = min(ctx.px(72), grid.cell_w * 0.08, max(inner_h * 0.72, ctx.min_text))
    number_width = measure("00", number_style(ctx, number_size))
    text_width = grid.cell_w - 2 * pad_x - number_width - gap - (badge + gap if badge else 0)
    return Measures(pad_x, pad_y, gap, badge, number_size, number_width, text_width)


def _inline_lines(item: Item, field: str, width: float, title_size: float, ctx: Context) -> Lines:
    """Title and text on one line at one size, or NoRoom."""
    style = title_style(ctx, title_size)
    body = replace(text_style(ctx, title_size), size=title_size, line_height=style.line_height)
    gap = ctx.px(14)
    title = single_line(item.title, style, field=f"{field}.title", max_width=width, min_size=title_size)
    text = None
    if item.text:
        room = width - title.width - gap
        if room < ctx.px(120) or measure(item.text, body) > room:
            raise NoRoom(0)
        text = single_line(item.text, body, field=f"{field}.text", max_width=room, min_size=title_size)
    return Lines(title, text, gap, inline=True)


def _lines(item: Item, field: str, width: float, title_size: float, ctx: Context) -> Lines:
    """Title (up to two lines) and lesson text at exactly these sizes.

    Splitting a word, or leaving one word alone on a last line, is allowed
    only at the smallest size; above it, either means "try smaller".
    """
    if width < ctx.px(120):
        raise NoRoom(float("inf"))
    style, body = title_style(ctx, title_size), text_style(ctx, title_size)
    if title_size > ctx.px(TITLE_SMALLEST) and not (_words_fit(item.title, style, width)
                                                   and _words_fit(item.text or "", body, width)):
        raise NoRoom(0)
    title = fit(item.title, style, field=f"{field}.title", max_width=width, max_lines=2, min_size=title_size)
    text = fit(item.text, body, field=f"{field}.text", max_width=width, min_size=body.size) if item.text else None
    if title_size > ctx.px(TITLE_SMALLEST) and (_has_widow(title) or _has_widow(text)):
        raise NoRoom(0)
    return Lines(title, text, ctx.px(6))


def _has_widow(block: TextBlock | None) -> bool:
    return block is not None and len(block.lines) > 1 and len(block.lines[-1].text.split()) == 1


def _words_fit(text: str, style: TextStyle, width: float) -> bool:
    return all(measure(word, style) <= width for word in text.split())


def _need(lines: Lines, m: Measures, grid: Grid) -> float:
    """The height a cell needs for these lines."""
    if grid.tiles:
        return 2 * m.pad_y + max(m.badge, m.number_size) + m.gap + lines.height
    return 2 * m.pad_y + max(lines.height, m.badge, m.number_size)


def _row_heights(items, grid: Grid, size: float, content: Box, ctx: Context, inline: bool = False):
    """Each item's lines and each grid row's height; NoRoom when they do not fit."""
    m = _measures(grid, any(item.icon for item in items), ctx)
    make_lines = _inline_lines if inline else _lines
    lines = [make_lines(item, f"items[{i}]", m.text_width, size, ctx) for i, item in enumerate(items)]
    needs = [0.0] * grid.rows
    for i, item_lines in enumerate(lines):
        row = grid.slot(i)[0]
        needs[row] = max(needs[row], _need(item_lines, m, grid))
    room = content.h - _row_gap(grid.rows, ctx) * (grid.rows - 1)
    if sum(needs) > room + 0.5:
        raise NoRoom(sum(needs) - room)
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


def _place_grid(items, grid: Grid, size: float, content: Box, ctx: Context,
                inline: bool = False) -> list[ItemLayout]:
    m, lines, heights = _row_heights(items, grid, size, content, ctx, inline)
    gap = _row_gap(grid.rows, ctx)
    total = sum(heights) + gap * (grid.rows - 1)
    tops = [content.y + (content.h - total) / 2]  # a short list sits in the middle of its area
    for h in heights[:-1]:
        tops.append(tops[-1] + h + gap)
    placed = []
    for i, item in enumerate(items):
        row, column = grid.slot(i)
        cell = Box(content.x + column * (grid.cell_w + ctx.px(16)), tops[row], grid.cell_w, heights[row])
        place = _place_tile if grid.tiles else _place_row
        placed.append(place(item, f"items[{i}]", cell, lines[i], m, ctx))
    return placed


# --- one item ---------------------------------------------------------------


def _place_row(item: Item, field: str, cell: Box, lines: Lines, m: Measures, ctx: Context) -> ItemLayout:
    """A row: the big number, the badge, then title and lesson text, centred on one axis."""
    inner = cell.inset(m.pad_x, m.pad_y)
    number_block = _number_block(item.number, m.number_size, ctx)
    number = Placed(number_block, Box(inner.x, inner.center_y - number_block.height / 2, m.number_width,
                                      number_block.height))
    x = inner.x + m.number_width + m.gap
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
    number_block = _number_block(item.number, m.number_size, ctx)
    badge = icon = None
    if m.badge:
        badge = Box(inner.x, inner.y, m.badge, m.badge)
        icon = _icon_in(item, field, badge, ctx)
        number_x = inner.right - number_block.width  # across from the badge
    else:
        number_x = inner.x
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


# --- when nothing fits ------------------------------------------------------


def _overflow_error(items: list[Item], grids: list[Grid], content: Box, ctx: Context) -> LayoutError:
    """Name the field to shorten, and by about how much, in the grid that is closest to fitting."""
    smallest = ctx.px(TITLE_SMALLEST)
    shortfalls, title_errors = [], []
    for grid in grids:
        try:
            _row_heights(items, grid, smallest, content, ctx)
        except LayoutError as exc:  # a title that needs more than two lines
            title_errors.append(exc)
        except NoRoom as exc:
            shortfalls.append((exc.overflow, grid))
    # A title too long for the widest column must be cut whatever the grid.
    widest_failed_on_title = title_errors and not any(grid is grids[0] for _, grid in shortfalls)
    if widest_failed_on_title or not shortfalls:
        return title_errors[0]
    overflow, grid = min(shortfalls, key=lambda pair: pair[0])
    return _cut_error(items, grid, overflow, ctx)


def _cut_error(items: list[Item], grid: Grid, overflow: float, ctx: Context) -> LayoutError:
    m = _measures(grid, any(item.icon for item in items), ctx)
    if not math.isfinite(overflow) or not any(item.text for item in items):
        return LayoutError("items", f"{len(items)} lessons do not fit on a card of this size",
                           "use fewer items, shorter titles, or the square or portrait size")
    body = text_style(ctx, ctx.px(TITLE_SMALLEST))
    longest = max((i for i, item in enumerate(items) if item.text), key=lambda i: len(items[i].text))
    text = items[longest].text
    block = fit(text, body, field=f"items[{longest}].text", max_width=m.text_width, min_size=body.size)
    per_line = len(text) / max(1, len(block.lines))
    lines_over = math.ceil(overflow / block.line_advance)
    cut = min(len(text), math.ceil(lines_over * per_line))
    return LayoutError(f"items[{longest}].text",
                       f"the lessons need {overflow:.0f} px more height than the card has, "
                       f"even at the minimum text size of {body.px} px",
                       f"shorten it by about {cut} characters, or use fewer items")


# --- drawing --------------------------------------------------------------


def draw(image, layout: LessonsLayout, ctx: Context) -> None:
    theme = ctx.theme
    radius = ctx.px(28 if not layout.tiles else 24)
    for item in layout.items:
        shapes.panel(image, item.panel, radius, theme.panel, theme.panel_border, theme.shadow,
                     theme.shadow_opacity * 0.6, elevation=ctx.px(18), border_width=max(1, ctx.u * 1.5))
        if item.badge is not None:
            _draw_badge(image, item.badge, ctx)
        for placed in (item.number, item.icon, item.title, item.text):
            if placed is not None:
                placed.draw(image)


def _draw_badge(image, badge: Box, ctx: Context) -> None:
    """A soft tinted square with a faint rim of the same tint."""
    theme = ctx.theme
    shapes.rounded_rect(image, badge, badge.h * 0.28, fill=badge_fill(theme),
                        outline=mix(theme.panel, theme.accent, 0.30), width=max(1, ctx.u * 1.5))


def badge_fill(theme: Theme) -> Color:
    """The icon badge: the panel tinted with the accent (shared with the contrast check)."""
    return mix(theme.panel, theme.accent, 0.14)
