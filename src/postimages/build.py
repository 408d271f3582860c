"""Rendering the cards of a plan: each card's PNG, drawn in worker processes
when there are enough cards, or skipped when its inputs are unchanged.

One card's failure never stops the others, and never touches its previous PNG.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from postimages.cache import Cache, card_key, cpu_count, data_entry, files_digest, png_digest
from postimages.cardfiles import POST_FILE, peek_kind
from postimages.errors import PostimagesError, SpecError, SpecErrors, display_path
from postimages.output import png_bytes, write_atomic
from postimages.plan import Job, Options, load_job, output_path

if TYPE_CHECKING:  # cards are loaded only when one is drawn: a render with nothing to draw never parses one
    from PIL import Image

    from postimages.spec import Card


@dataclass
class Result:
    job: Job
    output: Path | None = None
    pixels: tuple[int, int] | None = None
    bytes_written: int = 0
    digest: str | None = None  # of the PNG written, for the cache to vouch for it later
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    card: Card | None = None  # not kept from workers, nor for unchanged cards: see postfiles.card_of
    skipped: bool = False  # inputs unchanged: the PNG on disk is already right
    key: str | None = None
    inputs: list[Path] | None = None  # the files the key was made from
    alt: str | None = None  # the card's alt text, kept in the cache for skipped cards
    warnings: list[str] = field(default_factory=list)  # one line each, printed beside the card's line
    data: dict | None = None  # the data files read and the values taken from them (cache.data_entry)

    @property
    def data_files(self) -> list[Path]:
        return [Path(name) for name in (self.data or {}).get("files", [])]

    @property
    def ok(self) -> bool:
        return not self.errors


def input_files(job: Job, card: Card | None) -> list[Path]:
    """Every file whose content decides the card's pixels."""
    files = [job.spec, job.folder / POST_FILE]
    if card is not None:
        from postimages import cards

        files.extend(path for path in (card.avatar, card.logo) if path is not None)
        files.extend(cards.get(card.kind).inputs(card))
        files.extend(card.fonts.paths if card.fonts else [])  # the fonts it is drawn in
        files.extend(_machine_fonts(card))
    return files


def _machine_fonts(card: Card) -> list[Path]:
    """The machine's own fonts that draw characters of the card no other font has."""
    from postimages import fonts, systemfonts
    from postimages.render import strings_of

    with fonts.using(card.fonts):
        chain = (*fonts.fallback_files("text", "regular"), fonts.emoji_file())
    return systemfonts.fonts_for([text for _, text in strings_of(card.fields)], chain)


OUTSIDE_HINT = ("a spec from someone else could put private files into a public image; "
                "copy the file into the post's folder")


def outside_the_post(card: Card, folder: Path) -> list[SpecError]:
    """A problem for each file the card reads from outside the post's folder
    (the folder of its spec and post.yaml): `/proc/self/environ`, `~/.ssh/...`,
    `../../etc/passwd`. Located at the field that names the file."""
    from postimages import cards

    problems = []
    for path in _outside(cards.get(card.kind).inputs(card), folder):
        field_name = next((name for name, value in card.fields.items()
                           if isinstance(value, str) and card.path.parent / value == path), "")
        shown = card.fields[field_name] if field_name else display_path(path)
        problems.append(card.error(field_name, f"{shown} is outside the post's folder {display_path(folder)}",
                                   OUTSIDE_HINT))
    for name in ("avatar", "logo"):  # post.yaml's images: located there, said once per render
        image = getattr(card, name)
        if image is not None and _outside([image], folder):
            problems.append(card.error(name, f"{display_path(image)} is outside the post's folder "
                                             f"{display_path(folder)}", OUTSIDE_HINT))
    return problems


def _outside(paths: list[Path], folder: Path) -> list[Path]:
    inside = _resolved(folder)
    return [path for path in paths if not _resolved(path).is_relative_to(inside)]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute()


def as_warning(problem: SpecError | str) -> str:
    """"file:line:col: field: message" as "file:line:col: warning: field: message", as check prints it."""
    where, _, rest = str(problem).partition(": ")
    return f"{where}: warning: {rest}"


def alt_text(card: Card) -> str:
    """The spec's own `alt:` when given, else one generated from the content."""
    from postimages import cards

    given = (card.fields.get("alt") or "").strip()
    return given or cards.get(card.kind).alt_text(card.as_shown()).strip()


def render_job(job: Job, options: Options, cache: Cache | None = None, still_wanted=None) -> Result:
    """Load, lay out, draw and write one card; unchanged inputs skip the drawing.

    `still_wanted()`, when given, is asked just before the PNG is written:
    False (the render that asked for it has ended) leaves the file alone."""
    started = time.perf_counter()
    result = Result(job)
    target = output_path(job, options)
    try:
        card = load_job(job, options)
        result.card = card
        result.inputs = input_files(job, card)
        result.warnings = [as_warning(problem) for problem in (*outside_the_post(card, job.folder),
                                                                  *card.font_warnings)]
        values = "\n".join(read.key_text() for read in card.data_reads)
        result.data = data_entry(card.data_files, values) if card.data_files else None
        key = card_key(result.inputs, _settings(job, options, values))
        result.key = key
        entry = cache.fresh(target, key) if cache is not None and not options.force else None
        if entry is not None:
            result.output, result.pixels, result.bytes_written = target, tuple(entry["pixels"]), entry["bytes"]
            result.skipped = True
            if result.data:  # the data file changed, not the values read: recorded again for the quick path
                result.digest, result.alt = entry["digest"], entry.get("alt")
        else:
            image, data, drawing_warnings = drawn(card, options)
            result.warnings += drawing_warnings
            if still_wanted is not None and not still_wanted():
                raise PostimagesError(f"{display_path(job.spec)}: not written: the render that started it ended")
            write_atomic(target, data, durable=options.durable)
            result.output, result.pixels, result.bytes_written = target, image.size, len(data)
            result.digest = png_digest(data)
            result.alt = alt_text(card)  # here, in the worker, while the card's code is warm
    except SpecErrors as exc:
        result.errors = [str(e) for e in exc.errors]
    except PostimagesError as exc:
        result.errors = [str(exc)]
    except OSError as exc:  # a file that could not be read, not caught nearer: still one line, this card only
        where = exc.filename or job.spec
        result.errors = [f"{display_path(job.spec)}: cannot read {display_path(Path(where))}: {exc.strerror or exc}"]
    result.seconds = time.perf_counter() - started
    return result


def drawn(card: Card, options: Options) -> tuple[Image.Image, bytes, list[str]]:
    """The card laid out and drawn: its image, its PNG bytes, and the warnings
    found on the way (an image too small, text too small to read on a phone)."""
    from postimages.legibility import render_warning
    from postimages.render import draw_card, image_warnings, layout_card  # drawing code is loaded only to draw

    scene = layout_card(card, options.scale)
    small = render_warning(card, scene)
    warnings = [as_warning(problem) for problem in image_warnings(card)]
    if small is not None:
        warnings.append(as_warning(small))
    image = draw_card(card, scene)
    return image, png_bytes(image), warnings


def _settings(job: Job, options: Options, data_values: str = "") -> str:
    """The options, the page and the values read from data files: what besides files decides the pixels."""
    return f"{options.fingerprint()} page={job.page}/{job.pages}\n{data_values}"


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
    data = cache.data(target)
    if data is not None and files_digest([Path(name) for name in data["files"]]) != data["digest"]:
        return None  # a data file changed: only reading it tells whether the values the card takes did
    key = card_key(recorded, _settings(job, options, data["values"] if data else ""))
    entry = cache.fresh(target, key)
    if entry is None:
        return None
    warnings = [as_warning(f"{display_path(job.spec)}: {display_path(path)} is outside the post's folder "
                           f"{display_path(job.folder)} ({OUTSIDE_HINT})")
                for path in _outside(recorded[2:], job.folder)]
    return Result(job, output=target, pixels=tuple(entry["pixels"]), bytes_written=entry["bytes"], skipped=True,
                  key=key, inputs=recorded, alt=entry.get("alt"), warnings=warnings, data=data)


def render_all(jobs: list[Job], options: Options, on_result=None, cache: Cache | None = None) -> list[Result]:
    """Render every job whose inputs changed, in worker processes when there
    are enough of them to pay for it; results come back in job order. The
    cache (the output folder's, read already when given: the plan used it)
    is read once and written once, by this process."""
    cache = cache if cache is not None else Cache(options.out_dir)
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
        if result.ok and result.key and result.digest:  # drawn, or found unchanged by reading its data
            _record(cache, result, options)
    cache.save()
    return results


def _record(cache: Cache, result: Result, options: Options) -> None:
    cache.record(output_path(result.job, options), result.key, result.pixels, result.bytes_written,
                 result.digest, inputs=result.inputs, alt=result.alt, data=result.data)


def _render_jobs(jobs: list[Job], options: Options, cache: Cache):
    """Results of rendering `jobs`, in order, as each is ready."""
    workers = _worker_count(options, len(jobs))
    if workers <= 1:
        if jobs:
            from postimages.heap import keep_freed_memory

            keep_freed_memory()
        for job in jobs:
            yield render_job(job, options, cache)
    else:
        yield from _render_in_workers(jobs, options, cache, workers)


def _worker_count(options: Options, count: int) -> int:
    if options.jobs:
        return max(1, min(options.jobs, count))
    # A forked worker starts in about a millisecond and a card takes ~0.1 s to
    # draw, so even two cards gain from a worker each (paired, 2 cores: two
    # cards 0.93x and three 0.80x the wall time of one process).
    return min(cpu_count(), count)


def _render_in_workers(jobs, options, cache, workers):
    from functools import partial

    from postimages.workers import START_METHOD, map_in_workers

    if START_METHOD == "fork":
        # Loaded once here, shared by the forked workers: the pipeline and the
        # painter with Pillow (~20 ms a worker otherwise).
        import postimages.paint  # noqa: F401
        import postimages.render  # noqa: F401
    kinds = [_kind(job) for job in jobs]  # a worker keeps to one kind: it loads that kind's code and fonts once
    yield from map_in_workers(partial(_render_in_worker, options=options, cache=cache, parent=os.getpid()), jobs,
                              _slowest_first(kinds), workers, on_crash=_crashed, groups=kinds)


def _render_in_worker(job: Job, options: Options, cache: Cache, parent: int | None = None) -> Result:
    """render_job in a worker, whose result leaves the card behind: loading
    it back here would import its kind's module (~6 ms for a stats card, when
    the render is otherwise done). `card_of` loads a card again if needed.
    A worker whose render has ended (its parent killed) writes nothing."""
    from postimages.workers import parent_alive

    result = render_job(job, options, cache, still_wanted=None if parent is None else lambda: parent_alive(parent))
    result.card = None
    return result


def _crashed(job: Job, why: str) -> Result:
    return Result(job, errors=[f"{display_path(job.spec)}: not drawn: {why}. Render it on its own to see "
                               f"what went wrong: postimages render {display_path(job.spec)}"])


def _kind(job: Job) -> str | None:
    """The card's kind as its spec names it, or None when it names no known kind."""
    from postimages import cards

    kind = peek_kind(job.spec)
    return kind if kind in cards.names() else None


def _slowest_first(kinds: list[str | None]) -> list[int]:
    """Job indexes by their kinds, slow kinds first (file order among equals).
    With a few cards a worker, a slow card started last would decide when the
    render ends."""
    from postimages import cards

    def cost(index: int) -> int:
        return cards.get(kinds[index]).draw_cost if kinds[index] is not None else 1

    return sorted(range(len(kinds)), key=cost, reverse=True)
