"""What a card kind is: the one interface every kind implements.

A kind is a package under `postimages/cards/` (see
docs/adding-a-card-kind.md). Its `__init__.py` subclasses `CardKind`,
decorates the class with `@register`, and keeps its imports light: the
spec fields are read to validate every card, while layout code is imported
only when a card of the kind is drawn.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from postimages.frame import Context
    from postimages.geometry import Box
    from postimages.scene import Drawable
    from postimages.schema import Field, Problems
    from postimages.spec import Card


class CardKind:
    """A kind's package holds `spec.py` with `alt_text(card)` and `layout.py`
    with `layout(card, content, ctx)`; the defaults below call them, and a
    kind overrides only what differs."""

    name: ClassVar[str]  # what `kind:` says in a spec
    fields: ClassVar[dict[str, Field]]  # the kind's own spec fields, besides the shared ones
    draw_cost: ClassVar[int] = 100  # rough milliseconds to draw one: workers start the slowest first
    summary: ClassVar[str] = ""  # one line for --help and the schema
    # On a wide, short card: the header and footer in a column at the side, so that
    # the content (a code window) takes the card's whole height.
    side_header: ClassVar[bool] = False
    verbatim: ClassVar[tuple[str, ...]] = ()  # fields shown as written: no {data.path} placeholders
    # A first or last slide: the kind places kicker, title and subtitle itself (the
    # title is its focal point), shows no page number, and a larger author block.
    own_header: ClassVar[bool] = False
    page_number: ClassVar[bool] = True
    author_size: ClassVar[int] = 28
    # On a card that reads right to left its drawables are mirrored (mirror.py):
    # their order is a reading order. A kind whose content reads left to right
    # anyway (code) keeps it and only moves.
    mirrors: ClassVar[bool] = True

    def check(self, values: dict, path: str, problems: Problems) -> None:
        """Validation across fields, after each field passed on its own (none by default)."""

    def inputs(self, card: Card) -> list[Path]:
        """Files besides the spec that the card reads: a change to any redraws it."""
        return []

    def small_text_hint(self, field: str) -> str:
        """What to do about `field` drawn under its legible size to fit."""
        return "shorten it so that it can stay larger"

    def images(self, card: Card) -> dict[str, Path]:
        """Images the card shows, by the field that names them: loaded (and checked) before layout."""
        return {}

    def alt_text(self, card: Card) -> str:
        """A plain-sentence description for screen readers."""
        return self._part("spec").alt_text(card)

    def layout(self, card: Card, content: Box, ctx: Context) -> list[Drawable]:
        """The card's own drawables inside `content`, the box the frame leaves.

        Raises LayoutError naming the field when the content cannot fit."""
        return self._part("layout").layout(card, content, ctx)

    def _part(self, name: str) -> ModuleType:
        """A module of the kind's package, imported on first use (layout code only to draw)."""
        return importlib.import_module(f"{type(self).__module__}.{name}")


class SlideKind(CardKind):
    """A first or last slide of a carousel: its title is required and is its focal point."""

    own_header = True
    page_number = False
    author_size = 34
    draw_cost = 40

    def check(self, values: dict, path: str, problems: Problems) -> None:
        if not (values.get("title") or "").strip():
            field = f"{path}.title" if path else "title"
            problems.add(field, f"missing required field 'title': a {self.name} card says it in its title",
                         "add `title: ...`, the line the reader should remember")


_REGISTERED: dict[str, CardKind] = {}


def register(cls: type[CardKind]) -> type[CardKind]:
    """Class decorator: make the kind known under its `name`."""
    _REGISTERED[cls.name] = cls()
    return cls
