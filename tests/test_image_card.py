"""kind: image — a screenshot in a frame: never cropped unless asked, at every size, measured on the scene."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from golden_images import check_golden
from layout_checks import assert_inside, assert_no_overlap
from postimages import cards
from postimages.errors import SpecError
from postimages.geometry import Box
from postimages.render import layout_card, render_card
from postimages.spec import SIZES, PostSettings, load_card, load_post_settings
from postimages.theme import LIGHT

from conftest import ROOT

POST = ROOT / "tests" / "gallery" / "launch-screenshots"
SHOT = POST / "shots" / "dashboard.png"
PHONE = POST / "shots" / "phone.png"


def card_of(folder, spec: str, size=None, theme=None, post=None):
    path = folder / "01-shot.yaml"
    path.write_text(spec, encoding="utf-8")
    return load_card(path, post or PostSettings(author="A. Author", handle="@author"), size, theme)


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(POST / "shots", tmp_path / "shots")
    return tmp_path


def screen_of(scene):
    return next(item for item in scene.named("screen"))


@pytest.mark.parametrize("size", ["square", "portrait", "landscape", "1600x900", "700x1400"])
@pytest.mark.parametrize("frame", ["browser", "window", "none"])
def test_contain_shows_the_whole_image_in_its_own_shape(folder, size, frame):
    card = card_of(folder, f"kind: image\ntitle: Launch day\nimage: shots/dashboard.png\nframe: {frame}\n"
                           "caption: p95 under 60 ms all day\n", SIZES.get(size) or tuple(map(int, size.split("x"))))
    scene = layout_card(card)
    screen = screen_of(scene).box
    width, height = Image.open(SHOT).size
    assert screen.w / screen.h == pytest.approx(width / height, rel=0.01)
    assert screen_of(scene).fit == "stretch"  # the box already has the image's shape: nothing is cut
    assert_inside([("screen", screen)], scene.content)
    boxes = scene.text_boxes()
    assert_inside(boxes, Box(0, 0, *scene.size))
    assert_no_overlap(boxes + [("screen", screen)])
    # As large as the room lets it be: it touches the content's sides or its height is the limit.
    assert screen.w >= scene.content.w * 0.6 or screen.h >= scene.content.h * 0.5


def test_cover_fills_the_room_and_crops(folder):
    card = card_of(folder, "kind: image\nimage: shots/phone.png\nframe: none\nfit: cover\n")
    scene = layout_card(card)
    screen = screen_of(scene)
    assert screen.fit == "cover"
    assert screen.box.w == pytest.approx(scene.content.w) and screen.box.h == pytest.approx(scene.content.h)


def test_each_frame_draws_its_own_chrome(folder):
    names = {}
    for frame in ("browser", "window", "phone", "none"):
        spec = f"kind: image\nimage: shots/phone.png\nframe: {frame}\nurl: example.com\n"
        scene = layout_card(card_of(folder, spec, SIZES["portrait"]))
        names[frame] = {item.name for item in scene.named("")}
    assert "window.address" in names["browser"] and "window.address" not in names["window"]
    assert {"window.light[0]", "window.light[2]"} <= names["window"]
    assert "bezel" in names["phone"] and not any(n.startswith("window") for n in names["phone"] | names["none"])


def test_the_url_shows_in_the_browser_bar_and_falls_back_to_its_host(folder):
    spec = ("kind: image\ntitle: Latency held all day\nimage: shots/dashboard.png\nurl: grafana.example.com/d/launch\n"
            "caption: p95 under 60 ms\n")
    wide = [t for t in layout_card(card_of(folder, spec)).items if getattr(t, "field", "") == "url"]
    short = [t for t in layout_card(card_of(folder, spec, SIZES["landscape"])).items if getattr(t, "field", "") == "url"]
    assert "".join(line.text for line in wide[0].block.lines) == "grafana.example.com/d/launch"
    assert "".join(line.text for line in short[0].block.lines) == "grafana.example.com"


def test_an_image_too_tall_for_the_card_names_the_field(folder):
    with pytest.raises(SpecError) as caught:
        layout_card(card_of(folder, "kind: image\ntitle: The alert\nimage: shots/phone.png\nframe: phone\n"
                                    "caption: One push\n", SIZES["landscape"]))
    assert caught.value.field == "image" and "so tall" in str(caught.value) and "fit: cover" in str(caught.value)


def test_alt_text_says_what_the_screenshot_is(folder):
    card = card_of(folder, "kind: image\ntitle: Latency held\nimage: shots/dashboard.png\nurl: grafana.example.com\n"
                           "caption: p95 under 60 ms.\n")
    assert cards.get("image").alt_text(card) == "Screenshot in a browser at grafana.example.com: Latency held. p95 under 60 ms."


def test_the_image_is_part_of_the_card_s_inputs(folder):
    card = card_of(folder, "kind: image\nimage: shots/dashboard.png\n")
    assert cards.get("image").inputs(card) == [folder / "shots" / "dashboard.png"]


GOLDENS = [("01-dashboard", "square", None), ("02-alert", "portrait", None), ("03-bare", "square", LIGHT),
           ("01-dashboard", "landscape", LIGHT)]


@pytest.mark.parametrize("stem, size, theme", GOLDENS, ids=[f"{s}-{z}-{'light' if t else 'dark'}" for s, z, t in GOLDENS])
def test_gallery_screenshots_match_their_goldens(stem, size, theme, update_goldens, exact_goldens):
    card = load_card(POST / f"{stem}.yaml", load_post_settings(POST), SIZES[size], theme)
    card.page, card.pages = int(stem[:2]), 3
    name = f"image-{stem[3:]}-{size}{'-light' if theme else ''}"
    check_golden(name, render_card(card), update_goldens, exact_goldens)


BRANDED = ROOT / "examples" / "branded" / "specs"


@pytest.mark.parametrize("theme", [None, LIGHT], ids=["dark", "light"])
def test_the_branded_example_matches_its_golden(theme, update_goldens, exact_goldens):
    card = load_card(BRANDED / "01-validation.yaml", load_post_settings(BRANDED), None, theme)
    card.page, card.pages = 1, 3
    check_golden(f"branded-01-validation{'-light' if theme else ''}", render_card(card), update_goldens, exact_goldens)
