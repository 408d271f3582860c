"""Files that cannot be read (no permission, a device that fails, a folder
where a file should be) are one located line each; the rest of the post
renders, alt-text.md is written, and `watch` goes on.

The tests run as root on CI, where chmod 000 does not stop reads: an
unreadable file is simulated by making reads of that one path raise."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages.cli import main
from postimages.plan import Options
from postimages.watch import Watcher, watch_loop

from conftest import ROOT


@pytest.fixture
def post(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def unreadable(monkeypatch, target: Path, while_=lambda: True) -> None:
    """Reading `target` (open, read_bytes, read_text, iterdir) raises PermissionError, while `while_()`."""
    target = target.resolve()

    def guard(original):
        def guarded(self, *args, **kwargs):
            if self.resolve() == target and while_():
                raise PermissionError(13, "Permission denied", str(self))
            return original(self, *args, **kwargs)

        return guarded

    for name in ("open", "read_bytes", "read_text", "iterdir"):
        monkeypatch.setattr(Path, name, guard(getattr(Path, name)))


def render(*args):
    return CliRunner().invoke(main, ["render", "-j", "1", *args], catch_exceptions=False)


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if not re.match(r"^(\d+ of \d+ cards|no card) rendered", line)]


def test_an_unreadable_snippet_is_one_line_at_source_and_the_rest_renders(post, monkeypatch):
    unreadable(monkeypatch, Path("specs/snippets/orchestrator.py"))
    result = render()
    assert result.exit_code == 1
    assert error_lines(result) == [
        "specs/03-code.yaml:4:9: source: cannot read specs/snippets/orchestrator.py: Permission denied"]
    assert sorted(p.name for p in Path("output").glob("*.png")) == [
        "01-validation.png", "02-architecture.png", "04-lessons.png"]
    assert Path("output/alt-text.md").read_text().count("## ") == 3


def test_an_unreadable_spec_is_one_line_and_the_rest_renders(post, monkeypatch):
    unreadable(monkeypatch, Path("specs/02-architecture.yaml"))
    result = render()
    assert result.exit_code == 1
    assert error_lines(result) == ["specs/02-architecture.yaml: cannot read the file: Permission denied"]
    assert len(list(Path("output").glob("*.png"))) == 3
    assert Path("output/alt-text.md").is_file()


def test_an_unreadable_post_yaml_is_one_line(post, monkeypatch):
    unreadable(monkeypatch, Path("specs/post.yaml"))
    result = render()
    assert result.exit_code == 1
    assert error_lines(result) == ["specs/post.yaml: cannot read the file: Permission denied"]


def test_an_unreadable_specs_folder_is_one_line(post, monkeypatch):
    unreadable(monkeypatch, Path("specs"))
    result = render()
    assert result.exit_code == 1
    assert error_lines(result) == ["specs: cannot read the folder: Permission denied"]


def test_check_reports_an_unreadable_snippet_at_source(post, monkeypatch):
    unreadable(monkeypatch, Path("specs/snippets/orchestrator.py"))
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "specs/03-code.yaml:4:9: error: source: cannot read specs/snippets/orchestrator.py" in result.stdout


def test_watch_goes_on_when_a_file_becomes_unreadable(post, monkeypatch):
    problems, rendered = [], []

    def on_result(result):
        rendered.extend([result.output.name] if result.ok else [])
        problems.extend(result.errors)

    watcher = Watcher([], Options(jobs=1), on_result=on_result, on_problem=problems.append)
    snippet = Path("specs/snippets/orchestrator.py")

    locked = []
    unreadable(monkeypatch, snippet, while_=lambda: locked)

    def batches():
        locked.append(True)
        yield {snippet.resolve()}
        locked.clear()
        snippet.write_text(snippet.read_text() + "\n# edited\n")
        yield {snippet.resolve()}

    watch_loop(watcher, batches())
    assert problems == ["specs/03-code.yaml:4:9: source: cannot read specs/snippets/orchestrator.py: "
                        "Permission denied"]
    assert rendered.count("03-code.png") == 2  # the first render, and again once readable


def test_a_source_that_fails_to_read_eio_is_one_line_in_a_real_render(post):
    code = Path("specs/03-code.yaml")
    code.write_text(code.read_text().replace("source: snippets/orchestrator.py", "source: /proc/self/mem"))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    completed = subprocess.run([sys.executable, "-m", "postimages", "render"], env=env, capture_output=True,
                               text=True, timeout=60)
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    lines = [line for line in completed.stderr.splitlines() if ": warning: " not in line]  # outside the post
    assert lines[0] == "specs/03-code.yaml:4:9: source: cannot read /proc/self/mem: Input/output error", lines
    assert len(lines) == 2  # and the summary
    assert len(list(Path("output").glob("*.png"))) == 3
    assert Path("output/alt-text.md").read_text().count("## ") == 3


def test_a_folder_where_the_snippet_should_be_is_one_line(post):
    (Path("specs/snippets/orchestrator.py")).unlink()
    Path("specs/snippets/orchestrator.py").mkdir()
    result = render()
    assert result.exit_code == 1
    assert error_lines(result) == ["specs/03-code.yaml:4:9: source: not a file: specs/snippets/orchestrator.py "
                                   "(the path is relative to the spec file)"]
