"""What the post needs besides the PNGs: the alt-text file, the carousel PDF
and the phone preview, written from the results of a render."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from postimages.build import Result, alt_text
from postimages.cache import Cache
from postimages.output import OutputError, folder_lock, png_bytes, write_atomic
from postimages.plan import Job, Options, folder_jobs, load_job, output_path
from postimages.plural import plural

if TYPE_CHECKING:  # the alt-text file is written on every render, even one that draws nothing
    from postimages.spec import Card

ALT_TEXT_FILE = "alt-text.md"
CAROUSEL_FILE = "carousel.pdf"
PREVIEW_FILE = "preview.png"
ALT_TEXT_ADVICE = 250  # characters; LinkedIn's field takes more, but readers of screen readers don't want it


# Pages of the carousel PDF are drawn at twice the pixels so text stays sharp when zoomed.
PDF_SCALE = 2.0


@dataclass
class PostFile:
    path: Path
    summary: str


def write_post_files(results: list[Result], options: Options, pdf: bool) -> tuple[list[PostFile], list[str]]:
    """The alt-text file for every card that rendered, and the carousel PDF when asked.

    Returns what was written and the problems that kept something from being written."""
    good = [r for r in results if r.ok and r.output is not None]
    written: list[PostFile] = []
    problems: list[str] = []
    if good:
        with folder_lock(options.out_dir):  # read the cache and write the file while no other render does
            entries = _alt_entries(results, options)
            try:
                written.append(PostFile(write_alt_text(options.out_dir, entries),
                                        f"alt text for {plural(len(entries), 'card')}"))
            except OutputError as exc:
                problems.append(str(exc))
    if pdf and results:
        if len(good) < len(results):
            problems.append(f"{options.out_dir / CAROUSEL_FILE}: not written, {plural(len(results) - len(good), 'card')} "
                            "failed; fix them and render again")
        else:
            try:
                written.append(_write_carousel(good, options))
            except OutputError as exc:
                problems.append(str(exc))
    return written, problems


def card_of(result: Result, options: Options) -> Card:
    """The result's card; a card skipped as unchanged is loaded only now, when needed."""
    if result.card is None:
        result.card = load_job(result.job, options)
    return result.card


# --- alt-text.md ------------------------------------------------------------


def _alt_entries(results: list[Result], options: Options) -> list[tuple[str, str]]:
    """(PNG name, alt text) for every card of the posts rendered, in post order.

    Rendering one file still leaves the alt text of the whole post: a card
    not rendered this time, or one that failed (its previous PNG is kept),
    keeps the alt text of the PNG on disk, when it is known."""
    previous = Cache(options.out_dir)
    by_png = {output_path(r.job, options).name: r for r in results}
    entries = []
    for job in _whole_posts(results, previous):
        png = output_path(job, options)
        result = by_png.get(png.name)
        if result is not None and result.ok and result.output is not None:
            entries.append((png.name, result.alt or alt_text(card_of(result, options))))
            continue
        alt = previous.alt(png)
        if alt and png.exists():
            entries.append((png.name, alt))
    return entries


def _whole_posts(results: list[Result], cache: Cache) -> list[Job]:
    """Every card of the folders the results come from, folder by folder, in
    post order (as planned, when the cache says post.yaml is unchanged)."""
    jobs: list[Job] = []
    folders: list[Path] = []
    for result in results:
        if result.job.folder not in folders:
            folders.append(result.job.folder)
    for folder in folders:
        rendered = [r.job for r in results if r.job.folder == folder]
        whole = folder_jobs(folder, None, [], cache)
        names = {job.spec.name for job in whole}
        jobs.extend(whole + [job for job in rendered if job.spec.name not in names])
    return jobs


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
        lines += [f"## {png_name}", "", text, "", f"<sub>{plural(len(text), 'character')}{flag}</sub>", ""]
    return "\n".join(lines)


def write_alt_text(out_dir: Path, entries: list[tuple[str, str]]) -> Path:
    """alt-text.md, written only when its text changed: a render with nothing
    changed leaves the file as it was (and spends no flush to disk on it)."""
    target = out_dir / ALT_TEXT_FILE
    data = alt_text_document(entries).encode("utf-8")
    if not _holds(target, data):
        write_atomic(target, data)
    return target


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` is a file of exactly these bytes (read no further than that)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):  # a link, a pipe...: replaced by the file, as ever
            return False
        with path.open("rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


# --- carousel.pdf -----------------------------------------------------------


def _write_carousel(results: list[Result], options: Options) -> PostFile:
    """carousel.pdf, drawn again only when a card, or what draws the PDF, changed:
    its pages are every card at twice the pixels (~0.5 s a card)."""
    made = _made_from(options.out_dir / CAROUSEL_FILE, results, f"carousel {PDF_SCALE} {_version('fpdf2')}")
    if made.kept is not None:
        return PostFile(made.target, _carousel_summary(len(results), tuple(made.kept["pixels"]),
                                                       made.kept["bytes"]) + "  unchanged")
    size, data = _carousel(results, options)
    made.write(size, data)
    return PostFile(made.target, _carousel_summary(len(results), size, len(data)))


class _MadeFrom(NamedTuple):
    """A file made from the post's cards: where it goes, the key of what it
    is made from, and the output folder's entry for it when the file on disk
    was made from exactly that (None: make it)."""

    target: Path
    key: str | None
    cache: Cache
    kept: dict | None

    def write(self, pixels: tuple[int, int], data: bytes) -> None:
        from postimages.cache import png_digest

        write_atomic(self.target, data)
        if self.key:
            self.cache.record(self.target, self.key, pixels, len(data), png_digest(data))
            self.cache.save()


def _made_from(target: Path, results: list[Result], maker: str) -> _MadeFrom:
    """The key of `target`: the cards' own keys in post order (their inputs,
    settings, and postimages' code and fonts) and alt text, and `maker`, what
    else decides the file. A card without a key (none was made) leaves the
    file to be made every time."""
    from postimages.cache import blake2b

    cache = Cache(target.parent)
    if not all(result.key for result in results):
        return _MadeFrom(target, None, cache, None)
    digest = blake2b(f"{target.name}\n{maker}\n".encode(), digest_size=20)
    for result in results:
        digest.update(f"{result.key}\0{result.alt}\n".encode())
    key = digest.hexdigest()
    return _MadeFrom(target, key, cache, cache.fresh(target, key))


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{distribution} {version(distribution)}"
    except PackageNotFoundError:
        return f"{distribution} ?"


def _carousel_summary(pages: int, size: tuple[int, int], length: int) -> str:
    return f"{plural(pages, 'page')}  {size[0]}×{size[1]}  {length / 1024 / 1024:.1f} MB"


def _carousel(results: list[Result], options: Options) -> tuple[tuple[int, int], bytes]:
    """The pages' size and the PDF's bytes."""
    from dataclasses import replace

    from postimages.carousel import Document, Page, page_texts, pdf_bytes
    from postimages.render import draw_card, layout_card

    # A LinkedIn document has one page size: every page takes the first card's.
    cards = [card_of(r, options) for r in results]
    size = cards[0].size
    pages = []
    for result, card in zip(results, cards):
        card = replace(card, size=size)
        scene = layout_card(card, PDF_SCALE)
        pages.append(Page(draw_card(card, scene), page_texts(scene), result.alt or alt_text(card)))
    titles = [str(card.fields.get("title") or "") for card in cards]
    document = Document(title=titles[0] or "postimages carousel", author=cards[0].author or cards[0].handle or "",
                        subject=" · ".join(t for t in titles if t), language=cards[0].language)
    return size, pdf_bytes(pages, 96 * PDF_SCALE, document)


# --- preview.png ------------------------------------------------------------


def write_preview(results: list[Result], options: Options) -> PostFile | None:
    """The phone preview of every card that rendered, in post order; drawn
    again only when a card changed since it was written."""
    good = [r for r in results if r.ok and r.output is not None]
    if not good:
        return None
    made = _made_from(options.out_dir / PREVIEW_FILE, good, "preview")
    if made.kept is not None:
        width, height = made.kept["pixels"]
        return PostFile(made.target, f"{width}×{height}  phone preview of {plural(len(good), 'card')}  unchanged")
    from PIL import Image

    from postimages.preview import draw_preview, layout_preview

    images = [Image.open(r.output).convert("RGB") for r in good]
    first = card_of(good[0], options)
    layout = layout_preview([r.output.name for r in good], [im.size for im in images],
                            first.author or "Your Name", first.handle or "@yourhandle",
                            f"A post with {plural(len(good), 'card')}: how the feed shows it")
    image = draw_preview(layout, images, first.theme, _headshot(first))
    made.write(image.size, png_bytes(image))
    return PostFile(made.target, f"{image.width}×{image.height}  phone preview of {plural(len(good), 'card')}")


def _headshot(card: Card):
    """The post's avatar for the preview's feed header; None when it has none (or it cannot be read:
    the cards that show it have already said why)."""
    from postimages.images import ImageProblem, load_image

    if card.avatar is None:
        return None
    try:
        return load_image(card.avatar).pixels
    except ImageProblem:
        return None
