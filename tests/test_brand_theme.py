"""A brand theme is one decision: an accent (and perhaps a background) derives the whole palette."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from postimages.cards.architecture.colors import accent_ramp
from postimages.color import TEXT_CONTRAST, contrast, hue_distance, parse_color
from postimages.plan import Options, load_job, plan
from postimages.render import render_card
from postimages.theme import DARK, LIGHT, theme_from_spec

from conftest import ROOT

BROWN = {"base": "dark", "accent": "#F74C00", "background_top": "#2A1608", "background_bottom": "#3A2010"}
ACCENTS = ["#F74C00", "#FFD400", "#00A3A3", "#7A3CFF", "#E0115F", "#2E7D32", "#111111", "#FAFAFA"]


def _brand_post(tmp_path, theme: str):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    post = tmp_path / "specs" / "post.yaml"
    post.write_text(post.read_text().replace("theme: dark", f"theme: {theme}"))
    return tmp_path / "specs"


def _cards(folder, theme=None):
    jobs, problems = plan([folder])
    assert not problems
    return [load_job(job, Options(theme=theme)) for job in jobs]


def test_a_brown_brand_background_shows_no_pixel_of_the_default_navy(tmp_path):
    folder = _brand_post(tmp_path, '{base: dark, accent: "#F74C00", background_top: "#2A1608", '
                                   'background_bottom: "#3A2010"}')
    navy = {DARK.panel[:3], DARK.panel_border[:3], DARK.background_top[:3], DARK.background_bottom[:3]}
    for card in _cards(folder):
        colours = {c for _, c in render_card(card).convert("RGB").getcolors(maxcolors=1 << 24)}
        assert not navy & colours, card.name


@pytest.mark.parametrize("accent", ACCENTS)
@pytest.mark.parametrize("base", ["dark", "light"])
def test_every_derived_variant_reads(accent, base):
    brand = theme_from_spec({"base": base, "accent": accent})
    for theme in (brand, brand.variant(not brand.dark)):
        surfaces = (theme.background_top, theme.background_bottom, theme.panel)
        for role in ("text", "muted", "accent", "good", "bad"):
            worst = min(contrast(getattr(theme, role), s) for s in surfaces)
            assert worst >= TEXT_CONTRAST, (accent, theme.name, role, worst)


def test_a_derived_theme_takes_its_panels_from_the_background():
    theme = theme_from_spec(BROWN)
    assert theme.panel != DARK.panel and theme.panel_border != DARK.panel_border
    assert hue_distance(theme.panel, parse_color("#3A2010")) < 0.05


def test_layer_hues_stay_in_the_brand_family_where_the_default_turns_further():
    brand = theme_from_spec({"base": "dark", "accent": "#F74C00"})
    assert max(hue_distance(c, brand.accent) for c in accent_ramp(brand, 5)) <= 0.04
    assert max(hue_distance(c, DARK.accent) for c in accent_ramp(DARK, 5)) > 0.15


def test_theme_light_keeps_the_brand(tmp_path):
    folder = _brand_post(tmp_path, '{base: dark, accent: "#F74C00"}')
    card = _cards(folder, theme=LIGHT)[0]
    assert not card.theme.dark and card.theme.brand
    assert hue_distance(card.theme.accent, parse_color("#F74C00")) < 0.03
    assert contrast(card.theme.text, card.theme.panel) >= 7
    plain = _cards(ROOT / "specs", theme=LIGHT)[0]
    assert plain.theme == LIGHT


def test_a_status_colour_near_the_accent_turns_away_from_it():
    theme = theme_from_spec({"base": "dark", "accent": "#F74C00"})
    assert hue_distance(theme.bad, theme.accent) >= 0.08
    assert hue_distance(theme.good, theme.accent) >= 0.08


@pytest.mark.parametrize("variant", ["dark", "light"])
def test_check_finds_nothing_on_the_shipped_post_in_the_brand(tmp_path, variant, monkeypatch):
    from click.testing import CliRunner

    from postimages.cli import main

    folder = _brand_post(tmp_path, '{base: dark, accent: "#F74C00", background_top: "#2A1608", '
                                   'background_bottom: "#3A2010"}')
    result = CliRunner().invoke(main, ["check", str(folder), "--theme", variant])
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output, result.output
