"""Numbers and words from data files: `data:` in post.yaml, `{data: name.path}`
in number fields, `{name.path}` in text; located errors; only the cards that
read a changed value are drawn again."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages.cards.stats.spec import metrics_of
from postimages.cli import main
from postimages.data import Resolver, Unreadable
from postimages.plan import Options, load_job, plan

REPORT = {"alerts": 42, "win_rate": 38.10, "avg_return": -0.01, "verdict": "no edge",
          "runs": [{"p95": 120.5}, {"p95": 99}], "other": {"unread": 1}}


def write_report(folder: Path, report: dict | str = REPORT, name: str = "report.json") -> Path:
    path = folder / "validation" / name
    path.parent.mkdir(exist_ok=True)
    # 38.10 keeps its trailing zero only when written by hand, as a report generator would.
    text = report if isinstance(report, str) else json.dumps(report, indent=2).replace("38.1,", "38.10,")
    path.write_text(text, encoding="utf-8")
    return path


STATS = """kind: stats
kicker: "Backtest · {backtest.alerts} alerts · {{braces}} {not_data}"
title: Validation Results
metrics:
  - label: Sample
    value: {data: backtest.alerts}
    unit: alerts
  - label: Win rate
    value: {data: backtest.win_rate}
    unit: "%"
    target: "> 60"
  - label: Avg return
    value: {data: backtest.avg_return}
    unit: "%"
    decimals: 3
    sign: true
"""

ARCHITECTURE = """kind: architecture
title: "What I built: {backtest.verdict}"
layers:
  - name: Data
  - name: Model
"""

PLAIN = """kind: architecture
title: No data here
layers:
  - name: A
  - name: B
"""


@pytest.fixture
def post(in_tmp):
    specs = in_tmp / "specs"
    specs.mkdir()
    (specs / "post.yaml").write_text("author: Me\ndata:\n  backtest: ../validation/report.json\n")
    (specs / "01-stats.yaml").write_text(STATS)
    (specs / "02-words.yaml").write_text(ARCHITECTURE)
    (specs / "03-plain.yaml").write_text(PLAIN)
    write_report(in_tmp)
    return in_tmp


def card(name: str):
    job = next(j for j in plan([Path("specs")])[0] if j.spec.stem == name)
    return load_job(job, Options())


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def drawn(output: str) -> list[str]:
    """The PNGs a render drew (not those it found unchanged)."""
    return sorted(line.split()[0] for line in output.splitlines()
                  if line.startswith("output/") and line.endswith(" s") and ".png" in line)


# --- paths and formatting ----------------------------------------------------


def test_paths_take_keys_and_list_items(post):
    resolver = Resolver({"backtest": Path("validation/report.json")})
    assert resolver.number("backtest.alerts")[:2] == (42, "42")
    assert resolver.number("backtest.runs[0].p95")[:2] == (120.5, "120.5")
    assert resolver.number("backtest.runs[1].p95")[:2] == (99, "99")
    assert resolver.text("backtest.verdict")[0] == "no edge"


def test_a_number_shows_the_decimals_the_data_has_unless_decimals_says(post):
    metrics = metrics_of(card("01-stats"))
    assert [m.value_text for m in metrics] == ["42", "38.10%", "\u22120.010%"]


def test_text_placeholders_take_the_value_as_written_and_braces_stay(post):
    assert card("01-stats").fields["kicker"] == "Backtest · 42 alerts · {braces} {not_data}"
    assert card("02-words").fields["title"] == "What I built: no edge"


def test_the_value_is_compared_with_the_target_and_in_the_alt_text(post):
    from postimages.build import alt_text

    stats = card("01-stats")
    assert [m.status for m in metrics_of(stats)] == ["neutral", "fail", "neutral"]
    assert "Win rate 38.10% against a target of > 60% (missed)" in alt_text(stats)


@pytest.mark.parametrize("name, text", [
    ("report.yaml", "alerts: 42\nwin_rate: 38.10\nruns:\n  - p95: 120.5\n"),
    ("report.toml", "alerts = 42\nwin_rate = 38.10\n[[runs]]\np95 = 120.5\n"),
])
def test_yaml_and_toml_give_the_same_values(in_tmp, name, text):
    resolver = Resolver({"r": write_report(in_tmp, text, name)})
    assert resolver.number("r.win_rate")[:2] == (38.1, "38.10")
    assert resolver.number("r.runs[0].p95")[:2] == (120.5, "120.5")
    assert resolver.number("r.alerts")[:2] == (42, "42")


def test_csv_rows_are_named_by_the_first_column_and_columns_by_the_header(in_tmp):
    path = write_report(in_tmp, "case,ms,rps\np50,12.0,900\np95,48.25,850\n", "bench.csv")
    resolver = Resolver({"bench": path})
    assert resolver.number("bench.p95.ms")[:2] == (48.25, "48.25")
    assert resolver.number("bench.p50.rps")[:2] == (900, "900")


# --- one located line per mistake --------------------------------------------


def render_error(spec_text: str) -> str:
    Path("specs/01-stats.yaml").write_text(spec_text)
    before = {p: p.read_bytes() for p in Path(".").rglob("*") if p.is_file()}
    result = run("render", "specs/01-stats.yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in Path(".").rglob("*") if p.is_file()} == before  # nothing on disk changes
    errors = [line for line in result.output.splitlines() if line.startswith("specs/")]
    assert len(errors) == 1, result.output
    return errors[0]


def one_metric(reference: str) -> str:
    return f"kind: stats\nmetrics:\n  - label: A\n    value: {{data: {reference}}}\n"


@pytest.mark.parametrize("reference, message", [
    # a missing key: the keys that exist at that level, and a close one
    ("backtest.win_rat", "backtest.win_rat: validation/report.json:1:1 has no key 'win_rat' (did you mean "
                         "'win_rate'? keys there: alerts, win_rate, avg_return, verdict, runs, other)"),
    # a missing nested key, located at its parent
    ('"backtest.runs[1].p9"', "backtest.runs[1].p9: validation/report.json:10:5 has no key 'p9' under "
                              "backtest.runs[1] (did you mean 'p95'? keys there: p95)"),
    ("backtest.verdict", "backtest.verdict is 'no edge' in validation/report.json:5:14, a word where a number "
                         "belongs (name a number in the data file; a word goes in a text field as {backtest.verdict})"),
    ("backtest.runs", "backtest.runs is a list of 2 entries in validation/report.json:6:11, where a number belongs "
                      "(name one entry: backtest.runs[0])"),
    ('"backtest.runs[2].p95"', "backtest.runs in validation/report.json:6:11 has 2 entries, so no [2] (the first "
                               "is [0], the last [1])"),
    ("nodata.x", "'nodata.x' names no data file (data files of this post: backtest)"),
])
def test_a_reference_that_gives_no_number(post, reference, message):
    assert render_error(one_metric(reference)) == f"specs/01-stats.yaml:4:12: metrics[0].value: {message}"


def test_a_mapping_in_a_text_field(post):
    assert render_error('kind: stats\ntitle: "{backtest.other}"\nmetrics:\n  - label: A\n    value: 1\n') == (
        "specs/01-stats.yaml:2:8: title: backtest.other is a mapping in validation/report.json:14:12, where a "
        "value belongs (name one of its keys: backtest.other.unread)")


def test_a_missing_file(post):
    Path("validation/report.json").unlink()
    assert render_error(one_metric("backtest.alerts")) == (
        "specs/01-stats.yaml:4:12: metrics[0].value: backtest.alerts: validation/report.json: cannot read the data "
        "file: No such file or directory (the path in `data:` is relative to post.yaml)")


def test_a_file_that_does_not_parse_names_its_own_line_and_column(post):
    write_report(post, '{\n  "alerts": 42,\n  "win_rate": 38.1,,\n}')
    assert render_error(one_metric("backtest.alerts")) == (
        "specs/01-stats.yaml:4:12: metrics[0].value: backtest.alerts: validation/report.json:3:20: not valid JSON: "
        "Expecting property name enclosed in double quotes")


def test_a_value_the_field_refuses_names_the_data_file_too(post):
    write_report(post, '{"alerts": 123456789012345678}')
    assert render_error(one_metric("backtest.alerts")) == (
        "specs/01-stats.yaml:4:12: metrics[0].value: is too large to show: 18 digits before the point, at most 15 "
        "(from backtest.alerts in validation/report.json:1:12) (give it in thousands, millions or billions and put "
        "the word in `unit:`)")


def test_a_path_with_an_index_unquoted_in_braces_gets_a_hint(post):
    assert render_error(one_metric("backtest.runs[0].p95")).endswith(
        "(a path with [n] needs quotes inside braces: {data: \"backtest.runs[0].p95\"})")


def test_a_bad_data_setting_in_post_yaml(post):
    Path("specs/post.yaml").write_text("data:\n  backtest: ../validation/report.xlsx\n")
    result = run("render")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "specs/post.yaml:2:3: data: data.backtest: ../validation/report.xlsx is not a .json, .yaml, .toml or .csv file")


# --- hostile data files --------------------------------------------------------


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000 + "]" * 100_000,
     "backtest.alerts: validation/report.json: the data is nested too deeply to read"),
    ('{"alerts": NaN}', "backtest.alerts in validation/report.json:1:12 is NaN, not a finite number "
                        "(write a number the card can show)"),
    ('{"alerts": -Infinity}', "backtest.alerts in validation/report.json:1:12 is -Infinity, not a finite number "
                              "(write a number the card can show)"),
    ('{"alerts": ' + "7" * 4301 + "}", "backtest.alerts in validation/report.json is a number of 4,301 digits, "
                                       "too long to show (give it in thousands, millions or billions)"),
])
def test_hostile_json(post, text, message):
    write_report(post, text)
    assert render_error(one_metric("backtest.alerts")) == f"specs/01-stats.yaml:4:12: metrics[0].value: {message}"


def test_binary_data_is_located_at_its_first_bad_byte(post):
    Path("validation/report.json").write_bytes(b'{"alerts":\n 4\xff2}')
    assert render_error(one_metric("backtest.alerts")) == (
        "specs/01-stats.yaml:4:12: metrics[0].value: backtest.alerts: validation/report.json:2:3: not UTF-8 text "
        "(byte 0xFF) (a data file is a text file saved as UTF-8)")


def test_a_huge_file_is_not_read(post, monkeypatch):
    from postimages import datafiles

    monkeypatch.setattr(datafiles, "MAX_DATA_BYTES", 1000)
    write_report(post, json.dumps({"alerts": 1, "pad": "x" * 2000}))
    assert render_error(one_metric("backtest.alerts")) == (
        "specs/01-stats.yaml:4:12: metrics[0].value: backtest.alerts: validation/report.json: the data file is over "
        "1,000 bytes (write the numbers the post shows into a smaller summary file)")


def test_a_byte_order_mark_is_no_part_of_the_data(post):
    Path("validation/report.json").write_bytes(b'\xef\xbb\xbf{"alerts": 7, "win_rate": 1.5, "avg_return": 2,'
                                                b' "verdict": "ok", "runs": []}')
    assert [m.value_text for m in metrics_of(card("01-stats"))] == ["7", "1.5%", "+2.000%"]


@pytest.mark.parametrize("file, text, reference, message", [
    ("report.toml", "alerts = 42\nwin_rate = \n", "r.alerts",
     "r.alerts: validation/report.toml:2:12: not valid TOML: Invalid value"),
    ("report.yaml", "alerts: 42\nwin_rate: [1,\n", "r.alerts",
     "r.alerts: validation/report.yaml:3:1: YAML syntax error: expected the node content, but found '<stream end>' "
     "(check the indentation and that every `key: value` has a space after the colon)"),
    ("bench.csv", "case,ms\np50,12\np95,fast\n", "r.p95.ms",  # a CSV row is located by its line
     "r.p95.ms is 'fast' in validation/bench.csv:3, a word where a number belongs (name a number in the data "
     "file; a word goes in a text field as {r.p95.ms})"),
])
def test_other_formats_name_the_line_of_a_mistake(post, file, text, reference, message):
    Path("specs/post.yaml").write_text(f"data:\n  r: ../validation/{file}\n")
    write_report(post, text, file)
    assert render_error(one_metric(reference)) == f"specs/01-stats.yaml:4:12: metrics[0].value: {message}"


def test_check_reports_a_bad_reference_as_an_error(post):
    Path("specs/01-stats.yaml").write_text(one_metric("backtest.win_rat"))
    result = run("check", "specs/01-stats.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[0].startswith(
        "specs/01-stats.yaml:4:12: error: metrics[0].value: backtest.win_rat: validation/report.json:1:1 has no key")


def test_code_keeps_its_braces(post):
    Path("specs/04-code.yaml").write_text('kind: code\ncode: "print({backtest.alerts})"\nlanguage: python\n'
                                          'caption: "{backtest.alerts} alerts"\n')
    code = card("04-code")
    assert (code.fields["code"], code.fields["caption"]) == ("print({backtest.alerts})", "42 alerts")


def test_a_reference_in_a_post_without_data_files_says_what_to_add(post):
    Path("specs/post.yaml").write_text("author: Me\n")
    assert render_error(one_metric("backtest.alerts")) == (
        "specs/01-stats.yaml:4:12: metrics[0].value: 'backtest.alerts' names a data file, but post.yaml names none "
        "(add `data:` to post.yaml, e.g. `data: {backtest: ../report.json}`)")


def test_braces_in_a_post_without_data_files_are_left_as_typed(post):
    Path("specs/post.yaml").write_text("author: Me\n")
    Path("specs/04-words.yaml").write_text('kind: architecture\ntitle: "{{x}} and {backtest.alerts}"\n'
                                           "layers:\n  - name: A\n  - name: B\n")
    assert card("04-words").fields["title"] == "{{x}} and {backtest.alerts}"
