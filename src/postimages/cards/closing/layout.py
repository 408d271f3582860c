"""kind: closing — the layout: kicker, a title as large as the card allows, the lines
with accent bullets, and the call to action as a filled button, stacked in the middle;
on a wide card the lines take a column at the right."""

from __future__ import annotations

from dataclasses import dataclass

from postimages import slide
from postimages.cards.closing.spec import lines_of
from postimages.fitting import NoFit
from postimages.frame import Context
from postimages.geometry import Box
from postimages.scene import Circle, Drawable, Shrunk
from postimages.slide import Button, Piece
from postimages.text import TextStyle, check_drawable
from postimages.textfit import balance, fit

# At 1200 px wide.
LARGEST_TITLE = 280
LINE, LINE_MIN = 46, 34
CTA, CTA_LARGEST = 40, 72
CTA_SHARE = 1 / 3  # the button's label, in title sizes: under a poster-sized title it is a poster's button
WIDE_SPLITS = (0.46, 0.36)  # the title's share of a wide card, the lines beside it


@dataclass(frozen=True)
class Column:
    pieces: list[Piece]
    box: Box  # where the stack starts and how wide it is


@dataclass(frozen=True)
class Composition:
    columns: list[Column]
    bullets: list[Circle]
    cta: Button | None
    shrunk: Shrunk | None = None  # the lines went under their legible size (wide cards)


def layout(card, content: Box, ctx: Context) -> list[Drawable]:
    for i, line in enumerate(lines_of(card)):
        check_drawable(line, f"lines[{i}]")
    if ctx.compact and lines_of(card):
        composition, shrunk = _widest_lines(card, content, ctx)
    else:
        composition, shrunk = slide.largest_title(LARGEST_TITLE, ctx, lambda size: _compose(card, size, content, ctx))
    items: list[Drawable] = []
    for column in composition.columns:
        items += slide.stack_items(column.pieces, column.box.x, column.box.y, column.box.w)
    items += composition.bullets
    if composition.cta is not None:
        items += slide.button_items(composition.cta, "cta", ctx, filled=True)
    shrunk = composition.shrunk or shrunk  # the lines, when they shrank, are the smallest text
    return items + ([shrunk] if shrunk else [])


def _cta(card, title_size: float, width: float, ctx: Context) -> Button | None:
    """The button, larger under a large title."""
    if not card.fields["cta"]:
        return None
    size = max(ctx.px(CTA), min(ctx.px(CTA_LARGEST), title_size * CTA_SHARE))
    return slide.button(card.fields["cta"].strip(), "cta", size, width, ctx, filled=True)


def _compose(card, size: float, content: Box, ctx: Context) -> Composition:
    cta = _cta(card, size, content.w, ctx)
    pieces = _head(card, size, content.w, ctx) + _lines(card, size, content.w, ctx, first_gap=ctx.px(48))
    stack_h = slide.stack_height(pieces)
    height = stack_h + (max(ctx.px(56), size * 0.3) + cta.box.h if cta else 0)
    if height > content.h:
        raise slide.room_error("title", height, content.h)
    top = slide.balanced_top(content, height, ctx)
    placed_cta = slide.moved(cta, content.x, top + height - cta.box.h) if cta else None
    column = Column(pieces, Box(content.x, top, content.w, stack_h))
    return Composition([column], _bullets(column, ctx), placed_cta)


def _widest_lines(card, content: Box, ctx: Context):
    """Side by side, the title's column as wide as keeps the lines legible; when no split
    does, the one that draws them largest."""
    best, failure = None, None
    for split in WIDE_SPLITS:
        try:
            found = slide.largest_title(LARGEST_TITLE, ctx, lambda size: _compose_wide(card, size, content, ctx, split))
        except NoFit as exc:
            failure = failure or exc
            continue
        if found[0].shrunk is None:
            return found
        if best is None or _drawn_line_size(found[0]) > _drawn_line_size(best[0]):
            best = found
    if best is None:
        raise failure
    return best


def _drawn_line_size(c: Composition) -> float:
    return min(p.block.style.size for column in c.columns for p in column.pieces if p.field.startswith("lines["))


def _compose_wide(card, size: float, content: Box, ctx: Context, split: float) -> Composition:
    """Title and button on the left, the lines on the right, each centred on the card's middle;
    a button too long for the left column goes under both, at the foot."""
    gap = ctx.px(64)
    left_w = (content.w - gap) * split
    try:
        cta, cta_under = _cta(card, size, left_w, ctx), False
    except NoFit:
        cta, cta_under = _cta(card, size, content.w, ctx), True
    area = Box(content.x, content.y, content.w, content.h - (cta.box.h + ctx.px(40) if cta_under else 0))
    right = Box(area.x + left_w + gap, area.y, area.w - left_w - gap, area.h)
    head = _head(card, size, left_w, ctx)
    head_h = slide.stack_height(head) + (ctx.px(48) + cta.box.h if cta and not cta_under else 0)
    if head_h > area.h:
        raise slide.room_error("title", head_h, area.h)
    lines, shrunk = _lines_within(card, size, right, ctx)
    lines_h = slide.stack_height(lines)
    top = area.y + (area.h - head_h) / 2
    placed_cta = None
    if cta is not None:
        placed_cta = slide.moved(cta, content.x, content.bottom - cta.box.h if cta_under else top + head_h - cta.box.h)
    lines_column = Column(lines, Box(right.x, area.y + (area.h - lines_h) / 2, right.w, lines_h))
    columns = [Column(head, Box(content.x, top, left_w, head_h)), lines_column]
    return Composition(columns, _bullets(lines_column, ctx), placed_cta, shrunk)


def _lines_within(card, size: float, column: Box, ctx: Context) -> tuple[list[Piece], Shrunk | None]:
    """The lines in their own column: smaller down to the floor when they need to, with a warning."""
    largest = _line_size(size, ctx)
    sizes = [largest - i * ctx.px(2) for i in range(int((largest - ctx.floor_text) / ctx.px(2)) + 1)]
    for line_size in sizes:
        lines = _lines(card, size, column.w, ctx, first_gap=0, line_size=line_size)
        needed = slide.stack_height(lines)
        if needed <= column.h:
            shrunk = None
            if line_size < ctx.px(LINE_MIN) - 0.5:
                shrunk = Shrunk("lines", "the lines need more room beside the title",
                                "shorten the lines, or use a taller size such as square")
            return lines, shrunk
    raise slide.room_error("lines", needed, column.h)


def _head(card, size: float, width: float, ctx: Context) -> list[Piece]:
    pieces = slide.kicker_piece(card, width, ctx)
    title = slide.title_block(card.fields["title"].strip(), size, width, ctx, max_lines=4)
    return pieces + [Piece("title", title, ctx.px(22), ctx.px(slide.LEGIBLE_TITLE))]


def _line_size(title_size: float, ctx: Context) -> float:
    return max(ctx.px(LINE_MIN), min(ctx.px(LINE), title_size * 0.45))


def _lines(card, size: float, width: float, ctx: Context, first_gap: float, line_size: float = 0) -> list[Piece]:
    style = TextStyle(line_size or _line_size(size, ctx), ctx.theme.muted, weight="medium", line_height=1.3)
    indent = ctx.px(44)
    pieces = []
    for i, line in enumerate(lines_of(card)):
        block = balance(fit(line, style, field=f"lines[{i}]", max_width=width - indent, max_lines=3,
                            min_size=ctx.min_text), width - indent)
        pieces.append(Piece(f"lines[{i}]", block, first_gap if i == 0 else ctx.px(18), ctx.px(LINE_MIN),
                            indent=indent))
    return pieces


def _bullets(column: Column, ctx: Context) -> list[Circle]:
    """An accent dot at the middle of each line's first row."""
    bullets, y = [], column.box.y
    for i, piece in enumerate(column.pieces):
        y += piece.gap_before if i else 0
        if piece.field.startswith("lines["):
            r = piece.block.style.size * 0.2
            middle = y + piece.block.line_advance / 2
            bullets.append(Circle((column.box.x + r + ctx.px(4), middle), r, ctx.theme.accent,
                                  name=f"{piece.field}.bullet"))
        y += piece.block.height
    return bullets
