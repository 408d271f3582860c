"""`fonts:` in post.yaml: the post's own fonts, in front of the bundled ones,
character by character; bad files are located errors, a missing weight a
warning; the files are part of each card's cache key."""

import shutil

import pytest

from golden_images import check_golden
from postimages import fonts
from postimages.build import input_files
from postimages.cache import card_key
from postimages.errors import SpecError
from postimages.plan import Options, load_job, plan
from postimages.render import render_card
from postimages.segment import segment
from postimages.spec import load_post_settings
from postimages.text import TextStyle, measure
from postimages.textfit import wrap

from conftest import ROOT

POST = ROOT / "tests" / "user-fonts"
BRAND = POST / "brand"


def write_post(folder, fonts_yaml, *files):
    for name in files:
        shutil.copy(BRAND / name, folder / name)
    (folder / "post.yaml").write_text("author: A\nfonts:\n" + fonts_yaml, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def brand_job():
    jobs, problems = plan([POST])
    assert not problems
    return jobs[0]


def test_the_brand_font_card_matches_its_golden(brand_job, update_goldens, exact_goldens):
    check_golden("user-fonts", render_card(load_job(brand_job, Options())), update_goldens, exact_goldens)


def test_the_users_font_draws_what_it_has_and_the_bundled_fonts_the_rest(brand_job):
    card = load_job(brand_job, Options())
    with fonts.using(card.fonts):
        runs = segment("Hello नमस्ते ⌘ 🎨", "text", "semibold")
    assert [(run.text, run.font_path.name if run.font_path else "emoji") for run in runs] == [
        ("Hello ", "Comfortaa-Bold.ttf"), ("नमस्ते", "NotoSansDevanagari-Bold.ttf"), (" ", "Comfortaa-Bold.ttf"),
        ("⌘", "Inter-SemiBold.otf"), (" ", "Comfortaa-Bold.ttf"), ("🎨", "emoji")]
    # Outside the post, the bundled fonts again.
    assert segment("Hello", "text", "semibold")[0].font_path.name == "Inter-SemiBold.otf"


def test_display_takes_the_text_font_and_a_single_file_serves_every_weight(tmp_path):
    write_post(tmp_path, "  text: Comfortaa-Regular.ttf\n", "Comfortaa-Regular.ttf")
    post = load_post_settings(tmp_path)
    assert not post.font_warnings
    for family, weight in (("text", "regular"), ("text", "bold"), ("display", "extrabold")):
        assert post.fonts.file(family, weight).name == "Comfortaa-Regular.ttf"
    assert post.fonts.file("mono", "regular") is None  # code keeps JetBrains Mono


def test_a_missing_weight_is_a_warning_naming_the_nearest(tmp_path):
    write_post(tmp_path, "  display:\n    regular: Comfortaa-Regular.ttf\n", "Comfortaa-Regular.ttf")
    post = load_post_settings(tmp_path)
    messages = [w.message for w in post.font_warnings]
    assert messages == [f"no {w} font given; regular draws it" for w in ("semibold", "bold", "extrabold")]
    assert all(w.field == "fonts.display" and w.line == 3 for w in post.font_warnings)


@pytest.mark.parametrize("content, expected", [
    (None, "no such font file"),
    (b"\x00\x01\x00\x00" + b"\xff" * 64, "not a font file, or a damaged one"),
    (b"just some text, not a font\n" * 10, "not a font file, or a damaged one"),
])
def test_a_bad_font_file_is_a_located_error(tmp_path, content, expected):
    if content is not None:
        (tmp_path / "Brand.ttf").write_bytes(content)
    write_post(tmp_path, "  text:\n    regular: Comfortaa-Regular.ttf\n    bold: Brand.ttf\n", "Comfortaa-Regular.ttf")
    with pytest.raises(SpecError) as caught:
        load_post_settings(tmp_path)
    error = caught.value
    assert (error.field, error.line, error.column) == ("fonts.text.bold", 5, 11)
    assert error.message == f"Brand.ttf: {expected}" and error.hint


def test_an_unknown_role_or_weight_is_a_located_error(tmp_path):
    for yaml, words in (("  body: x.ttf\n", "unknown font role 'body'"),
                        ("  text: {heavy: x.ttf}\n", "unknown weight 'heavy'")):
        write_post(tmp_path, yaml)
        with pytest.raises(SpecError) as caught:
            load_post_settings(tmp_path)
        assert caught.value.field == "fonts" and words in caught.value.message and caught.value.line == 3


def test_the_font_files_are_part_of_the_cache_key(tmp_path):
    shutil.copytree(POST, tmp_path / "post")
    jobs, _ = plan([tmp_path / "post"])
    card = load_job(jobs[0], Options())
    files = input_files(jobs[0], card)
    assert (tmp_path / "post" / "brand" / "Comfortaa-Bold.ttf").resolve() in files
    before = card_key(files, "")
    bold = tmp_path / "post" / "brand" / "Comfortaa-Bold.ttf"
    bold.write_bytes(bold.read_bytes() + b"\0")  # another font file, same name
    assert card_key(files, "") != before


def test_text_wrapped_in_the_users_font_and_in_the_bundled_one_is_measured_in_each(brand_job):
    # Wrapping is memoised: the same text, style and width under another font must not reuse the other's lines.
    text = "many words that wrap differently in two fonts of different widths"
    style = TextStyle(40, (255, 255, 255), weight="regular")
    width = measure(text, style) / 2.5
    bundled = wrap(text, style, width)
    with fonts.using(load_job(brand_job, Options()).fonts):
        own = wrap(text, style, width)
        assert all(measure(line, style) <= width for line in own.lines)
        widest_own = max(measure(line, style) for line in own.lines)
    assert own.lines != bundled.lines, (own.lines, bundled.lines)
    assert wrap(text, style, width) == bundled  # outside the post, the bundled fonts' lines again
    assert widest_own != max(measure(line, style) for line in bundled.lines)
