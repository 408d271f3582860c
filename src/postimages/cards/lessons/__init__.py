"""kind: lessons (moved into a package; still drawn through the legacy adapter)."""

from postimages.cards.lessons.layout import FIELDS, alt_text, draw, layout  # noqa: F401
