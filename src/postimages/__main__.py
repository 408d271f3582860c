"""`python -m postimages` and the `postimages` command."""

import gc
import os
import sys


def run() -> None:
    # Starting up and importing make ~100 passes of the garbage collector
    # (~10 ms) that free nothing. It is switched on again where cards are
    # loaded (plan.load_job): drawing makes reference cycles, and a batch
    # without it would keep 300 MB instead of 110.
    gc.disable()
    from postimages.cli import main

    try:
        main()
        code = 0
    except SystemExit as done:
        code = _status(done.code)
    _exit(code)


def _status(code) -> int:
    """The status sys.exit(code) gives: 0 for None, a number as it is, and 1
    for a message, which is printed first."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _exit(code: int) -> None:
    """End the process once its output is flushed, without Python's teardown
    of every module and object (~10 ms after a render): the operating system
    frees them. Only when nothing is left to wait for: a thread still running
    or a worker process not yet reaped takes the normal way out."""
    if _others_running():
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # a closed pipe (`| head`), a closed or missing stream
            code = code or 120  # what Python's own exit gives when it cannot flush
    os._exit(code)


def _others_running() -> bool:
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return True
    multiprocessing = sys.modules.get("multiprocessing")
    return multiprocessing is not None and bool(multiprocessing.active_children())


if __name__ == "__main__":
    run()
