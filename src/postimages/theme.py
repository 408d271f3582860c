"""Themes are data: a mapping of colour roles, so a user can bring brand colours."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from postimages.color import Color, parse_color


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

    def status_color(self, status: str) -> Color:
        return {"pass": self.good, "fail": self.bad}.get(status, self.accent)


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
    return replace(BASE_THEMES[base_name], name=f"{base_name}+custom" if changes else base_name, **changes)
