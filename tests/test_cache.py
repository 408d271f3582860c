"""Re-rendering skips cards whose inputs are unchanged; any input change renders again."""

import shutil

import pytest
from click.testing import CliRunner

from postimages.cli import main

from conftest import ROOT


@pytest.fixture
def post(in_tmp):
    (in_tmp / "specs").mkdir()
    for name in ("post.yaml", "01-validation.yaml"):
        shutil.copy(ROOT / "specs" / name, in_tmp / "specs" / name)
    shutil.copy(ROOT / "specs" / "01-validation.yaml", in_tmp / "specs" / "02-second.yaml")
    return in_tmp


def render(*args):
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.output.splitlines() if line.startswith("output/")}


def unchanged(lines):
    return sorted(name for name, line in lines.items() if line.endswith("unchanged"))


def test_nothing_changed_skips_every_card(post):
    assert unchanged(render()) == []
    png = post / "output" / "01-validation.png"
    mtime = png.stat().st_mtime_ns
    assert unchanged(render()) == ["output/01-validation.png", "output/02-second.png"]
    assert png.stat().st_mtime_ns == mtime


def test_a_one_number_edit_renders_only_that_card(post):
    render()
    spec = post / "specs" / "02-second.yaml"
    spec.write_text(spec.read_text().replace("value: 42", "value: 43"))
    assert unchanged(render()) == ["output/01-validation.png"]


def test_post_settings_change_renders_every_card(post):
    render()
    settings = post / "specs" / "post.yaml"
    settings.write_text(settings.read_text().replace("Your Name", "Someone Else"))
    assert unchanged(render()) == []


@pytest.mark.parametrize("option", [["--size", "portrait"], ["--theme", "light"], ["--scale", "1.5"]])
def test_other_options_render_again(post, option):
    render()
    assert unchanged(render(*option)) == []


def test_force_renders_anyway(post):
    render()
    assert unchanged(render("--force")) == []


def test_a_deleted_or_replaced_png_is_rendered_again(post):
    render()
    (post / "output" / "01-validation.png").unlink()
    (post / "output" / "02-second.png").write_bytes(b"not the card")
    assert unchanged(render()) == []


def test_a_corrupt_cache_file_is_ignored(post):
    render()
    (post / "output" / ".postimages-cache.json").write_text("{not json")
    assert unchanged(render()) == []
    assert len(unchanged(render())) == 2


def test_a_failed_card_does_not_poison_the_cache(post):
    render()
    spec = post / "specs" / "02-second.yaml"
    good = spec.read_text()
    spec.write_text(good.replace("value: 42", "value: abc"))
    assert CliRunner().invoke(main, ["render"]).exit_code == 1
    spec.write_text(good)
    assert unchanged(render()) == ["output/01-validation.png", "output/02-second.png"]


def test_two_workers_give_the_same_pngs_as_one(post):
    render("--jobs", "1", "--out", "one")
    render("--jobs", "2", "--out", "two")
    for name in ("01-validation.png", "02-second.png"):
        assert (post / "one" / name).read_bytes() == (post / "two" / name).read_bytes()
