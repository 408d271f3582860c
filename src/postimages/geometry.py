"""Boxes: the currency of layout. Layout code computes them, drawing code reads them."""

from __future__ import annotations

from typing import NamedTuple


class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center_x(self) -> float:
        return self.x + self.w / 2

    @property
    def center_y(self) -> float:
        return self.y + self.h / 2

    def moved(self, dx: float, dy: float = 0) -> "Box":
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def inset(self, dx: float, dy: float | None = None) -> "Box":
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def take_top(self, h: float, gap: float = 0) -> tuple["Box", "Box"]:
        """Split off a strip of height `h` at the top; return (strip, rest)."""
        top = Box(self.x, self.y, self.w, h)
        rest = Box(self.x, self.y + h + gap, self.w, self.h - h - gap)
        return top, rest

    def take_left(self, w: float, gap: float = 0) -> tuple["Box", "Box"]:
        left = Box(self.x, self.y, w, self.h)
        rest = Box(self.x + w + gap, self.y, self.w - w - gap, self.h)
        return left, rest

    def rows(self, n: int, gap: float) -> list["Box"]:
        """n equal rows separated by `gap`."""
        h = (self.h - gap * (n - 1)) / n
        return [Box(self.x, self.y + i * (h + gap), self.w, h) for i in range(n)]

    def columns(self, n: int, gap: float) -> list["Box"]:
        w = (self.w - gap * (n - 1)) / n
        return [Box(self.x + i * (w + gap), self.y, w, self.h) for i in range(n)]

    def contains(self, other: "Box", tolerance: float = 0.5) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def overlaps(self, other: "Box") -> bool:
        return not (
            other.x >= self.right
            or other.right <= self.x
            or other.y >= self.bottom
            or other.bottom <= self.y
        )

    def as_int(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) rounded to whole pixels."""
        return (round(self.x), round(self.y), round(self.right), round(self.bottom))
