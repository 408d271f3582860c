"""`postimages check`: everything render would reject, plus what to fix before posting.

Errors are what render rejects (the spec, a character no font has, text that
cannot fit). Warnings are lint a reader would notice on a phone: text that
shrank below the look's size for it, contrast under 4.5:1, mojibake. Nothing
is drawn and no file is written: cards are only loaded and laid out.

Card layouts take part by listing their texts (`text_items(ctx)`, see
`postimages.text.TextItem`); a kind without that list still gets its texts
found by walking its layout, and checked for size and for leaving the card.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from postimages.plan import Job, Options, load_job, plan
from postimages.errors import LayoutError, SpecError, SpecErrors
from postimages.geometry import Box
from postimages.mojibake import looks_garbled, repair
from postimages.render import layout_card, strings_of
from postimages.spec import POST_FILE, Card, display_path
from postimages.text import Placed, TextItem, check_drawable
from postimages.theme import contrast
from postimages.yamlsource import Located, join, load_file

MIN_CONTRAST = 4.5  # WCAG AA for text, as the look asks
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning
    problem: SpecError  # where, which field, what, and the hint

    def __str__(self) -> str:
        where, _, rest = str(self.problem).partition(": ")
        return f"{where}: {self.severity}: {rest}"


@dataclass
class Report:
    findings: list[Finding] = dataclasses.field(default_factory=list)
    cards: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    def exit_code(self, strict: bool) -> int:
        if self.errors:
            return 2
        return 1 if strict and self.warnings else 0


def check(targets: list[Path]) -> Report:
    """Check the given spec files and folders (default: specs/)."""
    report = Report()
    jobs, problems = plan(targets)
    for problem in problems:
        report.findings.extend(_plan_problem(line) for line in problem.splitlines())
    for folder in dict.fromkeys(job.folder for job in jobs):
        report.findings.extend(_check_post_file(folder))
    for job in jobs:
        report.cards += 1
        report.findings.extend(_in_file_order(check_card(job)))
    return report


def _plan_problem(line: str) -> Finding:
    """A problem found while listing the cards, already a one-line message."""
    where, _, message = line.partition(": ")
    return Finding(ERROR, SpecError(where, None, None, "", message))


def _check_post_file(folder: Path) -> list[Finding]:
    path = folder / POST_FILE
    if not path.is_file():
        return []
    try:
        located = load_file(path, display_path(path))
    except SpecError:
        return []  # already reported by plan(): no card of the folder renders
    return [f for path, text in strings_of(located.data) for f in _mojibake(located, path, text)]


def check_card(job: Job) -> list[Finding]:
    """Every finding of one card: its spec, its characters, its layout."""
    try:
        located = load_file(job.spec, display_path(job.spec))
    except SpecError as exc:
        return [Finding(ERROR, exc)]
    mojibake = [f for path, text in strings_of(located.data) for f in _mojibake(located, path, text)]
    undrawable = [f for path, text in strings_of(located.data) for f in _undrawable(located, path, text)]
    try:
        card = load_job(job, Options())
    except SpecErrors as exc:
        return mojibake + undrawable + [Finding(ERROR, e) for e in exc.errors]
    except SpecError as exc:
        return mojibake + undrawable + [Finding(ERROR, exc)]
    try:
        laid_out = layout_card(card)
    except SpecError as exc:
        # Render stops at the first character no font has; list them all, field by field.
        failed_on_glyphs = exc.field in {f.problem.field for f in undrawable}
        return mojibake + undrawable + ([] if failed_on_glyphs else [Finding(ERROR, exc)])
    # It laid out, so every drawn text has its glyphs; the rest (a file path, a
    # language name) is never drawn and needs none.
    items = text_items_of(laid_out)
    canvas = Box(0, 0, *laid_out.ctx.size)
    return mojibake + _layout_findings(card, items, canvas) + _contrast_findings(card, items)


def _in_file_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (str(f.problem.file), f.problem.line or 0, f.problem.column or 0))


# --- the text as typed ------------------------------------------------------


def _undrawable(located: Located, path: str, text: str) -> list[Finding]:
    try:
        check_drawable(text, path)  # the text chain holds every bundled font but emoji
    except LayoutError as exc:
        return [Finding(ERROR, located.error(path, exc.message, exc.hint))]
    return []


def _mojibake(located: Located, path: str, text: str) -> list[Finding]:
    if not looks_garbled(text):
        return []
    repaired = repair(text)
    hint = f"did you mean {_quoted(repaired)}?" if repaired else "retype the garbled characters"
    message = f"{_quoted(_excerpt(text))} looks like text saved as UTF-8 and read back as Windows-1252"
    return [Finding(WARNING, located.error(path, message, hint))]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"').replace("\n", "\\n") + '"'


def _excerpt(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


# --- the laid-out card ------------------------------------------------------


def text_items_of(laid_out) -> list[TextItem]:
    """The texts of the frame and of the card's content, with what is behind them."""
    ctx = laid_out.ctx
    items = laid_out.frame.text_items(ctx)
    listed = getattr(laid_out.content, "text_items", None)
    if listed is not None:
        return items + listed(ctx)
    # A kind that does not list its texts: find them, without a background to judge contrast by.
    return items + [TextItem(path, placed, (), ctx.min_text) for path, placed in _placed_in(laid_out.content, "")]


def _placed_in(value: object, path: str):
    """(attribute path, Placed) of every placed text inside a layout object."""
    if isinstance(value, Placed):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _placed_in(getattr(value, f.name), join(path, f.name))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            yield from _placed_in(child, join(path, index))


def _layout_findings(card: Card, items: list[TextItem], canvas: Box) -> list[Finding]:
    findings = []
    for item in items:
        block = item.placed.block
        if not block.lines:
            continue
        if not canvas.contains(item.placed.ink_box, tolerance=1):
            findings.append(Finding(ERROR, _error(card, item.field, "the text would run past the edge of the card",
                                                  "shorten it")))
        elif block.style.size < item.min_size - 0.5:
            findings.append(Finding(WARNING, _error(
                card, item.field,
                f"drawn at {block.style.size:.0f} px to fit, under the look's {item.min_size:.0f} px for this "
                "text on a phone", "shorten it so that it can stay larger")))
    return findings


def _contrast_findings(card: Card, items: list[TextItem]) -> list[Finding]:
    """One warning per pair of colours under 4.5:1, naming the first text drawn with it."""
    fields_by_pair: dict[tuple, list[str]] = {}
    ratios: dict[tuple, float] = {}
    for item in items:
        if not item.backgrounds or not _has_letters(item.placed):
            continue  # colour emoji bring their own colours
        color = tuple(item.placed.block.style.color[:3])
        ratio, behind = min((contrast(color, b), tuple(b[:3])) for b in item.backgrounds)
        if ratio < MIN_CONTRAST:
            fields_by_pair.setdefault((color, behind), []).append(item.field)
            ratios[(color, behind)] = ratio
    findings = []
    for (color, behind), fields in fields_by_pair.items():
        more = len(fields) - 1
        texts = fields[0] + (f" and {more} more text{'s' if more > 1 else ''}" if more else "")
        message = (f"contrast of {texts}: {ratios[(color, behind)]:.2f}:1 ({_hex(color)} on {_hex(behind)}); "
                   "text needs 4.5:1 to read on a phone")
        findings.append(Finding(WARNING, _error(card, _theme_field(card) or fields[0], message,
                                                "choose theme colours further apart")))
    return findings


def _theme_field(card: Card) -> str | None:
    """Point at the theme when the spec chose one: that is where contrast is fixed."""
    return "theme" if "theme" in card.located.positions or _post_has(card, "theme") else None


def _has_letters(placed: Placed) -> bool:
    return any(run.font_path is not None for line in placed.block.lines for run in line.runs)


def _hex(color: tuple) -> str:
    return "#" + "".join(f"{c:02X}" for c in color[:3])


def _error(card: Card, field: str, message: str, hint: str) -> SpecError:
    """Locate a field of the card, or of post.yaml when the card takes it from there."""
    if field not in card.located.positions:
        post = _post_located(card)
        if post is not None and field in post.positions:
            return post.error(field, message, hint)
    return card.error(field, message, hint)


def _post_has(card: Card, field: str) -> bool:
    post = _post_located(card)
    return post is not None and field in post.positions


def _post_located(card: Card) -> Located | None:
    path = card.path.parent / POST_FILE
    try:
        return load_file(path, display_path(path)) if path.is_file() else None
    except SpecError:
        return None
