"""The command line: `postimages render`, and friends."""

from __future__ import annotations

import atexit
import gc
import sys
import time
from pathlib import Path

import click

from postimages import __version__
from postimages.errors import PostimagesError
from postimages.plural import plural

RENDER_EXAMPLES = """
\b
Examples:
  postimages render                          every card in specs/ -> output/
  postimages render specs/01-validation.yaml one card
  postimages render --size portrait --out out-portrait
  postimages render --scale 2                twice the pixels, same layout
  postimages render --pdf                    also the carousel PDF for a document post
"""


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""
\b
Examples:
  postimages init my-post            start a post: one commented spec of each kind
  postimages render                  render every card in specs/ to output/
  postimages render specs/01-validation.yaml
  postimages render --size portrait --out out-portrait
  postimages render --pdf            also the carousel PDF
  postimages check                   problems and lint before posting
  postimages preview                 the cards as a phone's feed shows them
  postimages watch                   render again on every save
  postimages explain code            a kind's fields, their limits, an example
\b
A card is a YAML file in specs/: `postimages explain` lists the kinds and their fields.
Exit status: 0 done, 1 a card or file failed, 2 a usage error.
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="postimages")
def main() -> None:
    """Turn short YAML specs into polished, LinkedIn-ready PNG cards."""
    # When a command ends, Python's shutdown runs the garbage collector over
    # every object left (~20 ms after a render). Frozen objects are skipped,
    # and the operating system frees the memory of an ending process anyway.
    atexit.register(gc.freeze)


def _parsed_by(parse_name: str):
    """A click callback that parses with `module:function`, its ValueError a usage error.

    The parser is imported on use, so `--help` stays quick."""
    module_name, function_name = parse_name.split(":")

    def callback(ctx, param, value):
        if value is None:
            return None
        import importlib

        parse = getattr(importlib.import_module(module_name), function_name)
        try:
            return parse(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def _card_options(command):
    """The options every rendering command shares: specs, output folder, size, scale, theme."""
    decorators = [
        click.argument("specs", nargs=-1, type=click.Path(path_type=Path)),
        click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=Path("output"), show_default=True, help="Folder for the PNGs."),
        click.option("-s", "--size", callback=_parsed_by("postimages.spec:parse_size"), metavar="SIZE",
                     help="square, portrait, landscape or WIDTHxHEIGHT; overrides the specs."),
        click.option("--scale", type=click.FloatRange(0.5, 4), default=1.0, show_default=True,
                     help="Pixel multiplier: 2 renders twice the pixels with the same layout."),
        click.option("--theme", callback=_parsed_by("postimages.theme:theme_from_spec"), metavar="THEME",
                     help="dark or light; overrides the specs."),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def _plan(specs: tuple[Path, ...], cache=None):
    """The cards to render, and problems found on the way (printed); a usage error exits 2.
    `cache`: the output folder's, to plan an unchanged post without reading it."""
    from postimages.plan import plan

    try:
        jobs, problems = plan(list(specs), cache)
    except PostimagesError as exc:
        _fail(str(exc))
    for problem in problems:
        click.echo(problem, err=True)
    return jobs, problems


@main.command(epilog=RENDER_EXAMPLES)
@_card_options
@click.option("-f", "--force", is_flag=True, help="Render every card, even those whose inputs are unchanged.")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0,
              help="Worker processes (default: picked from the number of cards and cores).")
@click.option("--pdf", is_flag=True, help="Also write carousel.pdf: every card, one page each, in post order.")
def render(specs: tuple[Path, ...], out_dir: Path, size, scale: float, theme, force: bool, jobs: int,
           pdf: bool) -> None:
    """Render cards from SPECS (files or folders; default: specs/) to PNGs.

    Cards whose spec, post.yaml, snippet files and options are unchanged since
    their PNG was written are skipped; --force renders them anyway."""
    from postimages.build import render_all
    from postimages.cache import Cache
    from postimages.plan import Options, orphans_line, remove_orphaned_pngs
    from postimages.postfiles import write_post_files
    from postimages.output import remove_stale_temp_files

    options = Options(out_dir=out_dir, size=size, scale=scale, theme=theme, force=force, jobs=jobs)
    _check_out_dir(out_dir)
    remove_stale_temp_files(out_dir)  # left behind by a render that was killed mid-write
    started = time.perf_counter()
    cache = Cache(out_dir)
    jobs, problems = _plan(specs, cache)
    results = render_all(jobs, options, on_result=_reporter(), cache=cache)
    removed = remove_orphaned_pngs(list(specs), jobs, options)
    if removed:
        click.echo(orphans_line(removed))
    written, file_problems = write_post_files(results, options, pdf)
    for post_file in written:
        click.echo(f"{post_file.path}  {post_file.summary}")
    for problem in file_problems:
        click.echo(problem, err=True)
    problems = problems + file_problems
    failed = sum(1 for r in results if not r.ok)
    total = time.perf_counter() - started
    unchanged = sum(1 for r in results if r.skipped)
    rendered = len(jobs) - failed - unchanged
    # No card planned: post.yaml (or every spec) cannot be read, so "0 of 0" would say nothing.
    summary = f"{rendered} of {plural(len(jobs), 'card')} rendered" if jobs or not problems else "no card rendered"
    if unchanged:
        summary += f", {unchanged} unchanged"
    summary += f" in {total:.2f} s"
    if failed or problems:
        click.echo(f"{summary}; fix the errors above and run again (previous PNGs were kept)", err=True)
        sys.exit(1)
    click.echo(summary)


@main.command(epilog="""
\b
Examples:
  postimages preview                 render what changed, then write output/preview.png
  postimages preview --size portrait
""")
@_card_options
def preview(specs: tuple[Path, ...], out_dir: Path, size, scale: float, theme) -> None:
    """Show the cards as a phone's feed does: one PNG to check readability before posting."""
    from postimages.build import render_all
    from postimages.plan import Options
    from postimages.postfiles import write_preview

    options = Options(out_dir=out_dir, size=size, scale=scale, theme=theme)
    _check_out_dir(out_dir)
    jobs, problems = _plan(specs)
    results = render_all(jobs, options, on_result=_reporter())
    try:
        written = write_preview(results, options)
    except (PostimagesError, OSError) as exc:  # OSError: a PNG that cannot be read back
        click.echo(str(exc) if isinstance(exc, PostimagesError) else f"cannot read a card back: {exc}", err=True)
        sys.exit(1)
    if written is not None:
        click.echo(f"{written.path}  {written.summary}")
    if problems or any(not r.ok for r in results) or written is None:
        sys.exit(1)


@main.command(epilog="""
\b
Examples:
  postimages schema > postimages.schema.json
  postimages schema --post > post.schema.json
Then put this first line in a spec for completion and inline errors
(VS Code's YAML extension, or any yaml-language-server editor):
  # yaml-language-server: $schema=../postimages.schema.json
""")
@click.option("--post", "for_post", is_flag=True, help="The schema of post.yaml instead of card specs.")
def schema(for_post: bool) -> None:
    """Print a JSON Schema of the spec format, for editor completion and checks."""
    import json

    from postimages.spec import json_schema, post_json_schema

    click.echo(json.dumps(post_json_schema() if for_post else json_schema(), indent=2, ensure_ascii=False))


@main.command(epilog="""
\b
Examples:
  postimages explain                 the kinds, and the fields every card and post.yaml have
  postimages explain code            the fields of a code card, with an example
""")
@click.argument("kind", required=False)
def explain(kind: str | None) -> None:
    """The spec format: each kind's fields with their types, limits and an example
    (made from the schema; `postimages --help` lists the commands)."""
    from postimages.explain import explain as explain_format

    try:
        click.echo(explain_format(kind))
    except PostimagesError as exc:
        _fail(str(exc))


@main.command(epilog="""
\b
Examples:
  postimages init my-post && cd my-post && postimages render
""")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def init(folder: Path) -> None:
    """Start a new post in FOLDER (default: here): post.yaml and one spec of each kind."""
    from postimages.scaffold import create_post

    try:
        files = create_post(folder)
    except PostimagesError as exc:
        _fail(str(exc))
    for path in files:
        click.echo(f"created {path}")
    where = "" if folder == Path(".") else f"cd {folder} && "
    click.echo(f"Next: {where}postimages render   (then open output/, edit specs/, render again)")


@main.command(epilog="""
\b
Examples:
  postimages check                   every card in specs/
  postimages check specs/01-validation.yaml
  postimages check --strict          warnings fail too (exit 1), e.g. before posting
  postimages check --size landscape --theme light   the post as those options would render it
  postimages check --values          also list every value taken from a data file
\b
Exit status: 0 clean (or warnings only), 1 warnings with --strict, 2 errors.
""")
@click.argument("specs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings (and no errors).")
@click.option("-s", "--size", callback=_parsed_by("postimages.spec:parse_size"), metavar="SIZE",
              help="Check at this size, as `render --size` draws it: square, portrait, landscape or WxH.")
@click.option("--theme", callback=_parsed_by("postimages.theme:theme_from_spec"), metavar="THEME",
              help="Check in this theme, as `render --theme` draws it: dark or light.")
@click.option("--values", "list_values", is_flag=True,
              help="List every {data.path} and {data: ...} of the cards with the value it gives.")
def check(specs: tuple[Path, ...], strict: bool, size, theme, list_values: bool) -> None:
    """Report every problem render would reject, and what to fix before posting
    (tiny text, low contrast, garbled characters), without writing any file."""
    from postimages.check import check as check_specs
    from postimages.check import placeholder_values
    from postimages.plan import Options

    try:
        report = check_specs(list(specs), Options(size=size, theme=theme))
        values = placeholder_values(list(specs), Options(size=size, theme=theme)) if list_values else []
    except PostimagesError as exc:
        _fail(str(exc))
    for line in values:
        click.echo(line)
    for finding in report.findings:
        click.echo(str(finding))
    summary = (f"{plural(report.cards, 'card')} checked: {plural(report.errors, 'error')}, "
               f"{plural(report.warnings, 'warning')}")
    click.echo(summary)
    sys.exit(report.exit_code(strict))


@main.command(epilog="""
\b
Examples:
  postimages watch                   render specs/ to output/, then again on every save
  postimages watch --size portrait --out out-portrait
""")
@_card_options
def watch(specs: tuple[Path, ...], out_dir: Path, size, scale: float, theme) -> None:
    """Render SPECS (default: specs/), then re-render each card when a file it
    reads is saved: its spec, post.yaml or a snippet. Ctrl-C stops."""
    from postimages.plan import Options
    from postimages.watch import Watcher, file_changes, watch_loop

    _plan(specs)  # a missing specs/ folder is an error now, not a silent wait
    _check_out_dir(out_dir)
    options = Options(out_dir=out_dir, size=size, scale=scale, theme=theme)
    watcher = Watcher(list(specs), options, on_result=lambda r: _report(r, stamped=True),
                      on_problem=lambda m: click.echo(_stamped(m), err=True),
                      on_note=lambda m: click.echo(_stamped(m)))
    try:
        watch_loop(watcher, file_changes(watcher, on_ready=lambda: click.echo(_stamped(WATCHING)),
                                         idle=watcher.warm_up()))
    except KeyboardInterrupt:
        click.echo(_stamped("stopped watching"))


WATCHING = "watching for changes (Ctrl-C to stop)"  # said once the folders are watched: a save from then on is seen


def _stamped(message: str) -> str:
    """Each line of a watch's message after the time of day, HH:MM:SS."""
    now = time.strftime("%H:%M:%S")
    return "\n".join(f"{now} {line}" for line in message.splitlines() or [""])


def _report(result, stamped: bool = False, said: set[str] | None = None) -> None:
    """A result's line, then its warnings and errors. With `said`, a problem already
    printed in this run (one in post.yaml, which every card shares) is not printed again."""
    mark = _stamped if stamped else str
    if result.ok:
        click.echo(mark(_result_line(result)))
    for problem in (*result.warnings, *result.errors):
        if said is None or problem not in said:
            click.echo(mark(problem), err=True)
        if said is not None:
            said.add(problem)


def _reporter():
    """`_report` for one render: each shared problem said once."""
    said: set[str] = set()
    return lambda result: _report(result, said=said)


def _result_line(result) -> str:
    width, height = result.pixels
    took = "unchanged" if result.skipped else f"{result.seconds:.2f} s"
    return f"{result.output}  {width}×{height}  {_kilobytes(result.bytes_written)}  {took}"


def _kilobytes(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count < 1024 * 1024 else f"{count / 1024 / 1024:.1f} MB"


def _check_out_dir(out_dir: Path) -> None:
    """One line, exit 1, when the output folder cannot be a folder (a dangling link, a file)."""
    from postimages.output import folder_problem

    problem = folder_problem(out_dir)
    if problem:
        click.echo(problem, err=True)
        sys.exit(1)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)
