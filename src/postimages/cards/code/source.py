"""kind: code — the code to show: read, lexed, cut to `lines:`, dedented, `highlight:` marked.

This module only turns text into coloured spans; it never draws. The card
asks it for a `CodeDoc`: lines of spans (see `highlight`) plus the colours
of the window.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygments  # its version only: the package's own modules load where code is lexed or coloured

from postimages import diskcache
from postimages.cards.code.highlight import Span
from postimages.cards.code.spec import LineRange, code_field, lines_label, range_is, source_path
from postimages.color import Color
from postimages.errors import LayoutError
from postimages.unicode import clusters
from postimages.errors import display_path

if TYPE_CHECKING:
    from pygments.lexer import Lexer
    from pygments.token import _TokenType

MAX_SOURCE_BYTES = 1_000_000
TAB_SIZE = 4


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
    background: Color  # the window, from the style
    foreground: Color  # default text colour
    line_number_color: Color  # readable but quieter than foreground
    highlight_band: Color  # behind highlighted lines
    is_dark: bool  # whether the style background is dark


# --- the card's code --------------------------------------------------------


def load(card, dark: bool, accent: Color | None = None) -> CodeDoc:
    """The highlighted code of the card; errors about the code name the field it came from."""
    f = card.fields
    path = source_path(card)
    try:
        return load_code(
            read_source(path) if path else f["code"],
            filename=path.name if path else None,
            language=f["language"],
            line_range=f["lines"],
            highlight=f["highlight"] or (),
            code_theme=f["code_theme"],
            dark=dark,
            accent=accent,
        )
    except LayoutError as exc:
        field = code_field(card) if exc.field == "code" else exc.field
        raise LayoutError(field, exc.message, exc.hint) from None


def read_source(path) -> str:
    try:
        if not path.is_file():
            what = "no such file" if not path.exists() else "not a file"
            raise LayoutError("source", f"{what}: {display_path(path)}", "the path is relative to the spec file")
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise LayoutError("source", f"{display_path(path)} is too big for a code card",
                              "point `source:` at a smaller file or a snippet")
        with path.open("rb") as handle:  # at most one byte past the limit: /proc files say size 0
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:  # no permission, a device that fails (EIO)...
        raise LayoutError("source", f"cannot read {display_path(path)}: {exc.strerror or exc}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise LayoutError("source", f"{display_path(path)} is too big for a code card",
                          "point `source:` at a smaller file or a snippet")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise LayoutError("source", f"{display_path(path)} is not UTF-8 text", "save it as UTF-8") from None


# --- loading ----------------------------------------------------------------

# A line as Pygments tokens: (token type, text without "\n").
_Tokens = list[tuple["_TokenType", str]]


def load_code(
    code: str,
    *,
    filename: str | None = None,
    language: str | None = None,
    line_range: LineRange | None = None,
    highlight: Iterable[LineRange] = (),
    code_theme: str | None = None,
    dark: bool = True,
    accent: Color | None = None,
) -> CodeDoc:
    """Highlight `code`, cut it to `line_range`, dedent it and mark the `highlight` ranges.

    The result is kept on disk, keyed by all of these: a snippet shown as
    before needs no Pygments module (~8 ms of imports, and its style's
    colours worked out again). Errors are never kept: each run finds them."""
    highlight = tuple(highlight)
    entry = diskcache.entry("code", pygments.__version__, repr((code, filename, language, line_range, highlight,
                                                                code_theme, dark, accent)))
    kept = _doc_from(diskcache.read(entry))
    if kept is not None:
        return kept
    doc = _highlighted(code, filename, language, line_range, highlight, code_theme, dark, accent)
    diskcache.write(entry, _doc_bytes(doc))
    return doc


def language_name(language: str | None, filename: str | None, code: str) -> str:
    """The lexer's name (lexers.lexer_name), kept on disk: alt text asks for
    it, and Pygments' table of lexers takes ~5 ms to import."""
    entry = diskcache.entry("language", pygments.__version__, repr((language, filename, code)))
    kept = diskcache.read(entry)
    if kept is not None:
        return kept.decode("utf-8", errors="replace")
    from postimages.cards.code.lexers import lexer_name

    name = lexer_name(language, filename, code)
    diskcache.write(entry, name.encode())
    return name


def _doc_bytes(doc: CodeDoc) -> bytes:
    lines = [[line.number, line.highlighted, [list(span) for span in line.spans]] for line in doc.lines]
    return json.dumps([doc.language, doc.style_name, doc.background, doc.foreground, doc.line_number_color,
                       doc.highlight_band, doc.is_dark, lines]).encode()


def _doc_from(kept: bytes | None) -> CodeDoc | None:
    """The CodeDoc `_doc_bytes` wrote, or None for a missing entry or one written by something else."""
    if kept is None:
        return None
    try:
        language, style, background, foreground, line_number, band, dark, lines = json.loads(kept)
        return CodeDoc(
            lines=[CodeLine(number, [Span(text, tuple(color), bold, italic) for text, color, bold, italic in spans],
                            highlighted=highlighted) for number, highlighted, spans in lines],
            language=language, style_name=style, background=tuple(background), foreground=tuple(foreground),
            line_number_color=tuple(line_number), highlight_band=tuple(band), is_dark=dark)
    except (ValueError, TypeError):
        return None


def _highlighted(code: str, filename: str | None, language: str | None, line_range: LineRange | None,
                 highlight: tuple[LineRange, ...], code_theme: str | None, dark: bool,
                 accent: Color | None) -> CodeDoc:
    from pygments.styles import get_style_by_name

    from postimages.cards.code.highlight import TokenStyler, palette_of, spans_of, style_name

    source_lines = _prepare_text(code)
    if not any(line.strip() for line in source_lines):
        raise LayoutError("code", "the code is empty")

    language_name, tokens = _lexed(code, filename, language, source_lines)
    name = style_name(code_theme, dark)
    style = get_style_by_name(name)
    palette = palette_of(style, accent)

    first, last = _select(line_range, len(source_lines))
    # Tokenise the whole file so a range that starts inside a docstring or a
    # multi-line string is still coloured as one.
    shown = _trim_trailing_blank(tokens[first - 1 : last])
    if not shown:
        raise LayoutError("lines", f"{range_is((first, last))} blank")
    shown = _dedent(shown)

    numbers = range(first, first + len(shown))
    marked = _highlighted_lines(highlight, numbers)
    styler = TokenStyler(style, palette)
    lines = [CodeLine(number, spans_of(line, styler), highlighted=number in marked)
             for number, line in zip(numbers, shown)]
    return CodeDoc(
        lines=lines,
        language=language_name,
        style_name=name,
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


def _lexed(code: str, filename: str | None, language: str | None, lines: list[str]) -> tuple[str, list[_Tokens]]:
    """The lexer's human name and each line's tokens, kept on disk between
    runs: Pygments compiles a lexer's rules in every process (~280 million
    instructions for Python, the code card's largest piece)."""
    path = diskcache.entry("tokens", pygments.__version__, repr((code, filename, language)))
    cached = diskcache.read(path)
    if cached is not None:
        from pygments.token import string_to_tokentype

        try:
            name, lexed = json.loads(cached)
            return name, [[(string_to_tokentype(ttype), text) for ttype, text in line] for line in lexed]
        except (ValueError, TypeError, AttributeError):
            pass  # written by something else: lex again
    from postimages.cards.code.lexers import TEXT_NAME

    lexer = resolve_lexer(language, filename, code)
    name = "Text" if lexer.name == TEXT_NAME else lexer.name
    tokens = _tokenise(lexer, lines)
    diskcache.write(path, json.dumps([name, [[(_token_name(ttype), text) for ttype, text in line]
                                             for line in tokens]]).encode())
    return name, tokens


def resolve_lexer(language: str | None, filename: str | None, code: str) -> Lexer:
    """lexers.resolve_lexer, imported here only to lex: that module loads Pygments' table of lexers."""
    from postimages.cards.code.lexers import resolve_lexer as lexer_for

    return lexer_for(language, filename, code)


def _token_name(ttype: _TokenType) -> str:
    """"Keyword.Constant" for Token.Keyword.Constant, as string_to_tokentype reads it back ("" for Token)."""
    return ".".join(ttype)


def _tokenise(lexer: Lexer, lines: list[str]) -> list[_Tokens]:
    from pygments.token import Token

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
    ends, offset = set(), 0
    for cluster in clusters(_line_text(line)):
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


def _select(line_range: LineRange | None, line_count: int) -> LineRange:
    """The first and last line to show (the range is already valid), checked against the file."""
    if line_range is None:
        return 1, line_count
    start, end = line_range
    lines = "line" if line_count == 1 else "lines"
    if start > line_count:
        raise LayoutError("lines", f"{range_is(line_range)} outside the file, which has {line_count} {lines}")
    if end > line_count:
        raise LayoutError("lines", f"lines {start}-{end} run past the end of the file, which has {line_count} {lines}",
                          hint=f"write {start}-{line_count}")
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


def _highlighted_lines(highlight: Iterable[LineRange], shown: range) -> set[int]:
    """The line numbers to emphasise; each must be one of the shown lines."""
    marked: set[int] = set()
    for start, end in highlight:
        if start not in shown or end not in shown:
            raise LayoutError(
                "highlight",
                f"{range_is((start, end))} outside the shown {lines_label((shown[0], shown[-1]))}",
                hint="highlight numbers count from the top of the source file",
            )
        marked.update(range(start, end + 1))
    return marked
