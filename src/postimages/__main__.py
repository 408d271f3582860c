"""`python -m postimages` and the `postimages` command."""

import gc


def run() -> None:
    # Starting up and importing make ~100 passes of the garbage collector
    # (~10 ms) that free nothing. It is switched on again where cards are
    # loaded (plan.load_job): drawing makes reference cycles, and a batch
    # without it would keep 300 MB instead of 110.
    gc.disable()
    from postimages.cli import main

    main()


if __name__ == "__main__":
    run()
