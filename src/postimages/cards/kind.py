"""What a card kind is: the one interface every kind implements.

A kind is a package under `postimages/cards/` (see
docs/adding-a-card-kind.md). Its `__init__.py` subclasses `CardKind`,
decorates the class with `@register`, and keeps its imports light: the
spec fields are read to validate every card, while layout code is imported
only when a card of the kind is drawn.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from postimages.frame import Context
    from postimages.geometry import Box
    from postimages.scene import Drawable
    from postimages.schema import Field, Problems
    from postimages.spec import Card


class CardKind(ABC):
    name: ClassVar[str]  # what `kind:` says in a spec
    fields: ClassVar[dict[str, Field]]  # the kind's own spec fields, besides the shared ones
    draw_cost: ClassVar[int] = 100  # rough milliseconds to draw one: workers start the slowest first
    summary: ClassVar[str] = ""  # one line for --help and the schema

    def check(self, values: dict, path: str, problems: Problems) -> None:
        """Validation across fields, after each field passed on its own (none by default)."""

    def inputs(self, card: Card) -> list[Path]:
        """Files besides the spec that the card reads: a change to any redraws it."""
        return []

    @abstractmethod
    def alt_text(self, card: Card) -> str:
        """A plain-sentence description for screen readers."""

    @abstractmethod
    def layout(self, card: Card, content: Box, ctx: Context) -> list[Drawable]:
        """The card's own drawables inside `content`, the box the frame leaves.

        Raises LayoutError naming the field when the content cannot fit."""


_REGISTERED: dict[str, CardKind] = {}


def register(cls: type[CardKind]) -> type[CardKind]:
    """Class decorator: make the kind known under its `name`."""
    _REGISTERED[cls.name] = cls()
    return cls
