"""Assertions on computed layouts: everything inside its area, nothing overlapping."""

from __future__ import annotations

from itertools import combinations

from postimages.geometry import Box


def assert_inside(named_boxes: list[tuple[str, Box]], area: Box, tolerance: float = 0.5) -> None:
    outside = [name for name, box in named_boxes if not area.contains(box, tolerance)]
    assert not outside, f"outside {area}: " + ", ".join(f"{n} {b}" for n, b in named_boxes if n in outside)


def assert_no_overlap(named_boxes: list[tuple[str, Box]], shrink: float = 0.5) -> None:
    """No two boxes overlap (each shrunk by `shrink` px so touching edges are fine)."""
    clashes = []
    for (name_a, a), (name_b, b) in combinations(named_boxes, 2):
        if a.w <= 0 or b.w <= 0:
            continue
        if a.inset(shrink).overlaps(b.inset(shrink)):
            clashes.append(f"{name_a} {a} overlaps {name_b} {b}")
    assert not clashes, "\n".join(clashes)
