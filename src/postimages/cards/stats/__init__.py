"""kind: stats — key numbers, each against its target, and a verdict as the focal point."""

from __future__ import annotations

from postimages.cards.kind import CardKind, register
from postimages.cards.stats import spec


@register
class Stats(CardKind):
    name = "stats"
    fields = spec.FIELDS
    draw_cost = 60
    summary = "key numbers against their targets, and a verdict"

    def alt_text(self, card) -> str:
        return spec.alt_text(card)

    def layout(self, card, content, ctx):
        from postimages.cards.stats.layout import layout

        return layout(card, content, ctx)
