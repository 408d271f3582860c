"""Re-rendering skips cards whose inputs are unchanged; any input change renders again."""

import shutil

import pytest
from click.testing import CliRunner

from postimages.cli import main

from conftest import ROOT


@pytest.fixture
def post(in_tmp):
    (in_tmp / "specs").mkdir()
    for name in ("post.yaml", "01-validation.yaml"):
        shutil.copy(ROOT / "specs" / name, in_tmp / "specs" / name)
    shutil.copy(ROOT / "specs" / "01-validation.yaml", in_tmp / "specs" / "02-second.yaml")
    return in_tmp


def render(*args):
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.output.splitlines() if line.startswith("output/")}


def unchanged(lines):
    return sorted(name for name, line in lines.items() if line.endswith("unchanged"))


def test_nothing_changed_skips_every_card(post):
    assert unchanged(render()) == []
    png = post / "output" / "01-validation.png"
    mtime = png.stat().st_mtime_ns
    assert unchanged(render()) == ["output/01-validation.png", "output/02-second.png"]
    assert png.stat().st_mtime_ns == mtime


def test_a_one_number_edit_renders_only_that_card(post):
    render()
    spec = post / "specs" / "02-second.yaml"
    spec.write_text(spec.read_text().replace("value: 42", "value: 43"))
    assert unchanged(render()) == ["output/01-validation.png"]


def test_post_settings_change_renders_every_card(post):
    render()
    settings = post / "specs" / "post.yaml"
    settings.write_text(settings.read_text().replace("Your Name", "Someone Else"))
    assert unchanged(render()) == []


@pytest.mark.parametrize("option", [["--size", "portrait"], ["--theme", "light"], ["--scale", "1.5"]])
def test_other_options_render_again(post, option):
    render()
    assert unchanged(render(*option)) == []


def test_force_renders_anyway(post):
    render()
    assert unchanged(render("--force")) == []


def test_a_deleted_or_replaced_png_is_rendered_again(post):
    render()
    (post / "output" / "01-validation.png").unlink()
    (post / "output" / "02-second.png").write_bytes(b"not the card")
    assert unchanged(render()) == []


def test_a_corrupt_cache_file_is_ignored(post):
    render()
    (post / "output" / ".postimages-cache.json").write_text("{not json")
    assert unchanged(render()) == []
    assert len(unchanged(render())) == 2


def test_a_failed_card_does_not_poison_the_cache(post):
    render()
    spec = post / "specs" / "02-second.yaml"
    good = spec.read_text()
    spec.write_text(good.replace("value: 42", "value: abc"))
    assert CliRunner().invoke(main, ["render"]).exit_code == 1
    spec.write_text(good)
    assert unchanged(render()) == ["output/01-validation.png", "output/02-second.png"]


def test_two_workers_give_the_same_pngs_as_one(post):
    render("--jobs", "1", "--out", "one")
    render("--jobs", "2", "--out", "two")
    for name in ("01-validation.png", "02-second.png"):
        assert (post / "one" / name).read_bytes() == (post / "two" / name).read_bytes()


@pytest.fixture
def code_post(in_tmp):
    """The shipped post with its code card and snippet."""
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def code_card_png(folder):
    spec = next(p for p in sorted((folder / "specs").glob("*.yaml")) if "kind: code" in p.read_text())
    return f"output/{spec.stem}.png"


def test_a_snippet_edit_renders_only_the_code_card(code_post):
    first = render()
    snippet = next((code_post / "specs" / "snippets").iterdir())
    snippet.write_text(snippet.read_text() + "\n# one more line\n")
    lines = render()
    drawn = sorted(name for name in lines if name.endswith(".png") and name not in unchanged(lines))
    assert drawn == [code_card_png(code_post)]
    assert len(unchanged(lines)) == len([n for n in first if n.endswith(".png")]) - 1


def test_a_new_tool_version_or_other_fonts_render_again(post, monkeypatch):
    from postimages import cache

    render()
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert unchanged(render()) == []
    render()
    monkeypatch.setattr(cache, "tool_fingerprint", lambda: "other fonts")
    assert unchanged(render()) == []


def test_a_same_named_card_from_another_folder_is_not_taken_for_unchanged(in_tmp):
    for folder, value in (("a", "42"), ("b", "43")):
        (in_tmp / folder).mkdir()
        text = (ROOT / "specs" / "01-validation.yaml").read_text()
        (in_tmp / folder / "card.yaml").write_text(text.replace("value: 42", f"value: {value}"))
    render("a")
    assert unchanged(render("b")) == []
    assert unchanged(render("b")) == ["output/card.png"]


def test_unchanged_cards_keep_their_alt_text(post):
    render()
    before = (post / "output" / "alt-text.md").read_text()
    lines = render()
    assert len(unchanged(lines)) == 2
    assert (post / "output" / "alt-text.md").read_text() == before
    assert "02-second.png" in before


def test_the_alt_text_file_is_written_again_only_when_its_text_changes(post):
    import os

    render()
    alt = post / "output" / "alt-text.md"
    os.utime(alt, ns=(10**9, 10**9))
    render()
    assert alt.stat().st_mtime_ns == 10**9  # the same text: the file is left alone
    spec = post / "specs" / "02-second.yaml"
    spec.write_text(spec.read_text() + "alt: A new description of the second card.\n")
    render()
    assert "A new description of the second card." in alt.read_text()
    copy = post / "elsewhere.md"
    copy.write_bytes(alt.read_bytes())
    alt.unlink()
    alt.symlink_to(copy)
    render()
    assert not alt.is_symlink() and alt.read_bytes() == copy.read_bytes()  # a link is replaced by the file, as ever


def test_a_pdf_of_unchanged_cards_is_still_written(post):
    render()
    lines = render("--pdf")
    assert len(unchanged(lines)) == 2
    assert (post / "output" / "carousel.pdf").read_bytes().startswith(b"%PDF")


def test_a_pdf_of_unchanged_cards_is_not_drawn_again(post):
    render("--pdf")
    pdf = post / "output" / "carousel.pdf"
    data, mtime = pdf.read_bytes(), pdf.stat().st_mtime_ns
    lines = render("--pdf")
    assert lines["output/carousel.pdf"].endswith("2 pages  1200×1200  " + lines["output/carousel.pdf"].split()[-3]
                                                  + " MB  unchanged")
    assert pdf.stat().st_mtime_ns == mtime and pdf.read_bytes() == data
    spec = post / "specs" / "02-second.yaml"
    spec.write_text(spec.read_text() + "alt: The second card, described anew.\n")
    lines = render("--pdf")
    assert not lines["output/carousel.pdf"].endswith("unchanged") and pdf.read_bytes() != data


@pytest.mark.parametrize("damage", ["cut", "removed", "replaced"])
def test_a_pdf_changed_since_it_was_written_is_drawn_again(post, damage):
    render("--pdf")
    pdf = post / "output" / "carousel.pdf"
    data = pdf.read_bytes()
    if damage == "cut":
        pdf.write_bytes(data[:-100])
    elif damage == "removed":
        pdf.unlink()
    else:
        pdf.write_bytes(b"%PDF-1.4 someone else's file")
    lines = render("--pdf")
    assert not lines["output/carousel.pdf"].endswith("unchanged")
    again = pdf.read_bytes()
    assert again.startswith(b"%PDF") and again.rstrip().endswith(b"%%EOF") and len(again) > len(data) / 2


@pytest.mark.parametrize("targets", [[], ["specs"], ["specs/02-second.yaml"]])
def test_nothing_changed_loads_no_drawing_code(post, targets):
    """The no-change path decides from the cache alone: no Pillow, fontTools or
    Pygments, and not even the YAML parser, the schema or the spec module: the
    post's plan comes from the cache too."""
    import subprocess
    import sys

    render()
    probe = ("import sys\n"
             "from postimages.cli import main\n"
             "try:\n"
             f"    main(['render', *{targets!r}])\n"
             "except SystemExit:\n"
             "    pass\n"
             "heavy = [m for m in ('PIL', 'fontTools', 'pygments', 'yaml', 'postimages.schema', 'postimages.spec',\n"
             "                     'postimages.yamlsource', 'tempfile') if m in sys.modules]\n"
             "print('loaded:', heavy)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=post, capture_output=True, text=True, timeout=60)
    assert "loaded: []" in done.stdout, done.stdout + done.stderr
    assert done.stdout.count("KB  unchanged") == (1 if targets and targets[0].endswith(".yaml") else 2)


# --- a cache is a hint: anything odd in it is ignored and rebuilt -------------

def _cache_file(post):
    return post / "output" / ".postimages-cache.json"


@pytest.mark.parametrize("field, odd", [("pixels", None), ("pixels", [0, "x"]), ("alt", {"a": 1}),
                                        ("alt", "x \ud800 y"),  # JSON holds a lone surrogate; alt-text.md cannot
                                        ("bytes", "12"), ("inputs", "specs"), ("digest", 7), ("key", None)])
def test_an_entry_with_a_wrong_typed_field_is_drawn_again(post, field, odd):
    import json

    render()
    cache = json.loads(_cache_file(post).read_text())
    cache["01-validation.png"][field] = odd
    _cache_file(post).write_text(json.dumps(cache))
    assert unchanged(render()) == ["output/02-second.png"]
    assert unchanged(render()) == ["output/01-validation.png", "output/02-second.png"]  # and recorded again


def test_a_png_replaced_by_garbage_of_the_same_size_is_drawn_again(post):
    render()
    png = post / "output" / "01-validation.png"
    good = png.read_bytes()
    png.write_bytes(b"\0" * len(good))
    assert unchanged(render()) == ["output/02-second.png"]
    assert png.read_bytes() == good


def test_a_huge_input_is_not_read_whole_for_its_key(tmp_path, monkeypatch):
    from postimages import cache

    big = tmp_path / "big.bin"
    with big.open("wb") as handle:
        handle.truncate(cache.LARGEST_HASHED + 1)  # sparse: no disk used
    monkeypatch.setattr(type(big), "read_bytes", lambda self: pytest.fail(f"{self} was read whole"))
    first = cache.card_key([big], "s")
    assert cache.card_key([big], "s") == first
    with big.open("ab") as handle:
        handle.write(b"x")
    assert cache.card_key([big], "s") != first
