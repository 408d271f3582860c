"""Running one function over many items in worker processes of the standard
library's pool, handed out in a given order (slowest first).

Where the system can fork, a worker is a fork of this process: it starts in
about a millisecond with the drawing code and fonts already loaded. Elsewhere
the platform's default start method (spawn) is used.

A worker that dies (killed, out of memory) breaks a concurrent.futures pool
as a whole: every item not finished fails with BrokenProcessPool. Here it
costs only the item it was on. Each worker notes in shared memory the item it
is running; the items that were not running go to a fresh pool, and of those
that were, each is run again alone when there were several, to tell the one
that killed its worker from those the broken pool stopped.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

from postimages.heap import keep_freed_memory

# None: the platform's default (spawn on Windows).
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else None

CRASHED = "the worker process drawing it was killed or crashed"


def map_in_workers(function: Callable[[Any], Any], items: Sequence[Any], order: Sequence[int], workers: int,
                   on_crash: Callable[[Any, str], Any]) -> Iterator[Any]:
    """`function(item)` for every item, in `workers` processes; yields the
    results in the items' order as soon as each one and those before it are in.

    An exception raised by `function` is raised here, when its item's turn
    comes. A worker that dies yields `on_crash(item, why)` for the item it was
    on, and the others go on. Stopping early (closing the iterator, Ctrl-C)
    stops the workers and reaps them."""
    finished: dict[int, Callable[[], Any]] = {}
    outcomes = _outcomes(function, items, order, workers, on_crash)
    try:
        for index in range(len(items)):
            while index not in finished:
                done, outcome = next(outcomes)
                finished[done] = outcome
            yield finished.pop(index)()
    finally:
        outcomes.close()


def _outcomes(function, items, order, workers, on_crash) -> Iterator[tuple[int, Callable[[], Any]]]:
    """(index, outcome) for every item as it finishes, in as many pools as
    dead workers make necessary; `outcome()` returns the result or raises."""
    run = partial(_run_pool, multiprocessing.get_context(START_METHOD), function, items)
    waiting = list(order)
    while waiting:  # each round finishes an item, or leaves out at least one
        unfinished, running = yield from run(waiting, workers)
        # Not one finished, and none was started: the workers die before they can start one.
        stuck = not running and len(unfinished) == len(waiting)
        suspects = unfinished if stuck else [index for index in unfinished if index in running]
        waiting = [index for index in unfinished if index not in suspects]
        for index in suspects:
            # Alone, an item either finishes or breaks its pool itself.
            if stuck or len(suspects) == 1 or (yield from run([index], 1))[0]:
                yield index, partial(on_crash, items[index], CRASHED)


def _run_pool(context, function, items, indexes: list[int], workers: int):
    """Runs the items `indexes` in a fresh pool, yielding (index, outcome) as
    each finishes. Returns the items left unfinished because a worker died,
    in their order, and the set of those that were running then."""
    running = _shared_bytes(context, len(items))  # 1 while a worker runs the item
    pool = ProcessPoolExecutor(min(workers, len(indexes)), mp_context=context, initializer=_start_worker,
                               initargs=(function, items, running, os.getpid()))
    before = set(multiprocessing.active_children())
    finished = set()
    try:
        futures = {}
        try:
            for index in indexes:
                futures[pool.submit(_call, index)] = index
        except BrokenProcessPool:  # a worker died already: the items not submitted are left unfinished
            pass
        for future in as_completed(futures):
            if not isinstance(future.exception(), BrokenProcessPool):
                finished.add(futures[future])
                yield futures[future], future.result
    finally:
        if len(finished) < len(indexes):  # stopped early, or broken: no worker may finish its item first
            for process in set(multiprocessing.active_children()) - before:
                process.terminate()
        pool.shutdown(cancel_futures=True)
    unfinished = [index for index in indexes if index not in finished]
    return unfinished, {index for index in unfinished if running[index]}


def _shared_bytes(context, count: int):
    """Bytes that workers write and this process reads: an anonymous shared
    mapping, which forked workers inherit, or multiprocessing's shared array
    for spawned ones (it loads ctypes, ~3 ms)."""
    if context.get_start_method() == "fork":
        return mmap.mmap(-1, count)
    return context.RawArray("b", count)


# A worker's own: what it runs, and where it notes the item it is running.
_function: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()
_running = None


def _start_worker(function, items, running, parent: int) -> None:
    global _function, _items, _running
    _function, _items, _running = function, items, running
    _end_with(parent)
    # Ctrl-C reaches the whole process group; the parent stops the workers,
    # and they should not each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    keep_freed_memory()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _end_with(parent: int) -> None:
    """End this worker when the process that started it ends.

    A parent that is SIGKILLed cannot stop its workers; one left running
    would finish its card and write the PNG later, over what a newer render
    wrote. On Linux the kernel kills the worker when its parent dies;
    elsewhere the card's writer checks `parent_alive` before writing."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the kernel was asked
        os._exit(1)


def parent_alive(parent: int) -> bool:
    """Whether the process `parent` that started this worker is still its parent."""
    return os.getppid() == parent


def _call(index: int) -> Any:
    _running[index] = 1
    try:
        return _function(_items[index])
    finally:
        _running[index] = 0
