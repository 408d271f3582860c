"""kind: code — which Pygments lexer reads the code, and its name.

The name is all that validation and alt text need, and Pygments' table of
its built-in lexers gives it without importing a lexer's module (~15 ms for
Python's); only lexing, when a snippet's tokens are not kept on disk yet,
needs the lexer itself.
"""

from __future__ import annotations

import fnmatch
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from pygments.lexers import find_lexer_class, find_lexer_class_by_name, get_all_lexers, get_lexer_for_filename
from pygments.lexers._mapping import LEXERS
from pygments.util import ClassNotFound

from postimages.cards.code.highlight import suggestion
from postimages.errors import LayoutError

if TYPE_CHECKING:  # a lexer's module is imported only to lex
    from pygments.lexer import Lexer

PLAIN_TEXT_NAMES = frozenset({"text", "plain", "plaintext", "none", "txt"})
COMMON_LANGUAGES = ("python", "javascript", "typescript", "rust", "go", "bash", "json", "yaml", "sql", "text")

# Keep the text exactly as given: by default Pygments strips leading and
# trailing newlines, which would shift every line number after them.
_LEXER_OPTIONS = {"stripnl": False, "stripall": False, "ensurenl": True, "tabsize": 0}


def resolve_lexer(language: str | None, filename: str | None, code: str) -> Lexer:
    """The Pygments lexer for `language:`, else for the file name, else plain text."""
    return lexer_class(language, filename, code)(**_LEXER_OPTIONS)


def lexer_name(language: str | None, filename: str | None, code: str) -> str:
    """The name of `resolve_lexer`'s lexer, all that validation and alt text
    need: read from Pygments' table of its built-in lexers where that settles
    it, since importing a lexer's module costs ~15 ms (Python's), which a card
    whose tokens are cached on disk otherwise never pays. A LayoutError for
    an unknown language, as `resolve_lexer` gives."""
    if language is not None and language.strip():
        name = language.strip().lower()
        if name in PLAIN_TEXT_NAMES:
            return TEXT_NAME
        builtin = next((entry[1] for entry in LEXERS.values() if name in entry[2]), None)
        if builtin is not None:  # as Pygments itself looks: built-in lexers before plugins
            return builtin
    elif filename:
        only = _only_builtin_for_name(filename)
        if only is not None:
            return only
    else:
        return TEXT_NAME
    return lexer_class(language, filename, code).name


TEXT_NAME = LEXERS["TextLexer"][1]  # "Text only"


def lexer_class(language: str | None, filename: str | None, code: str) -> type[Lexer]:
    """The class of `resolve_lexer`'s lexer (making a lexer compiles its
    rules: ~280 million instructions for Python)."""
    from pygments.lexers.special import TextLexer

    if language is not None and language.strip():
        name = language.strip().lower()
        if name in PLAIN_TEXT_NAMES:
            return TextLexer
        try:
            return find_lexer_class_by_name(name)
        except ClassNotFound:
            raise LayoutError(
                "language", f"unknown language {language.strip()!r}", hint=_language_hint(name)
            ) from None
    if filename:
        only = _only_lexer_for_name(filename)
        if only is not None:
            return only
        try:
            return type(get_lexer_for_filename(filename, code, **_LEXER_OPTIONS))
        except ClassNotFound:
            pass
    return TextLexer


def _only_lexer_for_name(filename: str) -> type[Lexer] | None:
    """The one built-in lexer whose file-name patterns match, else None (no
    match, or several: Pygments then picks by the code)."""
    name = _only_builtin_for_name(filename)
    return find_lexer_class(name) if name is not None else None


@lru_cache(maxsize=64)  # a card asks for its lexer several times (validation, layout, alt text)
def _only_builtin_for_name(filename: str) -> str | None:
    """The name of the one built-in lexer whose file-name patterns match, else None.

    Pygments' own lookup compiles a regex for each of its ~900 patterns and
    scans the installed plugins: ~80 ms a run. Nearly every pattern is `*.ext`
    or a plain name, which a string comparison settles. (A plugin lexer
    claiming an extension a built-in one has is not considered here.)"""
    name = os.path.basename(filename)
    matching = {lexer for _, lexer, _, patterns, _ in LEXERS.values() if any(_name_matches(name, p) for p in patterns)}
    return matching.pop() if len(matching) == 1 else None


def _name_matches(name: str, pattern: str) -> bool:
    """fnmatchcase, as Pygments matches, without compiling the common patterns."""
    wildcards = "*?["
    if not any(c in pattern for c in wildcards):
        return name == pattern
    if pattern[0] == "*" and not any(c in pattern[1:] for c in wildcards):
        return name.endswith(pattern[1:])
    return fnmatch.fnmatchcase(name, pattern)


@lru_cache(maxsize=1)
def _all_language_aliases() -> tuple[str, ...]:
    aliases = {alias for _, names, _, _ in get_all_lexers() for alias in names}
    return tuple(sorted(aliases | PLAIN_TEXT_NAMES))


def _language_hint(name: str) -> str:
    return suggestion(name, _all_language_aliases()) or "try one of: " + ", ".join(COMMON_LANGUAGES)
