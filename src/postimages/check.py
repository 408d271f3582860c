"""`postimages check`: everything render would reject, plus what to fix before posting.

Errors are what render rejects (the spec, a character no font has, text that
cannot fit). Warnings are lint a reader would notice on a phone: text that
shrank below the look's size for it, contrast under 4.5:1, mojibake. Nothing
is drawn and no file is written: cards are only loaded and laid out.

Check reads the card's scene, the same drawables the painter paints: every
text with its field and sizes, the colours actually under it, and every
graphic that carries meaning (held to 3:1).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from postimages import emphasis, fonts
from postimages.build import outside_the_post
from postimages.plan import Job, Options, load_job, plan
from postimages.errors import LayoutError, SpecError, SpecErrors
from postimages.geometry import Box
from postimages.legibility import describe, render_warning, small_texts
from postimages.mojibake import looks_garbled, repair
from postimages.color import GRAPHICS_CONTRAST, TEXT_CONTRAST, Color, contrast, hex_of
from postimages.render import image_warnings, layout_card, strings_of
from postimages.scene import TEXTS, Scene
from postimages.cardfiles import POST_FILE
from postimages.errors import display_path
from postimages.spec import Card, load_post_settings
from postimages.text import TextBlock, check_drawable
from postimages.yamlsource import Located, load_file
ERROR, WARNING = "error", "warning"
LONGEST_FIELD = 20_000  # inline code, the longest text a spec field accepts


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


def check(targets: list[Path], options: Options | None = None) -> Report:
    """Check the given spec files and folders (default: specs/), at the size
    and theme `options` would render them."""
    options = options or Options()
    report = Report()
    jobs, problems = plan(targets)
    for problem in problems:
        report.findings.extend(_plan_problem(line) for line in problem.splitlines())
    for folder in dict.fromkeys(job.folder for job in jobs):
        report.findings.extend(_check_post_file(folder))
    for job in jobs:
        report.cards += 1
        report.findings.extend(_in_file_order(check_card(job, options)))
    # A shared setting in post.yaml that every card trips on is one finding, not one per card.
    report.findings = list({str(finding): finding for finding in report.findings}.values())
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


def check_card(job: Job, options: Options | None = None) -> list[Finding]:
    """Every finding of one card: its spec, its characters, its layout."""
    try:
        located = load_file(job.spec, display_path(job.spec))
    except SpecError as exc:
        return [Finding(ERROR, exc)]
    # Text longer than any field allows is reported by validation; reading it
    # character by character would only cost time.
    texts = [(path, text) for path, text in strings_of(located.data) if len(text) <= LONGEST_FIELD]
    mojibake = [f for path, text in texts for f in _mojibake(located, path, text)]
    with fonts.using(_post_fonts(job)):  # a character only the post's own font has is drawable
        undrawable = [f for path, text in texts for f in _undrawable(located, path, text)]
    try:
        card = load_job(job, options or Options())
    except SpecErrors as exc:
        return mojibake + undrawable + [Finding(ERROR, e) for e in exc.errors]
    except SpecError as exc:
        return mojibake + undrawable + [Finding(ERROR, exc)]
    # Files read from outside the post's folder: private files a spec from someone else could publish.
    outside = [Finding(WARNING, problem) for problem in (*outside_the_post(card, job.folder), *card.font_warnings)]
    mojibake += _unbalanced_markers(card)
    try:
        laid_out = layout_card(card)
    except SpecError as exc:
        # Render stops at the first character no font has; list them all, field by field.
        failed_on_glyphs = exc.field in {f.problem.field for f in undrawable}
        return outside + mojibake + undrawable + ([] if failed_on_glyphs else [Finding(ERROR, exc)])
    # It laid out, so every drawn text has its glyphs; the rest (a file path, a
    # language name) is never drawn and needs none.
    texts = texts_of(laid_out)
    canvas = Box(0, 0, *laid_out.size)
    animated = [Finding(WARNING, problem) for problem in image_warnings(card)]
    return (outside + animated + mojibake + _layout_findings(card, texts, canvas) + _small_text_findings(card, laid_out)
            + _contrast_findings(card, texts + emphasised_of(laid_out), TEXT_CONTRAST)
            + _contrast_findings(card, graphics_of(laid_out), GRAPHICS_CONTRAST) + _tint_findings(card, laid_out))


def _in_file_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (str(f.problem.file), f.problem.line or 0, f.problem.column or 0))


# --- the text as typed ------------------------------------------------------


def _post_fonts(job: Job):
    """post.yaml's own fonts, or None (a mistake in post.yaml is reported with the card's other findings)."""
    try:
        return load_post_settings(job.folder).fonts
    except SpecError:
        return None


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


_CLOSE_HINTS = {
    emphasis.STRONG: "close it with ** or write \\*\\* for literal asterisks",
    emphasis.TICK: "close it with ` or write \\` for a literal backtick",
}


def _unbalanced_markers(card: Card) -> list[Finding]:
    """A `**` or backtick with no partner: drawn as typed, which is seldom what was meant."""
    findings = []
    for path, text in card.marked_texts():
        for lone in emphasis.parse(text).unbalanced:
            where = _excerpt(text[max(0, lone.offset - 20):], 40)
            message = f"{lone.marker} has no closing {lone.marker}, so it is drawn as typed: {_quoted(where)}"
            findings.append(Finding(WARNING, card.error(path, message, _CLOSE_HINTS[lone.marker])))
    return findings


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"').replace("\n", "\\n") + '"'


def _excerpt(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


# --- the laid-out card ------------------------------------------------------


class Seen(NamedTuple):
    """A text or a meaningful graphic as check sees it: what it shows, in which
    colour, over which colours, and the size it is held to."""

    field: str
    block: TextBlock | None  # None: a graphic
    box: Box
    color: Color
    behind: tuple[Color, ...]
    legible: float


def texts_of(scene: Scene) -> list[Seen]:
    """Every text of the scene with the colours under it, in paint order."""
    seen = []
    for index, item in enumerate(scene.items):
        if isinstance(item, TEXTS):
            seen.append(Seen(item.field, item.block, item.box, tuple(item.block.style.color[:3]),
                             scene.colours_under(index, item.box), item.legible))
    return seen


def emphasised_of(scene: Scene) -> list[Seen]:
    """The `**emphasised**` words of every text, in the colour they are drawn in."""
    seen = []
    for index, item in enumerate(scene.items):
        if isinstance(item, TEXTS) and any(run.emphasised and run.font_path for line in item.block.lines
                                           for run in line.runs):
            style = item.block.style
            seen.append(Seen(item.field, item.block, item.box, tuple((style.emphasis or style.color)[:3]),
                             scene.colours_under(index, item.box), item.legible))
    return seen


def graphics_of(scene: Scene) -> list[Seen]:
    """Every shape that carries meaning, with the colours under it."""
    return [Seen(item.meaning, None, item.box, tuple(item.color[:3]), scene.colours_under(index, item.box), 0)
            for index, item in enumerate(scene.items) if getattr(item, "meaning", None)]


def _layout_findings(card: Card, texts: list[Seen], canvas: Box) -> list[Finding]:
    findings = []
    for item in texts:
        block = item.block
        if not block.lines:
            continue
        if not canvas.contains(item.box, tolerance=1):
            findings.append(Finding(ERROR, card.error(item.field, "the text would run past the edge of the card",
                                                  "shorten it")))
    return findings


def _small_text_findings(card: Card, scene: Scene) -> list[Finding]:
    """One warning per field drawn under the look's size for it; or, when the
    layout recorded why it could not stay legible, that one, as render prints it."""
    from postimages import cards

    if scene.shrunk is not None:
        return [Finding(WARNING, render_warning(card, scene))]

    kind = cards.get(card.kind)
    return [Finding(WARNING, card.error(small.field, describe(small), kind.small_text_hint(small.field)))
            for small in small_texts(scene)]


def _contrast_findings(card: Card, seen: list[Seen], minimum: float) -> list[Finding]:
    """One warning per pair of colours under `minimum`, naming the first text or graphic drawn with it."""
    fields_by_pair: dict[tuple, list[str]] = {}
    ratios: dict[tuple, float] = {}
    for item in seen:
        if not item.behind or (item.block is not None and not _has_letters(item.block)):
            continue  # colour emoji bring their own colours
        ratio, behind = min((contrast(item.color, b), tuple(b[:3])) for b in item.behind)
        if ratio < minimum:
            fields_by_pair.setdefault((item.color, behind), []).append(item.field)
            ratios[(item.color, behind)] = ratio
    what = "text" if minimum == TEXT_CONTRAST else "a graphic that carries meaning"
    findings = []
    for (color, behind), fields in fields_by_pair.items():
        more = len(fields) - 1
        noun = "text" if minimum == TEXT_CONTRAST else "graphic"
        names = fields[0] + (f" and {more} more {noun}{'s' if more > 1 else ''}" if more else "")
        message = (f"contrast of {names}: {ratios[(color, behind)]:.2f}:1 ({hex_of(color)} on {hex_of(behind)}); "
                   f"{what} needs {minimum:g}:1 to read on a phone")
        findings.append(Finding(WARNING, card.error(_theme_field(card) or fields[0], message,
                                                "choose theme colours further apart")))
    return findings


def _tint_findings(card: Card, scene: Scene) -> list[Finding]:
    """A tint that marks something (the code's highlight band) too close to what is under it to be seen."""
    findings = []
    for index, item in enumerate(scene.items):
        needed = getattr(item, "stands_out", None)
        if not needed or item.fill is None:
            continue
        minimum, field = needed
        under = scene.colours_under(index, item.box)
        ratio, behind = min(((contrast(item.fill, b), tuple(b[:3])) for b in under), default=(minimum, None))
        if ratio < minimum:
            findings.append(Finding(WARNING, card.error(field, (
                f"the {item.name.split('[')[0]} is {ratio:.2f}:1 against what is under it ({hex_of(item.fill)} on "
                f"{hex_of(behind)}); it needs {minimum:g}:1 to be seen"), "choose an accent further from the window")))
            break  # one line for the card: every band has the same colours
    return findings


def _theme_field(card: Card) -> str | None:
    """Point at the theme when the spec chose one: that is where contrast is fixed."""
    return "theme" if card.sets("theme") else None


def _has_letters(block: TextBlock) -> bool:
    return any(run.font_path is not None for line in block.lines for run in line.runs)


# --- check --values -----------------------------------------------------------


def placeholder_values(targets: list[Path], options: Options | None = None) -> list[str]:
    """One line for every value a card takes from a data file: where the spec
    asks for it, the reference, the value the card shows, where it comes from.
    Cards that do not load are left to the findings."""
    lines = []
    for job in plan(targets)[0]:
        try:
            card = load_job(job, options or Options())
        except SpecError:
            continue
        for read in card.data_reads:
            line, column = card.located.where(read.field)
            place = ":".join(str(n) for n in (display_path(job.spec), line, column) if n is not None)
            lines.append(f"{place}: {read.field}: {{{read.ref}}} = {read.shown}  ({read.where})")
    return lines
