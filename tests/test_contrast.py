"""`postimages check` judges the contrast of every card's text against what is really behind it."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages.plan import Options, load_job, plan
from postimages.cards.code import layout as code_layout
from postimages.check import check, graphics_of, texts_of
from postimages.color import contrast, mix
from postimages.cli import main
from postimages.render import layout_card
from postimages.scene import Glyphs
from postimages.color import parse_color
from postimages.theme import DARK

from conftest import ROOT

SPECS = ROOT / "specs"
CONTRAST = re.compile(r"warning: .*contrast of (?P<field>[^\s:]+)")
POOR = "#3A3F55"  # a dim grey-blue: under 4.5:1 on the dark panels and background


@pytest.fixture
def post(in_tmp):
    """An empty post folder to check, as the working folder."""
    (in_tmp / "specs").mkdir()
    return in_tmp / "specs"


def run_check() -> list[str]:
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout.splitlines()[:-1]  # the last line is the summary


def contrast_warnings(lines: list[str]) -> list[str]:
    return [line for line in lines if "contrast of" in line]


def copy_card(stem: str, folder: Path, extra: str = "") -> None:
    """A shipped card, with its snippets, into `folder`; `extra` is appended to its YAML."""
    text = (SPECS / f"{stem}.yaml").read_text(encoding="utf-8")
    (folder / f"{stem}.yaml").write_text(text + extra, encoding="utf-8")
    shutil.copytree(SPECS / "snippets", folder / "snippets", dirs_exist_ok=True)


# --- the shipped cards read well -------------------------------------------


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_shipped_cards_pass_the_contrast_check(post, theme):
    shutil.copytree(SPECS, post, dirs_exist_ok=True)
    settings = post / "post.yaml"
    settings.write_text(re.sub(r"(?m)^theme: .*$", f"theme: {theme}", settings.read_text(encoding="utf-8")),
                        encoding="utf-8")
    assert f"theme: {theme}" in settings.read_text(encoding="utf-8")
    assert contrast_warnings(run_check()) == []


# --- a poor colour is caught on each card ----------------------------------

# The theme role each card draws its own text with (architecture draws nothing muted).
POOR_ROLE = {"02-architecture": "text", "03-code": "muted", "04-lessons": "muted"}
CARD_FIELD = {"02-architecture": r"layers\[\d+\]\.(name|items\[\d+\])", "03-code": r"caption",
              "04-lessons": r"items\[\d+\]\.text"}


@pytest.mark.parametrize("stem", sorted(POOR_ROLE))
def test_a_poor_theme_colour_is_reported_on_the_cards_own_text(post, stem):
    copy_card(stem, post, f'theme: {{base: dark, {POOR_ROLE[stem]}: "{POOR}"}}\n')
    fields = [CONTRAST.search(line).group("field") for line in contrast_warnings(run_check())]
    assert any(re.fullmatch(CARD_FIELD[stem], field) for field in fields), fields


def test_arrows_that_do_not_stand_out_from_the_background_are_reported(post):
    # The arrows carry the flow between layers: graphics held to 3:1, drawn in each layer's accent.
    # A theme from the spec makes its accent read; a Theme built by hand need not.
    copy_card("02-architecture", post)
    report = check([post], Options(theme=replace(DARK, accent=parse_color("#2A3350"))))
    warnings = [str(finding) for finding in report.findings if "graphic that carries meaning" in str(finding)]
    assert any("the flow from layers[0] to layers[1]" in line for line in warnings), warnings


def test_code_on_a_highlight_band_it_does_not_read_on_is_reported(post, monkeypatch):
    # The code's colours keep every token at 4.5:1 on the band; a band close to
    # the tokens shows that check judges highlighted rows against the band.
    window_colors = code_layout.window_colors

    def muddy_band(doc, ctx):
        return replace(window_colors(doc, ctx), band=parse_color("#8A8F9F"))

    monkeypatch.setattr(code_layout, "window_colors", muddy_band)
    copy_card("03-code", post)
    fields = [CONTRAST.search(line).group("field") for line in contrast_warnings(run_check())]
    assert "source" in fields, fields


# --- what the code card lists ----------------------------------------------


def _laid_out(stem: str):
    jobs, _ = plan([SPECS / f"{stem}.yaml"])
    return layout_card(load_job(jobs[0], Options()))


def test_every_run_of_code_is_listed_in_its_colour_over_the_window_or_the_band():
    laid_out = _laid_out("03-code")
    window = next(shape.fill for shape in laid_out.named("window") if shape.name == "window")
    bands = [shape for shape in laid_out.named("band") if not shape.name.endswith(".stripe")]
    runs = [item for item in laid_out.items if isinstance(item, Glyphs) and item.field == "source"]
    seen = [item for item in texts_of(laid_out) if item.field == "source"]
    assert len(seen) == len(runs)
    highlighted = [any(band.box.contains(run.row) for band in bands) for run in runs]
    for item, run, on_band in zip(seen, runs, highlighted):
        assert item.color == run.style.color
        assert item.behind == ((bands[0].fill if on_band else window),)
    assert any(highlighted) and not all(highlighted)


def test_the_highlight_band_is_marked_by_a_stripe_held_to_3_to_1():
    laid_out = _laid_out("03-code")
    (band,) = [shape for shape in laid_out.named("band") if not shape.name.endswith(".stripe")]
    (stripe,) = laid_out.named("band[0].stripe")
    # The band itself is subtle on purpose (about 1.2:1); the accent stripe carries the meaning.
    (graphic,) = [seen for seen in graphics_of(laid_out) if seen.box == stripe.box]
    assert graphic.color == stripe.fill and graphic.behind == (band.fill,)
    window = next(shape.fill for shape in laid_out.named("window") if shape.name == "window")
    assert contrast(stripe.fill, band.fill) >= 3 > contrast(band.fill, window)
    assert band.meaning is None and stripe.meaning


@pytest.mark.parametrize("stem", ["02-architecture", "03-code", "04-lessons"])
def test_card_texts_come_with_what_is_behind_them(stem):
    laid_out = _laid_out(stem)
    frame = ("kicker", "title", "subtitle", "author", "footer", "page_numbers")
    card_items = [item for item in texts_of(laid_out) if item.field not in frame]
    assert card_items
    # Only line numbers and ↪ marks are left out of the contrast check (they are quieter on purpose).
    quiet = [item for item in card_items if not item.behind]
    assert all(item.field == "line_numbers" for item in quiet), [i.field for i in quiet]


def test_a_highlight_band_too_close_to_the_window_is_reported(post, monkeypatch):
    """The band must stand out (1.4:1 against the window); check measures it from the scene."""
    from postimages.cards.code import highlight

    shutil.copytree(ROOT / "specs", post, dirs_exist_ok=True)
    assert not [f for f in check([post / "03-code.yaml"]).findings if "band" in str(f)]  # as shipped: seen
    monkeypatch.setattr(highlight, "accent_band", lambda background, accent: mix(background, (255, 255, 255), 0.02))
    monkeypatch.setenv("XDG_CACHE_HOME", str(post.parent / "another-cache"))  # not the coloured code kept above
    report = check([post / "03-code.yaml"])
    lines = [str(f) for f in report.findings]
    band = [line for line in lines if "highlight: the band is" in line]
    assert len(band) == 1 and "needs 1.4:1 to be seen" in band[0], lines
