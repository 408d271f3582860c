"""kind: checklist — the spec fields, the columns they describe, and the alt text."""

from __future__ import annotations

from dataclasses import dataclass

from postimages.plural import plural
from postimages.schema import Field, ListOf, Obj, Str

MAX_COLUMNS, MAX_ITEMS = 3, 10
STATUSES = ("good", "bad", "neutral")
# The mark each status draws in its badge, and the word the alt text says for it.
MARKS = {"good": "✓", "bad": "✗", "neutral": "•"}
SAID = {"good": ", marked good", "bad": ", marked bad", "neutral": ""}

COLUMN = Obj(
    {
        "heading": Field(Str(max_length=60, doc="the column's heading, e.g. What worked")),
        "status": Field(Str(choices=STATUSES, doc="the marks and their colour: good ✓ green, bad ✗ red, "
                                                  "neutral • accent; neutral when absent")),
        "mark": Field(Str(max_length=16, allow_empty=False, doc='your own mark for every item, e.g. "✅"')),
        "items": Field(ListOf(Str(max_length=160, allow_empty=False, markup=True), min_items=1, max_items=MAX_ITEMS,
                              doc="1 to 10 short items"), required=True),
    }
)

FIELDS = {
    "columns": Field(ListOf(COLUMN, min_items=1, max_items=MAX_COLUMNS, doc="1 to 3 columns, side by side"),
                     required=True),
}


@dataclass(frozen=True)
class Column:
    heading: str | None
    status: str  # good | bad | neutral
    mark: str  # drawn before each item
    custom_mark: bool  # the user's own mark (an emoji is drawn as it is, with no badge)
    items: tuple[str, ...]


def columns_of(card) -> list[Column]:
    found = []
    for column in card.fields["columns"]:
        status = column["status"] or "neutral"
        heading = (column["heading"] or "").strip() or None
        found.append(Column(heading, status, column["mark"] or MARKS[status], bool(column["mark"]),
                            tuple(item.strip() for item in column["items"])))
    return found


def alt_text(card) -> str:
    """Each column in turn, with what its items are: which column each item is in."""
    title = (card.fields.get("title") or "Checklist").strip().rstrip(".:")
    parts = []
    for i, column in enumerate(columns_of(card), 1):
        name = column.heading or f"Column {i}"
        items = "; ".join(_clause(item) for item in column.items)
        parts.append(f"{name}{SAID[column.status]}, {plural(len(column.items), 'item')}: {items}.")
    return f"{title}. " + " ".join(parts)


def _clause(text: str) -> str:
    return text.rstrip(".;")
