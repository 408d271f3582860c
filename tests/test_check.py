"""`postimages check`: every finding one located line, exit codes, nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages.cli import main
from postimages.mojibake import looks_garbled, repair

from conftest import ROOT

# Line and column are left out only where the file has none (empty, missing, too big).
FINDING = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<column>\d+))?: (?P<severity>error|warning): (?P<rest>.+)$")
SUMMARY = re.compile(r"^\d+ cards? checked: \d+ errors?, \d+ warnings?$")

# Lines of the original drafts, UTF-8 once read as Windows-1252 (the seed file), with what they were.
SEED_FRAGMENTS = [
    ("Verdict: âŒ No predictive edge", "Verdict: ❌ No predictive edge"),
    ("1ï¸âƒ£ Built Before Validating", "1️⃣ Built Before Validating"),
    ("Infrastructure â‰  Product", "Infrastructure ≠ Product"),
    ("Building skills worth â‚¹25-50L/year", "Building skills worth ₹25-50L/year"),
    ("Here's what I learned ðŸ§µ", "Here's what I learned 🧵"),
    ("âœ… Multi-agent orchestration (127 specialized agents)", "✅ Multi-agent orchestration (127 specialized agents)"),
    ("âš¡ Validate early", "⚡ Validate early"),
    ("Infrastructure â‰  Product ðŸ—ï¸", "Infrastructure ≠ Product 🏗️"),
]
CLEAN_TEXT = ["naïve café", "Zürich — “quoted” · ₹ ≥ 3 → ✓", "❌ NO EDGE", "Straße", "🏗️ 👨‍👩‍👧‍👦 🇮🇳", "1️⃣ first"]

GOOD = """\
kind: stats
kicker: Backtest
title: Validation Results
metrics:
  - label: Win rate
    value: 38.1
    unit: "%"
    target: "> 60"
verdict:
  text: NO EDGE
  icon: "❌"
"""


@pytest.mark.parametrize("broken, repaired", SEED_FRAGMENTS, ids=[b for b, _ in SEED_FRAGMENTS])
def test_mojibake_from_the_seed_is_detected_and_repaired(broken, repaired):
    assert looks_garbled(broken)
    assert repair(broken) == repaired


@pytest.mark.parametrize("text", CLEAN_TEXT)
def test_clean_text_is_left_alone(text):
    assert not looks_garbled(text)
    assert repair(text) is None


@pytest.fixture
def post(in_tmp):
    (in_tmp / "specs").mkdir()
    return in_tmp


def write(post: Path, text: str, name: str = "01-card.yaml") -> Path:
    path = post / "specs" / name
    path.write_text(text, encoding="utf-8")
    return path


def run_check(*args):
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    lines = result.stdout.splitlines()
    assert SUMMARY.match(lines[-1]), result.stdout
    findings = [FINDING.match(line) for line in lines[:-1]]
    assert all(findings), f"every line is file:line:col: severity: message\n{result.stdout}"
    return result, findings


def files_in(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_a_clean_post_passes_and_nothing_is_written(post):
    write(post, GOOD)
    before = files_in(post)
    result, findings = run_check()
    assert result.exit_code == 0, result.output
    assert findings == []
    assert "1 card checked: 0 errors, 0 warnings" in result.output
    assert files_in(post) == before


def test_the_shipped_specs_are_clean(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    result, findings = run_check("--strict")
    assert result.exit_code == 0, result.output


def test_seed_mojibake_is_a_warning_with_the_repaired_text(post):
    write(post, GOOD.replace("text: NO EDGE", "text: NO EDGE\n  detail: \"Verdict: âŒ No predictive edge\""))
    result, findings = run_check()
    assert result.exit_code == 0  # warnings alone pass...
    [finding] = findings
    assert finding["severity"] == "warning"
    assert (finding["file"], finding["line"], finding["column"]) == ("specs/01-card.yaml", "11", "11")
    assert finding["rest"].startswith("verdict.detail: ")
    assert 'did you mean "Verdict: ❌ No predictive edge"?' in finding["rest"]
    assert CliRunner().invoke(main, ["check", "--strict"]).exit_code == 1  # ...unless --strict


def test_mojibake_in_post_yaml_is_found_too(post):
    write(post, GOOD)
    write(post, 'footer: "Infrastructure â‰  Product"\n', "post.yaml")
    result, findings = run_check()
    [finding] = findings
    assert finding["file"] == "specs/post.yaml" and finding["line"] == "1"
    assert 'did you mean "Infrastructure ≠ Product"?' in finding["rest"]


def test_errors_render_would_reject_exit_2_with_every_problem(post):
    text = GOOD.replace("value: 38.1", 'value: "38.1%"').replace("title: Validation Results", "title: Egyptian 𓀀")
    write(post, text)
    write(post, "kind: lessons\nitems:\n  - title: [oops\n", "02-lessons.yaml")
    result, findings = run_check()
    assert result.exit_code == 2
    by_line = {(f["file"], int(f["line"])): f for f in findings}
    assert "no bundled font can draw '𓀀'" in by_line[("specs/01-card.yaml", 3)]["rest"]
    number = by_line[("specs/01-card.yaml", 6)]
    assert number["severity"] == "error"
    assert "metrics[0].value: expected a number, got '38.1%'" in number["rest"]
    assert 'write the number alone, `value: 38.1`, and put "%" in `unit:`' in number["rest"]
    assert "YAML syntax error" in by_line[("specs/02-lessons.yaml", 4)]["rest"]
    assert "2 cards checked: 3 errors, 0 warnings" in result.output


def test_low_contrast_theme_colours_are_flagged_at_the_theme(post):
    write(post, GOOD + 'theme: {base: dark, muted: "#3A3F55"}\n')
    result, findings = run_check("--strict")
    assert result.exit_code == 1
    contrast = [f for f in findings if "contrast" in f["rest"]]
    assert contrast and all(f["line"] == "12" and f["rest"].startswith("theme: ") for f in contrast)
    assert any("#3A3F55 on #1A2240" in f["rest"] for f in contrast)  # muted text on a panel
    assert all(f["severity"] == "warning" for f in findings)


def test_the_base_themes_pass_the_contrast_check(post):
    write(post, GOOD + "theme: light\nfooter: A footer line\n")
    write(post, "author: A. Author\nhandle: '@author'\n", "post.yaml")
    write(post, GOOD.replace("title:", "subtitle: Muted text on the background\ntitle:"), "02-dark.yaml")
    result, findings = run_check("--strict")
    assert result.exit_code == 0, result.output


def test_a_title_that_shrank_below_the_headline_size_is_a_warning(post):
    write(post, GOOD.replace("title: Validation Results",
                             "title: Validation results of the earnings alert strategy on real NSE prices, 2019–2024"))
    result, findings = run_check()
    [finding] = findings
    assert finding["severity"] == "warning" and finding["line"] == "3"
    assert re.search(r"title: drawn at \d+ px to fit, under the look's 60 px", finding["rest"])


def test_text_that_cannot_fit_is_an_error_naming_the_field(post):
    write(post, GOOD.replace("title: Validation Results", "title: " + "Wide " * 39))
    result, findings = run_check()
    assert result.exit_code == 2
    assert any(f["line"] == "3" and "title: text too long" in f["rest"] for f in findings)


def test_no_specs_folder_is_a_usage_error(in_tmp):
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert "postimages init" in result.output


def test_check_names_a_missing_file(post):
    write(post, GOOD)
    result, findings = run_check("specs/nope.yaml")
    assert result.exit_code == 2
    assert "specs/nope.yaml: error: no such file or folder" in result.stdout


DENSE_DIAGRAM = "kind: architecture\ntitle: Eight layers\nlayers:\n" + "".join(
    f"  - name: Layer {i}\n    items: [{', '.join(f'Component {j}' for j in range(8))}]\n" for i in range(8))


def test_check_at_a_size_finds_what_render_at_that_size_refuses(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    (in_tmp / "specs" / "05-dense.yaml").write_text(DENSE_DIAGRAM, encoding="utf-8")
    result, findings = run_check("--size", "landscape")
    errors = {Path(f["file"]).name for f in findings if f["severity"] == "error"}
    rendered = CliRunner().invoke(main, ["render", "--size", "landscape", "--out", "out"])
    refused = {line.split(":")[0].split("/")[-1] for line in rendered.output.splitlines()
               if line.startswith("specs/") and ": warning: " not in line}
    assert result.exit_code == 2
    assert errors == refused == {"05-dense.yaml"}
    (in_tmp / "specs" / "05-dense.yaml").unlink()
    clean, _ = run_check()  # the specs' own size: nothing refused
    assert clean.exit_code == 0


def test_render_warns_at_a_size_with_the_line_check_gives(in_tmp):
    """Content that only fits under the legible size renders, with one warning line
    that `check` gives too (the same text, at the same place)."""
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    rendered = CliRunner().invoke(main, ["render", "--size", "landscape", "--out", "out"])
    assert rendered.exit_code == 0
    warned = {line for line in rendered.output.splitlines() if ": warning: " in line}
    _, findings = run_check("--size", "landscape")
    checked = {f"{f['file']}:{f['line']}:{f['column']}: warning: {f['rest']}" for f in findings
               if f["severity"] == "warning"}
    code = [line for line in warned if line.startswith("specs/03-code.yaml")]
    diagram = [line for line in warned if line.startswith("specs/02-architecture.yaml")]
    assert len(code) == 1 and len(diagram) == 1
    assert "drawn at 16 px to fit, under the look's 24 px" in code[0] and "show at most" in code[0]
    assert "need" in diagram[0] and "portrait" in diagram[0]
    assert set(code + diagram) <= checked


def test_check_in_a_theme_checks_its_colours(post):
    write(post, GOOD)
    write(post, "theme: {base: light, muted: \"#C0C4CC\"}\n", "post.yaml")
    dark, findings = run_check("--theme", "dark")
    assert dark.exit_code == 0 and not findings  # the dark variant derives its own muted colour
    light, findings = run_check("--theme", "light")
    assert any("contrast" in f["rest"] for f in findings), light.output  # the light theme keeps the poor grey
    custom, findings = run_check()
    assert any("contrast" in f["rest"] for f in findings), custom.output


def test_a_shared_setting_every_card_trips_on_is_reported_once(post):
    write(post, GOOD)
    write(post, GOOD, "02-card.yaml")
    write(post, "author: " + "Maximiliane " * 5 + "Oberhauser-Winkel\nhandle: '@" + "x" * 58 + "'\n", "post.yaml")
    result, findings = run_check()
    authors = [f for f in findings if "author" in f["rest"]]
    assert len(authors) == 1 and authors[0]["file"].endswith("post.yaml"), result.output
