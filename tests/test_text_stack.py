"""The text stack needs no system library: shaping, bidirectional levels and
glyph rasters come from wheels (uharfbuzz, python-bidi, freetype-py), so a
machine without FriBiDi (which Pillow's Raqm loads from the system) renders
the same cards. Pillow only composites."""

import shutil
import subprocess
import sys

import pytest
from PIL import Image

from conftest import ROOT

# Run in a fresh process before postimages is imported: Pillow's FreeType
# module (where Raqm and FriBiDi live) is replaced by one that fails on any
# use, and Pillow reports no Raqm, as on a machine without libfribidi.
_WITHOUT_PILLOW_TEXT = """
import sys
import PIL.features, PIL.ImageFont

class Refused:
    def __getattr__(self, name):
        raise SystemExit(f"the text path asked Pillow's FreeType for {name!r}")

PIL.ImageFont.core = Refused()
PIL.features.check = lambda feature: False if feature in ("raqm", "fribidi") else True
from postimages.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _render_without_pillow_text(folder, *args):
    return subprocess.run([sys.executable, "-c", _WITHOUT_PILLOW_TEXT, "render", *args],
                          cwd=folder, capture_output=True, text=True, timeout=240)


@pytest.mark.parametrize("post", ["specs", "tests/world-scripts", "tests/user-fonts"])
def test_a_post_renders_without_raqm_or_fribidi(tmp_path, post):
    """The shipped post, the one in Hindi, Arabic and Hebrew, the one in its own font."""
    shutil.copytree(ROOT / post, tmp_path / "specs")
    done = _render_without_pillow_text(tmp_path)
    assert done.returncode == 0, done.stderr + done.stdout
    pngs = sorted((tmp_path / "output").glob("*.png"))
    assert len(pngs) == len(list((ROOT / post).glob("0*.yaml")))
    for png in pngs:
        with Image.open(png) as card:
            assert card.getextrema()[0][1] - card.getextrema()[0][0] > 100  # drawn, not blank


def test_the_refusal_would_catch_a_font_asked_of_pillow(tmp_path):
    """The guard is real: asking Pillow for a FreeType font under it fails."""
    done = subprocess.run([sys.executable, "-c", _WITHOUT_PILLOW_TEXT.replace(
        "from postimages.cli import main", "PIL.ImageFont.truetype(sys.argv[0], 20)\nmain = None")],
        capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "asked Pillow's FreeType" in done.stderr
