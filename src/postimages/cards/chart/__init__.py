"""kind: chart — bars that compare, from a zero line, with their numbers."""

from __future__ import annotations

from postimages.cards.chart import spec
from postimages.cards.kind import CardKind, register


@register
class Chart(CardKind):
    name = "chart"
    fields = spec.FIELDS
    draw_cost = 60
    summary = "a bar chart of 1 to 12 values, with an optional total and target line"
    side_header = True

    def small_text_hint(self, field: str) -> str:
        return "shorten the bars' labels, or use fewer bars, so that they can stay larger"
