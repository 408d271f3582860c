"""A post whose post.yaml and card files are unchanged is planned from the
output folder's cache; anything else plans as if there were no cache.

Each change is made to two copies of a rendered post: one keeps its cache's
plan, the other has it taken out. Both must then print the same lines, exit
the same way and leave the same files."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

CACHE = "output/.postimages-cache.json"
TIMING = re.compile(r"(\d+\.\d+ s|\d+ KB)")  # seconds and rounded sizes vary from run to run


def run(folder, *args):
    done = subprocess.run([sys.executable, "-m", "postimages", "render", *args], cwd=folder,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True,
                          timeout=120)
    return done.returncode, TIMING.sub("…", done.stdout), TIMING.sub("…", done.stderr)


def plans(folder) -> dict:
    entries = json.loads((folder / CACHE).read_text())
    return {name: entry for name, entry in entries.items() if name.startswith("plan of ")}


def without_plans(folder):
    try:
        entries = json.loads((folder / CACHE).read_text())
    except (OSError, ValueError):
        return  # no cache, or none readable: no plan either
    (folder / CACHE).write_text(json.dumps({k: v for k, v in entries.items() if not k.startswith("plan of ")}))


def output_files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "output").iterdir())
            if p.suffix in (".png", ".md", ".pdf")}


@pytest.fixture
def posts(tmp_path):
    """Two rendered copies of a three-card post: (with the plan cached, without)."""
    first = tmp_path / "cached"
    (first / "specs").mkdir(parents=True)
    shutil.copy(ROOT / "specs" / "post.yaml", first / "specs")
    text = (ROOT / "specs" / "01-validation.yaml").read_text()
    for name, value in (("01-a", 42), ("02-b", 43), ("03-c", 44)):
        (first / "specs" / f"{name}.yaml").write_text(text.replace("value: 42", f"value: {value}"))
    assert run(first)[0] == 0
    assert plans(first), "the render records the post's plan"
    second = tmp_path / "uncached"
    shutil.copytree(first, second)
    return first, second


def same_render(posts, change, *args):
    """Apply `change` to both copies, render both; the outcome must not depend on the cached plan."""
    cached, uncached = posts
    for folder in posts:
        change(folder / "specs")
    without_plans(uncached)
    outcome = run(cached, *args)
    assert outcome == run(uncached, *args)
    assert output_files(cached) == output_files(uncached)
    return outcome


def unchanged(stdout):
    return [line.split()[0] for line in stdout.splitlines() if line.endswith("unchanged")]


def drawn(stdout):
    return [line.split()[0] for line in stdout.splitlines()
            if line.startswith("output/") and ".png" in line and not line.endswith("unchanged")]


def test_nothing_changed_draws_nothing_with_the_plan_or_without(posts):
    code, stdout, _ = same_render(posts, lambda specs: None)
    assert code == 0 and len(unchanged(stdout)) == 3


def test_a_new_order_renders_in_that_order(posts):
    def reorder(specs):
        with (specs / "post.yaml").open("a") as handle:
            handle.write("order: [03-c, 01-a]\n")

    code, stdout, _ = same_render(posts, reorder)
    assert code == 0 and drawn(stdout) == ["output/03-c.png", "output/01-a.png", "output/02-b.png"]
    alt = (posts[0] / "output" / "alt-text.md").read_text()
    assert alt.index("03-c.png") < alt.index("01-a.png") < alt.index("02-b.png")
    code, stdout, _ = same_render(posts, lambda specs: None)  # and planned from the cache again
    assert len(unchanged(stdout)) == 3
    assert (posts[0] / "output" / "alt-text.md").read_text() == alt


def test_an_order_naming_a_renamed_card_is_an_error_again(posts):
    def reorder_then_rename(specs):
        with (specs / "post.yaml").open("a") as handle:
            handle.write("order: [03-c, 01-a]\n")

    same_render(posts, reorder_then_rename)
    code, _, stderr = same_render(posts, lambda specs: (specs / "03-c.yaml").rename(specs / "03-renamed.yaml"))
    assert code == 1 and "no card file named 03-c.yaml" in stderr


@pytest.mark.parametrize("change", ["new", "removed", "renamed", "not a card", "a folder"])
def test_a_new_removed_or_renamed_spec_is_planned_again(posts, change):
    def edit(specs):
        if change == "new":
            shutil.copy(specs / "02-b.yaml", specs / "04-d.yaml")
        elif change == "removed":
            (specs / "02-b.yaml").unlink()
        elif change == "renamed":
            (specs / "02-b.yaml").rename(specs / "02-renamed.yaml")
        elif change == "not a card":
            shutil.copy(specs / "02-b.yaml", specs / "_draft.yaml")
        else:
            (specs / "05-folder.yaml").mkdir()

    code, stdout, _ = same_render(posts, edit)
    assert code == 0
    expected = {"new": ["output/04-d.png", "output/01-a.png", "output/02-b.png", "output/03-c.png"],
                "removed": ["output/01-a.png", "output/03-c.png"],
                "renamed": ["output/02-renamed.png"], "not a card": [], "a folder": []}[change]
    assert sorted(drawn(stdout)) == sorted(expected)
    if change in ("removed", "renamed"):
        assert "removed 1 PNG of a deleted spec: output/02-b.png" in stdout


def test_a_post_yaml_made_invalid_is_reported_again(posts):
    def spoil(specs):
        (specs / "post.yaml").write_text((specs / "post.yaml").read_text().replace("theme: dark", "theme: dusk"))

    code, stdout, stderr = same_render(posts, spoil)
    assert code == 1 and "post.yaml" in stderr and "no card rendered" in stderr


def test_a_deleted_post_yaml_plans_again(posts):
    code, stdout, _ = same_render(posts, lambda specs: (specs / "post.yaml").unlink())
    assert code == 0 and unchanged(stdout) == []  # every card's settings changed with it


@pytest.mark.parametrize("option", [["--size", "portrait"], ["--theme", "light"], ["--scale", "0.5"], ["--force"]])
def test_other_options_render_again_with_the_cached_plan(posts, option):
    code, stdout, _ = same_render(posts, lambda specs: None, *option)
    assert code == 0 and unchanged(stdout) == []


def test_one_card_rendered_alone_keeps_its_place_in_the_post(posts):
    def reorder(specs):
        with (specs / "post.yaml").open("a") as handle:
            handle.write("order: [03-c]\n")

    same_render(posts, reorder)
    code, stdout, _ = same_render(posts, lambda specs: None, "specs/03-c.yaml")
    assert code == 0 and unchanged(stdout) == ["output/03-c.png"]
    code, _, stderr = same_render(posts, lambda specs: shutil.copy(specs / "01-a.yaml", specs / "_draft.yaml"),
                                  "specs/_draft.yaml")
    assert code == 1 and "not a card spec" in stderr


@pytest.mark.parametrize("damage", ["deleted", "garbage", "odd plan", "plan of other files"])
def test_a_deleted_or_damaged_cache_plans_again(posts, damage):
    name = next(iter(plans(posts[0])))

    def spoil(specs):
        cache = specs.parent / CACHE
        if damage == "deleted":
            cache.unlink()
        elif damage == "garbage":
            cache.write_text("{not json")
        else:
            entries = json.loads(cache.read_text())
            entries[name]["order"] = ["03-c.yaml", 7] if damage == "odd plan" else ["03-c.yaml", "09-gone.yaml"]
            cache.write_text(json.dumps(entries))

    code, stdout, _ = same_render(posts, spoil)
    assert code == 0
    alt = (posts[0] / "output" / "alt-text.md").read_text()
    assert alt.index("01-a.png") < alt.index("02-b.png") < alt.index("03-c.png")
    assert plans(posts[0])[name]["order"] == ["01-a.yaml", "02-b.yaml", "03-c.yaml"]  # recorded again


def test_a_changed_font_file_of_post_yaml_is_checked_again(tmp_path):
    posts = []
    for name in ("cached", "uncached"):
        folder = tmp_path / name
        shutil.copytree(ROOT / "tests" / "user-fonts", folder / "specs")
        assert run(folder)[0] == 0
        posts.append(folder)

    def spoil_font(specs):
        (specs / "brand" / "Comfortaa-Bold.ttf").write_bytes(b"not a font")

    code, _, stderr = same_render(posts, spoil_font)
    assert code == 1 and "fonts.text.bold" in stderr


def test_a_changed_data_file_redraws_only_the_card_that_reads_it(posts):
    def read_numbers(specs):
        (specs / "numbers.json").write_text('{"x": 7}')
        with (specs / "post.yaml").open("a") as handle:
            handle.write("data:\n  numbers: numbers.json\n")
        card = specs / "01-a.yaml"
        card.write_text(card.read_text().replace("value: 42", "value: {data: numbers.x}"))

    assert same_render(posts, read_numbers)[0] == 0
    code, stdout, _ = same_render(posts, lambda specs: (specs / "numbers.json").write_text('{"x": 8}'))
    assert code == 0 and drawn(stdout) == ["output/01-a.png"]
    code, _, stderr = same_render(posts, lambda specs: (specs / "numbers.json").unlink())
    assert code == 1 and "numbers.json" in stderr


def test_a_changed_snippet_redraws_only_the_code_card(tmp_path):
    posts = []
    for name in ("cached", "uncached"):
        shutil.copytree(ROOT / "specs", tmp_path / name / "specs")
        assert run(tmp_path / name)[0] == 0
        posts.append(tmp_path / name)

    def edit_snippet(specs):
        snippet = next((specs / "snippets").iterdir())
        snippet.write_text(snippet.read_text() + "\n# one more line\n")

    code, stdout, _ = same_render(posts, edit_snippet)
    assert code == 0 and drawn(stdout) == ["output/03-code.png"]
