"""Images a post shows (a headshot, a logo, a screenshot): read carefully, once.

Everything a bad file can do is found here, before layout, and becomes one
problem naming the field: a missing file, a folder, a FIFO (never opened, it
would block), a file too big to be an image a card needs, SVG, a format that
is not PNG, JPEG or WebP, a decompression bomb (judged from the header, before
any pixel is decoded), a truncated or corrupt file. What survives is upright
(EXIF orientation applied) and in RGB, or RGBA when it has transparency.
Layout takes the image's size; the painter takes its pixels.
"""

from __future__ import annotations

import stat
import warnings as python_warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from postimages.errors import display_path

MB = 1024 * 1024
MAX_IMAGE_BYTES = 20 * MB  # a phone screenshot is 1-5 MB; far past that is not a card's image
MAX_IMAGE_PIXELS = 40_000_000  # 8000 x 5000: a card shows at most a few million
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "MPO": "JPEG"}  # MPO: a JPEG with a preview frame
EXPECTED = "PNG, JPEG or WebP"
SMALLER = "export it smaller: a card shows it at most 2400 px wide"


class ImageProblem(Exception):
    """What is wrong with an image file, in the user's words, with what to do."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class LoadedImage:
    path: Path
    pixels: object  # a PIL.Image.Image, upright, RGB or RGBA
    warnings: tuple[str, ...] = ()

    @property
    def size(self) -> tuple[int, int]:
        return self.pixels.size

    @property
    def aspect(self) -> float:
        width, height = self.size
        return width / height


def load_image(path: Path) -> LoadedImage:
    """The image at `path`, or an ImageProblem. Decoded once per process for each version of a file."""
    info = _regular_file(path)
    return _decoded(path, info.st_size, info.st_mtime_ns)


def _regular_file(path: Path):
    shown = display_path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImageProblem(f"no such file: {shown}", "the path is relative to the file that names it") from None
    except OSError as exc:
        raise ImageProblem(f"cannot read {shown}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImageProblem(f"{shown} is a folder, not an image", f"name a {EXPECTED} file inside it")
    if not stat.S_ISREG(info.st_mode):
        raise ImageProblem(f"{shown} is not a regular file (a pipe or a device)", f"name a {EXPECTED} file")
    if info.st_size > MAX_IMAGE_BYTES:
        raise ImageProblem(f"{shown} is {info.st_size / MB:.0f} MB, more than the "
                           f"{MAX_IMAGE_BYTES / MB:.0f} MB an image on a card may be", SMALLER)
    if path.suffix.lower() in (".svg", ".svgz"):
        raise ImageProblem(f"{shown} is SVG, which postimages does not draw", f"export it as PNG ({EXPECTED})")
    return info


@lru_cache(maxsize=32)
def _decoded(path: Path, size: int, mtime_ns: int) -> LoadedImage:
    from PIL import Image, ImageOps, UnidentifiedImageError

    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
            if _looks_like_svg(head):
                raise ImageProblem(f"{shown} is SVG, which postimages does not draw", f"export it as PNG ({EXPECTED})")
            handle.seek(0)
            with python_warnings.catch_warnings():
                python_warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                image = Image.open(handle)
                _check_header(image, shown)
                notes = _animation_note(image, shown)
                image.load()
                upright = ImageOps.exif_transpose(image)
    except ImageProblem:
        raise
    except UnidentifiedImageError:
        raise ImageProblem(f"{shown} is not an image that can be read", f"use a {EXPECTED} file") from None
    except Image.DecompressionBombError:
        raise _too_many_pixels(shown) from None
    except (OSError, ValueError, SyntaxError) as exc:  # truncated data, a broken chunk, a bad EXIF block
        raise ImageProblem(f"{shown} is truncated or corrupt ({exc})", "export the image again") from None
    return LoadedImage(path, _in_card_mode(upright), notes)


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip().lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in text)


def _check_header(image, shown: str) -> None:
    if image.format not in FORMATS:
        raise ImageProblem(f"{shown} is {image.format}, not {EXPECTED}", f"convert it to one of {EXPECTED}")
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels(shown, f"{width}×{height}")


def _too_many_pixels(shown: str, size: str = "") -> ImageProblem:
    measured = f" ({size} px)" if size else ""
    return ImageProblem(f"{shown} has too many pixels{measured} to be decoded safely; at most "
                        f"{MAX_IMAGE_PIXELS / 1e6:.0f} million", SMALLER)


def _animation_note(image, shown: str) -> tuple[str, ...]:
    frames = getattr(image, "n_frames", 1)
    if getattr(image, "is_animated", False) and frames > 1:
        return (f"{shown} is animated ({frames} frames): the card shows its first frame",)
    return ()


def _in_card_mode(image):
    """RGB, or RGBA when the image has any transparency (palette, grey and CMYK images converted)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if image.mode == "RGBA" or (image.mode == "RGB" and not has_alpha):
        return image
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image.convert("RGBA" if has_alpha else "RGB")
