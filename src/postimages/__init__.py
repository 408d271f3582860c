"""postimages: YAML specs in, LinkedIn-ready PNG cards out.

The Python API (see README.md, "Python API"):

    postimages.render_card(spec, *, size=None, theme=None, scale=1) -> PIL.Image.Image
    postimages.render_post(specs_dir, out_dir, *, size, theme, scale, force, jobs, pdf) -> list[Result]

Errors: SpecError (file, line, column, field, message, hint), SpecErrors (several:
`errors`), OptionError, all PostimagesError. They are loaded on first use, so
`import postimages` stays as quick as the command line needs.
"""

__version__ = "0.1.0"

# Not `typing.TYPE_CHECKING`: importing typing would triple the package's import time.
# Type checkers read a module-level TYPE_CHECKING = False the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from postimages.api import OptionError, Result, render_card, render_post
    from postimages.errors import PostimagesError, SpecError, SpecErrors

_EXPORTS = {
    "render_card": "postimages.api",
    "render_post": "postimages.api",
    "Result": "postimages.api",
    "OptionError": "postimages.api",
    "PostimagesError": "postimages.errors",
    "SpecError": "postimages.errors",
    "SpecErrors": "postimages.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'postimages' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS} - {"TYPE_CHECKING"})
