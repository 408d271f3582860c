"""Which files of a post's folder are cards, told from their names alone.

Kept apart from spec.py so that a render with nothing to draw can plan its
jobs without loading the YAML parser and the schema.
"""

from __future__ import annotations

import re
from pathlib import Path

POST_FILE = "post.yaml"


def is_card_file(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml") and path.name != POST_FILE and not path.name.startswith("_")


def card_file_names(folder: Path) -> list[str]:
    """The names of the folder's card files, sorted; OSError when it cannot be listed."""
    return sorted(path.name for path in folder.iterdir() if is_card_file(path) and path.is_file())


_KIND_LINE = re.compile(r"^kind:[ \t]*[\"']?([a-z]+)", re.MULTILINE)


def peek_kind(path: Path) -> str | None:
    """The card's kind from a glance at its text, without parsing it: a hint
    for scheduling only. None when the file cannot be read or says no kind."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _KIND_LINE.search(head)
    return match.group(1) if match else None
