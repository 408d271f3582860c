"""The code card: fitting, wrapping, line ranges, highlights, text mode, errors."""

from __future__ import annotations

import asyncio
import inspect
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from layout_checks import assert_inside, assert_no_overlap
from postimages import cards
from postimages.build import render_job
from postimages.plan import Options, load_job, plan
from postimages.cards.code import layout as code_card
from postimages.cards.code import sizing
from postimages.cards.code.grid import column_width
from postimages.errors import SpecError, SpecErrors
from postimages.geometry import Box
from postimages.render import layout_card, render_card
from postimages.scene import Glyphs, Rect, Scene, Text
from postimages.spec import parse_size

LOCATED = r"\.yaml:\d+:\d+: "  # file:line:col before the field path


def write_spec(folder: Path, body: str, name: str = "card.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def load(spec: Path, size=None):
    jobs, problems = plan([spec])
    assert not problems
    return load_job(jobs[0], Options(size=size))


@dataclass
class SeenRow:
    """One row of the code window as the scene draws it."""

    box: Box  # the row's line box
    number: Glyphs | None  # the line number, on a line's first row
    mark: Glyphs | None  # the ↪ mark, on its other rows
    pieces: list[Glyphs | Rect]  # the code: glyph runs and box-drawing bars
    highlighted: bool  # under a highlight band

    @property
    def text_box(self) -> Box | None:
        """Where the row's code lies."""
        boxes = [piece.box for piece in self.pieces]
        if not boxes:
            return None
        left, right = min(b.x for b in boxes), max(b.right for b in boxes)
        return Box(left, self.box.y, right - left, self.box.h)


@dataclass
class CodeView:
    """The code card's scene, read back as a window of rows."""

    scene: Scene
    window: Box
    code_area: Box
    rows: list[SeenRow]
    bands: list[Box]
    title: Text | None
    font_size: int
    line_height: float

    def text_boxes(self) -> list[tuple[str, Box]]:
        frame = ("kicker", "title", "subtitle", "author", "footer", "page_numbers")
        return [(name, box) for name, box in self.scene.text_boxes() if name not in frame]


def code_view(scene: Scene) -> CodeView:
    px = scene.ctx.px
    window = next(shape.box for shape in scene.named("window") if shape.name == "window")
    bands = [shape.box for shape in scene.named("band") if not shape.name.endswith(".stripe")]
    glyphs = [item for item in scene.texts() if isinstance(item, Glyphs)]
    line_height = glyphs[0].row.h
    # The rows fill the window between the title bar and the bottom padding.
    top = window.y + px(code_card.TITLE_BAR + code_card.PAD_TOP)
    count = round((window.bottom - px(code_card.PAD_BOTTOM) - top) / line_height)
    area = Box(window.x + px(code_card.PAD_X), top, window.w - 2 * px(code_card.PAD_X), count * line_height)
    rows = [SeenRow(Box(area.x, top + i * line_height, area.w, line_height), None, None, [],
                    any(band.contains(Box(area.x, top + i * line_height, area.w, line_height)) for band in bands))
            for i in range(count)]
    for item in glyphs:
        row = next(r for r in rows if abs(r.box.y - item.row.y) < 0.01)
        assert item.row == row.box, (item.row, row.box)
        if item.field == "line_numbers":
            row.number = item
        elif item.line.text == code_card.CONTINUATION_MARK and row.number is None and not row.pieces and row.mark is None:
            row.mark = item
        else:
            row.pieces.append(item)
    for bar in scene.named("", Rect):
        next(r for r in rows if r.box.y <= bar.box.center_y <= r.box.bottom).pieces.append(bar)
    title = next((t for t in scene.texts() if t.field == "window_title"), None)
    sizes = {item.style.size for item in glyphs if item.field in ("source", "code")}
    assert len(sizes) == 1, sizes
    return CodeView(scene, window, area, rows, bands, title, sizes.pop(), line_height)


def laid_out(spec: Path, size=None):
    card = load(spec, size)
    return card, code_view(layout_card(card))


def inline(folder: Path, code: str, **fields) -> Path:
    fields = {"language": "python", **fields}
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    block = textwrap.indent(textwrap.dedent(code), "  ")
    header = "kicker: Test card\ntitle: A headline like a real card\n"
    return write_spec(folder, f"kind: code\n{header}{extra}code: |\n{block}")


def errors_of(spec: Path, out: Path) -> list[str]:
    result = render_job(plan([spec])[0][0], Options(out_dir=out))
    assert not result.ok
    return result.errors


def python_lines(count: int, width: int = 20) -> str:
    return "".join(f"value_{i} = {i}".ljust(width)[:width].rstrip() + "\n" for i in range(1, count + 1))


def assert_rows_inside_window(layout) -> None:
    assert_inside([(name, box) for name, box in layout.text_boxes() if name != "caption"], layout.window)
    assert_inside([(f"row[{i}]", row.text_box) for i, row in enumerate(layout.rows) if row.text_box],
                  layout.code_area)
    assert_no_overlap([(f"row[{i}]", row.box) for i, row in enumerate(layout.rows)])


# --- fitting ----------------------------------------------------------------


def most_lines_that_fit(folder: Path) -> int:
    """The count the too-many-lines error gives for this card (headline and all)."""
    with pytest.raises(SpecError) as caught:
        layout_card(load(inline(folder, python_lines(80))))
    message = str(caught.value)
    assert re.search(LOCATED + r"code: 80 lines do not fit: at the smallest code size of 16 px the window holds \d+",
                     message), message
    return int(re.search(r"holds (\d+)", message).group(1))


def test_few_lines_get_a_bigger_font_than_many(tmp_path):
    _, few = laid_out(inline(tmp_path, python_lines(3)))
    _, more = laid_out(inline(tmp_path, python_lines(20)))
    assert sizing.MAX_CODE_PX >= few.font_size > more.font_size > sizing.MIN_CODE_PX


def test_as_many_lines_as_the_error_says_fit_at_the_minimum_size(tmp_path):
    fits = most_lines_that_fit(tmp_path)
    assert fits >= 40
    _, layout = laid_out(inline(tmp_path, python_lines(fits)))
    assert layout.font_size == sizing.FLOOR_CODE_PX
    assert_rows_inside_window(layout)
    with pytest.raises(SpecError, match=f"{fits + 1} lines do not fit"):
        layout_card(load(inline(tmp_path, python_lines(fits + 1))))


def test_long_code_closes_up_its_lines_before_failing(tmp_path):
    fits = most_lines_that_fit(tmp_path)
    _, roomy = laid_out(inline(tmp_path, python_lines(12)))
    _, tight = laid_out(inline(tmp_path, python_lines(fits)))
    assert roomy.line_height == pytest.approx(sizing.CODE_LINE_HEIGHT * roomy.font_size)
    assert sizing.MIN_LINE_HEIGHT * tight.font_size - 0.01 <= tight.line_height
    assert tight.line_height < sizing.CODE_LINE_HEIGHT * tight.font_size


def test_too_many_lines_of_a_range_blames_lines_and_suggests_a_range(tmp_path):
    (tmp_path / "long.py").write_text(python_lines(80))
    spec = write_spec(tmp_path, "kind: code\nsource: long.py\nlines: 5-75\n")
    errors = errors_of(spec, tmp_path / "out")
    assert re.search(LOCATED + r"lines: 71 lines do not fit.*`lines: 5-\d+`", errors[0]), errors


# --- wrapping -----------------------------------------------------------------


def test_long_lines_wrap_with_a_mark_and_stay_inside_the_window(tmp_path):
    long_call = "    return combine(" + ", ".join(f"argument_{i}" for i in range(14)) + ")"
    spec = inline(tmp_path, f"def f():\n{long_call}\n")
    card, layout = laid_out(spec)
    assert layout.font_size == sizing.MIN_CODE_PX
    assert len(layout.rows) > 2
    first, *continued = layout.rows[1:]
    assert first.number is not None and first.mark is None
    for row in continued:
        assert row.number is None
        assert "".join(r.text for r in row.mark.line.runs) == code_card.CONTINUATION_MARK
        assert row.text_box.x > first.text_box.x  # hangs under the line's indent
    assert_rows_inside_window(layout)
    render_card(card)


# --- line ranges and highlights ---------------------------------------------


def numbers(layout) -> list[str]:
    return ["".join(run.text for run in row.number.line.runs) for row in layout.rows if row.number]


def test_a_range_keeps_the_source_numbering(tmp_path):
    (tmp_path / "snippet.py").write_text(python_lines(30))
    spec = write_spec(tmp_path, "kind: code\nsource: snippet.py\nlines: 12-15\n")
    _, layout = laid_out(spec)
    assert numbers(layout) == ["12", "13", "14", "15"]
    assert layout.title.block.lines[0].text == "snippet.py"


def test_line_numbers_can_be_hidden(tmp_path):
    _, layout = laid_out(inline(tmp_path, python_lines(3), line_numbers="false"))
    assert numbers(layout) == []
    assert layout.rows[0].text_box.x == pytest.approx(layout.code_area.x)


def test_highlighted_lines_get_a_band_and_the_others_dim(tmp_path):
    plain = laid_out(inline(tmp_path, python_lines(6)))[1]
    marked = laid_out(inline(tmp_path, python_lines(6), highlight='"3-4"'))[1]
    assert [row.highlighted for row in marked.rows] == [False, False, True, True, False, False]
    assert len(marked.bands) == 1
    band = marked.bands[0]
    assert band.y == pytest.approx(marked.rows[2].box.y) and band.bottom == pytest.approx(marked.rows[3].box.bottom)
    assert band.x == marked.window.x and band.w == marked.window.w

    def colors(layout, index):
        return [p.style.color for p in layout.rows[index].pieces if isinstance(p, Glyphs)]

    assert colors(marked, 2) == colors(plain, 2)  # highlighted lines keep their colours
    assert colors(marked, 0) != colors(plain, 0)  # the others step back


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_band_stands_out_and_every_token_still_reads(repo_root, theme):
    """The shipped code card: the band 1.4:1 or more against the window, tinted with the
    accent; every run of code 4.5:1 or more on what is under it (dimmed lines too); the
    code itself starts from 7:1 on the window."""
    from postimages.check import texts_of
    from postimages.color import contrast
    from postimages.theme import LIGHT

    job = next(j for j in plan([repo_root / "specs"])[0] if j.spec.stem == "03-code")
    card = load_job(job, Options(theme=LIGHT if theme == "light" else None))
    scene = layout_card(card)
    window = next(shape for shape in scene.named("window") if shape.name == "window").fill
    band = next(shape for shape in scene.named("band") if not shape.name.endswith(".stripe")).fill
    accent = scene.ctx.theme.accent
    assert contrast(band, window) >= 1.4
    # Tinted towards the accent: closer to it than the window is.
    assert sum(abs(a - b) for a, b in zip(band, accent)) < sum(abs(a - b) for a, b in zip(window, accent))
    runs = [seen for seen in texts_of(scene) if seen.field in ("source", "code")]
    assert runs and all(contrast(seen.color, under) >= 4.5 for seen in runs for under in seen.behind)
    highlighted = {seen.color for seen in runs if band in seen.behind}
    plain = {seen.color for seen in runs if band not in seen.behind}
    assert min(contrast(color, window) for color in highlighted) >= 7.0 / 1.4 - 0.05
    assert highlighted.isdisjoint(plain)  # the other lines step back


# --- text mode ----------------------------------------------------------------

DIAGRAM = """\
┌────────┐    ┌────────┐
│ agents │───▶│ model  │
└────┬───┘    └────────┘
     │
     ▼
  results
"""


def test_text_mode_keeps_diagrams_on_the_grid_and_joins_lines(tmp_path):
    spec = write_spec(tmp_path, "kind: code\nlanguage: text\nline_numbers: false\ncode: |\n"
                      + textwrap.indent(DIAGRAM, "  "))
    card, layout = laid_out(spec)
    advance = column_width(layout.font_size)
    x0 = layout.code_area.x
    # Every glyph run starts on a column of the grid.
    for row in layout.rows:
        for piece in row.pieces:
            if isinstance(piece, Glyphs) and piece.line.runs[0].font_path is not None:
                column = (piece.x - x0) / advance
                assert column == pytest.approx(round(column), abs=0.5) or piece.line.text in "▶▼"
    # The stem under ┬ runs down through │ to ▼ without a gap, and so does
    # the left edge of the first box from ┌ through │ to └.
    def column_bars(rows, column):
        left = x0 + column * advance
        return sorted((p.box for row in rows for p in row.pieces
                       if isinstance(p, Rect) and p.box.w < p.box.h and left <= p.box.x < left + advance),
                      key=lambda box: box.y)

    for bars in (column_bars(layout.rows[2:4], 5), column_bars(layout.rows[0:3], 0)):
        assert len(bars) >= 3
        assert len({box.x for box in bars}) == 1
        assert all(below.y <= above.bottom for above, below in zip(bars, bars[1:]))
    assert_rows_inside_window(layout)
    render_card(card)


def test_emoji_in_comments_are_drawn_in_colour_between_grid_cells(tmp_path):
    spec = inline(tmp_path, "x = 1  # done ✅\ny = 2\n")
    _, layout = laid_out(spec)
    emoji = [p for p in layout.rows[0].pieces if isinstance(p, Glyphs) and p.line.runs[0].font_path is None]
    assert len(emoji) == 1
    advance = column_width(layout.font_size)
    column = (emoji[0].x - layout.code_area.x - layout.rows[0].text_box.x + layout.code_area.x) / advance
    assert 14 <= column < 16  # centred in its two columns after "x = 1  # done "


# --- errors -------------------------------------------------------------------


def test_missing_source_file_is_a_located_error(tmp_path):
    spec = write_spec(tmp_path, "kind: code\ntitle: Orchestrator\nsource: snippets/x.py\n")
    errors = errors_of(spec, tmp_path / "out")
    assert re.search(LOCATED + r"source: no such file: .*snippets/x\.py", errors[0]), errors
    assert "card.yaml:3:9" in errors[0]


def test_lines_outside_the_file_is_a_located_error(tmp_path):
    (tmp_path / "short.py").write_text(python_lines(10))
    spec = write_spec(tmp_path, "kind: code\nsource: short.py\nlines: 40-50\n")
    errors = errors_of(spec, tmp_path / "out")
    assert re.search(LOCATED + r"lines: lines 40-50 are outside the file, which has 10 lines", errors[0]), errors


def test_unknown_language_suggests_a_close_name(tmp_path):
    spec = inline(tmp_path, "x = 1\n", language="pyhton")
    with pytest.raises(SpecErrors) as caught:
        load(spec)
    message = str(caught.value)
    assert re.search(LOCATED + r"language: unknown language 'pyhton' \(did you mean 'python", message), message


def test_unknown_code_theme_lists_valid_ones(tmp_path):
    spec = inline(tmp_path, "x = 1\n", code_theme="no-such-theme")
    with pytest.raises(SpecErrors) as caught:
        load(spec)
    message = str(caught.value)
    assert re.search(LOCATED + r"code_theme: unknown code theme 'no-such-theme' \(try one of: .*monokai", message)


def test_source_and_code_are_exclusive(tmp_path):
    both = write_spec(tmp_path, "kind: code\nsource: a.py\ncode: x = 1\n")
    with pytest.raises(SpecErrors, match=LOCATED + "code: give either `source:` or `code:`, not both"):
        load(both)
    neither = write_spec(tmp_path, "kind: code\ntitle: Empty\n")
    with pytest.raises(SpecErrors, match="missing the code to show"):
        load(neither)


def test_bad_highlight_is_reported_at_validation(tmp_path):
    spec = inline(tmp_path, "x = 1\n", highlight='"9-2"')
    with pytest.raises(SpecErrors, match=LOCATED + "highlight: the range 9-2 runs backwards"):
        load(spec)


def test_a_failed_render_leaves_the_previous_png_untouched(tmp_path):
    (tmp_path / "snippet.py").write_text(python_lines(12))
    spec = write_spec(tmp_path, "kind: code\nsource: snippet.py\nlines: 2-6\n")
    out = tmp_path / "out"
    first = render_job(plan([spec])[0][0], Options(out_dir=out))
    assert first.ok, first.errors
    before = first.output.read_bytes()
    for broken in ("lines: 20-30\n", "language: pyhton\n", "source: gone.py\n"):
        key = broken.split(":")[0]
        text = "".join(line for line in spec.read_text().splitlines(True) if not line.startswith(key))
        spec.write_text(text + broken)
        assert not render_job(plan([spec])[0][0], Options(out_dir=out)).ok
        assert first.output.read_bytes() == before
        spec.write_text("kind: code\nsource: snippet.py\nlines: 2-6\n")


# --- real code no one here wrote ------------------------------------------


def test_the_standard_library_task_group_renders_cleanly(tmp_path):
    source = Path(inspect.getsourcefile(asyncio.taskgroups)).read_text(encoding="utf-8")
    (tmp_path / "taskgroups.py").write_text(source, encoding="utf-8")
    start = next(i for i, line in enumerate(source.splitlines(), 1) if "async def __aexit__" in line) + 1
    spec = write_spec(tmp_path, f"""\
        kind: code
        source: taskgroups.py
        lines: {start}-{start + 44}
        code_theme: monokai
        theme: light
        size: portrait
        """)
    card = load(spec)
    laid = layout_card(card)
    layout = code_view(laid)
    assert len({id(row) for row in layout.rows if row.number}) == 45
    assert layout.font_size >= round(sizing.MIN_CODE_PX * laid.ctx.u)
    assert_rows_inside_window(layout)
    assert_inside([("window", layout.window)], laid.content)
    image = render_card(card)
    assert image.size == (1080, 1350)


# --- the rest of the card contract --------------------------------------------


def test_alt_text_names_language_and_purpose(tmp_path):
    (tmp_path / "orchestrator.py").write_text(python_lines(5))
    spec = write_spec(tmp_path, "kind: code\ntitle: Fan out, then gather\nsource: orchestrator.py\n"
                      "lines: 1-4\ncaption: 127 agents, one orchestrator\n")
    card = load(spec)
    alt = cards.get("code").alt_text(card)
    assert alt.startswith("Python code from orchestrator.py (lines 1–4)")
    assert "127 agents, one orchestrator" in alt and "Fan out, then gather" in alt
    assert len(alt) <= 250
    assert cards.get("code").inputs(card) == [tmp_path / "orchestrator.py"]


def test_window_title_field_overrides_the_file_name(tmp_path):
    (tmp_path / "snippet.py").write_text(python_lines(3))
    spec = write_spec(tmp_path, "kind: code\ntitle: Headline\nwindow_title: main.py\nsource: snippet.py\n")
    card, layout = laid_out(spec)
    assert layout.title.block.lines[0].text == "main.py"
    assert card.fields["title"] == "Headline"


def test_diagrams_have_no_line_numbers_unless_asked(tmp_path):
    diagram = "kind: code\nlanguage: text\ncode: |\n  ┌──┐\n  └──┘\n"

    def line_numbers(spec: str) -> list[str]:
        scene = layout_card(load(write_spec(tmp_path, spec)))
        return [item.line.text for item in scene.texts() if item.field == "line_numbers"]

    assert line_numbers(diagram) == []
    assert line_numbers(diagram + "line_numbers: true\n") == ["1", "2"]


def test_the_scene_names_what_it_draws_by_the_field_to_fix(tmp_path):
    (tmp_path / "snippet.py").write_text(python_lines(6))
    spec = write_spec(tmp_path, 'kind: code\nsource: snippet.py\nhighlight: "3-4"\ncaption: Six values\n')
    scene = layout_card(load(spec))
    frame = ("kicker", "title", "subtitle", "author", "footer", "page_numbers")
    fields = [item.field for item in scene.texts() if item.field not in frame]
    assert fields[0] == "window_title" and fields[-1] == "caption"
    assert set(fields[1:-1]) == {"line_numbers", "source"}
    names = [shape.name for shape in scene.named("")]
    assert names == ["window", "band[0]", "band[0].stripe", "window.border",
                     "window.dot[0]", "window.dot[1]", "window.dot[2]"]
    inline_code = layout_card(load(inline(tmp_path, python_lines(2))))
    assert {item.field for item in inline_code.texts() if isinstance(item, Glyphs)} == {"code", "line_numbers"}


# --- legible size first, then down to the hard floor ---------------------------


def test_45_lines_render_at_portrait_below_the_legible_size_and_check_says_so(tmp_path):
    from postimages.check import check

    spec = inline(tmp_path, python_lines(45, width=40))
    card, layout = laid_out(spec, (1080, 1350))
    assert round(card.size[0] / 1200 * sizing.FLOOR_CODE_PX) <= layout.font_size < sizing.MIN_CODE_PX
    assert_rows_inside_window(layout)
    report = check([spec], Options(size=(1080, 1350)))
    small = [f for f in report.findings if f.severity == "warning" and "under the look's" in str(f)]
    assert small and report.errors == 0, [str(f) for f in report.findings]


def test_a_text_diagram_shrinks_instead_of_wrapping(tmp_path):
    row = "│" + " box ".center(70, "─") + "│"
    diagram = "\n".join(["┌" + "─" * 70 + "┐", row, row, "└" + "─" * 70 + "┘"]) + "\n"
    _, layout = laid_out(inline(tmp_path, diagram, language="text"))
    assert all(row.mark is None for row in layout.rows)  # no ↪: every line on one row
    assert len(layout.rows) == 4
    assert layout.font_size < sizing.MIN_CODE_PX


def test_a_text_diagram_too_wide_for_the_floor_is_an_error_that_says_so(tmp_path):
    diagram = "┌" + "─" * 300 + "┐\n"
    with pytest.raises(SpecError, match="columns wide") as caught:
        layout_card(load(inline(tmp_path, diagram, language="text")))
    columns = int(re.search(r"shorten its widest lines to (\d+) columns", caught.value.hint).group(1))
    narrower = "┌" + "─" * (columns - 2) + "┐\n"
    layout_card(load(inline(tmp_path, narrower, language="text")))  # the hint, followed, fits


def test_the_lines_hint_keeps_the_highlighted_lines_and_works_when_followed(tmp_path):
    snippet = tmp_path / "long.py"
    snippet.write_text(python_lines(120), encoding="utf-8")
    spec = write_spec(tmp_path, "kind: code\ntitle: A headline\nsource: long.py\nhighlight: 100-102\n")
    with pytest.raises(SpecError) as caught:
        layout_card(load(spec))
    first, last = map(int, re.search(r"lines: (\d+)-(\d+)", caught.value.hint).groups())
    assert first <= 100 and 102 <= last
    spec.write_text(spec.read_text() + f"lines: {first}-{last}\n")  # the hint, followed
    layout_card(load(spec))


# --- the backdrop ---------------------------------------------------------------


def _backdrop(scene):
    from postimages.scene import Gradient

    return [item for item in scene.items if isinstance(item, Gradient) and item.name == "backdrop"]


def test_a_short_snippet_floats_on_an_accent_gradient_by_default(tmp_path):
    _, view = laid_out(inline(tmp_path, python_lines(6), caption='"Six values"'))
    [backdrop] = _backdrop(view.scene)
    margin = view.scene.ctx.px(code_card.BACKDROP_PAD)
    assert backdrop.box.inset(margin, margin) == view.window
    assert backdrop.top != backdrop.bottom and backdrop.radius > 0
    caption = dict(view.scene.text_boxes())["caption"]
    assert caption.y > backdrop.box.bottom  # the caption stays under it, on the card


def test_backdrop_none_and_accent_are_as_asked(tmp_path):
    _, plain = laid_out(inline(tmp_path, python_lines(6), backdrop="none"))
    assert _backdrop(plain.scene) == []
    _, flat = laid_out(inline(tmp_path, python_lines(6), backdrop="accent"))
    [backdrop] = _backdrop(flat.scene)
    assert backdrop.top == backdrop.bottom


def test_no_backdrop_by_default_where_its_margin_would_shrink_the_code(tmp_path):
    most = most_lines_that_fit(tmp_path)  # at the floor, without a backdrop
    _, view = laid_out(inline(tmp_path, python_lines(most)))
    assert _backdrop(view.scene) == []


def test_a_wide_diagrams_backdrop_narrows_its_margin_rather_than_shrink_the_code(tmp_path):
    # As wide as the narrowest margin leaves room for at the legible size: too wide for the full margin.
    content_w = 1200 - 2 * 72
    advance = column_width(sizing.MIN_CODE_PX)
    room_for = {pad: int((content_w - 2 * (code_card.PAD_X + pad)) // advance) for pad in code_card.BACKDROP_PADS}
    columns = room_for[code_card.BACKDROP_PADS[-1]]
    assert columns > room_for[code_card.BACKDROP_PAD]
    diagram = "".join(f"{i} ├" + "─" * (columns - 4) + "┤\n" for i in range(1, 6))
    _, view = laid_out(inline(tmp_path, diagram, language="text"))
    assert view.font_size == sizing.MIN_CODE_PX
    [backdrop] = _backdrop(view.scene)
    margin = view.window.x - backdrop.box.x
    assert code_card.BACKDROP_PADS[-1] <= margin < code_card.BACKDROP_PAD
    assert backdrop.box.h >= 0.55 * view.scene.content.h  # it grows to fill the card, as a short window's does


def test_an_unknown_backdrop_is_a_located_error_with_a_suggestion(tmp_path):
    with pytest.raises(SpecErrors) as caught:
        load(inline(tmp_path, python_lines(3), backdrop="gradiant"))
    [error] = caught.value.errors
    assert error.field == "backdrop" and error.line is not None and "did you mean 'gradient'" in error.hint


def test_a_short_windows_backdrop_grows_to_fill_the_card(tmp_path):
    _, view = laid_out(inline(tmp_path, python_lines(3)), parse_size("portrait"))
    [backdrop] = _backdrop(view.scene)
    content = view.scene.content
    assert backdrop.box.h >= 0.55 * content.h
    assert backdrop.box.h > 2 * view.window.h  # the window floats in it, centred
    assert view.window.center_y == pytest.approx(backdrop.box.center_y, abs=1)
