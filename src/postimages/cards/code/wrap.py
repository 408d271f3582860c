"""kind: code — lines too wide for the window, as rows of grid columns."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from postimages.cards.code.highlight import Span
from postimages.unicode import cells

if TYPE_CHECKING:
    from postimages.cards.code.source import CodeLine

# Breaking right after one of these keeps words and numbers whole.
_BREAK_AFTER_SYMBOLS = frozenset("=+-*/%|&^~<>")
# A row never starts with one of these: a lone `)` or `:` under a line reads as noise.
_NEVER_FIRST = frozenset(")]},:;")

_Cell = tuple[str, int, int]  # a cluster, the index of its span, its width in columns


class Row(NamedTuple):
    """One row of the window: a whole source line, or a piece of a wrapped one."""

    line: CodeLine
    start: int  # the column the row's text starts at: 0, or the hang of a continuation
    spans: list[Span]


def columns_of(spans: list[Span]) -> int:
    """How many grid columns the spans take."""
    return sum(_columns(span.text) for span in spans)


# Every fitting attempt (each size, line height and backdrop margin) measures the same
# tokens again: a token's width is worked out once.
@lru_cache(maxsize=4096)
def _columns(text: str) -> int:
    return sum(width for _, width in cells(text))


def whole(line: CodeLine) -> Row:
    return Row(line, 0, line.spans)


def wrap(line: CodeLine, columns: int) -> list[Row]:
    """A line as rows; continuation rows hang under the line's indent, after a ↪."""
    if columns >= 2 and columns_of(line.spans) <= columns:
        return [whole(line)]  # it fits: most lines, at most sizes
    rows = wrap_line(line.spans, columns)
    if len(rows) == 1:
        return [whole(line)]
    indent = len(line.text) - len(line.text.lstrip(" "))
    hang = min(indent, columns // 3) + 2  # the mark, a space, then the text
    rest = [span for row in rows[1:] for span in row]
    return [Row(line, 0, rows[0])] + [Row(line, hang, row) for row in wrap_line(rest, columns - hang)]


def wrap_line(spans: list[Span], max_columns: int) -> list[list[Span]]:
    """Split a line into rows of at most `max_columns` columns.

    Rows break after whitespace or punctuation when the row has one, else
    inside the token. Wide characters (CJK, emoji) take two columns. The
    rows' texts joined together give back the line exactly.
    """
    if max_columns < 2:
        raise ValueError("max_columns must be at least 2, to fit a wide character")
    # Each cluster remembers the span it came from, so rows keep its colours.
    line_cells = [(cluster, index, width) for index, span in enumerate(spans)
                  for cluster, width in cells(span.text)]
    rows: list[list[_Cell]] = []
    row: list[_Cell] = []
    width = 0  # of the row so far
    for cell in line_cells:
        while row and width + cell[2] > max_columns:
            cut = _last_break(row, cell[0]) or len(row)
            rows.append(row[:cut])
            row = row[cut:]
            width = _width(row)
        row.append(cell)
        width += cell[2]
    rows.append(row)
    return [_row_spans(row, spans) for row in rows]


def _breaks_after(cluster: str) -> bool:
    if cluster.isspace() or cluster in _BREAK_AFTER_SYMBOLS:
        return True
    return unicodedata.category(cluster[0]).startswith("P")  # any punctuation


def _width(cells: list[_Cell]) -> int:
    return sum(width for _, _, width in cells)


def _last_break(cells: list[_Cell], following: str) -> int:
    """How many cells to keep on the row so it ends at a break opportunity; 0 if none.
    `following` is the cluster that did not fit, the first of the next row."""
    for position in range(len(cells), 0, -1):
        after = cells[position][0] if position < len(cells) else following
        if _breaks_after(cells[position - 1][0]) and after not in _NEVER_FIRST:
            return position
    return 0


def _row_spans(row: list[_Cell], spans: list[Span]) -> list[Span]:
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
