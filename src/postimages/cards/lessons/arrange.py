"""kind: lessons — which arrangement: a grid of the items and one title size.

Layout tries a few arrangements of the items (one column of rows, two
columns, a row of tiles on wide cards) and, for each, the largest type size
at which every item fits; all items share that size so the list keeps one
rhythm. The arrangement with comfortable type and the fewest columns wins.
Past the minimum sizes the layout fails naming the field and about how much
to cut; a wide, short card (landscape) first falls back to one line per
lesson, its title and text side by side.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from postimages.cards.lessons import sizing
from postimages.cards.lessons.sizing import COMFORTABLE_TITLE, ROOM, Grid, Lines, Measures
from postimages.cards.lessons.spec import Item
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.plural import plural
from postimages.textfit import fit


class Candidate(NamedTuple):
    grid: Grid
    size: float  # the title size
    inline: bool = False  # each lesson's title and text on one line
    numbered: bool = True  # False: the icon badge alone marks each item


class Arrangement(NamedTuple):
    """The chosen candidate, with the measures and lines its attempt set."""

    grid: Grid
    size: float
    measures: Measures
    lines: list[Lines]
    heights: list[float]  # of each grid row
    shrunk: NoFit | None = None  # why it is under the legible size, when it is


def arrange(items: list[Item], content: Box, ctx: Context) -> Arrangement:
    """The largest arrangement that fits; past the hard floor, a NoFit whose hint
    names fixes that were tried and fit."""
    try:
        chosen = _search(items, content, ctx)
    except NoFit as failure:
        raise _with_tried_fixes(failure, items, content, ctx) from None
    if chosen.shrunk is not None and not chosen.shrunk.field.endswith(".title"):
        # Under the legible size: the warning names fixes that keep it legible.
        return chosen._replace(shrunk=_with_tried_fixes(chosen.shrunk, items, content, ctx, legible=True))
    return chosen


def _search(items: list[Item], content: Box, ctx: Context, legible: bool = False) -> Arrangement:
    """The largest arrangement (only at legible sizes, if `legible`)."""
    grids = sizing.grids(len(items), content, ctx)

    every_item_has_an_icon = all(item.icon for item in items)

    def candidates(sizes: list[float]) -> list[Candidate]:
        found = [Candidate(grid, size) for grid, size in _by_preference(grids, sizes, ctx)]
        if every_item_has_an_icon:
            # Two markers (number and icon) are one too many when space is tight: rather than
            # type under the legible size, the icon alone marks each item and the text takes the room.
            alone = [Candidate(grid, size, numbered=False) for grid, size in _by_preference(grids, sizes, ctx)]
            found = found + alone if sizes[0] >= ctx.px(sizing.TITLE_SMALLEST) else alone + found
        if ctx.compact:
            # A short, wide card: one row per lesson, its title and text on one line.
            found += [Candidate(grid, size, True) for grid, size in _by_preference(grids[:1], sizes, ctx)]
        return found

    def attempt(candidate: Candidate) -> Arrangement:
        m, lines, heights = sizing.row_heights(items, candidate.grid, candidate.size, content, ctx, candidate.inline,
                                               candidate.numbered)
        return Arrangement(candidate.grid, candidate.size, m, lines, heights)

    def explain(tried: list[Candidate], failures: list[NoFit]) -> NoFit:
        # Every candidate failed, in order: what each grid lacked at the smallest size.
        smallest = min(c.size for c in tried)
        at_smallest = [(c.grid, failure) for c, failure in zip(tried, failures)
                       if not c.inline and c.size == smallest]
        return _overflow_error(items, at_smallest, smallest, ctx)

    smaller = [] if legible else candidates(sizing.smaller_title_sizes(ctx))
    chosen, shrunk = legible_else_floor(candidates(sizing.title_sizes(ctx)), smaller, attempt, explain)
    return chosen._replace(shrunk=shrunk)


def _by_preference(grids: list[Grid], sizes: list[float], ctx: Context) -> list[tuple[Grid, float]]:
    """(grid, title size) in the order tried: the fewest columns that fit
    comfortable type (each grid at its largest size first); failing that,
    the largest type any grid fits, fewest columns first on a tie."""
    comfortable = ctx.px(COMFORTABLE_TITLE)
    roomy = [(grid, size) for grid in grids for size in sizes if size >= comfortable]
    tight = [(grid, size) for size in sizes if size < comfortable for grid in grids]
    return roomy + tight


# --- when nothing fits ------------------------------------------------------

SHORTER = (0.15, 0.3, 0.5)  # shares of every lesson's text cut, tried in turn


def _with_tried_fixes(failure: NoFit, items: list[Item], content: Box, ctx: Context, legible: bool = False) -> NoFit:
    """The failure, its hint replaced by the fixes that make the card fit (at a legible size,
    if `legible`): every lesson's text shorter by the same share, or fewer items (a title too
    long is its own fix)."""
    if failure.field.endswith(".title") or not any(item.text for item in items):
        return failure
    fixes = []
    for share in SHORTER:
        shorter = [item._replace(text=_shortened(item.text, share)) for item in items]
        if _fits(shorter, content, ctx, legible):
            cut = max(len(item.text or "") - len(short.text or "") for item, short in zip(items, shorter))
            fixes.append(f"shorten each lesson's text by about {plural(cut, 'character')}")
            break
    fewest = _most_items_that_fit(items, content, ctx, legible)
    if fewest:
        fixes.append(f"keep at most {plural(fewest, 'item')}")
    fixes.append("use a taller size such as portrait")
    return NoFit(failure.field, failure.message, ", or ".join(fixes), shortfall=failure.shortfall)


def _most_items_that_fit(items: list[Item], content: Box, ctx: Context, legible: bool) -> int | None:
    """The most items, from the first, that fit (found by halving); None if not even one does."""
    if not _fits(items[:1], content, ctx, legible):
        return None
    low, high = 1, len(items)  # `low` items fit; `high` do not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if _fits(items[:middle], content, ctx, legible) else (low, middle)
    return low


def _shortened(text: str | None, share: float) -> str | None:
    """`text` without its last words, about `share` of its length shorter."""
    if not text:
        return text
    keep = max(1, round(len(text) * (1 - share)))
    cut = text[:keep].rsplit(" ", 1)[0] if " " in text[:keep] else text[:keep]
    return cut.rstrip(",;:") + ("…" if cut != text else "")


def _fits(items: list[Item], content: Box, ctx: Context, legible: bool = False) -> bool:
    try:
        _search(items, content, ctx, legible)
    except NoFit:
        return False
    return True



def _overflow_error(items: list[Item], at_smallest: list[tuple[Grid, NoFit]], size: float, ctx: Context) -> NoFit:
    """Name the field to shorten, and by about how much, in the grid that is closest to fitting."""
    shortfalls = [(failure.shortfall, grid) for grid, failure in at_smallest if failure.field == ROOM]
    title_errors = [failure for _, failure in at_smallest if failure.field != ROOM]  # a title over two lines
    # A title too long for the widest column must be cut whatever the grid.
    widest = at_smallest[0][0]
    widest_failed_on_title = title_errors and not any(grid is widest for _, grid in shortfalls)
    if widest_failed_on_title or not shortfalls:
        return title_errors[0]
    overflow, grid = min(shortfalls, key=lambda pair: pair[0])
    return _cut_error(items, grid, overflow, size, ctx)


def _cut_error(items: list[Item], grid: Grid, overflow: float, size: float, ctx: Context) -> NoFit:
    m = sizing.measures(grid, any(item.icon for item in items), ctx)
    if not math.isfinite(overflow) or not any(item.text for item in items):
        return NoFit(ROOM, f"{plural(len(items), 'lesson')} {'does' if len(items) == 1 else 'do'} not fit on a card of this size",
                     "use fewer items, shorter titles, or the square or portrait size", shortfall=overflow)
    body = sizing.text_style(ctx, size)
    longest = max((i for i, item in enumerate(items) if item.text), key=lambda i: len(items[i].text))
    text = items[longest].text
    block = fit(text, body, field=f"items[{longest}].text", max_width=m.text_width, min_size=body.size)
    per_line = len(text) / max(1, len(block.lines))
    lines_over = math.ceil(overflow / block.line_advance)
    cut = min(len(text), math.ceil(lines_over * per_line))
    return NoFit(f"items[{longest}].text",
                 f"the lessons need {overflow:.0f} px more height than the card has, "
                 f"even at the minimum text size of {body.px} px",
                 f"shorten it by about {plural(cut, 'character')}, or use fewer items", shortfall=overflow)
