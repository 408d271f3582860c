"""Running one function over many items in forked worker processes.

A worker is a fork of this process: it starts in about a millisecond with the
drawing code and fonts already loaded. The parent hands out one item at a
time, in the order it is given (slowest first), so a worker that finishes
early takes the next one; results come back in the items' own order.

concurrent.futures does the same job, but importing it, starting its manager
thread and passing results through its queues cost ~17 ms of a ~330 ms render
of four cards. Where the system cannot fork (Windows), concurrent.futures runs
the workers instead.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

_INDEX_BYTES = 4
_LENGTH_BYTES = 8

CAN_FORK = hasattr(os, "fork")


def map_in_workers(function: Callable[[Any], Any], items: Sequence[Any], order: Sequence[int], workers: int,
                   on_crash: Callable[[Any, str], Any]) -> Iterator[Any]:
    """`function(item)` for every item, in `workers` processes; yields the
    results in the items' order as soon as each one and those before it are in.

    An exception raised by `function` is raised here, when its item's turn
    comes. A worker that dies (killed, out of memory) yields
    `on_crash(item, why)` for the item it was on, and the others go on."""
    if not CAN_FORK:
        yield from _map_in_pool(function, items, order, workers)
        return
    pool = _Pool(function, items, order)
    try:
        pool.start(min(workers, len(items)))
        yield from pool.results(on_crash)
    finally:
        pool.stop()


@dataclass
class _Worker:
    pid: int
    tasks: int  # the parent's end of the pipe that hands out item indexes
    results: int  # the parent's end of the pipe that brings results back
    current: int | None = None  # the item it is working on
    received: bytearray = field(default_factory=bytearray)


class _Pool:
    def __init__(self, function, items: Sequence[Any], order: Sequence[int]):
        import selectors

        self.function = function
        self.items = items
        self.waiting = list(order)[::-1]  # the next item is popped from the end
        self.workers: list[_Worker] = []
        self.done: dict[int, tuple[bool, Any]] = {}
        self.selector = selectors.DefaultSelector()
        self.readable = selectors.EVENT_READ

    def start(self, count: int) -> None:
        import gc

        # Python's advice for forked workers: freeze what exists before the fork, so
        # that the workers' garbage collections never walk the objects they inherit.
        gc.freeze()
        # Unwritten output would be written again by each worker's copy of the buffer.
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            for _ in range(count):
                self._add_worker()
        finally:
            gc.unfreeze()  # in this process (`watch` runs for hours) garbage must stay collectable

    def _add_worker(self) -> None:
        tasks_read, tasks_write = os.pipe()
        results_read, results_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            os.close(tasks_write)
            os.close(results_read)
            for other in self.workers:  # or a worker would keep another's task pipe open
                for fd in (other.tasks, other.results):
                    if fd >= 0:
                        os.close(fd)
            _work(self.function, self.items, tasks_read, results_write)
        os.close(tasks_read)
        os.close(results_write)
        worker = _Worker(pid, tasks_write, results_read)
        self.workers.append(worker)
        self.selector.register(worker.results, self.readable, worker)
        self._hand_out(worker)

    def _hand_out(self, worker: _Worker) -> None:
        """The next item to `worker`, or the end of its tasks (it then exits)."""
        if self.waiting:
            worker.current = self.waiting.pop()
            os.write(worker.tasks, worker.current.to_bytes(_INDEX_BYTES, "little"))
        else:
            worker.current = None
            _close(worker, "tasks")

    def results(self, on_crash) -> Iterator[Any]:
        next_index = 0
        while next_index < len(self.items):
            if next_index in self.done:
                ok, value = self.done.pop(next_index)
                if not ok:
                    raise value
                yield value
                next_index += 1
                continue
            for key, _ in self.selector.select():
                worker = key.data
                chunk = os.read(worker.results, 1 << 16)
                if chunk:
                    worker.received += chunk
                    self._take_results(worker)
                else:
                    self._ended(worker, on_crash)

    def _take_results(self, worker: _Worker) -> None:
        while len(worker.received) >= _LENGTH_BYTES:
            length = int.from_bytes(worker.received[:_LENGTH_BYTES], "little")
            if len(worker.received) < _LENGTH_BYTES + length:
                return
            message = bytes(worker.received[_LENGTH_BYTES:_LENGTH_BYTES + length])
            del worker.received[:_LENGTH_BYTES + length]
            index, ok, value = pickle.loads(message)
            self.done[index] = (ok, value)
            self._hand_out(worker)

    def _ended(self, worker: _Worker, on_crash) -> None:
        """The worker closed its end of the results: it exited, by itself or not."""
        self.selector.unregister(worker.results)
        _close(worker, "results")
        _close(worker, "tasks")
        _, status = os.waitpid(worker.pid, 0)
        worker.pid = 0
        if worker.current is not None:  # it died on an item
            self.done[worker.current] = (True, on_crash(self.items[worker.current], _why(status)))
            worker.current = None
            if self.waiting:  # a new worker takes the items it would have had
                self._add_worker()

    def stop(self) -> None:
        """Close every pipe and reap every worker; one still busy (Ctrl-C) is stopped."""
        for worker in self.workers:
            if worker.results >= 0:
                self.selector.unregister(worker.results)
            _close(worker, "results")
            _close(worker, "tasks")  # an idle worker reads the end of its tasks and exits
            if worker.pid:
                if worker.current is not None:
                    try:
                        os.kill(worker.pid, signal.SIGTERM)
                    except ProcessLookupError:
                        pass
                os.waitpid(worker.pid, 0)
                worker.pid = 0
        self.selector.close()


def _close(worker: _Worker, end: str) -> None:
    fd = getattr(worker, end)
    if fd >= 0:
        os.close(fd)
        setattr(worker, end, -1)


def _work(function, items, tasks: int, results: int) -> None:
    """A worker's life: take an index, run the function, send the outcome; exit when the tasks end."""
    status = 0
    try:
        # Ctrl-C reaches the whole process group; the parent stops the workers,
        # and they should not each print a KeyboardInterrupt traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _keep_freed_memory()
        while True:
            index_bytes = _read_exactly(tasks, _INDEX_BYTES)
            if index_bytes is None:
                break
            index = int.from_bytes(index_bytes, "little")
            try:
                outcome = (index, True, function(items[index]))
            except Exception as exc:  # raised in the parent, as if the function had run there
                outcome = (index, False, _picklable(exc))
            message = pickle.dumps(outcome)
            _write_all(results, len(message).to_bytes(_LENGTH_BYTES, "little") + message)
    except BaseException:  # noqa: BLE001 - the parent reports the item this worker was on
        status = 1
    finally:
        os._exit(status)  # never run the parent's exit handlers or flush its buffers twice


# glibc's mallopt parameters
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def _keep_freed_memory() -> None:
    """Keep the memory a card frees for the next card.

    Nothing long-lived is allocated in a worker while it draws, so after each
    card glibc finds the top of the heap free and hands it back to the system,
    and the next card takes ~3,000 page faults to get it again (a fifth of its
    time, measured on a batch of 100). Big blocks come from the heap instead of
    separate mappings, and the heap is trimmed only past 128 MB."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, 32 << 20)  # glibc's largest
        libc.mallopt(_M_TRIM_THRESHOLD, 128 << 20)
    except (OSError, AttributeError):  # not glibc: its own allocator, left as it is
        pass


def _read_exactly(fd: int, count: int) -> bytes | None:
    data = b""
    while len(data) < count:
        chunk = os.read(fd, count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _picklable(exc: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _why(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"the worker process drawing it was stopped by {name}"
    return f"the worker process drawing it exited with status {os.WEXITSTATUS(status)}"


def _map_in_pool(function, items, order, workers) -> Iterator[Any]:
    """Without fork: concurrent.futures, in the items' order."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {index: pool.submit(function, items[index]) for index in order}
        for index in range(len(items)):
            yield futures[index].result()
