"""What the post needs besides the PNGs: the alt-text file and the carousel PDF."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from postimages import cards
from postimages.output import write_atomic

if TYPE_CHECKING:  # the alt-text file is written on every render, even one that draws nothing
    from PIL import Image

ALT_TEXT_FILE = "alt-text.md"
CAROUSEL_FILE = "carousel.pdf"
ALT_TEXT_ADVICE = 250  # characters; LinkedIn's field takes more, but readers of screen readers don't want it


def alt_text(card) -> str:
    """The spec's own `alt:` when given, else one generated from the content."""
    given = (card.fields.get("alt") or "").strip()
    return given or cards.get(card.kind).alt_text(card).strip()


def alt_text_document(entries: list[tuple[str, str]]) -> str:
    lines = [
        "# Alt text",
        "",
        "Paste each card's text into LinkedIn's alt-text field (\"Add alt text\" when you attach the image).",
        f"Each is kept under {ALT_TEXT_ADVICE} characters where the content allows.",
        "",
    ]
    for png_name, text in entries:
        flag = "" if len(text) <= ALT_TEXT_ADVICE else f" — {len(text)} characters, consider a shorter `alt:`"
        lines += [f"## {png_name}", "", text, "", f"<sub>{len(text)} characters{flag}</sub>", ""]
    return "\n".join(lines)


def write_alt_text(out_dir: Path, entries: list[tuple[str, str]]) -> Path:
    target = out_dir / ALT_TEXT_FILE
    write_atomic(target, alt_text_document(entries).encode("utf-8"))
    return target


def pdf_bytes(pages: list[Image.Image], dpi: float) -> bytes:
    """One PDF page per image; pages must share one size (LinkedIn documents require it)."""
    sizes = {page.size for page in pages}
    if len(sizes) != 1:
        raise ValueError(f"every page of a carousel must have one size, got {sorted(sizes)}")
    buffer = io.BytesIO()
    first, *rest = [page.convert("RGB") for page in pages]
    first.save(buffer, format="PDF", save_all=True, append_images=rest, resolution=dpi, quality=92,
               title="postimages carousel", producer="postimages")
    return buffer.getvalue()


def write_pdf(out_dir: Path, pages: list[Image.Image], dpi: float) -> Path:
    target = out_dir / CAROUSEL_FILE
    write_atomic(target, pdf_bytes(pages, dpi))
    return target
