"""The phone preview: the post's cards as a phone's feed shows them.

One PNG with, on the left, a phone-width column holding a feed post with the
cards in LinkedIn's multi-image grid, and on the right every card at the
width a phone gives an image (400 px), so text too small to read shows up
before posting.
"""

from __future__ import annotations

from dataclasses import dataclass

from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable, Picture, Scene, Shape, text
from postimages.text import Placed, TextStyle
from postimages.textfit import single_line
from postimages.theme import Theme

PHONE_WIDTH = 430  # CSS pixels of a large phone; the feed image spans it
CARD_WIDTH = 400  # what a phone shows of one image
GAP = 32
MARGIN = 48

PAGE = (246, 247, 250)
INK = (17, 24, 39)
QUIET = (75, 85, 99)
POST_BG = (255, 255, 255)
PHONE_FRAME = (24, 26, 32)


@dataclass
class PreviewLayout:
    size: tuple[int, int]
    phone: Box
    screen: Box
    header_name: Placed
    header_meta: Placed
    avatar: Box
    post_text: Placed
    grid: list[Box]  # where each card goes in the multi-image grid
    more_badge: Placed | None  # "+N" on the last tile when cards don't all fit
    actions: Placed
    titles: list[Placed]
    thumbnails: list[Box]


def grid_boxes(area: Box, count: int, gap: float) -> list[Box]:
    """LinkedIn's multi-image grid: one image full width; two side by side;
    three or more: one large on top and up to three below."""
    if count <= 1:
        return [Box(area.x, area.y, area.w, area.w)]
    if count == 2:
        return [Box(c.x, area.y, c.w, c.w) for c in area.columns(2, gap)]
    below = min(count - 1, 3)
    top = Box(area.x, area.y, area.w, area.w * 0.62)
    cells = Box(area.x, top.bottom + gap, area.w, 0).columns(below, gap)
    return [top] + [Box(c.x, c.y, c.w, c.w) for c in cells]


def _label(text: str, size: float, color, weight: str, width: float):
    return single_line(text, TextStyle(size, color, weight=weight, line_height=1.3), field="preview",
                       max_width=width, min_size=12)


def layout_preview(names: list[str], sizes: list[tuple[int, int]], author: str, handle: str,
                   post_line: str) -> PreviewLayout:
    count = len(names)
    columns = 2 if count > 1 else 1
    rows = -(-count // columns)
    right_w = columns * CARD_WIDTH + (columns - 1) * GAP
    phone = Box(MARGIN, MARGIN, PHONE_WIDTH + 24, 0)
    screen_x = phone.x + 12
    # Post header: avatar, name, handle; then the first line of the post.
    avatar = Box(screen_x + 16, phone.y + 60, 48, 48)
    name = _label(author, 17, INK, "semibold", PHONE_WIDTH - 100)
    meta = _label(handle, 14, QUIET, "regular", PHONE_WIDTH - 100)
    name_placed = Placed(name, Box(avatar.right + 12, avatar.y, PHONE_WIDTH - 100, name.height))
    meta_placed = Placed(meta, Box(avatar.right + 12, avatar.y + name.height, PHONE_WIDTH - 100, meta.height))
    text = _label(post_line, 15, INK, "regular", PHONE_WIDTH - 32)
    text_placed = Placed(text, Box(screen_x + 16, avatar.bottom + 14, PHONE_WIDTH - 32, text.height))
    grid_area = Box(screen_x, text_placed.box.bottom + 14, PHONE_WIDTH, 0)
    grid = grid_boxes(grid_area, count, 4)[:count]
    more = None
    if count > 4:
        badge = _label(f"+{count - 4}", 28, (255, 255, 255), "bold", 100)
        last = grid[3]
        more = Placed(badge, Box(last.center_x - badge.width / 2, last.center_y - badge.height / 2,
                                 badge.width, badge.height))
        grid = grid[:4]
    grid_bottom = max(b.bottom for b in grid)
    action_line = _label("Like  ·  Comment  ·  Repost  ·  Send", 15, QUIET, "semibold", PHONE_WIDTH - 32)
    actions = Placed(action_line, Box(screen_x + (PHONE_WIDTH - action_line.width) / 2, grid_bottom + 18,
                                      action_line.width, action_line.height))
    screen = Box(screen_x, phone.y + 44, PHONE_WIDTH, actions.box.bottom + 18 - (phone.y + 44))
    phone = Box(phone.x, phone.y, phone.w, screen.bottom + 40 - phone.y)

    left = phone.right + 2 * GAP
    titles, thumbnails = [], []
    tallest = max(round(h * CARD_WIDTH / w) for w, h in sizes)
    row_h = 28 + tallest
    for i, (name_text, (w, h)) in enumerate(zip(names, sizes)):
        col, row = i % columns, i // columns
        x = left + col * (CARD_WIDTH + GAP)
        y = MARGIN + row * (row_h + GAP)
        label = _label(f"{name_text} at phone width", 15, QUIET, "medium", CARD_WIDTH)
        titles.append(Placed(label, Box(x, y, CARD_WIDTH, label.height)))
        thumbnails.append(Box(x, y + 28, CARD_WIDTH, round(h * CARD_WIDTH / w)))
    width = int(left + right_w + MARGIN)
    height = int(max(phone.bottom, MARGIN + rows * (row_h + GAP) - GAP) + MARGIN)
    return PreviewLayout((width, height), phone, screen, name_placed, meta_placed, avatar, text_placed,
                         grid, more, actions, titles, thumbnails)


def preview_scene(layout: PreviewLayout, cards: list, theme: Theme, avatar=None) -> Scene:
    """The preview's drawables: the phone with its feed post (the author's headshot when
    the post has one, else a disc of the accent), then each card at phone width."""
    items: list[Drawable] = [Shape(layout.phone, 44, fill=PHONE_FRAME), Shape(layout.screen, 8, fill=POST_BG)]
    if avatar is not None:
        items.append(Picture(layout.avatar, avatar, fit="cover", name="avatar", radius=layout.avatar.w / 2))
    else:
        items.append(Circle((layout.avatar.center_x, layout.avatar.center_y), layout.avatar.w / 2, theme.accent))
    for field, placed in (("author", layout.header_name), ("handle", layout.header_meta),
                          ("post", layout.post_text), ("actions", layout.actions)):
        items += text(field, placed, 0)
    items += [Picture(box, card, fit="cover") for card, box in zip(cards, layout.grid)]
    if layout.more_badge is not None:
        items.append(Shape(layout.grid[-1], 1, fill=(0, 0, 0), opacity=0.55))
        items += text("more", layout.more_badge, 0)
    for card, title, box in zip(cards, layout.titles, layout.thumbnails):
        items += [*text("card", title, 0), Picture(box, card)]
    return Scene(Context(theme, layout.size), Box(0, 0, *layout.size), items, background=PAGE)


def draw_preview(layout: PreviewLayout, cards: list, theme: Theme, avatar=None):
    from postimages.paint import paint

    return paint(preview_scene(layout, cards, theme, avatar))
