"""kind: lessons — the spec fields, the items they describe, and the alt text."""

from __future__ import annotations

from typing import NamedTuple

from postimages.schema import Field, ListOf, Obj, Str

MAX_ITEMS = 10

ITEM = Obj(
    {
        "icon": Field(Str(max_length=32, doc="an emoji such as ⚡ or 📊, shown in a soft badge")),
        "title": Field(Str(max_length=120, allow_empty=False, doc="the lesson in a few words"), required=True),
        "text": Field(Str(max_length=400, markup=True, doc="one short sentence under the title")),
    }
)

FIELDS = {
    "items": Field(ListOf(ITEM, min_items=1, max_items=MAX_ITEMS, doc="1 to 10 lessons, numbered in order"),
                   required=True),
}


class Item(NamedTuple):
    number: str
    icon: str | None
    title: str
    text: str | None


def items_of(card) -> list[Item]:
    return [Item(f"{i + 1:02d}", item["icon"] or None, item["title"].strip(), (item["text"] or "").strip() or None)
            for i, item in enumerate(card.fields["items"])]


def alt_text(card) -> str:
    """The lessons in plain sentences; titles only when the sentences would run long."""
    items = items_of(card)
    title = (card.fields.get("title") or "Lessons").strip().rstrip(".:")
    full = f"{title}: " + " ".join(
        f"{i}. {_sentence(item.title)}" + (f" {_sentence(item.text)}" if item.text else "")
        for i, item in enumerate(items, 1))
    if len(full) <= 250:
        return full
    return f"{title}: " + " ".join(f"{i}. {_sentence(item.title)}" for i, item in enumerate(items, 1))


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."
