"""Render every gallery post at each size and theme, through the CLI.

    .venv/bin/python tests/gallery/render.py              # every post, every variant
    .venv/bin/python tests/gallery/render.py rust-cli-launch oss-release
    .venv/bin/python tests/gallery/render.py -v           # also every error line

Each post goes to tests/gallery/out/<post>/<size>-<theme>/ for the sizes
square, portrait, landscape and the themes dark, light, plus
out/<post>/as-written/ with no override (the post's own size and theme, e.g.
a brand accent or a custom WIDTHxHEIGHT). A variant's folder is emptied first,
so a card that fails leaves no stale PNG behind. One line per post:

    oss-release          16/21 cards rendered · failed: square-dark 03-api.yaml:4:9: source: ... (+2 more)

Every error line, by variant, is also written to tests/gallery/out/errors.txt.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

GALLERY = Path(__file__).resolve().parent
ROOT = GALLERY.parent.parent
OUT = GALLERY / "out"
CLI = ROOT / ".venv" / "bin" / "postimages"
SIZES = ("square", "portrait", "landscape")
THEMES = ("dark", "light")
VARIANTS = [(size, theme) for size in SIZES for theme in THEMES] + [(None, None)]


def posts(names: list[str]) -> list[Path]:
    found = sorted(p for p in GALLERY.iterdir() if (p / "post.yaml").is_file())
    if names:
        found = [p for p in found if p.name in names]
        missing = set(names) - {p.name for p in found}
        if missing:
            sys.exit(f"no such gallery post: {', '.join(sorted(missing))}")
    return found


def variant_name(size: str | None, theme: str | None) -> str:
    return f"{size}-{theme}" if size else "as-written"


def cards_of(post: Path) -> list[str]:
    return [p.stem for p in sorted(post.glob("*.yaml")) if p.name != "post.yaml" and not p.name.startswith("_")]


def render_variant(post: Path, size: str | None, theme: str | None) -> tuple[str, int, list[str]]:
    """(variant, cards rendered, error lines) of one render of the post."""
    out = OUT / post.name / variant_name(size, theme)
    shutil.rmtree(out, ignore_errors=True)
    command = [str(CLI), "render", str(post.relative_to(ROOT)), "--out", str(out.relative_to(ROOT)), "--force"]
    if size:
        command += ["--size", size, "--theme", theme]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    errors = [line for line in done.stderr.splitlines()
              if line.strip() and " cards rendered in " not in line and " card rendered in " not in line]
    rendered = len(list(out.glob("*.png")))
    if done.returncode not in (0, 1):
        errors.append(f"exit status {done.returncode}")
    return variant_name(size, theme), rendered, errors


def summary(post: Path, results: list[tuple[str, int, list[str]]]) -> str:
    total = len(cards_of(post)) * len(results)
    rendered = sum(count for _, count, _ in results)
    failures = [(variant, line) for variant, _, lines in results for line in lines]
    text = f"{post.name:<22} {rendered}/{total} cards rendered"
    if failures:
        variant, line = failures[0]
        line = line.replace(str(post.relative_to(ROOT)) + "/", "")
        more = f" (+{len(failures) - 1} more)" if len(failures) > 1 else ""
        text += f" · failed: {variant} {line}{more}"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("posts", nargs="*", help="gallery post folders to render (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every error line")
    args = parser.parse_args()
    if not CLI.exists():
        sys.exit(f"{CLI} not found: create the venv first (python3 -m venv .venv && .venv/bin/pip install -e '.[test]')")
    OUT.mkdir(exist_ok=True)
    log = []
    failed_posts = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for post in posts(args.posts):
            results = list(pool.map(lambda v: render_variant(post, *v), VARIANTS))
            print(summary(post, results), flush=True)
            for variant, _, lines in results:
                log.extend(f"{post.name} {variant}: {line}" for line in lines)
                if args.verbose:
                    for line in lines:
                        print(f"    {variant}: {line}")
            failed_posts += any(lines for _, _, lines in results)
    (OUT / "errors.txt").write_text("\n".join(log) + "\n" if log else "", encoding="utf-8")
    print(f"{failed_posts} posts with failures; every error line in {OUT.relative_to(ROOT)}/errors.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
