"""`postimages watch`: render, then render again whatever each save changes.

The loop is plain Python over batches of changed paths, so tests can feed it
batches directly; `file_changes` makes those batches from the file system
with watchfiles. Which cards a change affects is left to the render cache:
every relevant change re-plans the post and renders it, and cards whose
inputs did not change are skipped in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from postimages.build import Result, render_all
from postimages.errors import PostimagesError
from postimages.plan import Options, orphans_line, plan, remove_orphaned_pngs
from postimages.postfiles import write_post_files
from postimages.yamlsource import display_path

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

    def render(self, report_unchanged: bool = False) -> list[Result]:
        """Render what changed; a broken spec is reported, never raised."""
        try:
            jobs, problems = plan(list(self.targets))
        except PostimagesError as exc:
            self.on_problem(str(exc))
            return []
        for problem in problems:
            self.on_problem(problem)
        results = render_all(jobs, self.options, on_result=self._reporter(report_unchanged))
        removed = remove_orphaned_pngs(list(self.targets), jobs, self.options)
        if removed:
            self.on_note(orphans_line(removed))
        if any(r.ok and not r.skipped for r in results):
            _, file_problems = write_post_files(results, self.options, pdf=False)  # keep alt-text.md current
            for problem in file_problems:
                self.on_problem(problem)
        self._remember(jobs, results)
        return results

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

    def _remember(self, jobs, results: list[Result]) -> None:
        # Only ever more: a render that failed early (a broken post.yaml) must
        # not stop the watch from seeing the save that fixes it.
        targets = self.targets or [Path("specs")]  # as `plan` defaults
        self.spec_folders |= {_resolved(t if t.is_dir() else t.parent) for t in targets}
        self.spec_folders |= {_resolved(job.folder) for job in jobs}
        self.inputs |= {_resolved(path) for r in results for path in (r.inputs or [r.job.spec]) + r.data_files}

    def is_relevant(self, path: Path) -> bool:
        """A file a card reads, or a spec file (new, changed or deleted) in a watched folder."""
        path = _resolved(path)
        return path in self.inputs or (path.suffix in CARD_SUFFIXES and path.parent in self.spec_folders)

    def folders_to_watch(self) -> set[Path]:
        """The spec folders, and the folder of any input outside them (a snippet in ../src)."""
        outside = {p.parent for p in self.inputs if not any(p.is_relative_to(f) for f in self.spec_folders)}
        return self.spec_folders | outside


def watch_loop(watcher: Watcher, batches: Iterable[set[Path]]) -> None:
    """Render once, then again after each batch of changes that touches the post."""
    watcher.render(report_unchanged=True)
    for batch in batches:
        if any(watcher.is_relevant(path) for path in batch):
            watcher.render()


def file_changes(watcher: Watcher, stop_event=None) -> Iterator[set[Path]]:
    """Batches of changed paths under the watcher's folders, until stopped.

    A render can make the post read a new folder (a snippet moved to ../src):
    the file watch then starts again over the new set of folders."""
    from watchfiles import watch

    while True:
        folders = watcher.folders_to_watch()
        existing = sorted(str(f) for f in folders if f.is_dir())
        for changes in watch(*existing, stop_event=stop_event, raise_interrupt=True):
            yield {Path(path) for _, path in changes}
            if watcher.folders_to_watch() != folders:
                break
        else:
            return  # stopped


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
