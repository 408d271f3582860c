"""How quickly, and how little, the watch redraws after a save: only the
cards that read a saved file; a save seen from the moment the watch says it
watches, and handed over within milliseconds; a save by rename not taken for
a deletion; the PNG shown first and flushed to the disk after."""

import os
import shutil
import threading
import time
from pathlib import Path

from postimages import watch as watch_module
from postimages.watch import file_changes

from test_watch import Recorder, post, replace_in, spec_of_kind  # noqa: F401 (post is a fixture)


def jobs_rendered(monkeypatch) -> list[list[str]]:
    """The spec names of each render_all the watch makes, as it makes them."""
    calls: list[list[str]] = []
    real = watch_module.render_all

    def recording(jobs, options, on_result=None):
        calls.append([job.spec.name for job in jobs])
        return real(jobs, options, on_result=on_result)

    monkeypatch.setattr(watch_module, "render_all", recording)
    return calls


def test_a_save_looks_only_at_the_cards_that_read_the_file(post, monkeypatch):
    calls = jobs_rendered(monkeypatch)
    spec = spec_of_kind("stats")
    Recorder().run(replace_in(spec, "value: 42", "value: 43"))
    assert len(calls[0]) >= 4  # the first render plans the whole post
    assert calls[1:] == [[spec.name]]  # the others are not even checked against the cache


def test_a_saved_snippet_looks_only_at_the_card_that_shows_it(post, monkeypatch):
    calls = jobs_rendered(monkeypatch)
    snippet = next(Path("specs/snippets").iterdir())
    Recorder().run(replace_in(snippet, "async", "async "))
    assert calls[1:] == [[spec_of_kind("code").name]]


def test_a_saved_post_yaml_plans_the_whole_post_again(post, monkeypatch):
    calls = jobs_rendered(monkeypatch)
    settings = Path("specs/post.yaml")
    recorder = Recorder()
    recorder.run(replace_in(settings, "Your Name", "Someone Else"))
    assert calls[1] == calls[0]
    assert len(recorder.after_first()) == len(calls[0])  # every card shows the new author


def test_a_failed_card_is_tried_again_on_the_next_save(post, monkeypatch):
    calls = jobs_rendered(monkeypatch)
    stats, other = spec_of_kind("stats"), spec_of_kind("code")
    recorder = Recorder()
    recorder.run(replace_in(stats, "value: 42", "value: abc"), replace_in(other, "title:", "title: New"))
    assert calls[2] == sorted([stats.name, other.name])
    assert recorder.after_first() == [f"{other.stem}.png"]  # the broken one is reported again, not drawn


def test_a_deleted_spec_has_its_png_removed(post):
    recorder = Recorder()
    spec = spec_of_kind("code")
    notes: list[str] = []
    recorder.watcher.on_note = notes.append

    def delete():
        spec.unlink()
        return {spec.resolve()}

    recorder.run(delete)
    assert not Path(f"output/{spec.stem}.png").exists()
    assert any(f"{spec.stem}.png" in note for note in notes)


def test_a_save_by_rename_is_not_taken_for_a_deletion(post):
    """vim and JetBrains editors move the spec away and write a new one: the
    batch can come between the two, with the spec missing for an instant."""
    recorder = Recorder()
    spec = spec_of_kind("stats")
    png = Path(f"output/{spec.stem}.png")
    notes: list[str] = []
    recorder.watcher.on_note = notes.append

    def save_by_rename():
        backup = spec.with_name(spec.name + "~")
        spec.rename(backup)
        text = backup.read_text().replace("value: 42", "value: 43")
        threading.Timer(0.01, lambda: (spec.write_text(text), backup.unlink())).start()
        return {spec.resolve(), backup.resolve()}

    recorder.run(save_by_rename)
    assert notes == []
    assert png.exists()
    assert recorder.after_first() == [png.name]


def _first_batch(recorder: Recorder, on_ready, seconds: float = 10.0) -> set[Path] | None:
    stop = threading.Event()
    timer = threading.Timer(seconds, stop.set)
    timer.start()
    try:
        return next(file_changes(recorder.watcher, stop_event=stop, on_ready=on_ready), None)
    finally:
        timer.cancel()


def test_a_save_just_after_the_watch_is_ready_is_seen(post):
    recorder = Recorder()
    recorder.run()
    spec = spec_of_kind("stats")
    batch = _first_batch(recorder, on_ready=replace_in(spec, "value: 42", "value: 43"))
    assert batch is not None and spec.resolve() in {path.resolve() for path in batch}


def test_a_save_during_a_render_that_widens_the_watch_is_seen(post):
    """A render that makes the post read a new folder watches again; a save
    made during that render came before the new watch began."""
    recorder = Recorder()
    recorder.run()
    spec = spec_of_kind("stats")
    stop = threading.Event()
    timer = threading.Timer(10.0, stop.set)
    timer.start()
    try:
        batches = file_changes(recorder.watcher, stop_event=stop, on_ready=replace_in(spec, "value: 42", "value: 43"))
        assert next(batches, None) is not None
        replace_in(spec, "value: 43", "value: 44")()  # saved while the render of the first save runs,
        outside = Path("src")
        outside.mkdir()
        recorder.watcher.inputs.add((outside / "app.py").resolve())  # which finds a snippet in ../src
        batch = next(batches, None)
    finally:
        timer.cancel()
    assert batch is not None and spec.resolve() in {path.resolve() for path in batch}
    assert outside.resolve() in recorder.watcher.folders_to_watch()


def test_a_save_is_handed_over_within_milliseconds(post):
    """watchfiles' own loop waits two 50 ms steps; a save's events end within one or two milliseconds."""
    recorder = Recorder()
    recorder.run()
    spec = spec_of_kind("stats")
    waits = []
    for value in range(43, 48):
        saved: list[float] = []

        def save(value=value):
            replace_in(spec, f"value: {value - 1}", f"value: {value}")()
            saved.append(time.perf_counter())

        assert _first_batch(recorder, on_ready=save) is not None
        waits.append(time.perf_counter() - saved[0])
    assert min(waits) < 0.045, waits


def test_the_png_replaces_the_old_one_before_it_is_flushed_to_the_disk(post, monkeypatch):
    recorder = Recorder()
    recorder.run()
    events: list[tuple[str, str]] = []
    real_replace, real_fsync = os.replace, os.fsync

    def replacing(source, target, *args, **kwargs):
        events.append(("replace", Path(target).name))
        return real_replace(source, target, *args, **kwargs)

    def flushing(fd):
        events.append(("fsync", Path(os.readlink(f"/proc/self/fd/{fd}")).name))
        return real_fsync(fd)

    monkeypatch.setattr(os, "replace", replacing)
    monkeypatch.setattr(os, "fsync", flushing)
    spec = spec_of_kind("stats")
    png = f"{spec.stem}.png"
    recorder.watcher.render(changed={replace_in(spec, "value: 42", "value: 43")().pop()})
    assert events.index(("replace", png)) < events.index(("replace", "alt-text.md")) < events.index(("fsync", png))
    assert events.count(("fsync", png)) == 1
    assert not [name for kind, name in events if kind == "fsync" and name.startswith(f".{png}.")]  # its temporary file


class _Notifier:
    """What watchfiles' notifier answers, in turn; the timeout of each look kept."""

    def __init__(self, *answers):
        self.answers, self.timeouts = list(answers), []

    def watch(self, debounce_ms, step_ms, timeout_ms, stop_event):
        self.timeouts.append(timeout_ms)
        return self.answers.pop(0)


def _steps(count: int, done: list[int]):
    for step in range(count):
        done.append(step)
        yield


def test_idle_work_goes_a_step_at_a_time_between_looks_for_a_save():
    done: list[int] = []
    notifier = _Notifier("timeout", "timeout", [(2, "/post/specs/01.yaml")])
    changes = watch_module._next_changes(notifier, None, _steps(5, done))
    assert changes == {Path("/post/specs/01.yaml")}
    assert done == [0, 1]  # the save came after two steps: the rest wait for the next quiet moment
    assert notifier.timeouts == [1, 1, 1]


def test_once_idle_work_is_done_the_watch_waits_without_looking_again_and_again():
    done: list[int] = []
    notifier = _Notifier("timeout", "timeout", "timeout", [(2, "/post/specs/01.yaml")])
    watch_module._next_changes(notifier, None, _steps(2, done))
    assert done == [0, 1]
    assert notifier.timeouts == [1, 1, 1, 0]  # 0: wait until a save comes


WARM_SAVE = """
import shutil, sys
from pathlib import Path
from postimages.plan import Options
from postimages.watch import Watcher
drawn = []
watcher = Watcher([], Options(jobs=2), on_result=lambda r: drawn.append((r.job.spec.name, r.ok, r.skipped)),
                  on_problem=print)
watcher.render()  # the four cards, in worker processes
written = {p.name: p.stat().st_mtime_ns for p in Path("output").iterdir()}
for _ in watcher.warm_up() if sys.argv[1] == "warm" else ():
    pass
assert {p.name: p.stat().st_mtime_ns for p in Path("output").iterdir()} == written  # nothing written
spec = next(p for p in sorted(Path("specs").glob("*.yaml")) if "kind: stats" in p.read_text())
spec.write_text(spec.read_text().replace("value: 42", "value: 43", 1))
drawn.clear()
loaded = set(sys.modules)
watcher.render(changed={spec.resolve()})
assert drawn == [(spec.name, True, False)], drawn
print(" ".join(sorted(set(sys.modules) - loaded)))
"""


def test_a_warm_watch_draws_a_save_without_loading_anything(post):
    """Its first render drew in workers; warmed up (which writes nothing in the output folder), the
    first save loads no module; cold, it loads the card's kind, the PNG writer and more."""
    import subprocess
    import sys

    def first_save_loads(mode: str) -> str:
        shutil.copytree(post / "specs", post / mode / "specs")
        done = subprocess.run([sys.executable, "-c", WARM_SAVE, mode], cwd=post / mode, capture_output=True,
                              text=True, check=True)
        return done.stdout.strip()

    assert "postimages.cards.stats.layout" in first_save_loads("cold").split()
    assert first_save_loads("warm") == ""
