"""kind: image — a screenshot in a browser, window or phone frame (or none), and a caption.

The image is never cropped unless `fit: cover` asks: with `contain` the
frame's screen takes the image's own proportions, as large as the card
allows. The file is read and checked before layout (postimages/images.py);
layout takes its size only.
"""

from __future__ import annotations

from postimages.cards.image import spec
from postimages.cards.kind import CardKind, register


@register
class Screenshot(CardKind):
    name = "image"
    fields = spec.FIELDS
    draw_cost = 80
    summary = "a screenshot in a browser, window or phone frame, and a caption"

    def inputs(self, card):
        return [spec.image_path(card)]

    def images(self, card):
        return {"image": spec.image_path(card)}
