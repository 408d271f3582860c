"""kind: closing — the last slide: a large title, a few lines and a call to action."""

from __future__ import annotations

from postimages.cards.closing import spec
from postimages.cards.kind import SlideKind, register


@register
class Closing(SlideKind):
    name = "closing"
    fields = spec.FIELDS
    summary = "the last slide: a large title, a few lines and a call to action drawn as a button"
