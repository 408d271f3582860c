"""`postimages watch`: a save re-renders the cards it affects; a bad save is
reported and the watch goes on; Ctrl-C ends it cleanly.

The loop is fed batches of changed paths directly, so these tests need no
timing; one end-to-end test drives the real command and the real file watch.
"""

import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages import watch as watch_module
from postimages.plan import Options
from postimages.cli import main
from postimages.watch import Watcher, file_changes, watch_loop

from conftest import ROOT


@pytest.fixture
def post(in_tmp):
    """A copy of the shipped post, snippets included."""
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def spec_of_kind(kind: str) -> Path:
    return next(p for p in sorted(Path("specs").glob("*.yaml")) if f"kind: {kind}" in p.read_text())


class Recorder:
    """A watcher whose report lines are kept for the test to read."""

    def __init__(self, targets=()):
        self.rendered: list[str] = []
        self.problems: list[str] = []
        self.watcher = Watcher(list(targets), Options(), on_result=self._result, on_problem=self.problems.append)

    def _result(self, result):
        if result.ok:
            self.rendered.append(result.output.name)
        self.problems.extend(result.errors)

    def run(self, *edits):
        """Render, then apply each edit (a callable returning the changed paths) as one batch."""
        watch_loop(self.watcher, self._batches(edits))

    def _batches(self, edits):
        self.first_render = len(self.rendered)
        for edit in edits:
            yield edit()

    def after_first(self) -> list[str]:
        """The cards drawn after the first render."""
        return self.rendered[self.first_render:]


def replace_in(path: Path, old: str, new: str):
    def edit():
        text = path.read_text()
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1))
        return {path.resolve()}

    return edit


def test_first_render_reports_every_card(post):
    recorder = Recorder()
    recorder.run()
    assert len(recorder.rendered) == len(list(Path("output").glob("*.png"))) >= 2
    assert recorder.problems == []


def test_a_saved_spec_renders_only_that_card(post):
    recorder = Recorder()
    spec = spec_of_kind("stats")
    recorder.run(replace_in(spec, "value: 42", "value: 43"))
    assert recorder.after_first() == [f"{spec.stem}.png"]


def test_a_saved_snippet_renders_the_code_card(post):
    recorder = Recorder()
    spec = spec_of_kind("code")
    snippet = next(Path("specs/snippets").iterdir())
    recorder.run(replace_in(snippet, "async", "async "))
    assert recorder.after_first() == [f"{spec.stem}.png"]


def test_a_bad_edit_is_reported_and_the_watch_goes_on(post):
    recorder = Recorder()
    spec = spec_of_kind("stats")
    recorder.run(replace_in(spec, "value: 42", "value: abc"), replace_in(spec, "value: abc", "value: 44"))
    assert any("expected a number, got 'abc'" in p for p in recorder.problems)
    assert recorder.after_first() == [f"{spec.stem}.png"]


def test_a_broken_post_yaml_is_reported_and_the_watch_goes_on(post):
    recorder = Recorder()
    settings = Path("specs/post.yaml")
    good = settings.read_text()

    def break_it():
        settings.write_text("theme: [unclosed\n")
        return {settings.resolve()}

    def fix_it():
        settings.write_text(good.replace("Your Name", "Someone Else"))
        return {settings.resolve()}

    recorder.run(break_it, fix_it)
    assert any("post.yaml" in p for p in recorder.problems)
    assert len(recorder.after_first()) == recorder.first_render  # every card shows the new author


def test_changes_to_other_files_render_nothing(post):
    recorder = Recorder()
    notes = Path("specs/notes.txt")

    def write_notes():
        notes.write_text("ideas")
        return {notes.resolve()}

    def write_png():  # the renders' own output must not trigger a render
        return {next(Path("output").glob("*.png")).resolve()}

    recorder.run(write_notes, write_png)
    assert recorder.after_first() == []


def test_a_new_card_file_is_rendered(post):
    recorder = Recorder()
    new = Path("specs/09-extra.yaml")

    def add_card():
        shutil.copy(spec_of_kind("stats"), new)
        return {new.resolve()}

    recorder.run(add_card)
    assert "09-extra.png" in recorder.after_first()  # the others too: their page numbers changed


def test_a_snippet_outside_the_spec_folder_is_watched(post):
    recorder = Recorder()
    outside = Path("src")
    outside.mkdir()
    (outside / "app.py").write_text("print('hello')\n")
    spec = spec_of_kind("code")
    text = spec.read_text()
    source_line = next(line for line in text.splitlines() if line.startswith("source:"))
    kept = [line for line in text.splitlines() if not line.startswith(("lines:", "highlight:"))]
    spec.write_text("\n".join(kept).replace(source_line, "source: ../src/app.py") + "\n")
    recorder.run()
    assert outside.resolve() in recorder.watcher.folders_to_watch()
    assert recorder.watcher.is_relevant(outside / "app.py")


def test_file_changes_ends_when_stopped(post):
    recorder = Recorder()
    recorder.run()
    stop = threading.Event()
    stop.set()
    assert list(file_changes(recorder.watcher, stop_event=stop)) == []


def test_ctrl_c_stops_the_command_cleanly(post, monkeypatch):
    def interrupted(watcher, stop_event=None, on_ready=None, idle=None):
        raise KeyboardInterrupt
        yield  # a generator, like the real one

    monkeypatch.setattr(watch_module, "file_changes", interrupted)
    result = CliRunner().invoke(main, ["watch"])
    assert result.exit_code == 0, result.output
    assert "stopped watching" in result.output
    assert "output/" in result.output  # the first render happened


def test_watch_without_specs_is_an_error(in_tmp):
    result = CliRunner().invoke(main, ["watch"])
    assert result.exit_code == 2
    assert "no specs/ folder" in result.output


def _lines(stream, into: queue.Queue) -> None:
    """The watch's lines, each without the time it starts with."""
    for line in stream:
        assert re.match(r"\d\d:\d\d:\d\d ", line), line
        into.put(line[9:].rstrip("\n"))


def _wait_for(lines: queue.Queue, predicate, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if predicate(line):
            return line
    raise AssertionError("timed out waiting for the watcher's output")


def test_end_to_end_a_save_is_seen_and_ctrl_c_exits_cleanly(post):
    spec = spec_of_kind("stats")
    process = subprocess.Popen([sys.executable, "-m", "postimages", "watch"], cwd=post, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    try:
        _wait_for(lines, lambda line: line.startswith("watching for changes"), timeout=60)
        line = None
        # The file watch starts just after that line; a save in between would
        # go unseen, so save again (a new number each time) until one is seen.
        for value in range(43, 53):
            replace_in(spec, f"value: {value - 1}", f"value: {value}")()
            try:
                line = _wait_for(lines, lambda line: line.startswith(f"output/{spec.stem}.png"), timeout=3)
                break
            except AssertionError:
                continue
        assert line is not None, "no save was seen in 30 s"
        assert line.endswith(" s")  # drawn again, not "unchanged"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
