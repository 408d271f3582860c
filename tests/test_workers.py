"""Worker processes: every result, in order, whatever the workers do, forked or spawned."""

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from postimages import build, cards, plan, workers
from postimages.workers import map_in_workers

from conftest import ROOT

FORK = "fork" in multiprocessing.get_all_start_methods()


@pytest.fixture(params=["fork", "spawn"])
def start_method(request, monkeypatch):
    if request.param == "fork" and not FORK:
        pytest.skip("this system cannot fork")
    monkeypatch.setattr(workers, "START_METHOD", request.param)
    return request.param


def _children():
    """Processes this one started and has not reaped, but the resource
    tracker that multiprocessing keeps for spawned workers."""
    found = subprocess.run(["pgrep", "-a", "-P", str(os.getpid())], capture_output=True, text=True).stdout
    return [line for line in found.splitlines() if "resource_tracker" not in line]


def _crash_report(item, why):
    return f"crashed on {item}: {why}"


def _slow_square(n):
    # Finish out of order, and slowly enough that a spawned worker, which
    # takes a few hundred milliseconds to start, gets some of the work too.
    time.sleep(0.08 + 0.03 * (n % 3))
    return n * n, os.getpid()


def _started(n):
    return n, time.monotonic()


def _fail_on_three(n):
    if n == 3:
        raise ValueError("three is wrong")
    return n


def _killed_on_two(n):
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.05)  # the other worker is busy when it happens
    return n


def _exits_on_two(n):
    if n == 2:
        os._exit(3)
    time.sleep(0.05)
    return n


def _sleepy(n):
    time.sleep(30 if n else 0)
    return n


def test_results_come_in_item_order_from_several_workers(start_method):
    items = list(range(12))
    results = list(map_in_workers(_slow_square, items, items[::-1], 3, _crash_report))
    assert [square for square, _ in results] == [n * n for n in items]
    assert len({pid for _, pid in results}) > 1  # the work was shared
    assert os.getpid() not in {pid for _, pid in results}
    assert _children() == []


def _slow_last(n):
    time.sleep(1 if n == 3 else 0)
    return n, time.monotonic()  # the same clock in every process


def test_results_stream_before_the_last_is_done(start_method):
    results = map_in_workers(_slow_last, [0, 1, 2, 3], [0, 1, 2, 3], 2, _crash_report)
    assert [next(results)[0] for _ in range(3)] == [0, 1, 2]
    three_in = time.monotonic()
    [(last, finished)] = list(results)
    assert last == 3 and three_in < finished


def test_items_are_handed_out_in_the_given_order(start_method):
    order = [3, 1, 0, 2]
    started = sorted((at, n) for n, at in map_in_workers(_started, [0, 1, 2, 3], order, 1, _crash_report))
    assert [n for _, n in started] == order


def test_one_worker_keeps_to_a_group_while_it_has_items(start_method):
    started = sorted((at, n) for n, at in map_in_workers(_started, [0, 1, 2, 3], [0, 1, 2, 3], 1, _crash_report,
                                                        groups=["a", "b", "a", "b"]))
    assert [n for _, n in started] == [0, 2, 1, 3]  # a's items, then b's, each group in the given order


def _timed(n):
    time.sleep(0.06)
    return n, os.getpid(), time.monotonic()


def test_workers_start_on_different_groups_and_never_go_back_to_one(start_method):
    groups = [n % 2 for n in range(20)]  # two groups of ten, interleaved in the order
    results = list(map_in_workers(_timed, list(range(20)), list(range(20)), 2, _crash_report, groups=groups))
    assert [n for n, _, _ in results] == list(range(20))
    by_worker: dict[int, list[int]] = {}
    for n, pid, at in sorted(results, key=lambda result: result[2]):
        by_worker.setdefault(pid, []).append(groups[n])
    assert len(by_worker) == 2
    assert {taken[0] for taken in by_worker.values()} == {0, 1}
    for taken in by_worker.values():  # runs of one group: a group left is done
        runs = [group for i, group in enumerate(taken) if i == 0 or group != taken[i - 1]]
        assert len(runs) == len(set(runs))


def test_an_exception_is_raised_at_its_items_turn_and_workers_are_reaped(start_method):
    seen = []
    with pytest.raises(ValueError, match="three is wrong"):
        for value in map_in_workers(_fail_on_three, list(range(6)), list(range(6)), 2, _crash_report):
            seen.append(value)
    assert seen == [0, 1, 2]
    assert _children() == []


@pytest.mark.parametrize("groups", [None, [n % 2 for n in range(7)]])
@pytest.mark.parametrize("function", [_killed_on_two, _exits_on_two])
def test_a_dead_worker_costs_only_its_item(start_method, function, groups):
    results = list(map_in_workers(function, list(range(7)), list(range(7)), 2, _crash_report, groups=groups))
    assert results[:2] == [0, 1] and results[3:] == [3, 4, 5, 6]
    assert results[2] == f"crashed on 2: {workers.CRASHED}"
    assert _children() == []


def test_workers_that_cannot_start_fail_every_item_once(monkeypatch):
    if not FORK:
        pytest.skip("the broken start is patched into forked workers")
    monkeypatch.setattr(workers, "START_METHOD", "fork")
    monkeypatch.setattr(workers, "_start_worker", lambda *args: os._exit(1))
    results = list(map_in_workers(_slow_square, list(range(5)), list(range(5)), 2, _crash_report))
    assert results == [f"crashed on {n}: {workers.CRASHED}" for n in range(5)]
    assert _children() == []


def test_stopping_early_stops_busy_workers_and_reaps_them(start_method):
    started = time.monotonic()
    results = map_in_workers(_sleepy, list(range(4)), list(range(4)), 2, _crash_report)
    assert next(results) == 0
    results.close()  # as when Ctrl-C interrupts the render
    assert time.monotonic() - started < 10
    assert _children() == []


def _render_or_die(job, options, cache, **kwargs):
    """What a worker runs, but the worker drawing 02-architecture is killed."""
    if job.spec.stem == "02-architecture":
        os.kill(os.getpid(), signal.SIGKILL)
    return _render_in_worker(job, options, cache, **kwargs)


_render_in_worker = build._render_in_worker


def test_a_card_whose_worker_is_killed_fails_alone(start_method, in_tmp, monkeypatch):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    monkeypatch.setattr(build, "_render_in_worker", _render_or_die)
    jobs, _ = plan.plan([])
    results = build.render_all(jobs, plan.Options(out_dir=in_tmp / "out", jobs=2))
    failed = [r for r in results if not r.ok]
    assert [r.job.spec.stem for r in failed] == ["02-architecture"]
    assert failed[0].errors == ["specs/02-architecture.yaml: not drawn: the worker process drawing it was killed "
                                "or crashed. Render it on its own to see what went wrong: "
                                "postimages render specs/02-architecture.yaml"]
    assert sorted(p.name for p in (in_tmp / "out").glob("*.png")) == \
        sorted(f"{r.job.spec.stem}.png" for r in results if r.ok)
    assert len(results) - len(failed) == 3


def test_a_render_groups_the_cards_by_kind_slowest_kinds_first(in_tmp, monkeypatch):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    (in_tmp / "specs" / "05-not-a-kind.yaml").write_text("kind: nothing-like-it\ntitle: T\n", encoding="utf-8")
    handed = {}

    def capture(function, items, order, workers, on_crash, groups=None):
        handed.update(order=list(order), groups=list(groups))
        return iter([function(item) for item in items])

    monkeypatch.setattr(workers, "map_in_workers", capture)
    jobs, _ = plan.plan([in_tmp / "specs"])
    build.render_all(jobs, plan.Options(out_dir=in_tmp / "out", jobs=2))
    assert handed["groups"] == ["stats", "architecture", "code", "lessons", None]
    costs = [cards.get(kind).draw_cost if kind else 1 for kind in handed["groups"]]
    assert [costs[index] for index in handed["order"]] == sorted(costs, reverse=True)


@pytest.mark.skipif(not FORK, reason="Ctrl-C to a process group")
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
