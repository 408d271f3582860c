"""Source code for the code card: highlighted, trimmed and wrapped.

This module only turns text into coloured spans; it never draws. The code
card asks it for a `CodeDoc` (lines of `Span`s plus the colours of the
window) and, when a line is wider than the window, for `wrap_line`.

Colours come from a Pygments style. Token colours that fall under the WCAG
AA contrast of 4.5:1 on the window are tinted towards white (dark styles) or
shaded towards black (light styles) until they pass, so a comment is never
too faint to read on a phone.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex
from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class, get_all_lexers, get_lexer_by_name, get_lexer_for_filename
from pygments.lexers._mapping import LEXERS
from pygments.lexers.special import TextLexer
from pygments.style import Style, StyleMeta
from pygments.styles import get_all_styles, get_style_by_name
from pygments.token import Token, _TokenType
from pygments.util import ClassNotFound

from postimages.errors import LayoutError

TAB_SIZE = 4
DEFAULT_DARK_STYLE = "one-dark"
# Pygments ships no One Light. Xcode is the light style with the same
# palette of purple keywords, coloured strings and blue numbers on white,
# and every colour it defines reads at 4.5:1 or more on its background.
DEFAULT_LIGHT_STYLE = "xcode"

PLAIN_TEXT_NAMES = frozenset({"text", "plain", "plaintext", "none", "txt"})
COMMON_LANGUAGES = ("python", "javascript", "typescript", "rust", "go", "bash", "json", "yaml", "sql", "text")
COMMON_STYLES = ("one-dark", "github-dark", "dracula", "monokai", "nord", "xcode", "solarized-light")

MIN_TEXT_CONTRAST = 4.5  # WCAG AA for body text
MIN_LINE_NUMBER_CONTRAST = 4.5  # quieter than the code, but readable text all the same (WCAG AA)
LINE_NUMBER_MIX = 0.5  # line numbers start halfway between background and text
LINE_NUMBER_QUIETER = 0.8  # a style's own line-number colour must sit well below the text
BAND_MIX = 0.08  # a derived highlight band is the background moved 8% towards the text
BAND_MIN_CONTRAST = 1.05  # a style's own band closer to the background than this is invisible
BAND_MAX_CONTRAST = 1.6  # and one further from it is not subtle


@dataclass(frozen=True)
class Span:
    text: str
    color: str  # "#rrggbb"
    bold: bool = False
    italic: bool = False


@dataclass
class CodeLine:
    number: int  # as in the source file, also when `lines:` selects a range
    spans: list[Span]  # never contains "\n"; tabs already expanded
    highlighted: bool = False

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass
class CodeDoc:
    lines: list[CodeLine]
    language: str  # human name of the lexer, e.g. "Python", "Text"
    style_name: str  # the Pygments style used
    background: str  # "#rrggbb" window background from the style
    foreground: str  # default text colour
    line_number_color: str  # readable but quieter than foreground
    highlight_band: str  # colour of the band behind highlighted lines
    is_dark: bool  # whether the style background is dark


# --------------------------------------------------------------------------
# Line ranges

_RANGE = re.compile(r"^\s*(\d+)\s*(?:(?:-|\.\.|–|—)\s*(\d+))?\s*$")


def parse_line_range(value: str | int) -> tuple[int, int]:
    """`"12-44"`, `"12..44"` or `7` as an inclusive, 1-based `(start, end)`."""
    return _parse_range(value, field="lines")


def _parse_range(value: object, field: str) -> tuple[int, int]:
    # bool is an int in Python, but `lines: true` is a mistake, not line 1.
    if isinstance(value, int) and not isinstance(value, bool):
        start = end = value
    elif isinstance(value, str) and (match := _RANGE.match(value)):
        start = int(match.group(1))
        end = int(match.group(2) or start)
    else:
        raise LayoutError(field, f"expected a line number or a range like 12-44, got {value!r}")
    return _checked_range(start, end, field)


def _checked_range(start: int, end: int, field: str) -> tuple[int, int]:
    if start < 1:
        raise LayoutError(field, f"line numbers start at 1, got {start}")
    if end < start:
        raise LayoutError(field, f"the range {start}-{end} runs backwards", hint=f"write {end}-{start}")
    return start, end


def _lines_label(start: int, end: int) -> str:
    return f"line {start}" if start == end else f"lines {start}-{end}"


def _range_is(start: int, end: int) -> str:
    """`line 7 is` or `lines 7-9 are`, to start a message."""
    return _lines_label(start, end) + (" is" if start == end else " are")


# --------------------------------------------------------------------------
# Lexer and style

def resolve_lexer(language: str | None, filename: str | None, code: str) -> Lexer:
    """The Pygments lexer for `language:`, else for the file name, else plain text."""
    # Keep the text exactly as given: by default Pygments strips leading and
    # trailing newlines, which would shift every line number after them.
    options = {"stripnl": False, "stripall": False, "ensurenl": True, "tabsize": 0}
    if language is not None and language.strip():
        name = language.strip().lower()
        if name in PLAIN_TEXT_NAMES:
            return TextLexer(**options)
        try:
            return get_lexer_by_name(name, **options)
        except ClassNotFound:
            raise LayoutError(
                "language", f"unknown language {language.strip()!r}", hint=_language_hint(name)
            ) from None
    if filename:
        only = _only_lexer_for_name(filename)
        if only is not None:
            return only(**options)
        try:
            return get_lexer_for_filename(filename, code, **options)
        except ClassNotFound:
            pass
    return TextLexer(**options)


@lru_cache(maxsize=64)  # a card asks for its lexer several times (validation, layout, alt text)
def _only_lexer_for_name(filename: str) -> type[Lexer] | None:
    """The one built-in lexer whose file-name patterns match, else None (no
    match, or several: Pygments then picks by the code).

    Pygments' own lookup compiles a regex for each of its ~900 patterns and
    scans the installed plugins: ~80 ms a run. Nearly every pattern is `*.ext`
    or a plain name, which a string comparison settles. (A plugin lexer
    claiming an extension a built-in one has is not considered here.)"""
    name = os.path.basename(filename)
    matching = {lexer for _, lexer, _, patterns, _ in LEXERS.values() if any(_name_matches(name, p) for p in patterns)}
    return find_lexer_class(matching.pop()) if len(matching) == 1 else None


def _name_matches(name: str, pattern: str) -> bool:
    """fnmatchcase, as Pygments matches, without compiling the common patterns."""
    wildcards = "*?["
    if not any(c in pattern for c in wildcards):
        return name == pattern
    if pattern[0] == "*" and not any(c in pattern[1:] for c in wildcards):
        return name.endswith(pattern[1:])
    return fnmatch.fnmatchcase(name, pattern)


@lru_cache(maxsize=1)
def _all_language_aliases() -> tuple[str, ...]:
    aliases = {alias for _, names, _, _ in get_all_lexers() for alias in names}
    return tuple(sorted(aliases | PLAIN_TEXT_NAMES))


def _language_hint(name: str) -> str:
    return _suggestion(name, _all_language_aliases()) or "try one of: " + ", ".join(COMMON_LANGUAGES)


def _style_key(name: str) -> str:
    # Pygments mixes "github-dark" and "friendly_grayscale"; accept either, and spaces.
    return re.sub(r"[\s_-]+", "-", name.strip().lower())


@lru_cache(maxsize=1)
def _styles_by_key() -> dict[str, str]:
    return {_style_key(name): name for name in get_all_styles()}


def _style_name(code_theme: str | None, dark: bool) -> str:
    if code_theme is None or not code_theme.strip():
        return DEFAULT_DARK_STYLE if dark else DEFAULT_LIGHT_STYLE
    name = _styles_by_key().get(_style_key(code_theme))
    if name is None:
        hint = _suggestion(_style_key(code_theme), sorted(_styles_by_key()))
        if hint is None:
            hint = "try one of: " + ", ".join(COMMON_STYLES)
        raise LayoutError("code_theme", f"unknown code theme {code_theme.strip()!r}", hint=hint)
    return name


def resolve_style(code_theme: str | None, dark: bool) -> StyleMeta:
    """The Pygments style class for `code_theme:`, or the default for the card's mode."""
    return get_style_by_name(_style_name(code_theme, dark))


def _suggestion(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return f"did you mean {matches[0]!r}?" if matches else None


# --------------------------------------------------------------------------
# Colours

def _normalise_hex(value: str | None) -> str | None:
    """`#abc`, `abc`, `#AABBCC` -> `#aabbcc`; anything else (`inherit`, '') -> None."""
    if not value:
        return None
    digits = value.strip().lstrip("#").lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if len(digits) != 6 or any(d not in "0123456789abcdef" for d in digits):
        return None
    return "#" + digits


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(color)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _is_dark(color: str) -> bool:
    return contrast_ratio(color, "#ffffff") > contrast_ratio(color, "#000000")


def _mix(a: str, b: str, amount: float) -> str:
    """`a` moved `amount` (0..1) of the way towards `b`."""
    mixed = (round(x + (y - x) * amount) for x, y in zip(_rgb(a), _rgb(b)))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _ensure_contrast(color: str, surfaces: Iterable[str], minimum: float, dark: bool) -> str:
    """Tint (dark) or shade (light) `color` just enough to reach `minimum` on every surface."""
    surfaces = list(surfaces)
    target = "#ffffff" if dark else "#000000"
    steps = 50  # 2% at a time, so a colour moves no further than it must
    for step in range(steps + 1):
        candidate = _mix(color, target, step / steps)
        if all(contrast_ratio(candidate, s) >= minimum for s in surfaces):
            return candidate
    return target


@dataclass(frozen=True)
class _Palette:
    """The window colours of one style, with the contrast rules applied."""

    background: str
    foreground: str
    line_number: str
    band: str
    dark: bool


def _palette(style: StyleMeta) -> _Palette:
    background = _normalise_hex(style.background_color)
    if background is None:  # a style without a background: assume a plain white page
        background = "#ffffff"
    dark = _is_dark(background)
    declared = _normalise_hex(style.style_for_token(Token.Text)["color"])
    # Without one, text shows in the page default, as Pygments' HTML would.
    foreground = declared or ("#ffffff" if dark else "#000000")
    band = _band_color(style, background, foreground, dark)
    foreground = _ensure_contrast(foreground, [background, band], MIN_TEXT_CONTRAST, dark)
    line_number = _line_number_color(style, background, foreground, dark)
    return _Palette(background, foreground, line_number, band, dark)


def _band_color(style: StyleMeta, background: str, foreground: str, dark: bool) -> str:
    # Styles that do not set one inherit Pygments' pale yellow, which glares
    # on dark styles; use the style's own only when it is a subtle shift.
    own = _normalise_hex(style.highlight_color)
    inherited = style.highlight_color == Style.highlight_color
    if own and not inherited and _is_subtle_band(own, background, dark):
        return own
    return _mix(background, foreground, BAND_MIX)


def _is_subtle_band(band: str, background: str, dark: bool) -> bool:
    """Visible behind a line, yet on the same side (dark or light) as the window."""
    shift = contrast_ratio(band, background)
    return _is_dark(band) == dark and BAND_MIN_CONTRAST <= shift <= BAND_MAX_CONTRAST


def _line_number_color(style: StyleMeta, background: str, foreground: str, dark: bool) -> str:
    quieter_than_text = contrast_ratio(foreground, background) * LINE_NUMBER_QUIETER
    own = _normalise_hex(style.line_number_color)
    if own and MIN_LINE_NUMBER_CONTRAST <= contrast_ratio(own, background) <= quieter_than_text:
        return own
    derived = _mix(background, foreground, LINE_NUMBER_MIX)
    return _ensure_contrast(derived, [background], MIN_LINE_NUMBER_CONTRAST, dark)


class _TokenStyler:
    """Span styling per token type, resolved once per type."""

    def __init__(self, style: StyleMeta, palette: _Palette):
        self._style = style
        self._palette = palette
        self._cache: dict[_TokenType, tuple[str, bool, bool]] = {}

    def __call__(self, ttype: _TokenType, text: str) -> Span:
        if not text.strip():  # whitespace shows no colour; keep it plain so spans merge
            return Span(text, self._palette.foreground)
        if ttype not in self._cache:
            self._cache[ttype] = self._resolve(ttype)
        color, bold, italic = self._cache[ttype]
        return Span(text, color, bold, italic)

    def _resolve(self, ttype: _TokenType) -> tuple[str, bool, bool]:
        # Lexers may invent token types the style has never heard of; the
        # nearest ancestor the style knows decides, as in Pygments' formatters.
        while not self._style.styles_token(ttype) and ttype.parent is not None:
            ttype = ttype.parent
        spec = self._style.style_for_token(ttype)
        color = _normalise_hex(spec["color"]) or self._palette.foreground
        surfaces = [self._palette.background, self._palette.band]
        color = _ensure_contrast(color, surfaces, MIN_TEXT_CONTRAST, self._palette.dark)
        return color, bool(spec["bold"]), bool(spec["italic"])


# --------------------------------------------------------------------------
# Loading

# A line as Pygments tokens: (token type, text without "\n").
_Tokens = list[tuple[_TokenType, str]]


def load_code(
    code: str,
    *,
    filename: str | None = None,
    language: str | None = None,
    line_range: tuple[int, int] | None = None,
    highlight: Iterable[int | str] = (),
    code_theme: str | None = None,
    dark: bool = True,
) -> CodeDoc:
    """Highlight `code`, cut it to `line_range`, dedent it and mark `highlight`.

    `highlight` holds source line numbers, or ranges such as "18-20".
    """
    source_lines = _prepare_text(code)
    if not any(line.strip() for line in source_lines):
        raise LayoutError("code", "the code is empty")

    lexer = resolve_lexer(language, filename, code)
    style_name = _style_name(code_theme, dark)
    style = get_style_by_name(style_name)
    palette = _palette(style)

    first, last = _select(line_range, len(source_lines))
    # Tokenise the whole file so a range that starts inside a docstring or a
    # multi-line string is still coloured as one.
    tokens = _tokenise(lexer, source_lines)
    shown = _trim_trailing_blank(tokens[first - 1 : last])
    if not shown:
        raise LayoutError("lines", f"{_range_is(first, last)} blank")
    shown = _dedent(shown)

    numbers = range(first, first + len(shown))
    marked = _highlighted_lines(highlight, numbers)
    styler = _TokenStyler(style, palette)
    lines = [
        CodeLine(number, _to_spans(line, styler), highlighted=number in marked)
        for number, line in zip(numbers, shown)
    ]
    return CodeDoc(
        lines=lines,
        language="Text" if isinstance(lexer, TextLexer) else lexer.name,
        style_name=style_name,
        background=palette.background,
        foreground=palette.foreground,
        line_number_color=palette.line_number,
        highlight_band=palette.band,
        is_dark=palette.dark,
    )


def _prepare_text(code: str) -> list[str]:
    """Lines with unified newlines and tabs expanded; a final newline ends the last line."""
    text = code.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.expandtabs(TAB_SIZE) for line in text.split("\n")]
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _tokenise(lexer: Lexer, lines: list[str]) -> list[_Tokens]:
    per_line: list[_Tokens] = [[]]
    for ttype, text in lexer.get_tokens("\n".join(lines)):
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                per_line.append([])
            if piece:
                per_line[-1].append((ttype, piece))
    per_line = per_line[: len(lines)]
    # A lexer that rewrites its input would misplace every colour; show the
    # text uncoloured rather than wrong.
    if ["".join(text for _, text in line) for line in per_line] != lines:
        return [[(Token.Text, line)] if line else [] for line in lines]
    return [_whole_clusters(line) for line in per_line]


def _whole_clusters(line: _Tokens) -> _Tokens:
    """Move token boundaries that fall inside a grapheme cluster to its end.

    A lexer may cut a keycap (1️⃣) or a ZWJ emoji between tokens; drawn apart,
    its pieces are characters no font has on their own.
    """
    text = "".join(piece for _, piece in line)
    ends, offset = set(), 0
    for cluster in regex.findall(r"\X", text):
        offset += len(cluster)
        ends.add(offset)
    result: _Tokens = []
    carry, position = "", 0
    for ttype, piece in line:
        piece = carry + piece
        start = position - len(carry)
        end = start + len(piece)
        cut = len(piece)
        while cut > 0 and (start + cut) not in ends:
            cut -= 1
        if cut:
            result.append((ttype, piece[:cut]))
        carry = piece[cut:]
        position = end
    if carry:
        result.append((line[-1][0], carry))
    return result


def _select(line_range: tuple[int, int] | None, line_count: int) -> tuple[int, int]:
    """The first and last line to show, checked against the file."""
    if line_range is None:
        return 1, line_count
    start, end = _checked_range(*line_range, field="lines")
    lines = "line" if line_count == 1 else "lines"
    if start > line_count:
        message = f"{_range_is(start, end)} outside the file, which has {line_count} {lines}"
        raise LayoutError("lines", message)
    if end > line_count:
        raise LayoutError(
            "lines",
            f"lines {start}-{end} run past the end of the file, which has {line_count} {lines}",
            hint=f"write {start}-{line_count}",
        )
    return start, end


def _line_text(line: _Tokens) -> str:
    return "".join(text for _, text in line)


def _trim_trailing_blank(lines: list[_Tokens]) -> list[_Tokens]:
    end = len(lines)
    while end and not _line_text(lines[end - 1]).strip():
        end -= 1
    return lines[:end]


def _dedent(lines: list[_Tokens]) -> list[_Tokens]:
    """Drop the indentation every non-blank line shares, and trailing whitespace."""
    indents = [len(text) - len(text.lstrip(" ")) for text in map(_line_text, lines) if text.strip()]
    common = min(indents, default=0)
    return [_rstrip(_drop_leading(line, common)) for line in lines]


def _drop_leading(line: _Tokens, count: int) -> _Tokens:
    result: _Tokens = []
    for ttype, text in line:
        cut = min(count, len(text))
        count -= cut
        if text[cut:]:
            result.append((ttype, text[cut:]))
    return result


def _rstrip(line: _Tokens) -> _Tokens:
    result = list(line)
    while result:
        ttype, text = result[-1]
        stripped = text.rstrip()
        if stripped:
            result[-1] = (ttype, stripped)
            break
        result.pop()
    return result


def _highlighted_lines(highlight: Iterable[int | str], shown: range) -> set[int]:
    """The line numbers to emphasise; each must be one of the shown lines."""
    if isinstance(highlight, (str, int)):  # `highlight: 18` or `highlight: "18-20"`
        highlight = [highlight]
    marked: set[int] = set()
    for item in highlight:
        start, end = _parse_range(item, field="highlight")
        if start not in shown or end not in shown:
            raise LayoutError(
                "highlight",
                f"{_range_is(start, end)} outside the shown {_lines_label(shown[0], shown[-1])}",
                hint="highlight numbers count from the top of the source file",
            )
        marked.update(range(start, end + 1))
    return marked


def _to_spans(line: _Tokens, styler: _TokenStyler) -> list[Span]:
    spans: list[Span] = []
    for ttype, text in line:
        span = styler(ttype, text)
        if spans and _same_look(spans[-1], span):
            spans[-1] = Span(spans[-1].text + span.text, span.color, span.bold, span.italic)
        else:
            spans.append(span)
    return spans


def _same_look(a: Span, b: Span) -> bool:
    return (a.color, a.bold, a.italic) == (b.color, b.bold, b.italic)


# --------------------------------------------------------------------------
# Wrapping

_CLUSTER = regex.compile(r"\X")
_EMOJI_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}|\p{Regional_Indicator}|\ufe0f")
# Breaking right after one of these keeps words and numbers whole.
_BREAK_AFTER_SYMBOLS = frozenset("=+-*/%|&^~<>")


def cluster_width(cluster: str) -> int:
    """Columns a grapheme cluster takes in a monospace grid: 0, 1 or 2."""
    if _EMOJI_PRESENTATION.search(cluster):
        return 2
    if any(unicodedata.east_asian_width(char) in ("W", "F") for char in cluster):
        return 2
    if all(unicodedata.category(char) in ("Mn", "Me", "Cf") for char in cluster):
        return 0  # a lone combining mark or zero-width character
    return 1


def _breaks_after(cluster: str) -> bool:
    if cluster.isspace() or cluster in _BREAK_AFTER_SYMBOLS:
        return True
    return unicodedata.category(cluster[0]).startswith("P")  # any punctuation


def wrap_line(spans: list[Span], max_columns: int) -> list[list[Span]]:
    """Split a line into rows of at most `max_columns` columns.

    Rows break after whitespace or punctuation when the row has one, else
    inside the token. Wide characters (CJK, emoji) take two columns. The
    rows' texts joined together give back the line exactly.
    """
    if max_columns < 2:
        raise ValueError("max_columns must be at least 2, to fit a wide character")
    # Each cluster remembers the span it came from, so rows keep its colours.
    cells = [
        (cluster, index, cluster_width(cluster))
        for index, span in enumerate(spans)
        for cluster in _CLUSTER.findall(span.text)
    ]
    rows: list[list[tuple[str, int, int]]] = []
    row: list[tuple[str, int, int]] = []
    for cell in cells:
        while row and _width(row) + cell[2] > max_columns:
            cut = _last_break(row) or len(row)
            rows.append(row[:cut])
            row = row[cut:]
        row.append(cell)
    rows.append(row)
    return [_row_spans(row, spans) for row in rows]


def _width(cells: list[tuple[str, int, int]]) -> int:
    return sum(width for _, _, width in cells)


def _last_break(cells: list[tuple[str, int, int]]) -> int:
    """How many cells to keep on the row so it ends at a break opportunity; 0 if none."""
    for position in range(len(cells), 0, -1):
        if _breaks_after(cells[position - 1][0]):
            return position
    return 0


def _row_spans(row: list[tuple[str, int, int]], spans: list[Span]) -> list[Span]:
    result: list[Span] = []
    current = -1
    for cluster, index, _ in row:
        if index == current:
            last = result[-1]
            result[-1] = Span(last.text + cluster, last.color, last.bold, last.italic)
        else:
            source = spans[index]
            result.append(Span(cluster, source.color, source.bold, source.italic))
            current = index
    return result
