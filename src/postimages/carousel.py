"""The carousel PDF: one page per card, each the card's image with its text
laid over it as invisible, selectable text, and the card's alt text on the image.

The text comes from the card's scene, so every title, number, item and line of
code is in the PDF where the image shows it: a reader can search it, select
and copy it, and a screen reader can read it. It is drawn in text render mode 3
(invisible), in one embedded font stretched to the width of each drawn line.

The PDF is tagged: in its structure tree each page is a Figure (the image,
with the alt text) and then the page's text in reading order, the card's title
an H1 and every other block a P. What only repeats or numbers the pages (the
frame's line once read, the page number, code's line numbers) is an artifact,
there to search and copy but skipped by a screen reader.
"""

from __future__ import annotations

import io
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from postimages.fonts import font_file
from postimages.langtag import DEFAULT_LANGUAGE
from postimages.scene import Glyphs, Scene, Text
from postimages.text import Line, clusters, line_positions

if TYPE_CHECKING:
    from PIL import Image

# The invisible text's font: its shapes are never seen, only its character map
# (for copying and searching) and its advance, the same for every character
# (600/1000 em), so that a line is stretched to the drawn width in one step.


def text_font():
    return font_file("mono", "regular")


MONO_ADVANCE = 0.6  # em
JPEG_QUALITY = 92  # with full-resolution colour (4:4:4): no visible loss on a zoomed page
# Lossless images keep fpdf2's zlib level (6): level 9 is a tenth smaller (the four
# shipped cards' images 1.28 -> 1.15 MB) but costs 0.2 to 0.5 s a page, and the
# four-card PDF is already under 1.5 MB.

# Tags of the structure tree (PDF 1.7 §14.8.4); ARTIFACT is content outside it.
TITLE, PARAGRAPH, ARTIFACT = "H1", "P", "Artifact"
ARTIFACT_FIELDS = ("page_numbers", "line_numbers", "quote.mark")  # numbering, and a quote's drawn “


@dataclass(frozen=True)
class PageText:
    """One line of text as the card draws it, in the scene's pixels."""

    text: str
    x: float
    baseline: float
    width: float
    size: float
    role: str = PARAGRAPH  # TITLE, PARAGRAPH or ARTIFACT
    block: int = 0  # the lines of one block (a title on two lines) are one element of the structure
    frame: bool = False  # the frame's bottom line (author, footer): read on the first page that has it


@dataclass
class Page:
    image: Image.Image
    texts: list[PageText] = field(default_factory=list)
    alt: str = ""


@dataclass(frozen=True)
class Document:
    title: str = ""
    author: str = ""
    subject: str = ""
    language: str = DEFAULT_LANGUAGE  # a BCP 47 tag


# --- the text of a scene ----------------------------------------------------


def page_texts(scene: Scene) -> list[PageText]:
    """Every line of text the scene draws, in reading order: the card's own text
    in the order it is laid out, then the frame's bottom line (author, footer,
    page number). Code is one line of text per line of the card, indented as shown.
    Each line says how it is tagged: its role, the block it belongs to, whether it is the frame's."""
    head, tail = [], []
    mono_rows: dict[tuple[str, float], list[Glyphs]] = {}
    origins: dict[str, float] = {}
    for item in scene.texts():
        if isinstance(item, Glyphs) and item.advance is not None:
            origins[item.field] = min(origins.get(item.field, item.x), item.x)
    for index, item in enumerate(scene.texts()):
        frame = item.box.y >= scene.content.bottom
        lines = _lines(item, mono_rows, {"role": _role(item.field), "block": index, "frame": frame})
        (tail if frame else head).extend(lines)
    return [line for line in _resolve(head + tail, mono_rows, origins) if line.text.strip()]


def _role(field: str) -> str:
    return TITLE if field == "title" else ARTIFACT if field in ARTIFACT_FIELDS else PARAGRAPH


def _lines(item: Text | Glyphs, mono_rows: dict, tags: dict) -> list:
    if isinstance(item, Glyphs):
        if item.advance is not None:
            key = (item.field, item.baseline)
            first = key not in mono_rows
            mono_rows.setdefault(key, []).append(item)
            return [(key, tags)] if first else []  # the row is written, and tagged, where its first piece is
        return [PageText(_kept(item.line), item.x, item.baseline, item.line.width, item.style.size, **tags)]
    block = item.placed.block
    return [PageText(_kept(line), x, baseline, line.width, block.style.size, **tags)
            for line, x, baseline in line_positions(block, item.placed.box)]


def _resolve(lines: list, mono_rows: dict, origins: dict[str, float]):
    for line in lines:
        if isinstance(line, tuple):
            (field_name, baseline), tags = line
            yield _code_row(mono_rows[field_name, baseline], origins[field_name], tags)
        else:
            yield line


def _code_row(pieces: list[Glyphs], origin: float, tags: dict) -> PageText:
    """The pieces of one row of code (one per highlighted token) as one line,
    with spaces where the grid has empty columns, from the code's left edge."""
    advance = pieces[0].advance
    text, column = "", 0
    for piece in sorted(pieces, key=lambda p: p.x):
        start = round((piece.x - origin) / advance)
        text += " " * max(0, start - column)
        column = max(column, start)
        for run in piece.line.runs:
            if run.font_path is not None:  # a colour emoji is left out; the next piece starts where it is drawn
                text += _printable(run.text)
            column += len(list(clusters(run.text)))
    return PageText(text.rstrip(), origin, pieces[0].baseline, len(text.rstrip()) * advance, advance / MONO_ADVANCE,
                    **tags)


def _kept(line: Line) -> str:
    """The line's text without its colour emoji: they are pictures, described by the alt text."""
    return _printable("".join(run.text for run in line.runs if run.font_path is not None)).strip()


def _printable(text: str) -> str:
    return "".join(c if c >= " " else " " for c in text)


# --- the PDF ----------------------------------------------------------------


def pdf_bytes(pages: list[Page], dpi: float, document: Document = Document()) -> bytes:
    """One PDF page per card; pages must share one size (LinkedIn documents require it)."""
    sizes = {page.image.size for page in pages}
    if len(sizes) != 1:
        raise ValueError(f"every page of a carousel must have one size, got {sorted(sizes)}")
    (width, height), = sizes
    k = 72 / dpi  # points per pixel
    pdf = _document(width * k, height * k, document)
    read: set[tuple[str, ...]] = set()  # the frame's lines a screen reader has read on an earlier page
    with tempfile.TemporaryDirectory(prefix="postimages-pdf-") as folder:
        pdf.add_font("text", fname=str(_text_font_for(pages, Path(folder))))
        for page in pages:
            pdf.add_page()
            _draw_page(pdf, page, k, read)
        return bytes(pdf.output())


def _document(width: float, height: float, document: Document):
    from fpdf import FPDF
    from fpdf.prefs import ViewerPreferences

    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_margin(0)
    pdf.set_auto_page_break(False)
    pdf.set_title(document.title)
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)  # the title, not the file name
    pdf.set_author(document.author)
    pdf.set_subject(document.subject)
    pdf.set_creator("postimages")
    pdf.set_producer("postimages")
    pdf.set_lang(document.language)
    return pdf


def _draw_page(pdf, page: Page, k: float, read: set[tuple[str, ...]]) -> None:
    """The card's image (a Figure with the alt text), then its text, invisible, element by element."""
    from fpdf.enums import TextMode

    width, height = page.image.size
    source = _image_source(page.image)
    if page.alt:
        pdf.image(source, x=0, y=0, w=width * k, h=height * k, alt_text=page.alt)
    else:
        with _tagged(pdf, ARTIFACT):
            pdf.image(source, x=0, y=0, w=width * k, h=height * k)
    pdf.text_mode = TextMode.INVISIBLE
    for role, lines in _elements(page.texts, read):
        with _tagged(pdf, role):
            for line in lines:
                _write_line(pdf, line, k)
    pdf.set_stretching(100)
    pdf.text_mode = TextMode.FILL


def _elements(texts: list[PageText], read: set[tuple[str, ...]]) -> Iterator[tuple[str, list[PageText]]]:
    """(role, lines) of each block in reading order; the frame's line is read where
    it first appears and is an artifact on the pages after (the same author and footer)."""
    for _, group in groupby(texts, key=lambda line: line.block):
        lines = list(group)
        role = lines[0].role
        if lines[0].frame and role != ARTIFACT:
            key = tuple(line.text for line in lines)
            role = ARTIFACT if key in read else role
            read.add(key)
        yield role, lines


def _write_line(pdf, line: PageText, k: float) -> None:
    """One line in the text font, stretched to the width the card draws it at."""
    pdf.set_font("text", size=line.size * k)
    pdf.set_stretching(100)
    natural = pdf.get_string_width(line.text)
    pdf.set_stretching(100 * line.width * k / natural if natural and line.width else 100)
    # A space after each line, past its drawn width, so that text extracted
    # by reading order alone keeps lines that share a baseline apart.
    pdf.text(line.x * k, line.baseline * k, line.text + " ")


# --- fpdf2's internals, in one place ------------------------------------------
# fpdf2 (2.8) tags only what it draws itself (an image's /Alt, a link): its
# structure-tree builder is used here and nowhere else;
# tests/test_pdf_tags.py::test_fpdf2_internals_still_work fails if they change.


@contextmanager
def _tagged(pdf, role: str) -> Iterator[None]:
    """Content drawn inside is one element of the structure tree (H1, P...) on the
    current page, as fpdf2 tags an image; an artifact is left out of the tree."""
    if role == ARTIFACT:
        pdf._out("/Artifact BMC")
    else:
        mcid = pdf.struct_builder.next_mcid_for_page(pdf.page)
        pdf._add_marked_content(struct_type=f"/{role}", mcid=mcid)
        pdf._out(f"/{role} <</MCID {mcid}>> BDC")
    yield
    pdf._out("EMC")


def _text_font_for(pages: list[Page], folder: Path) -> Path:
    """The invisible text's font, with every character of the pages in its
    character map: one the font lacks (e.g. ₹, which the card draws with Inter)
    is mapped to one of its glyphs, which is never seen."""
    from fontTools.ttLib import TTFont

    path = text_font()
    font = TTFont(path)
    cmap = font.getBestCmap()
    needed = {ord(c) for page in pages for line in page.texts for c in line.text}
    missing = sorted(c for c in needed - cmap.keys() if c >= 32)
    if not missing:
        return path
    stand_in = cmap.get(0xFFFD) or cmap[ord("?")]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({c: stand_in for c in missing if table.format >= 12 or c <= 0xFFFF})
    patched = folder / path.name
    font.save(patched)
    return patched


def _image_source(image: Image.Image):
    """The card as the PDF stores it: lossless (Flate) when that is smaller,
    as it is for flat colours and text, else a JPEG no one can tell from it."""
    rgb = image.convert("RGB")
    jpeg = io.BytesIO()
    rgb.save(jpeg, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    jpeg_size = len(jpeg.getvalue())
    estimate = _flate_size(rgb, sample=True)  # within about a quarter; exact when that is too close to call
    if estimate < jpeg_size / 1.5 or (estimate <= jpeg_size * 1.5 and _flate_size(rgb) <= jpeg_size):
        return rgb
    jpeg.seek(0)
    return jpeg


def _flate_size(image: Image.Image, sample: bool = False) -> float:
    """The size of the image as the PDF library stores it losslessly (rows
    unfiltered, zlib's default level); with `sample`, estimated from one band of 32 rows in 4."""
    row = image.width * 3
    raw = image.tobytes()
    rows = [i for i in range(image.height) if not sample or i % 128 < 32]
    data = b"".join(b"\0" + raw[i * row:(i + 1) * row] for i in rows)
    return len(zlib.compress(data)) * image.height / len(rows)
