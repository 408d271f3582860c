"""How fast is the edit loop? Renders the post in specs/ as a user would, each
run a whole new process, and prints a Markdown table against the targets of
issue 20, as ratios to a bare Python + Pillow floor (bench/floor.py) drawing
the same number of cards, measured in the same run.

Usage (from the repository root):

    .venv/bin/python bench/bench.py [--runs 5] [--batch-runs 3] [--batch 100] [--watch-saves 15]
                                    [--update-readme]

Nothing in specs/ or output/ is touched: every run works on copies in a
temporary folder. The first runs ever keep their caches in a folder of their
own beside the user's cache, removed at the end.
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
EXAMPLE = ROOT / "examples" / "failed-trading-system"
TWO_CARDS = ("01-validation", "03-code")  # results + code, as issue 20 measured them
NEW_KINDS = ("cover", "quote", "checklist", "chart", "closing")
FLOOR = ROOT / "bench" / "floor.py"
POSTIMAGES = [sys.executable, "-m", "postimages"]
MEGABYTE = 1024 * 1024

# Targets of issue 20 (medians on a 2-core machine), as ratios to the floor of as many cards.
COLD_MAX_RATIO = 1.2
TWO_CARDS_MAX_RATIO = 1.5
FIRST_RUN_MAX_RATIO = 1.6
UNCHANGED_MAX_RATIO = 0.3
WATCH_MAX_SECONDS = 0.080
BATCH_MIN_SPEEDUP = 1.8
PNG_MAX_BYTES = MEGABYTE
PEAK_MAX_BYTES = 150 * MEGABYTE
CACHE_MAX_BYTES = 50 * MEGABYTE


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


def card_specs(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.glob("*.yaml")) if p.name != "post.yaml" and not p.name.startswith("_")]


def post_settings_without_order(source: Path, folder: Path) -> None:
    """post.yaml of `source` in `folder`, without `order:`, which names cards the copy may not have."""
    post = source / "post.yaml"
    if post.is_file():
        settings = [line for line in post.read_text(encoding="utf-8").splitlines() if not line.startswith("order:")]
        (folder / "post.yaml").write_text("\n".join(settings) + "\n", encoding="utf-8")


def part_of_post(source: Path, into: Path, keep) -> Path:
    """A copy of the post in `source` (snippets, data files) with only the card specs `keep(spec)` accepts."""
    shutil.copytree(source, into, ignore=shutil.ignore_patterns("*.yaml", "output"))
    post_settings_without_order(source, into)
    for spec in card_specs(source):
        if keep(spec):
            shutil.copy2(spec, into / spec.name)
    return into


def kind_of(spec: Path) -> str:
    match = re.search(r"^kind:\s*(\w+)", spec.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else ""


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
    post_settings_without_order(SPECS, folder)
    originals = card_specs(SPECS)
    for number in range(1, count + 1):
        original = originals[(number - 1) % len(originals)]
        text = original.read_text(encoding="utf-8")
        text = _NUMBER_FIELD.sub(lambda m: f"{m.group(1)}{number}", text)
        text = re.sub(r"^title: (.+)$", lambda m: f"title: {m.group(1).strip()} {number}", text, count=1,
                      flags=re.MULTILINE)
        (folder / f"{number:03d}-{original.stem}.yaml").write_text(text, encoding="utf-8")
    return folder


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


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


@dataclass
class Posts:
    """The posts a round renders, made once: specs/ itself, its copies for the
    nothing-changed and edit loops, its two cards, and the new kinds."""

    work: Path
    card_count: int
    edit_dir: Path
    unchanged_dir: Path
    two_cards: Path
    new_kinds: Path
    new_kind_count: int
    empty_caches: Path  # where each first run ever keeps its caches (first_run_caches)
    cache_bytes: list[int] = field(default_factory=list)  # the disk caches after each first run ever


def make_posts(work: Path) -> Posts:
    edit_dir, unchanged_dir = work / "edit", work / "unchanged"
    for folder in (edit_dir, unchanged_dir):  # each loop starts from a rendered post
        folder.mkdir()
        copy_post(folder)
        run(POSTIMAGES + ["render", "--out", "out"], folder)
    two = part_of_post(SPECS, work / "two-cards", lambda spec: spec.stem in TWO_CARDS)
    new = part_of_post(EXAMPLE, work / "new-kinds", lambda spec: kind_of(spec) in NEW_KINDS)
    return Posts(work, len(card_specs(SPECS)), edit_dir, unchanged_dir, two, new, len(card_specs(new)),
                 first_run_caches())


def first_run_caches() -> Path:
    """A new folder beside the user's own cache (~/.cache, or $XDG_CACHE_HOME)
    for the first runs ever: a first run after installing writes its ~75 cache
    files there, not into the temporary folder, and on some machines making a
    file in /tmp is far slower (seen: ~0.5 ms a file against ~0.05 ms in
    ~/.cache, on the same disk). Removed when the benchmark ends."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    home.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="postimages-bench-", dir=home))


SERIES = ("floor", "cold", "first", "unchanged", "edit", "floor-2", "two-cards", "floor-new", "new-kinds")


def measure_posts(posts: Posts, rounds: int) -> tuple[dict[str, Series], list[str]]:
    """Every post measurement, interleaved round by round so that a busy
    moment on the machine hits every series alike."""
    series = {name: Series(name) for name in SERIES}
    problems: list[str] = []
    done = retries = 0
    while done < rounds:
        before = source_stamp()
        runs, round_problems = post_round(posts, done + 1 + retries)
        if source_stamp() != before and retries < rounds:
            retries += 1  # postimages itself changed mid-round: measure the round again
            continue
        for name, result in runs.items():
            series[name].runs.append(result)
        problems += round_problems
        done += 1
    if retries:
        problems.append(f"{retries} rounds measured again: postimages' source changed during them")
    return series, problems


def floor_run(posts: Posts, label: str, count: int) -> Run:
    return run([sys.executable, str(FLOOR), str(posts.work / f"floor-{label}"), str(count)], ROOT)


def cold_run(posts: Posts, label: str, folder: Path, count: int, problems: list[str], env=None) -> Run:
    """`render --force` into a new folder; a problem unless it drew all `count` cards."""
    result = run(POSTIMAGES + ["render", "--force", "--out", str(posts.work / label), str(folder)], ROOT, env)
    if len(rendered_cards(result.stdout)) != count:
        problems.append(f"{label} rendered {len(rendered_cards(result.stdout))} of {count} cards")
    return result


def post_round(posts: Posts, i: int):
    runs: dict[str, Run] = {}
    problems: list[str] = []
    count = posts.card_count
    runs["floor"] = floor_run(posts, str(i), count)
    runs["cold"] = cold_run(posts, f"cold-{i}", SPECS, count, problems)

    # Cold for the disk caches too: a first run after installing.
    caches = posts.empty_caches / f"xdg-{i}"
    runs["first"] = cold_run(posts, f"first-{i}", SPECS, count, problems, child_env() | {"XDG_CACHE_HOME": str(caches)})
    posts.cache_bytes.append(folder_bytes(caches))

    runs["unchanged"] = run(POSTIMAGES + ["render", "--out", "out"], posts.unchanged_dir)
    if len(unchanged_cards(runs["unchanged"].stdout)) != count:
        problems.append(f"nothing-changed run {i} re-rendered {rendered_cards(runs['unchanged'].stdout)}")

    edited = edit_one_number(posts.edit_dir / "specs", 1000 + i)
    runs["edit"] = run(POSTIMAGES + ["render", "--out", "out"], posts.edit_dir)
    if rendered_cards(runs["edit"].stdout) != [edited]:
        problems.append(f"edit run {i} changed {edited} but re-rendered {rendered_cards(runs['edit'].stdout)}")

    runs["floor-2"] = floor_run(posts, f"2-{i}", len(TWO_CARDS))
    runs["two-cards"] = cold_run(posts, f"two-{i}", posts.two_cards, len(TWO_CARDS), problems)
    runs["floor-new"] = floor_run(posts, f"new-{i}", posts.new_kind_count)
    runs["new-kinds"] = cold_run(posts, f"new-{i}", posts.new_kinds, posts.new_kind_count, problems)
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


@dataclass
class Report:
    series: dict[str, Series]
    posts: Posts
    one: Series
    many: Series
    workers: int
    room: float
    batch_count: int
    watch: list[float]
    png_sizes: dict[str, int]


def paired_ratio(measured: Series, baseline: Series) -> float:
    """The median of each round's ratio. The two runs of a round are seconds
    apart, so a minute in which the machine is slower (on a shared host it
    often is) slows both, where a ratio of medians would take a fast minute's
    floor against a slow minute's render."""
    return statistics.median(m / b for m, b in zip(measured.seconds, baseline.seconds, strict=True))


def ratio_row(name: str, measured: Series, floor: Series, most: float | None = None) -> tuple:
    """A row measured against the floor of as many cards, with its target when it has one."""
    ratio = paired_ratio(measured, floor)
    target, ok = (f"≤ {most}× its floor", mark(ratio <= most)) if most is not None else ("", "")
    return name, measured.median, measured.spread, f"{ratio:.2f}×", target, ok


def plain_row(name: str, measured: Series) -> tuple:
    return name, measured.median, measured.spread, "", "", ""


def table(report: Report) -> str:
    s, posts = report.series, report.posts
    speedup = paired_ratio(report.one, report.many)
    peak = max(series.peak_bytes for series in (*s.values(), report.one, report.many))
    count, new = posts.card_count, posts.new_kind_count
    rows = [
        plain_row(f"Floor: Pillow draws text on {count} cards", s["floor"]),
        ratio_row(f"Cold render, the {count}-card post (`--force`, new out dir)", s["cold"], s["floor"], COLD_MAX_RATIO),
        ratio_row("First run ever (every cache empty)", s["first"], s["floor"], FIRST_RUN_MAX_RATIO),
        ratio_row("Render again, nothing changed", s["unchanged"], s["floor"], UNCHANGED_MAX_RATIO),
        ratio_row("Render after a one-number edit (only that card)", s["edit"], s["floor"]),
        plain_row(f"Floor: Pillow draws text on {len(TWO_CARDS)} cards", s["floor-2"]),
        ratio_row("Cold render, a two-card post (results + code)", s["two-cards"], s["floor-2"], TWO_CARDS_MAX_RATIO),
        plain_row(f"Floor: Pillow draws text on {new} cards", s["floor-new"]),
        ratio_row(f"Cold render, the new kinds ({', '.join(NEW_KINDS)}; the example's data file)", s["new-kinds"],
                  s["floor-new"]),
        plain_row(f"Batch of {report.batch_count} cards, 1 worker", report.one),
        (f"Batch of {report.batch_count} cards, {report.workers} workers", report.many.median, report.many.spread,
         f"{speedup:.2f}× faster", f"≥ {BATCH_MIN_SPEEDUP}× faster", mark(speedup >= BATCH_MIN_SPEEDUP)),
        (f"Control: {report.workers} floor processes side by side vs in turn", None, "", f"{report.room:.2f}× faster",
         "the machine's parallel headroom", ""),
    ]
    lines = ["| Measurement | Median (s) | Min–max (s) | Ratio (paired) | Target | |", "|---|---:|---:|---:|---|---|"]
    lines += [f"| {name} | {'' if median is None else f'{median:.3f}'} | {spread} | {ratio} | {target} | {ok} |"
              for name, median, spread, ratio, target, ok in rows]
    if report.watch:
        watch = statistics.median(report.watch)
        lines.append(f"| `watch`: a one-number save to its new PNG | {watch * 1000:.0f} ms | "
                     f"{min(report.watch) * 1000:.0f}–{max(report.watch) * 1000:.0f} ms | | "
                     f"≤ {WATCH_MAX_SECONDS * 1000:.0f} ms | {mark(watch <= WATCH_MAX_SECONDS)} |")
    biggest, caches = max(report.png_sizes.values()), max(posts.cache_bytes)
    lines.append(f"| Peak memory (largest process) | {peak / MEGABYTE:.0f} MB | | | ≤ {PEAK_MAX_BYTES // MEGABYTE} MB | "
                 f"{mark(peak <= PEAK_MAX_BYTES)} |")
    lines.append(f"| Disk caches after a first run | {caches / MEGABYTE:.1f} MB | | | ≤ {CACHE_MAX_BYTES // MEGABYTE} MB | "
                 f"{mark(caches <= CACHE_MAX_BYTES)} |")
    lines.append(f"| Largest PNG | {biggest / 1024:.0f} KB | | | ≤ 1 MB | {mark(biggest <= PNG_MAX_BYTES)} |")
    lines.append("")
    lines.append("PNG sizes: " + ", ".join(f"{name} {size / 1024:.0f} KB"
                                          for name, size in sorted(report.png_sizes.items())))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each post measurement (default 5)")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each batch measurement (default 3)")
    parser.add_argument("--batch", type=int, default=100, help="cards in the batch (default 100)")
    parser.add_argument("--watch-saves", type=int, default=15, help="saves timed in watch (default 15; 0 skips)")
    parser.add_argument("--update-readme", action="store_true",
                        help="also put the report in README.md, between its bench:start and bench:end markers")
    args = parser.parse_args()

    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="postimages-bench-") as temp:
        work = Path(temp)
        # Warm up: compiled modules, the disk caches, the OS file cache.
        run(POSTIMAGES + ["render", "--force", "--out", str(work / "warm"), str(SPECS)], ROOT)
        run([sys.executable, str(FLOOR), str(work / "warm-floor"), "4"], ROOT)
        posts = make_posts(work)
        run(POSTIMAGES + ["render", "--force", "--out", str(work / "warm-new"), str(posts.new_kinds)], ROOT)
        try:
            series, problems = measure_posts(posts, args.runs)
        finally:
            shutil.rmtree(posts.empty_caches, ignore_errors=True)
        watch = []
        if args.watch_saves:
            from watchbench import watch_latencies  # bench/, beside this file

            watch = watch_latencies(work / "watch", args.watch_saves)
        one, many, room, batch_problems = measure_batch(work, args.batch_runs, args.batch, workers)
        png_sizes = {p.name: p.stat().st_size for p in sorted((work / f"cold-{args.runs}").glob("*.png"))}
    edit_ok = not any(p.startswith("edit") for p in problems)

    report = Report(series, posts, one, many, workers, room, args.batch, watch, png_sizes)
    lines = [
        f"Machine: {machine()}  ",
        f"Load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; "
        f"{args.runs} runs per post measurement, {args.batch_runs} per batch measurement, "
        f"{args.watch_saves} saves in watch; {time.strftime('%Y-%m-%d')}",
        "",
        table(report),
        "",
        f"One-number edit re-renders only that card: {mark(edit_ok)}",
    ]
    lines += [f"- problem: {problem}" for problem in problems + batch_problems]
    text = "\n".join(lines)
    print(text)
    if args.update_readme:
        update_readme(text)


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
