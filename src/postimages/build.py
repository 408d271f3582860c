"""Rendering a post: find the cards, render each, write the PNGs, report.

One card's failure never stops the others, and never touches its previous PNG.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from postimages.cache import Cache, card_key, cpu_count
from postimages.errors import PostimagesError, SpecError, SpecErrors
from postimages.output import OutputError, png_bytes, write_atomic
from postimages.spec import (POST_FILE, Card, discover, display_path, is_card_file, load_card, load_post_settings,
                             peek_kind)
from postimages.theme import Theme


@dataclass
class Options:
    out_dir: Path = Path("output")
    size: tuple[int, int] | None = None
    scale: float = 1.0
    theme: Theme | None = None
    force: bool = False  # render even when the inputs are unchanged
    jobs: int = 0  # worker processes; 0 picks by the number of cards and cores

    def fingerprint(self) -> str:
        theme = self.theme.name if self.theme else ""
        return f"size={self.size} scale={self.scale} theme={theme}"


@dataclass
class Job:
    """One card file to render, with its place in the post."""

    spec: Path
    folder: Path
    page: int
    pages: int


@dataclass
class Result:
    job: Job
    output: Path | None = None
    pixels: tuple[int, int] | None = None
    bytes_written: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    card: Card | None = None
    skipped: bool = False  # inputs unchanged: the PNG on disk is already right
    key: str | None = None
    inputs: list[Path] | None = None  # the files the key was made from
    alt: str | None = None  # the card's alt text, kept in the cache for skipped cards

    @property
    def ok(self) -> bool:
        return not self.errors


class NothingToRender(PostimagesError):
    pass


def plan(targets: list[Path]) -> tuple[list[Job], list[str]]:
    """Jobs for the given files and folders (default: specs/), and problems found on the way."""
    if not targets:
        default = Path("specs")
        if not default.is_dir():
            raise NothingToRender(
                "no specs/ folder here: run `postimages init` to start a post, "
                "or name the spec files to render"
            )
        targets = [default]
    jobs: list[Job] = []
    problems: list[str] = []
    for target in targets:
        if target.is_dir():
            jobs.extend(_folder_jobs(target, None, problems))
        elif target.is_file():
            jobs.extend(_folder_jobs(target.parent, target, problems))
        else:
            problems.append(f"{target}: no such file or folder")
    return jobs, problems


def _folder_jobs(folder: Path, only: Path | None, problems: list[str]) -> list[Job]:
    try:
        post = load_post_settings(folder)
        files = discover(folder, post)
    except (SpecError, SpecErrors) as exc:
        # post.yaml is shared by every card of the folder: none can render without it.
        problems.append(str(exc))
        return []
    if only is not None:
        if not is_card_file(only):
            problems.append(f"{display_path(only)}: not a card spec (post.yaml and files starting with _ are not cards)")
            return []
        index = next((i for i, p in enumerate(files) if p.resolve() == only.resolve()), 0)
        return [Job(only, folder, index + 1, len(files))]
    if not files:
        problems.append(f"{display_path(folder)}: no card specs (*.yaml) in this folder")
    return [Job(p, folder, i + 1, len(files)) for i, p in enumerate(files)]


def load_job(job: Job, options: Options) -> Card:
    post = load_post_settings(job.folder)
    card = load_card(job.spec, post, options.size, options.theme)
    card.page, card.pages = job.page, job.pages
    return card


def output_path(job: Job, options: Options) -> Path:
    return options.out_dir / f"{job.spec.stem}.png"


def input_files(job: Job, card: Card | None) -> list[Path]:
    """Every file whose content decides the card's pixels."""
    files = [job.spec, job.folder / POST_FILE]
    if card is not None:
        from postimages import cards

        inputs = getattr(cards.module(card.kind), "inputs", None)
        if inputs is not None:
            files.extend(inputs(card))
    return files


def render_job(job: Job, options: Options, cache: Cache | None = None) -> Result:
    """Load, lay out, draw and write one card; unchanged inputs skip the drawing."""
    started = time.perf_counter()
    result = Result(job)
    target = output_path(job, options)
    try:
        card = load_job(job, options)
        result.card = card
        result.inputs = input_files(job, card)
        key = card_key(result.inputs, _settings(job, options))
        result.key = key
        entry = cache.fresh(target, key) if cache is not None and not options.force else None
        if entry is not None:
            result.output, result.pixels, result.bytes_written = target, tuple(entry["pixels"]), entry["bytes"]
            result.skipped = True
        else:
            from postimages.render import render_card  # drawing code is loaded only to draw

            image = render_card(card, options.scale)
            data = png_bytes(image)
            write_atomic(target, data)
            result.output, result.pixels, result.bytes_written = target, image.size, len(data)
            result.alt = _alt_text(card)  # here, in the worker, while the card's code is warm
    except SpecErrors as exc:
        result.errors = [str(e) for e in exc.errors]
    except PostimagesError as exc:
        result.errors = [str(exc)]
    result.seconds = time.perf_counter() - started
    return result


def _settings(job: Job, options: Options) -> str:
    return f"{options.fingerprint()} page={job.page}/{job.pages}"


def unchanged_result(job: Job, options: Options, cache: Cache) -> Result | None:
    """A skipped result when the card's PNG was made from exactly its current
    inputs, decided without parsing the spec or loading any drawing code.

    The cache entry lists the files its key was made from. Past the spec and
    post.yaml (which come first) they are named by the spec, so if those two
    are unchanged the list is too, and re-hashing it settles the question."""
    if options.force:
        return None
    target = output_path(job, options)
    recorded = cache.inputs(target)
    if recorded[:2] != [job.spec, job.folder / POST_FILE]:
        return None
    key = card_key(recorded, _settings(job, options))
    entry = cache.fresh(target, key)
    if entry is None:
        return None
    return Result(job, output=target, pixels=tuple(entry["pixels"]), bytes_written=entry["bytes"], skipped=True,
                  key=key, inputs=recorded, alt=entry.get("alt"))


def render_all(jobs: list[Job], options: Options, on_result=None) -> list[Result]:
    """Render every job whose inputs changed, in worker processes when there
    are enough of them to pay for it; results come back in job order. The
    cache is read once and written once, by this process."""
    cache = Cache(options.out_dir)
    unchanged = [unchanged_result(job, options, cache) for job in jobs]
    stale = [job for job, skipped in zip(jobs, unchanged) if skipped is None]
    rendered = _render_jobs(stale, options, cache)
    results = []
    try:
        for skipped in unchanged:
            results.append(skipped or next(rendered))
            if on_result:
                on_result(results[-1])
    finally:
        rendered.close()  # ends the worker pool, if any, even on Ctrl-C
    for result in results:
        if result.ok and not result.skipped and result.key:
            _record(cache, result, options)
    cache.save()
    return results


def _alt_text(card: Card) -> str:
    from postimages.postfiles import alt_text

    return alt_text(card)


def _record(cache: Cache, result: Result, options: Options) -> None:
    cache.record(output_path(result.job, options), result.key, result.pixels, result.bytes_written,
                 inputs=result.inputs, alt=result.alt)


def _render_jobs(jobs: list[Job], options: Options, cache: Cache):
    """Results of rendering `jobs`, in order, as each is ready."""
    workers = _worker_count(options, len(jobs))
    if workers <= 1:
        for job in jobs:
            yield render_job(job, options, cache)
    else:
        yield from _render_in_workers(jobs, options, cache, workers)


def _worker_count(options: Options, count: int) -> int:
    if options.jobs:
        return max(1, min(options.jobs, count))
    # A forked worker starts in milliseconds; a card takes ~0.1 s to draw.
    return min(cpu_count(), count // 2) if count >= 4 else 1


def _render_in_workers(jobs, options, cache, workers):
    from functools import partial

    import postimages.render  # noqa: F401  loaded once here, shared by the forked workers
    from postimages.workers import map_in_workers

    yield from map_in_workers(partial(render_job, options=options, cache=cache), jobs, _slowest_first(jobs), workers,
                              on_crash=_crashed)


def _crashed(job: Job, why: str) -> Result:
    return Result(job, errors=[f"{display_path(job.spec)}: not drawn: {why}. Render it on its own to see "
                               f"what went wrong: postimages render {display_path(job.spec)}"])


def _slowest_first(jobs: list[Job]) -> list[int]:
    """Job indexes, slow kinds first (file order among equals). With a few
    cards a worker, a slow card started last would decide when the render ends."""
    from postimages import cards

    def cost(index: int) -> int:
        return cards.DRAW_COST.get(peek_kind(jobs[index].spec), 1)

    return sorted(range(len(jobs)), key=cost, reverse=True)


# Pages of the carousel PDF are drawn at twice the pixels so text stays sharp when zoomed.
PDF_SCALE = 2.0


def card_of(result: Result, options: Options) -> Card:
    """The result's card; a card skipped as unchanged is loaded only now, when needed."""
    if result.card is None:
        result.card = load_job(result.job, options)
    return result.card


@dataclass
class PostFile:
    path: Path
    summary: str


def write_post_files(results: list[Result], options: Options, pdf: bool) -> tuple[list[PostFile], list[str]]:
    """The alt-text file for every card that rendered, and the carousel PDF when asked.

    Returns what was written and the problems that kept something from being written."""
    from postimages.postfiles import alt_text, write_alt_text

    good = [r for r in results if r.ok and r.output is not None]
    written: list[PostFile] = []
    problems: list[str] = []
    if good:
        entries = _alt_entries(results, options, alt_text)
        try:
            written.append(PostFile(write_alt_text(options.out_dir, entries), f"alt text for {len(entries)} cards"))
        except OutputError as exc:
            problems.append(str(exc))
    if pdf and results:
        if len(good) < len(results):
            problems.append(f"{options.out_dir / 'carousel.pdf'}: not written, {len(results) - len(good)} "
                            "cards failed; fix them and render again")
        else:
            try:
                written.append(_write_carousel(good, options))
            except OutputError as exc:
                problems.append(str(exc))
    return written, problems


def _alt_entries(results: list[Result], options: Options, alt_text) -> list[tuple[str, str]]:
    """(PNG name, alt text) for every card of the posts rendered, in post order.

    Rendering one file still leaves the alt text of the whole post: a card
    not rendered this time, or one that failed (its previous PNG is kept),
    keeps the alt text of the PNG on disk, when it is known."""
    previous = Cache(options.out_dir).entries
    by_png = {output_path(r.job, options).name: r for r in results}
    entries = []
    for job in _whole_posts(results):
        png = output_path(job, options)
        result = by_png.get(png.name)
        if result is not None and result.ok and result.output is not None:
            entries.append((png.name, result.alt or alt_text(card_of(result, options))))
            continue
        entry = previous.get(png.name)
        if isinstance(entry, dict) and entry.get("alt") and png.exists():
            entries.append((png.name, entry["alt"]))
    return entries


def _whole_posts(results: list[Result]) -> list[Job]:
    """Every card of the folders the results come from, folder by folder, in post order."""
    jobs: list[Job] = []
    folders: list[Path] = []
    for result in results:
        if result.job.folder not in folders:
            folders.append(result.job.folder)
    for folder in folders:
        rendered = [r.job for r in results if r.job.folder == folder]
        whole = _folder_jobs(folder, None, [])
        names = {job.spec.name for job in whole}
        jobs.extend(whole + [job for job in rendered if job.spec.name not in names])
    return jobs


def _write_carousel(results: list[Result], options: Options) -> PostFile:
    from dataclasses import replace

    from postimages.postfiles import write_pdf
    from postimages.render import render_card

    # A LinkedIn document has one page size: every page takes the first card's.
    cards = [card_of(r, options) for r in results]
    size = cards[0].size
    pages = [render_card(replace(card, size=size), PDF_SCALE) for card in cards]
    path = write_pdf(options.out_dir, pages, dpi=96 * PDF_SCALE)
    megabytes = path.stat().st_size / 1024 / 1024
    return PostFile(path, f"{len(pages)} pages  {size[0]}×{size[1]}  {megabytes:.1f} MB")


PREVIEW_FILE = "preview.png"


def write_preview(results: list[Result], options: Options) -> PostFile | None:
    """The phone preview of every card that rendered, in post order."""
    from PIL import Image

    from postimages.output import png_bytes
    from postimages.preview import draw_preview, layout_preview

    good = [r for r in results if r.ok and r.output is not None]
    if not good:
        return None
    images = [Image.open(r.output).convert("RGB") for r in good]
    first = card_of(good[0], options)
    layout = layout_preview([r.output.name for r in good], [im.size for im in images],
                            first.author or "Your Name", first.handle or "@yourhandle",
                            f"A post with {len(good)} image{'s' if len(good) > 1 else ''}: how the feed shows it")
    target = options.out_dir / PREVIEW_FILE
    image = draw_preview(layout, images, first.theme)
    write_atomic(target, png_bytes(image))
    return PostFile(target, f"{image.width}×{image.height}  phone preview of {len(good)} cards")
