"""The one search every layout uses: try candidates from the largest down,
keep the first that fits. A candidate that does not fit raises NoFit."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TypeVar

from postimages.errors import LayoutError

Candidate = TypeVar("Candidate")
Result = TypeVar("Result")


class NoFit(LayoutError):
    """Content that does not fit: raised by one attempt of a search, and by
    the search when no candidate fits. Names the field, by how much, and what to do."""

    def __init__(self, field: str, message: str, hint: str | None = None, shortfall: float = 0.0):
        super().__init__(field, message, hint)
        self.shortfall = shortfall  # how much is missing, in the attempt's own unit (px, lines...)


def largest_that_fits(candidates: Iterable[Candidate], attempt: Callable[[Candidate], Result],
                      explain: Callable[[list[NoFit]], NoFit] | None = None) -> Result:
    """`attempt(candidate)` for the first candidate, largest first, that fits.

    When none fits, `explain(failures)` says why (by default the last
    failure: the smallest candidate's, which came closest)."""
    failures: list[NoFit] = []
    for candidate in candidates:
        try:
            return attempt(candidate)
        except NoFit as failure:
            failures.append(failure)
    if not failures:
        raise ValueError("largest_that_fits needs at least one candidate")
    raise explain(failures) if explain else failures[-1]


def legible_else_floor(legible: list[Candidate], smaller: list[Candidate],
                       attempt: Callable[[Candidate], Result],
                       explain: Callable[[list[Candidate], list[NoFit]], NoFit]) -> tuple[Result, NoFit | None]:
    """The look's fit policy: the largest legible candidate that fits; else the
    largest smaller one, down to the hard floor, with the reason it could not stay
    legible (what to cut, for a warning). Past the floor, the floor's reason is raised.
    `explain(candidates, failures)` says why none of one group fits."""
    try:
        return largest_that_fits(legible, attempt, lambda failures: explain(legible, failures)), None
    except NoFit as reason:
        if not smaller:
            raise
        return largest_that_fits(smaller, attempt, lambda failures: explain(smaller, failures)), reason


def sizes_down(largest: float, smallest: float, step: float) -> list[float]:
    """Sizes from `largest` down to `smallest` by `step`, the smallest always among them."""
    smallest = min(smallest, largest)
    count = max(1, math.floor((largest - smallest) / step) + 1)
    sizes = [largest - i * step for i in range(count)]
    if sizes[-1] > smallest:
        sizes.append(smallest)
    return sizes
