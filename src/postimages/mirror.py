"""A card that reads right to left, laid out as the mirror image of its
left-to-right layout.

Layouts are written left to right. When a card's title (or, without a title
that has a letter, its first text that has one) reads right to left, its
frame is turned over: the author goes to the right, the page number to the
left. When the kind's own text reads right to left too, so is its content:
what starts a row (a lesson's number, a checklist's mark, a layer's badge)
goes to the right, and a cue to swipe points left. What is mirrored is where
things are, never what they show: text keeps its shaping and reading order,
a picture or an emoji is not flipped.

Code, and the numbers of a results card with their units (a phrase drawn in
pieces: "$" before "42", "alerts" after it), keep their left-to-right order
(`CardKind.mirrors`): their block only moves, to where the mirrored frame
leaves room for it.
"""

from __future__ import annotations

from postimages import scene as s
from postimages.geometry import Box
from postimages.unicode import strong_direction

# A mirrored text block's alignment; "start" in a mirrored card is the right
# edge, whichever way the paragraph reads.
_ALIGN = {"start": "right", "left": "right", "right": "left"}


def reads_right_to_left(items: list[s.Drawable]) -> bool:
    """Whether these drawables read right to left: the title decides, when it
    has a letter; else the first text that has one, in the scene's order."""
    texts = sorted((item for item in items if isinstance(item, s.Text)), key=lambda text: text.field != "title")
    for text in texts:
        for line in text.block.lines:
            direction = strong_direction(line.text)
            if direction is not None:
                return direction == "rtl"
    return False


def in_reading_order(frame: list[s.Drawable], own: list[s.Drawable], content: Box, aside: Box | None,
                     width: float, mirrors: bool) -> tuple[list[s.Drawable], list[s.Drawable], Box]:
    """(frame, own, content): the frame's and the kind's drawables on a card
    `width` wide, and its content box. The frame is mirrored when the card
    reads right to left, the content when its own text does (a Hebrew title
    over English lessons mirrors only the frame; a Hebrew quote, the whole
    card). Content that keeps its order moves with the frame's content box,
    and what the kind put in the frame's side column (`aside`) with that column."""
    card = _Mirror(width)
    # The title decides, wherever it is (a slide places its own); else the content's text, then the frame's.
    frame_turns = reads_right_to_left(own + frame)
    if frame_turns:
        frame = _all(frame, card)
    if mirrors and reads_right_to_left(own):
        around = card if frame_turns else _Mirror(content.x + content.right)  # in its own box
        return frame, _all(own, around), around.box(content)
    if not frame_turns:
        return frame, own, content
    shift = _Shift(card.box(content).x - content.x)
    own = [_remapped(item, card if aside is not None and aside.contains(item.box) else shift) for item in own]
    return frame, own, card.box(content)


def _all(items: list[s.Drawable], how) -> list[s.Drawable]:
    return [_remapped(item, how) for item in items]


class _Mirror:
    """Across the vertical line at x = `edges` / 2: the card's centre for the
    card's width, a box's for the sum of its left and right edges."""

    def __init__(self, edges: float):
        self.edges = edges

    def x(self, x: float) -> float:
        return self.edges - x

    def box(self, box: Box) -> Box:
        return Box(self.edges - box.right, box.y, box.w, box.h)

    def align(self, align: str) -> str:
        return _ALIGN.get(align, align)


class _Shift:
    """Sideways by `dx`."""

    def __init__(self, dx: float):
        self.dx = dx

    def x(self, x: float) -> float:
        return x + self.dx

    def box(self, box: Box) -> Box:
        return box.moved(self.dx)

    def align(self, align: str) -> str:
        return align


def _remapped(item: s.Drawable, how) -> s.Drawable:
    if isinstance(item, s.Text):
        block = item.placed.block
        return item._replace(placed=s.Placed(block._replace(align=how.align(block.align)), how.box(item.placed.box)))
    if isinstance(item, s.Glyphs):
        return item._replace(x=how.box(item.box).x, row=how.box(item.row))
    if isinstance(item, s.Circle):
        return item._replace(center=(how.x(item.center[0]), item.center[1]))
    if isinstance(item, s.Arrow):
        return item._replace(start=(how.x(item.start[0]), item.start[1]), end=(how.x(item.end[0]), item.end[1]))
    if isinstance(item, s.Rule):  # whole pixels, rounded from the box edges it was drawn between
        return item._replace(start=(round(how.x(item.start[0])), item.start[1]),
                             end=(round(how.x(item.end[0])), item.end[1]))
    return item._replace(box=how.box(item.box))  # the shapes, shadows, gradients and pictures: a box each
