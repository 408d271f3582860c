"""The spec format as data: validates specs and describes itself as JSON Schema.

Each card kind declares its fields with these small types. Validation walks
the parsed YAML, collects every problem as a located SpecError, and returns
plain Python values with defaults filled in.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from postimages.errors import SpecError
from postimages.plural import plural
from postimages.yamlsource import Located, join

# 1e6 and 1.0e6 are text to YAML 1.1; 1.0e+6 is a number.
_EXPONENT_AS_TEXT = re.compile(r"^\s*(?P<mantissa>[-+]?\d+(?:\.\d*)?)[eE](?P<exponent>[-+]?\d+)\s*$")
_NUMBER_IN_STRING = re.compile(r"^\s*([-+−]?\d[\d,]*(?:\.\d+)?)\s*(%|[a-zA-Z]+)?\s*$")


class Problems:
    """Collects the SpecErrors found while validating one document."""

    def __init__(self, located: Located):
        self.located = located
        self.errors: list[SpecError] = []

    def add(self, path: str, message: str, hint: str | None = None, at_key: bool = False) -> None:
        self.errors.append(self.located.error(path, message, hint, at_key))


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "...'"


class Type:
    doc: str = ""

    def validate(self, value: Any, path: str, problems: Problems) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def _with_doc(self, schema: dict) -> dict:
        if self.doc:
            schema["description"] = self.doc
        return schema


@dataclass
class Str(Type):
    doc: str = ""
    max_length: int = 2000
    allow_empty: bool = True
    choices: tuple[str, ...] | None = None
    markup: bool = False  # takes **emphasis** and `code` (postimages.emphasis)

    def validate(self, value, path, problems):
        if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
            problems.add(path, f"expected text, got {describe(value)}", _quote_hint(value, path, problems))
            return None
        # Numbers are fine as text (a title may be "2024"), exactly as typed:
        # YAML 1.1 would make `2:1` 121, `010` 8 and `1.10` 1.1. A block
        # scalar's final newline (`label: |`) is not part of the text.
        typed = problems.located.raw.get(path) if isinstance(value, (int, float)) else None
        text = (typed if typed is not None else str(value)).rstrip("\n")
        if self.choices is not None:
            if text not in self.choices:
                close = difflib.get_close_matches(text, self.choices, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(self.choices)
                problems.add(path, f"expected one of {', '.join(self.choices)}, got {describe(value)}", hint)
                return None
        if not self.allow_empty and not text.strip():
            problems.add(path, "must not be empty")
            return None
        if len(text) > self.max_length:
            problems.add(path, f"is {len(text):,} characters long; at most {self.max_length:,} fit on a card",
                         f"shorten it by {plural(len(text) - self.max_length, 'character')}")
            return None
        return text

    def json_schema(self):
        if self.choices is not None:
            return self._with_doc({"enum": list(self.choices)})
        schema: dict = {"type": ["string", "number"], "maxLength": self.max_length}
        if not self.allow_empty:
            schema["minLength"] = 1
        return self._with_doc(schema)


def _quote_hint(value: Any, path: str, problems: Problems) -> str | None:
    """YAML reads a bare NO, yes, off or ~ as a yes/no value or nothing; quotes keep the word."""
    typed = problems.located.raw.get(path)
    if isinstance(value, bool) or (value is None and typed):
        return f'write it in quotes: "{typed}"' if typed else None
    return None


@dataclass
class Num(Type):
    doc: str = ""
    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None

    def validate(self, value, path, problems):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.add(path, f"expected {'a whole number' if self.integer else 'a number'}, got {describe(value)}",
                         _number_hint(value))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            problems.add(path, f"expected a finite number, got {value}")
            return None
        typed = problems.located.raw.get(path, "")
        if _misread(typed, value):
            digits = typed.strip().lstrip("+-")
            hint = (f"write {int(digits)} without the leading zero" if digits.isdigit()
                    else f"write {value:g} as plain digits, or put it in quotes for text")
            problems.add(path, f"YAML reads {typed.strip()} as {value:g}, not as written", hint)
            return None
        if not self._within_bounds(value, path, problems):
            return None
        if abs(value) >= LARGEST_SHOWN:
            problems.add(path, f"is too large to show: {_digits(value):,} digits before the point, at most 15",
                         "give it in thousands, millions or billions and put the word in `unit:`")
            return None
        if self.integer and not float(value).is_integer():
            problems.add(path, f"expected a whole number, got {value}")
            return None
        return int(value) if self.integer else value

    def _within_bounds(self, value: float, path: str, problems: Problems) -> bool:
        """A field with bounds (`decimals: 0 to 6`) says so, however far out the value is."""
        shown = value if abs(value) < LARGEST_SHOWN else f"a number of {_digits(value):,} digits"
        if self.minimum is not None and value < self.minimum:
            problems.add(path, f"must be at least {self.minimum:g}, got {shown}")
            return False
        if self.maximum is not None and value > self.maximum:
            problems.add(path, f"must be at most {self.maximum:g}, got {shown}")
            return False
        return True

    def json_schema(self):
        schema: dict = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._with_doc(schema)


# Numbers a card shows in full: up to 15 digits, all of them exact in a float.
LARGEST_SHOWN = 10**15
# YAML 1.1 integers that are not plain digits: hex, octal, binary, sexagesimal (`1:30` is 90).
_OTHER_NOTATION = re.compile(r"^\s*[-+]?(0x[0-9a-fA-F_]+|0b[01_]+|0o?[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)\s*$")


def _misread(typed: str, value: float) -> bool:
    """Whether YAML 1.1 read the typed number as another value than its digits say."""
    if not _OTHER_NOTATION.match(typed):
        return False
    try:
        return float(typed.replace("_", "")) != value
    except ValueError:  # 0x10, 1:30: never plain digits
        return True


def _digits(value: float) -> int:
    return len(str(int(abs(value)))) if isinstance(value, int) else math.floor(math.log10(abs(value))) + 1


def _plain_number(typed: str) -> str:
    """`1,5` (a decimal comma) -> 1.5; `15,000` (thousands) -> 15000; a real minus -> a hyphen."""
    typed = typed.replace("−", "-")
    if re.fullmatch(r"-?\d+,\d{1,2}", typed) or re.fullmatch(r"-?\d+,\d{4,}", typed):
        return typed.replace(",", ".")
    return typed.replace(",", "")


def _number_hint(value: Any) -> str | None:
    if isinstance(value, str) and (match := _EXPONENT_AS_TEXT.match(value)):
        mantissa = match["mantissa"] if "." in match["mantissa"] else match["mantissa"] + ".0"
        exponent = match["exponent"] if match["exponent"][0] in "+-" else "+" + match["exponent"]
        return f"YAML reads an exponent only with a point and a sign: write {mantissa}e{exponent}"
    if isinstance(value, str):
        match = _NUMBER_IN_STRING.match(value)
        if match:
            number = _plain_number(match.group(1))
            unit = match.group(2)
            if unit:
                return f"write the number alone, `value: {number}`, and put \"{unit}\" in `unit:`"
            return f"write it as a plain number, without quotes or commas: `{number}`"
    return "numbers are written without quotes, e.g. 38.1"


@dataclass
class Bool(Type):
    doc: str = ""

    def validate(self, value, path, problems):
        if not isinstance(value, bool):
            problems.add(path, f"expected true or false, got {describe(value)}")
            return None
        return value

    def json_schema(self):
        return self._with_doc({"type": "boolean"})


@dataclass
class ListOf(Type):
    item: Type
    doc: str = ""
    min_items: int = 0
    max_items: int = 100

    def validate(self, value, path, problems):
        if not isinstance(value, list):
            problems.add(path, f"expected a list, got {describe(value)}",
                         "start each entry on its own line with '- '")
            return None
        if len(value) < self.min_items:
            problems.add(path, f"has {plural(len(value), 'entry', 'entries')}; at least {self.min_items} expected")
            return None
        if len(value) > self.max_items:
            problems.add(path, f"has {plural(len(value), 'entry', 'entries')}; at most {self.max_items} fit on a card",
                         f"remove {len(value) - self.max_items}, or split them over two cards")
            return None
        return [self.item.validate(v, join(path, i), problems) for i, v in enumerate(value)]

    def json_schema(self):
        return self._with_doc({"type": "array", "items": self.item.json_schema(),
                               "minItems": self.min_items, "maxItems": self.max_items})


@dataclass
class Field:
    type: Type
    required: bool = False
    default: Any = None


@dataclass
class Obj(Type):
    fields: dict[str, Field]
    doc: str = ""
    # Checks across fields, run when every field is valid: (values, path, problems) -> None
    check: Callable[[dict, str, Problems], None] | None = None

    def validate(self, value, path, problems):
        if not isinstance(value, dict):
            problems.add(path, f"expected a mapping of fields, got {describe(value)}",
                         "write `name: value` pairs, one per line")
            return None
        before = len(problems.errors)
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(key, self.fields, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "known fields: " + ", ".join(self.fields)
                problems.add(join(path, key), "unknown field", hint, at_key=True)
        result = {}
        for name, spec in self.fields.items():
            if name not in value or value[name] is None:
                if spec.required:
                    problems.add(path, f"missing required field '{name}'")
                result[name] = spec.default
                continue
            result[name] = spec.type.validate(value[name], join(path, name), problems)
        if self.check and len(problems.errors) == before:
            self.check(result, path, problems)
        return result

    def json_schema(self):
        schema = {
            "type": "object",
            "properties": {name: f.type.json_schema() for name, f in self.fields.items()},
            "additionalProperties": False,
        }
        required = [name for name, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        return self._with_doc(schema)


@dataclass
class Custom(Type):
    """A field with its own parser: parse(value) returns the value or raises ValueError(message)."""

    parse: Callable[[Any], Any]
    schema: dict = field(default_factory=dict)
    doc: str = ""
    hint: str | None = None

    def validate(self, value, path, problems):
        try:
            return self.parse(value)
        except ValueError as exc:  # the parser's own hint, when it gives one, says more than the field's
            problems.add(path, str(exc), getattr(exc, "hint", None) or self.hint)
            return None

    def json_schema(self):
        return self._with_doc(dict(self.schema))


# --- fields that take emphasis ------------------------------------------------

_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def takes_markup(schema: Type, path: str) -> bool:
    """Whether the field at `path` (e.g. items[2].text) takes **emphasis** and `code`."""
    for step in _STEP.finditer(path):
        if isinstance(schema, Obj) and step[1] in schema.fields:
            schema = schema.fields[step[1]].type
        elif isinstance(schema, ListOf) and step[2] is not None:
            schema = schema.item
        else:
            return False
    return isinstance(schema, Str) and schema.markup


def marked_texts(schema: Type, value: Any, path: str = ""):
    """(path, text) of every validated value of a field that takes emphasis."""
    if isinstance(schema, Str) and schema.markup and isinstance(value, str):
        yield path, value
    elif isinstance(schema, Obj) and isinstance(value, dict):
        for name, spec in schema.fields.items():
            yield from marked_texts(spec.type, value.get(name), join(path, name))
    elif isinstance(schema, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from marked_texts(schema.item, item, join(path, index))


def with_markup_removed(schema: Type, value: Any) -> Any:
    """Validated values with every marked-up text as it is shown, its markers gone."""
    from postimages.emphasis import plain

    if isinstance(schema, Str) and schema.markup and isinstance(value, str):
        return plain(value)
    if isinstance(schema, Obj) and isinstance(value, dict):
        return {name: with_markup_removed(schema.fields[name].type, v) if name in schema.fields else v
                for name, v in value.items()}
    if isinstance(schema, ListOf) and isinstance(value, list):
        return [with_markup_removed(schema.item, item) for item in value]
    return value
