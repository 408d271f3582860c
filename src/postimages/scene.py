"""The scene: what a card looks like, as data.

Layout turns a card into a Scene, an ordered list of drawables (first painted
first). One painter (`postimages.paint`) paints any scene; `postimages check`
and the tests read the same scene: every text with its field and sizes, and
what is drawn under it. Nothing here imports Pillow. Drawables are named tuples: immutable, compared
by value, and about a tenth of a dataclass's cost to define at start-up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from postimages.color import TEXT_CONTRAST, Color, mix, readable
from postimages.geometry import Box
from postimages.text import Line, Placed, TextBlock, TextStyle

if TYPE_CHECKING:
    from postimages.frame import Context


class Gradient(NamedTuple):
    """A soft diagonal gradient from `top` to `bottom`: the card's background, or
    (rounded, named) a panel such as the backdrop behind a code window."""

    box: Box
    top: Color
    bottom: Color
    radius: float = 0.0
    name: str = ""


class Shadow(NamedTuple):
    """A soft drop shadow under a rounded box; `covered`: an opaque box is
    painted over it next, so its interior is never seen."""

    box: Box
    radius: float
    color: Color
    opacity: float
    blur: float
    offset_y: float = 0
    covered: bool = False

    def strength_over(self, area: Box) -> float:
        """The shadow's strongest opacity over `area`: a blurred box is, along
        each axis, the difference of two normal distributions of width `blur`."""
        sigma = max(self.blur, 1e-6)
        box = Box(self.box.x, self.box.y + self.offset_y, self.box.w, self.box.h)

        def profile(low: float, high: float, start: float, end: float) -> float:
            nearest = min(max((start + end) / 2, low), high)  # the point of the box's span nearest its middle
            phi = lambda t: 0.5 * (1 + math.erf(t / (sigma * math.sqrt(2))))  # noqa: E731
            return phi(nearest - start) - phi(nearest - end)

        across = profile(area.x, area.right, box.x, box.right)
        down = profile(area.y, area.bottom, box.y, box.bottom)
        return self.opacity * across * down


class Shape(NamedTuple):
    """A rounded rectangle, filled and/or outlined, with smooth edges."""

    box: Box
    radius: float = 0
    fill: Color | None = None
    outline: Color | None = None
    width: float = 1
    opacity: float = 1.0
    name: str = ""
    meaning: str | None = None  # what it says, if anything: held to 3:1 graphics contrast
    # A tint that marks something (a highlight band): (the contrast it needs against what
    # is under it to be seen, the spec field it marks). `check` holds it to that.
    stands_out: tuple[float, str] | None = None

    @property
    def color(self) -> Color:
        return self.fill if self.fill is not None else self.outline


class Circle(NamedTuple):
    center: tuple[float, float]
    radius: float
    fill: Color
    name: str = ""
    meaning: str | None = None

    @property
    def box(self) -> Box:
        x, y = self.center
        return Box(x - self.radius, y - self.radius, 2 * self.radius, 2 * self.radius)

    @property
    def color(self) -> Color:
        return self.fill


class Arrow(NamedTuple):
    """A line from start to end with a solid triangular head at `end`."""

    start: tuple[float, float]
    end: tuple[float, float]
    width: float
    head: float
    color: Color
    name: str = ""
    meaning: str | None = None

    @property
    def box(self) -> Box:
        (x0, y0), (x1, y1) = self.start, self.end
        return Box(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))


class Rule(NamedTuple):
    """A hairline on whole pixels (not antialiased: it is straight)."""

    start: tuple[int, int]
    end: tuple[int, int]
    width: int
    color: Color
    name: str = ""

    @property
    def box(self) -> Box:
        (x0, y0), (x1, y1) = self.start, self.end
        return Box(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))


class Rect(NamedTuple):
    """A whole-pixel rectangle, e.g. one arm of a box-drawing character."""

    box: Box
    color: Color
    name: str = ""
    meaning: str | None = None

    @property
    def fill(self) -> Color:
        return self.color


class Text(NamedTuple):
    """A placed text block: the spec field it shows and the sizes it is held to."""

    field: str  # e.g. "metrics[1].value"; the field to fix when it is wrong
    placed: Placed
    legible: float  # the look's size for this text on a phone; smaller is a warning

    @property
    def box(self) -> Box:
        return self.placed.ink_box

    @property
    def block(self) -> TextBlock:
        return self.placed.block


class Glyphs(NamedTuple):
    """One line of text drawn from x on a baseline; with `advance`, one
    character a column (code on its monospace grid)."""

    field: str
    x: float
    baseline: float
    line: Line
    style: TextStyle
    row: Box  # the line box the glyphs sit in
    legible: float
    advance: float | None = None

    @property
    def box(self) -> Box:
        return Box(self.x, self.row.y, self.line.width, self.row.h)

    @property
    def block(self) -> TextBlock:
        return TextBlock((self.line,), self.style)


class Picture(NamedTuple):
    """An image (a file, or one already in memory) drawn into `box`:
    stretched to it, or with `fit="cover"` scaled and centre-cropped to fill it."""

    box: Box
    source: Path | Any
    fit: str = "stretch"  # stretch | cover
    name: str = ""
    radius: float = 0  # rounded corners; half the side makes a round picture
    square_top: bool = False  # only the bottom corners rounded: a screen under a window's title bar


class Shrunk(NamedTuple):
    """Not a drawable: the layout's record that it went under the legible size to fit,
    with what to cut to stay there. A kind's layout may return one among its
    drawables; the scene keeps it apart (`Scene.shrunk`) for render's warning and check."""

    field: str
    message: str
    hint: str | None = None


Drawable = Union[Gradient, Shadow, Shape, Circle, Arrow, Rule, Rect, Text, Glyphs, Picture]
TEXTS = (Text, Glyphs)


def panel(box: Box, radius: float, fill: Color, border: Color | None, *, shadow: Color | None = None,
          shadow_opacity: float = 0.0, elevation: float = 0, border_width: float = 1,
          name: str = "") -> list[Drawable]:
    """A card panel: an optional soft shadow, the fill and a thin border."""
    items: list[Drawable] = []
    if shadow is not None and shadow_opacity > 0 and elevation > 0:
        items.append(Shadow(box, radius, shadow, shadow_opacity, blur=elevation, offset_y=elevation / 2,
                            covered=_opaque(fill)))
    items.append(Shape(box, radius, fill=fill, outline=border, width=border_width, name=name))
    return items


def text(field: str, placed: Placed | None, legible: float) -> list[Drawable]:
    """A Text drawable, or nothing for an absent or empty block."""
    return [Text(field, placed, legible)] if placed is not None and placed.block.lines else []


def _opaque(color: Color, opacity: float = 1.0) -> bool:
    return opacity >= 1.0 and (len(color) < 4 or color[3] == 255)


@dataclass
class Scene:
    """A laid-out card: its drawables in paint order, the context they were
    laid out in, and the box the frame left for the card's own content."""

    ctx: Context
    content: Box
    items: list[Drawable] = field(default_factory=list)
    background: Color = (0, 0, 0)  # under everything; a card's first drawable covers it
    shrunk: Shrunk | None = None  # why the content is under the legible size, when it is

    @property
    def size(self) -> tuple[int, int]:
        return self.ctx.size

    def texts(self) -> list[Text | Glyphs]:
        return [item for item in self.items if isinstance(item, TEXTS)]

    def text_boxes(self, prefix: str = "") -> list[tuple[str, Box]]:
        """(field, ink box) of every text whose field starts with `prefix`."""
        return [(t.field, t.box) for t in self.texts() if t.field.startswith(prefix)]

    def named(self, prefix: str, kind: type | tuple[type, ...] = (Shape, Circle, Arrow, Rect, Picture)):
        """The shapes whose name starts with `prefix`, e.g. "layers[0].chip"."""
        return [item for item in self.items if isinstance(item, kind) and item.name.startswith(prefix)]

    def colours_under(self, index: int, area: Box) -> tuple[Color, ...]:
        """Every colour that may show under `area` when item `index` is painted:
        the topmost fill over the area's middle (or both ends of the background
        gradient), darkened by any shadow painted over it."""
        shadows: list[Shadow] = []
        middle = (area.center_x, area.center_y)
        for below in range(index - 1, -1, -1):
            item = self.items[below]
            if isinstance(item, Shadow):
                shadows.append(item)
            elif isinstance(item, Gradient) and _within(item.box, middle):
                return _shaded((item.top, item.bottom), shadows, area)
            elif _fills_point(item, middle):
                fill = item.fill
                if _opaque(fill, getattr(item, "opacity", 1.0)):
                    return _shaded((tuple(fill[:3]),), shadows, area)
                alpha = getattr(item, "opacity", 1.0) * (fill[3] / 255 if len(fill) == 4 else 1.0)
                under = self.colours_under(below, area)
                return _shaded(tuple(mix(b, fill[:3], alpha) for b in under), shadows, area)
        return ()


def readable_emphasis(scene: Scene) -> None:
    """Emphasised words in the accent, moved just far enough from it to read at
    4.5:1 on every colour under their text (as `check` measures them)."""
    for index, item in enumerate(scene.items):
        style = item.block.style if isinstance(item, Text) else None
        if style is None or style.emphasis is None or not _emphasises(item.block):
            continue
        colour = readable(style.emphasis, scene.colours_under(index, item.box) or [scene.background], TEXT_CONTRAST)
        block = item.block._replace(style=style._replace(emphasis=colour))
        scene.items[index] = item._replace(placed=item.placed._replace(block=block))


def _emphasises(block: TextBlock) -> bool:
    return any(run.emphasised for line in block.lines for run in line.runs)


def _fills_point(item: Drawable, point: tuple[float, float]) -> bool:
    if not isinstance(item, (Shape, Circle, Rect)) or item.fill is None:
        return False
    return _within(item.box, point)


def _within(box: Box, point: tuple[float, float]) -> bool:
    return box.x <= point[0] <= box.right and box.y <= point[1] <= box.bottom


def _shaded(colours: tuple[Color, ...], shadows: list[Shadow], area: Box) -> tuple[Color, ...]:
    """The colours, and each as the strongest shadow over the area darkens it."""
    strengths = [(s, s.strength_over(area)) for s in shadows]
    darker = tuple(mix(c, s.color, strength) for s, strength in strengths if strength > 0.01 for c in colours)
    return tuple(dict.fromkeys(colours + darker))
