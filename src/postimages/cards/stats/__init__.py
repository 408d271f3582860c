"""kind: stats — key numbers, each against its target, and a verdict as the focal point."""

from __future__ import annotations

from postimages.cards.kind import CardKind, register
from postimages.cards.stats import spec


@register
class Stats(CardKind):
    name = "stats"
    fields = spec.FIELDS
    draw_cost = 60
    side_header = True  # on a wide card, when the metrics do not stay legible under a header on top
    # A number and its unit are one left-to-right phrase drawn in two pieces ("$" before
    # "42", "alerts" after it): mirrored, they would swap.
    mirrors = False
    summary = "key numbers against their targets, and a verdict"
