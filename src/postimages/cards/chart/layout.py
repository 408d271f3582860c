"""kind: chart — the layout: a panel holding the bars at the largest label size
that fits, the total under them and the target's marker line across them.

Bar lengths are proportional to their values from one zero line; the space
the value labels need beside (or above) the bars is kept free first, so a
label never touches a bar or another label.
"""

from __future__ import annotations

from postimages import scene
from postimages.cards.chart import bars as geometry
from postimages.cards.chart.bars import LEGIBLE, SMALLER, Plot
from postimages.cards.chart.spec import Chart, chart_of
from postimages.color import GRAPHICS_CONTRAST, readable
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Drawable, Rule, Shape, Shrunk
from postimages.text import Placed, TextBlock, TextStyle, baseline_offset, check_drawable, make_line


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    chart = chart_of(card)
    _check_drawable(chart)
    theme = ctx.theme
    panel = content
    inner = _inner(panel, ctx)
    colors = [bar_color(ctx, bar.color) for bar in chart.bars]
    place = geometry.vertical if chart.vertical else geometry.horizontal

    def attempt(size: float) -> tuple[Plot, list[Drawable]]:
        room, total = _total(chart, inner, size, ctx)
        plot = place(chart, room, size, ctx, last=size <= ctx.px(SMALLER[-1]) + 0.01)
        return plot, total

    def explain(tried: list[float], failures: list[NoFit]) -> NoFit:
        short = [f for f in failures if f.shortfall > 0]
        return short[-1] if short else failures[-1]

    sizes = ([ctx.px(s) for s in LEGIBLE], [ctx.px(s) for s in SMALLER])
    (plot, total), shrunk = legible_else_floor(*sizes, attempt, explain)
    if plot.slack > ctx.px(8):
        # A short chart: the panel closes around its rows, in the middle of the room, but
        # keeps most of the room so that no wide band is left empty above and below it.
        height = max(content.h - plot.slack, content.h * 0.64)
        panel = Box(content.x, content.y + (content.h - height) / 2, content.w, height)
        inner = _inner(panel, ctx)
        plot, total = attempt(plot.size)
    drawables: list[Drawable] = scene.panel(panel, ctx.px(28), theme.panel, theme.panel_border, shadow=theme.shadow,
                            shadow_opacity=theme.shadow_opacity * 0.6, elevation=ctx.px(18),
                            border_width=max(1, ctx.u * 1.5), name="chart.panel")
    drawables += _plot_drawables(plot, colors, ctx) + total
    if shrunk is not None:
        drawables.append(Shrunk(shrunk.field, shrunk.message, shrunk.hint))
    return drawables


def _inner(panel: Box, ctx: Context) -> Box:
    """The panel's room for the chart: short, wide cards give its height to the bars."""
    return panel.inset(ctx.px(40), ctx.px(20 if ctx.compact else 36))


def _check_drawable(chart: Chart) -> None:
    """A character no font has is an error naming its field, before any measuring."""
    for i, bar in enumerate(chart.bars):
        check_drawable(bar.label, f"bars[{i}].label")
        check_drawable(bar.text, f"bars[{i}].value", weight="bold")
    if chart.target_text:
        check_drawable(chart.target_text, "target.label")


def _total(chart: Chart, inner: Box, size: float, ctx: Context) -> tuple[Box, list[Drawable]]:
    """The sum in a row under the bars, its number the largest text of the chart."""
    if chart.total is None:
        return inner, []
    theme = ctx.theme
    word_style = TextStyle(size, theme.muted, weight="semibold", line_height=1.0)
    number_style = TextStyle(min(size * (1.3 if ctx.compact else 1.6), ctx.px(64)), theme.text, family="display", weight="bold",
                             tabular=True, line_height=1.0)
    word = TextBlock((make_line("Total", word_style),), word_style)
    number = TextBlock((make_line(chart.total, number_style),), number_style)
    if word.width + ctx.px(24) + number.width > inner.w:
        raise NoFit("total", "the total is wider than the chart", "use a shorter unit or fewer decimals")
    row_h = number.height
    top = inner.bottom - row_h
    number_box = Box(inner.right - number.width, top, number.width, row_h)
    # The word on the number's baseline, both at the row's right end.
    word_box = Box(number_box.x - ctx.px(20) - word.width, top + _baseline_gap(number_style, word_style),
                   word.width, word.height)
    spacing = ctx.px(12 if ctx.compact else 20)
    rule_y = round(top - spacing)
    drawables = [Rule((round(inner.x), rule_y), (round(inner.right), rule_y), max(1, round(ctx.u * 1.5)),
                      theme.panel_border, name="total.rule"),
                 *scene.text("total", Placed(word, word_box), ctx.px(LEGIBLE[-1])),
                 *scene.text("total", Placed(number, number_box), ctx.px(LEGIBLE[-1]))]
    room = Box(inner.x, inner.y, inner.w, rule_y - spacing - inner.y)
    return room, drawables


def _baseline_gap(big: TextStyle, small: TextStyle) -> float:
    return baseline_offset(big) - baseline_offset(small)


def _plot_drawables(plot: Plot, colors: list, ctx: Context) -> list[Drawable]:
    theme = ctx.theme
    legible = ctx.px(LEGIBLE[-1])
    items: list[Drawable] = []
    if plot.zero is not None:
        items.append(Shape(plot.zero, 0, fill=readable(theme.panel_border, theme.panel, GRAPHICS_CONTRAST,
                                                        toward=theme.muted), name="zero line",
                           meaning="where the bars start: zero"))
    for i, placed in enumerate(plot.bars):
        if placed.bar.w >= 0.5 and placed.bar.h >= 0.5:
            radius = min(placed.bar.w, placed.bar.h, ctx.px(20)) / 2  # softened corners, never a pill
            items.append(Shape(placed.bar, radius, fill=colors[i], name=f"bars[{i}].bar",
                               meaning=f"the length of bars[{i}]: its value"))
        items += scene.text(f"bars[{i}].label", placed.label, legible)
        items += scene.text(f"bars[{i}].value", placed.value, legible)
    target_color = readable(theme.muted, theme.panel, GRAPHICS_CONTRAST, toward=theme.text)
    for segment in plot.target_segments:
        items.append(Shape(segment, 0, fill=target_color, name="target.line", meaning="the target"))
    if plot.target_label is not None:
        items += scene.text("target.label", plot.target_label, legible)
    return items


def bar_color(ctx: Context, color) -> tuple[int, ...]:
    """A bar's colour from its role or hex, strong enough to read as a graphic on the panel."""
    theme = ctx.theme
    chosen = {"good": theme.good, "bad": theme.bad, "accent": theme.accent, "muted": theme.muted}.get(color, color)
    return readable(tuple(chosen[:3]), theme.panel, GRAPHICS_CONTRAST, toward=theme.text)
