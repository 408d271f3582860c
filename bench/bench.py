"""How fast is the edit loop? Renders the post in specs/ as a user would, each
run a whole new process, and prints a Markdown table against the targets of
issue 8, as ratios to a bare Python + Pillow floor (bench/floor.py).

Usage (from the repository root):

    .venv/bin/python bench/bench.py [--runs 5] [--batch-runs 3] [--batch 100] [--update-readme]

Nothing in specs/ or output/ is touched: every run works on copies in a
temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
FLOOR = ROOT / "bench" / "floor.py"
POSTIMAGES = [sys.executable, "-m", "postimages"]
MEGABYTE = 1024 * 1024

# Targets of issue 8 (medians on a 2-core machine).
COLD_MAX_RATIO = 1.6
UNCHANGED_MAX_RATIO = 0.5
BATCH_MIN_SPEEDUP = 1.7
PNG_MAX_BYTES = MEGABYTE
PEAK_MAX_BYTES = 300 * MEGABYTE


def child_env() -> dict[str, str]:
    # Python caches compiled modules (.pyc) by default; some sandboxes turn
    # that off, which would add every module's compile time to every run.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    stdout: str
    stderr: str


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """One whole process: wall time, and its peak resident memory from wait4()
    (the largest of the process and the workers it forked)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env or child_env(), stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n{stdout}{stderr}")
    return Run(seconds, usage.ru_maxrss * 1024, stdout, stderr)  # ru_maxrss is in KB on Linux


def rendered_cards(stdout: str) -> list[str]:
    """PNG names the run drew (not the ones it skipped as unchanged)."""
    return [Path(line.split()[0]).name for line in stdout.splitlines()
            if ".png " in line and not line.rstrip().endswith("unchanged")]


def unchanged_cards(stdout: str) -> list[str]:
    return [Path(line.split()[0]).name for line in stdout.splitlines() if line.rstrip().endswith("unchanged")]


# --- workspaces -------------------------------------------------------------


def copy_post(into: Path) -> Path:
    """A copy of specs/ (snippets included) to edit freely."""
    shutil.copytree(SPECS, into / "specs")
    return into / "specs"


_NUMBER_FIELD = re.compile(r"^(\s*-?\s*value:\s*)(-?\d+(?:\.\d+)?)\s*$", re.MULTILINE)


def edit_one_number(specs: Path, new_value: int) -> str:
    """Change the first `value: N` of the first spec that has one; return the card's PNG name."""
    for spec in sorted(specs.glob("*.yaml")):
        text = spec.read_text(encoding="utf-8")
        if _NUMBER_FIELD.search(text):
            spec.write_text(_NUMBER_FIELD.sub(lambda m: f"{m.group(1)}{new_value}", text, count=1), encoding="utf-8")
            return f"{spec.stem}.png"
    raise SystemExit("no spec in specs/ has a `value: <number>` to edit")


def make_batch(into: Path, count: int) -> Path:
    """`count` cards: copies of the real specs, each with its own numbers and title."""
    folder = into / "batch"
    shutil.copytree(SPECS, folder, ignore=shutil.ignore_patterns("*.yaml"))
    post = SPECS / "post.yaml"
    if post.is_file():  # without `order:`, which names only the real cards
        settings = [line for line in post.read_text(encoding="utf-8").splitlines() if not line.startswith("order:")]
        (folder / "post.yaml").write_text("\n".join(settings) + "\n", encoding="utf-8")
    originals = [p for p in sorted(SPECS.glob("*.yaml")) if p.name != "post.yaml" and not p.name.startswith("_")]
    for number in range(1, count + 1):
        original = originals[(number - 1) % len(originals)]
        text = original.read_text(encoding="utf-8")
        text = _NUMBER_FIELD.sub(lambda m: f"{m.group(1)}{number}", text)
        text = re.sub(r"^title: (.+)$", lambda m: f"title: {m.group(1).strip()} {number}", text, count=1,
                      flags=re.MULTILINE)
        (folder / f"{number:03d}-{original.stem}.yaml").write_text(text, encoding="utf-8")
    return folder


# --- measuring --------------------------------------------------------------


@dataclass
class Series:
    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> str:
        return f"{min(self.seconds):.3f}–{max(self.seconds):.3f}"

    @property
    def peak_bytes(self) -> int:
        return max(r.peak_bytes for r in self.runs)


def source_stamp() -> list[tuple[str, int]]:
    """postimages' code and fonts, as its cache sees them: if someone edits
    them during a round, every card is rightly rendered again, and the round
    measures that instead of the edit loop."""
    files = [p for folder in (ROOT / "src" / "postimages", ROOT / "fonts") for p in folder.rglob("*")]
    return sorted((str(p), p.stat().st_mtime_ns) for p in files if p.is_file() and "__pycache__" not in p.parts)


def measure_post(work: Path, rounds: int, card_count: int) -> tuple[dict[str, Series], list[str], Path]:
    """Floor, cold, nothing changed and one-number edit, interleaved round by
    round so that a busy moment on the machine hits every series alike."""
    series = {name: Series(name) for name in ("floor", "cold", "first", "unchanged", "edit")}
    problems: list[str] = []
    edit_dir, unchanged_dir = work / "edit", work / "unchanged"
    for folder in (edit_dir, unchanged_dir):  # each loop starts from a rendered post
        folder.mkdir()
        copy_post(folder)
        run(POSTIMAGES + ["render", "--out", "out"], folder)
    done = retries = 0
    while done < rounds:
        before = source_stamp()
        runs, round_problems = post_round(work, done + 1 + retries, card_count, edit_dir, unchanged_dir)
        if source_stamp() != before and retries < rounds:
            retries += 1  # postimages itself changed mid-round: measure the round again
            continue
        for name, result in runs.items():
            series[name].runs.append(result)
        problems += round_problems
        done += 1
    if retries:
        problems.append(f"{retries} rounds measured again: postimages' source changed during them")
    return series, problems, work / f"cold-{rounds + retries}"


def post_round(work: Path, i: int, card_count: int, edit_dir: Path, unchanged_dir: Path):
    runs: dict[str, Run] = {}
    problems: list[str] = []
    runs["floor"] = run([sys.executable, str(FLOOR), str(work / f"floor-{i}"), str(card_count)], ROOT)

    runs["cold"] = run(POSTIMAGES + ["render", "--force", "--out", str(work / f"cold-{i}"), str(SPECS)], ROOT)
    if len(rendered_cards(runs["cold"].stdout)) != card_count:
        problems.append(f"cold run {i} rendered {len(rendered_cards(runs['cold'].stdout))} of {card_count} cards")

    # Cold for the font coverage cache too: a first run after installing.
    env = child_env() | {"XDG_CACHE_HOME": str(work / f"xdg-{i}")}
    runs["first"] = run(POSTIMAGES + ["render", "--force", "--out", str(work / f"first-{i}"), str(SPECS)], ROOT, env)

    runs["unchanged"] = run(POSTIMAGES + ["render", "--out", "out"], unchanged_dir)
    if len(unchanged_cards(runs["unchanged"].stdout)) != card_count:
        problems.append(f"nothing-changed run {i} re-rendered {rendered_cards(runs['unchanged'].stdout)}")

    edited = edit_one_number(edit_dir / "specs", 1000 + i)
    runs["edit"] = run(POSTIMAGES + ["render", "--out", "out"], edit_dir)
    if rendered_cards(runs["edit"].stdout) != [edited]:
        problems.append(f"edit run {i} changed {edited} but re-rendered {rendered_cards(runs['edit'].stdout)}")
    return runs, problems


def headroom(work: Path, workers: int, label: str) -> float:
    """How much faster `workers` floor processes run side by side than one
    after another: what this machine can give to parallel work right now (on
    a shared machine, other people's jobs take cores)."""
    args = [sys.executable, str(FLOOR)]
    started = time.perf_counter()
    for n in range(workers):
        run(args + [str(work / f"h-serial-{label}-{n}"), "8"], ROOT)
    serial = time.perf_counter() - started
    started = time.perf_counter()
    procs = [subprocess.Popen(args + [str(work / f"h-parallel-{label}-{n}"), "8"], env=child_env())
             for n in range(workers)]
    for proc in procs:
        proc.wait()
    return serial / (time.perf_counter() - started)


def measure_batch(work: Path, rounds: int, count: int, workers: int) -> tuple[Series, Series, float, list[str]]:
    """The batch with 1 worker and with `workers`, and the machine's parallel
    headroom measured between them, round by round."""
    folder = make_batch(work, count)
    one, many = Series("batch, 1 worker"), Series(f"batch, {workers} workers")
    room: list[float] = []
    problems: list[str] = []
    for i in range(1, rounds + 1):
        room.append(headroom(work, workers, str(i)))
        for series, jobs in ((one, 1), (many, workers)):
            result = run(POSTIMAGES + ["render", "--force", "--jobs", str(jobs), "--out", str(work / f"b{jobs}-{i}"),
                                       str(folder)], ROOT)
            series.runs.append(result)
            if len(rendered_cards(result.stdout)) != count:
                problems.append(f"batch run with {jobs} workers rendered {len(rendered_cards(result.stdout))} of {count}")
    return one, many, statistics.median(room), problems


# --- reporting --------------------------------------------------------------


def machine() -> str:
    from PIL import __version__ as pillow

    cpu = platform.processor() or platform.machine()
    try:
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cpu}, {cores} cores, {platform.system()} · Python {platform.python_version()} · "
            f"Pillow {pillow}")


def mark(met: bool) -> str:
    return "✅ met" if met else "❌ missed"


def table(series: dict[str, Series], one: Series, many: Series, workers: int, png_sizes: dict[str, int],
          card_count: int, batch_count: int, room: float) -> str:
    floor = series["floor"].median
    cold, first, same, edit = series["cold"], series["first"], series["unchanged"], series["edit"]
    speedup = one.median / many.median
    peak = max(cold.peak_bytes, first.peak_bytes, one.peak_bytes, many.peak_bytes)
    biggest = max(png_sizes.values())
    rows = [
        ("Floor: Pillow draws text on " f"{card_count} cards", floor, series["floor"].spread, "1.00×", "", ""),
        (f"Cold render, {card_count} cards (`--force`, new out dir)", cold.median, cold.spread,
         f"{cold.median / floor:.2f}×", f"≤ {COLD_MAX_RATIO}×", mark(cold.median / floor <= COLD_MAX_RATIO)),
        ("First run ever (no font coverage cache either)", first.median, first.spread,
         f"{first.median / floor:.2f}×", "", ""),
        ("Render again, nothing changed", same.median, same.spread, f"{same.median / floor:.2f}×",
         f"≤ {UNCHANGED_MAX_RATIO}×", mark(same.median / floor <= UNCHANGED_MAX_RATIO)),
        ("Render after a one-number edit", edit.median, edit.spread, f"{edit.median / floor:.2f}×",
         "only that card", "see below"),
        (f"Batch of {batch_count} cards, 1 worker", one.median, one.spread, "", "", ""),
        (f"Batch of {batch_count} cards, {workers} workers", many.median, many.spread,
         f"{speedup:.2f}× faster", f"≥ {BATCH_MIN_SPEEDUP}× faster", mark(speedup >= BATCH_MIN_SPEEDUP)),
        (f"Control: {workers} floor processes side by side vs in turn", None, "", f"{room:.2f}× faster",
         "the machine's parallel headroom", ""),
    ]
    lines = ["| Measurement | Median (s) | Min–max (s) | Ratio | Target | |", "|---|---:|---:|---:|---|---|"]
    lines += [f"| {name} | {'' if median is None else f'{median:.3f}'} | {spread} | {ratio} | {target} | {ok} |"
              for name, median, spread, ratio, target, ok in rows]
    lines.append(f"| Peak memory (largest process) | {peak / MEGABYTE:.0f} MB | | | < 300 MB | "
                 f"{mark(peak < PEAK_MAX_BYTES)} |")
    lines.append(f"| Largest PNG | {biggest / 1024:.0f} KB | | | ≤ 1 MB | {mark(biggest <= PNG_MAX_BYTES)} |")
    lines.append("")
    lines.append("PNG sizes: " + ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in sorted(png_sizes.items())))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each post measurement (default 5)")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each batch measurement (default 3)")
    parser.add_argument("--batch", type=int, default=100, help="cards in the batch (default 100)")
    parser.add_argument("--update-readme", action="store_true",
                        help="also put the report in README.md, between its bench:start and bench:end markers")
    args = parser.parse_args()

    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    card_count = len([p for p in SPECS.glob("*.yaml") if p.name != "post.yaml" and not p.name.startswith("_")])
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="postimages-bench-") as temp:
        work = Path(temp)
        # Warm up: compiled modules, the font coverage cache, the OS file cache.
        run(POSTIMAGES + ["render", "--force", "--out", str(work / "warm"), str(SPECS)], ROOT)
        run([sys.executable, str(FLOOR), str(work / "warm-floor"), str(card_count)], ROOT)
        series, problems, cold_out = measure_post(work, args.runs, card_count)
        one, many, room, batch_problems = measure_batch(work, args.batch_runs, args.batch, workers)
        png_sizes = {p.name: p.stat().st_size for p in sorted(cold_out.glob("*.png"))}
    edit_ok = not any(p.startswith("edit") for p in problems)

    lines = [
        f"Machine: {machine()}  ",
        f"Load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; "
        f"{args.runs} runs per post measurement, {args.batch_runs} per batch measurement; {time.strftime('%Y-%m-%d')}",
        "",
        table(series, one, many, workers, png_sizes, card_count, args.batch, room),
        "",
        f"One-number edit re-renders only that card: {mark(edit_ok)}",
    ]
    lines += [f"- problem: {problem}" for problem in problems + batch_problems]
    report = "\n".join(lines)
    print(report)
    if args.update_readme:
        update_readme(report)


def update_readme(report: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        raise SystemExit(f"README.md has no {start} ... {end} markers")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{report}\n{end}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
