"""Rendering a post: find the cards, render each, write the PNGs, report.

One card's failure never stops the others, and never touches its previous PNG.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from postimages.errors import PostimagesError, SpecError, SpecErrors
from postimages.output import png_bytes, write_atomic
from postimages.spec import Card, PostSettings, discover, display_path, is_card_file, load_card, load_post_settings
from postimages.theme import Theme


@dataclass
class Options:
    out_dir: Path = Path("output")
    size: tuple[int, int] | None = None
    scale: float = 1.0
    theme: Theme | None = None


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
        problems.append(str(exc))
        files = sorted(p for p in folder.iterdir() if p.is_file() and is_card_file(p))
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


def render_job(job: Job, options: Options) -> Result:
    from postimages.render import render_card  # imported here: drawing is only needed to draw

    started = time.perf_counter()
    result = Result(job)
    try:
        card = load_job(job, options)
        result.card = card
        image = render_card(card, options.scale)
        data = png_bytes(image)
        target = output_path(job, options)
        write_atomic(target, data)
    except SpecErrors as exc:
        result.errors = [str(e) for e in exc.errors]
    except PostimagesError as exc:
        result.errors = [str(exc)]
    else:
        result.output, result.pixels, result.bytes_written = target, image.size, len(data)
    result.seconds = time.perf_counter() - started
    return result
