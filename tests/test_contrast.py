"""`postimages check` judges the contrast of every card's text against what is really behind it."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages.plan import Options, load_job, plan
from postimages.cards import code as code_card
from postimages.cards.code import Glyphs
from postimages.check import text_items_of
from postimages.cli import main
from postimages.render import layout_card
from postimages.theme import parse_color

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


def test_code_on_a_highlight_band_it_does_not_read_on_is_reported(post, monkeypatch):
    # codesource keeps every token at 4.5:1 on the band; a band close to the
    # tokens shows that check judges highlighted rows against the band.
    window_colors = code_card._window_colors

    def muddy_band(doc, ctx):
        return replace(window_colors(doc, ctx), band=parse_color("#8A8F9F"))

    monkeypatch.setattr(code_card, "_window_colors", muddy_band)
    copy_card("03-code", post)
    fields = [CONTRAST.search(line).group("field") for line in contrast_warnings(run_check())]
    assert "source" in fields, fields


# --- what the code card lists ----------------------------------------------


def _laid_out(stem: str):
    jobs, _ = plan([SPECS / f"{stem}.yaml"])
    return layout_card(load_job(jobs[0], Options()))


def test_every_run_of_code_is_listed_in_its_colour_over_the_window_or_the_band():
    laid_out = _laid_out("03-code")
    code = laid_out.content
    items = [item for item in code.text_items(laid_out.ctx) if item.field == "source"]
    runs = [(piece, row) for row in code.rows for piece in row.pieces if isinstance(piece, Glyphs)]
    assert len(items) == len(runs)
    for item, (piece, row) in zip(items, runs):
        assert item.placed.block.style.color == piece.style.color
        assert item.backgrounds == ((code.colors.band if row.highlighted else code.colors.background),)
    assert any(row.highlighted for row in code.rows) and any(not row.highlighted for row in code.rows)


@pytest.mark.parametrize("stem", ["02-architecture", "03-code", "04-lessons"])
def test_card_texts_come_with_what_is_behind_them(stem):
    laid_out = _laid_out(stem)
    frame = laid_out.frame.text_items(laid_out.ctx)
    card_items = text_items_of(laid_out)[len(frame):]
    assert card_items
    # Only line numbers and ↪ marks are left out of the contrast check (they are quieter on purpose).
    quiet = [item for item in card_items if not item.backgrounds]
    assert all(item.field == "line_numbers" for item in quiet), [i.field for i in quiet]
