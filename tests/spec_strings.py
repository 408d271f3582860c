"""Every string of a parsed YAML document, for tests that run text functions over real specs."""

from __future__ import annotations


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
