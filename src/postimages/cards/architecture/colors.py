"""kind: architecture — one colour per layer, and every tint drawn from it."""

from __future__ import annotations

from typing import NamedTuple

from postimages.color import BLACK, WHITE, Color, contrast, from_hls, hls, mix, readable
from postimages.theme import Theme


class LayerColors(NamedTuple):
    accent: Color  # badge fill, arrow, chip and panel tints
    panel_fill: Color
    number: Color  # the digit on the badge
    border: Color
    chip_fill: Color
    chip_border: Color
    chip_text: Color
    tag_fill: Color
    tag_text: Color


def accent_ramp(theme: Theme, count: int) -> list[Color]:
    """The theme accent turning gradually through the hue circle, one colour per layer.

    The turn is capped so that neighbours stay related (a gradient, not a rainbow)
    and the last layer does not drift into the good/bad status colours. A brand
    theme turns little, centred on its accent, and steps lightness instead, so
    every layer stays in the brand's family.
    """
    hue, lightness, saturation = hls(theme.accent)
    total_turn = min(theme.layer_turn, 0.055 * (count - 1))
    centre = 0.5 if theme.brand else 0.0
    spread = 0.12 if theme.brand else 0.0
    colors = []
    for i in range(count):
        place = i / max(1, count - 1) - centre
        colors.append(from_hls(hue + total_turn * place, lightness - spread * place, saturation))
    return colors


def layer_colors(theme: Theme, count: int) -> list[LayerColors]:
    # One digit colour for every badge (dark on a light accent, light on a dark one);
    # each badge fill then moves away from it until the digit reads at 4.5:1.
    number = max((theme.background_top, theme.text, theme.panel), key=lambda c: contrast(c, theme.accent))
    away = BLACK if sum(number) > 382 else WHITE
    return [_colors_of(readable(accent, number, 4.5, toward=away, steps=10), number, theme)
            for accent in accent_ramp(theme, count)]


def _colors_of(accent: Color, number: Color, theme: Theme) -> LayerColors:
    chip_fill = mix(theme.panel, accent, 0.13 if theme.dark else 0.08)
    tag_fill = mix(theme.panel, accent, 0.22 if theme.dark else 0.12)
    return LayerColors(
        accent=accent,
        number=number,
        panel_fill=mix(theme.panel, accent, 0.05 if theme.dark else 0.025),
        border=mix(theme.panel_border, accent, 0.45),
        chip_fill=chip_fill,
        chip_border=mix(theme.panel, accent, 0.38 if theme.dark else 0.30),
        chip_text=theme.text,  # reads on every chip fill of the base themes; check reports it when not
        tag_fill=tag_fill,
        tag_text=readable(accent, tag_fill, toward=theme.text, steps=10),
    )
