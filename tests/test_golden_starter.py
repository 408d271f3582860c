"""Kinds that the post in specs/ does not show look like their golden images:
each kind's starter spec (as `postimages init` writes it) as written, and at
another size and theme. Bless with: pytest --update-goldens."""

from __future__ import annotations

import pytest

from golden_images import check_golden
from postimages.render import render_card
from postimages.scaffold import STARTER
from postimages.spec import SIZES, load_card, load_post_settings
from postimages.theme import BASE_THEMES

SPECS = STARTER / "specs"
# (starter spec, size, theme); None keeps the spec's own.
CASES = [
    ("_checklist", None, None),
    ("_checklist", "portrait", "light"),
    ("_chart", None, None),
    ("_chart", "landscape", "light"),
]


def _name(stem: str, size: str | None, theme: str | None) -> str:
    return "-".join(part for part in (f"starter-{stem.lstrip('_')}", size, theme) if part)


@pytest.mark.parametrize("stem, size, theme", CASES, ids=[_name(*case) for case in CASES])
def test_starter_card_matches_golden(stem, size, theme, update_goldens, exact_goldens):
    card = load_card(SPECS / f"{stem}.yaml", load_post_settings(SPECS),
                     theme_override=BASE_THEMES[theme] if theme else None,
                     size_override=SIZES[size] if size else None)
    card.page, card.pages = 2, 3  # a page pill, as in a post
    check_golden(_name(stem, size, theme), render_card(card), update_goldens, exact_goldens)
