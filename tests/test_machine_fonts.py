"""Characters no bundled font and no font of the post has (Chinese, Japanese,
Korean) come from the machine's own fonts, found by what they cover; only when
no font at all has one is it an error. The font used is in the card's key."""

import subprocess
import sys

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from postimages import segment as segment_module, systemfonts
from postimages.build import input_files
from postimages.plan import Options, load_job, plan

ZHONG = "中"  # U+4E2D, which no bundled font has


def square_font(path, chars):
    """A small real TrueType font whose glyph for each character is a square."""
    pen = TTGlyphPen(None)
    for x, y in ((100, 0), (100, 700), (800, 700), (800, 0)):
        (pen.lineTo if x != 100 or y != 0 else pen.moveTo)((x, y))
    pen.closePath()
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    builder.setupGlyf({name: pen.glyph() for name in names})
    builder.setupHorizontalMetrics({name: (900, 100) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Squares", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def machine(tmp_path, monkeypatch):
    folder = tmp_path / "machine-fonts" / "cjk"
    folder.mkdir(parents=True)
    monkeypatch.setenv("POSTIMAGES_FONT_DIRS", str(tmp_path / "machine-fonts"))
    for cached in (systemfonts.machine_fonts, systemfonts.font_for, segment_module._segment):
        cached.cache_clear()
    yield folder
    for cached in (systemfonts.machine_fonts, systemfonts.font_for, segment_module._segment):
        cached.cache_clear()


def test_a_character_no_bundled_font_has_comes_from_a_machine_font_that_covers_it(machine):
    square_font(machine / "Other.ttf", "x")
    font = square_font(machine / "Squares.ttf", ZHONG + "文")
    runs = segment_module.segment(f"Hello {ZHONG}文", "text", "regular")
    assert [(run.text, run.font_path.name) for run in runs] == [("Hello ", "Inter-Regular.otf"),
                                                               (ZHONG + "文", font.name)]


def test_with_no_machine_font_that_has_it_the_character_is_an_error(machine):
    square_font(machine / "Other.ttf", "x")
    with pytest.raises(segment_module.MissingGlyphs, match="U\\+4E2D"):
        segment_module.segment(ZHONG, "text", "regular")


def test_the_machine_font_a_card_uses_is_in_its_cache_inputs_and_it_renders(machine, tmp_path):
    font = square_font(machine / "Squares.ttf", ZHONG)
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "01-note.yaml").write_text(f"kind: lessons\ntitle: {ZHONG} notes\nitems:\n"
                                        "  - {title: One, text: a}\n  - {title: Two, text: b}\n", encoding="utf-8")
    jobs, _ = plan([specs])
    assert font.resolve() in [path.resolve() for path in input_files(jobs[0], load_job(jobs[0], Options()))]
    done = subprocess.run([sys.executable, "-m", "postimages", "render"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "output" / "01-note.png").is_file()


def test_a_code_point_that_draws_nothing_takes_no_machine_font(machine):
    """The emoji variation selector of 🏗️ (and joiners) is in no font's map; no machine
    font joins the card's key, or draws the card, for it."""
    square_font(machine / "Selectors.ttf", "\ufe0f\u200d")
    from postimages import fonts

    chain = (*fonts.fallback_files("text", "regular"), fonts.emoji_file())
    assert systemfonts.fonts_for(["🏗️ Infrastructure", "👩‍💻"], chain) == []
