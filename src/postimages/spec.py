"""Spec loading: post.yaml settings, card files, validation, card order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from postimages import cards
from postimages.cardfiles import POST_FILE, card_file_names
from postimages.errors import SpecError, SpecErrors, display_path
from postimages.langtag import DEFAULT_LANGUAGE, parse_language
from postimages.schema import (Bool, Custom, Field, ListOf, Obj, Problems, Str, marked_texts, takes_markup,
                               with_markup_removed)
from postimages.theme import BASE_THEMES, Theme, theme_from_spec
from postimages.userfonts import UserFonts, parse_fonts, resolve
from postimages.yamlsource import Located, load_file

SIZES = {"square": (1200, 1200), "portrait": (1080, 1350), "landscape": (1200, 627)}
MIN_SIDE, MAX_SIDE = 320, 4000
_CUSTOM_SIZE = re.compile(r"^\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*$")


def parse_size(value: object) -> tuple[int, int]:
    """`square`, `portrait`, `landscape` or `WIDTHxHEIGHT` -> (width, height)."""
    if isinstance(value, str) and value.strip().lower() in SIZES:
        return SIZES[value.strip().lower()]
    match = _CUSTOM_SIZE.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"expected square, portrait, landscape or WIDTHxHEIGHT such as 1600x900, got {value!r}")
    width, height = int(match.group(1)), int(match.group(2))
    for side in (width, height):
        if not MIN_SIDE <= side <= MAX_SIDE:
            raise ValueError(f"each side must be {MIN_SIDE} to {MAX_SIDE} px, got {width}x{height}")
    if max(width, height) > 3 * min(width, height):
        raise ValueError(f"{width}x{height} is too elongated for a card; keep the sides within 3:1")
    return width, height


def _parse_theme(value: object) -> Theme:
    return theme_from_spec(value)


SIZE = Custom(parse_size, {"anyOf": [{"enum": list(SIZES)}, {"type": "string", "pattern": r"^\d+x\d+$"}]},
              doc="square (1200x1200), portrait (1080x1350), landscape (1200x627) or WIDTHxHEIGHT")
THEME = Custom(_parse_theme, {"anyOf": [{"enum": ["dark", "light"]}, {"type": "object"}]},
               doc="dark, light, or a mapping {base: dark, accent: '#FF8800', ...}")

# Settings a card file may override.
CARD_SETTINGS = {
    "theme": Field(THEME),
    "size": Field(SIZE),
    "footer": Field(Str(max_length=200, doc="line shown at the bottom of every card")),
    "page_numbers": Field(Bool(doc='show "1/4" in the corner')),
}

if TYPE_CHECKING:
    from postimages.data import Read


def _parse_sources(value: object) -> dict[str, str]:
    # The data module (and its file formats) loads only for a post that has data files.
    from postimages import data as datarefs

    return datarefs.parse_sources(value)


POST_SCHEMA = Obj(
    {
        **CARD_SETTINGS,
        "author": Field(Str(max_length=80)),
        "handle": Field(Str(max_length=60)),
        "order": Field(ListOf(Str(), max_items=100, doc="card file stems in carousel order")),
        "language": Field(Custom(parse_language, {"type": "string", "pattern": r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"},
                                 doc=f"the post's language, a BCP 47 tag such as en, hi or pt-BR (default "
                                     f"{DEFAULT_LANGUAGE}): the carousel PDF's language, the voice a screen "
                                     "reader reads it in")),
        "data": Field(Custom(_parse_sources, {"type": "object", "additionalProperties": {"type": "string"}},
                             doc="named data files (JSON, YAML, TOML, CSV) cards take numbers and words from")),
        "avatar": Field(Str(max_length=500, doc="a headshot beside author · handle (PNG, JPEG or WebP)")),
        "logo": Field(Str(max_length=500, doc="a small mark in a corner of every card (PNG, JPEG or WebP)")),
        "fonts": Field(Custom(parse_fonts, {"type": "object"},
                              doc="the post's own fonts: {text: file, display: file, code: file}; "
                                  "a role may be {regular: file, medium: file, bold: file}")),
    },
    doc="Settings shared by every card of the post",
)

COMMON_FIELDS = {
    "kind": Field(Str(choices=cards.names(), doc="the card kind"), required=True),
    "kicker": Field(Str(max_length=120, doc="small uppercase line above the title")),
    "title": Field(Str(max_length=200, markup=True)),
    "subtitle": Field(Str(max_length=300, markup=True)),
    "alt": Field(Str(max_length=1000, doc="alt text; generated from the content when absent")),
    **CARD_SETTINGS,
}


def card_schema(kind: str) -> Obj:
    card_kind = cards.get(kind)
    return Obj({**COMMON_FIELDS, **card_kind.fields}, check=card_kind.check,
               doc=f"A card of kind {kind}")


@dataclass
class PostSettings:
    theme: Theme | None = None
    size: tuple[int, int] | None = None
    footer: str | None = None
    page_numbers: bool | None = None
    author: str | None = None
    handle: str | None = None
    order: list[str] | None = None
    language: str | None = None
    data: dict[str, Path] | None = None  # data files by their short name, relative to post.yaml
    avatar: Path | None = None  # relative paths already joined to post.yaml's folder
    logo: Path | None = None
    fonts: UserFonts | None = None
    file: Path | None = None
    located: Located | None = None  # to point errors in shared settings at post.yaml
    font_warnings: tuple[SpecError, ...] = ()  # a weight a role lacks: the nearest draws it


@dataclass
class Card:
    """One validated card spec with its effective settings."""

    name: str
    path: Path
    kind: str
    fields: dict
    located: Located
    theme: Theme
    size: tuple[int, int]
    footer: str | None
    author: str | None
    handle: str | None
    page_numbers: bool
    page: int = 1
    pages: int = 1
    post_located: Located | None = None
    data_reads: list[Read] = field(default_factory=list)  # values taken from data files
    data_files: list[Path] = field(default_factory=list)  # the files they came from
    avatar: Path | None = None
    logo: Path | None = None
    fonts: UserFonts | None = None  # post.yaml's own fonts, in front of the bundled ones
    font_warnings: tuple[SpecError, ...] = ()
    language: str = DEFAULT_LANGUAGE  # the post's, a BCP 47 tag

    def error(self, path: str, message: str, hint: str | None = None) -> SpecError:
        """The one way to locate a problem of a card: at the field in the card's
        file, or in post.yaml when the card inherits that setting from there."""
        root = path.split(".")[0].split("[")[0]
        inherited = root not in self.located.positions and self.post_located is not None
        if inherited and root in self.post_located.positions:
            return self.post_located.error(path, message, hint)
        return self.located.error(path, message, hint)

    def marked_texts(self) -> list[tuple[str, str]]:
        """(field, text) of every field of the card that takes **emphasis** and `code`."""
        return list(marked_texts(card_schema(self.kind), self.fields))

    def as_shown(self) -> Card:
        """The card with its marked-up text as the card shows it, without the markers (for alt text)."""
        return replace(self, fields=with_markup_removed(card_schema(self.kind), self.fields))

    def sets(self, field: str) -> bool:
        """Whether the card's file or its post.yaml sets `field`."""
        return field in self.located.positions or (self.post_located is not None
                                                   and field in self.post_located.positions)


def load_post_settings(folder: Path) -> PostSettings:
    path = folder / POST_FILE
    if not path.is_file():
        return PostSettings()
    located = load_file(path, display_path(path))
    if located.data is None:
        return PostSettings(file=path)
    problems = Problems(located)
    values = POST_SCHEMA.validate(located.data, "", problems)
    if problems.errors:
        raise SpecErrors(problems.errors)
    if values["data"]:
        from postimages import data as datarefs

        values["data"] = datarefs.sources_of(path, values["data"])
    for image in ("avatar", "logo"):
        if values[image] is not None:
            values[image] = path.parent / values[image]
    warnings: list[SpecError] = []
    if values["fonts"]:
        values["fonts"], warnings = resolve(values["fonts"], located, path.parent)
    return PostSettings(**values, file=path, located=located, font_warnings=tuple(warnings))


def load_card(path: Path, post: PostSettings, size_override: tuple[int, int] | None = None,
              theme_override: Theme | None = None) -> Card:
    return card_from(load_file(path, display_path(path)), path, post, size_override, theme_override)


def card_from(located: Located, path: Path, post: PostSettings, size_override: tuple[int, int] | None = None,
              theme_override: Theme | None = None) -> Card:
    """A card from its parsed spec (a file's, or a mapping's given to the Python API)."""
    data = located.data
    if data is None:
        raise located.error("", "the file is empty", "start with `kind:` and one of " + ", ".join(cards.names()))
    if not isinstance(data, dict):
        raise located.error("", "a card spec is a mapping of fields, not a list or a single value",
                            "start with `kind: stats` and put each field on its own line")
    kind_problems = Problems(located)
    kind = COMMON_FIELDS["kind"].type.validate(data.get("kind"), "kind", kind_problems) if "kind" in data else None
    if "kind" not in data:
        raise located.error("", "missing required field 'kind'", "add `kind: " + " | ".join(cards.names()) + "`")
    if kind is None:
        raise SpecErrors(kind_problems.errors)
    from postimages import data as datarefs

    resolver = datarefs.Resolver(post.data or {})  # without data files, `{data: ...}` is still an error to explain
    schema = card_schema(kind)
    located, reads = datarefs.resolve(located, resolver, cards.get(kind).verbatim,
                                      lambda path: takes_markup(schema, path))
    problems = Problems(located)
    values = schema.validate(located.data, "", problems)
    if problems.errors:
        raise SpecErrors(datarefs.from_data(problems.errors, reads))
    return Card(
        name=path.stem,
        path=path,
        kind=kind,
        fields=values,
        located=located,
        theme=_with_override(values["theme"] or post.theme or theme_from_spec(None), theme_override),
        size=size_override or values["size"] or post.size or SIZES["square"],
        footer=values["footer"] if values["footer"] is not None else post.footer,
        author=post.author,
        handle=post.handle,
        page_numbers=_first_set(values["page_numbers"], post.page_numbers, True),
        post_located=post.located,
        data_reads=reads,
        data_files=datarefs.files_read(reads, resolver),
        avatar=post.avatar,
        logo=post.logo,
        fonts=post.fonts,
        font_warnings=post.font_warnings,
        language=post.language or DEFAULT_LANGUAGE,
    )


def _with_override(theme: Theme, override: Theme | None) -> Theme:
    """`--theme light` flips a brand theme to its light variant; any other theme given as the option replaces it."""
    if override is None:
        return theme
    return theme.variant(override.dark) if override in BASE_THEMES.values() else override


def _first_set(*values):
    return next(v for v in values if v is not None)


def discover(folder: Path, post: PostSettings, names: list[str] | None = None) -> list[Path]:
    """Card files of a folder in post order: `order:` first, then by file name.
    `names`: the folder's card files as `card_file_names` listed them, if known."""
    files = [folder / name for name in (card_file_names(folder) if names is None else names)]
    if not post.order:
        return files
    by_stem = {p.stem: p for p in files}
    unknown = [name for name in post.order if name not in by_stem]
    if unknown:
        located = load_file(post.file, display_path(post.file))
        index = post.order.index(unknown[0])
        raise located.error(f"order[{index}]", f"no card file named {unknown[0]}.yaml in {display_path(folder)}",
                            "known cards: " + ", ".join(by_stem))
    ordered = [by_stem[name] for name in post.order]
    return ordered + [p for p in files if p not in ordered]


def json_schema() -> dict:
    """A JSON Schema of card specs (and, under $defs, of post.yaml) for editors."""
    branches = []
    for kind in cards.names():
        branches.append({"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                         "then": card_schema(kind).json_schema()})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "postimages card spec",
        "description": "One card of a LinkedIn post, rendered by `postimages render`.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": COMMON_FIELDS["kind"].type.json_schema()},
        "allOf": branches,
        "$defs": {"post": POST_SCHEMA.json_schema()},
    }


def post_json_schema() -> dict:
    schema = POST_SCHEMA.json_schema()
    schema.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "postimages post.yaml"})
    return schema
