"""kind: architecture — what the layout search tries: every size of the
diagram at each step of the shrink, and the ways to arrange the panels.

Text and spacing shrink together down to the look's minimum text size; past
that the search gives up with an error naming the field to cut.
"""

from __future__ import annotations

from typing import NamedTuple

from postimages.color import Color
from postimages.frame import Context
from postimages.text import TextStyle
from postimages.theme import Theme


class Scale(NamedTuple):
    """Every size of the diagram at one step of the shrink search, in card pixels."""

    step: float
    at_minimum: bool  # the last step of its search: the legible minimum, or the hard floor
    name: float
    item: float
    tag: float
    badge: float  # badge diameter
    pad_x: float
    pad_y: float
    chip_pad_x: float
    chip_pad_y: float
    chip_gap: float
    gap: float  # between layers, where the arrow runs

    def name_style(self, theme: Theme) -> TextStyle:
        return TextStyle(self.name, theme.text, family="display", weight="bold", line_height=1.15)

    def item_style(self, color: Color) -> TextStyle:
        return TextStyle(self.item, color, weight="medium", line_height=1.2)

    def tag_style(self, color: Color) -> TextStyle:
        # As typed: a tag holds units and names ("<100 ms", "p95 1.9 s", "dbt") whose case is their meaning.
        return TextStyle(self.tag, color, weight="semibold", tracking=0.01, line_height=1.0)

    @property
    def badge_gap(self) -> float:
        """Between the badge and the name or tag beside it."""
        return self.badge * 0.36

    @property
    def tag_pad(self) -> float:
        return self.tag * 0.45

    @property
    def header_gap(self) -> float:
        """Between a row's header column and its chips."""
        return self.pad_x


# Spacing and items shrink first; names keep 30 px (at 1200 wide) and the gaps keep
# room for a clear arrow until the last resort, where both go to their minimum.
SCALE_STEPS = [1.25, 1.1] + [1.0 - 0.05 * i for i in range(9)]  # sparse cards get bigger text; down to 0.6
FLOORS = {"name": 30, "gap": 36}
LAST_RESORT_FLOORS = {"name": 26, "gap": 24}
# Past the legible size, everything shrinks together down to the hard floor (0.7 of it,
# as `Context.floor_text`): the card renders and `check` warns that it is small.
UNDER_LEGIBLE = (0.9, 0.8, 0.7)


def scales(ctx: Context) -> list[Scale]:
    """Every legible scale the search tries, largest first; the last one is at the minimum text size."""
    tried = [_scale_at(step, FLOORS, ctx, last=False) for step in SCALE_STEPS]
    return tried + [_scale_at(SCALE_STEPS[-1], LAST_RESORT_FLOORS, ctx, last=True)]


def smaller_scales(ctx: Context) -> list[Scale]:
    """Past the legible scales, down to the hard floor; the last one is at the floor."""
    return [_scale_at(SCALE_STEPS[-1], LAST_RESORT_FLOORS, ctx, last=shrink == UNDER_LEGIBLE[-1], shrink=shrink)
            for shrink in UNDER_LEGIBLE]


def _scale_at(step: float, floors: dict, ctx: Context, last: bool, shrink: float = 1.0) -> Scale:
    def size(reference: float, floor: float = 0.0) -> float:
        return max(ctx.px(reference * step), ctx.px(floor)) * shrink

    name = size(38, floors["name"])
    return Scale(
        step=step, at_minimum=last,
        name=name, item=size(30, 26), tag=size(26, 26),
        badge=max(size(48, 40), name * 1.15),
        pad_x=size(32, 18), pad_y=size(24, 12),
        chip_pad_x=size(18, 12), chip_pad_y=size(10, 5), chip_gap=size(12, 8),
        gap=max(ctx.px(48 * step), ctx.px(floors["gap"])),  # room for an arrow that reads, at every shrink
    )


class Arrangement(NamedTuple):
    """How panels are arranged and what sits where inside each one."""

    direction: str  # down | right
    chips_beside_header: bool  # rows: a header column on the left, chips on the right
    badge_above_name: bool  # narrow columns: the badge gets its own line
    name_lines: int


ARRANGEMENTS = {
    "rows": Arrangement("down", chips_beside_header=True, badge_above_name=False, name_lines=3),
    "stacked rows": Arrangement("down", chips_beside_header=False, badge_above_name=False, name_lines=4),
    "columns": Arrangement("right", chips_beside_header=False, badge_above_name=True, name_lines=4),
}
