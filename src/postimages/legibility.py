"""Text drawn smaller than the look's size for it, to fit: what `render` warns
about in one line and `check` lists field by field.

Each text in a scene carries the size it should have on a phone (`legible`);
the layout may go under it down to the hard floor rather than refuse the card.
"""

from __future__ import annotations

from typing import NamedTuple

from postimages.errors import SpecError
from postimages.scene import TEXTS, Scene



class Small(NamedTuple):
    field: str
    size: float  # the smallest it is drawn at
    legible: float  # the look's size for it


def small_texts(scene: Scene) -> list[Small]:
    """One entry per field drawn under its legible size (at its smallest), in paint order."""
    return list(_smallest_by_field(scene).values())


def _smallest_by_field(scene: Scene) -> dict[str, Small]:
    smallest: dict[str, Small] = {}
    for item in scene.items:
        if not isinstance(item, TEXTS):
            continue
        block = item.block
        if block.lines and block.style.size < item.legible - 0.5:
            known = smallest.get(item.field)
            if known is None or block.style.size < known.size:
                smallest[item.field] = Small(item.field, block.style.size, item.legible)
    return smallest


def describe(small: Small) -> str:
    return f"drawn at {small.size:.0f} px to fit, under the look's {small.legible:.0f} px for this text on a phone"


def render_warning(card, scene: Scene) -> SpecError | None:
    """The one line `render` prints for a card with small text: what the layout
    recorded it could not keep legible (and what to cut), else the field that
    shrank most, and how many others did."""
    found = small_texts(scene)
    if not found:
        return None
    # The most shrunk; of equals, the field with the most text (the code, not its line numbers).
    count = {small.field: 0 for small in found}
    for item in scene.texts():
        if item.field in count:
            count[item.field] += 1
    worst = min(found, key=lambda s: (s.size / s.legible, -count[s.field]))
    shrunk = scene.shrunk
    if shrunk is not None:
        return card.error(shrunk.field, f"{describe(worst)}; {shrunk.message}",
                          shrunk.hint)
    from postimages import cards

    others = len(found) - 1
    more = f" ({others} other text{'s' if others > 1 else ''} too; `postimages check` lists them)" if others else ""
    return card.error(worst.field, describe(worst) + more, cards.get(card.kind).small_text_hint(worst.field))
