"""Reading the project's own data files (JSON, YAML, TOML, CSV) that `data:` in post.yaml names.

Numbers are kept as the file writes them (`RawNumber`, the text "38.10"), so
a card shows the decimals the data has, a 4,300-digit integer or a NaN is a
finding about one value rather than a crash, and the cache key can hold
exactly what was read. Every failure is a `DataFileError` that names the
file, and its line and column where the format gives them.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from postimages.errors import PostimagesError, SpecError
from postimages.errors import display_path
from postimages.yamlsource import join, parse

# A report is larger than a spec, but a card reads a few values from it:
# past this it is not read at all (and the cache never hashes more than this).
MAX_DATA_BYTES = 16 * 1024 * 1024
MAX_LOCATED_JSON = 1_000_000  # characters: past this a JSON value is named by its path alone
FORMATS = {".json": "JSON", ".yaml": "YAML", ".yml": "YAML", ".toml": "TOML", ".csv": "CSV"}
_NUMBER = re.compile(r"[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?")
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


class RawNumber(str):
    """A number exactly as the data file writes it."""


class DataFileError(PostimagesError):
    """A data file that cannot be read or parsed: `where` is "path:line:col"."""

    def __init__(self, where: str, message: str, hint: str | None = None):
        self.where, self.message, self.hint = where, message, hint
        super().__init__(f"{where}: {message}")


@dataclass
class DataFile:
    """A parsed data file: plain values (numbers as RawNumber) and where each one is."""

    path: Path
    value: object
    positions: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    text: str = ""  # kept to locate a JSON value only when a message needs it

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def where(self, keys: list[str | int]) -> str:
        """"path:line:col" of the value at `keys`, or of its nearest parent that has a place."""
        if not self.positions and self.text and len(self.text) <= MAX_LOCATED_JSON:
            self.positions = _json_positions(self.text, self.path)
            self.text = ""  # looked for once
        while True:
            dotted = _dotted(keys)
            if dotted in self.positions:
                line, column = self.positions[dotted]
                return f"{self.shown}:{line}" + (f":{column}" if column else "")
            if not keys:
                return self.shown
            keys = keys[:-1]


def _dotted(keys: list[str | int]) -> str:
    path = ""
    for key in keys:
        path = join(path, key)
    return path


_loaded: dict[tuple, DataFile | DataFileError] = {}


def load(path: Path) -> DataFile:
    """The parsed file, parsed once per process for as long as it is unchanged on disk."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise DataFileError(display_path(path), f"cannot read the data file: {exc.strerror or exc}",
                            "the path in `data:` is relative to post.yaml") from None
    memo = (str(path), stat.st_size, stat.st_mtime_ns)
    if memo not in _loaded:
        if len(_loaded) > 16:
            _loaded.clear()
        try:
            _loaded[memo] = _parse(path, _read_bounded(path, stat.st_size))
        except DataFileError as exc:
            _loaded[memo] = exc
    found = _loaded[memo]
    if isinstance(found, DataFileError):
        raise found
    return found


def _read_bounded(path: Path, size: int) -> str:
    shown = display_path(path)
    if path.suffix.lower() not in FORMATS:
        raise DataFileError(shown, f"cannot read {path.suffix or 'a file without an extension'} as data",
                            "name a .json, .yaml, .toml or .csv file")
    too_big = DataFileError(shown, f"the data file is over {MAX_DATA_BYTES:,} bytes",
                            "write the numbers the post shows into a smaller summary file")
    if size > MAX_DATA_BYTES:
        raise too_big
    try:
        if not path.is_file():
            raise DataFileError(shown, "cannot read the data file: not a file")
        with path.open("rb") as handle:  # one byte past the limit: /proc files say size 0
            data = handle.read(MAX_DATA_BYTES + 1)
    except OSError as exc:
        raise DataFileError(shown, f"cannot read the data file: {exc.strerror or exc}") from None
    if len(data) > MAX_DATA_BYTES:
        raise too_big
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line, column = before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1
        raise DataFileError(f"{shown}:{line}:{column}", f"not UTF-8 text (byte 0x{data[exc.start]:02X})",
                            "a data file is a text file saved as UTF-8") from None


def _parse(path: Path, text: str) -> DataFile:
    parser = {"JSON": _json, "YAML": _yaml, "TOML": _toml, "CSV": _csv}[FORMATS[path.suffix.lower()]]
    try:
        return parser(path, text)
    except RecursionError:
        raise DataFileError(display_path(path), "the data is nested too deeply to read") from None


def _json(path: Path, text: str) -> DataFile:
    try:
        try:  # integers read as they are written; only decimals need their text (38.10), and hooks are slow
            value = json.loads(text, parse_float=RawNumber, parse_constant=RawNumber)
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError):
                raise
            # An integer past Python's 4,300 digits: kept as text, refused only if a card reads it.
            value = json.loads(text, parse_float=RawNumber, parse_int=RawNumber, parse_constant=RawNumber)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{display_path(path)}:{exc.lineno}:{exc.colno}", f"not valid JSON: {exc.msg}") from None
    return DataFile(path, value, text=text)


def _json_positions(text: str, path: Path) -> dict[str, tuple[int, int | None]]:
    """Where each value of a JSON file starts, read as YAML (which JSON nearly is); none when it is not."""
    try:
        return dict(parse(text, path).positions)
    except (SpecError, RecursionError):
        return {}


def _yaml(path: Path, text: str) -> DataFile:
    try:
        located = parse(text, Path(display_path(path)))
    except SpecError as exc:
        raise DataFileError(exc.location(), exc.message, exc.hint) from None
    return DataFile(path, _with_raw_numbers(located.data, "", located.raw), dict(located.positions))


def _with_raw_numbers(value, path: str, raw: dict[str, str]):
    """The YAML's values with each number as typed: 38.10 stays "38.10"."""
    if isinstance(value, dict):
        return {str(k): _with_raw_numbers(v, join(path, str(k)), raw) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_raw_numbers(v, join(path, i), raw) for i, v in enumerate(value)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return RawNumber(raw.get(path, str(value)).strip())
    return value


def _toml(path: Path, text: str) -> DataFile:
    import tomllib  # the readers of TOML and CSV load only for such a file (milliseconds of every render)

    try:
        value = tomllib.loads(text, parse_float=RawNumber)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        message = str(exc)
        place = _TOML_PLACE.search(message)
        where = display_path(path) + (f":{place[1]}:{place[2]}" if place else "")
        raise DataFileError(where, f"not valid TOML: {_TOML_PLACE.sub('', message).strip()}") from None
    return DataFile(path, _toml_plain(value))


def _toml_plain(value):
    """Integers as written and dates as text, like the other formats give them."""
    if isinstance(value, dict):
        return {k: _toml_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_toml_plain(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return RawNumber(str(value))
    if not isinstance(value, (str, bool, float)):
        return value.isoformat()
    return value


def _csv(path: Path, text: str) -> DataFile:
    """The first column names the row, the header names the column: bench.p95.ms."""
    import csv

    reader = csv.reader(io.StringIO(text))
    rows: dict[str, dict[str, object]] = {}
    positions: dict[str, tuple[int, int | None]] = {}
    try:
        header = next(reader, [])
        for cells in reader:
            if not cells or not cells[0].strip():
                continue
            name = cells[0].strip()
            rows[name] = {column.strip(): _cell(cell) for column, cell in zip(header[1:], cells[1:])}
            positions[join("", name)] = (reader.line_num, None)
            for column in rows[name]:
                positions[join(join("", name), column)] = (reader.line_num, None)
    except csv.Error as exc:
        raise DataFileError(f"{display_path(path)}:{reader.line_num}", f"not valid CSV: {exc}") from None
    return DataFile(path, rows, positions)


def _cell(cell: str) -> object:
    text = cell.strip()
    if text and any(c.isdigit() for c in text) and _NUMBER.fullmatch(text):
        return RawNumber(text)
    return text
