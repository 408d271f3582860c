"""kind: architecture — what one layer's panel holds: the numbered badge, the
name and tag (the header), and the items as chips flowed into rows.

Everything is measured at one Scale; text that does not fit raises NoFit so
that the search tries a smaller scale or another arrangement.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from postimages import fonts
from postimages.cards.architecture.candidates import Arrangement, Scale
from postimages.cards.architecture.colors import LayerColors
from postimages.errors import LayoutError
from postimages.fitting import NoFit
from postimages.frame import Context
from postimages.geometry import Box
from postimages.text import Placed, TextBlock, TextStyle, make_line, measure
from postimages.textfit import fit, wrap, wrapped_block


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


def layer_panel(layer: dict, index: int, colors: LayerColors, panel: Box, header_w: float,
                arrangement: Arrangement, scale: Scale, ctx: Context) -> LayerPanel:
    """One panel's contents. With panel.h == 0 the panel takes its natural height."""
    beside = arrangement.chips_beside_header
    inner_x = panel.x + scale.pad_x
    inner_w = panel.w - 2 * scale.pad_x
    chips_x = inner_x + header_w + scale.header_gap if beside else inner_x
    chips_w = inner_x + inner_w - chips_x if beside else inner_w
    # Measuring needs only the theme and the card's size: a context without the card's
    # images keeps the memo from holding on to them.
    header, chips, chips_h = _contents((layer["name"], layer["tag"], tuple(layer["items"])), index, colors,
                                       (header_w if beside else inner_w, chips_w), arrangement, scale,
                                       Context(ctx.theme, ctx.size), fonts.active())
    if beside:
        inner_h = max(header.height, chips_h)
    else:
        inner_h = header.height + (scale.chip_gap * 1.5 + chips_h if chips else 0)
    height = panel.h or inner_h + 2 * scale.pad_y
    # Rows centre their contents; columns keep the headers aligned along the top.
    top = panel.y + (height - inner_h) / 2 if arrangement.direction == "down" else panel.y + scale.pad_y
    if beside:
        header_top = top + (inner_h - header.height) / 2
        chips_top = top + (inner_h - chips_h) / 2
    else:
        header_top = top
        chips_top = top + header.height + scale.chip_gap * 1.5
    badge, number, name, tag = header.placed(inner_x, header_top)
    placed_chips = [Chip(c.box.moved(chips_x, chips_top), _shifted(c.text, chips_x, chips_top)) for c in chips]
    return LayerPanel(index, Box(panel.x, panel.y, panel.w, height), colors, badge, number, name, tag, placed_chips)


# The search measures the same layer at the same scale and widths many times over (its
# natural height, then placed; in each fix it tries): measured once. The fonts in use
# are part of the key, as in text.measure.
@lru_cache(maxsize=1024)
def _contents(layer: tuple[str, str | None, tuple[str, ...]], index: int, colors: LayerColors,
              widths: tuple[float, float], arrangement: Arrangement, scale: Scale, ctx: Context, user):
    """The header and the chips (relative to (0, 0)) of a layer, for a header and chips this wide."""
    name, tag, items = layer
    header_w, chips_w = widths
    header = _header(name, tag, index, colors, header_w, arrangement, scale, ctx)
    chips, chips_h = _chips(items, f"layers[{index}]", colors, chips_w, scale)
    return header, chips, chips_h


def tag_width(tag: str, scale: Scale, ctx: Context) -> float:
    return measure(tag, scale.tag_style(ctx.theme.text)) + 2 * scale.tag_pad


def _shifted(placed: Placed, dx: float, dy: float) -> Placed:
    return Placed(placed.block, placed.box.moved(dx, dy))


def _moved_tag(tag, dx, dy):
    box, text = tag
    return box.moved(dx, dy), _shifted(text, dx, dy)


# --- the header: badge, name and tag ------------------------------------------


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
        return self.badge.moved(x, y), _shifted(self.number, x, y), _shifted(self.name, x, y), tag


def _header(name_text: str, tag_text: str | None, index: int, colors: LayerColors, width: float,
            arrangement: Arrangement, scale: Scale, ctx: Context) -> _Header:
    field = f"layers[{index}]"
    d = scale.badge
    if arrangement.badge_above_name:
        name_x, name_y, name_w = 0.0, d + scale.chip_gap, width
    else:
        name_x, name_y, name_w = d + scale.badge_gap, 0.0, width - d - scale.badge_gap
    block = _name_block(name_text, f"{field}.name", name_w, arrangement, scale, ctx)
    # A one-line name sits centred on the badge; a longer one starts level with it.
    if not arrangement.badge_above_name and len(block.lines) == 1:
        name_y = (d - block.height) / 2
    name = Placed(block, Box(name_x, name_y, name_w, block.height))
    bottom = max(d, name.box.bottom)
    tag = None
    if tag_text:
        tag = _placed_tag(_tag_badge(tag_text, f"{field}.tag", colors, scale, name_w), name, width,
                          bottom, arrangement, scale)
        bottom = max(bottom, tag[0].bottom)
    return _Header(bottom, Box(0, 0, d, d), _number(index, colors, d, ctx), name, tag)


def _name_block(text: str, field: str, width: float, arrangement: Arrangement, scale: Scale,
                ctx: Context) -> TextBlock:
    style = scale.name_style(ctx.theme)
    block = _wrapped(text, style, width, arrangement.name_lines, scale.at_minimum)
    if block is None:
        raise _no_room(text, style, field, width, arrangement.name_lines, scale)
    return block


def _number(index: int, colors: LayerColors, d: float, ctx: Context) -> Placed:
    """The layer's place (1, 2, ...) centred on a badge of diameter d."""
    style = TextStyle(max(ctx.min_text, d * 0.5), colors.number, family="display", weight="bold",
                      line_height=1.0, tabular=True)
    block = TextBlock((make_line(str(index + 1), style),), style, "center")
    return Placed(block, Box(0, (d - block.height) / 2, d, block.height))


def _placed_tag(tag, name: Placed, width: float, bottom: float, arrangement: Arrangement, scale: Scale):
    """The tag beside the badge or name when it fits there, else on its own line below."""
    d = scale.badge
    if arrangement.badge_above_name:
        # Narrow columns: the tag shares the badge's line when it fits there.
        if tag[0].w <= width - d - scale.badge_gap:
            return _moved_tag(tag, d + scale.badge_gap, (d - tag[0].h) / 2)
        return _moved_tag(tag, 0, bottom + scale.chip_gap)
    if _fits_beside_name(tag, name, arrangement, name.box.right, scale):
        return _moved_tag(tag, name.box.x + name.block.width + scale.badge_gap, (d - tag[0].h) / 2)
    return _moved_tag(tag, name.box.x, name.box.bottom + scale.chip_gap * 0.75)


def _fits_beside_name(tag, name: Placed, arrangement: Arrangement, right: float, scale: Scale) -> bool:
    """A header line above the chips has room for the tag after a one-line name."""
    if arrangement.chips_beside_header or len(name.block.lines) != 1:
        return False
    return name.box.x + name.block.width + scale.badge_gap + tag[0].w <= right


def _tag_badge(text: str, field: str, colors: LayerColors, scale: Scale, room: float):
    style = scale.tag_style(colors.tag_text)
    width = measure(text, style)
    pad = scale.tag_pad
    if width + 2 * pad > room + 0.5:
        raise _no_room(text, style, field, room - 2 * pad, 1, scale)
    height = style.size * 1.0 + 2 * scale.tag * 0.3
    block = TextBlock((make_line(text, style),), style)
    box = Box(0, 0, width + 2 * pad, height)
    return box, Placed(block, Box(pad, (height - block.height) / 2, width, block.height))


# --- text that must fit -------------------------------------------------------


def _no_room(text: str, style: TextStyle, field: str, width: float, max_lines: int, scale: Scale) -> NoFit:
    """Why `text` does not fit. At the minimum size (the search's last try) it is
    the error `fit` gives, with how much to cut; otherwise the failure has no
    advice of its own (no hint): the search goes on, or names the diagram instead."""
    if scale.at_minimum:
        try:
            fit(text, style, field=field, max_width=max(width, 1), max_lines=max_lines, min_size=style.size)
        except LayoutError as exc:
            return NoFit(field, exc.message, exc.hint)
    return NoFit(field, "does not fit at this size")


def _wrapped(text: str, style: TextStyle, width: float, max_lines: int, last_resort: bool) -> TextBlock | None:
    """Word-wrapped text in at most max_lines, or None; words are split only as a last resort."""
    if width <= 0:
        return None
    wrapped = wrap(text, style, width)
    if len(wrapped.lines) > max_lines or (wrapped.broke_words and not last_resort):
        return None
    return wrapped_block(wrapped, style)


# --- the chips ----------------------------------------------------------------


def _chips(items: tuple[str, ...], field: str, colors: LayerColors, width: float, scale: Scale):
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
            raise _no_room(item, style, f"{field}.items[{j}]", text_room, 2, scale)
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
