"""Adapter for card modules that still draw themselves (removed once every kind is a package)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from postimages.cards.kind import CardKind


@dataclass(frozen=True)
class LegacyPaint:
    """A drawable that calls an old module's draw()."""

    module: Any
    layout: Any
    ctx: Any

    def paint(self, image) -> None:
        self.module.draw(image, self.layout, self.ctx)

    def legacy_texts(self):
        from postimages.check import Seen

        return [Seen(t.field, t.placed.block, t.placed.ink_box, tuple(t.placed.block.style.color[:3]),
                     tuple(tuple(b[:3]) for b in t.backgrounds), t.min_size)
                for t in self.layout.text_items(self.ctx)]


class LegacyKind(CardKind):
    def __init__(self, name, module):
        self.name = name
        self.module = module
        self.fields = module.FIELDS
        self.draw_cost = {"code": 150, "architecture": 110, "lessons": 70}.get(name, 100)

    def check(self, values, path, problems):
        check = getattr(self.module, "check", None)
        if check:
            check(values, path, problems)

    def inputs(self, card):
        inputs = getattr(self.module, "inputs", None)
        return inputs(card) if inputs else []

    def alt_text(self, card):
        return self.module.alt_text(card)

    def layout(self, card, content, ctx):
        return [LegacyPaint(self.module, self.module.layout(card, content, ctx), ctx)]
