"""Themes are data: a mapping of colour roles, so a user can bring brand colours."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from postimages.color import (BLACK, TEXT_CONTRAST, WHITE, Color, from_hls, hex_of, hls, hue_distance, mix,
                              parse_color, readable)


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    background_top: Color
    background_bottom: Color
    panel: Color
    panel_border: Color
    text: Color
    muted: Color
    accent: Color
    good: Color
    bad: Color
    shadow: Color
    shadow_opacity: float = 0.45
    # The user's own colours (role, colour) and the base they were given for:
    # the other variant is derived from them again, so the brand survives `--theme light`.
    brand: tuple[tuple[str, Color], ...] = ()
    brand_base: str = ""
    layer_turn: float = 0.2  # how far (of the hue circle) layer hues may turn away from the accent

    def status_color(self, status: str) -> Color:
        return {"pass": self.good, "fail": self.bad}.get(status, self.accent)

    def variant(self, dark: bool) -> Theme:
        """The dark or light variant of this theme; a brand theme keeps its colours."""
        if dark == self.dark:
            return self
        if not self.brand:
            return DARK if dark else LIGHT
        return derive("dark" if dark else "light", dict(self.brand), self.brand_base)


DARK = Theme(
    name="dark",
    dark=True,
    background_top=parse_color("#0B1020"),
    background_bottom=parse_color("#141B34"),
    panel=parse_color("#1A2240"),
    panel_border=parse_color("#2A3560"),
    text=parse_color("#EEF1F8"),
    muted=parse_color("#A3ACC6"),
    accent=parse_color("#5B8CFF"),
    good=parse_color("#34D399"),
    bad=parse_color("#FF6B6B"),
    shadow=parse_color("#02040C"),
    shadow_opacity=0.55,
)

LIGHT = Theme(
    name="light",
    dark=False,
    background_top=parse_color("#F7F8FC"),
    background_bottom=parse_color("#E9EDF7"),
    panel=parse_color("#FFFFFF"),
    panel_border=parse_color("#D9DFEE"),
    text=parse_color("#0F172A"),
    muted=parse_color("#4B5672"),
    accent=parse_color("#2F5BEA"),
    good=parse_color("#047857"),
    bad=parse_color("#C8102E"),
    shadow=parse_color("#1B2340"),
    shadow_opacity=0.16,
)

BASE_THEMES = {"dark": DARK, "light": LIGHT}
BRAND_ROLES = {"accent", "background_top", "background_bottom"}  # the colours a palette is derived from
COLOR_ROLES = tuple(f.name for f in fields(Theme) if f.type in ("Color", Color))


def theme_from_spec(value: object) -> Theme:
    """`dark`, `light`, or a mapping {base: dark, accent: "#FF8800", ...}."""
    if value is None:
        return DARK
    if isinstance(value, str):
        if value not in BASE_THEMES:
            raise ValueError(f"unknown theme {value!r}; expected dark, light or a mapping of colours")
        return BASE_THEMES[value]
    if not isinstance(value, dict):
        raise ValueError("expected dark, light, or a mapping such as {base: dark, accent: \"#FF8800\"}")
    base_name = value.get("base", "dark")
    if not isinstance(base_name, str) or base_name not in BASE_THEMES:
        raise ValueError(f"theme.base: unknown theme {base_name!r}; expected dark or light")
    changes = {}
    for role, colour in value.items():
        if role == "base":
            continue
        if role not in COLOR_ROLES:
            raise ValueError(f"theme: unknown colour role {role!r}; roles are {', '.join(COLOR_ROLES)}")
        changes[role] = parse_color(colour)
    return derive(base_name, changes, base_name) if changes else BASE_THEMES[base_name]


def derive(base_name: str, brand: dict[str, Color], brand_base: str) -> Theme:
    """A whole palette from a few brand colours (an accent, perhaps a background):
    backgrounds tinted with the brand's hue, panels and borders from the
    background, text and status colours that read on all of them. Roles the
    user names are kept as given in the variant they were given for (an accent
    only as far as it reads); the other variant derives them from the brand."""
    base = BASE_THEMES[base_name]
    label = ",".join(f"{role}={hex_of(colour)}" for role, colour in sorted(brand.items()))
    kit = dict(name=f"{base_name}+{label}", brand=tuple(sorted(brand.items())), brand_base=brand_base)
    as_given = base_name == brand_base  # colours meant for the other variant are derived afresh
    if not brand.keys() & BRAND_ROLES:  # other roles only (a muted grey): the base palette, those replaced
        return replace(base, **kit, **(brand if as_given else {}))
    accent = brand.get("accent", base.accent)
    given_backgrounds = as_given and "background_top" in brand
    if given_backgrounds:
        top = brand["background_top"]
        bottom = brand.get("background_bottom", top)
    else:
        top, bottom = _tinted_backgrounds(brand.get("background_top", accent), base.dark)
    palette = _palette(base, accent, top, bottom)
    # The accent is drawn as text too (the kicker): it is kept only as far as it reads.
    kept = {role: colour for role, colour in brand.items()
            if as_given and role != "accent" and (role not in ("background_top", "background_bottom")
                                                  or given_backgrounds)}
    palette.update(kept)
    return replace(base, **kit, layer_turn=0.07, **palette)


def _tinted_backgrounds(source: Color, dark: bool) -> tuple[Color, Color]:
    hue, _, saturation = hls(source)
    if dark:
        return from_hls(hue, 0.065, min(saturation, 0.5)), from_hls(hue, 0.105, min(saturation, 0.42))
    return from_hls(hue, 0.975, min(saturation, 0.6)), from_hls(hue, 0.935, min(saturation, 0.5))


def _palette(base: Theme, accent: Color, top: Color, bottom: Color) -> dict[str, Color]:
    hue, _, saturation = hls(top)
    dark = base.dark
    panel = mix(bottom, WHITE, 0.055) if dark else mix(top, WHITE, 0.75)
    surfaces = [top, bottom, panel]
    # Cards tint panels with the accent and status colours: leave room above 4.5:1 for the tint.
    roomy = TEXT_CONTRAST * 1.25
    text = readable(from_hls(hue, 0.95 if dark else 0.1, min(saturation, 0.3)), surfaces, 7.0)
    return dict(
        background_top=top,
        background_bottom=bottom,
        panel=panel,
        panel_border=mix(panel, text, 0.17 if dark else 0.15),
        text=text,
        muted=readable(mix(text, panel, 0.4), surfaces, roomy, toward=text),
        accent=readable(accent, surfaces, TEXT_CONTRAST),
        good=readable(_apart(base.good, accent), surfaces, roomy),
        bad=readable(_apart(base.bad, accent), surfaces, roomy),
        shadow=mix(from_hls(hue, 0.04, 0.3), BLACK, 0.3) if dark else from_hls(hue, 0.14, 0.3),
    )


def _apart(status: Color, accent: Color) -> Color:
    """A status colour turned away from an accent of nearly its hue, so pass/fail does not read as the brand."""
    if hue_distance(status, accent) >= 0.08:
        return status
    hue, lightness, saturation = hls(status)
    accent_hue = hls(accent)[0]
    direction = 1 if (hue - accent_hue) % 1.0 < 0.5 else -1
    return from_hls(accent_hue + direction * 0.1, lightness, saturation)
