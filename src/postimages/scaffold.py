"""`postimages init`: a new post with one spec of each kind, ready to render."""

from __future__ import annotations

import shutil
from pathlib import Path

from postimages.errors import PostimagesError

STARTER = Path(__file__).resolve().parent / "starter"


def create_post(folder: Path) -> list[Path]:
    """Copy the starter post into `folder`; never overwrite an existing specs/ folder."""
    specs = folder / "specs"
    if specs.exists():
        raise PostimagesError(f"{specs} already exists: choose an empty folder, e.g. `postimages init my-post`")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # An installed package compiles the starter snippet: its bytecode is no part of a post.
        shutil.copytree(STARTER / "specs", specs, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    except (OSError, shutil.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise PostimagesError(f"cannot create {specs}: {reason}; choose a folder you can write to, "
                              "e.g. `postimages init ~/my-post`") from None
    return sorted(p for p in specs.rglob("*") if p.is_file())
