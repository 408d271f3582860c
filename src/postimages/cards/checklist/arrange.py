"""kind: checklist — the measures of one attempt: every item wrapped at one
text size in its column, and the rows' heights once the panels share a height.

The search tries text sizes from the largest down; all columns share one size
so that the list reads as one. Words split, or a word left alone on a last
line, are allowed only at the smallest size of the search.
"""

from __future__ import annotations

from dataclasses import dataclass

from postimages.cards.checklist.spec import Column
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.plural import plural
from postimages.text import TextBlock, TextStyle, measure, words
from postimages.textfit import balance, fit

ROOM = "columns"  # the field of a failure for want of room
# Item text sizes tried, largest first (px at 1200 wide): legible, then smaller with a warning, to 22 px.
LEGIBLE = tuple(range(60, 33, -2))
SMALLER = (32, 30, 28, 26, 24, 22)  # under the legible size, with a warning; never near the hard floor
COLUMN_GAP = 24
ROW_CAP = 4.2  # a row of a short list grows to at most this many times its text size


def item_style(ctx: Context, size: float, tight: bool = False) -> TextStyle:
    return TextStyle(size, ctx.theme.text, weight="medium", line_height=1.14 if tight else 1.24,
                     emphasis=ctx.theme.accent)


def heading_style(ctx: Context, size: float, color, tight: bool = False) -> TextStyle:
    return TextStyle(min(size * (1.06 if tight else 1.18), ctx.px(60)), color, family="display", weight="bold",
                     line_height=1.12)


@dataclass(frozen=True)
class Measures:
    size: float
    pad_x: float
    pad_y: float
    badge: float  # the mark's circle
    gap: float  # between the mark and the text
    row_pad: float  # above and below an item's text
    column_w: float
    text_w: float


@dataclass(frozen=True)
class Lines:
    """A column's heading and items wrapped at one size."""

    heading: TextBlock | None
    items: tuple[TextBlock, ...]
    needs: tuple[float, ...]  # each row's least height
    head_h: float  # from the panel's top to the first row


@dataclass(frozen=True)
class Arrangement:
    measures: Measures
    columns: tuple[Lines, ...]
    panel_h: float
    rows: tuple[tuple[float, ...], ...]  # each column's row heights, filling its panel
    shrunk: NoFit | None = None


# The least space above and below an item's text, in text sizes: roomy first, tight
# before the text goes smaller. Rows then grow to fill their panel.
ROOMY, TIGHT = 0.42, 0.1
TIGHT_PENALTY = 6  # px at 1200 wide


def measures(size: float, n: int, content: Box, ctx: Context, spacing: float = ROOMY) -> Measures:
    column_w = (content.w - ctx.px(COLUMN_GAP) * (n - 1)) / n
    pad_x = min(ctx.px(36), column_w * 0.08)
    badge = size * 1.2
    gap = size * 0.5
    return Measures(size, pad_x, min(ctx.px(32), size * 0.7), badge, gap, size * spacing, column_w,
                    column_w - 2 * pad_x - badge - gap)


def arrange(columns: list[Column], content: Box, ctx: Context, colors: list) -> Arrangement:
    def attempt(candidate: tuple[float, float]) -> Arrangement:
        size, spacing = candidate
        return _attempt(columns, content, size, spacing, ctx, colors, last=size <= ctx.px(SMALLER[-1]) + 0.01)

    def explain(tried: list, failures: list[NoFit]) -> NoFit:
        # For want of height at the smallest size tried: how much, and what to cut.
        short = [f for f in failures if f.shortfall > 0]
        return short[-1] if short else failures[-1]

    # Larger text first; tight rows count as a few pixels smaller, so roomy rows win a near tie.
    legible = sorted(((ctx.px(s), spacing) for spacing in (ROOMY, TIGHT) for s in LEGIBLE),
                     key=lambda c: c[0] - (ctx.px(TIGHT_PENALTY) if c[1] == TIGHT else 0), reverse=True)
    chosen, shrunk = legible_else_floor(legible, [(ctx.px(s), TIGHT) for s in SMALLER], attempt, explain)
    if shrunk is not None:
        chosen = Arrangement(chosen.measures, chosen.columns, chosen.panel_h, chosen.rows, shrunk)
    return chosen


def _attempt(columns: list[Column], content: Box, size: float, spacing: float, ctx: Context, colors: list,
             last: bool) -> Arrangement:
    m = measures(size, len(columns), content, ctx, spacing)
    if m.text_w < ctx.px(96):
        raise NoFit(ROOM, f"{plural(len(columns), 'column')} leave no width for the items' text",
                    "use fewer columns or a wider size", shortfall=float("inf"))
    lines = tuple(_column_lines(column, f"columns[{i}]", m, ctx, colors[i], last)
                  for i, column in enumerate(columns))
    tallest = max(c.head_h + sum(c.needs) for c in lines) + m.pad_y
    if tallest > content.h + 0.5:
        over = tallest - content.h
        raise NoFit(ROOM, f"the items need {over:.0f} px more height than the card has at {size:.0f} px",
                    "shorten the items, use fewer of them, or a taller size", shortfall=over)
    cap = size * ROW_CAP
    panel_h = min(content.h, max(c.head_h + sum(max(n, cap) for n in c.needs) for c in lines) + m.pad_y)
    rows = tuple(filled(c.needs, panel_h - c.head_h - m.pad_y, cap) for c in lines)
    return Arrangement(m, lines, panel_h, rows)


def _column_lines(column: Column, field: str, m: Measures, ctx: Context, color, last: bool) -> Lines:
    tight = m.row_pad < m.size * ROOMY
    style = item_style(ctx, m.size, tight)
    head_h = m.pad_y
    heading = None
    if column.heading:
        hstyle = heading_style(ctx, m.size, color, tight)
        width = m.column_w - 2 * m.pad_x
        _whole_words_or_retry(column.heading, hstyle, width, last)
        heading = fit(column.heading, hstyle, field=f"{field}.heading", max_width=width, max_lines=2,
                      min_size=hstyle.size)
        head_h += heading.height + m.size * (0.36 if tight else 0.5)
    items, needs = [], []
    for j, text in enumerate(column.items):
        _whole_words_or_retry(text, style, m.text_w, last)
        # Balanced lines: no word left alone on an item's last line.
        block = balance(fit(text, style, field=f"{field}.items[{j}]", max_width=m.text_w, min_size=m.size),
                        m.text_w)
        items.append(block)
        needs.append(max(block.height, m.badge) + 2 * m.row_pad)
    return Lines(heading, tuple(items), tuple(needs), head_h)


def _whole_words_or_retry(text: str, style: TextStyle, width: float, last: bool) -> None:
    """Above the smallest size, a word wider than its column means: try smaller."""
    wide = next((word for word in words(text, style) if measure(word, style) > width), None)
    if not last and wide:
        raise NoFit(ROOM, f"'{wide}' is wider than its column at {style.size:.0f} px",
                    "use fewer columns, shorter words, or a wider size")


def filled(needs: tuple[float, ...], room: float, cap: float) -> tuple[float, ...]:
    """Row heights that fill `room`: the rows needing least share one height, up
    to `cap`; a row needing more keeps what it needs."""
    rows = sorted(needs)
    for count in range(1, len(rows) + 1):
        # The `count` smallest rows levelled, the others keeping what they need.
        level = (room - sum(rows[count:])) / count
        if count == len(rows) or level <= rows[count]:
            break
    return tuple(max(n, min(level, cap)) for n in needs)
