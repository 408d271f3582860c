"""kind: code — a code screenshot: a window with traffic lights, highlighted code, a caption.

Window title and headline: `title` stays the card's headline, drawn by the
shared frame as on every other card, so the four cards of a post read as a
set. The window's title bar shows `window_title`, which defaults to the
source file's name (inline `code:` has no file name: the bar then shows only
the three dots).

The code sits on a monospace grid: every character takes one column (two
for emoji and wide characters) of JetBrains Mono's advance, so diagrams stay
aligned even when a character comes from a fallback font. The font size is
the largest at which the code fits the window, down to 24 px at 1200 px
wide; past that, long lines wrap with a ↪ mark, and code that still does not
fit is an error that says how many lines would.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import regex
from PIL import ImageDraw

from postimages import codesource, fonts
from postimages import draw as shapes
from postimages.codesource import CodeDoc, CodeLine, Span
from postimages.errors import LayoutError
from postimages.frame import Context
from postimages.geometry import Box
from postimages.schema import Bool, Custom, Field, Problems, Str
from postimages.spec import display_path
from postimages.text import (
    Line,
    Placed,
    TextBlock,
    TextItem,
    TextStyle,
    baseline_offset,
    check_drawable,
    fit,
    make_line,
    segment,
    single_line,
)
from postimages.textpaint import draw_glyph, draw_line
from postimages.theme import Color, Theme, contrast, mix, parse_color
from postimages.yamlsource import join

MAX_SOURCE_BYTES = 1_000_000

# Sizes at 1200 px wide; scaled with the card (ctx.px).
MIN_CODE_PX = 24
MAX_CODE_PX = 44  # a three-line snippet should not shout
CODE_LINE_HEIGHT = 1.3
# Diagrams read best with closer lines; box-drawing lines are drawn as bars
# that span the whole row, so │ joins without a gap at any line height.
TEXT_LINE_HEIGHT = 1.25
MIN_LINE_HEIGHT = 1.15  # long code closes up to this before it is an error
GUTTER_GAP_COLUMNS = 2  # between the line numbers and the code
CONTINUATION_MARK = "↪"
WINDOW_RADIUS = 20
TITLE_BAR = 56
PAD_X = 32
PAD_TOP = 4
PAD_BOTTOM = 28
DOT_RADIUS = 8
DOT_SPACING = 26
CAPTION_GAP = 24
CAPTION_PX = 32
TRAFFIC_LIGHTS = tuple(parse_color(c) for c in ("#FF5F57", "#FEBC2E", "#28C840"))
OPTICAL_CENTRE = 0.4  # share of the free height above a short window
DIM = 0.3  # other lines move this far towards the background when some are highlighted
MIN_CONTRAST = 4.5

_CLUSTER = regex.compile(r"\X")


# --- the spec -------------------------------------------------------------


def _parse_lines(value: object) -> tuple[int, int]:
    try:
        return codesource.parse_line_range(value)
    except LayoutError as exc:
        raise ValueError(exc.message + (f" ({exc.hint})" if exc.hint else "")) from None


def _parse_highlight(value: object) -> list[str]:
    """`18`, `"18-20"` or a list of those -> ["18-18", "18-20"]."""
    items = value if isinstance(value, list) else [value]
    ranges = []
    for item in items:
        try:
            start, end = codesource.parse_line_range(item)
        except LayoutError as exc:
            raise ValueError(exc.message + (f" ({exc.hint})" if exc.hint else "")) from None
        ranges.append(f"{start}-{end}")
    return ranges


_RANGE_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\s*\d+\s*(-|\.\.)\s*\d+\s*$"}]}

FIELDS = {
    "source": Field(Str(max_length=500, allow_empty=False, doc="the code file, relative to this spec file")),
    "code": Field(Str(max_length=20_000, allow_empty=False, doc="inline code, instead of `source:`")),
    "lines": Field(Custom(_parse_lines, _RANGE_SCHEMA, doc="the range of the source to show, e.g. 12-44")),
    "language": Field(Str(max_length=60, doc="a Pygments language name; guessed from the file name; `text` for diagrams")),
    "highlight": Field(Custom(_parse_highlight, {"anyOf": [_RANGE_SCHEMA, {"type": "array", "items": _RANGE_SCHEMA}]},
                              doc="lines to emphasise, numbered as in the source: [18, 19] or \"18-20\"")),
    "line_numbers": Field(Bool(doc="show line numbers (default: true for code, false for `language: text`)")),
    "code_theme": Field(Str(max_length=60, doc="any Pygments style, e.g. one-dark, monokai, xcode")),
    "window_title": Field(Str(max_length=80, doc="shown in the window's title bar; defaults to the file name")),
    "caption": Field(Str(max_length=160, doc="one line under the window")),
}


def check(values: dict, path: str, problems: Problems) -> None:
    """Exactly one of source/code; a known language and code theme."""
    if values["source"] and values["code"]:
        problems.add(join(path, "code"), "give either `source:` or `code:`, not both",
                     "remove one of them")
    elif not values["source"] and not values["code"]:
        problems.add(path, "missing the code to show",
                     "add `source: snippets/file.py` or an inline `code: |` block")
    for resolve in (lambda: codesource.resolve_lexer(values["language"], None, ""),
                    lambda: codesource.resolve_style(values["code_theme"], dark=True)):
        try:
            resolve()
        except LayoutError as exc:
            problems.add(join(path, exc.field), exc.message, exc.hint)


def source_path(card) -> Path | None:
    source = card.fields["source"]
    return card.path.parent / source if source else None


def inputs(card) -> list[Path]:
    path = source_path(card)
    return [path] if path else []


def window_title(card) -> str:
    if card.fields["window_title"]:
        return card.fields["window_title"]
    path = source_path(card)
    return path.name if path else ""


def _read_source(card) -> str:
    path = source_path(card)
    if not path.is_file():
        what = "no such file" if not path.exists() else "not a file"
        raise LayoutError("source", f"{what}: {display_path(path)}",
                          "the path is relative to the spec file")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise LayoutError("source", f"{display_path(path)} is too big for a code card",
                          "point `source:` at a smaller file or a snippet")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LayoutError("source", f"{display_path(path)} is not UTF-8 text", "save it as UTF-8") from None


def load(card, dark: bool) -> CodeDoc:
    """The highlighted code of the card; codesource's errors name this card's fields."""
    f = card.fields
    code_field = "source" if f["source"] else "code"
    code = _read_source(card) if f["source"] else f["code"]
    path = source_path(card)
    try:
        return codesource.load_code(
            code,
            filename=path.name if path else None,
            language=f["language"],
            line_range=f["lines"],
            highlight=f["highlight"] or (),
            code_theme=f["code_theme"],
            dark=dark,
        )
    except LayoutError as exc:
        field = code_field if exc.field == "code" else exc.field
        raise LayoutError(field, exc.message, exc.hint) from None


def alt_text(card) -> str:
    """What the code is and does, in under 250 characters."""
    f = card.fields
    path = source_path(card)
    try:
        language = codesource.resolve_lexer(f["language"], path.name if path else None, f["code"] or "").name
    except LayoutError:
        language = f["language"] or "Code"
    what = "Text diagram" if language == "Text only" else f"{language} code"
    where = window_title(card)
    if f["lines"]:
        where += f" (lines {f['lines'][0]}–{f['lines'][1]})" if where else f"lines {f['lines'][0]}–{f['lines'][1]}"
    sentence = what + (f" from {where}" if where else "")
    about = [part for part in (f.get("title"), f["caption"]) if part]
    if about:
        sentence += ": " + ". ".join(p.rstrip(".") for p in about)
    sentence += "."
    return sentence if len(sentence) <= 250 else sentence[:248].rstrip() + "…"


# --- layout ---------------------------------------------------------------


@dataclass(frozen=True)
class Glyphs:
    """Text drawn from x on a row's baseline with one style."""

    x: float
    line: Line
    style: TextStyle
    advance: float | None = None  # text on the grid: one character a column, drawn from glyph stamps


@dataclass(frozen=True)
class Bar:
    """A whole-pixel rectangle: one arm of a box-drawing character."""

    box: Box
    color: Color


@dataclass
class CodeRow:
    box: Box  # the row's line box, from the gutter to the right edge of the code area
    baseline: float
    number: Glyphs | None  # the source line number, on a line's first row
    mark: Glyphs | None  # the continuation mark, on its other rows
    pieces: list[Glyphs | Bar]
    text_box: Box  # where the row's text lies (grid columns)
    highlighted: bool


@dataclass
class WindowColors:
    background: Color
    border: Color
    band: Color
    accent: Color

    def behind(self, row: CodeRow) -> Color:
        """The fill under a row's text: the highlight band covers exactly the highlighted rows."""
        return self.band if row.highlighted else self.background


@dataclass
class CodeLayout:
    window: Box
    title_bar: Box
    dots: list[tuple[float, float]]
    dot_radius: float
    title: Placed | None
    code_area: Box  # inside the padding: every row lies within it
    rows: list[CodeRow]
    bands: list[Box]  # behind runs of highlighted rows
    caption: Placed | None
    colors: WindowColors
    font_size: int
    line_height: float  # in px
    code_field: str  # "source" or "code": the field the code comes from

    def text_boxes(self) -> list[tuple[str, Box]]:
        named = [("window_title", self.title.ink_box)] if self.title else []
        for i, row in enumerate(self.rows):
            named.append((f"code.row[{i}]", row.text_box))
            if row.number:
                named.append((f"code.row[{i}].number", _ink(row.number, row)))
        if self.caption:
            named.append(("caption", self.caption.ink_box))
        return named

    def panels(self) -> list[Box]:
        return [self.window]

    def text_items(self, ctx: Context) -> list[TextItem]:
        """Every text with what is behind it, for `postimages check`.

        Each run of code is an item in its own token colour (dimmed or not),
        over the window or the highlight band of its row.
        """
        items = [TextItem("window_title", self.title, (self.colors.background,), ctx.min_text)] if self.title else []
        smallest_code = ctx.px(MIN_CODE_PX)
        for row in self.rows:
            behind = (self.colors.behind(row),)
            items += [TextItem(self.code_field, _placed(g, row), behind, smallest_code)
                      for g in row.pieces if isinstance(g, Glyphs)]  # bars are lines, not letters
            # Line numbers and ↪ marks are quieter than the code, yet held to 4.5:1 too.
            for field, quiet in (("line_numbers", row.number), (self.code_field, row.mark)):
                if quiet is not None:
                    items.append(TextItem(field, _placed(quiet, row), behind, smallest_code))
        if self.caption:
            items.append(TextItem("caption", self.caption, caption_backgrounds(ctx.theme), ctx.min_text))
        return items


def _ink(glyphs: Glyphs, row: CodeRow) -> Box:
    return Box(glyphs.x, row.box.y, glyphs.line.width, row.box.h)


def show_line_numbers(card, doc: CodeDoc) -> bool:
    """As the spec says; by default numbered code, but not numbered diagrams."""
    chosen = card.fields["line_numbers"]
    return doc.language != "Text" if chosen is None else chosen


def _placed(glyphs: Glyphs, row: CodeRow) -> Placed:
    """Glyphs on a row as a one-line placed text, as the check takes texts."""
    return Placed(TextBlock((glyphs.line,), glyphs.style), _ink(glyphs, row))


@dataclass(frozen=True)
class Grid:
    """The monospace grid at one font size."""

    size: int
    advance: float  # one column, in px
    line_height: float  # in px
    gutter: float  # width of the line numbers and the gap after them
    columns: int  # code columns that fit beside the gutter
    rows: int  # rows that fit in the window


class Row(NamedTuple):
    """One row of the window: a whole source line, or a piece of a wrapped one."""

    line: CodeLine
    start: int  # the column the row's text starts at: 0, or the hang of a continuation
    spans: list[Span]


def layout(card, content: Box, ctx: Context) -> CodeLayout:
    doc = load(card, ctx.theme.dark)
    for line in doc.lines:
        _check_drawable(line, _code_field(card))
    caption = _caption_block(card, content, ctx)
    below = caption_offset(caption, ctx) if caption else 0
    chrome = ctx.px(TITLE_BAR + PAD_TOP + PAD_BOTTOM)
    room = Box(content.x, content.y, content.w, content.h - below).inset(ctx.px(PAD_X), chrome / 2)
    grid, wrapped = _fit(card, doc, room, ctx)

    # The window hugs its rows; window and caption sit a little above the middle
    # of the content area (the optical centre), close to the headline.
    window_h = chrome + len(wrapped) * grid.line_height
    top = content.y + max(0.0, (content.h - window_h - below) * OPTICAL_CENTRE)
    window = Box(content.x, top, content.w, window_h)
    code_area = Box(window.x + ctx.px(PAD_X), window.y + ctx.px(TITLE_BAR + PAD_TOP),
                    window.w - 2 * ctx.px(PAD_X), len(wrapped) * grid.line_height)
    rows = _layout_rows(doc, wrapped, grid, code_area, show_line_numbers(card, doc))
    title_bar = Box(window.x, window.y, window.w, ctx.px(TITLE_BAR))
    dots = [(window.x + ctx.px(PAD_X + DOT_RADIUS + i * DOT_SPACING), title_bar.center_y) for i in range(3)]
    return CodeLayout(
        window=window,
        title_bar=title_bar,
        dots=dots,
        dot_radius=ctx.px(DOT_RADIUS),
        title=_layout_title(card, doc, title_bar, dots, ctx),
        code_area=code_area,
        rows=rows,
        bands=_bands(rows, window),
        caption=Placed(caption, Box(content.x, window.bottom + ctx.px(CAPTION_GAP), content.w, caption.height))
        if caption else None,
        colors=_window_colors(doc, ctx),
        font_size=grid.size,
        line_height=grid.line_height,
        code_field=_code_field(card),
    )


def _code_field(card) -> str:
    return "source" if card.fields["source"] else "code"


def _check_drawable(line: CodeLine, field: str) -> None:
    for span in line.spans:
        check_drawable(span.text, field, "mono", _weight(span))


def _caption_block(card, content: Box, ctx: Context) -> TextBlock | None:
    text = card.fields["caption"]
    if not text:
        return None
    style = TextStyle(ctx.px(CAPTION_PX), ctx.theme.muted, weight="medium", line_height=1.3)
    return fit(text, style, field="caption", max_width=content.w, max_lines=2, min_size=ctx.min_text,
               align="center")


def caption_offset(caption: TextBlock, ctx: Context) -> float:
    """The height the caption takes under the window."""
    return ctx.px(CAPTION_GAP) + caption.height


def _layout_title(card, doc: CodeDoc, bar: Box, dots, ctx: Context) -> Placed | None:
    text = window_title(card)
    if not text:
        return None
    background = parse_color(doc.background)
    color = _readable(mix(parse_color(doc.foreground), background, 0.3), background)
    style = TextStyle(ctx.min_text, color, weight="medium", line_height=1.2)
    # Centred on the window, clear of the dots on both sides.
    clear = dots[-1][0] + ctx.px(DOT_RADIUS + 24) - bar.x
    room = Box(bar.x + clear, bar.y, bar.w - 2 * clear, bar.h)
    block = single_line(text, style, field="window_title", max_width=room.w, min_size=ctx.min_text,
                        align="center")
    return Placed(block, Box(room.x, room.center_y - block.height / 2, room.w, block.height))


# --- fitting --------------------------------------------------------------


def _fit(card, doc: CodeDoc, room: Box, ctx: Context) -> tuple[Grid, list[Row]]:
    """The largest size at which the code fits; at the minimum size, long lines wrap."""
    preferred = TEXT_LINE_HEIGHT if doc.language == "Text" else CODE_LINE_HEIGHT
    widest = max(_columns(line.spans) for line in doc.lines)
    digits = len(str(doc.lines[-1].number)) if show_line_numbers(card, doc) else 0
    smallest = max(1, round(ctx.px(MIN_CODE_PX)))
    for size in range(max(smallest, round(ctx.px(MAX_CODE_PX))), smallest - 1, -1):
        grid = _grid(size, room, preferred, digits)
        if widest <= grid.columns and len(doc.lines) <= grid.rows:
            return grid, [Row(line, 0, line.spans) for line in doc.lines]
    # At the minimum size: wrap what is too wide, then close up the lines until the rows fit.
    grid = _grid(smallest, room, preferred, digits)
    if grid.columns < 12 or grid.rows < 1:
        raise LayoutError(_code_field(card), "no room for the code",
                          "shorten the title or the caption, or use a taller size")
    wrapped = [row for line in doc.lines for row in _wrap(line, grid.columns)]
    for tighter in _line_heights(preferred):
        grid = _grid(smallest, room, tighter, digits)
        if len(wrapped) <= grid.rows:
            return grid, wrapped
    raise _too_many_lines(card, doc, wrapped, grid, ctx)


def _line_heights(preferred: float) -> list[float]:
    """From the preferred line height down to the tightest that still reads well."""
    steps = max(1, round((preferred - MIN_LINE_HEIGHT) / 0.01))
    return [preferred - (preferred - MIN_LINE_HEIGHT) * i / steps for i in range(steps + 1)]


def _grid(size: int, room: Box, line_height: float, digits: int) -> Grid:
    advance = _advance(size)
    gutter = (digits + GUTTER_GAP_COLUMNS) * advance if digits else 0
    return Grid(size, advance, size * line_height, gutter,
                columns=int((room.w - gutter) // advance), rows=int(room.h // (size * line_height)))


@lru_cache(maxsize=128)
def _advance(size: int) -> float:
    # A column is a whole number of pixels, as in a terminal: every character
    # then starts on a pixel boundary and looks the same in every column (one
    # glyph stamp serves them all). The font's own advance is at most 0.5 px off.
    return max(1, round(fonts.truetype(fonts.font_file("mono", "regular"), size).getlength("0")))


def _too_many_lines(card, doc: CodeDoc, wrapped: list[Row], grid: Grid, ctx: Context) -> LayoutError:
    shown = len(doc.lines)
    fitting = _lines_fitting(wrapped, grid.rows)
    needed = f"{shown} lines" if len(wrapped) == shown else f"{shown} lines ({len(wrapped)} rows once long lines wrap)"
    first = doc.lines[0].number
    hint = f"show at most {fitting}, e.g. `lines: {first}-{first + fitting - 1}`"
    if ctx.size[1] < ctx.size[0] * 1.2:
        hint += ", or use a taller size such as portrait"
    return LayoutError(
        "lines" if card.fields["lines"] else _code_field(card),
        f"{needed} do not fit: at the minimum code size of {grid.size} px the window holds {fitting}",
        hint,
    )


def _lines_fitting(wrapped: list[Row], rows: int) -> int:
    """How many whole source lines, from the first, fit in `rows` rows."""
    shown = {row.line.number for row in wrapped[:rows]}
    cut_short = rows < len(wrapped) and wrapped[rows].start > 0  # the last line continues below
    return len(shown) - cut_short


def _columns(spans: list[Span]) -> int:
    return sum(codesource.cluster_width(c) for span in spans for c in _CLUSTER.findall(span.text))


def _wrap(line: CodeLine, columns: int) -> list[Row]:
    """A line as rows; continuation rows hang under the line's indent, after a ↪."""
    rows = codesource.wrap_line(line.spans, columns)
    if len(rows) == 1:
        return [Row(line, 0, line.spans)]
    indent = len(line.text) - len(line.text.lstrip(" "))
    hang = min(indent, columns // 3) + 2  # the mark, a space, then the text
    rest = [span for row in rows[1:] for span in row]
    return [Row(line, 0, rows[0])] + [Row(line, hang, row) for row in codesource.wrap_line(rest, columns - hang)]


# --- rows -----------------------------------------------------------------


def _layout_rows(doc: CodeDoc, wrapped: list[Row], grid: Grid, area: Box, numbers: bool) -> list[CodeRow]:
    background = parse_color(doc.background)
    dimming = any(line.highlighted for line in doc.lines)
    number_color = parse_color(doc.line_number_color)
    plain = TextStyle(grid.size, parse_color(doc.foreground), family="mono",
                      line_height=grid.line_height / grid.size)
    code_x = round(area.x + grid.gutter)  # whole pixels, like the columns
    rows = []
    for i, (line, start, spans) in enumerate(wrapped):
        box = Box(area.x, area.y + i * grid.line_height, area.w, grid.line_height)
        # On a whole pixel, so that a character looks the same on every row (and its stamp serves them all).
        baseline = round(box.y + baseline_offset(plain))
        first_row = start == 0
        number = mark = None
        if numbers and first_row:
            label = str(line.number)
            color = plain.color if line.highlighted else number_color
            x = code_x - (GUTTER_GAP_COLUMNS + len(label)) * grid.advance
            number = Glyphs(x, make_line(label, plain), replace(plain, color=color), grid.advance)
        if not first_row:
            mark = _cell(CONTINUATION_MARK, code_x + (start - 2) * grid.advance, 1, grid,
                         replace(plain, color=number_color))
        cells = _Cells(grid, box, baseline, background, dim=dimming and not line.highlighted)
        pieces = cells.pieces(spans, code_x + start * grid.advance, plain)
        text_box = Box(code_x + start * grid.advance, box.y, _columns(spans) * grid.advance, box.h)
        rows.append(CodeRow(box, baseline, number, mark, pieces, text_box, line.highlighted))
    return rows


# Light and heavy box-drawing lines by the arms they draw from the cell's
# centre: up, down, left, right. They are drawn as pixel-snapped bars, not
# glyphs, so that they meet exactly at any size and line height (hinting
# moves some of the font's box glyphs by a pixel).
_BOX_ARMS = {
    "─": "lr", "│": "ud", "┌": "dr", "┐": "dl", "└": "ur", "┘": "ul",
    "├": "udr", "┤": "udl", "┬": "dlr", "┴": "ulr", "┼": "udlr",
}
_HEAVY_BOX_ARMS = {
    "━": "lr", "┃": "ud", "┏": "dr", "┓": "dl", "┗": "ur", "┛": "ul",
    "┣": "udr", "┫": "udl", "┳": "dlr", "┻": "ulr", "╋": "udlr",
}
STROKE_EM = 0.1  # JetBrains Mono's box-drawing stroke
HEAVY_STROKE_EM = 0.18
STROKE_CENTRE_EM = 0.37  # height of its horizontal stroke above the baseline


@dataclass(frozen=True)
class _Cells:
    """Turns a row's spans into glyph runs and box-drawing bars on the grid."""

    grid: Grid
    row: Box
    baseline: float
    background: Color
    dim: bool

    def pieces(self, spans: list[Span], x: float, plain: TextStyle) -> list[Glyphs | Bar]:
        pieces: list[Glyphs | Bar] = []
        column = 0
        for span in spans:
            style = replace(plain, color=self._color(span), weight=_weight(span))
            run, run_start = "", column
            for cluster in _CLUSTER.findall(span.text):
                width = codesource.cluster_width(cluster)
                if width == 1 and not _is_box_line(cluster) and _on_grid(cluster, style.weight):
                    run, run_start = run + cluster, (run_start if run else column)
                    column += width
                    continue
                pieces += _run(run, x + run_start * self.grid.advance, style, self.grid.advance)
                run = ""
                cell_x = x + column * self.grid.advance
                if _is_box_line(cluster):
                    pieces += self._bars(cluster, cell_x, style.color)
                else:
                    pieces.append(_cell(cluster, cell_x, width, self.grid, style))
                column += width
            pieces += _run(run, x + run_start * self.grid.advance, style, self.grid.advance)
        return [p for p in pieces if not isinstance(p, Glyphs) or p.line.runs]

    def _color(self, span: Span) -> Color:
        color = parse_color(span.color)
        return _dimmed(color, self.background) if self.dim else color

    def _bars(self, cluster: str, x: float, color: Color) -> list[Bar]:
        heavy = cluster in _HEAVY_BOX_ARMS
        arms = _HEAVY_BOX_ARMS[cluster] if heavy else _BOX_ARMS[cluster]
        size = self.grid.size
        thick = max(1, round(size * (HEAVY_STROKE_EM if heavy else STROKE_EM)))
        left, right = round(x), round(x + self.grid.advance)
        top, bottom = round(self.row.y), round(self.row.bottom)
        # The top-left corner of the bar where the arms cross.
        cx = round(x + self.grid.advance / 2 - thick / 2)
        cy = round(self.baseline - STROKE_CENTRE_EM * size - thick / 2)
        boxes = {
            "u": Box(cx, top, thick, cy + thick - top),
            "d": Box(cx, cy, thick, bottom - cy),
            "l": Box(left, cy, cx + thick - left, thick),
            "r": Box(cx, cy, right - cx, thick),
        }
        return [Bar(boxes[arm], color) for arm in arms]


def _is_box_line(cluster: str) -> bool:
    return cluster in _BOX_ARMS or cluster in _HEAVY_BOX_ARMS


def _run(text: str, x: float, style: TextStyle, advance: float) -> list[Glyphs]:
    return [Glyphs(x, make_line(text, style), style, advance)] if text.strip() else []


def _cell(cluster: str, x: float, width: int, grid: Grid, style: TextStyle) -> Glyphs:
    """A character the code font does not draw (emoji, a fallback glyph), centred in its cells."""
    line = make_line(cluster, style)
    return Glyphs(x + (width * grid.advance - line.width) / 2, line, style)


@lru_cache(maxsize=4096)
def _on_grid(cluster: str, weight: str) -> bool:
    """Whether the code font itself draws the character (so it advances exactly one column)."""
    runs = segment(cluster, "mono", weight)
    return all(run.font_path == fonts.font_file("mono", weight) for run in runs)


def _weight(span: Span) -> str:
    if span.bold and span.italic:
        return "bolditalic"
    return "bold" if span.bold else ("italic" if span.italic else "regular")


def _dimmed(color: Color, background: Color) -> Color:
    """Towards the background, but never below 4.5:1 (a colour already at the floor stays)."""
    for step in range(10, -1, -1):
        candidate = mix(color, background, DIM * step / 10)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return color


def _readable(color: Color, background: Color) -> Color:
    """Move a colour away from the background until it reads at 4.5:1."""
    target = (255, 255, 255) if contrast((255, 255, 255), background) > contrast((0, 0, 0), background) else (0, 0, 0)
    for step in range(21):
        candidate = mix(color, target, step / 20)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
    return target


def _bands(rows: list[CodeRow], window: Box) -> list[Box]:
    """One band per run of highlighted rows, across the whole window."""
    bands: list[Box] = []
    for row in rows:
        if not row.highlighted:
            continue
        if bands and abs(bands[-1].bottom - row.box.y) < 0.5:
            last = bands[-1]
            bands[-1] = Box(last.x, last.y, last.w, row.box.bottom - last.y)
        else:
            bands.append(Box(window.x, row.box.y, window.w, row.box.h))
    return bands


def _window_colors(doc: CodeDoc, ctx: Context) -> WindowColors:
    background = parse_color(doc.background)
    foreground = parse_color(doc.foreground)
    return WindowColors(
        background=background,
        border=mix(background, foreground, 0.14),
        band=parse_color(doc.highlight_band),
        accent=ctx.theme.accent,
    )


def caption_backgrounds(theme: Theme) -> tuple[Color, ...]:
    """What lies under the caption: the card's gradient, which the window's wide
    shadow darkens (taken at its strongest, to be safe)."""
    gradient = (theme.background_top, theme.background_bottom)
    ambient, _ = _shadow_opacities(theme)
    return gradient + tuple(mix(end, theme.shadow, ambient) for end in gradient)


def _shadow_opacities(theme: Theme) -> tuple[float, float]:
    """The window's wide ambient shadow and its tighter key shadow."""
    strength = min(1.0, theme.shadow_opacity * 1.8)
    return strength * 0.55, strength * 0.35


# --- drawing --------------------------------------------------------------


def draw(image, layout: CodeLayout, ctx: Context) -> None:
    _draw_window(image, layout, ctx)
    pen = ImageDraw.Draw(image)
    for row in layout.rows:
        for piece in [p for p in (row.number, row.mark) if p] + row.pieces:
            if isinstance(piece, Bar):
                left, top, right, bottom = piece.box.as_int()
                pen.rectangle([left, top, right - 1, bottom - 1], fill=piece.color)
            elif piece.advance is not None:
                _draw_on_grid(image, piece, row.baseline)
            else:
                draw_line(image, pen, piece.line, piece.style, piece.x, row.baseline)
    if layout.caption:
        layout.caption.draw(image)


def _draw_on_grid(image, glyphs: Glyphs, baseline: float) -> None:
    """A run of the code font, a character a column. (Code ligatures are not
    formed: the card shows the characters as typed, `->` as two.)"""
    style, x = glyphs.style, glyphs.x
    for run in glyphs.line.runs:  # the code font's own characters: one run
        for cluster in _CLUSTER.findall(run.text):
            if not cluster.isspace():
                draw_glyph(image, cluster, run.font_path, style.px, style.color, x, baseline, style.features)
            x += glyphs.advance


def _draw_window(image, layout: CodeLayout, ctx: Context) -> None:
    theme, window = ctx.theme, layout.window
    radius = ctx.px(WINDOW_RADIUS)
    ambient, key = _shadow_opacities(theme)
    # A wide ambient shadow and a tighter key shadow, as a window floating above the card.
    covered = shapes.is_opaque(layout.colors.background)  # the window is drawn over the shadows
    shapes.shadow(image, window, radius, theme.shadow, ambient, blur=ctx.px(40), offset_y=ctx.px(28), covered=covered)
    shapes.shadow(image, window, radius, theme.shadow, key, blur=ctx.px(10), offset_y=ctx.px(6), covered=covered)
    shapes.rounded_rect(image, window, radius, fill=layout.colors.background)
    for band in layout.bands:
        shapes.rounded_rect(image, band, 0, fill=layout.colors.band)
        shapes.rounded_rect(image, Box(band.x, band.y, ctx.px(4), band.h), 0, fill=layout.colors.accent)
    shapes.rounded_rect(image, window, radius, outline=layout.colors.border, width=max(1.0, ctx.px(1.5)))
    for (x, y), color in zip(layout.dots, TRAFFIC_LIGHTS):
        shapes.circle(image, (x, y), layout.dot_radius, color)
    if layout.title:
        layout.title.draw(image)
