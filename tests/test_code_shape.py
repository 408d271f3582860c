"""The shape of the code, measured: small modules and functions, layout that
never paints, kinds that only their own package names."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from postimages import cards

SRC = Path(__file__).resolve().parent.parent / "src" / "postimages"
MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_modules_and_functions_stay_small(module):
    source = module.read_text(encoding="utf-8")
    assert source.count("\n") <= 400, f"{module.name} has {source.count(chr(10))} lines (at most 400)"
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60]
    assert not long, f"functions over 60 lines in {module.name}: {', '.join(long)}"


# An image's fit mode `cover` (`fit="cover"`, `fields["fit"] == "cover"`, `("contain", "cover")`)
# shares its word with the cover kind; it does not name the kind.
FIT_MODE = re.compile(r"""(fit(["']\])?\s*==?\s*|["']contain["'],\s*)["']cover["']""")


def test_no_module_outside_a_kind_names_it():
    for kind in cards.names():
        own = SRC / "cards" / kind
        quoted = re.compile(rf"[\"']{kind}[\"']")
        naming = [str(p.relative_to(SRC)) for p in MODULES
                  if own not in p.parents and quoted.search(FIT_MODE.sub("", p.read_text(encoding="utf-8")))]
        assert not naming, f"{kind} is named outside its package, in {naming}"


def test_laying_out_every_shipped_card_paints_nothing(repo_root):
    """Layout is pure: it computes the scene; only the painter loads Pillow's drawing."""
    script = (
        "import sys\n"
        "from postimages.plan import Options, load_job, plan\n"
        "from postimages.render import layout_card\n"
        "jobs, _ = plan([__import__('pathlib').Path('specs')])\n"
        "scenes = [layout_card(load_job(job, Options())) for job in jobs]\n"
        "assert all(scene.items for scene in scenes)\n"
        "print(sorted(m for m in sys.modules if m in ('postimages.paint', 'postimages.textpaint', "
        "'PIL.ImageDraw', 'postimages.draw')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=repo_root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"layout loaded drawing code: {done.stdout}"
