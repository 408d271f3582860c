"""The Python API as a user calls it: `import postimages` in a fresh interpreter."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.fixture
def post(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def python(code: str) -> str:
    """Run `code` in a new interpreter from the working folder; its printed output."""
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    return completed.stdout.strip()


def test_render_card_from_a_file(post):
    assert python("import postimages; print(postimages.render_card('specs/01-validation.yaml').size)") == "(1200, 1200)"


def test_render_card_options(post):
    code = """
import postimages
print(postimages.render_card('specs/01-validation.yaml', size='portrait').size)
print(postimages.render_card('specs/01-validation.yaml', size=(800, 600), theme='light', scale=2).size)
print(postimages.render_card('specs/04-lessons.yaml', theme={'base': 'dark', 'accent': '#FF8800'}).mode)
"""
    assert python(code).splitlines() == ["(1080, 1350)", "(1600, 1200)", "RGB"]


def test_render_card_from_a_mapping(post):
    code = """
import postimages
image = postimages.render_card({"kind": "stats", "title": "Results",
                                "metrics": [{"label": "Win rate", "value": 38.1, "unit": "%"}]})
print(image.size)
"""
    assert python(code) == "(1200, 1200)"


def test_the_page_number_is_the_cards_place_in_its_post(post):
    code = """
import postimages
from postimages.api import _file_card, _options
card = _file_card('specs/03-code.yaml', _options(size=None, theme=None, scale=1))
print(card.page, card.pages)
"""
    assert python(code) == "3 4"


def test_a_bad_mapping_raises_spec_errors_naming_each_field(post):
    code = """
import json, postimages
try:
    postimages.render_card({"kind": "stats", "metrics": [{"label": "a", "value": "abc"}, {"value": 2}]})
except postimages.SpecError as error:
    print(json.dumps({"type": type(error).__name__, "file": str(error.file), "field": error.field,
                      "fields": [e.field for e in error.errors], "hint": error.hint,
                      "several": isinstance(error, postimages.SpecErrors),
                      "base": isinstance(error, postimages.PostimagesError)}))
"""
    found = json.loads(python(code))
    assert found == {"type": "SpecErrors", "file": "<mapping>", "field": "metrics[0].value",
                     "fields": ["metrics[0].value", "metrics[1]"],
                     "hint": "numbers are written without quotes, e.g. 38.1", "several": True, "base": True}


def test_a_bad_file_is_located_at_its_line(post):
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("value: 38.1", "value: abc"))
    code = """
import postimages
try:
    postimages.render_card('specs/01-validation.yaml')
except postimages.SpecError as error:
    print(error.file, error.line, error.column, error.field)
"""
    line = next(n for n, text in enumerate(spec.read_text().splitlines(), 1) if "value: abc" in text)
    assert python(code) == f"specs/01-validation.yaml {line} 12 metrics[1].value"


@pytest.mark.parametrize("call, expected", [
    ("render_card('specs/nope.yaml')", "SpecError specs/nope.yaml: no such file"),
    ("render_card({'kind': 'stat'})", "did you mean 'stats'?"),
    ("render_card({'kind': 'stats', 'title': object()})", "<mapping>: title: expected text, a number"),
    ("render_card({'kind': 'stats', 'title': float('nan')})", "title: expected a finite number"),
    ("render_card('specs/01-validation.yaml', size='huge')", "OptionError size: expected square"),
    ("render_card('specs/01-validation.yaml', size=(100, 100))", "each side must be 320 to 4000 px"),
    ("render_card('specs/01-validation.yaml', theme='blue')", "OptionError theme: unknown theme 'blue'"),
    ("render_card('specs/01-validation.yaml', scale=10)", "scale: expected a number from 0.5 to 4"),
    ("render_card('specs/01-validation.yaml', size=(4000, 4000), scale=4)", "million that can be drawn safely"),
    ("render_card('specs')", "is a folder"),
    ("render_post('nowhere', 'output')", "nowhere: no such file or folder"),
])
def test_mistakes_raise_postimages_errors_never_a_traceback(post, call, expected):
    code = f"""
import postimages
try:
    postimages.{call}
except postimages.PostimagesError as error:
    print(type(error).__name__, error)
"""
    assert expected in python(code)


def test_render_post_writes_what_the_command_writes(post):
    code = """
import postimages
for result in postimages.render_post('specs', 'output', pdf=True):
    print(result.path, result.ok, result.pixels, result.errors, result.skipped)
"""
    lines = python(code).splitlines()
    assert len(lines) == 4
    assert lines[0] == "output/01-validation.png True (1200, 1200) () False"
    assert (post / "output" / "alt-text.md").exists()
    assert (post / "output" / "carousel.pdf").exists()
    again = python("import postimages; print([r.skipped for r in postimages.render_post('specs', 'output')])")
    assert again == "[True, True, True, True]"


def test_render_post_reports_a_failed_card_and_renders_the_others(post):
    spec = post / "specs" / "01-validation.yaml"
    spec.write_text(spec.read_text().replace("value: 38.1", "value: abc"))
    code = """
import postimages
results = postimages.render_post('specs', 'out', size='portrait', theme='light', jobs=1, force=True)
print([r.ok for r in results])
print(results[0].errors[0])
"""
    oks, error = python(code).splitlines()
    assert oks == "[False, True, True, True]"
    assert error.startswith("specs/01-validation.yaml:") and "metrics[1].value: expected a number" in error


def test_a_broken_post_yaml_raises(post):
    (post / "specs" / "post.yaml").write_text("theme: blue\n")
    code = """
import postimages
try:
    postimages.render_post('specs', 'output')
except postimages.SpecError as error:
    print(error.file, error.line, error.field)
"""
    assert python(code) == "specs/post.yaml 1 theme"


def test_import_loads_no_rendering_code():
    code = "import sys, postimages; print(sorted(m for m in sys.modules if m.startswith(('postimages', 'PIL', 'yaml'))))"
    assert python(code) == "['postimages']"
