"""kind: cover — the first slide of a carousel: a large title, an emoji, a swipe cue."""

from __future__ import annotations

from postimages.cards.cover import spec
from postimages.cards.kind import SlideKind, register


@register
class Cover(SlideKind):
    name = "cover"
    fields = spec.FIELDS
    summary = "the first slide: a large title, an emoji and a swipe cue"

    def check(self, values, path, problems) -> None:
        super().check(values, path, problems)
        spec.check(values, path, problems)
