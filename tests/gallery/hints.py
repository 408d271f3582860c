"""Follow the hints of the errors the gallery gets, and say whether they work.

    .venv/bin/python tests/gallery/hints.py            # every refused card and size
    .venv/bin/python tests/gallery/hints.py long-names

For each card a size refuses (dark theme; the light theme fits the same way),
each fix the error's hint suggests is applied to a copy of the post in a
temporary folder, and the card is laid out again at the same size (or at the
size the hint names):

    fits                 the card lays out
    fixed; then ...      that error is gone, another one shows (a second step)
    STILL FAILS ...      the same field is refused again, or the field the error
                         names is not in the spec: the hint is wrong
    not understood       a hint this script cannot follow (listed, not judged)

Fixes it follows: "show at most N, e.g. `lines: A-B`" sets `lines: A-B`;
"use a taller size such as S" lays out at S; "shorten it by about N
characters" cuts N characters off the end of the field; "cut about N items"
removes N chips, from the layers with most; "or a layer" drops the last
layer; "use fewer metrics" / "use fewer items" drops the last one.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import THEMES, card_id, gallery_jobs  # noqa: E402
from postimages.plan import Options, load_job, plan  # noqa: E402
from postimages.errors import SpecError, SpecErrors  # noqa: E402
from postimages.render import layout_card  # noqa: E402
from postimages.spec import SIZES  # noqa: E402


def errors_of(job, size: str | None) -> list[SpecError]:
    options = Options(size=SIZES[size] if size else None, theme=THEMES["dark"] if size else None)
    try:
        layout_card(load_job(job, options))
    except SpecErrors as exc:
        return list(exc.errors)
    except SpecError as exc:
        return [exc]
    return []


def _path(field: str) -> list[str | int]:
    return [int(part[1:-1]) if part.startswith("[") else part for part in re.findall(r"\[\d+\]|[^.\[\]]+", field)]


def _load(file: Path) -> dict:
    return yaml.safe_load(file.read_text(encoding="utf-8")) or {}


def _save(file: Path, data: dict) -> None:
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _get(data, path):
    for key in path:
        data = data[key]
    return data


def _set(data, path, value) -> None:
    _get(data, path[:-1])[path[-1]] = value


def fixes(error: SpecError) -> list[tuple[str, object]]:
    """(description, change) for each fix the hint suggests; a change is a size
    name or a function(card data, post data, error) that edits the copies."""
    hint = error.hint or ""
    found: list[tuple[str, object]] = []
    if match := re.search(r"show at most \d+, e\.g\. `lines: (\d+)-(\d+)`", hint):
        lines = f"{match.group(1)}-{match.group(2)}"
        found.append((f"lines: {lines}", lambda card, post, e: card.__setitem__("lines", lines)))
    if match := re.search(r"a taller size such as (\w+)", hint):
        found.append((f"size {match.group(1)}", match.group(1)))
    if match := re.search(r"shorten it by about (\d+) characters", hint):
        cut = int(match.group(1))

        def shorten(card, post, e, cut=cut):
            data = post if Path(e.file).name == "post.yaml" else card
            path = _path(e.field)
            text = _get(data, path)
            _set(data, path, text[: max(1, len(text) - cut)].rstrip())

        found.append((f"{error.field} {cut} characters shorter", shorten))
    if match := re.search(r"cut (?:about )?(\d+) items?", hint):
        count = int(match.group(1))

        def cut_items(card, post, e, count=count):
            for _ in range(count):
                layer = max(card["layers"], key=lambda l: len(l.get("items") or []))
                if layer.get("items"):
                    layer["items"].pop()

        found.append((f"{count} items fewer", cut_items))
    if "or a layer" in hint:
        found.append(("one layer fewer", lambda card, post, e: card["layers"].pop()))
    if "use fewer metrics" in hint:
        found.append(("one metric fewer", lambda card, post, e: card["metrics"].pop()))
    if "use fewer items" in hint:
        found.append(("one item fewer", lambda card, post, e: card["items"].pop()))
    if match := re.search(r"shorten its widest lines to (\d+) columns", hint):
        columns = int(match.group(1))

        def narrower(card, post, e, columns=columns):
            source = Path(e.file).parent / card["source"] if card.get("source") else None
            text = source.read_text(encoding="utf-8") if source else card["code"]
            card.pop("source", None)
            card["code"] = "\n".join(line[:columns].rstrip() for line in text.splitlines())

        found.append((f"lines cut to {columns} columns", narrower))
    if match := re.search(r"keep at most (\d+) layers", hint):
        kept_layers = int(match.group(1))
        found.append((f"first {kept_layers} layers", lambda card, post, e, k=kept_layers: card.__setitem__(
            "layers", card["layers"][:k])))
    if match := re.search(r"keep at most (\d+) items?", hint):
        kept = int(match.group(1))
        found.append((f"first {kept} items", lambda card, post, e, kept=kept: card.__setitem__(
            "items", card["items"][:kept])))
    if match := re.search(r"shorten each lesson's text by about (\d+) characters?", hint):
        cut = int(match.group(1))

        def shorten_each(card, post, e, cut=cut):
            for item in card["items"]:
                if item.get("text"):
                    item["text"] = item["text"][: max(1, len(item["text"]) - cut)].rstrip()

        found.append((f"each text {cut} characters shorter", shorten_each))
    return found


def follow(job, size: str | None, error: SpecError, change) -> str:
    """Apply one fix to a copy of the post and lay the card out again."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / job.folder.name
        shutil.copytree(job.folder, folder)
        spec, post_file = folder / job.spec.name, folder / "post.yaml"
        new_size = size
        if isinstance(change, str):
            new_size = change
        else:
            card, post = _load(spec), _load(post_file)
            try:
                change(card, post, error)
            except (KeyError, IndexError, TypeError):
                return f"STILL FAILS: the spec has no field {error.field} to change"
            _save(spec, card)
            _save(post_file, post)
        jobs, problems = plan([folder])
        if problems:
            return f"STILL FAILS: {problems[0]}"
        copy = next(j for j in jobs if j.spec.name == job.spec.name)
        after = errors_of(copy, new_size)
    if not after:
        return "fits"
    same = [e for e in after if _root(e.field) == _root(error.field)]
    first = (same or after)[0]
    text = f"{first.field}: {first.message}" + (f" ({first.hint})" if first.hint else "")
    return f"STILL FAILS: {text}" if same else f"fixed; then {text}"


def _root(field: str) -> str:
    return field.split("[")[0].split(".")[0]


def main(names: list[str]) -> int:
    wrong = followed = 0
    for job in gallery_jobs():
        if names and job.folder.name not in names:
            continue
        for size in [*SIZES, None]:
            errors = errors_of(job, size)
            if not errors:
                continue
            error = errors[0]
            where = f"{card_id(job)} @ {size or 'as-written'}"
            print(f"{where}: {error.field}: {error.message} ({error.hint})")
            options = fixes(error)
            if not options:
                print("    not understood")
            for description, change in options:
                outcome = follow(job, size, error, change)
                followed += 1
                wrong += outcome.startswith("STILL")
                print(f"    {description:<40} -> {outcome}")
    print(f"{followed} fixes followed, {wrong} still fail")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
