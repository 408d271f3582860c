"""kind: image — the frame around the screenshot, sized so that the image is never cropped (`contain`)."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import scene
from postimages.cards.image.spec import frame_of
from postimages.color import mix, readable
from postimages.errors import LayoutError
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable, Picture, Shape
from postimages.text import Placed, TextStyle
from postimages.textfit import balance, fit, single_line

TRAFFIC_LIGHTS = ((255, 95, 87), (254, 188, 46), (40, 200, 64))  # close, minimise, zoom: as every desktop shows them
BEZEL = (17, 18, 22)


@dataclass(frozen=True)
class Chrome:
    """What a frame adds around the screen, in card pixels: a bar above, a border around, the corners."""

    bar: float
    pad: float
    radius: float
    screen_radius: float


def chrome_of(frame: str, ctx: Context) -> Chrome:
    if frame in ("browser", "window"):
        return Chrome(bar=ctx.px(58 if frame == "browser" else 48), pad=0, radius=ctx.px(20), screen_radius=ctx.px(20))
    if frame == "phone":
        return Chrome(bar=0, pad=ctx.px(16), radius=ctx.px(64), screen_radius=ctx.px(48))
    return Chrome(bar=0, pad=0, radius=ctx.px(20), screen_radius=ctx.px(20))


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    frame = frame_of(card)
    chrome = chrome_of(frame, ctx)
    if ctx.compact and card.fields["caption"]:
        window, caption = _beside(card, content, chrome, ctx)
    else:
        window, caption = _above(card, content, chrome, ctx)
    screen = Box(window.x + chrome.pad, window.y + chrome.bar + chrome.pad,
                 window.w - 2 * chrome.pad, window.h - chrome.bar - 2 * chrome.pad)
    items = _frame_items(frame, window, screen, chrome, card, ctx)
    items.append(Picture(screen, ctx.images["image"].pixels, fit="cover" if card.fields["fit"] == "cover" else "stretch",
                         name="screen", radius=chrome.screen_radius, square_top=chrome.bar > 0))
    if caption is not None:
        items += scene.text("caption", caption, ctx.min_text)
    return items


def _above(card, content: Box, chrome: Chrome, ctx: Context) -> tuple[Box, Placed | None]:
    """The frame with the caption centred under it, the two as one group in the middle of the content."""
    gap = ctx.px(28)
    caption = _caption(card, content.w, 2, "center", ctx)
    below = caption.height + gap if caption is not None else 0
    window = _window(card, Box(content.x, content.y, content.w, content.h - below), chrome, ctx)
    top = content.y + (content.h - window.h - below) / 2
    window = Box(window.x, top, window.w, window.h)
    placed = Placed(caption, Box(content.x, window.bottom + gap, content.w, caption.height)) if caption else None
    return window, placed


def _beside(card, content: Box, chrome: Chrome, ctx: Context) -> tuple[Box, Placed]:
    """A wide, short card: the frame takes the full height on the left, the caption the column to its right."""
    gap = ctx.px(40)
    column = content.w * 0.34
    window = _window(card, Box(content.x, content.y, content.w - column - gap, content.h), chrome, ctx)
    window = Box(content.x, window.y, window.w, window.h)
    left = window.right + gap
    caption = balance(_caption(card, content.right - left, 5, "start", ctx), content.right - left)
    y = content.y + (content.h - caption.height) / 2
    return window, Placed(caption, Box(left, y, content.right - left, caption.height))


def _caption(card, width: float, lines: int, align: str, ctx: Context):
    if not card.fields["caption"]:
        return None
    style = TextStyle(ctx.px(32), ctx.theme.muted, line_height=1.3, emphasis=ctx.theme.accent)
    return fit(card.fields["caption"], style, field="caption", max_width=width, max_lines=lines,
               min_size=ctx.min_text, align=align)


def _window(card, room: Box, chrome: Chrome, ctx: Context) -> Box:
    """The frame around the largest screen that fits the room, centred in it."""
    width, height = _screen_size(card, room, chrome, ctx)
    outer_w, outer_h = width + 2 * chrome.pad, height + chrome.bar + 2 * chrome.pad
    return Box(room.x + (room.w - outer_w) / 2, room.y + (room.h - outer_h) / 2, outer_w, outer_h)


def _screen_size(card, room: Box, chrome: Chrome, ctx: Context) -> tuple[float, float]:
    """The largest screen that fits the room with its chrome: the image's own shape
    for `contain` (nothing cropped, nothing letterboxed), the whole room for `cover`."""
    most_w = room.w - 2 * chrome.pad
    most_h = room.h - chrome.bar - 2 * chrome.pad
    if card.fields["fit"] == "cover":
        width, height = most_w, most_h
    else:
        aspect = ctx.images["image"].aspect
        width = min(most_w, most_h * aspect)
        height = width / aspect
    if min(width, height) < ctx.px(160):
        wide = width > height
        raise LayoutError("image", f"the image is so {'wide' if wide else 'tall'} that it would be "
                          f"{min(width, height):.0f} px on its short side",
                          f"crop it closer, use `fit: cover`, or a {'taller' if wide else 'wider'} size")
    return width, height


def _frame_items(frame: str, window: Box, screen: Box, chrome: Chrome, card, ctx: Context) -> list[Drawable]:
    theme = ctx.theme
    shadow = dict(shadow=theme.shadow, shadow_opacity=theme.shadow_opacity, elevation=ctx.px(24))
    if frame == "none":
        return [scene.Shadow(screen, chrome.screen_radius, theme.shadow, theme.shadow_opacity, blur=ctx.px(24),
                             offset_y=ctx.px(12))]
    if frame == "phone":
        return [*scene.panel(window, chrome.radius, BEZEL, mix(BEZEL, (255, 255, 255), 0.22),
                             border_width=max(1, ctx.px(2)), name="bezel", **shadow)]
    items = [*scene.panel(window, chrome.radius, theme.panel, theme.panel_border, border_width=max(1, ctx.px(1.5)),
                          name="window", **shadow)]
    items += _traffic_lights(window, chrome.bar, ctx)
    if frame == "browser":
        items += _address_bar(card.fields["url"], window, chrome.bar, ctx)
    return items


def _traffic_lights(window: Box, bar: float, ctx: Context) -> list[Drawable]:
    radius, gap = ctx.px(8), ctx.px(26)
    y = window.y + bar / 2
    return [Circle((window.x + ctx.px(30) + i * gap, y), radius, colour, name=f"window.light[{i}]")
            for i, colour in enumerate(TRAFFIC_LIGHTS)]


def _address_bar(url: str | None, window: Box, bar: float, ctx: Context) -> list[Drawable]:
    """A rounded address field across the bar, past the traffic lights, with the url in it."""
    theme = ctx.theme
    left = window.x + ctx.px(30) + 3 * ctx.px(26) + ctx.px(12)
    field = Box(left, window.y + bar * 0.2, window.right - ctx.px(24) - left, bar * 0.6)
    if field.w < ctx.px(120):
        return []
    fill = mix(theme.panel, theme.panel_border, 0.55)
    items: list[Drawable] = [Shape(field, field.h / 2, fill=fill, name="window.address")]
    if url:
        style = TextStyle(max(ctx.min_text, field.h * 0.62), readable(theme.muted, fill), line_height=1.0)
        block = _url_line(url, style, field.w - ctx.px(36), ctx)
        y = field.y + (field.h - block.height) / 2
        items += scene.text("url", Placed(block, Box(field.x + ctx.px(18), y, field.w - ctx.px(36), block.height)),
                            ctx.min_text)
    return items


def _url_line(url: str, style: TextStyle, width: float, ctx: Context):
    """The url in the address bar; when the bar is too short for all of it, its host, as browsers
    show it, smaller if it must be (check then says it is small)."""
    try:
        return single_line(url, style, field="url", max_width=width, min_size=ctx.min_text, align="center")
    except LayoutError:
        host = url.split("://")[-1].split("/")[0]
    try:
        return single_line(host, style, field="url", max_width=width, min_size=ctx.floor_text, align="center")
    except LayoutError:
        raise LayoutError("url", f"the address bar is {width:.0f} px wide on this card: too short for {host!r}",
                          "shorten the url, leave it out, or use a taller size") from None
