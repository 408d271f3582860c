"""The user's own fonts: `fonts:` in post.yaml.

Each role (text, display, code) is one font file or a file per weight. A
variable font is drawn at each weight asked of it, on its `wght` axis (within
the axis's range), for shaping and rasterising alike. The files are checked when the post is
loaded: a missing, unreadable or not-a-font file is a located error; a weight
the cards use that the role lacks is a warning, and the nearest weight given
draws it. The bundled fonts stay behind them, character by character.
"""

from __future__ import annotations

import os
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
# A weight's place on a variable font's `wght` axis (OpenType's usWeightClass values).
WEIGHT_AXIS = dict(regular=400, medium=500, semibold=600, bold=700, extrabold=800)


@dataclass(frozen=True)
class Instance:
    """A variable font's file at one weight. It opens as its file (os.fspath,
    str, .name, .stat() ...), yet is another font than the same file at another
    weight for every cache keyed by font (coverage, shaping, glyph rasters)."""

    file: Path
    wght: float

    @property
    def variations(self) -> dict[str, float]:
        return {"wght": self.wght}

    def __fspath__(self) -> str:
        return os.fspath(self.file)

    def __str__(self) -> str:
        return str(self.file)

    def __getattr__(self, name: str):
        if name.startswith("__"):  # copy and pickle look for hooks before the fields exist
            raise AttributeError(name)
        return getattr(self.file, name)


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
    weight_axes: tuple[tuple[Path, float, float], ...] = ()  # each variable file's wght range

    def file(self, family: str, weight: str) -> Path | Instance | None:
        """The user's font for a family and weight (display falls back to text), nearest weight first;
        a variable file at that weight."""
        for wanted in (family, "text") if family == "display" else (family,):
            given = {w: p for f, w, p in self.files if f == wanted}
            if given:
                return self._at(given.get(ANY_WEIGHT) or given[nearest(weight, list(given))], weight)
        return None

    def _at(self, path: Path, weight: str) -> Path | Instance:
        for variable, low, high in self.weight_axes:
            if variable == path:
                return Instance(path, min(max(WEIGHT_AXIS.get(weight, 400), low), high))
        return path

    @property
    def paths(self) -> list[Path]:
        return [path for _, _, path in self.files]


def nearest(weight: str, available: list[str]) -> str:
    wanted = WEIGHTS.index(weight) if weight in WEIGHTS else 0
    # Ties go to the heavier weight, as CSS does for weights above normal.
    return min(available, key=lambda w: (abs(WEIGHTS.index(w) - wanted), -WEIGHTS.index(w)))


def resolve(spec: dict[str, dict[str, str]], located: Located, folder: Path) -> tuple[UserFonts, list[SpecError]]:
    """Check every file (relative to post.yaml's folder); return the fonts and the warnings."""
    files, axes, warnings = [], [], _missing_weights(spec, located)
    for role, weights in spec.items():
        for weight, name in weights.items():
            field = f"fonts.{role}" if weight == ANY_WEIGHT else f"fonts.{role}.{weight}"
            path = _checked(folder / name, name, field, located)
            files.append((ROLES[role], weight, path))
            axis = weight_axis(path)
            if axis is not None:
                axes.append((path, *axis))
                warnings.extend(_beyond_axis(role, weight, axis, located))
    return UserFonts(tuple(files), tuple(dict.fromkeys(axes))), warnings


def weight_axis(path: Path) -> tuple[float, float] | None:
    """(lowest, highest) of a variable font's `wght` axis; None for a font of one weight."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        if "fvar" not in font:
            return None
        return next(((a.minValue, a.maxValue) for a in font["fvar"].axes if a.axisTag == "wght"), None)


def _beyond_axis(role: str, given: str, axis: tuple[float, float], located: Located) -> list[SpecError]:
    """A warning for each weight the cards ask of this file that its axis does not reach."""
    low, high = axis
    asked = USED[ROLES[role]] if given == ANY_WEIGHT else (given,)
    field = f"fonts.{role}" if given == ANY_WEIGHT else f"fonts.{role}.{given}"
    return [located.error(field, f"the font's weights run from {low:g} to {high:g}; {weight} ({WEIGHT_AXIS[weight]}) "
                                 f"is drawn at {min(max(WEIGHT_AXIS[weight], low), high):g}",
                          f"give a font with that weight, as `{weight}: <file>` under fonts.{role}")
            for weight in asked if not low <= WEIGHT_AXIS[weight] <= high]


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
