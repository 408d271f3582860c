"""kind: quote — one statement, large, with its attribution and an optional stamp."""

from __future__ import annotations

from postimages.cards.kind import CardKind, register
from postimages.cards.quote import spec


@register
class Quote(CardKind):
    name = "quote"
    fields = spec.FIELDS
    draw_cost = 40
    summary = "one statement, large, with who said it and an optional stamp"

    def small_text_hint(self, field):
        if field == "quote":
            return "shorten the quote, or use a taller size such as portrait"
        return super().small_text_hint(field)
