"""The code card's source handling: line ranges, lexing, colours, trimming, wrapping."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.styles import get_all_styles
from pygments.token import STANDARD_TYPES

from postimages.plan import Options, load_job, plan
from postimages.cards.code.highlight import DEFAULT_DARK_STYLE, DEFAULT_LIGHT_STYLE, Span, resolve_style
from postimages.cards.code.lexers import resolve_lexer
from postimages.cards.code.source import CodeDoc, load_code
from postimages.cards.code.spec import parse_highlight, parse_line_range
from postimages.cards.code.wrap import wrap_line
from postimages.color import BLACK, WHITE, contrast, parse_loose
from postimages.errors import LayoutError, SpecErrors
from postimages.unicode import cell_width, clusters

PYTHON = '''\
import asyncio


class Fetcher:
    """Fetch filings.

    Slowly, politely.
    """

    async def fetch(self, url: str) -> bytes:
        if not url:
            raise ValueError("empty url")
        return await self.session.get(url)
'''


def texts(doc: CodeDoc) -> list[str]:
    return ["".join(span.text for span in line.spans) for line in doc.lines]


def span_for(doc: CodeDoc, text: str) -> Span:
    return next(span for line in doc.lines for span in line.spans if span.text == text)


# --- line ranges ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12-44", (12, 44)), ("12..44", (12, 44)), (" 3 - 9 ", (3, 9)), ("7", (7, 7)), (7, (7, 7))],
)
def test_parse_line_range_accepts_common_forms(value, expected):
    assert parse_line_range(value) == expected


@pytest.mark.parametrize("value", ["12-", "a-b", "0-3", "9-2", "", True, 0, 2.5])
def test_parse_line_range_rejects_bad_values(value):
    with pytest.raises(ValueError):
        parse_line_range(value)


@pytest.mark.parametrize("value", ['"12-"', "a-b", "0-3", "9-2", '""', "true", "0", "2.5"])
def test_a_bad_line_range_is_reported_at_lines(tmp_path, value):
    spec = tmp_path / "card.yaml"
    spec.write_text(f"kind: code\nlines: {value}\ncode: |\n  x = 1\n", encoding="utf-8")
    jobs, _ = plan([spec])
    with pytest.raises(SpecErrors) as caught:
        load_job(jobs[0], Options())
    assert [error.field for error in caught.value.errors] == ["lines"]


def test_highlight_takes_a_number_a_range_or_a_list_of_them():
    assert parse_highlight(18) == [(18, 18)]
    assert parse_highlight("18-20") == [(18, 20)]
    assert parse_highlight([11, "12-13"]) == [(11, 11), (12, 13)]
    with pytest.raises(ValueError, match="the range 9-2 runs backwards"):
        parse_highlight([3, "9-2"])


def test_range_keeps_source_numbering():
    doc = load_code(PYTHON, language="python", line_range=(10, 12))
    assert [line.number for line in doc.lines] == [10, 11, 12]
    assert texts(doc)[0].startswith("async def fetch")


def test_lines_outside_the_file_are_reported_with_the_file_length():
    code = "\n".join(f"x{i} = {i}" for i in range(1, 45)) + "\n"
    with pytest.raises(LayoutError) as caught:
        load_code(code, language="python", line_range=(50, 60))
    assert caught.value.field == "lines"
    assert caught.value.message == "lines 50-60 are outside the file, which has 44 lines"


def test_range_running_past_the_end_is_an_error():
    with pytest.raises(LayoutError) as caught:
        load_code("a\nb\nc\n", line_range=(2, 9))
    assert caught.value.field == "lines"
    assert "3 lines" in caught.value.message


def test_blank_selection_is_an_error():
    with pytest.raises(LayoutError) as caught:
        load_code("a = 1\n\n\nb = 2\n", language="python", line_range=(2, 3))
    assert caught.value.field == "lines"


def test_leading_blank_lines_do_not_shift_numbering():
    # Pygments strips leading newlines unless told not to.
    doc = load_code("\n\nx = 1\n", language="python")
    assert [line.number for line in doc.lines] == [1, 2, 3]
    assert texts(doc) == ["", "", "x = 1"]
    assert span_for(doc, "1").color != doc.foreground  # still highlighted, not plain


def test_range_starting_inside_a_docstring_is_coloured_as_a_string():
    full = load_code(PYTHON, language="python")
    cut = load_code(PYTHON, language="python", line_range=(7, 8))
    docstring_color = full.lines[4].spans[-1].color  # the line with '"""Fetch filings.'
    assert texts(cut) == ["Slowly, politely.", '"""']
    assert all(span.color == docstring_color for line in cut.lines for span in line.spans)
    assert docstring_color != cut.foreground


# --- text preparation -------------------------------------------------------


def test_common_indentation_is_removed_ignoring_blank_lines():
    doc = load_code(PYTHON, language="python", line_range=(10, 13))
    assert texts(doc) == [
        "async def fetch(self, url: str) -> bytes:",
        "    if not url:",
        '        raise ValueError("empty url")',
        "    return await self.session.get(url)",
    ]
    blank_inside = load_code("    a = 1\n\n    b = 2\n", language="python")
    assert texts(blank_inside) == ["a = 1", "", "b = 2"]


def test_tabs_expand_to_four_columns():
    doc = load_code("if x:\n\treturn 1\nab\tc\n", language="python")
    assert texts(doc) == ["if x:", "    return 1", "ab  c"]
    assert not any("\t" in span.text for line in doc.lines for span in line.spans)


def test_trailing_whitespace_and_trailing_blank_lines_are_dropped():
    doc = load_code("x = 1   \ny = 2\t\n\n   \n\n", language="python")
    assert texts(doc) == ["x = 1", "y = 2"]


def test_windows_newlines_are_normalised():
    doc = load_code("a = 1\r\nb = 2\r\n", language="python")
    assert texts(doc) == ["a = 1", "b = 2"]
    assert not any("\r" in span.text for line in doc.lines for span in line.spans)


@pytest.mark.parametrize("code", ["", "\n\n", "   \n\t\n"])
def test_empty_code_is_an_error(code):
    with pytest.raises(LayoutError) as caught:
        load_code(code)
    assert caught.value.field == "code"
    assert caught.value.message == "the code is empty"


# --- lexers -----------------------------------------------------------------


def test_language_is_guessed_from_the_file_name():
    assert load_code("fn main() {}\n", filename="src/main.rs").language == "Rust"
    assert load_code("x = 1\n", filename="orchestrator.py").language == "Python"


def test_language_field_wins_over_file_name_and_ignores_case():
    assert load_code("SELECT 1;\n", filename="notes.py", language="SQL").language == "SQL"


@pytest.mark.parametrize("language", ["text", "plain", "none", "TEXT"])
def test_plain_text_names(language):
    assert load_code("x = 1\n", filename="a.py", language=language).language == "Text"


def test_unknown_file_type_falls_back_to_text():
    assert load_code("hello\n", filename="notes.unknownext").language == "Text"
    assert resolve_lexer(None, None, "def f(): pass").name == "Text only"


def test_unknown_language_suggests_the_closest_alias():
    with pytest.raises(LayoutError) as caught:
        load_code("x = 1\n", language="pyhton")
    error = caught.value
    assert error.field == "language"
    assert error.message == "unknown language 'pyhton'"
    assert error.hint == "did you mean 'python'?"


def test_unknown_language_without_close_match_lists_common_ones():
    with pytest.raises(LayoutError) as caught:
        load_code("x = 1\n", language="qqqzzzxx")
    assert "python" in caught.value.hint
    assert "text" in caught.value.hint


def test_plain_text_keeps_box_drawing_exactly():
    diagram = (
        "┌────────┐     ┌─────────┐\n"
        "│ scrape │ ──▶ │ extract │\n"
        "└────────┘     └─────────┘\n"
        "   127 agents · one queue\n"
    )
    doc = load_code(diagram, language="text")
    assert texts(doc) == diagram.splitlines()
    assert all(len(line.spans) == 1 for line in doc.lines)
    assert {line.spans[0].color for line in doc.lines} == {doc.foreground}


# --- styles and colours -----------------------------------------------------


def test_keywords_and_strings_get_different_colours():
    doc = load_code('def f():\n    return "hi"\n', language="python")
    keyword, string = span_for(doc, "def"), span_for(doc, '"hi"')
    assert keyword.color != string.color
    assert doc.foreground not in (keyword.color, string.color)
    assert span_for(doc, "return").color == keyword.color


def test_adjacent_spans_never_share_styling():
    doc = load_code(PYTHON, language="python")
    for line in doc.lines:
        for a, b in zip(line.spans, line.spans[1:]):
            assert (a.color, a.bold, a.italic) != (b.color, b.bold, b.italic)


def test_default_styles():
    assert load_code("x = 1\n").style_name == DEFAULT_DARK_STYLE == "one-dark"
    light = load_code("x = 1\n", dark=False)
    assert light.style_name == DEFAULT_LIGHT_STYLE
    assert not light.is_dark
    assert load_code("x = 1\n", dark=True).is_dark


def test_default_light_style_colours_all_reach_aa_contrast():
    style = resolve_style(None, dark=False)
    background = parse_loose(style.background_color)
    declared = (style.style_for_token(token)["color"] for token in STANDARD_TYPES)
    colors = {parse_loose(color) for color in declared if color}
    assert len(colors) >= 5  # a real palette, not a monochrome style
    worst = min(contrast(color, background) for color in colors)
    assert worst >= 4.5


@pytest.mark.parametrize("theme", ["one-dark", "xcode", "dracula", "monokai", "solarized-light", "nord"])
def test_every_span_is_readable_on_window_and_band(theme):
    doc = load_code(PYTHON, language="python", code_theme=theme)
    for line in doc.lines:
        for span in line.spans:
            assert contrast(span.color, doc.background) >= 4.5
            assert contrast(span.color, doc.highlight_band) >= 4.5


@pytest.mark.parametrize("theme", sorted(get_all_styles()))
def test_line_numbers_are_readable_but_quieter_and_band_is_subtle(theme):
    doc = load_code("x = 1\n", language="python", code_theme=theme)
    text_contrast = contrast(doc.foreground, doc.background)
    number_contrast = contrast(doc.line_number_color, doc.background)
    assert 4.5 <= number_contrast < text_contrast  # readable text, yet quieter than the code
    assert 1.0 < contrast(doc.highlight_band, doc.background) <= 1.6
    on_white, on_black = contrast(doc.background, WHITE), contrast(doc.background, BLACK)
    assert doc.is_dark == (on_white > on_black)


def test_style_names_are_matched_loosely():
    assert load_code("x\n", code_theme="One Dark").style_name == "one-dark"
    assert load_code("x\n", code_theme="friendly-grayscale").style_name == "friendly_grayscale"


def test_unknown_style_suggests_a_close_name():
    with pytest.raises(LayoutError) as caught:
        resolve_style("one_dork", dark=True)
    assert caught.value.field == "code_theme"
    assert caught.value.hint == "did you mean 'one-dark'?"


def test_unknown_style_without_close_match_lists_valid_names():
    with pytest.raises(LayoutError) as caught:
        load_code("x = 1\n", code_theme="qqqzzzxx")
    listed = caught.value.hint.removeprefix("try one of: ").split(", ")
    assert listed and set(listed) <= set(get_all_styles())


# --- highlight --------------------------------------------------------------


def test_highlight_marks_source_numbered_lines():
    doc = load_code(PYTHON, language="python", line_range=(10, 13), highlight=parse_highlight([11, "12-13"]))
    assert {line.number for line in doc.lines if line.highlighted} == {11, 12, 13}


def test_a_single_highlight_needs_no_list():
    doc = load_code(PYTHON, language="python", line_range=(10, 13), highlight=parse_highlight("11-12"))
    assert [line.number for line in doc.lines if line.highlighted] == [11, 12]


def test_highlight_outside_the_shown_lines_is_an_error():
    with pytest.raises(LayoutError) as caught:
        load_code(PYTHON, language="python", line_range=(10, 13), highlight=[(2, 2)])
    assert caught.value.field == "highlight"
    assert "10-13" in caught.value.message


def test_highlight_on_a_trimmed_trailing_blank_line_is_an_error():
    with pytest.raises(LayoutError) as caught:
        load_code("a = 1\n\n", language="python", highlight=[(2, 2)])
    assert caught.value.field == "highlight"


# --- wrapping ---------------------------------------------------------------


def row_texts(rows: list[list[Span]]) -> list[str]:
    return ["".join(span.text for span in row) for row in rows]


def row_width(row: list[Span]) -> int:
    return sum(cell_width(c) for span in row for c in clusters(span.text))


def test_wrap_prefers_breaking_after_spaces_and_punctuation():
    rows = wrap_line([Span("result = compute(alpha, beta)", WHITE)], 12)
    assert row_texts(rows) == ["result = ", "compute(", "alpha, beta)"]


def test_wrap_hard_breaks_long_tokens():
    rows = wrap_line([Span("abcdefghij", WHITE)], 4)
    assert row_texts(rows) == ["abcd", "efgh", "ij"]


def test_wrap_counts_wide_characters_as_two_columns():
    rows = wrap_line([Span("中文中文", WHITE)], 5)
    assert row_texts(rows) == ["中文", "中文"]
    assert cell_width("👩‍👩‍👧") == 2
    assert cell_width("❤️") == 2
    assert cell_width("─") == 1


def test_wrap_keeps_colours_on_continuation_rows():
    green = parse_loose("#22aa22")
    spans = [Span("x = ", parse_loose("#111111")), Span('"a long string literal"', green, italic=True)]
    rows = wrap_line(spans, 10)
    assert all(span.color == green and span.italic for row in rows[1:] for span in row)


def test_wrap_of_an_empty_line_is_one_empty_row():
    assert wrap_line([], 10) == [[]]


def test_wrap_rejects_a_width_that_cannot_hold_a_wide_character():
    with pytest.raises(ValueError):
        wrap_line([Span("ab", WHITE)], 1)


CLUSTERS = list("abcXYZ019 _.,()=:-\"'") + ["中", "文", "👍", "❤️", "e\u0301", "─", "│", "┐", "    "]
COLORS = [parse_loose(hex) for hex in ("#111111", "#c678dd", "#98c379")]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=12), st.sampled_from(COLORS)),
        max_size=8,
    ),
    st.integers(min_value=2, max_value=30),
)
def test_wrap_rows_fit_and_reassemble(parts, max_columns):
    spans = [Span("".join(clusters), color) for clusters, color in parts]
    rows = wrap_line(spans, max_columns)
    assert all(row_width(row) <= max_columns for row in rows)
    assert "".join(row_texts(rows)) == "".join(span.text for span in spans)
    # Every character keeps the colour it had before wrapping.
    before = [(char, span.color) for span in spans for char in span.text]
    after = [(char, span.color) for row in rows for span in row for char in span.text]
    assert after == before


def test_emoji_sequences_are_never_split_between_tokens():
    doc = load_code('steps = ["1️⃣ plan"]  # 👩‍💻 🇮🇳\nx = 1️⃣\n', language="python")
    for line in doc.lines:
        for span in line.spans:
            for cluster in clusters(span.text):
                assert not cluster.startswith(("\ufe0f", "\u20e3", "\u200d")), (span, line.number)
        assert "".join(s.text for s in line.spans) in ('steps = ["1️⃣ plan"]  # 👩‍💻 🇮🇳', "x = 1️⃣")
