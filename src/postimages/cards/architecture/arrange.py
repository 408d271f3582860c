"""kind: architecture — the panels placed on the card, and the arrows between them.

Layout searches for the largest scale at which everything fits, in the
arrangements that suit the card's shape. An attempt that does not fit
raises NoFit, one of three kinds:

- a text too long for its room: with a hint that says how much to cut;
- the diagram too tall: `shortfall` is the missing height in pixels;
- anything else (no hint, no shortfall): this arrangement does not suit it.

Past the minimum text size, `_explain` turns these into the one error to show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from postimages.cards.architecture.candidates import ARRANGEMENTS, Arrangement, Scale, scales, smaller_scales
from postimages.cards.architecture.colors import LayerColors
from postimages.cards.architecture.panel import LayerPanel, layer_panel, tag_width
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.plural import plural
from postimages.scene import Arrow
from postimages.text import measure
from postimages.textfit import wrap


@dataclass
class Diagram:
    panels: list[LayerPanel]
    arrows: list[Arrow]
    shrunk: NoFit | None = None  # why it is under the legible size, when it is


def arrange(layers: list[dict], colors: list[LayerColors], content: Box, ctx: Context) -> Diagram:
    """The largest diagram that fits `content`, or a NoFit naming what to cut: when the
    diagram is too tall, fixes that were tried and fit."""
    try:
        diagram = _search(layers, colors, content, ctx)
    except NoFit as failure:
        if failure.shortfall <= 0:
            raise
        raise _with_tried_fixes(failure, layers, colors, content, ctx) from None
    if diagram.shrunk is not None and diagram.shrunk.shortfall > 0:
        # Under the legible size: the warning names fixes that keep it legible.
        diagram.shrunk = _with_tried_fixes(diagram.shrunk, layers, colors, content, ctx, legible=True)
    return diagram


def _search(layers: list[dict], colors: list[LayerColors], content: Box, ctx: Context,
            legible: bool = False) -> Diagram:
    """The largest diagram (only at legible sizes, if `legible`)."""
    # The flow follows the card's shape (down a tall card, across a short one) and turns
    # only when it cannot fit that way. Within a direction the largest text wins; at equal
    # size, a header column beside the chips beats a header line above them.
    down, across = ["rows", "stacked rows"], ["columns"]
    groups = [across, down] if ctx.compact else [down, across]

    def candidates(sizes: list[Scale]) -> list[tuple[Scale, str]]:
        return [(scale, name) for group in groups for scale in sizes for name in group]

    def attempt(candidate: tuple[Scale, str]) -> Diagram:
        scale, name = candidate
        arrangement = ARRANGEMENTS[name]
        place = _arrange_rows if arrangement.direction == "down" else _arrange_columns
        return place(layers, colors, arrangement, content, scale, ctx)

    smaller = [] if legible else candidates(smaller_scales(ctx))
    diagram, shrunk = legible_else_floor(candidates(scales(ctx)), smaller, attempt, _explain)
    diagram.shrunk = shrunk
    return diagram


def _arrange_rows(layers, colors, arrangement: Arrangement, content: Box, scale: Scale, ctx: Context) -> Diagram:
    """Full-width panels top to bottom; spare height widens the gaps and the panels, then centres."""
    count = len(layers)
    if arrangement.chips_beside_header and not any(l["items"] for l in layers):
        # Nothing to put beside the header: the stacked arrangement reads better.
        raise NoFit("layers", "no items to put beside the headers")
    inner_w = content.w - 2 * scale.pad_x
    header_w = _header_width(layers, inner_w, scale, ctx) if arrangement.chips_beside_header else inner_w
    natural: list[float] = []
    for i, layer in enumerate(layers):
        natural.append(layer_panel(layer, i, colors[i], Box(content.x, 0, content.w, 0), header_w, arrangement,
                                   scale, ctx).panel.h)
        if content.h - sum(natural) - scale.gap * (count - 1) < 0 and not scale.at_minimum:
            raise _no_use_measuring_on()
    spare = content.h - sum(natural) - scale.gap * (count - 1)
    if spare < 0:
        raise _too_tall(layers, -spare, ctx)
    gap = min(ctx.px(88), scale.gap + spare / (count - 1))
    spare -= (gap - scale.gap) * (count - 1)
    grow = min(ctx.px(56), spare / count)
    spare -= grow * count
    y = content.y + spare / 2
    panels = []
    for i, layer in enumerate(layers):
        box = Box(content.x, y, content.w, natural[i] + grow)
        panels.append(layer_panel(layer, i, colors[i], box, header_w, arrangement, scale, ctx))
        y = box.bottom + gap
    return Diagram(panels, [_arrow_between(panels[i], panels[i + 1], "down", ctx) for i in range(count - 1)])


def _arrange_columns(layers, colors, arrangement: Arrangement, content: Box, scale: Scale, ctx: Context) -> Diagram:
    """Equal columns left to right, as tall as the fullest one (plus some air), centred."""
    count = len(layers)
    gap = scale.gap
    column_w = (content.w - gap * (count - 1)) / count
    if column_w - 2 * scale.pad_x < ctx.px(64):
        raise NoFit("layers", "the columns are too narrow")
    natural: list[float] = []
    for i, layer in enumerate(layers):
        natural.append(layer_panel(layer, i, colors[i], Box(0, 0, column_w, 0), column_w, arrangement, scale,
                                   ctx).panel.h)
        if natural[-1] > content.h and not scale.at_minimum:
            raise _no_use_measuring_on()
    tallest = max(natural)
    if tallest > content.h:
        raise _too_tall(layers, tallest - content.h, ctx)
    height = min(content.h, tallest + ctx.px(48))
    y = content.y + (content.h - height) / 2
    panels = []
    for i, layer in enumerate(layers):
        box = Box(content.x + i * (column_w + gap), y, column_w, height)
        panels.append(layer_panel(layer, i, colors[i], box, column_w, arrangement, scale, ctx))
    return Diagram(panels, [_arrow_between(panels[i], panels[i + 1], "right", ctx) for i in range(count - 1)])


def _no_use_measuring_on() -> NoFit:
    """Too tall already with the panels measured so far. Only the failures at the last
    scale of a search are explained (`_explain`), so at any other the rest go unmeasured."""
    return NoFit("layers", "too tall at this scale")


def _header_width(layers, inner_w: float, scale: Scale, ctx: Context) -> float:
    """The left column of a row: wide enough for the longest name on one line, within bounds."""
    style = scale.name_style(ctx.theme)
    beside_badge = scale.badge + scale.badge_gap
    widest_tag = max((tag_width(l["tag"], scale, ctx) for l in layers if l["tag"]), default=0)
    widest = max(measure(l["name"], style) for l in layers)
    most = inner_w * 0.42
    if beside_badge + widest > most:
        # Some name wraps: the column need only be as wide as its longest wrapped line.
        widest = max(measure(line, style) for l in layers for line in wrap(l["name"], style, most - beside_badge).lines)
    return min(max(beside_badge + max(widest, widest_tag), inner_w * 0.26), most)


def _arrow_between(a: LayerPanel, b: LayerPanel, direction: str, ctx: Context) -> Arrow:
    """An arrow across the gap between two panels, clear of both by a few pixels."""
    clear = ctx.px(6)
    if direction == "down":
        x = a.badge.center_x
        start, end = (x, a.panel.bottom + clear), (x, b.panel.y - clear)
    else:
        y = a.badge.center_y
        start, end = (a.panel.right + clear, y), (b.panel.x - clear, y)
    length = max(abs(end[0] - start[0]), abs(end[1] - start[1]))
    return Arrow(start, end, width=ctx.px(4), head=min(ctx.px(16), length * 0.6), color=a.colors.accent,
                 name=f"arrow {a.index}->{b.index}",
                 meaning=f"the flow from layers[{a.index}] to layers[{b.index}]")


# --- when nothing fits --------------------------------------------------------


def _with_tried_fixes(failure: NoFit, layers: list[dict], colors: list[LayerColors], content: Box,
                      ctx: Context, legible: bool = False) -> NoFit:
    """The failure with the fixes that make it fit (at a legible size, if `legible`)."""
    def fits(kept: list[dict]) -> bool:
        return _fits(kept, colors, content, ctx, legible)

    fixes = []
    cut = _fewest_items_to_cut(layers, fits)
    if cut:
        fixes.append(f"cut {plural(cut, 'item')} from the fullest layers")
    fewest = next((k for k in range(len(layers) - 1, 1, -1) if fits(layers[:k])), None)
    if fewest:
        fixes.append(f"keep at most {fewest} layers")
    fixes.append("use a taller size such as portrait")
    return NoFit(failure.field, failure.message, ", or ".join(fixes), failure.shortfall)


def _without_items(layers: list[dict], count: int) -> list[dict]:
    """The layers with `count` items taken away, one at a time from the fullest layer's end."""
    kept = [dict(layer, items=list(layer["items"])) for layer in layers]
    for _ in range(count):
        fullest = max(kept, key=lambda layer: len(layer["items"]))
        if not fullest["items"]:
            break
        fullest["items"].pop()
    return kept


def _fewest_items_to_cut(layers: list[dict], fits) -> int | None:
    """The fewest items to cut (from the fullest layers) for `fits`; None if cutting all does not do."""
    total = sum(len(layer["items"]) for layer in layers)
    if not total or not fits(_without_items(layers, total)):
        return None
    low, high = 0, total  # cutting `high` fits; cutting `low` does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(_without_items(layers, middle)) else (middle, high)
    return high


def _fits(layers: list[dict], colors: list[LayerColors], content: Box, ctx: Context, legible: bool = False) -> bool:
    try:
        _search(layers, colors[:len(layers)], content, ctx, legible)
    except NoFit:
        return False
    return True


def _too_tall(layers: list[dict], shortfall: float, ctx: Context) -> NoFit:
    """The diagram needs `shortfall` px more height than the card has."""
    items = sum(len(l["items"]) for l in layers)
    width, height = ctx.size
    if items:
        cut = max(1, math.ceil(shortfall / ctx.px(44)))  # about one chip row per item saved
        hint = (f"cut about {cut} item{'s' if cut > 1 else ''} or a layer, shorten the items, "
                "or use a taller size such as portrait")
    else:
        hint = "cut a layer, or use a taller size such as portrait"
    return NoFit(_fullest_field(layers),
                 f"{len(layers)} layers with {plural(items, 'item')} need {shortfall:.0f} px more height than a "
                 f"{width}x{height} card has, even at the minimum text size",
                 hint, shortfall)


def _fullest_field(layers: list[dict]) -> str:
    fullest = max(range(len(layers)), key=lambda i: (len(layers[i]["items"]), len(layers[i]["name"])))
    return f"layers[{fullest}].items" if layers[fullest]["items"] else f"layers[{fullest}].name"


def _explain(tried: list[tuple[Scale, str]], failures: list[NoFit]) -> NoFit:
    """The user-facing error when no arrangement fits at the minimum text size.

    One field too long for every arrangement is named with how much to cut, as measured
    in the widest room it had (a header line across the panel); otherwise the diagram as
    a whole is too big, and the layer that came closest to fitting is named.
    """
    last = [(name, failure) for (scale, name), failure in zip(tried, failures) if scale.at_minimum]
    too_long = [(name, f) for name, f in last if f.hint and not f.shortfall]
    if too_long and len(too_long) == len(last):
        widest = [f for name, f in too_long if name == "stacked rows"] or [f for _, f in too_long]
        return widest[0]
    too_tall = [f for _, f in last if f.shortfall > 0]
    if not too_tall:
        return NoFit("layers", "the layers do not fit the card even at the minimum text size",
                     "use fewer layers or items, or a taller size")
    return min(too_tall, key=lambda f: f.shortfall)
