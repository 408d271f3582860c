"""Images in a post (a headshot, a logo): drawn upright, in the right mode, and every bad file is one located line."""

from __future__ import annotations

import os
import re
import shutil
import time
import zlib
import struct

import pytest
from click.testing import CliRunner
from PIL import Image

from postimages.cli import main
from postimages.images import ImageProblem, load_image
from postimages.plan import Options, load_job, plan
from postimages.render import layout_card, render_card

from conftest import ROOT

RED, BLUE = (230, 30, 30), (30, 60, 230)


@pytest.fixture
def post(in_tmp):
    (in_tmp / "specs").mkdir()
    shutil.copy(ROOT / "specs" / "01-validation.yaml", in_tmp / "specs" / "01-validation.yaml")
    return in_tmp / "specs"


def with_avatar(post, name: str = "me.png") -> None:
    (post / "post.yaml").write_text(f"author: A. Author\nhandle: '@author'\navatar: {name}\n", encoding="utf-8")


def render(*args):
    return CliRunner().invoke(main, ["render", *args], catch_exceptions=False)


def upright_portrait() -> Image.Image:
    """Red above, blue below: turned sideways, the halves would be left and right."""
    image = Image.new("RGB", (60, 60), RED)
    image.paste(BLUE, (0, 30, 60, 60))
    return image


def the_card(post):
    jobs, problems = plan([post])
    assert not problems
    return load_job(jobs[0], Options())


def test_an_avatar_stored_sideways_with_orientation_6_is_drawn_upright(post):
    # Orientation 6: the viewer turns the stored pixels 90° clockwise to show them.
    stored = upright_portrait().rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(post / "me.jpg", exif=exif.tobytes(), quality=95)
    with_avatar(post, "me.jpg")
    card = the_card(post)
    avatar = layout_card(card).named("avatar")[0].box
    image = render_card(card).convert("RGB")
    x = round(avatar.center_x)
    top, bottom = image.getpixel((x, round(avatar.y + avatar.h * 0.3))), image.getpixel((x, round(avatar.y + avatar.h * 0.7)))
    assert top[0] > 180 and top[2] < 90, top  # red above
    assert bottom[2] > 180 and bottom[0] < 90, bottom  # blue below


def test_cmyk_and_palette_images_are_converted_and_alpha_is_kept(tmp_path):
    Image.new("CMYK", (8, 8), (0, 200, 200, 0)).save(tmp_path / "cmyk.jpg")
    assert load_image(tmp_path / "cmyk.jpg").pixels.mode == "RGB"
    palette = Image.new("P", (8, 8), 0)
    palette.putpalette([255, 0, 0, 0, 0, 255])
    palette.putpixel((0, 0), 1)
    palette.save(tmp_path / "palette.png", transparency=0)
    loaded = load_image(tmp_path / "palette.png").pixels
    assert loaded.mode == "RGBA" and loaded.getpixel((1, 1))[3] == 0 and loaded.getpixel((0, 0)) == (0, 0, 255, 255)
    half = Image.new("RGBA", (8, 8), (0, 128, 0, 77))
    half.save(tmp_path / "alpha.png")
    assert load_image(tmp_path / "alpha.png").pixels.getpixel((3, 3)) == (0, 128, 0, 77)
    assert load_image(tmp_path / "alpha.png").size == (8, 8)


def test_an_animated_image_takes_its_first_frame_with_a_warning(post):
    frames = [Image.new("RGB", (40, 40), colour) for colour in (RED, BLUE, RED)]
    frames[0].save(post / "me.png", save_all=True, append_images=frames[1:], duration=100)
    with_avatar(post)
    result = render()
    assert result.exit_code == 0, result.output
    assert re.search(r"post\.yaml:3:\d+: warning: avatar: .*animated \(3 frames\).*first frame", result.output), \
        result.output
    loaded = load_image(post / "me.png").pixels
    assert loaded.getpixel((5, 5)) == RED


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG header saying width x height, with a few bytes of data: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _good_png() -> bytes:
    from io import BytesIO

    out = BytesIO()
    upright_portrait().save(out, "PNG")
    return out.getvalue()


def make_missing(path):
    pass


def make_corrupt(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300))


def make_truncated(path):
    path.write_bytes(_good_png()[:60])


def make_text(path):
    path.write_text("this is a note, not a picture\n", encoding="utf-8")


def make_bomb(path):
    path.write_bytes(_png_claiming(30000, 30000))


def make_huge(path):
    with path.open("wb") as handle:
        handle.write(_good_png())
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper


def make_folder(path):
    path.mkdir()


def make_fifo(path):
    os.mkfifo(path)


def make_svg(path):
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")


BAD = {
    "missing": (make_missing, "no such file"),
    "corrupt": (make_corrupt, "truncated or corrupt|not an image"),
    "truncated": (make_truncated, "truncated or corrupt"),
    "not an image": (make_text, "not an image"),
    "decompression bomb": (make_bomb, "too many pixels"),
    "50 MB": (make_huge, "50 MB, more than"),
    "a directory": (make_folder, "is a folder"),
    "a FIFO": (make_fifo, "not a regular file"),
    "SVG": (make_svg, "SVG.*export it as PNG"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_avatar_is_one_located_line_and_the_previous_png_stays(post, case):
    (post / "me.png").write_bytes(_good_png())
    with_avatar(post)
    assert render().exit_code == 0
    previous = (post.parent / "output" / "01-validation.png").read_bytes()
    (post / "me.png").unlink()
    make, expected = BAD[case]
    make(post / "me.png")
    started = time.perf_counter()
    result = render()
    elapsed = time.perf_counter() - started
    errors = [line for line in result.output.splitlines() if ": avatar: " in line]
    assert result.exit_code == 1, result.output
    assert len(errors) == 1 and re.match(r"^specs/post\.yaml:3:9: avatar: ", errors[0]), result.output
    assert re.search(expected, errors[0]), errors[0]
    assert "Traceback" not in result.output
    assert elapsed < 1.0, elapsed
    assert (post.parent / "output" / "01-validation.png").read_bytes() == previous


def test_an_image_s_bytes_are_part_of_the_card_s_key(post):
    (post / "me.png").write_bytes(_good_png())
    with_avatar(post)
    assert "unchanged" not in render().output
    assert "unchanged" in render().output
    Image.new("RGB", (60, 60), BLUE).save(post / "me.png")
    assert "unchanged" not in render().output


def test_a_huge_image_is_never_read_whole_for_the_key(post, monkeypatch):
    from postimages import cache

    huge = post / "me.png"
    make_huge(huge)
    read = []
    real = type(huge).read_bytes
    monkeypatch.setattr(type(huge), "read_bytes", lambda self: read.append(self) or real(self))
    cache.card_key([huge], "")
    assert huge not in read


def test_the_error_names_the_file_of_a_problem(tmp_path):
    with pytest.raises(ImageProblem, match="no such file"):
        load_image(tmp_path / "nowhere.png")


def test_the_phone_preview_shows_the_headshot_and_the_pdf_the_cards_with_it(post):
    (post / "me.png").write_bytes(_good_png())
    with_avatar(post)
    result = CliRunner().invoke(main, ["preview"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    from postimages.preview import layout_preview, preview_scene
    from postimages.theme import DARK

    layout = layout_preview(["01.png"], [(1200, 1200)], "A. Author", "@author", "A post")
    card = Image.new("RGB", (1200, 1200))
    scene = preview_scene(layout, [card], DARK, load_image(post / "me.png").pixels)
    assert [p.name for p in scene.named("avatar")] == ["avatar"]
    sheet = Image.open(post.parent / "output" / "preview.png").convert("RGB")
    box = scene.named("avatar")[0].box
    top = sheet.getpixel((round(box.center_x), round(box.y + box.h * 0.3)))
    assert top[0] > 180 and top[2] < 90, top  # the headshot's red upper half, not the accent disc


def test_a_logo_keeps_its_transparency_and_webp_is_read(post):
    mark = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    mark.paste((247, 76, 0, 255), (16, 16, 48, 48))
    mark.save(post / "logo.webp", lossless=True)
    (post / "post.yaml").write_text("theme: light\nauthor: A. Author\nlogo: logo.webp\n", encoding="utf-8")
    card = the_card(post)
    logo = layout_card(card).named("logo")[0].box
    image = render_card(card).convert("RGB")
    corner = image.getpixel((round(logo.x + 2), round(logo.y + 2)))
    middle = image.getpixel((round(logo.center_x), round(logo.center_y)))
    assert max(abs(a - b) for a, b in zip(corner, card.theme.background_bottom)) < 40, corner  # background shows
    assert middle[0] > 200 and middle[2] < 60, middle  # the mark itself


def test_a_bad_avatar_is_said_once_for_the_whole_post(post):
    """Every card shares post.yaml: its problem is one line, not one per card."""
    shutil.copy(ROOT / "specs" / "04-lessons.yaml", post / "04-lessons.yaml")
    with_avatar(post, "nope.png")
    result = render()
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "avatar" in line]
    assert len(lines) == 1 and re.match(r"specs/post\.yaml:3:\d+: avatar: ", lines[0]), result.output
