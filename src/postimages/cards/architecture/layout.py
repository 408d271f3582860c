"""kind: architecture — the layout: the layers arranged to fit, as drawables.

The arrows are painted first, then each layer's panel with its badge, name,
tag and chips on top.
"""

from __future__ import annotations

from postimages import scene
from postimages.cards.architecture.arrange import arrange
from postimages.cards.architecture.colors import layer_colors
from postimages.cards.architecture.panel import LayerPanel
from postimages.cards.architecture.spec import layers_of
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable, Shape
from postimages.text import check_drawable


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    layers = layers_of(card)
    _check_characters(layers)
    diagram = arrange(layers, layer_colors(ctx.theme, len(layers)), content, ctx)
    items = [*diagram.arrows, *(item for panel in diagram.panels for item in _panel_items(panel, ctx))]
    if diagram.shrunk is not None:
        items.append(scene.Shrunk(diagram.shrunk.field, diagram.shrunk.message, diagram.shrunk.hint))
    return items


def _check_characters(layers: list[dict]) -> None:
    for i, layer in enumerate(layers):
        check_drawable(layer["name"], f"layers[{i}].name", "display", "bold")
        if layer["tag"]:
            check_drawable(layer["tag"], f"layers[{i}].tag", "text", "semibold")
        for j, item in enumerate(layer["items"]):
            check_drawable(item, f"layers[{i}].items[{j}]", "text", "medium")


def _panel_items(layer: LayerPanel, ctx: Context) -> list[Drawable]:
    theme, c, body = ctx.theme, layer.colors, ctx.min_text
    field = f"layers[{layer.index}]"
    badge = layer.badge
    items = scene.panel(layer.panel, min(ctx.px(24), layer.panel.h / 3), c.panel_fill, c.border,
                        shadow=theme.shadow, shadow_opacity=theme.shadow_opacity * 0.6, elevation=ctx.px(16),
                        border_width=max(1, ctx.u * 1.5), name=f"{field}.panel")
    items.append(Circle((badge.center_x, badge.center_y), badge.w / 2, c.accent, name=f"{field}.badge"))
    # The badge digit is the layer's place, not typed: it is named after its layer.
    items += scene.text(field, layer.number, body)
    items += scene.text(f"{field}.name", layer.name, body)
    if layer.tag:
        box, words = layer.tag
        items.append(Shape(box, box.h / 2, fill=c.tag_fill, name=f"{field}.tag"))
        items += scene.text(f"{field}.tag", words, body)
    for j, chip in enumerate(layer.chips):
        items.append(Shape(chip.box, min(chip.box.h / 2, ctx.px(14)), fill=c.chip_fill, outline=c.chip_border,
                           width=max(1, ctx.u * 1.5), name=f"{field}.chip[{j}]"))
        items += scene.text(f"{field}.items[{j}]", chip.text, body)
    return items
