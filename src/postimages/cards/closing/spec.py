"""kind: closing — the spec fields: a few short lines and the call to action (the
title, required here, is the field every card has)."""

from __future__ import annotations

from postimages.schema import Field, ListOf, Str

MAX_LINES = 5

FIELDS = {
    "lines": Field(ListOf(Str(max_length=100, allow_empty=False), max_items=MAX_LINES,
                          doc="0 to 5 short lines under the title")),
    "cta": Field(Str(max_length=48, allow_empty=False, doc="the call to action, drawn as a button")),
}


def lines_of(card) -> list[str]:
    return [line.strip() for line in card.fields["lines"] or []]


def alt_text(card) -> str:
    parts = [card.fields["title"].strip(), *lines_of(card)]
    if card.fields["cta"]:
        parts.append(card.fields["cta"].strip())
    return " ".join(p if p.endswith((".", "!", "?")) else p + "." for p in parts)
