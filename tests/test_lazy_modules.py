"""A render loads only the code its cards use."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _modules_after_render(spec: Path) -> set[str]:
    probe = ("import sys, postimages\n"
             f"postimages.render_card({str(spec)!r})\n"
             "print(' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return set(done.stdout.split())


def test_a_card_without_images_does_not_load_the_image_module():
    assert "postimages.images" not in _modules_after_render(ROOT / "specs" / "01-validation.yaml")


def test_a_card_with_an_image_loads_it():
    # The branded post gives every card an avatar and a logo (its post.yaml).
    assert "postimages.images" in _modules_after_render(ROOT / "examples" / "branded" / "specs" / "01-validation.yaml")


def test_a_code_card_whose_tokens_are_kept_does_not_import_its_lexer(tmp_path):
    import os

    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    spec = ROOT / "specs" / "03-code.yaml"
    probe = ("import sys, postimages\n"
             f"postimages.render_card({str(spec)!r})\n"
             "print('pygments.lexers.python' in sys.modules)\n"
             "print(' '.join(sorted(name for name in sys.modules if name.startswith('pygments.'))))\n")
    first, again = (subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                                   check=True, env=env).stdout.splitlines() for _ in range(2))
    assert (first[0], again[0]) == ("True", "False")
    assert "pygments.styles" in first[1].split()
    # Shown as before, the code is read back coloured: no lexer table, style or token module at all.
    assert again[1:] in ([], [""])


@pytest.mark.parametrize("language, filename", [
    ("python", None), ("Python3", None), ("py", None), ("js", None), ("rust", None), ("text", None),
    ("plain", None), (None, "orchestrator.py"), (None, "main.rs"), (None, "Makefile"), (None, "notes.txt"),
    (None, None), (None, "data.unknownext"), (None, "page.html"),
])
def test_the_language_name_is_the_lexers(language, filename):
    from postimages.cards.code.lexers import lexer_class, lexer_name

    assert lexer_name(language, filename, "x = 1\n") == lexer_class(language, filename, "x = 1\n").name


def test_an_unknown_language_is_still_refused():
    from postimages.cards.code.lexers import lexer_name
    from postimages.errors import LayoutError

    with pytest.raises(LayoutError, match="unknown language"):
        lexer_name("pythn", None, "")


@pytest.mark.parametrize("language, filename", [("python", None), (None, "orchestrator.py"), (None, "Makefile"),
                                                ("text", None), (None, None)])
def test_the_kept_language_name_is_the_lexers(language, filename, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from postimages.cards.code import lexers
    from postimages.cards.code.source import language_name

    expected = lexers.lexer_name(language, filename, "x = 1\n")
    assert language_name(language, filename, "x = 1\n") == expected
    monkeypatch.setattr(lexers, "lexer_name", lambda *args: pytest.fail("looked up again"))
    assert language_name(language, filename, "x = 1\n") == expected


def test_an_unknown_language_is_refused_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from postimages.cards.code.source import language_name
    from postimages.errors import LayoutError

    for _ in range(2):
        with pytest.raises(LayoutError, match="unknown language"):
            language_name("pythn", None, "")


def test_a_one_card_render_writes_its_png_without_the_tempfile_module(tmp_path):
    probe = ("import sys\n"
             "from postimages.cli import main\n"
             "try:\n"
             f"    main(['render', {str(ROOT / 'specs' / '01-validation.yaml')!r}, '--force', '--out', {str(tmp_path)!r}])\n"
             "except SystemExit:\n"
             "    pass\n"
             "print('tempfile' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split()[-1] == "False", done.stdout + done.stderr
    assert (tmp_path / "01-validation.png").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
