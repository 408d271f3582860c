"""Spec loading: located errors for every kind of mistake, settings, order."""

from pathlib import Path

import pytest

from postimages.errors import SpecError, SpecErrors
from postimages.spec import discover, load_card, load_post_settings, parse_size
from postimages.theme import DARK, LIGHT

GOOD = """\
kind: stats
title: Validation Results
metrics:
  - label: Win rate
    value: 38.1
    unit: "%"
    target: "> 60"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path, post=None) -> list[SpecError]:
    with pytest.raises((SpecError, SpecErrors)) as caught:
        load_card(path, post or load_post_settings(path.parent))
    error = caught.value
    return error.errors if isinstance(error, SpecErrors) else [error]


def test_a_good_spec_loads_with_defaults(tmp_path):
    card = load_card(write(tmp_path, "a.yaml", GOOD), load_post_settings(tmp_path))
    assert card.kind == "stats"
    assert card.size == (1200, 1200)
    assert card.theme == DARK
    assert card.page_numbers is True
    assert card.fields["metrics"][0]["value"] == 38.1


def test_a_word_for_a_number_names_file_line_column_and_field(tmp_path):
    path = write(tmp_path, "a.yaml", GOOD.replace("value: 38.1", "value: abc"))
    [error] = errors_of(path)
    assert (error.line, error.column) == (5, 12)
    assert error.field == "metrics[0].value"
    assert str(error).startswith(f"{path}:5:12: metrics[0].value: expected a number, got 'abc'")


def test_a_number_with_its_unit_in_quotes_suggests_the_fix(tmp_path):
    [error] = errors_of(write(tmp_path, "a.yaml", GOOD.replace("value: 38.1", 'value: "38.1%"')))
    assert "value: 38.1" in error.hint and '"%"' in error.hint


def test_unknown_keys_get_a_did_you_mean(tmp_path):
    [error] = errors_of(write(tmp_path, "a.yaml", GOOD.replace("title:", "titel:")))
    assert error.field == "titel"
    assert error.hint == "did you mean 'title'?"
    assert (error.line, error.column) == (2, 1)


def test_every_problem_is_reported_in_file_order(tmp_path):
    text = GOOD.replace("title:", "titel:").replace("value: 38.1", "value: abc")
    errors = errors_of(write(tmp_path, "a.yaml", text))
    assert [e.field for e in errors] == ["titel", "metrics[0].value"]


def test_an_unquoted_comparison_is_a_syntax_error_that_suggests_quotes(tmp_path):
    [error] = errors_of(write(tmp_path, "a.yaml", GOOD.replace('"> 60"', "> 60")))
    assert error.line == 7
    assert error.hint == 'put the value in quotes: "> 60"'


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "the file is empty"),
        ("- kind: stats\n", "a card spec is a mapping"),
        ("title: x\n", "missing required field 'kind'"),
        ("kind: stat\n", "expected one of"),
        ("kind: stats\nmetrics: []\n", "at least 1"),
        ("kind: stats\nmetrics:\n  - label: a\n    value: .nan\n", "finite number"),
        ("kind: stats\nmetrics:\n  - label: a\n    value: 1\n    target: 60\n", 'write "> 60"'),
        ("kind: stats\nsize: 99999x10\nmetrics:\n  - {label: a, value: 1}\n", "each side must be"),
        ("kind: stats\nkind: code\n", "appears twice"),
        ("a: &a [1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
         "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
         "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n", "more than"),
    ],
    ids=["empty", "list", "no-kind", "unknown-kind", "no-metrics", "nan", "bare-target", "huge-size",
         "duplicate-key", "alias-bomb"],
)
def test_bad_specs_are_located_errors(tmp_path, text, expected):
    errors = errors_of(write(tmp_path, "a.yaml", text))
    assert any(expected in e.message for e in errors), [str(e) for e in errors]
    assert all(str(e).startswith(str(tmp_path / "a.yaml")) for e in errors)


def test_invalid_utf8_is_located(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"kind: stats\ntitle: caf\xe9\n")
    [error] = errors_of(path)
    assert (error.line, error.column) == (2, 11)
    assert "UTF-8" in error.message


def test_post_settings_apply_and_cards_override_them(tmp_path):
    write(tmp_path, "post.yaml", "theme: light\nsize: portrait\nfooter: hello\n")
    post = load_post_settings(tmp_path)
    plain = load_card(write(tmp_path, "a.yaml", GOOD), post)
    assert (plain.theme, plain.size, plain.footer) == (LIGHT, (1080, 1350), "hello")
    custom = load_card(write(tmp_path, "b.yaml", GOOD + "size: landscape\ntheme: {base: dark, accent: '#FF8800'}\n"), post)
    assert custom.size == (1200, 627)
    assert custom.theme.accent == (255, 136, 0) and custom.theme.dark


def test_card_order_comes_from_post_yaml_then_file_names(tmp_path):
    for name in ("b.yaml", "a.yaml", "c.yaml", "_draft.yaml"):
        write(tmp_path, name, GOOD)
    write(tmp_path, "post.yaml", "order: [c, a]\n")
    assert [p.name for p in discover(tmp_path, load_post_settings(tmp_path))] == ["c.yaml", "a.yaml", "b.yaml"]


def test_an_order_naming_a_missing_card_is_located(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "post.yaml", "order: [a, zz]\n")
    with pytest.raises(SpecError) as caught:
        discover(tmp_path, load_post_settings(tmp_path))
    assert caught.value.field == "order[1]"


@pytest.mark.parametrize("text, size", [("square", (1200, 1200)), ("portrait", (1080, 1350)),
                                        ("landscape", (1200, 627)), ("1600x900", (1600, 900))])
def test_sizes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["huge", "10x10", "5000x5000", "4000x400", "0x0"])
def test_bad_sizes(text):
    with pytest.raises(ValueError):
        parse_size(text)


def _load_error(path: Path) -> SpecError:
    with pytest.raises((SpecError, SpecErrors)) as caught:
        load_card(path, load_post_settings(path.parent))
    error = caught.value
    return error.errors[0] if isinstance(error, SpecErrors) else error


def test_a_spec_of_a_hundred_thousand_values_stops_where_the_limit_is_reached(tmp_path, monkeypatch):
    """Composing stops at the limit: the rest of the file is never parsed (it took seconds)."""
    from postimages import yamlsource

    path = tmp_path / "many.yaml"
    path.write_text("kind: stats\ntitle: Many\n" + "".join(f"k{i}: v\n" for i in range(99_000)))
    composed = []
    original = yamlsource._CountingLoader.compose_node
    monkeypatch.setattr(yamlsource._CountingLoader, "compose_node",
                        lambda self, *args: composed.append(1) or original(self, *args))
    error = _load_error(path)
    assert error.message == f"the document has more than {yamlsource.MAX_NODES:,} values"
    assert error.line == yamlsource.MAX_NODES // 2 and error.hint.startswith("a card needs a few dozen values")
    assert len(composed) == yamlsource.MAX_NODES + 1  # not the 198,000 values of the file


def test_repeated_aliases_are_counted_every_time_they_are_used(tmp_path):
    lines = ["kind: stats", "title: Laughs", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]" for a, b in zip("abcdef", "bcdefg")]
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n")
    error = _load_error(path)
    assert error.message.endswith("values (repeated aliases?)") and error.line is not None
