"""kind: code — the fitting: the largest size, line height and wrapping at which the code fits its room."""

from __future__ import annotations

from functools import cache

from postimages.cards.code.grid import Grid, grid_in
from postimages.cards.code.source import CodeDoc
from postimages.cards.code.spec import code_field
from postimages.cards.code.wrap import Row, columns_of, whole, wrap
from postimages.fitting import NoFit, largest_that_fits, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.plural import plural

# Sizes at 1200 px wide; scaled with the card (ctx.px).
MIN_CODE_PX = 24  # what reads on a phone: code that only fits smaller is a warning
FLOOR_CODE_PX = 16  # the hard floor (about 0.7 of it): smaller is an error
MAX_CODE_PX = 44  # a three-line snippet should not shout
CODE_LINE_HEIGHT = 1.3
# Diagrams read best with closer lines; box-drawing lines are drawn as bars
# that span the whole row, so │ joins without a gap at any line height.
TEXT_LINE_HEIGHT = 1.25
MIN_LINE_HEIGHT = 1.15  # long code closes up to this before it is an error
MIN_WRAP_COLUMNS = 12  # narrower than this, wrapped code is no longer readable


def show_line_numbers(card, doc: CodeDoc) -> bool:
    """As the spec says; by default numbered code, but not numbered diagrams."""
    chosen = card.fields["line_numbers"]
    return doc.language != "Text" if chosen is None else chosen


def fit_code(card, doc: CodeDoc, room: Box, ctx: Context) -> tuple[tuple[Grid, list[Row]], NoFit | None]:
    """The largest size at which the code fits: down to the legible size,
    then long lines wrap and close up; past that, smaller down to the hard
    floor, with what to cut to stay legible. A text diagram never wraps: it only shrinks."""
    preferred = TEXT_LINE_HEIGHT if doc.language == "Text" else CODE_LINE_HEIGHT
    digits = len(str(doc.lines[-1].number)) if show_line_numbers(card, doc) else 0
    legible = max(1, round(ctx.px(MIN_CODE_PX)))
    floor = max(1, min(legible, round(ctx.px(FLOOR_CODE_PX))))
    widest = max(columns_of(line.spans) for line in doc.lines)
    unwrapped = [whole(line) for line in doc.lines]
    wrapped = cache(lambda columns: [row for line in doc.lines for row in wrap(line, columns)])
    heights = _line_heights(preferred)
    wraps = doc.language != "Text"
    # (font size, line height, whether long lines wrap), from the roomiest down.
    at_legible = ([(size, preferred, False) for size in range(max(legible, round(ctx.px(MAX_CODE_PX))), legible - 1, -1)]
                  + [(legible, height, True) for height in heights if wraps])
    smaller = ([(size, preferred, False) for size in range(legible - 1, floor - 1, -1)]
               + [(floor, height, True) for height in heights if wraps])

    def attempt(arrangement: tuple[int, float, bool]) -> tuple[Grid, list[Row]]:
        size, line_height, wrapping = arrangement
        grid = grid_in(room, size, line_height, digits)
        if grid.rows < 1 or (wrapping and grid.columns < MIN_WRAP_COLUMNS):
            raise NoFit(code_field(card), "no room for the code",
                        "shorten the title or the caption, or use a taller size")
        rows = wrapped(grid.columns) if wrapping else unwrapped
        too_wide = 0 if wrapping else max(0, widest - grid.columns)
        if too_wide or len(rows) > grid.rows:
            raise NoFit(code_field(card), f"{len(rows)} rows do not fit in {grid.rows} at {size} px",
                        shortfall=max(too_wide, len(rows) - grid.rows))
        return grid, rows

    def too_many_lines(tried: list[tuple[int, float, bool]], failures: list[NoFit]) -> NoFit:
        if failures[-1].message == "no room for the code":
            return failures[-1]
        smallest, line_height, _ = tried[-1]
        tightest = grid_in(room, smallest, line_height, digits)
        at = f"at the smallest code size of {smallest} px" if smallest == floor else f"at {smallest} px"
        if not wraps and widest > tightest.columns:
            return NoFit(code_field(card), f"the diagram is {widest} columns wide; {at} the window holds "
                         f"{tightest.columns}",
                         # Every size scales with the card's width: only shorter lines fit more columns.
                         f"shorten its widest lines to {tightest.columns} columns")
        return _too_many_lines(card, doc, wrapped(tightest.columns) if wraps else unwrapped, tightest, at)

    if not smaller:  # the legible size is the floor (a tiny card): nothing smaller to try
        return largest_that_fits(at_legible, attempt, lambda failures: too_many_lines(at_legible, failures)), None
    return legible_else_floor(at_legible, smaller, attempt, too_many_lines)


def _line_heights(preferred: float) -> list[float]:
    """From the preferred line height down to the tightest that still reads well."""
    steps = max(1, round((preferred - MIN_LINE_HEIGHT) / 0.01))
    return [preferred - (preferred - MIN_LINE_HEIGHT) * i / steps for i in range(steps + 1)]


def _too_many_lines(card, doc: CodeDoc, rows: list[Row], grid: Grid, at: str) -> NoFit:
    shown = len(doc.lines)
    fitting = _lines_fitting(rows, grid.rows)
    needed = plural(shown, "line") + ("" if len(rows) == shown else f" ({len(rows)} rows once long lines wrap)")
    if fitting < 1:
        return NoFit(code_field(card), f"{needed} do not fit: {at} the window holds not one of them",
                     "shorten the title or the caption, or use a taller size")
    first, last = _window_of(doc, fitting)
    return NoFit("lines" if card.fields["lines"] else code_field(card),
                 f"{needed} do not fit: {at} the window holds {fitting}",
                 f"show at most {fitting}, e.g. `lines: {first}-{last}`", shortfall=shown - fitting)


def _window_of(doc: CodeDoc, count: int) -> tuple[int, int]:
    """`count` consecutive source lines that keep the highlighted ones, as far as they fit."""
    numbers = [line.number for line in doc.lines]
    marked = [line.number for line in doc.lines if line.highlighted]
    start = numbers[0]
    if marked:
        start = max(numbers[0], min(marked[0], max(marked) - count + 1))
    start = min(start, numbers[-1] - count + 1)
    return start, start + count - 1


def _lines_fitting(wrapped: list[Row], rows: int) -> int:
    """How many whole source lines, from the first, fit in `rows` rows."""
    shown = {row.line.number for row in wrapped[:rows]}
    cut_short = rows < len(wrapped) and wrapped[rows].start > 0  # the last line continues below
    return len(shown) - cut_short
