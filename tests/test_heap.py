"""The drawing processes' heap: kept between cards, and grown in huge pages
where Linux has them, reserved without being touched."""

import subprocess
import sys
from pathlib import Path

import pytest

THP = Path("/sys/kernel/mm/transparent_hugepage/enabled")

REPORT = """
import re, sys
from pathlib import Path
from postimages import heap
if len(sys.argv) > 1:
    heap.HUGE_PAGE_SIZE = Path(sys.argv[1])
def resident_kb():
    return int(re.search(r"VmRSS:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
before = resident_kb()
heap.keep_freed_memory()
after = resident_kb()
advised = 0
for vma in re.split(r"\\n(?=[0-9a-f]+-[0-9a-f]+ )", Path("/proc/self/smaps").read_text()):
    flags = re.search(r"^VmFlags:(.*)$", vma, re.M)
    if flags and " hg" in flags.group(1):
        start, end = vma.split()[0].split("-")
        advised += int(end, 16) - int(start, 16)
print(advised, after - before)
"""


def _report(*args: str) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", REPORT, *args], capture_output=True, text=True, check=True)
    advised, grown_kb = done.stdout.split()
    return int(advised), int(grown_kb)


needs_huge_pages = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not THP.exists() or "[never]" in THP.read_text(),
    reason="transparent huge pages are a Linux feature, here switched off or absent")


@needs_huge_pages
def test_the_heap_is_grown_in_huge_pages_without_being_touched():
    from postimages.heap import HUGE_HEAP

    advised, grown_kb = _report()
    huge = int(Path("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size").read_text())
    assert advised >= HUGE_HEAP - 2 * huge  # all of it but the ends, cut to whole huge pages
    assert grown_kb < 4 * 1024  # reserved: the process is not made to hold it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_without_huge_pages_the_heap_is_left_to_grow_as_it_does(tmp_path):
    advised, _ = _report(str(tmp_path / "no-such-file"))
    assert advised == 0
