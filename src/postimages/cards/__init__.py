"""Card kinds: each is a package of this folder that registers a `CardKind`.

Kinds are found by listing the folder, and a kind's package is imported only
when a card of that kind is loaded, so rendering one kind loads only it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from postimages.cards.kind import _REGISTERED, CardKind, register

__all__ = ["CardKind", "get", "names", "register"]


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Every kind's name, alphabetically."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg))


def get(name: str) -> CardKind:
    """The registered kind called `name` (one of `names()`)."""
    if name not in _REGISTERED:
        importlib.import_module(f"{__name__}.{name}")
    return _REGISTERED[name]
