"""Colours: one model (RGB tuples) and one way to make a colour readable.

Every colour in postimages is a tuple of 0-255 channels (an optional fourth is
alpha). Hex strings exist only where users and Pygments write them.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

Color = tuple[int, ...]
WHITE: Color = (255, 255, 255)
BLACK: Color = (0, 0, 0)
TEXT_CONTRAST = 4.5  # WCAG AA for text
GRAPHICS_CONTRAST = 3.0  # WCAG 1.4.11 for marks that carry meaning

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
_LOOSE_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_color(value: object) -> Color:
    """'#5B8CFF' -> (91, 140, 255); raises ValueError with a user-facing message."""
    match = _HEX.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"expected a colour like \"#5B8CFF\", got {value!r}")
    return _channels(match.group(1))


def parse_loose(value: str | None) -> Color | None:
    """A colour as Pygments styles write it (`#abc`, `abc`, `#AABBCC`); None for `inherit` or ''."""
    match = _LOOSE_HEX.match(value.strip()) if value else None
    if not match:
        return None
    digits = match.group(1)
    return _channels("".join(d * 2 for d in digits) if len(digits) == 3 else digits)


def _channels(digits: str) -> Color:
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def hex_of(color: Color) -> str:
    return "#" + "".join(f"{c:02X}" for c in color[:3])


def mix(a: Color, b: Color, amount: float) -> Color:
    """The colour `amount` (0..1) of the way from a to b."""
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b))


@lru_cache(maxsize=4096)  # contrast() asks again and again for the same few colours
def luminance(color: Color) -> float:
    """WCAG relative luminance."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(color: Color) -> bool:
    """Whether white reads better on it than black."""
    return contrast(color, WHITE) > contrast(color, BLACK)


def _surfaces(on: Color | Iterable[Color]) -> list[Color]:
    return [on] if isinstance(on, tuple) and on and isinstance(on[0], int) else list(on)


def _first_reading(candidates: Iterator[Color], on: list[Color], ratio: float) -> Color | None:
    return next((c for c in candidates if all(contrast(c, s) >= ratio for s in on)), None)


def readable(color: Color, on: Color | Iterable[Color], ratio: float = TEXT_CONTRAST, *,
             toward: Color | None = None, steps: int = 20) -> Color:
    """`color` moved toward `toward` (by default white or black, whichever
    stands out more on the first surface) just far enough, in `steps` even
    steps, to reach `ratio` on every surface `on`; `toward` itself when no
    step does."""
    surfaces = _surfaces(on)
    toward = toward or (WHITE if is_dark(surfaces[0]) else BLACK)
    candidates = (mix(color, toward, step / steps) for step in range(steps + 1))
    return _first_reading(candidates, surfaces, ratio) or toward


@lru_cache(maxsize=4096)  # the code card dims every token of every line around a highlight
def quieted(color: Color, on: Color, amount: float, ratio: float = TEXT_CONTRAST, steps: int = 10) -> Color:
    """`color` moved up to `amount` of the way toward the surface `on` (to dim
    it), but no further than still reads at `ratio`; unchanged if even that fails."""
    candidates = (mix(color, on, amount * step / steps) for step in range(steps, -1, -1))
    return _first_reading(candidates, [on], ratio) or color


def hls(color: Color) -> tuple[float, float, float]:
    """Hue, lightness and saturation, each 0..1."""
    return colorsys.rgb_to_hls(*(c / 255 for c in color[:3]))


def from_hls(hue: float, lightness: float, saturation: float) -> Color:
    channels = colorsys.hls_to_rgb(hue % 1.0, min(1.0, max(0.0, lightness)), min(1.0, max(0.0, saturation)))
    return tuple(round(c * 255) for c in channels)


def hue_distance(a: Color, b: Color) -> float:
    """How far apart two hues are on the circle, 0 (same) to 0.5 (opposite)."""
    turn = abs(hls(a)[0] - hls(b)[0]) % 1.0
    return min(turn, 1.0 - turn)
