"""kind: architecture — the system as a stack of layers with the flow between them.

Each layer is a panel: a numbered badge in the layer's colour, its name, an
optional tag badge ("127 agents") and its items as chips that wrap into rows.
Arrows join consecutive layers: down the card, or left to right on short
(landscape) cards.

Layout searches for the largest scale at which everything fits: text and
spacing shrink together down to the look's minimum text size; past that a
LayoutError names the field to cut and by how much.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass

from postimages import draw as shapes
from postimages.errors import LayoutError
from postimages.frame import Context
from postimages.geometry import Box
from postimages.schema import Field, ListOf, Obj, Str
from postimages.text import Placed, TextBlock, TextItem, TextStyle, check_drawable, fit, make_line, measure, wrap
from postimages.theme import Color, Theme, contrast, mix

MAX_LAYERS = 8
MAX_ITEMS = 8

LAYER = Obj(
    {
        "name": Field(Str(max_length=120, allow_empty=False, doc="the layer's name"), required=True),
        "tag": Field(Str(max_length=24, doc='a short badge beside the name, e.g. "127 agents" or "<100 ms"')),
        "items": Field(ListOf(Str(max_length=200, allow_empty=False), max_items=MAX_ITEMS,
                              doc="the layer's parts, shown as chips"), default=None),
    }
)

FIELDS = {
    "layers": Field(ListOf(LAYER, min_items=2, max_items=MAX_LAYERS, doc="drawn in order, an arrow between each"),
                    required=True),
}


def layers_of(card) -> list[dict]:
    return [{"name": l["name"], "tag": l["tag"], "items": l["items"] or []} for l in card.fields["layers"]]


def alt_text(card) -> str:
    layers = layers_of(card)
    title = card.fields.get("title")
    lead = f"{title}: an architecture diagram" if title else "An architecture diagram"

    def sentence(with_tags: bool) -> str:
        names = [f"{l['name']} ({l['tag']})" if with_tags and l["tag"] else l["name"] for l in layers]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        return f"{lead} of {len(layers)} layers, each feeding the next: {listed}."

    full = sentence(with_tags=True)
    return full if len(full) <= 250 else sentence(with_tags=False)


# --- colours --------------------------------------------------------------


@dataclass(frozen=True)
class LayerColors:
    accent: Color  # badge fill, arrow, chip and panel tints
    panel_fill: Color
    number: Color  # the digit on the badge
    border: Color
    chip_fill: Color
    chip_border: Color
    chip_text: Color
    tag_fill: Color
    tag_text: Color


def accent_ramp(theme: Theme, count: int) -> list[Color]:
    """The theme accent turning gradually through the hue circle, one colour per layer.

    The turn is capped so that neighbours stay related (a gradient, not a rainbow)
    and the last layer does not drift into the good/bad status colours.
    """
    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in theme.accent))
    total_turn = min(0.2, 0.055 * (count - 1))
    colors = []
    for i in range(count):
        shifted = (hue + total_turn * i / max(1, count - 1)) % 1.0
        r, g, b = colorsys.hls_to_rgb(shifted, lightness, saturation)
        colors.append((round(r * 255), round(g * 255), round(b * 255)))
    return colors


def readable(color: Color, background: Color, toward: Color, ratio: float = 4.5) -> Color:
    """`color`, moved toward `toward` just enough to reach `ratio` against the background."""
    for step in range(11):
        candidate = mix(color, toward, step / 10)
        if contrast(candidate, background) >= ratio:
            return candidate
    return toward


def layer_colors(theme: Theme, count: int) -> list[LayerColors]:
    # One digit colour for every badge (dark on a light accent, light on a dark one);
    # each badge fill then moves away from it until the digit reads at 4.5:1.
    number = max((theme.background_top, theme.text, theme.panel), key=lambda c: contrast(c, theme.accent))
    away = (0, 0, 0) if sum(number) > 382 else (255, 255, 255)
    result = []
    for accent in accent_ramp(theme, count):
        accent = readable(accent, number, away, 4.5)
        chip_fill = mix(theme.panel, accent, 0.13 if theme.dark else 0.08)
        tag_fill = mix(theme.panel, accent, 0.22 if theme.dark else 0.12)
        result.append(LayerColors(
            accent=accent,
            number=number,
            panel_fill=mix(theme.panel, accent, 0.05 if theme.dark else 0.025),
            border=mix(theme.panel_border, accent, 0.45),
            chip_fill=chip_fill,
            chip_border=mix(theme.panel, accent, 0.38 if theme.dark else 0.30),
            chip_text=readable(theme.text, chip_fill, theme.text),
            tag_fill=tag_fill,
            tag_text=readable(accent, tag_fill, theme.text),
        ))
    return result


# --- sizes ----------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """Every size of the diagram at one step of the shrink search, in card pixels."""

    step: float
    at_minimum: bool  # text is at the look's minimum: the last step
    name: float
    item: float
    tag: float
    badge: float  # badge diameter
    pad_x: float
    pad_y: float
    chip_pad_x: float
    chip_pad_y: float
    chip_gap: float
    gap: float  # between layers, where the arrow runs

    def name_style(self, theme: Theme) -> TextStyle:
        return TextStyle(self.name, theme.text, family="display", weight="bold", line_height=1.15)

    def item_style(self, color: Color) -> TextStyle:
        return TextStyle(self.item, color, weight="medium", line_height=1.2)

    def tag_style(self, color: Color) -> TextStyle:
        return TextStyle(self.tag, color, weight="bold", uppercase=True, tracking=0.06, line_height=1.0)


# Spacing and items shrink first; names keep 30 px (at 1200 wide) and the gaps keep
# room for a clear arrow until the last resort, where both go to their minimum.
SCALE_STEPS = [1.25, 1.1] + [1.0 - 0.05 * i for i in range(9)]  # sparse cards get bigger text; down to 0.6
FLOORS = {"name": 30, "gap": 36}
LAST_RESORT_FLOORS = {"name": 26, "gap": 24}


def scales(ctx: Context) -> list[Scale]:
    """Every scale the search tries, largest first; the last one is at the minimum text size."""
    tried = [_scale_at(step, FLOORS, ctx, last=False) for step in SCALE_STEPS]
    return tried + [_scale_at(SCALE_STEPS[-1], LAST_RESORT_FLOORS, ctx, last=True)]


def _scale_at(step: float, floors: dict, ctx: Context, last: bool) -> Scale:
    def size(reference: float, floor: float = 0.0) -> float:
        return max(ctx.px(reference * step), ctx.px(floor))

    name = size(38, floors["name"])
    return Scale(
        step=step, at_minimum=last,
        name=name, item=size(30, 26), tag=size(26, 26),
        badge=max(size(48, 40), name * 1.15),
        pad_x=size(32, 18), pad_y=size(24, 12),
        chip_pad_x=size(18, 12), chip_pad_y=size(10, 5), chip_gap=size(12, 8),
        gap=size(48, floors["gap"]),
    )


# --- layout ---------------------------------------------------------------


@dataclass
class Chip:
    box: Box
    text: Placed


@dataclass
class LayerPanel:
    index: int
    panel: Box
    colors: LayerColors
    badge: Box
    number: Placed
    name: Placed
    tag: tuple[Box, Placed] | None
    chips: list[Chip]


@dataclass
class Arrow:
    source: int  # index of the layer it leaves
    target: int  # index of the layer it points at
    start: tuple[float, float]
    end: tuple[float, float]
    color: Color

    @property
    def box(self) -> Box:
        (x0, y0), (x1, y1) = self.start, self.end
        return Box(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))


@dataclass
class ArchitectureLayout:
    direction: str  # "down" (a stack of rows) or "right" (columns, for short cards)
    scale: Scale
    layers: list[LayerPanel]
    arrows: list[Arrow]

    def text_boxes(self) -> list[tuple[str, Box]]:
        named: list[tuple[str, Box]] = []
        for layer in self.layers:
            field = f"layers[{layer.index}]"
            named.append((f"{field}.number", layer.number.ink_box))
            named.append((f"{field}.name", layer.name.ink_box))
            if layer.tag:
                named.append((f"{field}.tag", layer.tag[0]))
            named.extend((f"{field}.items[{j}]", chip.box) for j, chip in enumerate(layer.chips))
        return named

    def panels(self) -> list[Box]:
        return [layer.panel for layer in self.layers]

    def text_items(self, ctx: Context) -> list[TextItem]:
        """Every text with the fill it is drawn on (the colours draw() uses), for `postimages check`."""
        items: list[TextItem] = []
        for layer in self.layers:
            field, c = f"layers[{layer.index}]", layer.colors
            # The badge digit is the layer's place, not typed: it is named after its layer.
            named = [(field, layer.number, c.accent), (f"{field}.name", layer.name, c.panel_fill)]
            if layer.tag:
                named.append((f"{field}.tag", layer.tag[1], c.tag_fill))
            named += [(f"{field}.items[{j}]", chip.text, c.chip_fill) for j, chip in enumerate(layer.chips)]
            items += [TextItem(name, placed, (behind,), ctx.min_text) for name, placed, behind in named]
        return items

    def arrow_boxes(self) -> list[tuple[str, Box]]:
        return [(f"arrow {a.source}->{a.target}", a.box) for a in self.arrows]


class _NoFit(Exception):
    """Internal: the content does not fit at this scale (the search tries a smaller one)."""

    def __init__(self, field: str, overflow: float = 0.0, error: LayoutError | None = None):
        self.field = field
        self.overflow = overflow
        self.error = error  # the exact user-facing error, when one field alone is too long
        self.arrangement = ""
        super().__init__(field)


@dataclass(frozen=True)
class Arrangement:
    """How panels are arranged and what sits where inside each one."""

    direction: str  # down | right
    chips_beside_header: bool  # rows: a header column on the left, chips on the right
    badge_above_name: bool  # narrow columns: the badge gets its own line
    name_lines: int


ARRANGEMENTS = {
    "rows": Arrangement("down", chips_beside_header=True, badge_above_name=False, name_lines=3),
    "stacked rows": Arrangement("down", chips_beside_header=False, badge_above_name=False, name_lines=4),
    "columns": Arrangement("right", chips_beside_header=False, badge_above_name=True, name_lines=4),
}


def layout(card, content: Box, ctx: Context) -> ArchitectureLayout:
    layers = layers_of(card)
    _check_characters(layers)
    colors = layer_colors(ctx.theme, len(layers))
    # The flow follows the card's shape (down a tall card, across a short one) and turns
    # only when it cannot fit that way. Within a direction the largest text wins; at equal
    # size, a header column beside the chips beats a header line above them.
    down, across = ["rows", "stacked rows"], ["columns"]
    groups = [across, down] if ctx.compact else [down, across]
    failures: list[_NoFit] = []  # each arrangement's failure at the minimum size
    for group in groups:
        for scale in scales(ctx):
            for name in group:
                try:
                    return _arrange(layers, colors, ARRANGEMENTS[name], content, scale, ctx)
                except _NoFit as failure:
                    if scale.at_minimum:
                        failure.arrangement = name
                        failures.append(failure)
    raise _explain(failures, layers, content, ctx)


def _check_characters(layers: list[dict]) -> None:
    for i, layer in enumerate(layers):
        check_drawable(layer["name"], f"layers[{i}].name", "display", "bold")
        if layer["tag"]:
            check_drawable(layer["tag"].upper(), f"layers[{i}].tag", "text", "bold")
        for j, item in enumerate(layer["items"]):
            check_drawable(item, f"layers[{i}].items[{j}]", "text", "medium")


def _arrange(layers, colors, arrangement: Arrangement, content: Box, scale: Scale, ctx: Context):
    if arrangement.direction == "down":
        return _arrange_rows(layers, colors, arrangement, content, scale, ctx)
    return _arrange_columns(layers, colors, arrangement, content, scale, ctx)


def _arrange_rows(layers, colors, arrangement, content: Box, scale: Scale, ctx: Context) -> ArchitectureLayout:
    """Full-width panels top to bottom; spare height widens the gaps and the panels, then centres."""
    count = len(layers)
    if arrangement.chips_beside_header and not any(l["items"] for l in layers):
        raise _NoFit("layers")  # nothing to put beside the header: the stacked arrangement reads better
    inner_w = content.w - 2 * scale.pad_x
    header_w = _header_width(layers, inner_w, scale, ctx) if arrangement.chips_beside_header else inner_w
    natural = [
        _layer_panel(layer, i, colors[i], Box(content.x, 0, content.w, 0), header_w, arrangement, scale, ctx).panel.h
        for i, layer in enumerate(layers)
    ]
    spare = content.h - sum(natural) - scale.gap * (count - 1)
    if spare < 0:
        raise _NoFit(_fullest_field(layers), -spare)
    gap = min(ctx.px(88), scale.gap + spare / (count - 1))
    spare -= (gap - scale.gap) * (count - 1)
    grow = min(ctx.px(56), spare / count)
    spare -= grow * count
    y = content.y + spare / 2
    panels = []
    for i, layer in enumerate(layers):
        box = Box(content.x, y, content.w, natural[i] + grow)
        panels.append(_layer_panel(layer, i, colors[i], box, header_w, arrangement, scale, ctx))
        y = box.bottom + gap
    arrows = [_arrow_between(panels[i], panels[i + 1], "down", ctx) for i in range(count - 1)]
    return ArchitectureLayout("down", scale, panels, arrows)


def _arrange_columns(layers, colors, arrangement, content: Box, scale: Scale, ctx: Context) -> ArchitectureLayout:
    """Equal columns left to right, as tall as the fullest one (plus some air), centred."""
    count = len(layers)
    gap = scale.gap
    column_w = (content.w - gap * (count - 1)) / count
    if column_w - 2 * scale.pad_x < ctx.px(64):
        raise _NoFit("layers", 0)
    natural = [
        _layer_panel(layer, i, colors[i], Box(0, 0, column_w, 0), column_w, arrangement, scale, ctx).panel.h
        for i, layer in enumerate(layers)
    ]
    tallest = max(natural)
    if tallest > content.h:
        raise _NoFit(_fullest_field(layers), tallest - content.h)
    height = min(content.h, tallest + ctx.px(48))
    y = content.y + (content.h - height) / 2
    panels = []
    for i, layer in enumerate(layers):
        box = Box(content.x + i * (column_w + gap), y, column_w, height)
        panels.append(_layer_panel(layer, i, colors[i], box, column_w, arrangement, scale, ctx))
    arrows = [_arrow_between(panels[i], panels[i + 1], "right", ctx) for i in range(count - 1)]
    return ArchitectureLayout("right", scale, panels, arrows)


def _fullest_field(layers: list[dict]) -> str:
    fullest = max(range(len(layers)), key=lambda i: (len(layers[i]["items"]), len(layers[i]["name"])))
    return f"layers[{fullest}].items" if layers[fullest]["items"] else f"layers[{fullest}].name"


def _header_width(layers, inner_w: float, scale: Scale, ctx: Context) -> float:
    """The left column of a row: wide enough for the longest name on one line, within bounds."""
    style = scale.name_style(ctx.theme)
    beside_badge = scale.badge + _badge_gap(scale)
    widest_tag = max((_tag_width(l["tag"], scale, ctx) for l in layers if l["tag"]), default=0)
    widest = max(measure(l["name"], style) for l in layers)
    most = inner_w * 0.42
    if beside_badge + widest > most:
        # Some name wraps: the column need only be as wide as its longest wrapped line.
        widest = max(measure(line, style) for l in layers for line in wrap(l["name"], style, most - beside_badge).lines)
    return min(max(beside_badge + max(widest, widest_tag), inner_w * 0.26), most)


def _badge_gap(scale: Scale) -> float:
    return scale.badge * 0.36


def _tag_width(tag: str, scale: Scale, ctx: Context) -> float:
    return measure(tag, scale.tag_style(ctx.theme.text)) + 2 * _tag_pad(scale)


def _tag_pad(scale: Scale) -> float:
    return scale.tag * 0.45


def _layer_panel(layer: dict, index: int, colors: LayerColors, panel: Box, header_w: float,
                 arrangement: Arrangement, scale: Scale, ctx: Context) -> LayerPanel:
    """One panel's contents. With panel.h == 0 the panel takes its natural height."""
    field = f"layers[{index}]"
    inner_x = panel.x + scale.pad_x
    inner_w = panel.w - 2 * scale.pad_x
    header = _header(layer, index, colors, header_w if arrangement.chips_beside_header else inner_w,
                     arrangement, scale, ctx)
    if arrangement.chips_beside_header:
        chips_x = inner_x + header_w + _header_gap(scale)
        chips_w = inner_x + inner_w - chips_x
        chips, chips_h = _chips(layer["items"], field, colors, chips_w, scale)
        inner_h = max(header.height, chips_h)
    else:
        chips_x, chips_w = inner_x, inner_w
        chips, chips_h = _chips(layer["items"], field, colors, chips_w, scale)
        inner_h = header.height + (scale.chip_gap * 1.5 + chips_h if chips else 0)
    height = panel.h or inner_h + 2 * scale.pad_y
    # Rows centre their contents; columns keep the headers aligned along the top.
    top = panel.y + (height - inner_h) / 2 if arrangement.direction == "down" else panel.y + scale.pad_y
    if arrangement.chips_beside_header:
        header_top = top + (inner_h - header.height) / 2
        chips_top = top + (inner_h - chips_h) / 2
    else:
        header_top = top
        chips_top = top + header.height + scale.chip_gap * 1.5
    badge, number, name, tag = header.placed(inner_x, header_top)
    placed_chips = [Chip(_moved(c.box, chips_x, chips_top), _shifted(c.text, chips_x, chips_top)) for c in chips]
    return LayerPanel(index, Box(panel.x, panel.y, panel.w, height), colors, badge, number, name, tag, placed_chips)


def _header_gap(scale: Scale) -> float:
    return scale.pad_x


def _moved(box: Box, dx: float, dy: float) -> Box:
    return Box(box.x + dx, box.y + dy, box.w, box.h)


def _shifted(placed: Placed, dx: float, dy: float) -> Placed:
    return Placed(placed.block, _moved(placed.box, dx, dy))


@dataclass
class _Header:
    """The badge, name and tag of a layer, measured; placed once the panel's position is known."""

    height: float
    badge: Box  # relative to the header's top left
    number: Placed
    name: Placed
    tag: tuple[Box, Placed] | None

    def placed(self, x: float, y: float):
        tag = _moved_tag(self.tag, x, y) if self.tag else None
        return _moved(self.badge, x, y), _shifted(self.number, x, y), _shifted(self.name, x, y), tag


def _header(layer, index, colors: LayerColors, width: float, arrangement: Arrangement, scale: Scale,
            ctx: Context) -> _Header:
    field = f"layers[{index}]"
    d = scale.badge
    name_style = scale.name_style(ctx.theme)
    if arrangement.badge_above_name:
        name_x, name_y, name_w = 0.0, d + scale.chip_gap, width
    else:
        name_x, name_y, name_w = d + _badge_gap(scale), 0.0, width - d - _badge_gap(scale)
    block = _wrapped(layer["name"], name_style, name_w, arrangement.name_lines, scale.at_minimum)
    if block is None:
        raise _NoFit(f"{field}.name", error=_too_long(layer["name"], name_style, f"{field}.name", name_w,
                                                      arrangement.name_lines))
    # A one-line name sits centred on the badge; a longer one starts level with it.
    if not arrangement.badge_above_name and len(block.lines) == 1:
        name_y = (d - block.height) / 2
    name = Placed(block, Box(name_x, name_y, name_w, block.height))
    badge = Box(0, 0, d, d)
    number_style = TextStyle(max(ctx.min_text, d * 0.5), colors.number, family="display", weight="bold",
                             line_height=1.0, tabular=True)
    number_block = TextBlock((make_line(str(index + 1), number_style),), number_style, "center")
    number = Placed(number_block, Box(0, (d - number_block.height) / 2, d, number_block.height))
    bottom = max(d, name.box.bottom)
    tag = None
    if layer["tag"]:
        tag = _tag_badge(layer["tag"], f"{field}.tag", colors, scale, ctx, name_w)
        if arrangement.badge_above_name:
            # Narrow columns: the tag shares the badge's line when it fits there.
            room = width - d - _badge_gap(scale)
            if tag[0].w <= room:
                tag = _moved_tag(tag, d + _badge_gap(scale), (d - tag[0].h) / 2)
            else:
                tag = _moved_tag(tag, 0, bottom + scale.chip_gap)
        elif _fits_beside_name(tag, name, arrangement, name_x + name_w, scale):
            tag = _moved_tag(tag, name_x + name.block.width + _badge_gap(scale), (d - tag[0].h) / 2)
        else:
            tag = _moved_tag(tag, name_x, name.box.bottom + scale.chip_gap * 0.75)
        bottom = max(bottom, tag[0].bottom)
    return _Header(bottom, badge, number, name, tag)


def _fits_beside_name(tag, name: Placed, arrangement: Arrangement, right: float, scale: Scale) -> bool:
    """A header line above the chips has room for the tag after a one-line name."""
    if arrangement.chips_beside_header or len(name.block.lines) != 1:
        return False
    return name.box.x + name.block.width + _badge_gap(scale) + tag[0].w <= right


def _moved_tag(tag, dx, dy):
    box, text = tag
    return _moved(box, dx, dy), _shifted(text, dx, dy)


def _tag_badge(text: str, field: str, colors: LayerColors, scale: Scale, ctx: Context, room: float):
    style = scale.tag_style(colors.tag_text)
    width = measure(text, style)
    pad = _tag_pad(scale)
    if width + 2 * pad > room + 0.5:
        raise _NoFit(field, error=_too_long(text, style, field, room - 2 * pad, 1))
    height = style.size * 1.0 + 2 * scale.tag * 0.3
    block = TextBlock((make_line(text, style),), style)
    box = Box(0, 0, width + 2 * pad, height)
    return box, Placed(block, Box(pad, (height - block.height) / 2, width, block.height))


def _too_long(text: str, style: TextStyle, field: str, width: float, max_lines: int) -> LayoutError | None:
    """The error `fit` gives for text that cannot fit, with how much to cut (None if it would fit)."""
    try:
        fit(text, style, field=field, max_width=max(width, 1), max_lines=max_lines, min_size=style.size)
    except LayoutError as exc:
        return exc
    return None


def _wrapped(text: str, style: TextStyle, width: float, max_lines: int, last_resort: bool) -> TextBlock | None:
    """Word-wrapped text in at most max_lines, or None; words are split only as a last resort."""
    if width <= 0:
        return None
    wrapped = wrap(text, style, width)
    if len(wrapped.lines) > max_lines or (wrapped.broke_words and not last_resort):
        return None
    return TextBlock(tuple(make_line(line, style) for line in wrapped.lines), style)


def _chips(items: list[str], field: str, colors: LayerColors, width: float, scale: Scale):
    """Chips flowed left to right into rows, relative to (0, 0); and their total height.

    A chip longer than the row wraps onto a second line inside the chip. The rows
    are balanced: as many as a greedy fill needs, but evened out so that the last
    row is not a lone chip under a full one.
    """
    style = scale.item_style(colors.chip_text)
    text_room = width - 2 * scale.chip_pad_x
    blocks = []
    for j, item in enumerate(items):
        block = _wrapped(item, style, text_room, 2, scale.at_minimum)
        if block is None:
            item_field = f"{field}.items[{j}]"
            raise _NoFit(item_field, error=_too_long(item, style, item_field, text_room, 2))
        blocks.append(block)
    sizes = [(b.width + 2 * scale.chip_pad_x, b.height + 2 * scale.chip_pad_y) for b in blocks]
    limit = _balanced_row_width([w for w, _ in sizes], width, scale.chip_gap)
    chips: list[Chip] = []
    x = y = row_h = 0.0
    for block, (w, h) in zip(blocks, sizes):
        if x > 0 and x + w > limit + 0.01:
            x, y = 0.0, y + row_h + scale.chip_gap
            row_h = 0.0
        text = Placed(block, Box(x + scale.chip_pad_x, y + scale.chip_pad_y, block.width, block.height))
        chips.append(Chip(Box(x, y, w, h), text))
        x += w + scale.chip_gap
        row_h = max(row_h, h)
    return chips, (y + row_h if chips else 0.0)


def _row_count(widths: list[float], limit: float, gap: float) -> int:
    rows, x = 1, 0.0
    for w in widths:
        if x > 0 and x + w > limit + 0.01:
            rows, x = rows + 1, 0.0
        x += w + gap
    return rows


def _balanced_row_width(widths: list[float], width: float, gap: float) -> float:
    """The narrowest row width that still needs no more rows than the full width does."""
    if not widths:
        return width
    rows = _row_count(widths, width, gap)
    if rows == 1:
        return width
    limit = max(max(widths), (sum(widths) + gap * (len(widths) - rows)) / rows)
    while limit < width and _row_count(widths, limit, gap) > rows:
        limit += 4
    return min(limit, width)


def _arrow_between(a: LayerPanel, b: LayerPanel, direction: str, ctx: Context) -> Arrow:
    """An arrow across the gap between two panels, clear of both by a few pixels."""
    clear = ctx.px(6)
    if direction == "down":
        x = a.badge.center_x
        start, end = (x, a.panel.bottom + clear), (x, b.panel.y - clear)
    else:
        y = a.badge.center_y
        start, end = (a.panel.right + clear, y), (b.panel.x - clear, y)
    return Arrow(a.index, b.index, start, end, a.colors.accent)


def _explain(failures: list[_NoFit], layers: list[dict], content: Box, ctx: Context) -> LayoutError:
    """The user-facing error when no arrangement fits at the minimum text size.

    One field too long for every arrangement is named with how much to cut, as measured
    in the widest room it had (a header line across the panel); otherwise the diagram as
    a whole is too big, and the fullest layer is named.
    """
    precise = [f for f in failures if f.error is not None]
    if len(precise) == len(failures) and precise:
        widest = [f for f in precise if f.arrangement == "stacked rows"] or precise
        return widest[0].error
    overflowing = [f for f in failures if f.error is None and f.overflow > 0]
    if not overflowing:
        return LayoutError("layers", "the layers do not fit the card even at the minimum text size",
                           "use fewer layers or items, or a taller size")
    closest = min(overflowing, key=lambda f: f.overflow)
    items = sum(len(l["items"]) for l in layers)
    width, height = ctx.size
    if items:
        cut = max(1, math.ceil(closest.overflow / ctx.px(44)))  # about one chip row per item saved
        hint = (f"cut about {cut} item{'s' if cut > 1 else ''} or a layer, shorten the items, "
                "or use a taller size such as portrait")
    else:
        hint = "cut a layer, or use a taller size such as portrait"
    return LayoutError(
        closest.field,
        f"{len(layers)} layers with {items} items need {closest.overflow:.0f} px more height than a "
        f"{width}x{height} card has, even at the minimum text size",
        hint,
    )


# --- drawing --------------------------------------------------------------


def draw(image, layout: ArchitectureLayout, ctx: Context) -> None:
    theme = ctx.theme
    for arrow in layout.arrows:
        _draw_arrow(image, arrow, ctx)
    for layer in layout.layers:
        _draw_panel(image, layer, layout.scale, theme, ctx)


def _draw_arrow(image, arrow: Arrow, ctx: Context) -> None:
    length = max(arrow.box.w, arrow.box.h)
    shapes.arrow(image, arrow.start, arrow.end, width=ctx.px(4), head=min(ctx.px(16), length * 0.6),
                 fill=arrow.color)


def _draw_panel(image, layer: LayerPanel, scale: Scale, theme: Theme, ctx: Context) -> None:
    c = layer.colors
    radius = min(ctx.px(24), layer.panel.h / 3)
    shapes.panel(image, layer.panel, radius, c.panel_fill, c.border, theme.shadow, theme.shadow_opacity * 0.6,
                 elevation=ctx.px(16), border_width=max(1, ctx.u * 1.5))
    shapes.circle(image, (layer.badge.center_x, layer.badge.center_y), layer.badge.w / 2, c.accent)
    layer.number.draw(image)
    layer.name.draw(image)
    if layer.tag:
        box, text = layer.tag
        shapes.rounded_rect(image, box, box.h / 2, fill=c.tag_fill)
        text.draw(image)
    for chip in layer.chips:
        chip_radius = min(chip.box.h / 2, ctx.px(14))
        shapes.rounded_rect(image, chip.box, chip_radius, fill=c.chip_fill, outline=c.chip_border,
                            width=max(1, ctx.u * 1.5))
        chip.text.draw(image)
