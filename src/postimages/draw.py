"""Drawing primitives with smooth edges.

Pillow draws shapes without antialiasing, so every shape is drawn as a mask
at SUPERSAMPLE times the size, only over the shape's own bounding box, then
reduced and used to paint the colour. Shadows are blurred masks.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from postimages import maskstore
from postimages.geometry import Box

SUPERSAMPLE = 4
Color = tuple[int, ...]
Rect = tuple[int, int, int, int]  # left, top, right, bottom in whole pixels


def new_canvas(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    """An RGB canvas with a soft diagonal gradient from `top` (top left) to `bottom`."""
    # A copy of the gradient as last made: copying 1200x1200 takes ~0.3 ms,
    # turning the ramp's levels into colours ~1.7 ms (of ~35 ms a card).
    return _kept_gradient(tuple(size), tuple(top[:3]), tuple(bottom[:3])).copy()


def _gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    # The ramp's 256 levels become colours through a palette: one lookup a pixel.
    canvas = _diagonal_ramp(*size).copy()
    canvas.putpalette(_gradient_palette(tuple(top[:3]), tuple(bottom[:3])))
    return canvas.convert("RGB")


# A post's cards share one size and theme: 6 MB kept for a 1200x1200 canvas.
_kept_gradient = lru_cache(maxsize=2)(_gradient)


@lru_cache(maxsize=4)
def _gradient_palette(top: Color, bottom: Color) -> list[int]:
    """256 RGB steps from `top` to `bottom`, flattened."""
    return [round(start + (end - start) * level / 255) for level in range(256) for start, end in zip(top, bottom)]


@lru_cache(maxsize=8)
def _diagonal_ramp(width: int, height: int) -> Image.Image:
    # A 256-step linear gradient, rotated 45° would need a big square; a
    # vertical ramp mixed with a horizontal one gives the same look cheaply.
    # Each ramp is resized to one row or column, then stretched without
    # filtering, which is exact and much cheaper than resizing it whole.
    vertical = Image.linear_gradient("L").resize((1, height), Image.BILINEAR).resize((width, height), Image.NEAREST)
    horizontal = Image.linear_gradient("L").rotate(90, expand=True).transpose(Image.FLIP_LEFT_RIGHT)
    horizontal = horizontal.resize((width, 1), Image.BILINEAR).resize((width, height), Image.NEAREST)
    return Image.blend(vertical, horizontal, 0.35)


def _mask(box: Box, paint, holes: tuple[Rect, ...] = ()) -> list[tuple[Image.Image, tuple[int, int]]]:
    """Antialiased L masks of whatever `paint(draw, scale, offset)` draws
    within box, as (mask, origin) parts that cover the box less `holes`
    (image coordinates), regions the caller paints some other way."""
    area = _mask_area(box)
    left, top = area[0], area[1]
    big = Image.new("L", ((area[2] - left) * SUPERSAMPLE, (area[3] - top) * SUPERSAMPLE), 0)
    paint(ImageDraw.Draw(big), SUPERSAMPLE, (left, top))
    # Each mask pixel comes from its own SUPERSAMPLE² block, so reducing only
    # the parts is exact; the shape is drawn whole, because drawing it shifted
    # or clipped can move its edge pixels.
    parts = []
    for x0, y0, x1, y1 in _outside(holes, area):
        scaled = (x0 - left, y0 - top, x1 - left, y1 - top)
        parts.append((big.reduce(SUPERSAMPLE, tuple(v * SUPERSAMPLE for v in scaled)), (x0, y0)))
    return parts


def _mask_area(box: Box) -> Rect:
    """The whole pixels a shape's mask covers: its box, and one more pixel all round."""
    return math.floor(box.x) - 1, math.floor(box.y) - 1, math.ceil(box.right) + 1, math.ceil(box.bottom) + 1


def _paint(image: Image.Image, mask: Image.Image, origin: tuple[int, int], color: Color, opacity: float = 1.0,
           holes: tuple[Rect, ...] = ()) -> None:
    """Paint `color` through `mask`, except over `holes` (image coordinates):
    regions the caller knows the mask leaves unchanged there, or that it
    paints over. A masked paste costs a few ns a pixel, and a panel's interior
    is most of its pixels."""
    alpha = color[3] / 255 if len(color) == 4 else 1.0
    alpha *= opacity
    fade = [round(v * alpha) for v in range(256)] if alpha < 1.0 else None
    left, top = origin
    area = (left, top, left + mask.width, top + mask.height)
    for part in _outside(holes, area):
        part_mask = mask if part == area else mask.crop((part[0] - left, part[1] - top, part[2] - left, part[3] - top))
        if fade is not None:  # only the parts painted: a shadow's hidden middle is most of it
            part_mask = part_mask.point(fade)
        _fill_through(image, color[:3], part, part_mask)


# Pillow pastes a colour through a mask a channel at a time, checking the
# image's mode for each; a one-colour image pasted through the same mask gives
# the same pixels in half the time (1000x400 px: 1.2 ms instead of 2.3 ms).
# Below this many pixels making that image costs more than it saves.
SOLID_ABOVE = 4096


def _fill_through(image: Image.Image, rgb: Color, part: Rect, mask: Image.Image) -> None:
    if image.mode == "RGB" and mask.width * mask.height > SOLID_ABOVE:
        image.paste(Image.new("RGB", mask.size, rgb), part[:2], mask)
    else:
        stamp(image, rgb, part[0], part[1], mask)


def stamp(image: Image.Image, color: Color, x: int, y: int, mask: Image.Image) -> None:
    """Paint `color` through `mask` with its top left corner at (x, y), as
    Image.paste does, without its checks: they cost more than pasting a
    glyph (~4 us of ~6), a card pastes ~700 small masks, and the painter's
    canvases are always loaded and writable."""
    image.im.paste(color, (x, y, x + mask.width, y + mask.height), mask.im)


def _outside(holes: tuple[Rect, ...], area: Rect) -> list[Rect]:
    """`area` less every rectangle of `holes`, as rectangles that do not overlap."""
    parts = [area]
    for hole in holes:
        parts = [piece for part in parts for piece in _around(hole, part)]
    return parts


def _around(hole: Rect | None, area: Rect) -> list[Rect]:
    """`area` less `hole`, as up to four rectangles (above, below, left, right)."""
    left, top, right, bottom = area
    if hole is None:
        return [area]
    h_left, h_top = max(hole[0], left), max(hole[1], top)
    h_right, h_bottom = min(hole[2], right), min(hole[3], bottom)
    if h_left >= h_right or h_top >= h_bottom:
        return [area]
    parts = [(left, top, right, h_top), (left, h_bottom, right, bottom),
             (left, h_top, h_left, h_bottom), (h_right, h_top, right, h_bottom)]
    return [p for p in parts if p[0] < p[2] and p[1] < p[3]]


def _uniform_inside(box: Box, radius: float, width: float = 0) -> tuple[Rect, ...]:
    """Whole pixels inside a rounded box where its antialiased mask is uniform:
    full for a fill, empty within an outline of `width`. A cross of two
    rectangles: one clear of the corners across the box, one clear of them
    down it. The straight sides reach `width` in and the corners `radius`;
    2 px more keep clear of the antialiased edge."""
    side = math.ceil(width) + 2
    corner = math.ceil(max(radius, width)) + 2
    left, top, right, bottom = math.ceil(box.x), math.ceil(box.y), math.floor(box.right), math.floor(box.bottom)
    across = (left + side, top + corner, right - side, bottom - corner)
    down = (left + corner, top + side, right - corner, bottom - side)
    return tuple(rect for rect in (across, down) if rect[0] < rect[2] and rect[1] < rect[3])


def is_opaque(color: Color, opacity: float = 1.0) -> bool:
    return opacity >= 1.0 and (len(color) < 4 or color[3] == 255)


def _scaled(box: Box, scale: int, offset: tuple[int, int]) -> list[float]:
    return [
        (box.x - offset[0]) * scale,
        (box.y - offset[1]) * scale,
        (box.right - offset[0]) * scale - 1,
        (box.bottom - offset[1]) * scale - 1,
    ]


def rounded_rect(image: Image.Image, box: Box, radius: float, fill: Color | None = None,
                 outline: Color | None = None, width: float = 1, opacity: float = 1.0) -> None:
    """A rounded rectangle, filled and/or outlined, with smooth corners."""
    if fill is not None:
        solid = _uniform_inside(box, radius) if is_opaque(fill, opacity) else ()
        for rect in solid:  # the mask would be full there: a plain fill is the same, and far quicker
            image.paste(fill[:3], rect)
        for mask, origin in _rounded_mask(box, radius, None, holes=solid):
            _paint(image, mask, origin, fill, opacity)
    if outline is not None:
        # The mask would be empty inside the ring.
        for mask, origin in _rounded_mask(box, radius, width, holes=_uniform_inside(box, radius, width)):
            _paint(image, mask, origin, outline, opacity)


def gradient_rect(image: Image.Image, box: Box, radius: float, top: Color, bottom: Color) -> None:
    """A rounded rectangle filled with the diagonal gradient of `new_canvas`."""
    left, upper, right, lower = box.as_int()
    fill = _gradient((right - left, lower - upper), top, bottom)  # not kept: a panel's size is its own
    if radius <= 0:
        image.paste(fill, (left, upper))
        return
    shape = Image.new("L", fill.size, 0)
    for mask, (x, y) in _rounded_mask(box, radius, None):
        shape.paste(mask, (x - left, y - upper))
    image.paste(fill, (left, upper), shape)


# Below this many pixels a rounded box's mask is quicker drawn whole than cut and stretched.
STRETCH_ABOVE = 200_000


def _rounded_mask(box: Box, radius: float, ring: float | None,
                  holes: tuple[Rect, ...] = ()) -> list[tuple[Image.Image, tuple[int, int]]]:
    """`_mask` of a rounded box, filled or (with `ring`) outlined, made cheaply.

    Along a straight side every row (or column) of the mask is the same, so
    the shape is drawn on a copy whose sides are cut short by whole pixels,
    keeping the box's sub-pixel position, then stretched back by repeating
    its middle row and column: a 1000 px panel costs what a 70 px one does,
    with the same pixels (tests compare the two ways)."""
    area = _mask_area(box)
    size = (area[2] - area[0], area[3] - area[1])
    if size[0] * size[1] < STRETCH_ABOVE:
        return _rounded_parts(box, radius, ring, holes)
    middle = math.ceil(max(radius, ring or 0)) + 3  # past the corners: a straight stretch
    cut = [max(0, side - (2 * middle + 1)) for side in size]
    if not any(cut):
        return _rounded_parts(box, radius, ring, holes)
    short = Box(box.x, box.y, box.right - cut[0] - box.x, box.bottom - cut[1] - box.y)
    if _mask_area(short) != (area[0], area[1], area[2] - cut[0], area[3] - cut[1]):
        return _rounded_parts(box, radius, ring, holes)  # rounding put an edge in another pixel: draw it whole
    (small, _), = _rounded_parts(short, radius, ring)
    full = _stretched(small, size, middle)
    return [(full.crop((x0 - area[0], y0 - area[1], x1 - area[0], y1 - area[1])), (x0, y0))
            for x0, y0, x1, y1 in _outside(holes, area)]


def _rounded_parts(box: Box, radius: float, ring: float | None,
                   holes: tuple[Rect, ...] = ()) -> list[tuple[Image.Image, tuple[int, int]]]:
    """`_mask` of the rounded box drawn whole, or as kept from an earlier draw (maskstore)."""
    def paint(d, s, o):
        if ring is None:
            d.rounded_rectangle(_scaled(box, s, o), radius * s, fill=255)
        else:
            d.rounded_rectangle(_scaled(box, s, o), radius * s, outline=255, width=round(ring * s))

    return maskstore.kept(("rounded", box, radius, ring, holes), lambda: _mask(box, paint, holes))


def _stretched(small: Image.Image, size: tuple[int, int], middle: int) -> Image.Image:
    """`small` widened and heightened to `size` by repeating its column and row number `middle`."""
    for axis in (0, 1):
        if small.size[axis] != size[axis]:
            small = _stretched_along(small, axis, size[axis], middle)
    return small


def _stretched_along(small: Image.Image, axis: int, length: int, middle: int) -> Image.Image:
    """`small` made `length` pixels long along `axis` (0 across, 1 down) by repeating its line number `middle`."""
    def lines(start: int, end: int) -> Rect:
        return (start, 0, end, small.height) if axis == 0 else (0, start, small.width, end)

    def at(offset: int) -> tuple[int, int]:
        return (offset, 0) if axis == 0 else (0, offset)

    extra = length - small.size[axis]
    long = Image.new("L", (length, small.height) if axis == 0 else (small.width, length))
    repeated = (extra + 1, small.height) if axis == 0 else (small.width, extra + 1)
    long.paste(small.crop(lines(0, middle)), at(0))
    long.paste(small.crop(lines(middle, middle + 1)).resize(repeated, Image.NEAREST), at(middle))
    long.paste(small.crop(lines(middle + 1, small.size[axis])), at(middle + extra + 1))
    return long


def circle(image: Image.Image, center: tuple[float, float], radius: float, fill: Color, opacity: float = 1.0) -> None:
    box = Box(center[0] - radius, center[1] - radius, 2 * radius, 2 * radius)
    for mask, origin in _mask(box, lambda d, s, o: d.ellipse(_scaled(box, s, o), fill=255)):
        _paint(image, mask, origin, fill, opacity)


def line(image: Image.Image, start: tuple[float, float], end: tuple[float, float], width: float,
         fill: Color, opacity: float = 1.0) -> None:
    """A straight line with round caps."""
    pad = width
    box = Box(min(start[0], end[0]) - pad, min(start[1], end[1]) - pad,
              abs(end[0] - start[0]) + 2 * pad, abs(end[1] - start[1]) + 2 * pad)

    def paint(d, s, o):
        points = [((x - o[0]) * s, (y - o[1]) * s) for x, y in (start, end)]
        d.line(points, fill=255, width=round(width * s))
        for x, y in points:
            r = width * s / 2
            d.ellipse([x - r, y - r, x + r, y + r], fill=255)

    for mask, origin in _mask(box, paint):
        _paint(image, mask, origin, fill, opacity)


def polygon(image: Image.Image, points: list[tuple[float, float]], fill: Color, opacity: float = 1.0) -> None:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    for mask, origin in _mask(box, lambda d, s, o: d.polygon([((x - o[0]) * s, (y - o[1]) * s) for x, y in points],
                                                             fill=255)):
        _paint(image, mask, origin, fill, opacity)


def arrow(image: Image.Image, start: tuple[float, float], end: tuple[float, float], width: float,
          head: float, fill: Color, opacity: float = 1.0) -> None:
    """A line from start to end finished with a solid triangular head at `end`."""
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    back = (end[0] - head * math.cos(angle), end[1] - head * math.sin(angle))
    line(image, start, (back[0] + width * math.cos(angle) / 2, back[1] + width * math.sin(angle) / 2),
         width, fill, opacity)
    spread = head * 0.6
    left = (back[0] + spread * math.sin(angle), back[1] - spread * math.cos(angle))
    right = (back[0] - spread * math.sin(angle), back[1] + spread * math.cos(angle))
    polygon(image, [end, left, right], fill, opacity)


def shadow(image: Image.Image, box: Box, radius: float, color: Color, opacity: float,
           blur: float, offset_y: float = 0, covered: bool = False) -> None:
    """A soft drop shadow under a rounded box; `covered`: the caller paints
    the box opaque next, so the shadow under its interior is never seen."""
    spread = math.ceil(blur * 3)
    left, top = math.floor(box.x) - spread, math.floor(box.y + offset_y) - spread
    mask = _shadow_mask(box.w, box.h, radius, blur)
    _paint(image, mask, (left, top), color, opacity, holes=_uniform_inside(box, radius) if covered else ())


@lru_cache(maxsize=32)
def _shadow_mask(w: float, h: float, radius: float, blur: float) -> Image.Image:
    # Cached: a card's rows of panels, and the cards of a post, repeat the same sizes.
    spread = math.ceil(blur * 3)
    width, height = math.ceil(w) + 2 * spread, math.ceil(h) + 2 * spread
    # Past the corners' reach (the box's edge, its rounding, then the blur) every
    # row along a side is the same: blur a box with shorter sides, then stretch.
    middle = 2 * spread + math.ceil(radius) + 4
    cut_w = _even_cut(width, 2 * middle + 2)
    cut_h = _even_cut(height, 2 * middle + 2)
    small = _blurred_box(width - cut_w, height - cut_h, w - cut_w, h - cut_h, radius, blur, spread)
    return _stretched(small, (width, height), middle)


def _even_cut(length: int, shortest: int) -> int:
    """How much shorter a side can be drawn: even, so that the half-size grid stays aligned."""
    cut = max(0, length - shortest)
    return cut - cut % 2


def _blurred_box(width: int, height: int, w: float, h: float, radius: float, blur: float,
                 spread: int) -> Image.Image:
    """A box of `w` by `h` `spread` pixels in from the top left of a `width` by
    `height` mask, blurred; or as kept from an earlier draw (maskstore)."""
    key = ("blurred", width, height, w, h, radius, blur, spread)
    (mask, _), = maskstore.kept(key, lambda: [(_drawn_blurred_box(width, height, w, h, radius, blur, spread), (0, 0))])
    return mask


def _drawn_blurred_box(width: int, height: int, w: float, h: float, radius: float, blur: float,
                       spread: int) -> Image.Image:
    # Blur at half resolution: the result is soft anyway, and it costs a quarter.
    # Scaled back by exactly two (then trimmed), so that the stretched copy of a
    # shorter box lines up pixel for pixel with the whole one.
    half = Image.new("L", ((width + 1) // 2, (height + 1) // 2), 0)
    ImageDraw.Draw(half).rounded_rectangle(
        [spread / 2, spread / 2, (spread + w) / 2, (spread + h) / 2], radius / 2, fill=255
    )
    half = half.filter(ImageFilter.GaussianBlur(blur / 2))
    return half.resize((half.width * 2, half.height * 2), Image.BILINEAR).crop((0, 0, width, height))


def panel(image: Image.Image, box: Box, radius: float, fill: Color, border: Color | None,
          shadow_color: Color | None = None, shadow_opacity: float = 0.0, elevation: float = 0,
          border_width: float = 1) -> None:
    """A card panel: optional soft shadow, fill, 1 px border."""
    if shadow_color is not None and shadow_opacity > 0 and elevation > 0:
        shadow(image, box, radius, shadow_color, shadow_opacity, blur=elevation, offset_y=elevation / 2,
               covered=is_opaque(fill))
    rounded_rect(image, box, radius, fill=fill)
    if border is not None:
        rounded_rect(image, box, radius, outline=border, width=border_width)


def rounded_picture(image: Image.Image, picture: Image.Image, box: Box, radius: float,
                    square_top: bool = False) -> None:
    """`picture` (already box-sized) pasted at the box, clipped to its rounded
    corners with smooth edges (`square_top`: the bottom ones only); its own
    transparency is kept."""
    x, y = round(box.x), round(box.y)
    clip = Image.new("L", picture.size, 0)
    # Square top corners: the rounded shape starts above the box, so its top corners are cut off.
    shape = Box(box.x, box.y - radius - 1, box.w, box.h + radius + 1) if square_top else box
    for mask, (mx, my) in _rounded_mask(shape, radius, None):
        clip.paste(mask, (mx - x, my - y))
    if picture.mode == "RGBA":
        clip = ImageChops.multiply(clip, picture.getchannel("A"))
    image.paste(picture.convert("RGB"), (x, y), clip)
