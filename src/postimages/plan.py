"""Planning a render: the options, and which card files to render with their place in the post.

Nothing here loads drawing code: `check` plans and loads cards without drawing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from postimages.errors import PostimagesError, SpecError, SpecErrors
from postimages.spec import Card, discover, display_path, is_card_file, load_card, load_post_settings
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
            jobs.extend(folder_jobs(target, None, problems))
        elif target.is_file():
            jobs.extend(folder_jobs(target.parent, target, problems))
        else:
            problems.append(f"{target}: no such file or folder")
    return jobs, problems


def folder_jobs(folder: Path, only: Path | None, problems: list[str]) -> list[Job]:
    """The jobs of one folder's post: every card, or only the card `only`, with its place in the post."""
    try:
        post = load_post_settings(folder)
        files = discover(folder, post)
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


def load_job(job: Job, options: Options) -> Card:
    post = load_post_settings(job.folder)
    card = load_card(job.spec, post, options.size, options.theme)
    card.page, card.pages = job.page, job.pages
    return card


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
