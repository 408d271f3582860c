"""`postimages explain`: the spec format in words, made from the same schema as `postimages schema`."""

import pytest
from click.testing import CliRunner

from postimages import cards
from postimages.cli import main
from postimages.spec import COMMON_FIELDS, POST_SCHEMA


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_explain_code_lists_its_fields_with_limits_and_an_example():
    result = run("explain", "code")
    assert result.exit_code == 0, result.output
    fields = {line.split(":")[0].strip() for line in result.output.splitlines() if line.startswith("  ")}
    assert {"source", "lines", "highlight"} <= fields
    assert "source: text (up to 500 characters, not empty) — the code file, relative to this spec file" in result.output
    assert "Example (" in result.output
    assert "  kind: code" in result.output  # the starter spec, indented


@pytest.mark.parametrize("kind", cards.names())
def test_every_kind_has_each_field_and_an_example(kind):
    result = run("explain", kind)
    assert result.exit_code == 0, result.output
    for name in cards.get(kind).fields:
        assert f"  {name}: " in result.output
    assert f"  kind: {kind}" in result.output
    assert cards.get(kind).summary in result.output


def test_nested_fields_and_limits_come_from_the_schema():
    output = run("explain", "stats").output
    assert "metrics: a list of 1 to 6 mappings, required" in output
    assert "      decimals: whole number (0 to 6)" in output
    assert "status: one of fail | pass | neutral" in output


def test_without_a_kind_lists_the_kinds_and_the_shared_fields():
    result = run("explain")
    assert result.exit_code == 0
    for name in cards.names():
        assert f"  {name}  " in result.output or f"  {name} " in result.output
    for name in [*COMMON_FIELDS, *POST_SCHEMA.fields]:
        assert f"  {name}: " in result.output
    assert "postimages --help" in result.output and "postimages schema" in result.output


def test_an_unknown_kind_gets_a_did_you_mean_and_exit_2():
    result = run("explain", "cod")
    assert result.exit_code == 2
    assert "did you mean 'code'?" in result.output


def test_help_and_explain_point_to_each_other():
    help_text = run("--help").output
    assert "postimages explain" in help_text
    assert "README.md for the format" not in help_text
    assert "postimages --help" in run("explain", "--help").output
