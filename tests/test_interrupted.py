"""Interrupted renders: a render killed mid-write costs nothing.

The PNG is written to a temporary file and renamed into place, so a render
killed while writing leaves the previous PNG whole; the temporary file it
leaves behind is removed by the next render.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages import output
from postimages.cli import main

from conftest import ROOT

# Runs a render whose first file write stops, flushed but not yet renamed,
# and says so: the test then kills it with SIGKILL.
STALLING_RENDER = """
import os, sys, time
import postimages.output as output

def stall(fd):
    print("WRITING", flush=True)
    time.sleep(60)

output.os.fsync = stall
from postimages.cli import main
sys.argv = ["postimages", "render", "--force", "specs/01-validation.yaml"]
main()
"""


@pytest.fixture
def post(in_tmp):
    (in_tmp / "specs").mkdir()
    for name in ("post.yaml", "01-validation.yaml"):
        shutil.copy(ROOT / "specs" / name, in_tmp / "specs" / name)
    assert CliRunner().invoke(main, ["render"], catch_exceptions=False).exit_code == 0
    return in_tmp


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="needs SIGKILL")
def test_a_render_killed_mid_write_keeps_the_png_and_the_next_render_cleans_up(post):
    png = post / "output" / "01-validation.png"
    previous = png.read_bytes()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    process = subprocess.Popen([sys.executable, "-c", STALLING_RENDER], cwd=post, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "WRITING", process.stderr.read()
    finally:
        process.kill()  # SIGKILL: no cleanup code runs
        process.wait(timeout=30)

    leftovers = temp_files(post / "output")
    assert len(leftovers) == 1, "the killed render should have left its temporary file"
    assert leftovers[0].name.startswith(f".01-validation.png.{process.pid}.")
    assert leftovers[0].stat().st_size > 0
    assert png.read_bytes() == previous

    result = CliRunner().invoke(main, ["render"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert temp_files(post / "output") == []
    assert png.read_bytes() == previous  # the same inputs draw the same pixels


def test_a_writer_failing_halfway_keeps_the_png_and_leaves_no_temporary_file(post, monkeypatch):
    png = post / "output" / "01-validation.png"
    previous = png.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    result = CliRunner().invoke(main, ["render", "--force"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "output/01-validation.png: cannot write the file: No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert png.read_bytes() == previous
    assert temp_files(post / "output") == []


def test_only_our_own_stale_temporary_files_are_removed(tmp_path):
    dead = _a_finished_process_id()
    stale = tmp_path / f".a.png.{dead}.abcd1234.tmp"
    running = tmp_path / f".b.png.{os.getpid()}.abcd1234.tmp"  # a render still writing
    unowned_old = tmp_path / ".c.png.abcd1234.tmp"  # an older version's name, long untouched
    unowned_new = tmp_path / ".d.png.wxyz9876.tmp"
    someone_elses = tmp_path / f"notes.{dead}.tmp"
    for path in (stale, running, unowned_old, unowned_new, someone_elses):
        path.write_bytes(b"partial")
    an_hour_ago = time.time() - 3600
    os.utime(unowned_old, (an_hour_ago, an_hour_ago))

    removed = output.remove_stale_temp_files(tmp_path)

    assert sorted(removed) == sorted([stale, unowned_old])
    assert {p.name for p in tmp_path.iterdir()} == {running.name, unowned_new.name, someone_elses.name}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="zombies are seen through /proc")
def test_a_temporary_file_of_a_zombie_writer_is_removed(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while "Z" not in Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1][:3]:
        assert time.monotonic() < deadline
        time.sleep(0.02)  # exited, not yet reaped: kill(pid, 0) still finds it
    left = tmp_path / f".a.png.{child.pid}.abcd1234.tmp"
    left.write_bytes(b"partial")
    try:
        assert output.remove_stale_temp_files(tmp_path) == [left]
    finally:
        child.wait()


def test_cleaning_a_missing_output_folder_does_nothing(tmp_path):
    assert output.remove_stale_temp_files(tmp_path / "not-yet") == []


def _a_finished_process_id() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_written_files_get_ordinary_permissions(tmp_path):
    import os
    import stat

    from postimages.output import write_atomic

    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.png"
        write_atomic(fresh, b"png")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.png"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        write_atomic(kept, b"new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)
