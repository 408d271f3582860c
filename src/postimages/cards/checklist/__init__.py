"""kind: checklist — columns of marked items: what worked, what didn't."""

from __future__ import annotations

from postimages.cards.checklist import spec
from postimages.cards.kind import CardKind, register


@register
class Checklist(CardKind):
    name = "checklist"
    fields = spec.FIELDS
    draw_cost = 60
    summary = "one to three columns of items, each column marked good, bad or neutral"
    side_header = True

    def small_text_hint(self, field: str) -> str:
        return "shorten the items, or use fewer of them, so that they can stay larger"
