"""The command line as a user drives it: render, errors, exit codes, kept PNGs."""

import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from PIL import Image

from postimages import __version__
from postimages.cli import main

from conftest import ROOT


@pytest.fixture
def post(in_tmp):
    """A copy of the shipped results card in a fresh folder."""
    (in_tmp / "specs").mkdir()
    for name in ("post.yaml", "01-validation.yaml"):
        shutil.copy(ROOT / "specs" / name, in_tmp / "specs" / name)
    return in_tmp


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_render_writes_the_png_and_prints_one_line_per_card(post):
    result = run("render")
    assert result.exit_code == 0, result.output
    png = post / "output" / "01-validation.png"
    assert Image.open(png).size == (1200, 1200)
    line = result.output.splitlines()[0]
    assert line.startswith("output/01-validation.png  1200×1200  ")
    assert line.endswith(" s") and "KB" in line


@pytest.mark.parametrize("size, pixels", [("portrait", (1080, 1350)), ("landscape", (1200, 627))])
def test_size_option_and_out_folder(post, size, pixels):
    result = run("render", "--size", size, "--out", f"out-{size}")
    assert result.exit_code == 0, result.output
    assert Image.open(post / f"out-{size}" / "01-validation.png").size == pixels


def test_scale_doubles_the_pixels(post):
    assert run("render", "--scale", "2", "--out", "big").exit_code == 0
    assert Image.open(post / "big" / "01-validation.png").size == (2400, 2400)


def test_a_bad_value_keeps_the_previous_png_and_the_other_cards_render(post):
    assert run("render").exit_code == 0
    png = post / "output" / "01-validation.png"
    before = png.read_bytes()
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("value: 38.1", "value: abc"))
    shutil.copy(ROOT / "specs" / "01-validation.yaml", post / "specs" / "02-copy.yaml")
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 1
    assert "specs/01-validation.yaml:" in result.output
    assert "metrics[1].value: expected a number, got 'abc'" in result.output
    assert "Traceback" not in result.output
    assert png.read_bytes() == before
    assert (post / "output" / "02-copy.png").exists()
    assert not [p for p in (post / "output").iterdir() if p.name.endswith(".tmp")]


def test_no_specs_folder_says_what_to_do(in_tmp):
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 2
    assert "postimages init" in result.output


def test_a_missing_file_fails(post):
    result = CliRunner().invoke(main, ["render", "specs/nope.yaml"])
    assert result.exit_code == 1
    assert "specs/nope.yaml: no such file" in result.output


def test_bad_size_option_is_a_usage_error(post):
    result = CliRunner().invoke(main, ["render", "--size", "huge"])
    assert result.exit_code == 2
    assert "WIDTHxHEIGHT" in result.output


def test_version_and_help_with_examples():
    assert __version__ in run("--version").output
    assert "Examples:" in run("--help").output
    assert "postimages render --size portrait" in run("render", "--help").output


def test_python_dash_m_works(post):
    completed = subprocess.run([sys.executable, "-m", "postimages", "--version"], capture_output=True, text=True)
    assert completed.returncode == 0 and __version__ in completed.stdout


def test_a_shared_setting_too_long_is_located_in_post_yaml(post):
    settings = post / "specs" / "post.yaml"
    long_name = "Maximiliane " * 5 + "Oberhauser-Winkel"  # 77 characters: with the handle, no row holds it
    settings.write_text(settings.read_text().replace("author: Your Name", f"author: {long_name}")
                        .replace('handle: "@yourhandle"', 'handle: "@' + "x" * 58 + '"'))
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(settings.read_text().splitlines(), 1) if text.startswith("author:"))
    assert f"specs/post.yaml:{line}:9: author: text too long" in result.output


def test_a_post_yaml_that_cannot_be_read_says_no_card_was_rendered(post):
    run("render")
    before = (post / "output" / "01-validation.png").read_bytes()
    settings = post / "specs" / "post.yaml"
    settings.write_text(settings.read_text() + "theme: [1\n")
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("specs/post.yaml:") and "YAML syntax error" in lines[0]
    assert lines[-1].startswith("no card rendered in ") and "previous PNGs were kept" in lines[-1]
    assert "0 of 0" not in result.output
    assert (post / "output" / "01-validation.png").read_bytes() == before
