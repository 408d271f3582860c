"""kind: lessons — a numbered infographic: number, emoji badge, bold title, muted lesson."""

from __future__ import annotations

from postimages.cards.kind import CardKind, register
from postimages.cards.lessons import spec


@register
class Lessons(CardKind):
    name = "lessons"
    fields = spec.FIELDS
    draw_cost = 70
    summary = "a numbered list of lessons, each with an emoji badge, a title and a sentence"
