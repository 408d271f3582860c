"""Running one function over many items in worker processes of the standard
library's pool, handed out in a given order (slowest first), each worker
keeping to one group of items while that group lasts.

Where the system can fork, a worker is a fork of this process: it starts in
about a millisecond with the drawing code and fonts already loaded. Elsewhere
the platform's default start method (spawn) is used.

The pool is given one task per item, and a worker starting a task claims the
item itself from a board in shared memory: the next one of the group it is
on, or, when that group is done, the first of a group no worker is on. Items
of a group (cards of one kind) share what a worker loads and measures for
them the first time, so with groups kept apart each worker pays that for
fewer groups.

A worker that dies (killed, out of memory) breaks a concurrent.futures pool
as a whole: every item not finished fails with BrokenProcessPool. Here it
costs only the item it was on. The board notes the item each worker is
running; the items that were not running go to a fresh pool, and of those
that were, each is run again alone when there were several, to tell the one
that killed its worker from those the broken pool stopped.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

from postimages.heap import keep_freed_memory

# None: the platform's default (spawn on Windows).
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else None

CRASHED = "the worker process drawing it was killed or crashed"


def map_in_workers(function: Callable[[Any], Any], items: Sequence[Any], order: Sequence[int], workers: int,
                   on_crash: Callable[[Any, str], Any], groups: Sequence[Hashable] | None = None) -> Iterator[Any]:
    """`function(item)` for every item, in `workers` processes; yields the
    results in the items' order as soon as each one and those before it are in.

    Items are started in `order`, but for `groups` (a label an item): a
    worker takes the items of one group, in order, while that group has any
    left, and a worker that needs a group takes the first one no other worker
    is on.

    An exception raised by `function` is raised here, when its item's turn
    comes. A worker that dies yields `on_crash(item, why)` for the item it was
    on, and the others go on. Stopping early (closing the iterator, Ctrl-C)
    stops the workers and reaps them."""
    finished: dict[int, Callable[[], Any]] = {}
    outcomes = _outcomes(function, items, order, workers, on_crash, groups)
    try:
        for index in range(len(items)):
            while index not in finished:
                done, outcome = next(outcomes)
                finished[done] = outcome
            yield finished.pop(index)()
    finally:
        outcomes.close()


def _outcomes(function, items, order, workers, on_crash, groups) -> Iterator[tuple[int, Callable[[], Any]]]:
    """(index, outcome) for every item as it finishes, in as many pools as
    dead workers make necessary; `outcome()` returns the result or raises."""
    run = partial(_run_pool, multiprocessing.get_context(START_METHOD), function, items, groups)
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


def _run_pool(context, function, items, groups, indexes: list[int], workers: int):
    """Runs the items `indexes` in a fresh pool, yielding (index, outcome) as
    each finishes. Returns the items left unfinished because a worker died,
    in their order, and the set of those that were running then."""
    board = Board(context, len(items), _queues(indexes, groups))
    pool = ProcessPoolExecutor(min(workers, len(indexes)), mp_context=context, initializer=_start_worker,
                               initargs=(function, items, board, os.getpid()))
    before = set(multiprocessing.active_children())
    finished = set()
    try:
        futures = {}
        try:
            for task in range(len(indexes)):  # a task runs whichever item its worker claims
                futures[pool.submit(_call_next, task)] = task
        except BrokenProcessPool:  # a worker died already: the items not submitted are left unfinished
            pass
        for future in as_completed(futures):
            if not isinstance(future.exception(), BrokenProcessPool):
                index = board.item_of_task(futures[future])
                finished.add(index)
                yield index, future.result
    finally:
        if len(finished) < len(indexes):  # stopped early, or broken: no worker may finish its item first
            for process in set(multiprocessing.active_children()) - before:
                process.terminate()
        pool.shutdown(cancel_futures=True)
    unfinished = [index for index in indexes if index not in finished]
    return unfinished, {index for index in unfinished if board.running[index]}


def _queues(indexes: list[int], groups: Sequence[Hashable] | None) -> list[list[int]]:
    """The items of each group in their order, the groups in the order of their first item."""
    if groups is None:
        return [list(indexes)]
    queues: dict[Hashable, list[int]] = {}
    for index in indexes:
        queues.setdefault(groups[index], []).append(index)
    return list(queues.values())


class Board:
    """What the workers of one pool share, written under its lock: the next
    item of each group, how many workers are on each group, the item each
    task claimed, and which items are running."""

    def __init__(self, context, item_count: int, queues: list[list[int]]):
        self.lock = context.Lock()
        self.queues = queues
        self.running = _shared(context, "b", item_count)  # 1 while a worker runs the item
        tasks = sum(map(len, queues))
        self.claimed = _shared(context, "i", tasks)  # the item a task ran, plus one (0: none yet)
        self.next = _shared(context, "i", len(queues))  # a group's next item, as a place in its queue
        self.on = _shared(context, "i", len(queues))  # workers on a group

    def claim(self, task: int, group: int | None) -> tuple[int, int]:
        """(item, its group) for `task` of a worker last on `group`: the next
        item of that group while it has one, else the first item of a group
        no worker is on, else of the group with most items left."""
        with self.lock:
            if group is None or not self._left(group):
                if group is not None:
                    self.on[group] -= 1
                group = self._free_group()
                self.on[group] += 1
            index = self.queues[group][self.next[group]]
            self.next[group] += 1
            self.running[index] = 1
            self.claimed[task] = index + 1
        return index, group

    def item_of_task(self, task: int) -> int:
        return self.claimed[task] - 1

    def _left(self, group: int) -> int:
        return len(self.queues[group]) - self.next[group]

    def _free_group(self) -> int:
        with_items = [group for group in range(len(self.queues)) if self._left(group)]
        alone = [group for group in with_items if self.on[group] == 0]
        return alone[0] if alone else max(with_items, key=self._left)


def _shared(context, typecode: str, count: int):
    """Numbers that workers write and this process reads: an anonymous shared
    mapping, which forked workers inherit, or multiprocessing's shared array
    for spawned ones (it loads ctypes, ~3 ms)."""
    if context.get_start_method() == "fork":
        return memoryview(mmap.mmap(-1, max(1, count) * 4)).cast(typecode)[:count]
    return context.RawArray(typecode, count)


# A worker's own: what it runs, the board it claims items from, and the group it is on.
_function: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()
_board: Board | None = None
_group: int | None = None


def _start_worker(function, items, board, parent: int) -> None:
    global _function, _items, _board
    _function, _items, _board = function, items, board
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


def _call_next(task: int) -> Any:
    global _group
    index, _group = _board.claim(task, _group)
    try:
        return _function(_items[index])
    finally:
        _board.running[index] = 0
