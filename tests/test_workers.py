"""Forked workers: every result, in order, whatever the workers do."""

import os
import signal
import subprocess
import sys
import time

import pytest

from postimages import workers
from postimages.workers import map_in_workers

pytestmark = pytest.mark.skipif(not workers.CAN_FORK, reason="forked workers need os.fork")


def _no_children_left():
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _crash_report(item, why):
    return f"crashed on {item}: {why}"


def _slow_square(n):
    time.sleep(0.01 * (n % 3))  # finish out of order
    return n * n, os.getpid()


def test_results_come_in_item_order_from_several_workers():
    items = list(range(12))
    results = list(map_in_workers(_slow_square, items, items[::-1], 3, _crash_report))
    assert [square for square, _ in results] == [n * n for n in items]
    assert len({pid for _, pid in results}) > 1  # the work was shared
    assert os.getpid() not in {pid for _, pid in results}
    assert _no_children_left()


def test_the_parent_keeps_collecting_its_garbage():
    import gc

    list(map_in_workers(_slow_square, [1, 2, 3], [0, 1, 2], 2, _crash_report))
    assert gc.get_freeze_count() == 0  # frozen only for the fork: `watch` keeps running


def test_items_are_handed_out_in_the_given_order():
    started = []

    def note(n):
        return n, time.monotonic()

    order = [3, 1, 0, 2]
    for n, at in map_in_workers(note, [0, 1, 2, 3], order, 1, _crash_report):
        started.append((at, n))
    assert [n for _, n in sorted(started)] == order


def test_an_exception_is_raised_at_its_items_turn_and_workers_are_reaped():
    def fail_on_three(n):
        if n == 3:
            raise ValueError("three is wrong")
        return n

    seen = []
    with pytest.raises(ValueError, match="three is wrong"):
        for value in map_in_workers(fail_on_three, list(range(6)), list(range(6)), 2, _crash_report):
            seen.append(value)
    assert seen == [0, 1, 2]
    assert _no_children_left()


def test_a_killed_worker_costs_only_its_item():
    def die_on_two(n):
        if n == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return n

    results = list(map_in_workers(die_on_two, list(range(7)), list(range(7)), 2, _crash_report))
    assert results[:2] == [0, 1] and results[3:] == [3, 4, 5, 6]
    assert results[2].startswith("crashed on 2:") and "SIGKILL" in results[2]
    assert _no_children_left()


def test_stopping_early_stops_busy_workers_and_reaps_them():
    def sleepy(n):
        time.sleep(30 if n else 0)
        return n

    started = time.monotonic()
    results = map_in_workers(sleepy, list(range(4)), list(range(4)), 2, _crash_report)
    assert next(results) == 0
    results.close()  # as when Ctrl-C interrupts the render
    assert time.monotonic() - started < 10
    assert _no_children_left()


def test_ctrl_c_during_a_render_stops_it_at_once(tmp_path):
    """The whole process group gets the signal, as from a terminal."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for i in range(40):
        (specs / f"{i:02d}.yaml").write_text(
            f"kind: stats\ntitle: Card {i}\nmetrics:\n  - label: Alerts\n    value: {i}\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "postimages", "render", "--jobs", "2", "--out", "out"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 20
    while not list((tmp_path / "out").glob("*.png")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=10)
    assert process.returncode != 0
    assert b"Traceback" not in stderr
    assert len(list((tmp_path / "out").glob("*.png"))) < 40
    # No worker outlives the command.
    time.sleep(0.2)
    leftover = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert leftover == []


def test_without_fork_the_standard_pool_gives_the_same(monkeypatch):
    monkeypatch.setattr(workers, "CAN_FORK", False)
    items = list(range(8))
    results = list(map_in_workers(_slow_square, items, items[::-1], 2, _crash_report))
    assert [square for square, _ in results] == [n * n for n in items]
