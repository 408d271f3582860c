"""A variable font in `fonts:` is drawn at each weight the card asks for: its
`wght` axis is set for shaping (HarfBuzz) and for the glyph rasters (FreeType)
alike, so a bold title is bold and as wide as it was measured."""

import copy
import pickle

import pytest
from PIL import Image

from postimages import fonts
from postimages.segment import segment
from postimages.spec import load_post_settings
from postimages.text import TextStyle, make_line, measure
from postimages.textpaint import draw_line
from postimages.userfonts import Instance
from variable_font import BEARING, advance_at, build, stem_at

PX = 100
WHITE = (255, 255, 255)


@pytest.fixture
def post(tmp_path):
    build(tmp_path / "Stem.ttf")
    (tmp_path / "post.yaml").write_text("author: A\nfonts:\n  text: Stem.ttf\n", encoding="utf-8")
    return load_post_settings(tmp_path)


def test_each_weight_is_an_instance_of_the_one_file(post):
    assert not post.font_warnings
    for family, weight, wght in (("text", "regular", 400), ("text", "bold", 700), ("display", "extrabold", 800)):
        font = post.fonts.file(family, weight)
        assert isinstance(font, Instance) and font.wght == wght and font.name == "Stem.ttf"
    assert post.fonts.file("text", "regular") != post.fonts.file("text", "bold")
    with fonts.using(post.fonts):
        (run,) = segment("II", "text", "bold")
    assert run.font_path == Instance(post.fonts.paths[0], 700)


@pytest.mark.parametrize("weight, wght", [("regular", 400), ("semibold", 600), ("bold", 700)])
def test_the_advance_is_the_instances(post, weight, wght):
    style = TextStyle(PX, WHITE, weight=weight)
    with fonts.using(post.fonts):
        assert measure("IIII", style) == pytest.approx(4 * advance_at(wght) * PX / 1000, abs=4 / 64)


def ink(post, weight: str) -> tuple[float, list[int]]:
    """The measured width of "IIII" at a weight, and the columns of the drawn line that have ink."""
    style = TextStyle(PX, WHITE, weight=weight)
    image = Image.new("RGB", (600, 200), (0, 0, 0))
    with fonts.using(post.fonts):
        line = make_line("IIII", style)
        end = draw_line(image, line, style, 10, 150)
    assert end - 10 == pytest.approx(line.width)
    row = [image.getpixel((x, 120))[0] for x in range(image.width)]
    return line.width, [x for x, level in enumerate(row) if level > 127]


def test_a_bold_line_is_drawn_bold_and_as_wide_as_measured(post):
    regular_width, regular = ink(post, "regular")
    bold_width, bold = ink(post, "bold")
    # The stems are the instance's: 22 px at 700 against 10 px at 400 (drawn at the default, bold would be 10 too).
    assert len(bold) == pytest.approx(4 * stem_at(700) * PX / 1000, abs=4)
    assert len(regular) == pytest.approx(4 * stem_at(400) * PX / 1000, abs=4)
    # The last stem's ink ends one side bearing before the measured end of the line.
    assert max(bold) + 1 == pytest.approx(10 + bold_width - BEARING * PX / 1000, abs=1.5)
    assert max(regular) + 1 == pytest.approx(10 + regular_width - BEARING * PX / 1000, abs=1.5)


def test_a_weight_beyond_the_axis_is_drawn_at_its_end_with_a_warning(tmp_path):
    build(tmp_path / "Narrow.ttf", lowest=100, highest=400)
    (tmp_path / "post.yaml").write_text("author: A\nfonts:\n  text: Narrow.ttf\n", encoding="utf-8")
    post = load_post_settings(tmp_path)
    assert post.fonts.file("text", "bold").wght == 400
    messages = [w.message for w in post.font_warnings]
    assert any("from 100 to 400; bold (700) is drawn at 400" in m for m in messages), messages
    assert all(w.line == 3 and w.field == "fonts.text" for w in post.font_warnings)


def test_an_instance_survives_pickling_and_copying(post):
    font = post.fonts.file("text", "bold")
    assert pickle.loads(pickle.dumps(font)) == font == copy.deepcopy(font)
    assert str(font) == str(post.fonts.paths[0]) and font.stat().st_size > 0
