"""kind: chart — the geometry of one attempt at one label size: where each
bar, its label and its value go, the zero line and the target's marker.

A bar's length is |value| × scale from the zero line, one scale for all.
Before the scale is set, the widest value label of each side is kept free
beyond the longest bar, so labels stand clear of bars and of each other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from postimages.cards.chart.spec import Chart
from postimages.fitting import NoFit
from postimages.frame import Context
from postimages.geometry import Box
from postimages.text import Placed, TextBlock, TextStyle, make_line, measure, words
from postimages.textfit import balance, fit

ROOM = "bars"  # the field of a failure for want of room
LEGIBLE = tuple(range(52, 33, -2))  # label sizes (px at 1200 wide), largest first
SMALLER = (32, 30, 28, 26)  # under the legible size, down to the look's floor for body text
BAR_SHARE = 0.4  # the longest bar's room, at least this share of the chart's width
ROW_CAP = 4.0  # a row of a short chart grows to at most this many times the label size


@dataclass(frozen=True)
class PlacedBar:
    bar: Box
    label: Placed
    value: Placed


@dataclass(frozen=True)
class Plot:
    vertical: bool
    bars: tuple[PlacedBar, ...]
    zero: Box | None  # the zero line, drawn only when some bar is negative
    target_segments: tuple[Box, ...]  # the marker line, broken where a value label stands
    target_label: Placed | None
    scale: float  # pixels per unit of value
    size: float = 0.0  # the label size it was laid out at
    slack: float = 0.0  # height of the room left unused: a short chart's panel may shrink by it


def label_style(ctx: Context, size: float) -> TextStyle:
    return TextStyle(size, ctx.theme.text, weight="medium", line_height=1.2, emphasis=ctx.theme.accent)


def value_style(ctx: Context, size: float, bars: int = 12) -> TextStyle:
    """The numbers: bold, tabular, and larger when there are few of them to read."""
    scale = 1.0 if ctx.compact else (1.5 if bars <= 2 else (1.2 if bars <= 4 else 1.0))
    return TextStyle(size * scale, ctx.theme.text, weight="bold", tabular=True, line_height=1.2)


def _span(chart: Chart) -> tuple[float, float]:
    """The lowest and highest values the axis must show, zero and the target included."""
    values = [bar.value for bar in chart.bars] + ([chart.target] if chart.target is not None else [])
    low, high = min(0.0, *values), max(0.0, *values)
    return low, (high if high > low else low + 1)


def label_lines(bars: int) -> int:
    """How many lines a row's label may take: a short chart has the height for more."""
    return 4 if bars <= 3 else (3 if bars <= 6 else 2)


def _one_line(text: str, style: TextStyle) -> TextBlock:
    return TextBlock((make_line(text, style),), style)


def _target_label(chart: Chart, room: Box, size: float, ctx: Context) -> tuple[TextBlock | None, Box]:
    """The target's words in a row at the top; the rest of the room below."""
    if chart.target_text is None:
        return None, room
    # A step under the labels, but never under the legible size the labels themselves keep.
    smaller = max(size * 0.9, min(size, ctx.px(LEGIBLE[-1])))
    style = TextStyle(smaller, ctx.theme.muted, weight="semibold", line_height=1.2)
    block = fit(chart.target_text, style, field="target.label", max_width=room.w, max_lines=1, min_size=style.size)
    _, rest = room.take_top(block.height, ctx.px(12))
    return block, rest


def _labels(chart: Chart, style: TextStyle, width: float, lines: int, last: bool) -> list[TextBlock]:
    blocks = []
    for i, bar in enumerate(chart.bars):
        if not last and any(measure(word, style) > width for word in words(bar.label, style)):
            raise NoFit(f"bars[{i}].label", "a word of the label is wider than its room at this size",
                        "shorten its longest word, or use fewer bars")
        block = fit(bar.label, style, field=f"bars[{i}].label", max_width=width, max_lines=lines, min_size=style.size)
        blocks.append(balance(block, width))
    return blocks


def _broken(line: Box, labels: list[Box], vertical_line: bool, pad: float) -> tuple[Box, ...]:
    """The line minus the stretches where it would cross a value label or a bar."""
    start, end = (line.y, line.bottom) if vertical_line else (line.x, line.right)
    holes = sorted((b.y - pad, b.bottom + pad) if vertical_line else (b.x - pad, b.right + pad)
                   for b in labels if b.overlaps(line.inset(-pad, -pad)))
    pieces, at = [], start
    for low, high in holes:
        if low > at:
            pieces.append((at, low))
        at = max(at, high)
    if at < end:
        pieces.append((at, end))
    pieces = [dash for a, b in pieces for dash in _dashes(a, b, pad)]
    if vertical_line:
        return tuple(Box(line.x, a, line.w, b - a) for a, b in pieces)
    return tuple(Box(a, line.y, b - a, line.h) for a, b in pieces)


def _dashes(start: float, end: float, unit: float) -> list[tuple[float, float]]:
    """A stretch of the marker line as dashes: a target, not an axis."""
    dash, gap = unit * 1.4, unit * 0.9
    found, at = [], start
    while at < end - 0.5:
        found.append((at, min(at + dash, end)))
        at += dash + gap
    return found


def _label_width(chart: Chart, style: TextStyle, free: float, width: float, ctx: Context) -> tuple[float, float]:
    """The labels' column and the shortest the longest bar may be: the labels take what
    they need, up to half the width, and wrap rather than squeeze the bars; but a
    label's longest word may take from the bars, down to a smaller share, rather
    than shrink every label on a card with room to spare."""
    n = len(chart.bars)
    # The bars, not their labels, are the chart; a long list keeps its labels on one line first.
    share = BAR_SHARE if n <= 6 else BAR_SHARE * 0.75
    shortest = max(ctx.px(160), width * share)
    label_w = min(max(measure(bar.label, style) for bar in chart.bars), width * 0.5, max(free - shortest, ctx.px(80)))
    word = max(measure(word, style) for bar in chart.bars for word in words(bar.label, style))
    if word > label_w:
        label_w = max(label_w, min(word, width * 0.5, free - max(ctx.px(160), width * BAR_SHARE * 0.75)))
        shortest = min(shortest, free - label_w)
    return label_w, shortest


def horizontal(chart: Chart, room: Box, size: float, ctx: Context, last: bool) -> Plot:
    """Rows of label | bar and value, spread down the room."""
    n = len(chart.bars)
    target_block, room = _target_label(chart, room, size, ctx)
    lstyle, vstyle = label_style(ctx, size), value_style(ctx, size, n)
    gap = ctx.px(24)
    values = [_one_line(bar.text, vstyle) for bar in chart.bars]
    right = max((v.width for v, b in zip(values, chart.bars) if b.value >= 0), default=0)
    left = max((v.width for v, b in zip(values, chart.bars) if b.value < 0), default=0)
    numbers = (right + gap * 0.6 if right else 0) + (left + gap * 0.6 if left else 0)
    label_w, shortest = _label_width(chart, lstyle, room.w - gap - numbers, room.w, ctx)
    labels = _labels(chart, lstyle, label_w, label_lines(n), last)
    label_w = max(block.width for block in labels)
    area = Box(room.x + label_w + gap, room.y, room.w - label_w - gap, room.h)
    length = area.w - numbers
    if length < shortest - 0.5:
        raise NoFit(ROOM, "the labels and numbers leave too little room for the bars",
                    "shorten the labels", shortfall=shortest - length)
    need = max(max(b.height for b in labels), vstyle.size * 1.3) + size * 0.3
    if need * n > area.h + 0.5:
        raise NoFit(ROOM, f"{n} bars need {need * n - area.h:.0f} px more height than the card has at {size:.0f} px",
                    "use fewer bars or shorter labels, or a taller size", shortfall=need * n - area.h)
    row_h = min(area.h / n, vstyle.size * ROW_CAP)
    top = area.y + (area.h - row_h * n) / 2
    low, high = _span(chart)
    scale = length / (high - low)
    zero_x = area.x + (left + gap * 0.6 if left else 0) + (-low) * scale
    thickness = min(row_h * 0.52, vstyle.size * 1.8)
    placed = []
    for i, bar in enumerate(chart.bars):
        row = Box(room.x, top + i * row_h, room.w, row_h)
        x0, x1 = sorted((zero_x, zero_x + bar.value * scale))
        box = Box(x0, row.center_y - thickness / 2, x1 - x0, thickness)
        value = values[i]
        vx = x0 - gap * 0.6 - value.width if bar.value < 0 else x1 + gap * 0.6
        label = Placed(labels[i], Box(room.x, row.center_y - labels[i].height / 2, label_w, labels[i].height))
        placed.append(PlacedBar(box, label, Placed(value, Box(vx, row.center_y - value.height / 2, value.width,
                                                             value.height))))
    span = Box(area.x, top, 0, row_h * n)
    plot = _finish(chart, placed, span, zero_x, scale, target_block, room, ctx, vertical=False)
    return replace(plot, size=size, slack=area.h - row_h * n)


def vertical(chart: Chart, room: Box, size: float, ctx: Context, last: bool) -> Plot:
    """Columns side by side, growing up (or down) from the zero line, labels under them."""
    n = len(chart.bars)
    target_block, room = _target_label(chart, room, size, ctx)
    column_w = room.w / n
    lstyle, vstyle = label_style(ctx, size), value_style(ctx, size)
    labels = [TextBlock(b.lines, b.style, "center") for b in _labels(chart, lstyle, column_w - ctx.px(12), 3, last)]
    values = [_one_line(bar.text, vstyle) for bar in chart.bars]
    if max(v.width for v in values) > column_w - ctx.px(8):
        raise NoFit(ROOM, f"a value is wider than its column at {size:.0f} px", "use fewer bars, or horizontal bars",
                    shortfall=max(v.width for v in values) - column_w)
    label_h = max(b.height for b in labels)
    line_h = values[0].height
    gap = ctx.px(10)
    above = line_h + gap if any(b.value >= 0 for b in chart.bars) else 0
    below = line_h + gap if any(b.value < 0 for b in chart.bars) else 0
    bars_h = room.h - label_h - ctx.px(24) - above - below
    if bars_h < ctx.px(120):
        raise NoFit(ROOM, f"the labels leave {max(bars_h, 0):.0f} px for the bars at {size:.0f} px",
                    "shorten the labels, or use a taller size", shortfall=ctx.px(120) - bars_h)
    low, high = _span(chart)
    scale = bars_h / (high - low)
    zero_y = room.y + above + high * scale
    width = min(column_w * 0.6, ctx.px(140))
    label_top = room.y + above + bars_h + below + ctx.px(24)
    placed = []
    for i, bar in enumerate(chart.bars):
        cx = room.x + (i + 0.5) * column_w
        y0, y1 = sorted((zero_y, zero_y - bar.value * scale))
        box = Box(cx - width / 2, y0, width, y1 - y0)
        value = values[i]
        vy = y1 + gap if bar.value < 0 else y0 - gap - value.height
        label = Placed(labels[i], Box(cx - column_w / 2, label_top, column_w, labels[i].height))
        placed.append(PlacedBar(box, label, Placed(value, Box(cx - value.width / 2, vy, value.width, value.height))))
    span = Box(room.x, room.y + above, room.w, bars_h)
    return replace(_finish(chart, placed, span, zero_y, scale, target_block, room, ctx, vertical=True), size=size)


def _finish(chart: Chart, placed: list[PlacedBar], span: Box, zero: float, scale: float,
            target_block: TextBlock | None, room: Box, ctx: Context, vertical: bool) -> Plot:
    """The zero line (when a bar is negative) and the target's line and words."""
    stroke = max(2.0, ctx.px(3))
    zero_line = None
    if any(bar.value < 0 for bar in chart.bars):
        zero_line = (Box(span.x, zero - stroke / 2, span.w, stroke) if vertical
                     else Box(zero - stroke / 2, span.y, stroke, span.h))
    segments, label = (), None
    if chart.target is not None:
        at = zero - chart.target * scale if vertical else zero + chart.target * scale
        # Broken where a value label stands, and where a bar passes: it shows between the bars.
        values = [p.value.box for p in placed] + [p.bar for p in placed]
        line = Box(span.x, at - stroke / 2, span.w, stroke) if vertical else Box(at - stroke / 2, span.y, stroke, span.h)
        segments = _broken(line, values, not vertical, ctx.px(10))
        top = room.y - target_block.height - ctx.px(12)
        if vertical:
            x = room.right - target_block.width
        else:  # over the line, kept inside the room
            x = min(max(at - target_block.width / 2, room.x), room.right - target_block.width)
        label = Placed(target_block, Box(x, top, target_block.width, target_block.height))
        # A short dashed swatch before the words says which line they name.
        swatch = Box(x - ctx.px(56), label.box.center_y - stroke / 2, ctx.px(44), stroke)
        if swatch.x >= room.x:
            segments += tuple(Box(a, swatch.y, b - a, stroke) for a, b in _dashes(swatch.x, swatch.right, ctx.px(10)))
    return Plot(vertical, tuple(placed), zero_line, segments, label, scale)
