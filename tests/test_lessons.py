"""The lessons card: layout boxes at every size, emoji of every kind, limits and errors."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import yaml

from layout_checks import assert_inside, assert_no_overlap
from postimages.cards.lessons import spec as lessons
from postimages.cards.lessons.layout import badge_fill
from postimages.check import texts_of
from postimages.errors import SpecError, SpecErrors
from postimages.geometry import Box
from postimages.render import draw_card, layout_card
from postimages.scene import Shape, Text
from postimages.spec import PostSettings, load_card, parse_size
from postimages.text import TextStyle, measure

POST = PostSettings(author="Your Name", handle="@yourhandle", footer="Full post-mortem + code: link in comments",
                    page_numbers=True)

LESSONS = [
    ("⚡", "Validate early", "Test the core idea in week 1, not month 3."),
    ("📊", "Simple baselines first", "Ask first: what if I just bought everything?"),
    ("🎯", "Right prediction target", "Predict easy targets before rare events."),
    ("🏗️", "Infrastructure ≠ product", "Minimum viable infra. Prove PMF first."),
    ("💎", "Data quality > complexity", "Spend 50% of the time on data, not tuning."),
    ("🧪", "Test on real prices", "Backtests on real NSE prices, not toys."),
    ("🧭", "Pick one metric", "Win rate after costs decides, nothing else."),
    ("🪓", "Cut scope weekly", "Drop one feature every Friday."),
    ("📣", "Ship in public", "Share the ugly first version."),
    ("🧘", "Stay honest", "Say when something does not work."),
]


def write_card(tmp_path, items, size="square", title="5 Lessons from a Failed Trading System",
               kicker="What I'd do differently", name="lessons"):
    spec = {"kind": "lessons", "kicker": kicker, "title": title, "size": size, "items": items}
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load(tmp_path, items, **kwargs):
    card = load_card(write_card(tmp_path, items, **kwargs), POST)
    card.pages = 4
    card.page = 4
    return card


def lesson_items(n):
    return [{"icon": icon, "title": title, "text": text} for icon, title, text in LESSONS[:n]]


# A wide, short card has room for short headlines only when the list is long.
SHORT_TITLES = ["Validate", "Baselines", "Targets", "Less infra", "Clean data", "Real prices", "One metric",
                "Cut scope", "Ship it", "Be honest"]


def items_for(size, n):
    items = lesson_items(n)
    if size == "landscape" and n > 5:
        for item, title in zip(items, SHORT_TITLES):
            item["title"] = title
            del item["text"]
    return items


FRAME_FIELDS = ("kicker", "title", "subtitle", "author", "footer", "page_numbers")


@dataclass
class Parts:
    """One item's drawables: its texts (the number is named after its item, `items[i]`) and shapes."""

    panel: Shape
    title: Text
    number: Text | None = None  # none when the badge alone marks the item (tight cards)
    badge: Shape | None = None
    icon: Text | None = None
    text: Text | None = None


def parts_of(laid_out) -> list[Parts]:
    """Every item of the scene, in order."""
    count = len([s for s in laid_out.named("items[") if s.name.endswith(".panel")])
    items = []
    for i in range(count):
        field = f"items[{i}]"
        found = {"number": t for t in laid_out.texts() if t.field == field}
        found |= {t.field[len(field) + 1:]: t for t in laid_out.texts() if t.field.startswith(field + ".")}
        found |= {s.name[len(field) + 1:]: s for s in laid_out.named(field + ".")}
        items.append(Parts(**found))
    return items


def columns_of(laid_out) -> int:
    return len({round(part.panel.box.x, 3) for part in parts_of(laid_out)})


def assert_clean_layout(laid_out):
    """Every box inside the content area, nothing overlapping, each item's parts in its panel."""
    content = laid_out.content
    margins = Box(laid_out.ctx.margin_x, laid_out.ctx.margin_y, laid_out.ctx.size[0] - 2 * laid_out.ctx.margin_x,
                  laid_out.ctx.size[1] - 2 * laid_out.ctx.margin_y)
    frame = [(n, b) for n, b in laid_out.text_boxes() if n in FRAME_FIELDS]
    texts = [(n, b) for n, b in laid_out.text_boxes() if n not in FRAME_FIELDS]
    assert texts and all(n.startswith("items[") for n, _ in texts)
    items = parts_of(laid_out)
    panels = [(f"panel[{i}]", item.panel.box) for i, item in enumerate(items)]
    badges = [(f"items[{i}].badge", item.badge.box) for i, item in enumerate(items) if item.badge]
    assert_inside(texts + panels + badges, content)
    assert_inside(frame, margins)
    assert_no_overlap(panels)
    without_icons = [(n, b) for n, b in texts if not n.endswith(".icon")]
    assert_no_overlap(without_icons + badges + frame)
    for i, item in enumerate(items):
        parts = [(f"items[{i}].{n}", getattr(item, n).box) for n in ("number", "title", "text", "icon")
                 if getattr(item, n)]
        assert_inside(parts + ([("badge", item.badge.box)] if item.badge else []),
                      item.panel.box.inset(8 * laid_out.ctx.u))
        if item.icon:
            assert_inside([("icon", item.icon.box)], item.badge.box)


def colour_share(image, box: Box, min_chroma: int = 60) -> float:
    """Share of the box's pixels that are clearly coloured (not grey, white or navy)."""
    data = image.crop(box.as_int()).convert("RGB").tobytes()
    pixels = [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]
    coloured = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) >= min_chroma
                   and not _near_accent((r, g, b)))
    return coloured / max(1, len(pixels))


def _near_accent(rgb, accent=(0x5B, 0x8C, 0xFF)):
    return sum(abs(a - b) for a, b in zip(rgb, accent)) < 60


# --- layout at every size ---------------------------------------------------


@pytest.mark.parametrize("size", ["square", "portrait", "landscape"])
@pytest.mark.parametrize("count", [1, 5, 8, 10])
def test_boxes_inside_and_apart(tmp_path, size, count):
    card = load(tmp_path, items_for(size, count), size=size)
    laid_out = layout_card(card)
    assert len(parts_of(laid_out)) == count
    assert_clean_layout(laid_out)
    parts = parts_of(laid_out)
    if all(item.number is None for item in parts):  # tight: the icon alone marks each item
        assert all(item.badge is not None and item.icon is not None for item in parts)
    else:
        assert [item.number.block.lines[0].text for item in parts] == [f"{i:02d}" for i in range(1, count + 1)]


@pytest.mark.parametrize("size", ["square", "portrait"])
@pytest.mark.parametrize("count", [1, 5, 8, 10])
def test_texts_are_kept_on_square_and_portrait(tmp_path, size, count):
    laid_out = layout_card(load(tmp_path, lesson_items(count), size=size))
    shown = [" ".join(line.text for line in item.text.block.lines) for item in parts_of(laid_out)]
    assert shown == [text for _, _, text in LESSONS[:count]]


def test_type_meets_the_minimum_and_is_shared_by_all_items(tmp_path):
    laid_out = layout_card(load(tmp_path, lesson_items(10), size="portrait"))
    items = parts_of(laid_out)
    minimum = laid_out.ctx.min_text
    assert {item.title.block.style.size for item in items} == {items[0].title.block.style.size}
    assert all(item.title.block.style.size >= minimum and item.text.block.style.size >= minimum - 0.01
               for item in items)


def test_five_lessons_on_a_square_card_read_big(tmp_path):
    """The post's card: one column, titles 40 px or more and the lesson on one line each."""
    laid_out = layout_card(load(tmp_path, lesson_items(5)))
    assert columns_of(laid_out) == 1
    for item in parts_of(laid_out):
        assert item.title.block.style.size >= 40
        assert item.text.block.style.size >= 32
        assert len(item.text.block.lines) == 1
    heights = {round(item.panel.box.h, 1) for item in parts_of(laid_out)}
    assert len(heights) == 1, "rows with the same content share one height"


def test_long_lists_use_two_columns_on_a_wide_card(tmp_path):
    laid_out = layout_card(load(tmp_path, items_for("landscape", 8), size="landscape"))
    assert columns_of(laid_out) >= 2


def test_items_without_icons_or_text(tmp_path):
    items = [{"title": "Validate early"}, {"title": "Simple baselines first", "text": "Buy everything first."}]
    laid_out = layout_card(load(tmp_path, items))
    assert_clean_layout(laid_out)
    laid_items = parts_of(laid_out)
    assert len(laid_items) == 2
    assert all(item.badge is None and item.icon is None for item in laid_items)
    assert laid_items[0].text is None


def test_check_sees_each_icon_on_its_badge_and_every_other_text_on_its_panel(tmp_path):
    laid_out = layout_card(load(tmp_path, lesson_items(5)))
    theme = laid_out.ctx.theme
    seen = [item for item in texts_of(laid_out) if item.field.startswith("items[")]
    assert len(seen) == 5 * 4
    for item in seen:
        expected = badge_fill(theme) if item.field.endswith(".icon") else theme.panel
        assert item.behind == (tuple(expected[:3]),), item.field
        assert item.legible == laid_out.ctx.min_text


# --- emoji and symbols ----------------------------------------------------------

EMOJI_ITEMS = [
    {"icon": "⚡", "title": "⚡ Single emoji", "text": "⚡ A bolt → faster ₹ returns"},
    {"icon": "🏗️", "title": "🏗️ Variation selector", "text": "🏗️ Infrastructure ≠ product"},
    {"icon": "1️⃣", "title": "1️⃣ Keycap first", "text": "1️⃣ One thing at a time"},
    {"icon": "👩‍💻", "title": "👩‍💻 ZWJ sequence", "text": "👩‍💻 Pair with a developer"},
    {"icon": "🇮🇳", "title": "🇮🇳 Flag of India", "text": "🇮🇳 NSE prices in ₹"},
]


def test_every_kind_of_emoji_is_one_colour_glyph(tmp_path):
    style = TextStyle(40, (255, 255, 255))
    one_emoji = measure("⚡", style)
    for item in EMOJI_ITEMS:
        assert measure(item["icon"], style) == pytest.approx(one_emoji), item["icon"]


def test_emoji_draw_in_colour_in_icons_titles_and_texts(tmp_path):
    card = load(tmp_path, EMOJI_ITEMS)
    laid_out = layout_card(card)
    assert_clean_layout(laid_out)
    image = draw_card(card, laid_out)
    for item in parts_of(laid_out):
        assert colour_share(image, item.icon.box) > 0.08, item.icon.block.lines[0].text
        for placed in (item.title, item.text):
            size = placed.block.style.size
            # The emoji opens the line: its square is where the line starts.
            first = Box(placed.box.x, placed.box.y, size, placed.block.line_advance)
            assert colour_share(image, first) > 0.05, placed.block.lines[0].text


def test_symbols_are_drawn_by_a_text_font(tmp_path):
    from postimages.text import segment

    for symbol in "≠→₹>":
        runs = segment(symbol, "text", "regular")
        assert runs and all(run.font_path is not None for run in runs), symbol


def test_eight_items_at_portrait_with_a_long_lesson_fit_whole(tmp_path):
    long_text = ("We spent ninety days on scrapers, feature stores, model registries and dashboards before a "
                 "single honest backtest run; the first real test said there was no edge at all, which a one-week "
                 "prototype on real NSE prices would have told us soon, for free.")
    assert len(long_text) == 250
    items = lesson_items(8)
    items[0]["icon"] = "1️⃣"
    items[2]["icon"] = "🇮🇳"
    items[4]["title"] = "Pair with engineers 👩‍💻"
    items[5]["text"] = long_text
    card = load(tmp_path, items, size="portrait")
    laid_out = layout_card(card)
    assert_clean_layout(laid_out)
    laid_items = parts_of(laid_out)
    for i, item in enumerate(laid_items):
        assert " ".join(line.text for line in item.title.block.lines) == items[i]["title"]
        assert " ".join(line.text for line in item.text.block.lines) == items[i]["text"]
    image = draw_card(card, laid_out)
    assert image.size == (1080, 1350)
    for index in (0, 2):
        icon = laid_items[index].icon
        assert colour_share(image, icon.box) > 0.08
    title = laid_items[4].title
    end = title.box.x + title.block.lines[-1].width
    emoji = Box(end - title.block.style.size, title.box.y, title.block.style.size, title.block.line_advance)
    assert colour_share(image, emoji) > 0.05
    long_row = laid_items[5].panel.box
    assert long_row.h > laid_items[0].panel.box.h, "the long lesson gets a taller row"


# --- limits and errors ------------------------------------------------------------


@pytest.mark.parametrize("count, message", [(0, "at least 1"), (11, "at most 10")])
def test_item_count_outside_1_to_10_is_a_spec_error(tmp_path, count, message):
    path = write_card(tmp_path, lesson_items(10) + lesson_items(1) if count == 11 else [])
    with pytest.raises(SpecErrors) as caught:
        load_card(path, POST)
    error = caught.value.errors[0]
    assert error.field == "items" and message in error.message
    items_line = path.read_text(encoding="utf-8").splitlines().index(
        next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("items:"))) + 1
    assert error.line in (items_line, items_line + 1)


def test_item_without_title_is_a_spec_error(tmp_path):
    with pytest.raises(SpecErrors) as caught:
        load_card(write_card(tmp_path, [{"icon": "⚡", "text": "No title"}]), POST)
    assert caught.value.errors[0].field == "items[0]"
    assert "title" in caught.value.errors[0].message


@pytest.mark.parametrize("text", ["ܫܠܡܐ", "Unassigned \U000E0FFF here"])
def test_a_character_no_font_has_is_a_located_error(tmp_path, text):
    items = lesson_items(3)
    items[1]["text"] = text
    card = load(tmp_path, items)
    with pytest.raises(SpecError) as caught:
        layout_card(card)
    error = caught.value
    assert error.field == "items[1].text"
    assert error.line is not None and "no bundled font" in error.message


def test_too_much_text_fails_naming_the_field_and_the_cut(tmp_path):
    items = lesson_items(10)
    items[3]["text"] = " ".join(["Infrastructure does not make money; product-market fit does."] * 6)
    card = load(tmp_path, items, size="landscape")
    card.size = parse_size("landscape")
    with pytest.raises(SpecError) as caught:
        layout_card(card)
    error = caught.value
    assert error.field == "items[3].text"
    # The hint names fixes that were tried: followed, the card fits.
    kept = int(re.search(r"keep at most (\d+) items?", error.hint).group(1))
    assert 0 < kept < len(items)
    fewer = load(tmp_path / "fewer" if (tmp_path / "fewer").mkdir() is None else tmp_path, items[:kept],
                 size="landscape")
    assert_clean_layout(layout_card(fewer))


LONG_TITLE = ("Infrastructure, orchestration, monitoring, deployment, registries, dashboards, "
              "scrapers: WWWWWWWWW MMMMMMMMMM WWWWWWW")


def test_a_title_too_long_for_two_lines_renders_smaller_with_a_warning_naming_it(tmp_path):
    from postimages.legibility import render_warning

    items = lesson_items(3)
    items[2]["title"] = LONG_TITLE
    card = load(tmp_path, items, size="portrait")
    laid_out = layout_card(card)
    assert_clean_layout(laid_out)
    warning = render_warning(card, laid_out)
    assert warning.field == "items[2].title"
    assert "shorten it" in warning.hint
    sizes = [t.block.style.size for t in laid_out.texts() if t.field.startswith("items[")]
    assert laid_out.ctx.floor_text - 0.5 <= min(sizes) < laid_out.ctx.min_text


def test_landscape_keeps_every_lesson_on_its_title_line(tmp_path):
    laid_out = layout_card(load(tmp_path, lesson_items(5), size="landscape"))
    assert_clean_layout(laid_out)
    for item, (_, title, text) in zip(parts_of(laid_out), LESSONS):
        assert item.title.block.lines[0].text == title
        assert [line.text for line in item.text.block.lines] == [text]
        assert item.text.placed.box.y == item.title.placed.box.y  # one line: same baseline
        assert item.text.placed.box.x >= item.title.box.right


def test_a_long_list_with_texts_on_landscape_fails_naming_a_text(tmp_path):
    with pytest.raises(SpecError) as caught:
        layout_card(load(tmp_path, lesson_items(8), size="landscape"))
    assert re.match(r"items\[\d\]\.text$", caught.value.field)
    assert re.search(r"keep at most \d+ items|shorten each lesson's text by about \d+", caught.value.hint)


# --- alt text -----------------------------------------------------------------------


def test_alt_text_lists_the_lessons_in_sentences(tmp_path):
    alt = lessons.alt_text(load(tmp_path, lesson_items(5)))
    assert alt.startswith("5 Lessons from a Failed Trading System: 1. Validate early.")
    assert "5. Data quality > complexity." in alt
    assert len(alt) <= 250


def test_alt_text_of_a_long_list_keeps_every_title(tmp_path):
    alt = lessons.alt_text(load(tmp_path, lesson_items(10)))
    assert all(title in alt for _, title, _ in LESSONS)


def test_a_tight_card_marks_each_item_with_its_icon_alone_and_reads_across(tmp_path, monkeypatch):
    """When a number and an icon each would leave too little room for legible text,
    the icon alone marks each item (before any type goes under the legible size),
    and the items read across."""
    from postimages.cards.lessons import sizing
    from postimages.fitting import NoFit

    real = sizing.row_heights

    def numbers_never_fit(items, grid, size, content, ctx, inline=False, numbered=True):
        if numbered:
            raise NoFit("items", "no room with numbers")
        return real(items, grid, size, content, ctx, inline, numbered)

    monkeypatch.setattr(sizing, "row_heights", numbers_never_fit)
    items = lesson_items(4)
    card = load(tmp_path, items, size="landscape")
    laid_out = layout_card(card)
    assert laid_out.shrunk is None  # still legible
    parts = parts_of(laid_out)
    assert all(part.number is None and part.badge is not None for part in parts)
    if len({round(part.panel.box.y) for part in parts}) < len(parts):  # more than one column
        first, second = parts[0].panel.box, parts[1].panel.box
        assert second.x > first.right and abs(second.y - first.y) < 0.5  # 1 → 2 across, as a text reads


def test_a_roomy_card_keeps_both_markers(tmp_path):
    laid_out = layout_card(load(tmp_path, lesson_items(5), size="portrait"))
    assert all(part.number is not None for part in parts_of(laid_out))
