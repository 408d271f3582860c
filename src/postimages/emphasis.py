"""Emphasis in text fields: `**words**` are emphasised and `` `name` `` is set
in the code font; `\\*`, `` \\` `` and `\\\\` are the characters themselves.

One parser for the markup. The text stack measures, breaks and paints the
spans it gives; wrapping handles text in a canonical form (`serialise`) in
which every word carries its own markers, so that any run of whole words,
and any slice of a word, is markup meaning exactly what it shows.
A marker without its partner is drawn as typed, and `check` says so.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

STRONG, TICK, ESCAPE = "**", "`", "\\"
_ESCAPED = frozenset("*`\\")
_MARKUP = re.compile(r"[*`\\]")  # text without any of these is plain: most text, found fast


class Span(NamedTuple):
    text: str
    strong: bool = False
    code: bool = False


class Unbalanced(NamedTuple):
    """A marker with no partner: drawn as typed."""

    marker: str  # ** or `
    offset: int  # where it is in the text as typed


class Parsed(NamedTuple):
    spans: tuple[Span, ...]
    unbalanced: tuple[Unbalanced, ...]


@lru_cache(maxsize=8192)
def parse(text: str) -> Parsed:
    """The spans of `text` (adjacent spans of one look merged) and its unpaired markers."""
    if not has_markup(text):
        return Parsed((Span(text),) if text else (), ())
    tokens = _tokens(text)
    unbalanced = _pair(tokens, TICK) + _pair(tokens, STRONG)
    spans: list[Span] = []
    strong = code = False
    for kind, value, _ in tokens:
        if kind == "text":
            _append(spans, Span(value, strong, code))
        elif kind == TICK:
            code = not code
        else:
            strong = not strong
    return Parsed(tuple(spans), tuple(sorted(unbalanced, key=lambda u: u.offset)))


def _tokens(text: str) -> list[list]:
    """[kind, value, offset]: literal text, or a ** or ` marker."""
    tokens: list[list] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == ESCAPE and text[i + 1 : i + 2] in _ESCAPED:
            tokens.append(["text", text[i + 1], i])
            i += 2
        elif text.startswith(STRONG, i):
            tokens.append([STRONG, STRONG, i])
            i += 2
        elif char == TICK:
            tokens.append([TICK, TICK, i])
            i += 1
        else:
            tokens.append(["text", char, i])
            i += 1
    return tokens


def _pair(tokens: list[list], marker: str) -> list[Unbalanced]:
    """Pair `marker`s left to right; the one left over becomes text.

    Backticks are paired first: inside code, asterisks are only asterisks."""
    if marker == STRONG:
        _literal_inside_code(tokens)
    kept = [token for token in tokens if token[0] == marker]
    if len(kept) % 2 == 0:
        return []
    kept[-1][0] = "text"
    return [Unbalanced(marker, kept[-1][2])]


def _literal_inside_code(tokens: list[list]) -> None:
    inside = False
    for token in tokens:
        if token[0] == TICK:
            inside = not inside
        elif token[0] == STRONG and inside:
            token[0] = "text"


def _append(spans: list[Span], span: Span) -> None:
    if spans and spans[-1][1:] == span[1:]:
        spans[-1] = Span(spans[-1].text + span.text, span.strong, span.code)
    elif span.text:
        spans.append(span)


def has_markup(text: str) -> bool:
    """Whether any character of the text could be markup (else it is shown as it is)."""
    return _MARKUP.search(text) is not None


def plain(text: str) -> str:
    """The text as shown, without its markers: for alt text and for counting characters."""
    return "".join(span.text for span in parse(text).spans)


def escape(value: str) -> str:
    """A value put into marked-up text (from a data file) shown as it is, never as markup."""
    return "".join(ESCAPE + c if c in _ESCAPED else c for c in value)


def serialise(spans: tuple[Span, ...] | list[Span]) -> str:
    """Canonical markup of spans: parsing it gives the same spans back."""
    out: list[str] = []
    strong = code = False
    for span in spans:
        if not span.text:
            continue
        if code and (span.code != code or span.strong != strong):
            out.append(TICK)
            code = False
        if span.strong != strong:
            out.append(STRONG)
            strong = span.strong
        if span.code != code:
            out.append(TICK)
            code = span.code
        out.append(escape(span.text))
    return "".join(out) + (TICK if code else "") + (STRONG if strong else "")


def words(paragraph: str) -> list[str]:
    """The whitespace-separated words of marked-up text, each its own canonical markup."""
    if not has_markup(paragraph):
        return paragraph.split()
    found: list[list[Span]] = [[]]
    for span in parse(paragraph).spans:
        parts = span.text.split()
        if span.text[:1].isspace() and found[-1]:
            found.append([])
        for j, part in enumerate(parts):
            if j:
                found.append([])
            found[-1].append(Span(part, span.strong, span.code))
        if span.text[-1:].isspace() and found[-1]:
            found.append([])
    return [serialise(word) for word in found if word]


def paragraphs(text: str) -> list[str]:
    """Marked-up text split at its line breaks; a marker pair may span one (each part keeps its look)."""
    if not has_markup(text):
        return text.replace("\t", " ").split("\n")
    lines: list[list[Span]] = [[]]
    for span in parse(text.replace("\t", " ")).spans:
        for j, part in enumerate(span.text.split("\n")):
            if j:
                lines.append([])
            lines[-1].append(Span(part, span.strong, span.code))
    return [serialise(line) for line in lines]


def cut(word: str, start: int, end: int) -> str:
    """Canonical markup of the shown characters start..end of canonical `word`."""
    pieces, at = [], 0
    for span in parse(word).spans:
        low, high = max(start - at, 0), min(end - at, len(span.text))
        if low < high:
            pieces.append(Span(span.text[low:high], span.strong, span.code))
        at += len(span.text)
    return serialise(pieces)
