"""Counts in words: "1 card", "2 cards", "1 entry"."""

from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun, singular for exactly one: plural(1, "card") == "1 card".

    `nouns` is the plural when adding an "s" is wrong: plural(2, "entry", "entries")."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"
