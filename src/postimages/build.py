"""Rendering a post: find the cards, render each, write the PNGs, report.

One card's failure never stops the others, and never touches its previous PNG.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from postimages.cache import Cache, card_key, cpu_count
from postimages.errors import PostimagesError, SpecError, SpecErrors
from postimages.output import png_bytes, write_atomic
from postimages.spec import POST_FILE, Card, PostSettings, discover, display_path, is_card_file, load_card, load_post_settings
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
    post = _post_settings(job.folder)
    card = load_card(job.spec, post, options.size, options.theme)
    card.page, card.pages = job.page, job.pages
    return card


def _post_settings(folder: Path) -> PostSettings:
    return load_post_settings(folder)


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
        key = card_key(input_files(job, card), f"{options.fingerprint()} page={job.page}/{job.pages}")
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
    except SpecErrors as exc:
        result.errors = [str(e) for e in exc.errors]
    except PostimagesError as exc:
        result.errors = [str(exc)]
    result.seconds = time.perf_counter() - started
    return result


def render_all(jobs: list[Job], options: Options, on_result=None) -> list[Result]:
    """Render every job, in worker processes when there are enough cards to
    pay for them; results come back in job order. The cache is read once and
    written once, by this process."""
    caches: dict[Path, Cache] = {}
    cache = caches.setdefault(options.out_dir, Cache(options.out_dir))
    workers = _worker_count(options, len(jobs))
    if workers <= 1:
        results = []
        for job in jobs:
            results.append(render_job(job, options, cache))
            if on_result:
                on_result(results[-1])
    else:
        results = _render_in_workers(jobs, options, cache, workers, on_result)
    for result in results:
        png = output_path(result.job, options)
        if result.ok and not result.skipped and result.key:
            cache.record(png, result.key, result.pixels, result.bytes_written)
    cache.save()
    return results


def _worker_count(options: Options, count: int) -> int:
    if options.jobs:
        return max(1, min(options.jobs, count))
    # A worker costs a process start; below ~6 cards one process is faster.
    return min(cpu_count(), count // 3) if count >= 6 else 1


def _render_in_workers(jobs, options, cache, workers, on_result) -> list[Result]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers inherit the loaded modules and fonts instead of importing them again.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(render_job, job, options, cache) for job in jobs]
        results = []
        for future in futures:
            results.append(future.result())
            if on_result:
                on_result(results[-1])
    return results
