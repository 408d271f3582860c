"""Read YAML safely and remember where every value came from.

The YAML is composed into nodes (never constructed into arbitrary objects)
and converted by hand, so each value's line and column can be recorded by
its field path ("metrics[1].value"), and so hostile input — alias bombs,
deep nesting, huge files, invalid UTF-8 — becomes a SpecError, not a crash.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from postimages.errors import SpecError
from postimages.yamlscan import FastSafeLoader

MAX_FILE_BYTES = 1_000_000
_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_SURROGATE = re.compile("[\ud800-\udfff]")  # from a "\ud800" escape: it cannot be drawn or written
MAX_NODES = 20_000  # a card needs a few dozen; composing more takes seconds
MAX_DEPTH = 40


@dataclass
class Located:
    """A parsed document plus the position of every value in it."""

    file: Path
    data: object
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each value starts
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # where its key starts
    raw: dict[str, str] = field(default_factory=dict)  # scalars as typed, e.g. "38.10"

    def where(self, path: str) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the field, or of its nearest parent."""
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (None, None)
            path = _parent(path)

    def error(self, path: str, message: str, hint: str | None = None, at_key: bool = False) -> SpecError:
        line, column = self.key_positions[path] if at_key and path in self.key_positions else self.where(path)
        return SpecError(self.file, line, column, path, message, hint)


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def load_file(path: Path, display_name: str | None = None) -> Located:
    """Read and parse one YAML file; every failure is a SpecError."""
    name = Path(display_name) if display_name else path
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpecError(name, None, None, "", f"cannot read the file: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise SpecError(
            name, None, None, "", f"the file is {size:,} bytes; a spec may be at most {MAX_FILE_BYTES:,}",
            "keep long code in a snippet file and point `source:` at it",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:  # no permission, a device that fails (EIO), a folder
        raise SpecError(name, None, None, "", f"cannot read the file: {exc.strerror or exc}") from None
    return _parsed_once(data, name)


# `check` reads each spec twice (its characters, then the card) and post.yaml once
# per card; the pure-Python parser takes a second on a 1 MB file of many lines, so the last
# documents parsed are kept, keyed by their bytes, and handed out as copies.
_recent_parses: dict[tuple[str, bytes], Located] = {}


def _parsed_once(data: bytes, name: Path) -> Located:
    key = (str(name), data)
    if key not in _recent_parses:
        located = parse(_decode(data, name), name)
        if len(_recent_parses) >= 8:
            _recent_parses.pop(next(iter(_recent_parses)))
        _recent_parses[key] = located
    return copy.deepcopy(_recent_parses[key])


def _decode(data: bytes, name: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise SpecError(
            name, line, column, "", f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X})",
            "save the file as UTF-8 in your editor",
        ) from None


class _TooManyValues(Exception):
    def __init__(self, mark):
        self.mark = mark


class _CountingLoader(FastSafeLoader):
    """Stops composing at the MAX_NODES-th value: a spec of 100,000 one-line
    values would otherwise be parsed whole (seconds) before it is refused."""

    composed = 0

    def compose_node(self, parent, index):
        self.composed += 1
        if self.composed > MAX_NODES:
            raise _TooManyValues(self.peek_event().start_mark)
        return super().compose_node(parent, index)


def parse(text: str, name: Path) -> Located:
    try:
        node = yaml.compose(text, Loader=_CountingLoader)
    except _TooManyValues as exc:
        raise SpecError(name, exc.mark.line + 1, exc.mark.column + 1, "", _too_many_values(),
                        "a card needs a few dozen values; split it into several cards") from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, name) from None
    except yaml.reader.ReaderError as exc:
        raise _character_error(exc, text, name) from None
    except yaml.YAMLError as exc:
        raise SpecError(name, None, None, "", f"not valid YAML: {_first_line(exc)}") from None
    except RecursionError:
        raise SpecError(name, None, None, "", "the YAML is nested too deeply") from None
    located = Located(name, None)
    if node is None:
        return located
    converter = _Converter(located)
    located.data = converter.convert(node, "", 0)
    return located


def _too_many_values() -> str:
    return f"the document has more than {MAX_NODES:,} values"


def _tag_name(tag: str) -> str:
    """tag:yaml.org,2002:int -> !!int, as the user wrote it."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def _first_line(exc: Exception) -> str:
    """PyYAML messages quote the source over several lines; a finding is one line."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _character_error(exc: yaml.reader.ReaderError, text: str, name: Path) -> SpecError:
    """A control character YAML does not allow (NUL, BEL...), located by its offset."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return SpecError(name, line, column, "", f"the file contains the control character U+{code:04X}, which YAML "
                     "does not allow", "delete it; it is often pasted in invisibly from another program")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, name: Path) -> SpecError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = exc.problem or "invalid YAML"
    hint = "check the indentation and that every `key: value` has a space after the colon"
    if mark is not None:
        source_line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        stripped = source_line.split(":", 1)[-1].strip()
        if "{data:" in source_line.replace(" ", "") and "[" in source_line:
            hint = 'a path with [n] needs quotes inside braces: {data: "backtest.runs[0].p95"}'
        elif stripped[:1] in (">", "<", "|", "@", "`", "%", "*", "&", "!"):
            hint = f'put the value in quotes: "{stripped}"'
        elif "\t" in source_line:
            hint = "YAML does not allow tabs for indentation; use spaces"
    return SpecError(name, line, column, "", f"YAML syntax error: {problem}", hint)


class _Converter:
    def __init__(self, located: Located):
        self.located = located
        self.count = 0
        self.scalar_loader = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, path: str, depth: int) -> object:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._error(node, path, _too_many_values() + " (repeated aliases?)")
        if depth > MAX_DEPTH:
            raise self._error(node, path, f"the YAML is nested more than {MAX_DEPTH} levels deep")
        self.located.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTIONS:
            raise self._error(node, path, f"the tag {_tag_name(node.tag)} is not allowed here",
                              "remove it: a spec holds plain lists and mappings")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, join(path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(key_node, path, "YAML merge keys (<<) are not supported", "write the fields out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, path, "a key must be a plain name")
            key = str(key_node.value)
            if key in result:
                raise self._error(key_node, join(path, key), "this key appears twice", "remove one of them")
            child = join(path, key)
            self.located.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: str) -> object:
        self.located.raw[path] = node.value
        try:
            value = self.scalar_loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or _first_line(exc)
            raise self._error(node, path, f"cannot read this value: {problem}") from None
        except ValueError as exc:
            if "digits" in str(exc):  # Python refuses to convert integers of more than 4,300 digits
                raise self._error(node, path, f"the number is {len(node.value):,} characters long",
                                  "write a shorter number") from None
            raise self._error(node, path, f"cannot read {node.value!r} as {_tag_name(node.tag)}",
                              f"remove the {_tag_name(node.tag)} tag, or write a value of that type") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self._error(node, path, f"expected a finite number, got {node.value}")
        if isinstance(value, str) and (lone := _SURROGATE.search(value)):
            raise self._error(node, path, f"holds \\u{ord(lone.group()):04x}, half of a character pair, which "
                              "is no character on its own", "write the whole character, or remove the escape")
        if not isinstance(value, (str, int, float, bool, type(None))):
            # Dates, timestamps and binary: keep exactly what the user typed.
            return node.value
        return value

    def _error(self, node: yaml.Node, path: str, message: str, hint: str | None = None) -> SpecError:
        mark = node.start_mark
        return SpecError(self.located.file, mark.line + 1, mark.column + 1, path, message, hint)
