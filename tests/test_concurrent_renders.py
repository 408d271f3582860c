"""Renders running at the same time into one output folder keep every card's
alt text and cache entry: the shared files are merged under a lock file.

Before the lock, the last render to save the cache wrote only what it had
read at its start plus its own cards, and wrote alt-text.md from that."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PAIRS = 5


def test_a_full_render_and_a_one_file_render_at_once_keep_every_card(tmp_path):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cards = sorted(p.stem for p in (tmp_path / "specs").glob("0*.yaml"))
    for pair in range(PAIRS):
        out = f"out{pair}"
        # The one-file render draws at three times the pixels, so that it ends
        # after the full one, as it did when the full render's entries were lost.
        commands = [["render", "-o", out], ["render", "-o", out, "--scale", "3", "specs/03-code.yaml"]]
        processes = [subprocess.Popen([sys.executable, "-m", "postimages", *args], cwd=tmp_path, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for args in commands]
        for process in processes:
            stdout, stderr = process.communicate(timeout=60)
            assert process.returncode == 0, stdout + stderr
        alt = (tmp_path / out / "alt-text.md").read_text()
        assert [line[3:] for line in alt.splitlines() if line.startswith("## ")] == [f"{c}.png" for c in cards], alt
        cache = json.loads((tmp_path / out / ".postimages-cache.json").read_text())
        pngs = sorted(name for name in cache if not name.startswith("plan of "))  # the post's plan is kept there too
        assert pngs == [f"{c}.png" for c in cards], f"pair {pair}: {sorted(cache)}"
