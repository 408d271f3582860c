"""The user's own fonts: `fonts:` in post.yaml.

Each role (text, display, code) is one font file (a variable font draws at its
default instance) or a file per weight. The files are checked when the post is
loaded: a missing, unreadable or not-a-font file is a located error; a weight
the cards use that the role lacks is a warning, and the nearest weight given
draws it. The bundled fonts stay behind them, character by character.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from postimages.errors import SpecError
from postimages.yamlsource import Located

# The role named in post.yaml -> the family the cards ask for. (The code role is
# the font of code wherever it appears, not the code card's own business.)
ROLES = dict(text="text", display="display", code="mono")
WEIGHTS = ("regular", "medium", "semibold", "bold", "extrabold")
ANY_WEIGHT = "*"  # one file for every weight
# The weights the cards draw each family in: a per-weight role lacking one gets a warning.
USED = {"text": ("regular", "medium", "semibold", "bold"), "display": ("semibold", "bold", "extrabold"),
        "mono": ("regular", "medium", "bold")}
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def parse_fonts(value: object) -> dict[str, dict[str, str]]:
    """The `fonts:` mapping's shape: role -> {weight: file}; the files are checked later."""
    if not isinstance(value, dict):
        raise ValueError("expected a mapping such as {text: brand/MyFont.ttf}")
    parsed = {}
    for role, given in value.items():
        if role not in ROLES:
            raise ValueError(f"unknown font role {role!r}; the roles are {', '.join(ROLES)}")
        if isinstance(given, str) and given.strip():
            parsed[role] = {ANY_WEIGHT: given.strip()}
        elif isinstance(given, dict) and given:
            unknown = [w for w in given if w not in WEIGHTS]
            if unknown:
                raise ValueError(f"{role}: unknown weight {unknown[0]!r}; the weights are {', '.join(WEIGHTS)}")
            if not all(isinstance(f, str) and f.strip() for f in given.values()):
                raise ValueError(f"{role}: each weight names a font file")
            parsed[role] = {weight: file.strip() for weight, file in given.items()}
        else:
            raise ValueError(f"{role}: expected a font file, or {{regular: ..., bold: ...}}")
    return parsed


@dataclass(frozen=True)
class UserFonts:
    """The checked font files of a post: (family, weight, path) each."""

    files: tuple[tuple[str, str, Path], ...]

    def file(self, family: str, weight: str) -> Path | None:
        """The user's file for a family and weight (display falls back to text), nearest weight first."""
        for wanted in (family, "text") if family == "display" else (family,):
            given = {w: p for f, w, p in self.files if f == wanted}
            if given:
                return given.get(ANY_WEIGHT) or given[nearest(weight, list(given))]
        return None

    @property
    def paths(self) -> list[Path]:
        return [path for _, _, path in self.files]


def nearest(weight: str, available: list[str]) -> str:
    wanted = WEIGHTS.index(weight) if weight in WEIGHTS else 0
    # Ties go to the heavier weight, as CSS does for weights above normal.
    return min(available, key=lambda w: (abs(WEIGHTS.index(w) - wanted), -WEIGHTS.index(w)))


def resolve(spec: dict[str, dict[str, str]], located: Located, folder: Path) -> tuple[UserFonts, list[SpecError]]:
    """Check every file (relative to post.yaml's folder); return the fonts and the warnings."""
    files = []
    for role, weights in spec.items():
        for weight, name in weights.items():
            field = f"fonts.{role}" if weight == ANY_WEIGHT else f"fonts.{role}.{weight}"
            files.append((ROLES[role], weight, _checked(folder / name, name, field, located)))
    return UserFonts(tuple(files)), _missing_weights(spec, located)


def _checked(path: Path, name: str, field: str, located: Located) -> Path:
    if not path.is_file():
        raise located.error(field, f"{name}: no such font file", "check the path: it is relative to post.yaml")
    problem = _font_problem(path)
    if problem:
        raise located.error(field, f"{name}: {problem}", "give a TrueType or OpenType font (.ttf, .otf, .ttc)")
    return path.resolve()


def _font_problem(path: Path) -> str | None:
    """Why the file cannot draw text, or None."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            if "cmap" not in font or not ({"glyf", "CFF ", "CFF2"} & set(font.keys())):
                return "not a font with outlines and a character map"
            if not font.getBestCmap():
                return "the font maps no characters"
    except (TTLibError, OSError, ValueError, KeyError, AssertionError, IndexError, EOFError):
        return "not a font file, or a damaged one"
    return None


def _missing_weights(spec: dict[str, dict[str, str]], located: Located) -> list[SpecError]:
    warnings = []
    for role, weights in spec.items():
        if ANY_WEIGHT in weights:
            continue
        for weight in USED[ROLES[role]]:
            if weight not in weights:
                instead = nearest(weight, list(weights))
                warnings.append(located.error(f"fonts.{role}", f"no {weight} font given; {instead} draws it",
                                              f"add `{weight}: <file>` under fonts.{role}", at_key=True))
    return warnings
