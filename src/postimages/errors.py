"""Errors a user can act on.

Every problem with a spec becomes a `SpecError` that names the file, the
line and column, the field path and what was expected. The CLI prints these
as one line each, never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class PostimagesError(Exception):
    """Base class of every error meant for the user, not for a traceback."""


@dataclass
class SpecError(PostimagesError):
    """One problem in a spec file, located as precisely as we can."""

    file: Path | str | None
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def location(self) -> str:
        parts = [str(self.file) if self.file else "<spec>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.location()}: {field}{self.message}{hint}"


class SpecErrors(SpecError):
    """Several problems found in one spec; reported together.

    A SpecError itself, located at the first problem, so `except SpecError`
    catches it too; `errors` holds every one."""

    def __init__(self, errors: list[SpecError]):
        self.errors = sorted(errors, key=lambda e: (e.line or 0, e.column or 0))
        first = self.errors[0] if self.errors else SpecError(None, None, None, "", "invalid spec")
        self.file, self.line, self.column = first.file, first.line, first.column
        self.field, self.message, self.hint = first.field, first.message, first.hint
        self._text = "\n".join(str(e) for e in errors)
        Exception.__init__(self, self._text)

    def __str__(self) -> str:
        return self._text


class LayoutError(PostimagesError):
    """Content that cannot be laid out (too long, undrawable character...).

    Raised by layout code, which knows the field path but not the file; the
    render pipeline turns it into a located SpecError.
    """

    def __init__(self, field: str, message: str, hint: str | None = None):
        self.field = field
        self.message = message
        self.hint = hint
        super().__init__(f"{field}: {message}")


def did_you_mean(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """"did you mean 'win_rate'?" for the choice closest to a mistyped word, if one is close."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'?" if close else None
