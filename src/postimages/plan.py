"""Planning a render: the options, and which card files to render with their place in the post.

Nothing here loads drawing code: `check` plans and loads cards without drawing them.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from postimages.cardfiles import card_file_names, is_card_file
from postimages.errors import PostimagesError, SpecError, SpecErrors, display_path

if TYPE_CHECKING:  # spec.py (YAML, the schema) loads only when a post.yaml or a card is read
    from postimages.cache import Cache
    from postimages.spec import Card
    from postimages.theme import Theme


@dataclass
class Options:
    out_dir: Path = Path("output")
    size: tuple[int, int] | None = None
    scale: float = 1.0
    theme: Theme | None = None
    force: bool = False  # render even when the inputs are unchanged
    jobs: int = 0  # worker processes; 0 picks by the number of cards and cores
    durable: bool = True  # each PNG on the disk before it replaces the old one (watch flushes it just after)

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


class NothingToRender(PostimagesError):
    pass


def plan(targets: list[Path], cache: Cache | None = None) -> tuple[list[Job], list[str]]:
    """Jobs for the given files and folders (default: specs/), and problems found on the way.

    With `cache` (the output folder's), a post whose post.yaml and card files
    are as when it was last planned takes its order from there, unread."""
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
            jobs.extend(folder_jobs(target, None, problems, cache))
        elif target.is_file():
            jobs.extend(folder_jobs(target.parent, target, problems, cache))
        else:
            problems.append(f"{target}: no such file or folder")
    return jobs, problems


def folder_jobs(folder: Path, only: Path | None, problems: list[str], cache: Cache | None = None) -> list[Job]:
    """The jobs of one folder's post: every card, or only the card `only`, with its place in the post."""
    try:
        files = post_order(folder, cache)
    except (SpecError, SpecErrors) as exc:
        # post.yaml is shared by every card of the folder: none can render without it.
        problems.append(str(exc))
        return []
    except OSError as exc:  # the folder cannot be listed (no permission...)
        problems.append(f"{display_path(folder)}: cannot read the folder: {exc.strerror or exc}")
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


def post_order(folder: Path, cache: Cache | None = None) -> list[Path]:
    """The folder's card files in post order (post.yaml's `order:`, then by
    name), as the cache last planned them when their inputs are unchanged.
    SpecError for a post.yaml that cannot be read, OSError for a folder."""
    try:
        names = card_file_names(folder)
    except OSError:
        names = None  # listed again after post.yaml is read: its problems are said first, as ever
    if cache is None or names is None:
        return _read_post_order(folder, names)[0]
    from postimages.cache import plan_key

    key = plan_key(folder, names)
    order = cache.planned(folder, key)
    if order is not None and sorted(order) == names:
        return [folder / name for name in order]
    files, fonts = _read_post_order(folder, names)
    if plan_key(folder, names) == key:  # post.yaml was not edited while it was read
        cache.record_plan(folder, key, [path.name for path in files], fonts)
    return files


def _read_post_order(folder: Path, names: list[str] | None) -> tuple[list[Path], list[Path]]:
    """The card files in post order, and the font files post.yaml names
    (whether post.yaml is valid depends on them too)."""
    from postimages.spec import discover, load_post_settings

    post = load_post_settings(folder)
    return discover(folder, post, names), (post.fonts.paths if post.fonts else [])


def load_job(job: Job, options: Options) -> Card:
    _collect_from_here()
    from postimages.spec import load_card, load_post_settings

    post = load_post_settings(job.folder)
    card = load_card(job.spec, post, options.size, options.theme)
    card.page, card.pages = job.page, job.pages
    return card


def _collect_from_here() -> None:
    """The command starts with the garbage collector off (__main__.run). What
    start-up made lives as long as the process, so it is set aside for good
    (in a forked worker too, whose collections then never touch the pages it
    shares with its parent); laying out and drawing make cycles, so from the
    first card on the collector runs."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def output_path(job: Job, options: Options) -> Path:
    return options.out_dir / f"{job.spec.stem}.png"


def remove_orphaned_pngs(targets: list[Path], jobs: list[Job], options: Options) -> list[Path]:
    """Delete the PNGs that postimages wrote from specs since deleted, in the
    folders rendered whole (`targets` as `plan` takes them); return them."""
    from postimages.cache import remove_orphans

    folders = {t for t in (targets or [Path("specs")]) if t.is_dir()}
    if not folders:
        return []  # one file rendered: the rest of its post is not looked at
    return remove_orphans(options.out_dir, folders, {output_path(job, options).name for job in jobs})


def orphans_line(removed: list[Path]) -> str:
    """The one line that says which PNGs of deleted specs were removed."""
    from postimages.plural import plural

    what = plural(len(removed), "PNG") + (" of a deleted spec" if len(removed) == 1 else " of deleted specs")
    return f"removed {what}: {', '.join(str(p) for p in removed)}"
