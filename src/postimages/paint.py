"""The painter: any scene in, one image out. The only code that draws."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from postimages import draw as shapes
from postimages import maskstore
from postimages import scene as s
from postimages.textpaint import draw_block, draw_glyph, draw_line
from postimages.unicode import clusters


def paint(scene: s.Scene) -> Image.Image:
    """Paint the scene's drawables in order onto a canvas of the scene's size."""
    with maskstore.card(_mask_geometry(scene)):
        return _painted(scene)


def _mask_geometry(scene: s.Scene) -> str:
    """What decides the masks the scene's shapes are cut from (maskstore's
    entry): their boxes and corners, and whether each is filled or outlined."""
    shapes = []
    for item in scene.items:
        if isinstance(item, s.Shape):
            shapes.append((item.box, item.radius, item.width, item.fill is None, item.outline is None))
        elif isinstance(item, s.Shadow):
            shapes.append((item.box, item.radius, item.blur))
        elif isinstance(item, (s.Gradient, s.Picture)) and item.radius > 0:
            shapes.append((item.box, item.radius))
    return repr((scene.size, shapes))


def _painted(scene: s.Scene) -> Image.Image:
    items = scene.items
    first = items[0] if items else None
    if isinstance(first, s.Gradient) and first.box.as_int() == (0, 0, *scene.size):
        image, items = shapes.new_canvas(scene.size, first.top, first.bottom), items[1:]  # no blank canvas to cover
    else:
        image = Image.new("RGB", scene.size, scene.background)
    for item in items:
        _PAINTERS[type(item)](image, item)
    return image


def _gradient(image: Image.Image, item: s.Gradient) -> None:
    shapes.gradient_rect(image, item.box, item.radius, item.top, item.bottom)


def _shadow(image: Image.Image, item: s.Shadow) -> None:
    shapes.shadow(image, item.box, item.radius, item.color, item.opacity, blur=item.blur,
                  offset_y=item.offset_y, covered=item.covered)


def _shape(image: Image.Image, item: s.Shape) -> None:
    shapes.rounded_rect(image, item.box, item.radius, fill=item.fill, outline=item.outline, width=item.width,
                        opacity=item.opacity)


def _circle(image: Image.Image, item: s.Circle) -> None:
    shapes.circle(image, item.center, item.radius, item.fill)


def _arrow(image: Image.Image, item: s.Arrow) -> None:
    shapes.arrow(image, item.start, item.end, width=item.width, head=item.head, fill=item.color)


def _rule(image: Image.Image, item: s.Rule) -> None:
    ImageDraw.Draw(image).line([item.start, item.end], fill=item.color, width=item.width)


def _rect(image: Image.Image, item: s.Rect) -> None:
    left, top, right, bottom = item.box.as_int()
    ImageDraw.Draw(image).rectangle([left, top, right - 1, bottom - 1], fill=item.color)


def _text(image: Image.Image, item: s.Text) -> None:
    draw_block(image, item.placed.block, item.placed.box)


def _glyphs(image: Image.Image, item: s.Glyphs) -> None:
    if item.advance is None:
        draw_line(image, item.line, item.style, item.x, item.baseline)
        return
    # On the grid, a character a column. (Code ligatures are not formed: the
    # card shows the characters as typed, `->` as two.)
    style, x = item.style, item.x
    for run in item.line.runs:
        for cluster in clusters(run.text):
            if not cluster.isspace():
                draw_glyph(image, cluster, run.font_path, style.px, style.color, x, item.baseline, style.features)
            x += item.advance


def _picture(image: Image.Image, item: s.Picture) -> None:
    source = Image.open(item.source) if isinstance(item.source, Path) else item.source
    size = (round(item.box.w), round(item.box.h))
    picture = _covering(source, size) if item.fit == "cover" else source.resize(size, Image.LANCZOS)
    if item.radius > 0:
        shapes.rounded_picture(image, picture, item.box, item.radius, item.square_top)
        return
    image.paste(picture, (round(item.box.x), round(item.box.y)), picture if picture.mode == "RGBA" else None)


def _covering(source: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scaled and centre-cropped to fill `size`, as a feed shows an image."""
    w, h = size
    scale = max(w / source.width, h / source.height)
    resized = source.resize((max(w, round(source.width * scale)), max(h, round(source.height * scale))),
                            Image.LANCZOS)
    left, top = (resized.width - w) // 2, (resized.height - h) // 2
    return resized.crop((left, top, left + w, top + h))


_PAINTERS = {
    s.Gradient: _gradient, s.Shadow: _shadow, s.Shape: _shape, s.Circle: _circle, s.Arrow: _arrow,
    s.Rule: _rule, s.Rect: _rect, s.Text: _text, s.Glyphs: _glyphs, s.Picture: _picture,
}
