"""`postimages watch`: render, then render again whatever each save changes.

The loop is plain Python over batches of changed paths, so tests can feed it
batches directly; `file_changes` makes those batches from the file system
with watchfiles. A save redraws the cards that read the saved file, in this
process, which has the drawing code loaded since the first render; it plans
the post again only when the post itself may have changed (a spec added or
removed, post.yaml saved), and the render cache then skips every card whose
inputs did not change.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from postimages.build import Result, render_all
from postimages.errors import PostimagesError
from postimages.plan import Job, Options, orphans_line, plan, remove_orphaned_pngs
from postimages.postfiles import write_post_files
from postimages.cardfiles import POST_FILE
from postimages.errors import display_path

CARD_SUFFIXES = (".yaml", ".yml")


@dataclass
class Watcher:
    """Renders the post and remembers which files its cards read."""

    targets: list[Path]
    options: Options
    on_result: Callable[[Result], None]  # each card drawn or failed; unchanged ones only on the first render
    on_problem: Callable[[str], None]
    on_note: Callable[[str], None] = print  # news that is neither: a card fixed, PNGs of deleted specs removed
    inputs: set[Path] = field(default_factory=set)  # every file a card read, resolved
    failed: set[Path] = field(default_factory=set)  # specs whose last render failed, resolved
    spec_folders: set[Path] = field(default_factory=set)
    jobs: list[Job] = field(default_factory=list)  # the post as last planned
    card_inputs: dict[Path, set[Path]] = field(default_factory=dict)  # spec -> the files its last render read

    def __post_init__(self) -> None:
        # A save should show at once: each PNG replaces the old one first and
        # is flushed to the disk after, with the post's other files.
        self.options = replace(self.options, durable=False)

    def render(self, report_unchanged: bool = False, changed: set[Path] | None = None) -> list[Result]:
        """Render what changed; a broken spec is reported, never raised.

        `changed`, the files saved since the last render, limits it to the
        cards that read one of them (and those that failed), unless the post
        itself may have changed: a spec added or removed, post.yaml saved."""
        jobs = self._touched(changed) if changed is not None else None
        whole = jobs is None
        if whole:
            jobs = self._plan()
            if jobs is None:
                return []
        results = render_all(jobs, self.options, on_result=self._reporter(report_unchanged))
        if whole:
            removed = remove_orphaned_pngs(list(self.targets), jobs, self.options)
            if removed:
                self.on_note(orphans_line(removed))
        drawn = [r for r in results if r.ok and not r.skipped]
        if drawn:
            _, file_problems = write_post_files(results, self.options, pdf=False)  # keep alt-text.md current
            for problem in file_problems:
                self.on_problem(problem)
            _flush_to_disk([r.output for r in drawn])
        self._remember(jobs if whole else None, results)
        return results

    def warm_up(self) -> Iterator[None]:
        """Draw each planned card once in memory, not written, a card a step.

        A save is drawn in this process, but the first render drew in worker
        processes, or found every PNG current: the first save would load
        each kind's code, its fonts and glyphs, and measure its text
        (~130 ms instead of ~50). Done between looks for a save, so that a
        save waits for one card at most."""
        from postimages.build import drawn, input_files
        from postimages.plan import load_job

        for job in list(self.jobs):
            try:
                card = load_job(job, self.options)
                input_files(job, card)
                drawn(card, self.options)
            except (PostimagesError, OSError):
                pass  # the render that draws it says what is wrong
            yield

    def _plan(self) -> list[Job] | None:
        try:
            jobs, problems = plan(list(self.targets))
        except PostimagesError as exc:
            self.on_problem(str(exc))
            return None
        for problem in problems:
            self.on_problem(problem)
        return jobs

    def _touched(self, changed: set[Path]) -> list[Job] | None:
        """The planned cards that read a changed file or last failed; None
        when the plan itself may be different (which cards, their order)."""
        if not self.jobs:
            return None
        by_spec = {_resolved(job.spec): job for job in self.jobs}
        changed = {_resolved(path) for path in changed}
        for path in changed:
            if path.name == POST_FILE or (path.suffix in CARD_SUFFIXES and path.parent in self.spec_folders
                                          and (path not in by_spec or not path.exists())):
                return None
        return [job for spec, job in by_spec.items()
                if spec in self.failed or self.card_inputs.get(spec, {spec}) & changed]

    def _reporter(self, report_unchanged: bool) -> Callable[[Result], None]:
        def report(result: Result) -> None:
            if report_unchanged or not result.skipped:
                self.on_result(result)
            spec = _resolved(result.job.spec)
            if not result.ok:
                self.failed.add(spec)
            elif spec in self.failed:
                self.failed.discard(spec)
                self.on_note(f"fixed: {display_path(result.job.spec)}")

        return report

    def _remember(self, planned: list[Job] | None, results: list[Result]) -> None:
        """What the render read; `planned`: the jobs of a whole new plan."""
        if planned is not None:
            self.jobs = planned
        # Only ever more: a render that failed early (a broken post.yaml) must
        # not stop the watch from seeing the save that fixes it.
        targets = self.targets or [Path("specs")]  # as `plan` defaults
        self.spec_folders |= {_resolved(t if t.is_dir() else t.parent) for t in targets}
        self.spec_folders |= {_resolved(job.folder) for job in self.jobs}
        for result in results:
            read = {_resolved(path) for path in (result.inputs or [result.job.spec]) + result.data_files}
            self.card_inputs[_resolved(result.job.spec)] = read
            self.inputs |= read

    def is_relevant(self, path: Path) -> bool:
        """A file a card reads, or a spec file (new, changed or deleted) in a watched folder."""
        path = _resolved(path)
        return path in self.inputs or (path.suffix in CARD_SUFFIXES and path.parent in self.spec_folders)

    def folders_to_watch(self) -> set[Path]:
        """The spec folders, and the folder of any input outside them (a snippet in ../src)."""
        outside = {p.parent for p in self.inputs if not any(p.is_relative_to(f) for f in self.spec_folders)}
        return self.spec_folders | outside


# A save is a burst of file events that ends within a millisecond or two
# (write in place; or write a new file and rename it over the old one, as vim
# and JetBrains editors do). The watch takes a batch once no new change has
# come for one step: a few milliseconds, not watchfiles' default 50 ms, which
# cost 50-100 ms on every save.
STEP_MS = 5
DEBOUNCE_MS = 200  # the longest a batch is held while changes keep coming
# A save by rename leaves the spec missing for an instant: a batch that finds
# a spec gone waits this long before taking it for deleted (and its PNG away).
DELETION_GRACE = 0.05


def watch_loop(watcher: Watcher, batches: Iterable[set[Path]]) -> None:
    """Render once, then again after each batch of changes that touches the post."""
    watcher.render(report_unchanged=True)
    for batch in batches:
        if any(watcher.is_relevant(path) for path in batch):
            if any(path.suffix in CARD_SUFFIXES and not path.exists() for path in batch):
                time.sleep(DELETION_GRACE)
            watcher.render(changed=batch)


def file_changes(watcher: Watcher, stop_event=None, on_ready: Callable[[], None] | None = None,
                 idle: Iterator[None] = iter(())) -> Iterator[set[Path]]:
    """Batches of changed paths under the watcher's folders, until stopped.

    `on_ready` is called once the folders are watched: a save from then on is
    seen. While no save comes, `idle` is advanced a step at a time (the
    watcher's warm-up), with a look for a save between steps. A render can
    make the post read a new folder (a snippet moved to
    ../src): the folders are then watched again, the new watch started before
    the old one ends and the old one's last changes kept, so that no save
    falls between them."""
    notifier, folders = None, None
    try:
        while True:
            changes: set[Path] | None = set()
            if watcher.folders_to_watch() != folders:
                folders = watcher.folders_to_watch()
                notifier, changes = _rewatch(notifier, folders, stop_event)
                if on_ready is not None:
                    on_ready()
                    on_ready = None
            if changes == set():  # nothing left over from an old watch: wait for the next save
                changes = _next_changes(notifier, stop_event, idle)
            if changes is None:
                return  # stopped
            yield changes
    finally:
        if notifier is not None:
            notifier.close()


def _rewatch(notifier, folders: set[Path], stop_event) -> tuple[object, set[Path] | None]:
    """A notifier over `folders`, and what the old one (if any) saw before it ended.

    watchfiles' own loop, `watchfiles.watch`, starts watching only when first
    asked for a change, and ends a watch before the next can start: both
    leave moments in which a save goes unseen."""
    from watchfiles._rust_notify import RustNotify

    existing = sorted(str(f) for f in folders if f.is_dir())
    new = RustNotify(existing, False, _force_polling(), 300, True, False)
    if notifier is None:
        return new, set()
    try:
        return new, _changes(notifier, stop_event, timeout_ms=1)
    finally:
        notifier.close()


def _next_changes(notifier, stop_event, idle: Iterator[None]) -> set[Path] | None:
    """The next batch of changed paths (None once stopped), a step of `idle` done each time a look finds none."""
    while (changes := _changes(notifier, stop_event, timeout_ms=1)) == set():
        if next(idle, _DONE) is _DONE:
            return _changes(notifier, stop_event)
    return changes


_DONE = object()


def _changes(notifier, stop_event, timeout_ms: int = 0) -> set[Path] | None:
    """The next batch of changed paths; empty after `timeout_ms` without one (0: wait on), None once stopped."""
    changes = notifier.watch(DEBOUNCE_MS, STEP_MS, timeout_ms, stop_event)
    if changes == "signal":
        raise KeyboardInterrupt
    if changes == "stop":
        return None
    if changes == "timeout":
        return set()
    return {Path(path) for _, path in changes}


def _force_polling() -> bool:
    """As `watchfiles.watch` decides it: WATCHFILES_FORCE_POLLING, or a file system without notifications (WSL)."""
    try:
        from watchfiles.main import _default_force_polling
    except ImportError:
        return False
    return _default_force_polling(None)


def _flush_to_disk(paths: list[Path]) -> None:
    """Onto the disk, the PNGs a render wrote without waiting for it."""
    for path in paths:
        try:
            handle = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # replaced or removed meanwhile: its writer flushes it
        try:
            os.fsync(handle)
        except OSError:
            pass  # the PNG is written; only its survival of a power cut is less sure
        finally:
            os.close(handle)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
