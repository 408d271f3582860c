"""Output hygiene: watch says when a card is fixed and when each line happened;
PNGs of deleted specs are removed (only those postimages wrote); counts read right."""

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages import watch as watch_module
from postimages.cli import main

from conftest import ROOT

STAMP = re.compile(r"^\d\d:\d\d:\d\d ")


@pytest.fixture
def post(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def run(*args):
    return CliRunner().invoke(main, list(args))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def fake_changes(*edits):
    """A stand-in for the file watch: each edit is one batch of changes, then Ctrl-C."""

    def changes(watcher, stop_event=None, on_ready=None, idle=iter(())):  # every save comes before a quiet moment
        if on_ready is not None:
            on_ready()  # the file watch has begun
        for change in edits:
            yield change()
        raise KeyboardInterrupt

    return changes


def test_watch_says_fixed_when_a_failed_card_renders_again_and_stamps_every_line(post, monkeypatch):
    spec = Path("specs/01-validation.yaml")

    def break_it():
        edit(spec, "value: 38.1", "value: abc")
        return {spec.resolve()}

    def fix_it():
        edit(spec, "value: abc", "value: 38.2")
        return {spec.resolve()}

    monkeypatch.setattr(watch_module, "file_changes", fake_changes(break_it, fix_it))
    result = run("watch")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(STAMP.match(line) for line in lines), lines
    text = [line[9:] for line in lines]
    assert "fixed: specs/01-validation.yaml" in text
    broken = next(i for i, line in enumerate(text) if "expected a number, got 'abc'" in line)
    fixed = text.index("fixed: specs/01-validation.yaml")
    assert broken < fixed
    assert text[fixed - 1].startswith("output/01-validation.png  1200×1200")
    assert text.count("fixed: specs/01-validation.yaml") == 1
    assert text[-1] == "stopped watching"


def test_watch_removes_the_png_of_a_deleted_spec(post, monkeypatch):
    spec = Path("specs/04-lessons.yaml")

    def delete_it():
        spec.unlink()
        return {spec.resolve()}

    monkeypatch.setattr(watch_module, "file_changes", fake_changes(delete_it))
    result = run("watch")
    assert result.exit_code == 0, result.output
    assert not Path("output/04-lessons.png").exists()
    assert any(line[9:] == "removed 1 PNG of a deleted spec: output/04-lessons.png"
               for line in result.output.splitlines())


def test_render_removes_pngs_of_deleted_specs_and_only_those(post):
    assert run("render").exit_code == 0
    output = Path("output")
    (output / "mine.png").write_bytes(b"a picture of my own")  # never written by postimages
    Path("specs/04-lessons.yaml").unlink()
    Path("specs/02-architecture.yaml").unlink()
    (output / "02-architecture.png").write_bytes(b"edited since")  # not the bytes postimages wrote
    result = run("render")
    assert result.exit_code == 0, result.output
    assert not (output / "04-lessons.png").exists()
    assert (output / "02-architecture.png").read_bytes() == b"edited since"
    assert (output / "mine.png").exists()
    assert sorted(p.name for p in output.glob("*.png")) == ["01-validation.png", "02-architecture.png",
                                                           "03-code.png", "mine.png"]
    removed = [line for line in result.output.splitlines() if line.startswith("removed")]
    assert removed == ["removed 1 PNG of a deleted spec: output/04-lessons.png"]
    again = run("render")
    assert "removed" not in again.output


def test_rendering_one_file_removes_nothing(post):
    assert run("render").exit_code == 0
    shutil.move("specs/04-lessons.yaml", "elsewhere.yaml")
    result = run("render", "specs/01-validation.yaml")
    assert result.exit_code == 0, result.output
    assert Path("output/04-lessons.png").exists()
    assert "removed" not in result.output


def test_two_pngs_removed_say_so_in_one_line(post):
    assert run("render").exit_code == 0
    Path("specs/03-code.yaml").unlink()
    Path("specs/04-lessons.yaml").unlink()
    lines = [line for line in run("render").output.splitlines() if line.startswith("removed")]
    assert lines == ["removed 2 PNGs of deleted specs: output/03-code.png, output/04-lessons.png"]


def test_counts_of_one_are_singular(post):
    for extra in ("02-architecture.yaml", "03-code.yaml", "04-lessons.yaml"):
        Path("specs", extra).unlink()
    result = run("render")
    assert result.exit_code == 0, result.output
    assert "output/alt-text.md  alt text for 1 card\n" in result.output
    assert "1 of 1 card rendered in " in result.output
    assert "1 card checked: 0 errors, " in run("check").output


def test_a_list_of_one_entry_says_entry(post):
    Path("specs/bad.yaml").write_text("kind: architecture\ntitle: T\nlayers:\n  - name: Only\n")
    result = run("render", "specs/bad.yaml")
    assert "layers: has 1 entry; at least 2 expected" in result.output
