"""What is typed is what is drawn: YAML 1.1 never silently changes a value,
and numbers a card cannot show exactly are located errors."""

import pytest

from postimages.cards.stats.spec import metrics_of
from postimages.errors import SpecErrors, SpecError
from postimages.spec import load_card, load_post_settings


def _load(tmp_path, body: str):
    path = tmp_path / "card.yaml"
    path.write_text("kind: stats\n" + body, encoding="utf-8")
    return load_card(path, load_post_settings(tmp_path))


def _errors(tmp_path, body: str) -> list[SpecError]:
    with pytest.raises((SpecError, SpecErrors)) as caught:
        _load(tmp_path, body)
    return caught.value.errors if isinstance(caught.value, SpecErrors) else [caught.value]


@pytest.mark.parametrize("typed", ["2:1", "12:30", "010", "0x10", "1.10", "3.10", "0o17", "1_000"])
def test_text_fields_keep_exactly_what_was_typed(tmp_path, typed):
    card = _load(tmp_path, f"kicker: {typed}\ntitle: {typed}\nmetrics:\n  - {{label: {typed}, value: 1}}\n")
    assert card.fields["kicker"] == card.fields["title"] == typed
    assert card.fields["metrics"][0]["label"] == typed


@pytest.mark.parametrize("typed, became, hint", [
    ("0x10", "16", "as plain digits"), ("010", "8", "write 10 without the leading zero"),
    ("1:30", "90", "as plain digits"), ("0b11", "3", "as plain digits"),
])
def test_a_number_in_another_notation_is_an_error_showing_what_yaml_made_of_it(tmp_path, typed, became, hint):
    error, = _errors(tmp_path, f"metrics:\n  - label: n\n    value: {typed}\n")
    assert (error.field, error.line, error.column) == ("metrics[0].value", 4, 12)
    assert f"YAML reads {typed} as {became}" in error.message
    assert hint in error.hint


@pytest.mark.parametrize("typed", ["07", "0", "42", "-0.01", "1_000"])
def test_plain_digits_are_numbers_as_usual(tmp_path, typed):
    _load(tmp_path, f"metrics:\n  - label: n\n    value: {typed}\n")


@pytest.mark.parametrize("typed, shown", [("2.5e-1", "0.25"), ("1.0e-3", "0.001"), ("1.0e+6", "1,000,000")])
def test_exponents_keep_their_decimals(tmp_path, typed, shown):
    metric, = metrics_of(_load(tmp_path, f"metrics:\n  - label: n\n    value: {typed}\n"))
    assert metric.value_text == shown


@pytest.mark.parametrize("digits", [16, 310, 4000])
def test_a_number_too_large_to_show_exactly_is_a_located_error(tmp_path, digits):
    error, = _errors(tmp_path, f"metrics:\n  - label: n\n    value: {'9' * digits}\n")
    assert error.field == "metrics[0].value" and error.line == 4
    assert f"{digits:,} digits before the point" in error.message


@pytest.mark.parametrize("field", ["title", "alt"])
def test_a_lone_surrogate_is_a_located_error_before_anything_is_written(tmp_path, field):
    error, = _errors(tmp_path, f'{field}: "x \\ud800 y"\nmetrics:\n  - {{label: n, value: 1}}\n')
    assert (error.field, error.line) == (field, 2)
    assert "\\ud800" in error.message


@pytest.mark.parametrize("typed, hint", [
    ('"1,5"', "`1.5`"), ("1,5", "`1.5`"), ('"15,000"', "`15000`"), ('"-2,25"', "`-2.25`"),
])
def test_a_number_written_with_a_comma_gets_a_hint_that_works(tmp_path, typed, hint):
    error, = _errors(tmp_path, f"metrics:\n  - label: n\n    value: {typed}\n")
    assert hint in error.hint
    fixed = hint.strip("`")
    _load(tmp_path, f"metrics:\n  - label: n\n    value: {fixed}\n")  # the hint, followed, loads


@pytest.mark.parametrize("typed, message", [
    ("!!int abc", "cannot read 'abc' as !!int"),
    ("!!timestamp 2024-99-99", "cannot read '2024-99-99' as !!timestamp"),
    ("!!python/tuple [1, 2]", "the tag !!python/tuple is not allowed"),
    ("!!set {a: 1}", "the tag !!set is not allowed"),
])
def test_tags_get_a_message_about_the_tag(tmp_path, typed, message):
    error, = _errors(tmp_path, f"metrics:\n  - label: n\n    value: {typed}\n")
    assert message in error.message and (error.line, error.column) == (4, 12)


def test_check_of_a_huge_title_answers_quickly(tmp_path, in_tmp):
    import time

    from postimages.check import check

    path = tmp_path / "huge.yaml"
    path.write_text("kind: stats\ntitle: " + "a" * 900_000 + "\nmetrics:\n  - {label: n, value: 1}\n")
    start = time.perf_counter()
    report = check([path])
    assert time.perf_counter() - start < 5  # was 27 s: text was segmented character by character, quadratically
    assert report.errors == 1


@pytest.mark.parametrize("digits", [2, 400])
def test_a_bounded_field_far_out_of_bounds_says_its_bounds(tmp_path, digits):
    """`decimals:` takes 0 to 6: a huge value says so, not "give it in thousands"."""
    error, = _errors(tmp_path, f"metrics:\n  - label: n\n    value: 1.5\n    decimals: {'9' * digits}\n")
    assert error.field == "metrics[0].decimals" and error.line == 5
    assert error.message.startswith("must be at most 6, got ")
    assert (f"{digits:,} digits" in error.message) == (digits > 15)
    assert "thousands" not in (error.hint or "")
