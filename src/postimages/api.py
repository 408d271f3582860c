"""The Python API: render a card to an image, or a post to its files, as the CLI does.

    import postimages

    image = postimages.render_card("specs/01-validation.yaml", size="portrait")
    results = postimages.render_post("specs", "output", theme="light", pdf=True)

Every mistake in a spec raises `SpecError` (`SpecErrors`, a subclass, when a
spec has several; its `errors` lists them), located at the file, line, column
and field; a bad option raises `OptionError`. All are `PostimagesError`s.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from postimages.errors import PostimagesError, SpecError, SpecErrors

if TYPE_CHECKING:
    from PIL import Image

    from postimages.plan import Options
    from postimages.spec import Card
    from postimages.theme import Theme
    from postimages.yamlsource import Located

__all__ = ["OptionError", "PostimagesError", "Result", "SpecError", "SpecErrors", "render_card", "render_post"]

SpecLike = Union[str, Path, Mapping[str, Any]]
SizeLike = Union[str, tuple[int, int], None]
ThemeLike = Union[str, Mapping[str, Any], None]

MAPPING_FILE = "<mapping>"  # what errors in a spec given as a mapping name as their file
MIN_SCALE, MAX_SCALE = 0.5, 4.0  # as `--scale`


class OptionError(PostimagesError, ValueError):
    """An option given to the API is not valid (a size, a theme, a scale...)."""


@dataclass(frozen=True)
class Result:
    """One card of a rendered post."""

    spec: Path  # the card's spec file
    path: Path  # its PNG: written, unchanged, or (when not ok) the previous one if any
    ok: bool
    errors: tuple[str, ...]  # one located line per problem, as the CLI prints them
    pixels: tuple[int, int] | None  # the PNG's width and height, when ok
    bytes: int = 0
    seconds: float = 0.0
    skipped: bool = False  # its inputs were unchanged: the PNG on disk was already right


def render_card(spec: SpecLike, *, size: SizeLike = None, theme: ThemeLike = None,
                scale: float = 1) -> Image.Image:
    """Render one card and return it as a Pillow image; nothing is written.

    `spec` is the path of a card's YAML file (its folder's post.yaml applies,
    and its page number is its place in that post), or a mapping of the same
    fields (`source:` of a code card is then relative to the working folder).
    `size` is square, portrait, landscape, "WIDTHxHEIGHT" or (width, height);
    `theme` dark, light or a mapping such as {"base": "dark", "accent": "#FF8800"}.
    Both override the spec's. Raises SpecError for a mistake in the spec."""
    from postimages.render import render_card as draw

    options = _options(size=size, theme=theme, scale=scale)
    card = _mapping_card(spec, options) if isinstance(spec, Mapping) else _file_card(spec, options)
    return draw(card, options.scale)


def render_post(specs_dir: str | Path = "specs", out_dir: str | Path = "output", *, size: SizeLike = None,
                theme: ThemeLike = None, scale: float = 1, force: bool = False, jobs: int = 0,
                pdf: bool = False) -> list[Result]:
    """Render a post as `postimages render` does: a PNG per card in `out_dir`,
    alt-text.md, carousel.pdf when `pdf`; unchanged cards are skipped unless
    `force`. `specs_dir` may also be one card's file.

    Returns a Result per card, in post order; a card that fails is a Result
    that is not ok, and the others still render. A problem with the post as a
    whole (its post.yaml, no cards) raises SpecError or PostimagesError; a
    post file that cannot be written raises PostimagesError after the cards."""
    from postimages.build import render_all
    from postimages.output import remove_stale_temp_files
    from postimages.plan import output_path, plan, remove_orphaned_pngs
    from postimages.postfiles import write_post_files
    from postimages.spec import discover, load_post_settings

    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 0 <= jobs <= 64:
        raise OptionError(f"jobs: expected a whole number from 0 to 64, got {jobs!r}")
    options = _options(size=size, theme=theme, scale=scale, out_dir=Path(out_dir), force=bool(force), jobs=jobs)
    target = Path(specs_dir)
    folder = target if target.is_dir() else target.parent
    if not target.exists():
        raise PostimagesError(f"{target}: no such file or folder")
    discover(folder, load_post_settings(folder))  # a broken post.yaml raises, located
    planned, problems = plan([target])
    if problems:
        raise PostimagesError("\n".join(problems))
    remove_stale_temp_files(options.out_dir)
    results = render_all(planned, options)
    remove_orphaned_pngs([target], planned, options)
    _, file_problems = write_post_files(results, options, pdf)
    if file_problems:
        raise PostimagesError("\n".join(file_problems))
    return [Result(spec=r.job.spec, path=output_path(r.job, options), ok=r.ok, errors=tuple(r.errors),
                   pixels=(r.pixels[0], r.pixels[1]) if r.ok and r.pixels else None, bytes=r.bytes_written,
                   seconds=r.seconds, skipped=r.skipped) for r in results]


def _options(*, size: SizeLike, theme: ThemeLike, scale: float, **more) -> Options:
    from postimages.plan import Options

    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) \
            or not MIN_SCALE <= scale <= MAX_SCALE:
        raise OptionError(f"scale: expected a number from {MIN_SCALE:g} to {MAX_SCALE:g}, got {scale!r}")
    return Options(size=_size(size), theme=_theme(theme), scale=float(scale), **more)


def _size(size: SizeLike) -> tuple[int, int] | None:
    from postimages.spec import parse_size

    if size is None:
        return None
    if isinstance(size, (tuple, list)):
        if len(size) != 2 or not all(isinstance(side, int) and not isinstance(side, bool) for side in size):
            raise OptionError(f"size: expected (width, height) in whole pixels, got {size!r}")
        size = f"{size[0]}x{size[1]}"
    try:
        return parse_size(size)
    except ValueError as exc:
        raise OptionError(f"size: {exc}") from None


def _theme(theme: ThemeLike) -> Theme | None:
    from postimages.theme import theme_from_spec

    if theme is None:
        return None
    try:
        return theme_from_spec(dict(theme) if isinstance(theme, Mapping) else theme)
    except ValueError as exc:
        raise OptionError(f"theme: {exc}") from None


def _file_card(spec: str | Path, options: Options) -> Card:
    from postimages.plan import Job, load_job
    from postimages.cardfiles import is_card_file
    from postimages.errors import display_path
    from postimages.spec import discover, load_post_settings

    if not isinstance(spec, (str, Path)):
        raise OptionError(f"spec: expected a card file's path or a mapping of fields, got {type(spec).__name__}")
    path = Path(spec)
    if path.is_dir():
        raise OptionError(f"{display_path(path)} is a folder: render_card draws one card file; "
                          "render_post renders a folder")
    if not is_card_file(path):
        raise OptionError(f"{display_path(path)}: not a card spec (post.yaml and files starting with _ are not cards)")
    if not path.is_file():
        raise SpecError(display_path(path), None, None, "", "no such file")
    folder = path.parent
    files = discover(folder, load_post_settings(folder))
    page = next((i for i, p in enumerate(files) if p.resolve() == path.resolve()), 0) + 1
    return load_job(Job(path, folder, page, max(len(files), 1)), options)


def _mapping_card(spec: Mapping[str, Any], options: Options) -> Card:
    from postimages.spec import PostSettings, card_from

    located = located_mapping(spec, Path(MAPPING_FILE))
    return card_from(located, Path.cwd() / MAPPING_FILE, PostSettings(), options.size, options.theme)


def located_mapping(data: Mapping[str, Any], name: Path) -> Located:
    """A mapping checked as the YAML reader checks a file (plain values only, the
    same limits), as a Located document: errors name the field, not a line."""
    from postimages.yamlsource import _SURROGATE, MAX_DEPTH, MAX_NODES, Located, join

    located = Located(name, None)
    count = 0

    def plain(value: Any, path: str, depth: int) -> Any:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise located.error(path, f"the spec has more than {MAX_NODES:,} values")
        if depth > MAX_DEPTH:
            raise located.error(path, f"the spec is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, Mapping):
            result = {}
            for key, child in value.items():
                if not isinstance(key, str):
                    raise located.error(path, f"a key must be text, got {key!r}")
                result[key] = plain(child, join(path, key), depth + 1)
            return result
        if isinstance(value, (list, tuple)):
            return [plain(child, join(path, i), depth + 1) for i, child in enumerate(value)]
        if isinstance(value, float) and not math.isfinite(value):
            raise located.error(path, f"expected a finite number, got {value}")
        if isinstance(value, Path):
            return str(value)
        if isinstance(value, str) and (lone := _SURROGATE.search(value)):
            raise located.error(path, f"holds \\u{ord(lone.group()):04x}, half of a character pair, which is "
                                "no character on its own", "write the whole character")
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        raise located.error(path, f"expected text, a number, true/false, a list or a mapping, "
                            f"got a {type(value).__name__}")

    if not isinstance(data, Mapping):
        raise located.error("", "a card spec is a mapping of fields")
    located.data = plain(data, "", 0)
    return located

