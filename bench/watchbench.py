"""How long does a save take to reach a new PNG in `postimages watch`?

Starts the watch on a copy of specs/, waits a second as a person would, then
edits one number again and again; each latency runs from just after the
edited file is closed to the moment the card's PNG is replaced on disk, seen
by polling the PNG's inode and mtime every millisecond (not by reading the
watch's output, which is printed after the PNG is written).

Usage (from the repository root):

    .venv/bin/python bench/watchbench.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

POLL_SECONDS = 0.001
START_TIMEOUT = 60.0  # the first render of the post, cold
SAVE_TIMEOUT = 10.0
SETTLE_SECONDS = 0.3  # after a card's line: the post-level files are written after the PNG
# The first save comes this long after the watch says it watches, as a person's
# first edit would: meanwhile the watch warms up (it draws each card once in
# memory), and the first save is measured as the others are.
FIRST_SAVE_AFTER = 1.0


def watch_latencies(work: Path, rounds: int) -> list[float]:
    """Seconds from each one-number save to its PNG replaced, `rounds` saves."""
    from bench import child_env, copy_post  # here, not at the top: bench.py imports this module

    specs = copy_post(work)
    proc = subprocess.Popen([sys.executable, "-m", "postimages", "watch"], cwd=work, env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        _wait_for_line(lines, "watching for changes", START_TIMEOUT)
        time.sleep(FIRST_SAVE_AFTER)
        return [_one_save(work, specs, lines, 1000 + n) for n in range(rounds)]
    finally:
        _stop(proc)


def _one_save(work: Path, specs: Path, lines: queue.Queue, value: int) -> float:
    from bench import edit_one_number

    before = {png.name: (_stamp(png), png.read_bytes()) for png in (work / "output").glob("*.png")}
    name = edit_one_number(specs, value)  # returns once the file is written and closed
    saved = time.perf_counter()
    png, (old_stamp, old_bytes) = work / "output" / name, before[name]
    deadline = saved + SAVE_TIMEOUT
    while _stamp(png) == old_stamp:
        if time.perf_counter() > deadline:
            raise SystemExit(f"watch did not replace {name} within {SAVE_TIMEOUT:.0f} s of a save")
        time.sleep(POLL_SECONDS)
    latency = time.perf_counter() - saved
    _wait_for_line(lines, name, SAVE_TIMEOUT)  # the render has ended: the next save starts from quiet
    time.sleep(SETTLE_SECONDS)
    if png.read_bytes() == old_bytes:
        raise SystemExit(f"{name} was written again with the same pixels after {value} was saved")
    return latency


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns


def _read_lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


def _wait_for_line(lines: queue.Queue, text: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise SystemExit(f"watch printed no line with {text!r} within {timeout:.0f} s") from None
        if text in line:
            return line


def _stop(proc: subprocess.Popen) -> None:
    """Ctrl-C, as a user stops it; killed only if it does not end."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.returncode not in (0, -signal.SIGKILL):
        print(f"watch ended with status {proc.returncode}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="saves to measure (default 15)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench.py beside this file
    with tempfile.TemporaryDirectory(prefix="postimages-watchbench-") as temp:
        latencies = watch_latencies(Path(temp), args.rounds)
    ms = [s * 1000 for s in latencies]
    print(f"watch, save -> PNG written: median {statistics.median(ms):.0f} ms, "
          f"{min(ms):.0f}–{max(ms):.0f} ms over {len(ms)} saves")


if __name__ == "__main__":
    main()
