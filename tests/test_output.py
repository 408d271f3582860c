"""Written PNGs: lossless, small, and readable by any decoder."""

import io
import sys

import pytest
from PIL import Image, ImageChops, ImageDraw

from postimages.output import png_bytes


def _sample(mode: str) -> Image.Image:
    image = Image.new(mode, (301, 97), (10, 20, 30, 255)[: len(mode)] if mode != "L" else 10)
    draw = ImageDraw.Draw(image)
    for i in range(0, 301, 7):
        draw.line([(i, 0), (300 - i, 96)], fill=(i % 256, 255 - i % 256, 90, 128)[: len(mode)] if mode != "L" else i)
    return image


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_png_bytes_keep_every_pixel(mode):
    image = _sample(mode)
    back = Image.open(io.BytesIO(png_bytes(image)))
    assert back.format == "PNG" and back.mode == mode and back.size == image.size
    assert ImageChops.difference(back, image).getbbox() is None


def test_other_modes_are_written_as_rgb():
    image = _sample("L")
    back = Image.open(io.BytesIO(png_bytes(image)))
    assert back.mode == "RGB"
    assert ImageChops.difference(back, image.convert("RGB")).getbbox() is None


def test_a_flat_card_compresses_to_almost_nothing():
    assert len(png_bytes(Image.new("RGB", (1200, 1200), (18, 22, 33)))) < 60_000  # of 4.3 MB of pixels


def test_without_zlib_ng_the_standard_zlib_writes_the_same_pixels(monkeypatch):
    image = _sample("RGB")
    quick = png_bytes(image)
    monkeypatch.setitem(sys.modules, "zlib_ng", None)  # as if it had no wheel here: the import fails
    plain = png_bytes(image)
    assert plain != quick  # another compressor did it
    for data in (quick, plain):
        back = Image.open(io.BytesIO(data))
        back.load()  # Pillow checks each chunk's CRC as it reads
        assert ImageChops.difference(back, image).getbbox() is None


def test_a_tall_image_is_written_whole_across_the_compressor_blocks():
    image = Image.new("RGB", (7, 1000))
    for y in range(1000):
        image.putpixel((y % 7, y), (y % 256, 255 - y % 256, 7))
    back = Image.open(io.BytesIO(png_bytes(image)))
    assert back.size == (7, 1000) and ImageChops.difference(back, image).getbbox() is None


def _whole_stream(image: Image.Image) -> bytes:
    """The IDAT data as one deflate of every row, each after filter type 0."""
    from postimages.output import deflater

    compressor, level = deflater()
    stream = compressor.compressobj(level)
    rows = b"".join(b"\0" + image.crop((0, y, image.width, y + 1)).tobytes() for y in range(image.height))
    return stream.compress(rows) + stream.flush()


def _idat(data: bytes) -> bytes:
    at = data.index(b"IDAT")
    length = int.from_bytes(data[at - 4:at], "big")
    return data[at + 4:at + 4 + length]


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_rows_deflated_band_by_band_are_the_bytes_of_one_deflate(mode, monkeypatch):
    from postimages import output

    image = _sample(mode).resize((301, 970))
    monkeypatch.setattr(output, "BAND_BYTES", (301 * len(mode) + 1) * 39 + 5)  # bands of 39 rows, the last short
    assert _idat(png_bytes(image)) == _whole_stream(image)
    back = Image.open(io.BytesIO(png_bytes(image)))
    assert ImageChops.difference(back, image).getbbox() is None


def test_a_row_wider_than_a_band_is_a_band_of_its_own(monkeypatch):
    from postimages import output

    image = _sample("RGB")
    monkeypatch.setattr(output, "BAND_BYTES", 10)
    assert _idat(png_bytes(image)) == _whole_stream(image)
