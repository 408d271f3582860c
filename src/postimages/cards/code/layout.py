"""kind: code — the layout: a window that hugs its rows of code, and a caption under it.

Painted in this order: the window's two shadows and its fill, a band (with
an accent stripe) behind each run of highlighted rows, the window's border,
the traffic lights and title, then row by row the line number, the ↪ mark
of a continued line and the code, and last the caption.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from postimages.cards.code.highlight import BAND_CONTRAST
from postimages.cards.code.grid import GUTTER_GAP_COLUMNS, Grid, GridRow, grid_in, weight_of
from postimages.cards.code.source import CodeDoc, CodeLine, load
from postimages.cards.code.spec import code_field, window_title
from postimages.cards.code.wrap import Row, columns_of, whole, wrap
from postimages.color import WHITE, Color, mix, parse_color, readable
from postimages.errors import LayoutError
from postimages.fitting import NoFit, largest_that_fits, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.plural import plural
from postimages.scene import Circle, Drawable, Glyphs, Gradient, Shadow, Shape, Shrunk, text
from postimages.text import Placed, TextBlock, TextStyle, baseline_offset, check_drawable, make_line
from postimages.textfit import fit, single_line
from postimages.theme import Theme

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
CONTINUATION_MARK = "↪"
WINDOW_RADIUS = 20
TITLE_BAR = 56
PAD_X = 32
PAD_TOP = 4
PAD_BOTTOM = 28
DOT_RADIUS = 8
DOT_SPACING = 26
STRIPE = 4  # the accent stripe at the left end of a highlight band
CAPTION_GAP = 24
CAPTION_PX = 32
TRAFFIC_LIGHTS = tuple(parse_color(c) for c in ("#FF5F57", "#FEBC2E", "#28C840"))
OPTICAL_CENTRE = 0.4  # share of the free height above a short window
BACKDROP_PAD = 40  # the backdrop's margin around the window
# A wide window's backdrop narrows its margin, down to 24, where the full one would shrink its code.
BACKDROP_PADS = (BACKDROP_PAD, 32, 24)
BACKDROP_FILL = 0.6  # a short window's backdrop grows to this share of the room's height
TITLE_DIM = 0.3  # the window title starts this far from the code's colour towards the window


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    doc = load(card, ctx.theme.dark, ctx.theme.accent)
    for line in doc.lines:
        _check_drawable(line, code_field(card))
    chosen = card.fields["backdrop"]
    if chosen == "none":
        return _layout_on("none", card, doc, content, ctx)[0]
    # The window floats on a backdrop (unless asked, a gradient of the accent) where the
    # code stays legible with its margin; a wide window's backdrop takes a narrower margin
    # where that sets the code as large as no backdrop would. Otherwise a backdrop that was
    # asked for keeps its margin (and the code shrinks), and the default has none.
    try:
        items, _ = _layout_on(chosen or "gradient", card, doc, content, ctx)
        if not any(isinstance(item, Shrunk) for item in items):
            return items
    except NoFit:
        pass
    try:
        bare, bare_grid = _layout_on("none", card, doc, content, ctx)
    except NoFit:
        if not chosen:
            raise
        return _layout_on(chosen, card, doc, content, ctx)[0]  # its own error, with its own hint
    narrower = _on_narrower_backdrop(chosen or "gradient", card, doc, content, ctx, bare_grid)
    if narrower is not None:
        return narrower
    return _layout_on(chosen, card, doc, content, ctx)[0] if chosen else bare


def _on_narrower_backdrop(backdrop: str, card, doc: CodeDoc, content: Box, ctx: Context,
                          bare: Grid) -> list[Drawable] | None:
    """On the backdrop with the widest of the narrower margins that sets the code as the
    card without a backdrop does (same size, same line height); None when none does."""
    for pad in BACKDROP_PADS[1:]:
        try:
            items, grid = _layout_on(backdrop, card, doc, content, ctx, pad)
        except NoFit:
            continue
        if (grid.size, grid.line_height) == (bare.size, bare.line_height):
            return items
    return None


def _layout_on(backdrop: str, card, doc: CodeDoc, content: Box, ctx: Context,
               margin: float = BACKDROP_PAD) -> tuple[list[Drawable], Grid]:
    caption, aside = _caption_beside(card, ctx)
    if aside is None:
        caption = _caption_block(card, content, ctx)
    below = ctx.px(CAPTION_GAP) + caption.height if caption and aside is None else 0
    chrome = ctx.px(TITLE_BAR + PAD_TOP + PAD_BOTTOM)
    pad = ctx.px(margin) if backdrop != "none" else 0.0
    room = Box(content.x, content.y, content.w, content.h - below).inset(ctx.px(PAD_X) + pad, chrome / 2 + pad)
    (grid, rows), shrunk = fit_code(card, doc, room, ctx)

    # The window hugs its rows; window (on its backdrop) and caption sit a little
    # above the middle of the content area (the optical centre), close to the headline.
    window_h = chrome + len(rows) * grid.line_height
    # A short window's backdrop grows taller, to BACKDROP_FILL of the room, so that a
    # few lines still fill the card rather than float in it.
    grown = (content.h - below) * BACKDROP_FILL - window_h - 2 * pad
    pad_y = pad + (max(0.0, grown) / 2 if pad else 0.0)
    outer_h = window_h + 2 * pad_y
    top = content.y + max(0.0, (content.h - outer_h - below) * OPTICAL_CENTRE)
    outer = Box(content.x, top, content.w, outer_h)
    window = outer.inset(pad, pad_y)
    code_area = Box(window.x + ctx.px(PAD_X), window.y + ctx.px(TITLE_BAR + PAD_TOP),
                    window.w - 2 * ctx.px(PAD_X), len(rows) * grid.line_height)
    row_boxes = [Box(code_area.x, code_area.y + i * grid.line_height, code_area.w, grid.line_height)
                 for i in range(len(rows))]
    bands = _bands([box for box, row in zip(row_boxes, rows) if row.line.highlighted], window)
    code_rows = _CodeRows.of(card, doc, grid, code_area.x, ctx)
    items = (_backdrop_items(backdrop, outer, ctx) + _window_items(card, doc, window, bands, ctx)
             + code_rows.items(rows, row_boxes))
    if caption:
        box = (Box(aside.x, aside.y, aside.w, caption.height) if aside is not None
               else Box(content.x, outer.bottom + ctx.px(CAPTION_GAP), content.w, caption.height))
        items += text("caption", Placed(caption, box), ctx.min_text)
    if shrunk is not None:
        items.append(Shrunk(shrunk.field, shrunk.message, shrunk.hint))
    return items, grid


def _backdrop_items(backdrop: str, outer: Box, ctx: Context) -> list[Drawable]:
    """The coloured panel the window floats on: the accent as a gradient, or flat."""
    if backdrop == "none":
        return []
    theme, accent = ctx.theme, ctx.theme.accent
    if backdrop == "accent":
        top = bottom = mix(accent, theme.background_bottom, 0.35)
    else:
        # From a lighter accent at the top left to the accent sinking into the card.
        top, bottom = mix(accent, WHITE, 0.18), mix(accent, theme.background_bottom, 0.55)
    return [Gradient(outer, top, bottom, radius=ctx.px(WINDOW_RADIUS + 12), name="backdrop")]


def _caption_beside(card, ctx: Context) -> tuple[TextBlock | None, Box | None]:
    """Beside a side header the caption goes under the title, so the window takes the
    card's height; (None, None) when there is no such room or the caption does not fit it."""
    if ctx.aside is None or not card.fields["caption"]:
        return None, None
    try:
        return _caption_block(card, ctx.aside, ctx, max_height=ctx.aside.h), ctx.aside
    except LayoutError:
        return None, None


def show_line_numbers(card, doc: CodeDoc) -> bool:
    """As the spec says; by default numbered code, but not numbered diagrams."""
    chosen = card.fields["line_numbers"]
    return doc.language != "Text" if chosen is None else chosen


def _check_drawable(line: CodeLine, field: str) -> None:
    for span in line.spans:
        check_drawable(span.text, field, "mono", weight_of(span))


def _caption_block(card, room: Box, ctx: Context, max_height: float | None = None) -> TextBlock | None:
    """Centred under the window, two lines at most; or left-aligned in the room
    beside it (`max_height` given), three."""
    caption = card.fields["caption"]
    if not caption:
        return None
    beside = max_height is not None
    style = TextStyle(ctx.px(CAPTION_PX), ctx.theme.muted, weight="medium", line_height=1.3, emphasis=ctx.theme.accent)
    return fit(caption, style, field="caption", max_width=room.w, max_height=max_height,
               max_lines=3 if beside else 2, min_size=ctx.min_text, align="start" if beside else "center")


# --- fitting ------------------------------------------------------------------


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


# --- the window ---------------------------------------------------------------


@dataclass
class WindowColors:
    background: Color
    border: Color
    band: Color
    accent: Color


def window_colors(doc: CodeDoc, ctx: Context) -> WindowColors:
    return WindowColors(background=doc.background, border=mix(doc.background, doc.foreground, 0.14),
                        band=doc.highlight_band, accent=ctx.theme.accent)


def _shadow_opacities(theme: Theme) -> tuple[float, float]:
    """The window's wide ambient shadow and its tighter key shadow."""
    strength = min(1.0, theme.shadow_opacity * 1.8)
    return strength * 0.55, strength * 0.35


def _window_items(card, doc: CodeDoc, window: Box, bands: list[Box], ctx: Context) -> list[Drawable]:
    theme, colors, radius = ctx.theme, window_colors(doc, ctx), ctx.px(WINDOW_RADIUS)
    ambient, key = _shadow_opacities(theme)
    # A wide ambient shadow and a tighter key shadow, as a window floating above
    # the card; the window's fill (a style's opaque colour) covers their middle.
    items: list[Drawable] = [
        Shadow(window, radius, theme.shadow, ambient, blur=ctx.px(40), offset_y=ctx.px(28), covered=True),
        Shadow(window, radius, theme.shadow, key, blur=ctx.px(10), offset_y=ctx.px(6), covered=True),
        Shape(window, radius, fill=colors.background, name="window"),
    ]
    for i, band in enumerate(bands):
        items.append(Shape(band, 0, fill=colors.band, name=f"band[{i}]", stands_out=(BAND_CONTRAST, "highlight")))
        # The stripe, not the subtle band, is the mark that reads at 3:1.
        items.append(Shape(Box(band.x, band.y, ctx.px(STRIPE), band.h), 0, fill=colors.accent,
                           name=f"band[{i}].stripe", meaning="the lines `highlight` marks"))
    items.append(Shape(window, radius, outline=colors.border, width=max(1.0, ctx.px(1.5)), name="window.border"))
    bar = Box(window.x, window.y, window.w, ctx.px(TITLE_BAR))
    dots = [(window.x + ctx.px(PAD_X + DOT_RADIUS + i * DOT_SPACING), bar.center_y) for i in range(3)]
    items += [Circle(dot, ctx.px(DOT_RADIUS), color, name=f"window.dot[{i}]")
              for i, (dot, color) in enumerate(zip(dots, TRAFFIC_LIGHTS))]
    return items + text("window_title", _title(card, doc, bar, dots[-1][0], ctx), ctx.min_text)


def _title(card, doc: CodeDoc, bar: Box, last_dot_x: float, ctx: Context) -> Placed | None:
    title = window_title(card)
    if not title:
        return None
    color = readable(mix(doc.foreground, doc.background, TITLE_DIM), doc.background, steps=20)
    style = TextStyle(ctx.min_text, color, weight="medium", line_height=1.2)
    # Centred on the window, clear of the dots on both sides.
    clear = last_dot_x + ctx.px(DOT_RADIUS + 24) - bar.x
    room = Box(bar.x + clear, bar.y, bar.w - 2 * clear, bar.h)
    block = single_line(title, style, field="window_title", max_width=room.w, min_size=ctx.min_text,
                        align="center")
    return Placed(block, Box(room.x, room.center_y - block.height / 2, room.w, block.height))


def _bands(rows: list[Box], window: Box) -> list[Box]:
    """One band per run of highlighted rows, across the whole window."""
    bands: list[Box] = []
    for row in rows:
        if bands and abs(bands[-1].bottom - row.y) < 0.5:
            last = bands[-1]
            bands[-1] = Box(last.x, last.y, last.w, row.bottom - last.y)
        else:
            bands.append(Box(window.x, row.y, window.w, row.h))
    return bands


# --- the rows -------------------------------------------------------------------


@dataclass(frozen=True)
class _CodeRows:
    """What every row shares: the grid, the plain code style and the colours."""

    grid: Grid
    plain: TextStyle
    code_x: float  # where column 0 starts, after the gutter
    numbers: bool
    number_color: Color
    dim_towards: Color | None  # the window's background when some lines are highlighted
    field: str
    legible: float

    @classmethod
    def of(cls, card, doc: CodeDoc, grid: Grid, area_x: float, ctx: Context) -> _CodeRows:
        plain = TextStyle(grid.size, doc.foreground, family="mono", line_height=grid.line_height / grid.size)
        dimming = any(line.highlighted for line in doc.lines)
        return cls(grid, plain, round(area_x + grid.gutter),  # whole pixels, like the columns
                   show_line_numbers(card, doc), doc.line_number_color, doc.background if dimming else None,
                   code_field(card), ctx.px(MIN_CODE_PX))

    def items(self, rows: list[Row], boxes: list[Box]) -> list[Drawable]:
        return [item for row, box in zip(rows, boxes) for item in self._row(row, box)]

    def _row(self, row: Row, box: Box) -> list[Drawable]:
        """The line number (first row of a line) or the ↪ mark (its other rows), then the code."""
        grid, plain, line = self.grid, self.plain, row.line
        # On a whole pixel, so that a character looks the same on every row (and its stamp serves them all).
        baseline = round(box.y + baseline_offset(plain))
        pen = GridRow(grid, box, baseline, self.field, self.legible,
                      dim_towards=None if line.highlighted else self.dim_towards)
        items: list[Drawable] = []
        # On a highlighted row the band is behind them: the number and the ↪ take the code's colour.
        color = plain.color if line.highlighted else self.number_color
        if self.numbers and row.start == 0:
            label = str(line.number)
            x = self.code_x - (GUTTER_GAP_COLUMNS + len(label)) * grid.advance
            items.append(Glyphs("line_numbers", x, baseline, make_line(label, plain), replace(plain, color=color),
                                box, self.legible, grid.advance))
        if row.start > 0:
            items.append(pen.cell(CONTINUATION_MARK, self.code_x + (row.start - 2) * grid.advance, 1,
                                  replace(plain, color=color)))
        return items + pen.pieces(row.spans, self.code_x + row.start * grid.advance, plain)
