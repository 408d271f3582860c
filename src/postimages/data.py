"""Numbers and words from data files: `{data: name.path}` and `{name.path}` in a card.

Resolved when the card's spec is loaded, before validation, so the fields
hold plain values and the layout never knows they came from a file. A number
keeps the text the data file writes it with, as if the user had typed it
(decimals as the data has them). Each value read is a `Read`: what the cache
key holds (the values, not the whole file), what `check --values` lists, and
what a validation error about the field names besides the spec's place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from postimages.emphasis import escape
from postimages.datafiles import FORMATS, DataFile, DataFileError, RawNumber, load
from postimages.errors import SpecError, did_you_mean
from postimages.plural import plural
from postimages.yamlsource import Located, join

_PATH = re.compile(r"(?P<name>[^.\[\]{}\s]+)(?P<rest>(?:\.[^.\[\]{}\s]+|\[\d+\])*)")
_STEP = re.compile(r"\.([^.\[\]{}\s]+)|\[(\d+)\]")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\s]+)\}")
LONGEST_INT = 4300  # digits: Python's own limit for reading an integer from text


@dataclass(frozen=True)
class Read:
    """One value a card takes from a data file."""

    field: str  # the spec's field path, e.g. metrics[1].value or kicker
    ref: str  # as the spec writes it: backtest.win_rate
    shown: str  # the value as the card gets it: "38.10"
    source: DataFile
    keys: tuple[str | int, ...]

    @property
    def where(self) -> str:
        """The data file's path, with the value's line and column where it has them."""
        return self.source.where(list(self.keys))

    def key_text(self) -> str:
        return f"{self.field}\t{self.ref}\t{self.shown}"


class Unreadable(Exception):
    """A reference that cannot give a value; `message` and `hint` say why."""

    def __init__(self, message: str, hint: str | None = None, whole_file: str | None = None):
        self.message, self.hint = message, hint
        self.whole_file = whole_file  # the file's own problem: said once per card, not once per reference
        super().__init__(message)


@dataclass
class Resolver:
    """The data files a post names (`data:` in post.yaml), looked up by reference."""

    sources: dict[str, Path]

    def is_name(self, word: str) -> bool:
        return word in self.sources

    def lookup(self, ref: str) -> tuple[object, DataFile, list]:
        match = _PATH.fullmatch(ref)
        if not self.sources:
            raise Unreadable(f"{ref!r} names a data file, but post.yaml names none",
                             "add `data:` to post.yaml, e.g. `data: {backtest: ../report.json}`")
        if match is None or match["name"] not in self.sources:
            known = ", ".join(self.sources)
            raise Unreadable(f"{ref!r} names no data file", f"data files of this post: {known}")
        try:
            data = load(self.sources[match["name"]])
        except DataFileError as exc:
            raise Unreadable(f"{ref}: {exc}", exc.hint, whole_file=str(exc)) from None
        value, keys = data.value, []
        for step in _STEP.finditer(match["rest"]):
            value = _step(value, step, keys, data, ref, ref[: len(match["name"]) + step.start()])
            keys.append(step[1] if step[1] is not None else int(step[2]))
        if isinstance(value, int) and not isinstance(value, bool):
            value = RawNumber(value)  # an integer is written as its digits
        return value, data, keys

    def number(self, ref: str) -> tuple[int | float, str, DataFile, list]:
        """The number at `ref`, the text it is written with, and where it is."""
        value, data, keys = self.lookup(ref)
        if isinstance(value, RawNumber):
            return _as_number(value, ref, data, keys), str(value), data, keys
        where = data.where(keys)
        if isinstance(value, str):
            raise Unreadable(f"{ref} is {_excerpt(value)!r} in {where}, a word where a number belongs",
                             f"name a number in the data file; a word goes in a text field as {{{ref}}}")
        raise Unreadable(*_not_a_value(value, ref, where, "a number"))

    def text(self, ref: str) -> tuple[str, DataFile, list]:
        """The value at `ref` as text, as the data file writes it, and where it is."""
        value, data, keys = self.lookup(ref)
        if isinstance(value, RawNumber):
            _as_number(value, ref, data, keys)
            return str(value), data, keys
        if isinstance(value, bool):
            return str(value).lower(), data, keys
        if isinstance(value, str):
            return value, data, keys
        where = data.where(keys)
        raise Unreadable(*_not_a_value(value, ref, where, "a value"))


def _step(value: object, step: re.Match, keys: list, data: DataFile, ref: str, at: str) -> object:
    """One step of a path (`.key` or `[n]`) from `value`, the value at `at`."""
    key, index = step[1], step[2]
    if key is not None:
        if not isinstance(value, dict):
            raise Unreadable(f"{at} in {data.where(keys)} is {_kind(value)}, it has no key {key!r}")
        if key not in value:
            hint = did_you_mean(key, list(value))
            shown = ", ".join(list(value)[:12]) + (", ..." if len(value) > 12 else "")
            keys_there = f"keys there: {shown}" if value else "it is empty"
            under = f" under {at}" if keys else ""
            raise Unreadable(f"{ref}: {data.where(keys)} has no key {key!r}{under}",
                             f"{hint} {keys_there}" if hint else keys_there)
        return value[key]
    if not isinstance(value, list):
        raise Unreadable(f"{at} in {data.where(keys)} is {_kind(value)}, not a list to take [{index}] of")
    if int(index) >= len(value):
        raise Unreadable(f"{at} in {data.where(keys)} has {plural(len(value), 'entry', 'entries')}, so no [{index}]",
                         f"the first is [0], the last [{len(value) - 1}]" if value else None)
    return value[int(index)]


def _as_number(raw: RawNumber, ref: str, data: DataFile, keys: list) -> int | float:
    """The number, or Unreadable for one no card can show (only then is its place looked up)."""
    try:
        return _checked_number(raw)
    except Unreadable as exc:
        where = data.where(keys)
        raise Unreadable(f"{ref} in {where} {exc.message}", exc.hint) from None


def _checked_number(raw: RawNumber) -> int | float:
    text = raw.replace("_", "").strip()
    digits = len(text.lstrip("+-"))
    if re.fullmatch(r"[-+]?\d+", text):
        if digits > LONGEST_INT:
            raise Unreadable(f"is a number of {digits:,} digits, too long to show",
                             "give it in thousands, millions or billions")
        return int(text)
    try:
        number = float(text)
    except ValueError:
        raise Unreadable(f"is {raw!r}, not a number this can read") from None
    if not math.isfinite(number):
        raise Unreadable(f"is {raw}, not a finite number", "write a number the card can show")
    return number


def _not_a_value(value: object, ref: str, where: str, wanted: str) -> tuple[str, str | None]:
    if value is None:
        return f"{ref} is empty (null) in {where}, where {wanted} belongs", "fill it in the data file"
    if isinstance(value, bool):
        return f"{ref} is {str(value).lower()} (a yes/no value) in {where}, where {wanted} belongs", None
    if isinstance(value, list):
        hint = f"name one entry: {ref}[0]" if value else None
        return f"{ref} is a list of {plural(len(value), 'entry', 'entries')} in {where}, where {wanted} belongs", hint
    names = list(value)[:3]
    hint = "name one of its keys: " + ", ".join(f"{ref}.{k}" for k in names) if names else None
    return f"{ref} is a mapping in {where}, where {wanted} belongs", hint


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (RawNumber, int)) and not isinstance(value, bool):
        return f"the number {value}"
    return f"the text {_excerpt(value)!r}" if isinstance(value, str) else "a single value"


def _excerpt(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


# --- a card's spec -----------------------------------------------------------


def resolve(located: Located, resolver: Resolver, verbatim: tuple[str, ...] = (),
            marked: Callable[[str], bool] = lambda path: False) -> tuple[Located, list[Read]]:
    """The spec with every data reference replaced by its value, and what was read.

    Fields in `verbatim` (code) keep their braces. In a field that takes
    emphasis (`marked`), a value's asterisks and backticks are only that:
    the value is put in after the markup is written, never read as markup.
    Every reference that cannot be read is a SpecError at the field, together as SpecErrors."""
    from postimages.errors import SpecErrors

    resolution = _Resolution(located, resolver, marked)
    data = {k: (v if k in verbatim else resolution.walk(v, k)) for k, v in located.data.items()}
    if resolution.errors:
        raise SpecErrors(resolution.errors)
    return replace(located, data=data, raw=resolution.raw), resolution.reads


class _Resolution:
    """One card's pass over its spec: the values put in, what was read, what could not be."""

    def __init__(self, located: Located, resolver: Resolver, marked: Callable[[str], bool]):
        self.located, self.resolver, self.marked = located, resolver, marked
        self.raw = dict(located.raw)  # a number from a file counts as typed as the file writes it
        self.reads: list[Read] = []
        self.errors: list[SpecError] = []
        self.files_failed: set[str] = set()

    def walk(self, value: object, path: str) -> object:
        if _is_reference(value):
            return self.number(value["data"].strip(), path)
        if isinstance(value, dict):
            return {k: self.walk(v, join(path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.walk(v, join(path, i)) for i, v in enumerate(value)]
        if isinstance(value, str) and ("{" in value or "}" in value):
            return _PLACEHOLDER.sub(lambda match: self.placeholder(match, path), value)
        return value

    def number(self, ref: str, path: str) -> object:
        try:
            number, typed, source, keys = self.resolver.number(ref)
        except Unreadable as exc:
            self.failed(path, exc)
            return None
        self.raw[path] = typed
        self.reads.append(Read(path, ref, typed, source, tuple(keys)))
        return number

    def placeholder(self, match: re.Match, path: str) -> str:
        whole, ref = match[0], match[1]
        if not self.resolver.sources:
            return whole  # a post without data files: every brace is the user's own text
        if whole in ("{{", "}}"):
            return whole[0]
        name = _PATH.match(ref)
        if name is None or not self.resolver.is_name(name["name"]):
            return whole  # braces that name no data file are the user's own text
        try:
            shown, source, keys = self.resolver.text(ref)
        except Unreadable as exc:
            self.failed(path, exc)
            return whole
        self.reads.append(Read(path, ref, shown, source, tuple(keys)))
        return escape(shown) if self.marked(path) else shown

    def failed(self, path: str, exc: Unreadable) -> None:
        if exc.whole_file not in self.files_failed:
            self.errors.append(self.located.error(path, exc.message, exc.hint))
        if exc.whole_file:
            self.files_failed.add(exc.whole_file)


def _is_reference(value: object) -> bool:
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get("data"), str)


def from_data(errors: list[SpecError], reads: list[Read]) -> list[SpecError]:
    """Validation errors about a field that a data file filled name that file too."""
    by_field = {read.field: read for read in reads}
    return [replace(error, message=f"{error.message} (from {by_field[error.field].ref} in "
                                   f"{by_field[error.field].where})") if error.field in by_field else error
            for error in errors]


def sources_of(post_file: Path, names: dict[str, str]) -> dict[str, Path]:
    """`data:` of post.yaml as paths: relative to post.yaml's folder."""
    return {name: post_file.parent / path for name, path in names.items()}


def files_read(reads: list[Read], resolver: Resolver | None) -> list[Path]:
    """The data files the reads came from, once each, in the order first read."""
    if resolver is None:
        return []
    names = dict.fromkeys(_PATH.match(read.ref)["name"] for read in reads)
    return [resolver.sources[name] for name in names if name in resolver.sources]


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def parse_sources(value: object) -> dict[str, str]:
    """`data:` of post.yaml: short names, each a data file's path."""
    if not isinstance(value, dict):
        raise ValueError("expected a mapping of short names to data files, e.g. `backtest: ../report.json`")
    for name, path in value.items():
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} cannot name a data file: use letters, digits, _ and - (e.g. backtest)")
        if not isinstance(path, str) or not path.strip():
            raise ValueError(f"data.{name}: expected the path of a JSON, YAML, TOML or CSV file")
        if Path(path).suffix.lower() not in FORMATS:
            raise ValueError(f"data.{name}: {path} is not a .json, .yaml, .toml or .csv file")
    return {name: path.strip() for name, path in value.items()}
