"""kind: stats — the layout: a verdict panel as the focal point, then a row
(or, when rows would be too short, a tile) per metric."""

from __future__ import annotations

from dataclasses import dataclass

from postimages.cards.stats.spec import Metric, Track, metrics_of, verdict_status
from postimages.color import GRAPHICS_CONTRAST, mix, readable
from postimages.errors import LayoutError
from postimages.fitting import NoFit, legible_else_floor
from postimages.frame import Context
from postimages.geometry import Box
from postimages import scene
from postimages.scene import Drawable, Shape
from postimages.cards.stats.verdict import RADIUS, VerdictPanel, layout_verdict, verdict_items
from postimages.text import Placed, TextBlock, TextStyle, baseline_offset, make_line, measure
from postimages.textfit import fit, single_line


@dataclass
class MetricRow:
    panel: Box
    status: str
    label: Placed
    detail: Placed | None  # target or note
    pill: tuple[Box, Placed] | None  # "MISSED" / "MET"
    value: Placed
    unit: Placed | None
    track: tuple[Box, Track] | None = None  # with `bars: true`: the value against its target, and its box


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    metrics = metrics_of(card)
    verdict = card.fields["verdict"]
    status = verdict_status(card, metrics)
    try:
        return _verdict_on_top(metrics, verdict, status, content, ctx)
    except LayoutError:
        if not (ctx.compact and verdict is not None and len(metrics) > 1):
            raise
    # A wide, short card with many metrics: the verdict as a column at the left, the
    # card's height, and the metrics in a grid beside it.
    return _verdict_beside(metrics, verdict, status, content, ctx)


def _verdict_on_top(metrics: list[Metric], verdict, status: str, content: Box, ctx: Context) -> list[Drawable]:
    area = content
    verdict_panel = None
    if verdict is not None:
        share = (0.46 if len(metrics) <= 3 else 0.36) if ctx.compact else (0.35 if len(metrics) <= 3 else 0.28)
        top, area = content.take_top(round(content.h * share), ctx.px(20))
        verdict_panel = layout_verdict(verdict, status, top, ctx)
    return _with_metrics(verdict_panel, metrics, area, ctx, columns=None)


def _verdict_beside(metrics: list[Metric], verdict, status: str, content: Box, ctx: Context) -> list[Drawable]:
    left, area = content.take_left(round(content.w * VERDICT_COLUMN), ctx.px(20))
    verdict_panel = layout_verdict(verdict, status, left, ctx)
    return _with_metrics(verdict_panel, metrics, area, ctx, columns=2 if len(metrics) <= 4 else 3)


def _with_metrics(verdict_panel: VerdictPanel | None, metrics: list[Metric], area: Box, ctx: Context,
                  columns: int | None) -> list[Drawable]:
    # The verdict is the focal point: no number is drawn as large as its words.
    cap = verdict_panel.text.block.style.size * FOCAL_MARGIN if verdict_panel else None
    rows, shrunk = _layout_metrics(metrics, area, ctx, ctx.px(16), cap, columns)
    _align_tracks(rows)
    items = (verdict_items(verdict_panel, ctx) if verdict_panel else []) + [
        item for i, row in enumerate(rows) for item in _row_items(row, i, ctx)]
    return items + ([scene.Shrunk(shrunk.field, shrunk.message, shrunk.hint)] if shrunk else [])


def _align_tracks(rows: list[MetricRow]) -> None:
    """Every bar as long as the shortest, so that their ends line up from row to row."""
    tracks = [row.track for row in rows if row.track is not None]
    if not tracks:
        return
    width = min(box.w for box, _ in tracks)
    for row in rows:
        if row.track is not None:
            box, track = row.track
            row.track = (Box(box.x, box.y, width, box.h), track)


FOCAL_MARGIN = 0.95  # the largest a number may be, as a share of the verdict's size
VERDICT_COLUMN = 0.4  # of a wide card's width, when the verdict stands beside the metrics


def _layout_metrics(metrics: list[Metric], area: Box, ctx: Context, gap: float, cap: float | None,
                    columns: int | None = None) -> tuple[list, NoFit | None]:
    """Full-width rows where they are tall enough, else a grid of tiles (`columns` wide, if given),
    with the reason when the tiles' text had to go under the legible size."""
    row_h = (area.h - gap * (len(metrics) - 1)) / len(metrics)
    if columns is None and not ctx.compact and row_h >= ctx.px(112):
        boxes = area.rows(len(metrics), gap)
        try:
            return [_layout_row(m, i, box, ctx, cap) for i, (m, box) in enumerate(zip(metrics, boxes))], None
        except LayoutError:
            pass  # rows too short for a label, its target and a bar: tiles stack them in less height
    if columns is not None:
        return _tiles(metrics, area, ctx, gap, cap, columns)
    try:
        return _tiles(metrics, area, ctx, gap, cap, min(len(metrics), 3) if ctx.compact else 2)
    except NoFit:
        if not (ctx.compact and len(metrics) == 4 and any(m.track for m in metrics)):
            raise
    # Four with bars on a short card: one row of four gives each tile the height for its bar.
    return _tiles(metrics, area, ctx, gap, cap, 4)


def _tiles(metrics: list[Metric], area: Box, ctx: Context, gap: float, cap: float | None,
           columns: int) -> tuple[list, NoFit | None]:
    columns = min(columns, len(metrics))
    rows_needed = -(-len(metrics) // columns)
    # A last row with fewer tiles shares the whole width: a grid has no empty cell.
    boxes = [cell for r, row in enumerate(area.rows(rows_needed, gap))
             for cell in row.columns(min(columns, len(metrics) - r * columns), gap)]

    def tiles_at(text_px: float) -> list[MetricRow]:
        try:
            tiles = [_layout_tile(m, i, box, ctx, cap, text_px) for i, (m, box) in enumerate(zip(metrics, boxes))]
            # Every tile's number at the size of the smallest, so the row reads as one.
            shared = min(tile.value.block.style.size for tile in tiles)
            return [_layout_tile(m, i, box, ctx, shared, text_px) for i, (m, box) in enumerate(zip(metrics, boxes))]
        except NoFit:
            raise
        except LayoutError as exc:
            raise NoFit(exc.field, exc.message, exc.hint) from None

    smaller = [ctx.min_text * share for share in UNDER_LEGIBLE]
    return legible_else_floor([ctx.min_text], smaller, tiles_at, lambda tried, failures: failures[-1])


UNDER_LEGIBLE = (0.9, 0.8, 0.7)  # tile text past the legible size, down to the hard floor


def _layout_row(metric: Metric, index: int, panel: Box, ctx: Context, cap: float | None = None) -> MetricRow:
    theme = ctx.theme
    field = f"metrics[{index}]"
    pad_x = ctx.px(36)
    inner = panel.inset(pad_x, min(ctx.px(24), panel.h * 0.12))
    color = {"pass": theme.good, "fail": theme.bad}.get(metric.status, theme.text)

    # The number takes what it needs (up to 128 px), the label column the rest.
    value_style = TextStyle(min(ctx.px(128), inner.h / 0.95, cap or ctx.px(128)), color, family="display", weight="bold",
                            tabular=True, line_height=0.95)
    unit_style = TextStyle(ctx.px(34), theme.muted, weight="medium", line_height=0.95)
    unit_gap = ctx.px(12)
    value_room = inner.w * 0.58
    value_block = single_line(metric.value_text, value_style, field=f"{field}.value",
                              max_width=value_room - (measure(metric.word_unit, unit_style) + unit_gap if metric.word_unit else 0),
                              min_size=ctx.px(40), align="right")
    unit = None
    right = inner.right
    value_top = inner.y + (inner.h - value_block.height) / 2
    if metric.word_unit:
        unit_block = TextBlock((make_line(metric.word_unit, unit_style),), unit_style)
        # Bottom of the unit sits on the number's baseline line box.
        unit_box = Box(right - unit_block.width, value_top + value_block.height - unit_block.height,
                       unit_block.width, unit_block.height)
        unit = Placed(unit_block, _baseline_aligned(unit_block, value_block, unit_box, value_top))
        right = unit_box.x - unit_gap
    value = Placed(value_block, Box(right - value_block.width, value_top, value_block.width, value_block.height))

    label_width = value.box.x - inner.x - ctx.px(24)
    label, detail, pill, track = _label_column(metric, field, Box(inner.x, inner.y, label_width, inner.h), ctx)
    return MetricRow(panel, metric.status, label, detail, pill, value, unit, track)


def _layout_tile(metric: Metric, index: int, panel: Box, ctx: Context, value_cap: float | None = None,
                 text_px: float | None = None) -> MetricRow:
    """A compact tile: label on top (two lines at most), the number in the middle, the target below."""
    theme = ctx.theme
    field = f"metrics[{index}]"
    text_px = text_px or ctx.min_text
    inner = panel.inset(ctx.px(28), min(ctx.px(20), panel.h * 0.1))
    color = {"pass": theme.good, "fail": theme.bad}.get(metric.status, theme.text)
    label_style = TextStyle(text_px, theme.text, weight="semibold", line_height=1.2)
    label_block = fit(metric.label, label_style, field=f"{field}.label", max_width=inner.w, max_lines=2,
                      min_size=text_px)
    detail_text = f"Target {metric.target_text}" if metric.target_text else metric.note
    detail_style = TextStyle(text_px, theme.muted, line_height=1.2, tabular=True)
    detail_block = (fit(detail_text, detail_style, field=f"{field}.target", max_width=inner.w, max_lines=2,
                        min_size=text_px) if detail_text else None)
    gap = ctx.px(6)
    track_gap = ctx.px(14)  # clear of the target mark, which stands past the track
    track_room = ctx.px(TRACK) + track_gap if metric.track else 0
    value_room = inner.h - label_block.height - (detail_block.height + gap if detail_block else 0) - gap - track_room
    unit_style = TextStyle(ctx.min_text, theme.muted, weight="medium", line_height=0.95)
    unit_width = measure(metric.word_unit, unit_style) + ctx.px(10) if metric.word_unit else 0
    value_style = TextStyle(min(ctx.px(96), value_room / 0.95, value_cap or ctx.px(96)), color, family="display", weight="bold",
                            tabular=True, line_height=0.95)
    smallest = ctx.px(36) * text_px / ctx.min_text  # the number's floor shrinks with the tile's text
    if value_room < smallest:
        raise LayoutError(f"{field}.value", "no room for the number", "use fewer metrics or a taller size")
    value_block = single_line(metric.value_text, value_style, field=f"{field}.value",
                              max_width=inner.w - unit_width, min_size=smallest)
    label = Placed(label_block, Box(inner.x, inner.y, inner.w, label_block.height))
    value_top = label.box.bottom + gap + (value_room - value_block.height) / 2
    value = Placed(value_block, Box(inner.x, value_top, value_block.width, value_block.height))
    unit = None
    if metric.word_unit:
        unit_block = TextBlock((make_line(metric.word_unit, unit_style),), unit_style)
        unit_box = Box(value.box.right + ctx.px(10), 0, unit_block.width, unit_block.height)
        unit = Placed(unit_block, _baseline_aligned(unit_block, value_block, unit_box, value_top))
    detail = pill = track = None
    if detail_block:
        detail = Placed(detail_block, Box(inner.x, inner.bottom - detail_block.height, detail_block.width,
                                          detail_block.height))
        pill = _status_pill(metric, detail, inner, ctx)
    if metric.track:
        above = detail.box.y if detail else inner.bottom
        track = (Box(inner.x, above - track_gap - ctx.px(TRACK), inner.w, ctx.px(TRACK)), metric.track)
    return MetricRow(panel, metric.status, label, detail, pill, value, unit, track)


def _baseline_aligned(small: TextBlock, big: TextBlock, box: Box, big_top: float) -> Box:
    """Move `box` so the small text's baseline matches the big text's."""
    baseline = big_top + baseline_offset(big.style)
    return Box(box.x, baseline - baseline_offset(small.style), box.w, box.h)


def _label_column(metric: Metric, field: str, column: Box, ctx: Context):
    theme = ctx.theme
    label_style = TextStyle(ctx.px(36), theme.text, weight="semibold", line_height=1.2)
    detail_text = f"Target {metric.target_text}" if metric.target_text else metric.note
    detail_style = TextStyle(ctx.px(30), theme.muted, line_height=1.25, tabular=True)
    label_block = fit(metric.label, label_style, field=f"{field}.label", max_width=column.w,
                      max_lines=2, max_height=column.h, min_size=ctx.min_text)
    detail_block = None
    track_h = ctx.px(TRACK) + ctx.px(14) if metric.track else 0
    if detail_text:
        room = column.h - label_block.height - ctx.px(8) - track_h
        detail_block = fit(detail_text, detail_style, field=f"{field}.target", max_width=column.w,
                           max_lines=1, max_height=max(room, 0), min_size=ctx.min_text)
    total = label_block.height + (detail_block.height + ctx.px(8) if detail_block else 0) + track_h
    y = column.y + (column.h - total) / 2
    label = Placed(label_block, Box(column.x, y, column.w, label_block.height))
    detail = pill = None
    if detail_block:
        dy = label.box.bottom + ctx.px(8)
        detail = Placed(detail_block, Box(column.x, dy, detail_block.width, detail_block.height))
        pill = _status_pill(metric, detail, column, ctx)
    track = (Box(column.x, y + total - ctx.px(TRACK), column.w, ctx.px(TRACK)), metric.track) if metric.track else None
    return label, detail, pill, track


def _status_pill(metric: Metric, detail: Placed, column: Box, ctx: Context):
    """A small MET / MISSED tag after the target, when there is room for it."""
    if metric.status == "neutral":
        return None
    color = ctx.theme.good if metric.status == "pass" else ctx.theme.bad
    style = TextStyle(ctx.min_text, color, weight="bold", tracking=0.08, uppercase=True, line_height=1.0)
    word = "met" if metric.status == "pass" else "missed"
    width = measure(word, style)
    pad = ctx.px(12)
    x = detail.box.right + ctx.px(14)
    if x + width + 2 * pad > column.right:
        return None
    pill_box = Box(x, detail.box.center_y - (style.size + 2 * ctx.px(6)) / 2, width + 2 * pad,
                   style.size + 2 * ctx.px(6))
    block = TextBlock((make_line(word, style),), style)
    text_box = Box(pill_box.x + pad, pill_box.center_y - block.height / 2, width, block.height)
    return pill_box, Placed(block, text_box)


# --- drawables -------------------------------------------------------------



def _row_items(row: MetricRow, index: int, ctx: Context) -> list[Drawable]:
    theme, field, body = ctx.theme, f"metrics[{index}]", ctx.min_text
    items = scene.panel(row.panel, ctx.px(RADIUS), theme.panel, theme.panel_border, shadow=theme.shadow,
                  shadow_opacity=theme.shadow_opacity * 0.6, elevation=ctx.px(18),
                  border_width=max(1, ctx.u * 1.5), name=f"{field}.panel")
    if row.status != "neutral":
        bar = Box(row.panel.x + ctx.px(14), row.panel.y + ctx.px(22), ctx.px(6), row.panel.h - ctx.px(44))
        items.append(Shape(bar, bar.w / 2, fill=theme.status_color(row.status), name=f"{field}.status",
                           meaning=f"whether {field} met its target"))
    for name, placed in (("label", row.label), ("target", row.detail), ("value", row.value), ("unit", row.unit)):
        items += scene.text(f"{field}.{name}", placed, body)
    if row.pill:
        box, words = row.pill
        items.append(Shape(box, box.h / 2, fill=pill_fill(theme, row.status), name=f"{field}.pill"))
        items += scene.text(f"{field}.target", words, body)
    if row.track is not None:
        items += _track_items(*row.track, row.status, field, ctx)
    return items


TRACK = 12  # the height of a metric's bar, px at 1200 wide


def _track_items(box: Box, track: Track, status: str, field: str, ctx: Context) -> list[Drawable]:
    """The track, the value's share of it in the status colour, and a tick (or a
    band, for a range) where the target stands."""
    theme = ctx.theme
    color = readable(theme.status_color(status), theme.panel, GRAPHICS_CONTRAST, toward=theme.text)
    items: list[Drawable] = [Shape(box, box.h / 2, fill=mix(theme.panel, theme.muted, 0.22), name=f"{field}.track")]
    filled = Box(box.x, box.y, max(box.h, box.w * track.value), box.h)
    items.append(Shape(filled, box.h / 2, fill=color, name=f"{field}.bar",
                       meaning=f"where {field} stands against its target"))
    marker = readable(theme.text, theme.panel, GRAPHICS_CONTRAST)
    tick_w = max(2.0, ctx.px(4))
    low = box.x + box.w * track.target_low
    bounds = [track.target_low] + ([track.target_high] if track.target_high is not None else [])
    for at in bounds:
        x = box.x + box.w * at
        tick = Box(x - tick_w / 2, box.y - ctx.px(8), tick_w, box.h + ctx.px(16))
        items.append(Shape(tick, tick_w / 2, fill=marker, name=f"{field}.target mark",
                           meaning=f"the target of {field}"))
    if track.target_high is not None:  # a range: a bracket over the track joins its two bounds
        high = box.x + box.w * track.target_high
        bracket = Box(low - tick_w / 2, box.y - ctx.px(8), high - low + tick_w, tick_w)
        items.append(Shape(bracket, tick_w / 2, fill=marker, name=f"{field}.target mark",
                           meaning=f"the target range of {field}"))
    return items


def pill_fill(theme, status: str):
    """The MET / MISSED tag: a little stronger than the verdict's tint, and light
    enough that the tag's words keep 4.5:1 in both base themes."""
    return mix(theme.panel, theme.status_color(status), 0.12)
