"""What a cold render defines before it draws: on Python 3.11 a dataclass
costs ~0.7 ms to define (its methods are compiled from generated source), a
NamedTuple a tenth of that. The value types a render's parent and workers load
are NamedTuples; this keeps new dataclasses off that path unless they are
counted here."""

import subprocess
import sys

# What the command loads before it forks its workers (build._render_in_workers),
# then what the workers load to draw the shipped post's four kinds.
PARENT = ["postimages.cli", "postimages.build", "postimages.plan", "postimages.spec", "postimages.cache",
          "postimages.postfiles", "postimages.paint", "postimages.render"]
KINDS = ["postimages.cards.stats.layout", "postimages.cards.architecture.layout", "postimages.cards.code.layout",
         "postimages.cards.lessons.layout"]

# Mutable records, and those needing dataclass features (fields(), default factories).
MOST_IN_PARENT = 21
MOST_IN_KINDS = 10


def _dataclasses_defined(modules: list[str], after: list[str]) -> list[str]:
    probe = ("import dataclasses, importlib, sys\n"
             f"for name in {after!r}: importlib.import_module(name)\n"
             "seen = []\n"
             "original = dataclasses._process_class\n"
             "def counted(cls, *args, **kwargs):\n"
             "    seen.append(cls.__module__ + '.' + cls.__qualname__)\n"
             "    return original(cls, *args, **kwargs)\n"
             "dataclasses._process_class = counted\n"
             f"for name in {modules!r}: importlib.import_module(name)\n"
             "print(' '.join(seen))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.split()


def test_the_parent_defines_few_dataclasses_before_it_forks():
    defined = _dataclasses_defined(PARENT, after=[])
    assert len(defined) <= MOST_IN_PARENT, defined


def test_the_workers_define_few_dataclasses_for_the_posts_kinds():
    defined = _dataclasses_defined(KINDS, after=PARENT)
    assert len(defined) <= MOST_IN_KINDS, defined


def test_layout_values_are_named_tuples():
    from postimages.geometry import Box
    from postimages.text import TextStyle

    box = Box(1, 2, 3, 4)
    assert isinstance(box, tuple) and box._replace(w=5).right == 6
    assert TextStyle._fields[:2] == ("size", "color")
