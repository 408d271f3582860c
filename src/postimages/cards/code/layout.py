"""kind: code — the layout: a window that hugs its rows of code, and a caption under it.

Painted in this order: the window's two shadows and its fill, a band (with
an accent stripe) behind each run of highlighted rows, the window's border,
the traffic lights and title, then row by row the line number, the ↪ mark
of a continued line and the code, and last the caption.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from postimages.cards.code.highlight import BAND_CONTRAST
from postimages.cards.code.grid import GUTTER_GAP_COLUMNS, Grid, GridRow, weight_of
from postimages.cards.code.sizing import MIN_CODE_PX, fit_code, show_line_numbers
from postimages.cards.code.source import CodeDoc, CodeLine, load
from postimages.cards.code.spec import code_field, window_title
from postimages.cards.code.wrap import Row
from postimages.color import WHITE, Color, mix, parse_color, readable
from postimages.errors import LayoutError
from postimages.fitting import NoFit
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable, Glyphs, Gradient, Shadow, Shape, Shrunk, text
from postimages.text import Placed, TextBlock, TextStyle, baseline_offset, check_drawable, make_line
from postimages.textfit import fit, single_line
from postimages.theme import Theme

# Sizes at 1200 px wide; scaled with the card (ctx.px).
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


class _Fitted(NamedTuple):
    """The code fitted on one backdrop: what the window's drawables are made from."""

    backdrop: str
    pad: float  # the backdrop's margin, in px (0 without one)
    caption: TextBlock | None
    aside: Box | None  # where the caption goes beside a side header; None: under the window
    grid: Grid
    rows: list[Row]
    shrunk: NoFit | None  # why the code is under the legible size, when it is


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    doc = load(card, ctx.theme.dark, ctx.theme.accent)
    for line in doc.lines:
        _check_drawable(line, code_field(card))
    caption, aside = _caption_beside(card, ctx)
    if aside is None:
        caption = _caption_block(card, content, ctx)

    def on(backdrop: str, margin: float = BACKDROP_PAD) -> _Fitted:
        return _fit_on(backdrop, card, doc, content, ctx, (caption, aside), margin)

    # Only the chosen fit is made into drawables: the others were only measured.
    return _items(_chosen_fit(card.fields["backdrop"], on), card, doc, content, ctx)


def _chosen_fit(chosen: str | None, on: Callable[..., _Fitted]) -> _Fitted:
    """The window floats on a backdrop (unless asked, a gradient of the accent) where the
    code stays legible with its margin; a wide window's backdrop takes a narrower margin
    where that sets the code as large as no backdrop would. Otherwise a backdrop that was
    asked for keeps its margin (and the code shrinks), and the default has none."""
    if chosen == "none":
        return on("none")
    first = None
    try:
        first = on(chosen or "gradient")
        if first.shrunk is None:
            return first
    except NoFit:
        pass
    try:
        bare = on("none")
    except NoFit:
        if not chosen:
            raise
        return first if first is not None else on(chosen)  # its own error, with its own hint
    narrower = _on_narrower_backdrop(chosen or "gradient", on, bare.grid)
    if narrower is not None:
        return narrower
    return (first if first is not None else on(chosen)) if chosen else bare


def _on_narrower_backdrop(backdrop: str, on: Callable[..., _Fitted], bare: Grid) -> _Fitted | None:
    """On the backdrop with the widest of the narrower margins that sets the code as the
    card without a backdrop does (same size, same line height); None when none does."""
    for pad in BACKDROP_PADS[1:]:
        try:
            fitted = on(backdrop, pad)
        except NoFit:
            continue
        if (fitted.grid.size, fitted.grid.line_height) == (bare.size, bare.line_height):
            return fitted
    return None


def _fit_on(backdrop: str, card, doc: CodeDoc, content: Box, ctx: Context,
            caption: tuple[TextBlock | None, Box | None], margin: float) -> _Fitted:
    block, aside = caption
    pad = ctx.px(margin) if backdrop != "none" else 0.0
    room = Box(content.x, content.y, content.w, content.h - _below(block, aside, ctx))
    chrome = ctx.px(TITLE_BAR + PAD_TOP + PAD_BOTTOM)
    (grid, rows), shrunk = fit_code(card, doc, room.inset(ctx.px(PAD_X) + pad, chrome / 2 + pad), ctx)
    return _Fitted(backdrop, pad, block, aside, grid, rows, shrunk)


def _below(caption: TextBlock | None, aside: Box | None, ctx: Context) -> float:
    """The height a caption under the window takes, with its gap."""
    return ctx.px(CAPTION_GAP) + caption.height if caption and aside is None else 0


def _items(fitted: _Fitted, card, doc: CodeDoc, content: Box, ctx: Context) -> list[Drawable]:
    backdrop, pad, caption, aside, grid, rows, shrunk = fitted
    below = _below(caption, aside, ctx)
    chrome = ctx.px(TITLE_BAR + PAD_TOP + PAD_BOTTOM)
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
    return items


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


class _CodeRows(NamedTuple):
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
            items.append(Glyphs("line_numbers", x, baseline, make_line(label, plain), plain._replace(color=color),
                                box, self.legible, grid.advance))
        if row.start > 0:
            items.append(pen.cell(CONTINUATION_MARK, self.code_x + (row.start - 2) * grid.advance, 1,
                                  plain._replace(color=color)))
        return items + pen.pieces(row.spans, self.code_x + row.start * grid.advance, plain)
