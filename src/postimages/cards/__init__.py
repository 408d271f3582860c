"""Card kinds. Each kind is one module that declares its spec fields and how
it lays out and draws its content inside the shared frame.

A card module provides:
    FIELDS: dict[str, schema.Field]      its own spec fields
    check(values, path, problems)        optional cross-field validation
    layout(card, content: Box, ctx) -> a layout object (boxes, text blocks)
    draw(image, layout, ctx)             paints that layout
    alt_text(card) -> str                a plain-sentence description
    inputs(card) -> list[Path]           optional: other files the card reads
"""

from __future__ import annotations

import importlib
from types import ModuleType

# kind -> module; imported on first use so that rendering one kind loads only it.
KINDS = {
    "stats": "postimages.cards.stats",
    "code": "postimages.cards.code",
    "architecture": "postimages.cards.architecture",
    "lessons": "postimages.cards.lessons",
}

# How long each kind takes to draw, in rough milliseconds on the sample post
# (code compiles its lexer's patterns first). Workers start the slowest first.
DRAW_COST = {"code": 150, "architecture": 110, "lessons": 70, "stats": 60}


def module(kind: str) -> ModuleType:
    return importlib.import_module(KINDS[kind])
