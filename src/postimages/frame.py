"""The frame every card shares: background, kicker, title, subtitle, footer, page number.

Sizes are set for a 1200 px wide card and scaled with the card's width
(`Context.u`), so that a phone shows every card of a post at the same scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from postimages.errors import LayoutError
from postimages.geometry import Box
from postimages.scene import Drawable, Gradient, Picture, Rule, Shape, text
from postimages.text import Placed, TextBlock, TextStyle, make_line, measure
from postimages.textfit import balance, fit, single_line
from postimages.theme import Theme
from postimages.unicode import side_by_side


@dataclass(frozen=True)
class Context:
    """What layout and drawing code needs besides the card: theme and scale."""

    theme: Theme
    size: tuple[int, int]
    # A wide card with its header at the side: the free room in that column, under the
    # title and above the footer, where the kind may put a caption.
    aside: Box | None = None
    # The card's images (postimages.images.LoadedImage) by the field naming them, loaded before layout.
    images: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def u(self) -> float:
        """One pixel of the 1200 px reference card, in this card's pixels."""
        return self.size[0] / 1200

    def px(self, reference: float) -> float:
        return reference * self.u

    @property
    def min_text(self) -> float:
        """The smallest text that reads on a phone (26 px at 1200 px wide): smaller is a warning."""
        return 26 * self.u

    @property
    def floor_text(self) -> float:
        """The hard floor (about 0.7 of min_text): text that fits only smaller is an error."""
        return 18 * self.u

    @property
    def margin_x(self) -> float:
        return self.px(72)

    @property
    def margin_y(self) -> float:
        # Short cards (landscape) give some of the vertical margin back to content.
        return min(self.px(72), self.size[1] * 0.085)

    @property
    def compact(self) -> bool:
        """Wide, short cards get tighter headers and side-by-side layouts."""
        return self.size[0] / self.size[1] > 1.45


@dataclass
class FrameLayout:
    canvas: Box
    content: Box
    kicker: Placed | None
    title: Placed | None
    subtitle: Placed | None
    footer_rule: tuple[float, float, float] | None  # from x, to x, at y
    author: Placed | None
    footer_text: Placed | None
    page: Placed | None
    page_pill: Box | None
    aside: Box | None = None
    avatar: Box | None = None  # the round headshot beside the author
    logo: Box | None = None


# The look: headlines 60 px or more on a 1200 px card; the title may shrink below only to fit.
HEADLINE_MIN = 60


def kicker_style(ctx: Context, color) -> TextStyle:
    return TextStyle(ctx.px(28), color, weight="bold", tracking=0.14, uppercase=True, line_height=1.2)


# A side header takes this share of a wide card's width, so the content can take the card's height.
SIDE_SHARE = 0.3
SIDE_GAP = 48


def layout_frame(card, ctx: Context, side: bool = False, *, header: bool = True, page: bool = True,
                 author_size: int = 28) -> FrameLayout:
    """Header on top and footer at the bottom; with `side`, on a wide card, both in a
    column on the left and the content beside them, the card's whole height. Without
    `header` the kind places kicker, title and subtitle; without `page`, no page number."""
    width, height = ctx.size
    canvas = Box(0, 0, width, height)
    inner = Box(ctx.margin_x, ctx.margin_y, width - 2 * ctx.margin_x, height - 2 * ctx.margin_y)
    if side and ctx.compact:
        return _layout_side(card, ctx, canvas, inner)
    if header:
        header, body = _layout_header(card, ctx, inner)
    else:
        header, body = dict(kicker=None, title=None, subtitle=None), inner
    footer, body = _layout_footer(card, ctx, body, page, author_size)
    return FrameLayout(canvas=canvas, content=body, **header, **footer)


def _layout_side(card, ctx: Context, canvas: Box, inner: Box) -> FrameLayout:
    column = Box(inner.x, inner.y, inner.w * SIDE_SHARE, inner.h)
    header, below = _layout_header(card, ctx, column, title_lines=3)
    footer, top = _layout_side_footer(card, ctx, column)
    gap = ctx.px(SIDE_GAP)
    content = Box(column.right + gap, inner.y, inner.right - column.right - gap, inner.h)
    aside = Box(column.x, below.y, column.w, top - ctx.px(28) - below.y)
    if aside.h < 0:
        raise LayoutError("title", "the title and the footer do not fit together beside the content",
                          "shorten them or use a taller size such as square")
    return FrameLayout(canvas=canvas, content=content, aside=aside, **header, **footer)


def _layout_side_footer(card, ctx: Context, column: Box) -> tuple[dict, float]:
    """From the column's foot upwards: author with the page number at the right
    end of its last line, the footer line, then a rule. Returns the top used."""
    parts = dict(footer_rule=None, author=None, footer_text=None, page=None, page_pill=None)
    row_h = ctx.px(28) * 1.3
    y = column.bottom - row_h  # the last row
    author_label = _author_label(card)
    page = _page_label(card)
    room = column.w
    if page:
        parts["page"], parts["page_pill"] = _page_pill(page, ctx, column.right, y, row_h)
        room = parts["page_pill"].x - ctx.px(24) - column.x
    top = column.bottom if not (author_label or page) else y
    if author_label:
        block = _side_author(card, author_label, room, ctx)
        top = y + row_h - block.height
        parts["author"] = Placed(block, Box(column.x, top, block.width, block.height))
    if card.footer:
        style = TextStyle(ctx.px(28), ctx.theme.muted, line_height=1.3)
        block = fit(card.footer, style, field="footer", max_width=column.w, max_lines=3, min_size=ctx.floor_text)
        top = (top - ctx.px(10) if top < column.bottom else column.bottom) - block.height
        parts["footer_text"] = Placed(block, Box(column.x, top, column.w, block.height))
    if top < column.bottom:
        top -= ctx.px(20)
        parts["footer_rule"] = (column.x, column.right, top)
    return parts, top


def _side_author(card, label: str, room: float, ctx: Context) -> TextBlock:
    """Author · handle on one line; in a narrow column, the handle under the name
    rather than smaller than the look's size."""
    style = TextStyle(ctx.px(28), ctx.theme.text, weight="semibold", line_height=1.3)
    try:
        return single_line(label, style, field="author", max_width=room, min_size=ctx.min_text)
    except LayoutError:
        if not (card.author and card.handle):
            raise
    names = [single_line(part, style, field="author", max_width=room, min_size=ctx.floor_text)
             for part in (card.author, card.handle)]
    size = min(block.style.size for block in names)
    sized = style.at(size)
    return TextBlock(tuple(make_line(part, sized) for part in (card.author, card.handle)), sized)


def _author_label(card) -> str:
    """Author · handle, each in its own reading direction."""
    return side_by_side([x for x in (card.author, card.handle) if x], " · ")


def _page_label(card) -> str | None:
    return f"{card.page}/{card.pages}" if card.page_numbers and card.pages > 1 else None


def _page_pill(label: str, ctx: Context, right: float, y: float, row_h: float) -> tuple[Placed, Box]:
    """The page number in a pill whose right edge is at `right`, on the row at `y`."""
    style = TextStyle(ctx.px(28), ctx.theme.muted, weight="semibold", tabular=True, line_height=1.3)
    block = single_line(label, style, field="page_numbers", max_width=ctx.px(300), min_size=ctx.min_text)
    pad = ctx.px(16)
    pill = Box(right - block.width - 2 * pad, y - ctx.px(6), block.width + 2 * pad, row_h + ctx.px(12))
    return Placed(block, Box(pill.x + pad, y, block.width, row_h)), pill


def _layout_header(card, ctx: Context, inner: Box, title_lines: int = 0) -> tuple[dict, Box]:
    theme, f = ctx.theme, card.fields
    y = inner.y
    kicker = title = subtitle = None
    if f.get("kicker"):
        block = fit(f["kicker"], kicker_style(ctx, theme.accent), field="kicker", max_width=inner.w,
                    max_lines=2, min_size=ctx.floor_text)
        kicker = Placed(block, Box(inner.x, y, inner.w, block.height))
        y += block.height + ctx.px(14)
    if f.get("title"):
        size = 60 if ctx.compact else 72
        style = TextStyle(ctx.px(size), theme.text, family="display", weight="bold", line_height=1.1,
                          emphasis=theme.accent)
        block = _fit_title(f["title"], style, inner.w, ctx, title_lines)
        title = Placed(block, Box(inner.x, y, inner.w, block.height))
        y += block.height + (ctx.px(12) if f.get("subtitle") else 0)
    if f.get("subtitle"):
        style = TextStyle(ctx.px(34), theme.muted, line_height=1.3, emphasis=theme.accent)
        block = fit(f["subtitle"], style, field="subtitle", max_width=inner.w, max_lines=title_lines or 2,
                    min_size=ctx.min_text)
        subtitle = Placed(block, Box(inner.x, y, inner.w, block.height))
        y += block.height
    if y > inner.y:
        y += ctx.px(28 if ctx.compact else 44)
    return dict(kicker=kicker, title=title, subtitle=subtitle), Box(inner.x, y, inner.w, inner.bottom - y)


def _fit_title(title: str, style: TextStyle, width: float, ctx: Context, lines: int = 0):
    """Two balanced lines at most; a short, wide card first tries one smaller line.
    A side header asks for `lines` balanced lines in its narrow column instead."""
    if lines:
        return balance(fit(title, style, field="title", max_width=width, max_lines=lines, min_size=ctx.px(44)), width)
    if ctx.compact:
        try:
            return fit(title, style, field="title", max_width=width, max_lines=1, min_size=ctx.px(48))
        except LayoutError:
            pass
    return balance(fit(title, style, field="title", max_width=width, max_lines=2, min_size=ctx.px(44)), width)


def _layout_footer(card, ctx: Context, body: Box, page: bool = True, author_size: int = 28) -> tuple[dict, Box]:
    theme = ctx.theme
    parts = dict(footer_rule=None, author=None, footer_text=None, page=None, page_pill=None)
    page_label = _page_label(card) if page else None
    author_label = _author_label(card)
    if not (page_label or author_label or card.footer or ctx.images.keys() & {"avatar", "logo"}):
        return parts, body
    size = ctx.px(28)
    row_h = max(size, ctx.px(author_size) if author_label else 0) * 1.3
    # A headshot is taller than the row's text: centred on it, it reaches a little into the
    # margin below and toward the rule above, and keeps a footer line above it clear.
    overhang = max(0.0, avatar_diameter(ctx.px(author_size)) - row_h) / 2 if "avatar" in ctx.images else 0.0
    row = Box(body.x, body.bottom - row_h, body.w, row_h)
    right = row.right
    if page_label:
        parts["page"], parts["page_pill"] = _page_pill(page_label, ctx, right, row.y, row_h)
        right = parts["page_pill"].x - ctx.px(24)
    if "logo" in ctx.images:
        parts["logo"] = logo_box(ctx.images["logo"].aspect, right + (ctx.px(8) if page_label else 0), row)
        right = parts["logo"].x - ctx.px(16 if page_label else 24)
    left = row.x
    if author_label or "avatar" in ctx.images:
        style = TextStyle(ctx.px(author_size), theme.text, weight="semibold", line_height=1.3)
        author = author_block(author_label, style, row, right - left, ctx)
        parts["author"], parts["avatar"] = author.text, author.avatar
        left += author.width + ctx.px(24)
    lowest = row.y
    if card.footer:
        style = TextStyle(size, theme.muted, line_height=1.3)
        room = right - left
        if measure(card.footer, style) <= room:
            block = single_line(card.footer, style, field="footer", max_width=room, min_size=size)
            drop = row_h - size * 1.3  # on the baseline of a larger author block
            parts["footer_text"] = Placed(block, Box(right - block.width, row.y + drop, block.width, size * 1.3))
        else:
            # No room beside the author: the footer line gets its own row above.
            block = fit(card.footer, style, field="footer", max_width=row.w, max_lines=2, min_size=ctx.floor_text)
            lowest -= overhang + ctx.px(10) + block.height
            parts["footer_text"] = Placed(block, Box(row.x, lowest, row.w, block.height))
    rule_y = lowest - ctx.px(20 if ctx.compact else 28)
    parts["footer_rule"] = (body.x, body.right, rule_y)
    content = Box(body.x, body.y, body.w, rule_y - ctx.px(24 if ctx.compact else 36) - body.y)
    return parts, content


class AuthorBlock(NamedTuple):
    """A round headshot (when the post has one) and author · handle beside it, on one row."""

    text: Placed | None
    avatar: Box | None
    width: float


def author_block(label: str, style: TextStyle, row: Box, room: float, ctx: Context) -> AuthorBlock:
    """The author block at the left of `row`, at the size of `style` (the
    footer's, or larger on a cover); the headshot is about two text heights
    across, centred on the row. Author · handle takes the room beside the
    footer line when it fits at a legible size, else the whole room."""
    avatar = None
    x = row.x
    if "avatar" in ctx.images:
        d = avatar_diameter(style.px)
        avatar = Box(x, row.center_y - d / 2, d, d)
        x += d + style.px * 0.4
    if not label:
        return AuthorBlock(None, avatar, x - row.x)
    room -= x - row.x
    try:
        block = single_line(label, style, field="author", max_width=room * 0.6, min_size=ctx.min_text)
    except LayoutError:
        block = single_line(label, style, field="author", max_width=room, min_size=ctx.floor_text)
    return AuthorBlock(Placed(block, Box(x, row.y, block.width, row.h)), avatar, x + block.width - row.x)


def avatar_diameter(text_px: float) -> float:
    """The headshot beside author · handle: about two lines of its text across."""
    return text_px * 2.1


def logo_box(aspect: float, right: float, row: Box) -> Box:
    """The logo mark ending at `right`, a little taller than the row's text, at most three times as wide."""
    height = row.h * 1.25
    width = min(height * aspect, height * 3)
    height = width / aspect
    return Box(right - width, row.center_y - height / 2, width, height)


def image_items(frame: FrameLayout, ctx: Context) -> list[Drawable]:
    """The headshot (round) and the logo, drawn from the images loaded for the card."""
    items: list[Drawable] = []
    if frame.avatar is not None:
        items.append(Picture(frame.avatar, ctx.images["avatar"].pixels, fit="cover", name="avatar",
                             radius=frame.avatar.w / 2))
    if frame.logo is not None:
        items.append(Picture(frame.logo, ctx.images["logo"].pixels, name="logo"))
    return items


def frame_items(frame: FrameLayout, ctx: Context) -> list[Drawable]:
    """The frame's drawables, painted before the card's own: background, header, footer."""
    theme, body = ctx.theme, ctx.min_text
    items: list[Drawable] = [Gradient(frame.canvas, theme.background_top, theme.background_bottom)]
    for field, placed, legible in (("kicker", frame.kicker, body), ("title", frame.title, ctx.px(HEADLINE_MIN)),
                                   ("subtitle", frame.subtitle, body), ("author", frame.author, body),
                                   ("footer", frame.footer_text, body)):
        items += text(field, placed, legible)
    if frame.footer_rule is not None:
        start, end, y = (round(v) for v in frame.footer_rule)
        items.append(Rule((start, y), (end, y),
                          max(1, round(ctx.u * 1.5)), theme.panel_border, name="footer rule"))
    if frame.page is not None and frame.page_pill is not None:
        pill = frame.page_pill
        items.append(Shape(pill, pill.h / 2, fill=theme.panel, outline=theme.panel_border, width=max(1, ctx.u * 1.5),
                           name="page pill"))
        items += text("page_numbers", frame.page, body)
    return items + image_items(frame, ctx)
