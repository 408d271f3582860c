"""kind: code — the spec fields, line ranges, the source file and the alt text.

Nothing here imports Pygments: it is loaded only to validate a code card's
language and code theme, or to lay the card out.
"""

from __future__ import annotations

import re
from pathlib import Path

from postimages.errors import LayoutError
from postimages.schema import Bool, Custom, Field, Problems, Str
from postimages.yamlsource import join

LineRange = tuple[int, int]  # inclusive and 1-based, numbered as in the source file

_RANGE = re.compile(r"^\s*(\d+)\s*(?:(?:-|\.\.|–|—)\s*(\d+))?\s*$")


def parse_line_range(value: object) -> LineRange:
    """`"12-44"`, `"12..44"` or `7` as `(start, end)`; ValueError says what is wrong."""
    # bool is an int in Python, but `lines: true` is a mistake, not line 1.
    if isinstance(value, int) and not isinstance(value, bool):
        start = end = value
    elif isinstance(value, str) and (match := _RANGE.match(value)):
        start = int(match.group(1))
        end = int(match.group(2) or start)
    else:
        raise ValueError(f"expected a line number or a range like 12-44, got {value!r}")
    if start < 1:
        raise ValueError(f"line numbers start at 1, got {start}")
    if end < start:
        raise ValueError(f"the range {start}-{end} runs backwards (write {end}-{start})")
    return start, end


def parse_highlight(value: object) -> list[LineRange]:
    """`18`, `"18-20"` or a list of those -> [(18, 18), (18, 20)]."""
    return [parse_line_range(item) for item in (value if isinstance(value, list) else [value])]


def lines_label(lines: LineRange) -> str:
    """`line 7` or `lines 7-9`, for messages."""
    start, end = lines
    return f"line {start}" if start == end else f"lines {start}-{end}"


def range_is(lines: LineRange) -> str:
    """`line 7 is` or `lines 7-9 are`, to start a message."""
    return lines_label(lines) + (" is" if lines[0] == lines[1] else " are")


_RANGE_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\s*\d+\s*(-|\.\.)\s*\d+\s*$"}]}

FIELDS = {
    "source": Field(Str(max_length=500, allow_empty=False, doc="the code file, relative to this spec file")),
    "code": Field(Str(max_length=20_000, allow_empty=False, doc="inline code, instead of `source:`")),
    "lines": Field(Custom(parse_line_range, _RANGE_SCHEMA, doc="the range of the source to show, e.g. 12-44")),
    "language": Field(Str(max_length=60, doc="a Pygments language name; guessed from the file name; `text` for diagrams")),
    "highlight": Field(Custom(parse_highlight, {"anyOf": [_RANGE_SCHEMA, {"type": "array", "items": _RANGE_SCHEMA}]},
                              doc="lines to emphasise, numbered as in the source: [18, 19] or \"18-20\"")),
    "line_numbers": Field(Bool(doc="show line numbers (default: true for code, false for `language: text`)")),
    "code_theme": Field(Str(max_length=60, doc="any Pygments style, e.g. one-dark, monokai, xcode")),
    "window_title": Field(Str(max_length=80, doc="shown in the window's title bar; defaults to the file name")),
    "caption": Field(Str(max_length=160, markup=True, doc="one line under the window")),
    "backdrop": Field(Str(choices=("gradient", "accent", "none"),
                          doc="the colour behind the window: the accent as a gradient, flat, or none")),
}


def check(values: dict, path: str, problems: Problems) -> None:
    """Exactly one of source/code; a known language and code theme (left out,
    each has a default, and Pygments' tables are not loaded to check them)."""
    if values["source"] and values["code"]:
        problems.add(join(path, "code"), "give either `source:` or `code:`, not both",
                     "remove one of them")
    elif not values["source"] and not values["code"]:
        problems.add(path, "missing the code to show",
                     "add `source: snippets/file.py` or an inline `code: |` block")
    for given, resolve in ((values["language"], _check_language), (values["code_theme"], _check_code_theme)):
        if given is None:
            continue
        try:
            resolve(given)
        except LayoutError as exc:
            problems.add(join(path, exc.field), exc.message, exc.hint)


def _check_language(language: str) -> None:
    from postimages.cards.code.lexers import lexer_name

    lexer_name(language, None, "")


def _check_code_theme(code_theme: str) -> None:
    from postimages.cards.code.highlight import resolve_style

    resolve_style(code_theme, dark=True)


def code_field(card) -> str:
    """The field the code comes from: `source` or `code`."""
    return "source" if card.fields["source"] else "code"


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


def alt_text(card) -> str:
    """What the code is and does, in under 250 characters."""
    from postimages.cards.code.source import language_name

    f = card.fields
    path = source_path(card)
    try:
        language = language_name(f["language"], path.name if path else None, f["code"] or "")
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
