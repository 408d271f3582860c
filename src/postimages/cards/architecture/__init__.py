"""kind: architecture — the system as a stack of layers with the flow between them.

Each layer is a panel: a numbered badge in the layer's colour, its name, an
optional tag badge ("127 agents") and its items as chips that wrap into rows.
Arrows join consecutive layers: down the card, or left to right on short
(landscape) cards.
"""

from __future__ import annotations

from postimages.cards.architecture import spec
from postimages.cards.kind import CardKind, register


@register
class Architecture(CardKind):
    name = "architecture"
    fields = spec.FIELDS
    draw_cost = 110
    summary = "the system as a stack of layers, with the flow between them"
