"""`postimages explain [KIND]`: the spec format in words, made from the schema.

The same types that validate specs and print `postimages schema` give each
field's type, limits and description here; the example of each kind is its
starter spec, the one `postimages init` copies.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from postimages import cards
from postimages.errors import PostimagesError
from postimages.scaffold import STARTER
from postimages.schema import Bool, Custom, Field, ListOf, Num, Obj, Str, Type
from postimages.cardfiles import POST_FILE, peek_kind
from postimages.spec import COMMON_FIELDS, POST_SCHEMA

HEADER = ("The spec format, from the schema (`postimages schema` prints it as JSON Schema;\n"
          "`postimages --help` lists the commands).")


class UnknownKind(PostimagesError):
    pass


def explain(kind: str | None = None) -> str:
    """The text `postimages explain` prints: the kinds and shared fields, or one kind."""
    if kind is None:
        return overview()
    if kind not in cards.names():
        close = difflib.get_close_matches(kind, cards.names(), n=1)
        guess = f"did you mean '{close[0]}'? " if close else ""
        raise UnknownKind(f"unknown kind '{kind}'; {guess}kinds: {', '.join(cards.names())}")
    return explain_kind(kind)


def overview() -> str:
    width = max(len(name) for name in cards.names())
    lines = [HEADER, "", "Card kinds (`kind:` in a spec; `postimages explain KIND` for a kind's fields):"]
    lines += [f"  {name:<{width}}  {cards.get(name).summary}" for name in cards.names()]
    lines += ["", "Fields every card has:", *field_lines(COMMON_FIELDS), "",
              f"{POST_FILE} (optional, beside the cards; a card may override theme, size, footer, page_numbers):",
              *field_lines(POST_SCHEMA.fields)]
    return "\n".join(lines)


def explain_kind(kind: str) -> str:
    card_kind = cards.get(kind)
    lines = [HEADER, "", f"kind: {kind} — {card_kind.summary}", "", "Fields:", *field_lines(card_kind.fields),
             "", f"Besides the fields every card has: {', '.join(COMMON_FIELDS)} (`postimages explain`)."]
    example = starter_example(kind)
    if example is not None:
        path, text = example
        lines += ["", f"Example ({path.name}, as `postimages init` writes it):", "",
                  *("  " + line if line else "" for line in text.rstrip("\n").splitlines())]
    return "\n".join(lines)


def field_lines(fields: dict[str, Field], indent: str = "  ") -> list[str]:
    """One line per field: name, type and limits, description; nested fields below, indented."""
    lines = []
    for name, field in fields.items():
        kind_of, children = describe_type(field.type)
        parts = [kind_of] + (["required"] if field.required else [])
        doc = field.type.doc if not isinstance(field.type, ListOf) or field.type.doc else field.type.item.doc
        if isinstance(field.type, Custom):  # its own parser: the description is the type
            parts, doc = [doc or "a value"] + parts[1:], ""
        lines.append(f"{indent}{name}: {', '.join(parts)}" + (f" — {doc}" if doc else ""))
        if children:
            lines += field_lines(children, indent + "    ")
    return lines


def describe_type(value: Type) -> tuple[str, dict[str, Field] | None]:
    """A type in words with its limits, and the fields of a mapping (in a list or not)."""
    if isinstance(value, Str):
        if value.choices is not None:
            return "one of " + " | ".join(value.choices), None
        limits = [f"up to {value.max_length:,} characters"] + ([] if value.allow_empty else ["not empty"])
        limits += ["**emphasis** and `code` allowed"] if value.markup else []
        return f"text ({', '.join(limits)})", None
    if isinstance(value, Num):
        word = "whole number" if value.integer else "number"
        if value.minimum is not None and value.maximum is not None:
            return f"{word} ({value.minimum:g} to {value.maximum:g})", None
        if value.minimum is not None:
            return f"{word} (at least {value.minimum:g})", None
        if value.maximum is not None:
            return f"{word} (at most {value.maximum:g})", None
        return word, None
    if isinstance(value, Bool):
        return "true or false", None
    if isinstance(value, ListOf):
        item, children = describe_type(value.item)
        count = (f"{value.min_items} to {value.max_items}" if value.min_items else f"up to {value.max_items}")
        noun = "mappings" if isinstance(value.item, Obj) else item
        return f"a list of {count} {noun}" if children else f"a list of {count}: {noun}", children
    if isinstance(value, Obj):
        return "a mapping", value.fields
    if isinstance(value, Custom):
        return value.doc or "a value", None
    return type(value).__name__, None


def starter_example(kind: str) -> tuple[Path, str] | None:
    """The starter spec of `kind` and its text, if there is one."""
    for path in sorted((STARTER / "specs").glob("*.yaml")):
        if path.name != POST_FILE and peek_kind(path) == kind:
            return path, path.read_text(encoding="utf-8")
    return None

