"""Hostile input: every mistake gets a one-line, located message and costs nothing.

Each case renders a small post twice, the way a user would: once with good
specs, then with one card's spec replaced by something broken. The broken
card must fail alone, quickly, with one line per problem naming the file (and
line and column where the YAML has them), no traceback, its previous PNG
byte for byte as it was, and the other card rendered again. `postimages
check` must report each case as an error, writing nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from click.testing import CliRunner

from postimages import cards
from postimages.cli import main

from conftest import ROOT

CARD = "specs/01-card.yaml"
PNG = Path("output/01-card.png")
OTHER_PNG = Path("output/02-other.png")
TIME_LIMIT = 10.0  # seconds; a mistake is answered in well under one on an idle machine

POST = "author: Test Author\nfooter: hostile input suite\n"
OTHER = "kind: stats\ntitle: Still here\nmetrics:\n  - {label: Sample, value: 42, unit: alerts}\n"
SNIPPET = "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(0)\n    return 42\n"

GOOD = {
    "stats": """\
kind: stats
title: Validation Results
metrics:
  - label: Win rate
    value: 38.1
    unit: "%"
    target: "> 60"
verdict:
  text: NO EDGE
  icon: "❌"
""",
    "architecture": """\
kind: architecture
title: What I built
layers:
  - name: Data Collection
    tag: 127 agents
    items: [Scraping, PDF extraction]
  - name: Prediction API
    items: [FastAPI, Pydantic]
""",
    "code": """\
kind: code
title: Fan out
source: snippets/demo.py
caption: one orchestrator
""",
    "checklist": """\
kind: checklist
title: What worked
columns:
  - heading: Worked
    status: good
    items: [Clean architecture, Zero-downtime deploys]
  - heading: Didn't
    status: bad
    items: [Accuracy 38% vs 60%]
""",
    "chart": """\
kind: chart
title: Where 520 hours went
unit: h
bars:
  - {label: Development, value: 360}
  - {label: Testing, value: 80}
total: true
""",
    "cover": "kind: cover\ntitle: I built a trading system\nemoji: '📉'\n",
    "quote": "kind: quote\nquote: Blockbuster earnings move prices.\nstamp: {text: REJECTED, status: fail}\n",
    "closing": "kind: closing\ntitle: Thanks for reading\nlines: [My DMs are open]\ncta: Follow\n",
    "lessons": """\
kind: lessons
title: Lessons
items:
  - icon: "⚡"
    title: Validate early
    text: Test the core idea in week 1.
  - icon: "📊"
    title: Baselines first
""",
    "image": """\
kind: image
title: Launch day
image: snippets/shot.png
url: example.com
caption: p95 under 60 ms
""",
}

# Real broken text from the original drafts (UTF-8 read as Windows-1252).
SEED_VERDICT = "Verdict: âŒ No predictive edge"


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    spec: str | bytes
    expected: str  # a fragment of the message
    located: bool = True  # the message carries line:column


def stats(body: str) -> str:
    return "kind: stats\n" + body


METRIC = "metrics:\n  - {label: Win rate, value: 38.1}\n"

CASES = [
    # YAML itself
    Case("yaml-syntax", "stats", stats("title: [unclosed\n" + METRIC), "YAML syntax error"),
    Case("unquoted-comparison", "stats", stats(METRIC + "    target: > 60\n"), "YAML syntax error"),
    Case("wrong-indentation", "stats", stats("metrics:\n  - label: a\n     value: 1\n"), "YAML syntax error"),
    Case("tab-indentation", "stats", stats("metrics:\n\t- {label: a, value: 1}\n"), "tabs"),
    Case("empty-file", "stats", "", "the file is empty", located=False),
    Case("only-comments", "stats", "# to do\n", "the file is empty", located=False),
    Case("list-at-top", "stats", "- kind: stats\n- title: x\n", "a card spec is a mapping"),
    Case("scalar-at-top", "stats", "just some words\n", "a card spec is a mapping"),
    Case("duplicate-key", "stats", stats("title: a\ntitle: b\n" + METRIC), "appears twice"),
    Case("python-tag", "stats", "kind: !!python/name:os.system stats\n", "cannot read this value"),
    Case("nul-character", "stats", stats("title: a\x00b\n" + METRIC), "control character U+0000"),
    Case("invalid-utf8", "stats", b"kind: stats\ntitle: caf\xe9 \xff\n" + METRIC.encode(), "not valid UTF-8"),
    Case("binary-garbage", "stats", bytes(range(256)) * 64, "not valid UTF-8"),
    Case("alias-bomb", "stats", stats(
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))),
        "more than"),
    Case("deep-brackets", "stats", stats("metrics: " + "[" * 100_000 + "\n"), "nested", located=False),
    Case("deep-mappings", "stats", stats("metrics:\n" + "".join("  " * i + "a:\n" for i in range(1, 60))),
         "nested more than"),
    Case("multi-megabyte", "stats", stats("title: '" + "a" * 3_000_000 + "'\n"), "at most 1,000,000",
         located=False),
    # fields and values
    Case("missing-kind", "stats", "title: Validation\n" + METRIC, "missing required field 'kind'"),
    Case("unknown-kind", "stats", "kind: stat\n" + METRIC, "did you mean 'stats'"),
    Case("kind-is-a-list", "stats", "kind: [stats]\n" + METRIC, "expected text, got a list"),
    Case("missing-metrics", "stats", stats("title: x\n"), "missing required field 'metrics'"),
    Case("unknown-key", "stats", stats("titel: x\n" + METRIC), "did you mean 'title'"),
    Case("metrics-not-a-list", "stats", stats("metrics: many\n"), "expected a list"),
    Case("number-as-text", "stats", stats('metrics:\n  - {label: a, value: "38.1%"}\n'), "expected a number"),
    Case("nan", "stats", stats("metrics:\n  - {label: a, value: .nan}\n"), "finite number"),
    Case("infinity", "stats", stats("metrics:\n  - {label: a, value: -.inf}\n"), "finite number"),
    Case("five-thousand-digits", "stats", stats("metrics:\n  - {label: a, value: " + "9" * 5000 + "}\n"),
         "characters long"),
    Case("exponent-as-text", "stats", stats("metrics:\n  - {label: a, value: 1e6}\n"), "write 1.0e+6"),
    Case("yes-no-word", "stats", stats(METRIC + "verdict: {text: NO}\n"), 'write it in quotes: "NO"'),
    Case("malformed-target", "stats", stats("metrics:\n  - {label: a, value: 1, target: about 60}\n"),
         "expected a comparison"),
    Case("bare-target", "stats", stats("metrics:\n  - {label: a, value: 1, target: 60}\n"), 'write "> 60"'),
    Case("malformed-size", "stats", stats("size: big\n" + METRIC), "WIDTHxHEIGHT"),
    Case("size-as-list", "stats", stats("size: [1200, 1200]\n" + METRIC), "WIDTHxHEIGHT"),
    Case("size-too-big", "stats", stats("size: 99999x99999\n" + METRIC), "each side must be"),
    Case("size-too-elongated", "stats", stats("size: 4000x400\n" + METRIC), "elongated"),
    Case("theme-base-list", "stats", stats("theme: {base: [dark]}\n" + METRIC), "unknown theme"),
    Case("theme-bad-colour", "stats", stats("theme: {accent: red}\n" + METRIC), "expected a colour"),
    Case("too-many-metrics", "stats", stats("metrics:\n" + "  - {label: a, value: 1}\n" * 7), "at most 6"),
    Case("no-metrics", "stats", stats("metrics: []\n"), "at least 1"),
    Case("decimals-out-of-range", "stats", stats("metrics:\n  - {label: a, value: 1, decimals: 99}\n"),
         "at most 6"),
    Case("title-over-the-limit", "stats", stats("title: " + "word " * 1000 + "\n" + METRIC), "at most 200"),
    Case("title-cannot-fit", "stats", stats("title: " + "Wide " * 39 + "\n" + METRIC), "text too long"),
    Case("no-font-has-it", "stats", stats("title: Egyptian 𓀀\n" + METRIC), "no bundled font can draw"),
    Case("unit-no-font", "stats", stats("metrics:\n  - {label: a, value: 1, unit: 𓀀 units}\n"),
         "metrics[0].unit: no bundled font can draw"),
    Case("right-to-left-script-no-font-has", "stats", stats("title: ܫܠܡܐ\n" + METRIC), "no bundled font can draw"),
    Case("verdict-icon-too-long", "stats", stats(METRIC + "verdict: {text: x, icon: '" + "❌" * 20 + "'}\n"),
         "at most 16"),
    # architecture
    Case("one-layer", "architecture", "kind: architecture\nlayers:\n  - name: a\n", "at least 2"),
    Case("nine-layers", "architecture", "kind: architecture\nlayers:\n" + "  - name: a\n" * 9, "at most 8"),
    Case("items-not-a-list", "architecture", "kind: architecture\nlayers:\n  - {name: a, items: x}\n  - name: b\n",
         "expected a list"),
    Case("layer-without-name", "architecture", "kind: architecture\nlayers:\n  - tag: x\n  - name: b\n",
         "missing required field 'name'"),
    Case("layer-unknown-key", "architecture", "kind: architecture\nlayers:\n  - {name: a, itmes: [x]}\n  - name: b\n",
         "did you mean 'items'"),
    Case("diagram-cannot-fit", "architecture",
         "kind: architecture\nlayers:\n" + "".join(f"  - name: Layer number {i}\n    items: ["
                                                     + ", ".join(["Quality validation of every number"] * 8) + "]\n"
                                                     for i in range(8)), "more height"),
    Case("layer-no-font", "architecture", "kind: architecture\nlayers:\n  - name: a 𓀀\n  - name: b\n",
         "no bundled font can draw"),
    # code
    Case("missing-source-file", "code", "kind: code\nsource: snippets/nope.py\n", "no such file"),
    Case("source-is-a-folder", "code", "kind: code\nsource: snippets\n", "not a file"),
    Case("source-is-a-device", "code", "kind: code\nsource: /dev/zero\n", "not a file"),
    Case("source-not-utf8", "code", "kind: code\nsource: snippets/latin1.py\n", "not UTF-8"),
    Case("source-and-code", "code", "kind: code\nsource: snippets/demo.py\ncode: x = 1\n", "not both"),
    Case("no-code-at-all", "code", "kind: code\ntitle: empty\n", "missing the code"),
    Case("lines-backwards", "code", "kind: code\nsource: snippets/demo.py\nlines: 5-1\n", "backwards"),
    Case("lines-past-the-end", "code", "kind: code\nsource: snippets/demo.py\nlines: 1-99999999999999\n",
         "past the end"),
    Case("unknown-language", "code", "kind: code\ncode: x = 1\nlanguage: klingon\n", "unknown language"),
    Case("unknown-code-theme", "code", "kind: code\ncode: x = 1\ncode_theme: nope\n", "unknown code theme"),
    Case("too-many-lines", "code", "kind: code\ncode: \"" + "x = 1\\n" * 2000 + "\"\n", "do not fit"),
    # lessons
    Case("eleven-lessons", "lessons", "kind: lessons\nitems:\n" + "  - title: a\n" * 11, "at most 10"),
    Case("no-lessons", "lessons", "kind: lessons\nitems: []\n", "at least 1"),
    Case("lesson-without-title", "lessons", "kind: lessons\nitems:\n  - text: only text\n",
         "missing required field 'title'"),
    Case("lesson-empty-title", "lessons", "kind: lessons\nitems:\n  - title: '  '\n", "must not be empty"),
    Case("lesson-icon-is-a-sentence", "lessons", "kind: lessons\nitems:\n  - {icon: not an emoji at all, title: a}\n",
         "items[0].icon"),
    Case("lessons-cannot-fit", "lessons",
         "kind: lessons\nitems:\n" + ("  - {title: '" + "word " * 20 + "', text: '" + "word " * 75 + "'}\n") * 10,
         "keep at most"),
    Case("bars-without-target", "stats", stats("metrics:\n  - {label: Sample, value: 42, bars: true}\n"),
         "this metric has none"),
    # checklist
    Case("checklist-no-items", "checklist", "kind: checklist\ncolumns:\n  - {heading: a, items: []}\n", "at least 1"),
    Case("checklist-no-columns", "checklist", "kind: checklist\ncolumns: []\n", "at least 1"),
    Case("checklist-four-columns", "checklist", "kind: checklist\ncolumns:\n" + "  - {items: [a]}\n" * 4,
         "at most 3"),
    Case("checklist-eleven-items", "checklist",
         "kind: checklist\ncolumns:\n  - items: [" + ", ".join(f"item {i}" for i in range(11)) + "]\n", "at most 10"),
    Case("checklist-unknown-status", "checklist", "kind: checklist\ncolumns:\n  - {status: goood, items: [a]}\n",
         "did you mean 'good'"),
    Case("checklist-items-not-a-list", "checklist", "kind: checklist\ncolumns:\n  - {items: just one}\n",
         "expected a list"),
    Case("checklist-empty-item", "checklist", "kind: checklist\ncolumns:\n  - {items: [a, '  ']}\n",
         "must not be empty"),
    Case("checklist-cannot-fit", "checklist", "kind: checklist\ncolumns:\n"
         + ("  - items: [" + ", ".join(["'" + "word " * 30 + "'"] * 10) + "]\n") * 3, "more height"),
    Case("checklist-no-font", "checklist", "kind: checklist\ncolumns:\n  - {items: [a 𓀀]}\n", "no bundled font can draw"),
    # chart
    Case("chart-no-bars", "chart", "kind: chart\nbars: []\n", "at least 1"),
    Case("chart-thirteen-bars", "chart", "kind: chart\nbars:\n" + "".join(f"  - {{label: b{i}, value: {i}}}\n"
                                                                      for i in range(13)), "at most 12"),
    Case("chart-word-for-a-number", "chart", "kind: chart\nbars:\n  - {label: Dev, value: lots}\n",
         "expected a number"),
    Case("chart-number-with-unit", "chart", "kind: chart\nbars:\n  - {label: Dev, value: 360h}\n",
         "put \"h\" in `unit:`"),
    Case("chart-bar-without-value", "chart", "kind: chart\nbars:\n  - {label: Dev}\n", "missing required field 'value'"),
    Case("chart-unknown-color", "chart", "kind: chart\nbars:\n  - {label: Dev, value: 3, color: purple}\n",
         "expected good, bad, accent, muted"),
    Case("chart-unknown-direction", "chart", "kind: chart\ndirection: sideways\nbars:\n  - {label: a, value: 1}\n",
         "expected one of horizontal, vertical"),
    Case("chart-target-without-value", "chart", "kind: chart\ntarget: {label: plan}\nbars:\n  - {label: a, value: 1}\n",
         "missing required field 'value'"),
    Case("chart-total-not-yes-no", "chart", "kind: chart\ntotal: sum\nbars:\n  - {label: a, value: 1}\n",
         "expected true or false"),
    Case("chart-cannot-fit", "chart", "kind: chart\nsize: landscape\nbars:\n" + "".join(
        f"  - {{label: '{'long label words ' * 4}{i}', value: {i}}}\n" for i in range(12)), "text too long"),
    Case("lesson-no-font", "lessons", "kind: lessons\nitems:\n  - title: a 𓀀\n", "no bundled font can draw"),
    # image
    # image
    Case("missing-image", "image", "kind: image\nimage: snippets/nope.png\n", "no such file"),
    Case("image-is-a-folder", "image", "kind: image\nimage: snippets\n", "is a folder"),
    Case("image-is-a-device", "image", "kind: image\nimage: /dev/zero\n", "not a regular file"),
    Case("image-is-code", "image", "kind: image\nimage: snippets/demo.py\n", "not an image"),
    Case("image-is-a-sliver", "image", "kind: image\nimage: snippets/sliver.png\n", "so tall"),
    Case("no-image", "image", "kind: image\ntitle: nothing to show\n", "missing required field 'image'"),
    Case("unknown-frame", "image", "kind: image\nimage: snippets/shot.png\nframe: brwser\n", "did you mean 'browser'"),
    Case("unknown-fit", "image", "kind: image\nimage: snippets/shot.png\nfit: stretch\n", "one of: contain, cover"),
    # the cover
    Case("cover-without-title", "cover", "kind: cover\nemoji: '📉'\n", "missing required field 'title'"),
    Case("cover-blank-title", "cover", "kind: cover\ntitle: '   '\n", "missing required field 'title'"),
    Case("cover-emoji-is-words", "cover", "kind: cover\ntitle: a\nemoji: up\n", "expected emoji"),
    Case("cover-too-many-emoji", "cover", "kind: cover\ntitle: a\nemoji: '📉📉📉📉'\n", "at most 3 emoji"),
    Case("cover-swipe-word", "cover", "kind: cover\ntitle: a\nswipe: sometimes\n", "swipe"),
    Case("cover-unknown-key", "cover", "kind: cover\ntitle: a\nemojis: '📉'\n", "did you mean 'emoji'"),
    Case("cover-cannot-fit", "cover", "kind: cover\ntitle: " + "Wide " * 39 + "\nsubtitle: " + "Wide " * 55
         + "\n", "shorten"),
    Case("cover-no-font", "cover", "kind: cover\ntitle: Egyptian 𓀀\n", "no bundled font can draw"),
    # the quote
    Case("quote-missing", "quote", "kind: quote\nby: me\n", "missing required field 'quote'"),
    Case("quote-empty", "quote", "kind: quote\nquote: ''\n", "must not be empty"),
    Case("quote-over-the-limit", "quote", "kind: quote\nquote: " + "word " * 80 + "\n", "at most 320"),
    Case("quote-as-a-list", "quote", "kind: quote\nquote: [a, b]\n", "expected text"),
    Case("stamp-unknown-status", "quote", "kind: quote\nquote: a\nstamp: {text: NO, status: maybe}\n", "pass"),
    Case("stamp-without-text", "quote", "kind: quote\nquote: a\nstamp: {icon: '❌'}\n",
         "missing required field 'text'"),
    Case("stamp-text-too-long", "quote", "kind: quote\nquote: a\nstamp: {text: " + "x" * 30 + "}\n", "at most 24"),
    Case("quote-no-font", "quote", "kind: quote\nquote: Egyptian 𓀀\n", "no bundled font can draw"),
    # the closing card
    Case("closing-without-title", "closing", "kind: closing\ncta: Follow\n", "missing required field 'title'"),
    Case("closing-six-lines", "closing", "kind: closing\ntitle: a\nlines:\n" + "  - a line\n" * 6, "at most 5"),
    Case("closing-lines-not-a-list", "closing", "kind: closing\ntitle: a\nlines: one line\n", "expected a list"),
    Case("closing-empty-line", "closing", "kind: closing\ntitle: a\nlines: ['  ']\n", "must not be empty"),
    Case("closing-cta-too-long", "closing", "kind: closing\ntitle: a\ncta: " + "x" * 60 + "\n", "at most 48"),
    Case("closing-line-no-font", "closing", "kind: closing\ntitle: a\nlines: [a 𓀀]\n", "no bundled font can draw"),
]

# These run as real processes (`python -m postimages`), the rest through click's runner.
SUBPROCESS_CASES = {"yaml-syntax", "invalid-utf8", "alias-bomb", "deep-brackets", "missing-source-file"}


def _kind_param(case: Case):
    marks = []
    if case.kind not in cards.names():
        marks.append(pytest.mark.skip(reason=f"card kind '{case.kind}' is not registered yet"))
    return pytest.param(case, id=f"{case.kind}-{case.id}", marks=marks)


# --- the post ------------------------------------------------------------------


@pytest.fixture(scope="session")
def rendered_posts(tmp_path_factory):
    """Per kind, a post whose two cards rendered once: copied, never changed, by each case."""
    made: dict[str, Path] = {}

    def post_for(kind: str) -> Path:
        if kind not in made:
            folder = tmp_path_factory.mktemp(f"post-{kind}")
            _write_post(folder, GOOD[kind])
            completed = _run_cli(folder, ["render"])
            assert completed.exit_code == 0, completed.output
            made[kind] = folder
        return made[kind]

    return post_for


def _write_post(folder: Path, card: str) -> None:
    specs = folder / "specs"
    (specs / "snippets").mkdir(parents=True)
    (specs / "post.yaml").write_text(POST, encoding="utf-8")
    (specs / "01-card.yaml").write_text(card, encoding="utf-8")
    (specs / "02-other.yaml").write_text(OTHER, encoding="utf-8")
    (specs / "snippets" / "demo.py").write_text(SNIPPET, encoding="utf-8")
    (specs / "snippets" / "latin1.py").write_bytes("print('café')\n".encode("latin-1"))
    Image.new("RGB", (320, 200), (40, 44, 52)).save(specs / "snippets" / "shot.png")
    Image.new("RGB", (8, 2000), (40, 44, 52)).save(specs / "snippets" / "sliver.png")


@pytest.fixture
def post(rendered_posts, tmp_path, monkeypatch):
    """A fresh copy of a rendered post for one kind, as the working folder."""

    def copy(kind: str) -> Path:
        folder = tmp_path / "post"
        shutil.copytree(rendered_posts(kind), folder)
        monkeypatch.chdir(folder)
        return folder

    return copy


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _run_cli(folder: Path, args: list[str]) -> Outcome:
    before = Path.cwd()
    os.chdir(folder)
    try:
        started = time.perf_counter()
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        return Outcome(result.exit_code, result.stdout, result.stderr, time.perf_counter() - started)
    finally:
        os.chdir(before)


def run_subprocess(folder: Path, args: list[str]) -> Outcome:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "postimages", *args], cwd=folder, env=env,
                               capture_output=True, text=True, timeout=60)
    return Outcome(completed.returncode, completed.stdout, completed.stderr, time.perf_counter() - started)


# --- the cases -----------------------------------------------------------------


@pytest.mark.parametrize("case", [_kind_param(c) for c in CASES])
def test_a_broken_card_fails_alone_with_a_located_line_and_keeps_its_png(post, case: Case):
    folder = post(case.kind)
    previous = (folder / PNG).read_bytes()
    spec = folder / CARD
    spec.write_bytes(case.spec if isinstance(case.spec, bytes) else case.spec.encode("utf-8"))
    (folder / OTHER_PNG).unlink()  # so that "rendered again" is visible

    runner = run_subprocess if case.id in SUBPROCESS_CASES else _run_cli
    outcome = runner(folder, ["render"])

    assert outcome.exit_code == 1, outcome.output
    assert "Traceback" not in outcome.output
    assert outcome.seconds < TIME_LIMIT, f"took {outcome.seconds:.1f} s"
    _assert_one_located_line_per_problem(outcome.stderr, case)
    assert (folder / PNG).read_bytes() == previous
    assert (folder / OTHER_PNG).is_file(), "the other card was not rendered"
    assert not [p for p in (folder / "output").iterdir() if p.name.endswith(".tmp")]


def _assert_one_located_line_per_problem(stderr: str, case: Case) -> None:
    lines = stderr.splitlines()
    summary = [line for line in lines if re.match(r"^\d+ of \d+ cards rendered", line)]
    problems = [line for line in lines if line not in summary]
    assert summary and problems, stderr
    # Every line is a whole message about the broken file: no continuation lines, no other file.
    assert all(line.startswith(CARD + ":") for line in problems), stderr
    assert any(case.expected in line for line in problems), stderr
    if case.located:
        assert all(re.match(rf"^{re.escape(CARD)}:\d+:\d+: ", line) for line in problems), stderr


@pytest.mark.parametrize("case", [_kind_param(c) for c in CASES])
def test_check_reports_what_render_would_reject_and_writes_nothing(post, case: Case):
    folder = post(case.kind)
    spec = folder / CARD
    spec.write_bytes(case.spec if isinstance(case.spec, bytes) else case.spec.encode("utf-8"))
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}

    outcome = _run_cli(folder, ["check"])

    assert outcome.exit_code == 2, outcome.output
    assert outcome.seconds < TIME_LIMIT, f"took {outcome.seconds:.1f} s"
    errors = [line for line in outcome.stdout.splitlines() if line.startswith(CARD + ":")]
    assert any(": error: " in line and case.expected in line for line in errors), outcome.stdout
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


def test_the_suite_covers_every_registered_kind():
    covered = {case.kind for case in CASES}
    assert set(cards.names()) <= covered, f"no hostile cases for {set(cards.names()) - covered}"
    assert len(CASES) >= 30


# --- beyond one card -------------------------------------------------------------


def test_a_broken_post_yaml_keeps_every_png(post):
    folder = post("stats")
    previous = {p.name: p.read_bytes() for p in (folder / "output").glob("*.png")}
    (folder / "specs" / "post.yaml").write_text("author: [unclosed\n", encoding="utf-8")
    outcome = _run_cli(folder, ["render"])
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.output
    assert re.search(r"^specs/post\.yaml:\d+:\d+: YAML syntax error", outcome.stderr, re.M), outcome.stderr
    assert {p.name: p.read_bytes() for p in (folder / "output").glob("*.png")} == previous


def test_a_card_too_big_to_draw_safely_is_refused_before_drawing(post):
    folder = post("stats")
    previous = (folder / PNG).read_bytes()
    (folder / CARD).write_text(GOOD["stats"] + "size: 4000x4000\n", encoding="utf-8")
    outcome = _run_cli(folder, ["render", "--scale", "4"])
    assert outcome.exit_code == 1
    assert outcome.seconds < TIME_LIMIT
    assert re.search(r"^specs/01-card\.yaml:\d+:\d+: size: 16000×16000 px .* drawn safely", outcome.stderr,
                     re.M), outcome.stderr
    assert (folder / PNG).read_bytes() == previous


def test_an_unwritable_output_is_a_message_not_a_traceback(post):
    folder = post("stats")
    (folder / OTHER_PNG).unlink()
    (folder / OTHER_PNG).mkdir()  # a folder where the PNG should go
    outcome = _run_cli(folder, ["render", "--force"])
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.output
    assert re.search(r"^output/02-other\.png: cannot write the file: ", outcome.stderr, re.M), outcome.stderr
    assert (folder / PNG).is_file()


def test_a_cache_file_that_cannot_be_written_does_not_fail_the_render(post):
    folder = post("stats")
    cache = folder / "output" / ".postimages-cache.json"
    cache.unlink(missing_ok=True)
    cache.mkdir()  # a folder where the cache file should go
    outcome = _run_cli(folder, ["render", "--force"])
    assert outcome.exit_code == 0, outcome.output
    assert "Traceback" not in outcome.output
    assert (folder / PNG).is_file() and (folder / OTHER_PNG).is_file()


def test_check_parses_each_file_once_so_a_megabyte_spec_stays_fast(in_tmp, monkeypatch):
    import yaml as yaml_module

    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    spec = in_tmp / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("title: Validation Results", "title: " + "word " * 199_800))
    composed = []
    original = yaml_module.compose
    monkeypatch.setattr(yaml_module, "compose", lambda text, **kw: composed.append(len(text)) or original(text, **kw))
    result = CliRunner().invoke(main, ["check"])
    assert "title: is 998,999 characters long" in result.output
    assert sum(1 for n in composed if n > 900_000) == 1
