"""kind: stats — the verdict panel, the card's focal point: its label, the verdict's
words as large as the panel allows, and a detail below or beside them."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import scene
from postimages.color import mix, readable
from postimages.errors import LayoutError
from postimages.frame import Context, kicker_style
from postimages.geometry import Box
from postimages.scene import Drawable
from postimages.text import Placed, TextBlock, TextStyle, make_line, measure
from postimages.textfit import fit, single_line

RADIUS = 28


@dataclass
class VerdictPanel:
    panel: Box
    status: str
    label: Placed
    icon: Placed | None
    text: Placed
    detail: Placed | None


def layout_verdict(verdict: dict, status: str, panel: Box, ctx: Context) -> VerdictPanel:
    """Label, the big verdict line and an optional detail, centred as one group."""
    theme = ctx.theme
    color = verdict_color(theme, status)
    inner = panel.inset(ctx.px(40), min(ctx.px(24), panel.h * 0.11))
    label_block = single_line(verdict["label"] or "Verdict", kicker_style(ctx, color), field="verdict.label",
                              max_width=inner.w, min_size=ctx.min_text)
    detail_block = None
    gap_above, gap_below = ctx.px(8), ctx.px(12)
    narrow = inner.w < ctx.px(560)  # a column beside the metrics: the detail takes more, shorter lines
    if verdict["detail"]:
        style = TextStyle(ctx.px(30), theme.muted, line_height=1.25)
        room = inner.h - label_block.height - gap_above - ctx.px(64) - gap_below
        detail_block = fit(verdict["detail"], style, field="verdict.detail", max_width=inner.w,
                           max_lines=None if narrow else 2, max_height=max(room, 1) if narrow else None,
                           min_size=ctx.min_text)
    if (detail_block and not narrow
            and label_block.height + gap_above + ctx.px(64) + gap_below + detail_block.height > inner.h):
        return _layout_verdict_banner(verdict, status, panel, inner, label_block, ctx)
    fixed = label_block.height + gap_above + (detail_block.height + gap_below if detail_block else 0)
    line_room = Box(inner.x, 0, inner.w, inner.h - fixed)
    if line_room.h < ctx.px(40):
        raise LayoutError("verdict", "no room for the verdict", "shorten verdict.detail or the title")
    line_height = _verdict_line_height(verdict, color, line_room, ctx)
    top = inner.y + (inner.h - fixed - line_height) / 2
    label = Placed(label_block, Box(inner.x, top, inner.w, label_block.height))
    line_box = Box(inner.x, label.box.bottom + gap_above, inner.w, line_height)
    icon, text = _verdict_line(verdict, color, line_box, ctx)
    detail = None
    if detail_block:
        detail = Placed(detail_block, Box(inner.x, line_box.bottom + gap_below, inner.w, detail_block.height))
    return VerdictPanel(panel, status, label, icon, text, detail)


def _layout_verdict_banner(verdict, status, panel, inner, label_block, ctx) -> VerdictPanel:
    """A short panel: label and verdict on the left, the detail in a column on the right."""
    color = verdict_color(ctx.theme, status)
    # The verdict's words get the room they need at the smallest verdict size, the detail the rest.
    needed = measure(_verdict_joined(verdict), _verdict_style(color, inner, ctx)._replace(size=ctx.px(40)))
    left, right = inner.take_left(min(max(inner.w * 0.56, needed + ctx.px(8)), inner.w * 0.7), ctx.px(32))
    style = TextStyle(ctx.px(30), ctx.theme.muted, line_height=1.25)
    detail_block = fit(verdict["detail"], style, field="verdict.detail", max_width=right.w,
                       max_height=right.h, min_size=ctx.min_text)
    detail = Placed(detail_block, Box(right.x, right.y + (right.h - detail_block.height) / 2, right.w,
                                      detail_block.height))
    gap = ctx.px(8)
    line_room = Box(left.x, 0, left.w, left.h - label_block.height - gap)
    line_height = _verdict_line_height(verdict, color, line_room, ctx)
    top = left.y + (left.h - label_block.height - gap - line_height) / 2
    label = Placed(label_block, Box(left.x, top, left.w, label_block.height))
    icon, text = _verdict_line(verdict, color, Box(left.x, label.box.bottom + gap, left.w, line_height), ctx)
    return VerdictPanel(panel, status, label, icon, text, detail)


def _verdict_style(color, room: Box, ctx: Context) -> TextStyle:
    line_height = 1.0
    largest = min(ctx.px(136), room.h / line_height)
    return TextStyle(largest, color, family="display", weight="extrabold", line_height=line_height)


def _verdict_joined(verdict: dict) -> str:
    return f"{verdict['icon']} {verdict['text']}" if verdict["icon"] else verdict["text"]


def _verdict_line_height(verdict: dict, color, room: Box, ctx: Context) -> float:
    block = single_line(_verdict_joined(verdict), _verdict_style(color, room, ctx), field="verdict.text",
                        max_width=room.w, min_size=ctx.px(40))
    return block.height


def _verdict_line(verdict: dict, color, room: Box, ctx: Context) -> tuple[Placed | None, Placed]:
    """The icon and the verdict words on one line, as large as the room allows."""
    style = _verdict_style(color, room, ctx)
    block = single_line(_verdict_joined(verdict), style, field="verdict.text", max_width=room.w,
                        min_size=ctx.px(40))
    fitted = block.style
    size = fitted.size
    x = room.x
    icon = None
    if verdict["icon"]:
        icon_block = TextBlock((make_line(verdict["icon"], fitted),), fitted)
        icon = Placed(icon_block, Box(x, room.y, icon_block.width, block.height))
        x += icon_block.width + 0.28 * size
    text_block = TextBlock((make_line(verdict["text"], fitted),), fitted)
    return icon, Placed(text_block, Box(x, room.y, text_block.width, block.height))


def verdict_items(verdict: VerdictPanel, ctx: Context) -> list[Drawable]:
    theme = ctx.theme
    color = theme.status_color(verdict.status)
    body = ctx.min_text
    return [
        *scene.panel(verdict.panel, ctx.px(RADIUS), verdict_fill(theme, verdict.status), mix(theme.panel_border, color, 0.45),
               shadow=theme.shadow, shadow_opacity=theme.shadow_opacity, elevation=ctx.px(28),
               border_width=max(1, ctx.u * 2), name="verdict.panel"),
        *scene.text("verdict.label", verdict.label, body), *scene.text("verdict.icon", verdict.icon, body),
        *scene.text("verdict.text", verdict.text, body), *scene.text("verdict.detail", verdict.detail, body),
    ]


def verdict_color(theme, status: str):
    """The verdict's words: its status colour, made readable on its tinted panel
    (the accent of a neutral verdict is often a little too close to it)."""
    return readable(theme.status_color(status), verdict_fill(theme, status), toward=theme.text)


def verdict_fill(theme, status: str):
    """The verdict panel: the panel colour tinted with the verdict's colour."""
    return mix(theme.panel, theme.status_color(status), 0.10)
