"""The command ends without Python's teardown, once nothing is left to wait
for, and says how it ended as Python's own exit would."""

import subprocess
import sys
import threading

import pytest
from conftest import ROOT

import postimages.__main__ as entry


def _command(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "postimages", *args], capture_output=True, text=True, **kwargs)


def test_a_render_prints_everything_and_exits_0(tmp_path):
    done = _command("render", str(ROOT / "specs" / "01-validation.yaml"), "--out", str(tmp_path), "--force")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("1 of 1 card rendered in ")
    assert (tmp_path / "01-validation.png").is_file()


def test_a_failed_render_prints_its_error_and_exits_1(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("kind: stats\ntitle: [\n", encoding="utf-8")
    done = _command("render", str(spec), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "bad.yaml" in done.stderr and "fix the errors above" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_usage_error_exits_2():
    done = _command("render", "--jobs", "many")
    assert done.returncode == 2 and "--jobs" in done.stderr


def test_output_to_a_closed_pipe_exits_1_without_a_traceback():
    process = subprocess.Popen([sys.executable, "-m", "postimages", "explain"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()  # before the command has written (`postimages explain | head -0`)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 1  # click's answer to a broken pipe
    assert b"Traceback" not in errors


@pytest.mark.parametrize("code, status, printed", [(None, 0, ""), (0, 0, ""), (3, 3, ""), ("no post here", 1, "no post here\n")])
def test_the_status_is_what_sys_exit_gives(code, status, printed, capsys):
    assert entry._status(code) == status
    assert capsys.readouterr().err == printed


def test_a_thread_still_running_takes_the_normal_way_out(monkeypatch):
    monkeypatch.setattr(entry.os, "_exit", lambda code: pytest.fail("left without waiting for the thread"))
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        with pytest.raises(SystemExit) as done:
            entry._exit(4)
        assert done.value.code == 4
    finally:
        release.set()
        worker.join()


def test_with_nothing_running_the_process_ends_at_once(monkeypatch):
    ended = []
    monkeypatch.setattr(entry.os, "_exit", ended.append)
    monkeypatch.setattr(entry, "_others_running", lambda: False)
    entry._exit(5)
    assert ended == [5]
