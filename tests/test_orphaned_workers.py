"""Workers end with the render that started them: SIGKILLed, a render cannot
stop its workers itself, and one left running would write its card's PNG
later, over what a newer render wrote."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from postimages import build
from postimages.cache import Cache
from postimages.plan import Options, plan

from conftest import ROOT

# A render of the post whose code card, in its worker, notes the worker's pid
# and then takes a second more to draw.
SLOW_RENDER = textwrap.dedent("""
    import os, time
    from pathlib import Path
    import postimages.render as render
    from postimages.build import render_all
    from postimages.plan import Options, plan

    drawn = render.draw_card
    def slow(card, scene):
        if card.name == "03-code":
            Path("worker.pid").write_text(str(os.getpid()))
            time.sleep(1.0)
        return drawn(card, scene)
    render.draw_card = slow
    jobs, _ = plan([Path("specs")])
    render_all(jobs, Options(out_dir=Path("output"), jobs=2, force=True))
""")


def _dead(pid: int) -> bool:
    """Gone, or a zombie nobody has reaped yet."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel ends the workers on Linux")
def test_a_killed_render_leaves_no_worker_to_overwrite_a_newer_png(tmp_path):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    render = subprocess.Popen([sys.executable, "-c", SLOW_RENDER], cwd=tmp_path, env=env)
    marker = tmp_path / "worker.pid"
    worker = None
    try:
        deadline = time.monotonic() + 30
        while not marker.is_file() or not marker.read_text():
            assert time.monotonic() < deadline and render.poll() is None, "the code card never started"
            time.sleep(0.01)
        worker = int(marker.read_text())
        render.kill()
        render.wait()
        newer = tmp_path / "output" / "03-code.png"
        newer.parent.mkdir(exist_ok=True)
        newer.write_bytes(b"a newer render's PNG")
        deadline = time.monotonic() + 5  # the orphan would have written by then
        while not _dead(worker) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _dead(worker), "the worker outlived the render that started it"
        assert newer.read_bytes() == b"a newer render's PNG"
    finally:
        render.kill()
        if worker is not None and not _dead(worker):
            os.kill(worker, signal.SIGKILL)  # an orphan of a failing run: not left behind


def test_a_worker_whose_render_ended_writes_nothing(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    jobs, _ = plan([Path("specs/01-validation.yaml")])
    options = Options(out_dir=Path("output"))
    not_my_parent = os.getpid()  # this process is not its own parent: as if the parent died and the worker was adopted
    result = build._render_in_worker(jobs[0], options, Cache(options.out_dir), parent=not_my_parent)
    assert result.errors == ["specs/01-validation.yaml: not written: the render that started it ended"]
    assert not Path("output/01-validation.png").exists()
    assert build._render_in_worker(jobs[0], options, Cache(options.out_dir), parent=os.getppid()).ok
    assert Path("output/01-validation.png").is_file()
