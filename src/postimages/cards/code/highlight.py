"""kind: code — colours from a Pygments style: the window's palette and a coloured span per token.

Token colours start from high contrast: under 7:1 on the window (WCAG AAA)
they are tinted towards white (dark styles) or shaded towards black (light
styles) until they pass. That leaves room to dim the lines around highlighted
ones and still read at 4.5:1, and for a highlight band tinted with the card's
accent that stands out (1.4:1 against the window).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from postimages.color import BLACK, TEXT_CONTRAST, WHITE, Color, contrast, is_dark, mix, parse_loose, readable
from postimages.errors import LayoutError

if TYPE_CHECKING:  # Pygments loads only to colour code that is not kept on disk (source.load_code)
    from pygments.style import StyleMeta
    from pygments.token import _TokenType

DEFAULT_DARK_STYLE = "one-dark"
# Pygments ships no One Light. Xcode is the light style with the same
# palette of purple keywords, coloured strings and blue numbers on white,
# and every colour it defines reads at 4.5:1 or more on its background.
DEFAULT_LIGHT_STYLE = "xcode"
COMMON_STYLES = ("one-dark", "github-dark", "dracula", "monokai", "nord", "xcode", "solarized-light")

# Line numbers are quieter than the code, but readable text all the same (WCAG AA).
LINE_NUMBER_MIX = 0.5  # line numbers start halfway between background and text
LINE_NUMBER_QUIETER = 0.8  # a style's own line-number colour must sit well below the text
BAND_MIX = 0.08  # a derived highlight band is the background moved 8% towards the text
CODE_CONTRAST = 7.0  # tokens on the window: AAA, so that dimmed lines still read at 4.5:1
BAND_CONTRAST = 1.4  # an accent-tinted band against the window: seen at a glance, yet behind the code
BAND_MIN_CONTRAST = 1.05  # a style's own band closer to the background than this is invisible
BAND_MAX_CONTRAST = 1.6  # and one further from it is not subtle
STEPS = 50  # colours move 2% at a time towards white or black, so no further than they must


class Span(NamedTuple):
    text: str
    color: Color
    bold: bool = False
    italic: bool = False


# --- styles ---------------------------------------------------------------


def _style_key(name: str) -> str:
    # Pygments mixes "github-dark" and "friendly_grayscale"; accept either, and spaces.
    return re.sub(r"[\s_-]+", "-", name.strip().lower())


@lru_cache(maxsize=1)
def _styles_by_key() -> dict[str, str]:
    from pygments.styles import get_all_styles

    return {_style_key(name): name for name in get_all_styles()}


def style_name(code_theme: str | None, dark: bool) -> str:
    """The Pygments name of `code_theme:`, or the default for the card's mode."""
    if code_theme is None or not code_theme.strip():
        return DEFAULT_DARK_STYLE if dark else DEFAULT_LIGHT_STYLE
    name = _styles_by_key().get(_style_key(code_theme))
    if name is None:
        hint = suggestion(_style_key(code_theme), sorted(_styles_by_key()))
        if hint is None:
            hint = "try one of: " + ", ".join(COMMON_STYLES)
        raise LayoutError("code_theme", f"unknown code theme {code_theme.strip()!r}", hint=hint)
    return name


def resolve_style(code_theme: str | None, dark: bool) -> StyleMeta:
    """The Pygments style class for `code_theme:`, or the default for the card's mode."""
    from pygments.styles import get_style_by_name

    return get_style_by_name(style_name(code_theme, dark))


def suggestion(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return f"did you mean {matches[0]!r}?" if matches else None


# --- the window's palette -------------------------------------------------


class Palette(NamedTuple):
    """The window colours of one style, with the contrast rules applied."""

    background: Color
    foreground: Color
    line_number: Color
    band: Color
    dark: bool


def _readable(color: Color, surfaces: list[Color], dark: bool, ratio: float = TEXT_CONTRAST) -> Color:
    """Tinted (dark styles) or shaded (light) just enough to read at `ratio` on every surface."""
    return readable(color, surfaces, ratio, toward=WHITE if dark else BLACK, steps=STEPS)


@lru_cache(maxsize=1024)  # many token types share a colour, and every render of a snippet asks again
def _code_color(color: Color, palette: Palette) -> Color:
    """7:1 on the window, and 4.5:1 on the highlight band."""
    on_window = _readable(color, [palette.background], palette.dark, CODE_CONTRAST)
    return _readable(on_window, [palette.band], palette.dark)


def accent_band(background: Color, accent: Color) -> Color:
    """The window moved towards the accent until the two differ by BAND_CONTRAST."""
    for step in range(1, 41):
        band = mix(background, accent, step / 40)
        if contrast(band, background) >= BAND_CONTRAST:
            return band
    return accent


def palette_of(style: StyleMeta, accent: Color | None = None) -> Palette:
    from pygments.token import Token

    # A style without a background: assume a plain white page.
    background = parse_loose(style.background_color) or WHITE
    dark = is_dark(background)
    declared = parse_loose(style.style_for_token(Token.Text)["color"])
    # Without one, text shows in the page default, as Pygments' HTML would.
    foreground = declared or (WHITE if dark else BLACK)
    band = accent_band(background, accent) if accent else _band_color(style, background, foreground, dark)
    foreground = _code_color(foreground, Palette(background, foreground, foreground, band, dark))
    line_number = _line_number_color(style, background, foreground, dark)
    return Palette(background, foreground, line_number, band, dark)


def _band_color(style: StyleMeta, background: Color, foreground: Color, dark: bool) -> Color:
    from pygments.style import Style

    # Styles that do not set one inherit Pygments' pale yellow, which glares
    # on dark styles; use the style's own only when it is a subtle shift.
    own = parse_loose(style.highlight_color)
    inherited = style.highlight_color == Style.highlight_color
    if own and not inherited and _is_subtle_band(own, background, dark):
        return own
    return mix(background, foreground, BAND_MIX)


def _is_subtle_band(band: Color, background: Color, dark: bool) -> bool:
    """Visible behind a line, yet on the same side (dark or light) as the window."""
    shift = contrast(band, background)
    return is_dark(band) == dark and BAND_MIN_CONTRAST <= shift <= BAND_MAX_CONTRAST


def _line_number_color(style: StyleMeta, background: Color, foreground: Color, dark: bool) -> Color:
    quieter_than_text = contrast(foreground, background) * LINE_NUMBER_QUIETER
    own = parse_loose(style.line_number_color)
    if own and TEXT_CONTRAST <= contrast(own, background) <= quieter_than_text:
        return own
    return _readable(mix(background, foreground, LINE_NUMBER_MIX), [background], dark)


# --- token colours --------------------------------------------------------


class TokenStyler:
    """Span styling per token type, resolved once per type."""

    def __init__(self, style: StyleMeta, palette: Palette):
        self._style = style
        self._palette = palette
        self._cache: dict[_TokenType, tuple[Color, bool, bool]] = {}

    def __call__(self, ttype: _TokenType, text: str) -> Span:
        if not text.strip():  # whitespace shows no colour; keep it plain so spans merge
            return Span(text, self._palette.foreground)
        if ttype not in self._cache:
            self._cache[ttype] = self._resolve(ttype)
        color, bold, italic = self._cache[ttype]
        return Span(text, color, bold, italic)

    def _resolve(self, ttype: _TokenType) -> tuple[Color, bool, bool]:
        # Lexers may invent token types the style has never heard of; the
        # nearest ancestor the style knows decides, as in Pygments' formatters.
        while not self._style.styles_token(ttype) and ttype.parent is not None:
            ttype = ttype.parent
        spec = self._style.style_for_token(ttype)
        color = _code_color(parse_loose(spec["color"]) or self._palette.foreground, self._palette)
        return color, bool(spec["bold"]), bool(spec["italic"])


def spans_of(tokens: Iterable[tuple[_TokenType, str]], styler: TokenStyler) -> list[Span]:
    """A line's tokens as spans, neighbours of the same look merged."""
    spans: list[Span] = []
    for ttype, text in tokens:
        span = styler(ttype, text)
        if spans and _same_look(spans[-1], span):
            spans[-1] = Span(spans[-1].text + span.text, span.color, span.bold, span.italic)
        else:
            spans.append(span)
    return spans


def _same_look(a: Span, b: Span) -> bool:
    return (a.color, a.bold, a.italic) == (b.color, b.bold, b.italic)
