"""`postimages init` scaffolds a post that renders straight away."""

import subprocess
import sys

from click.testing import CliRunner
from PIL import Image

from postimages import cards
from postimages.cli import main
from postimages.spec import load_card, load_post_settings


def test_init_then_render_gives_one_card_of_each_kind(in_tmp):
    """The four images render; every other kind comes as a `_` spec, there to rename and use."""
    result = CliRunner().invoke(main, ["init", "my-post"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "cd my-post && postimages render" in result.output
    specs = in_tmp / "my-post" / "specs"
    post = load_post_settings(specs)
    cards_made = [p for p in specs.glob("*.yaml") if p.name != "post.yaml" and not p.name.startswith("_")]
    kinds = {load_card(p, post).kind for p in cards_made}
    assert kinds == {"stats", "architecture", "code", "lessons"}
    spares = {load_card(p, post).kind for p in specs.glob("_*.yaml")}
    assert kinds | spares == set(cards.names())
    completed = subprocess.run([sys.executable, "-m", "postimages", "render", "--pdf"], cwd=in_tmp / "my-post",
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    pngs = sorted((in_tmp / "my-post" / "output").glob("*.png"))
    assert len(pngs) == len(cards_made)
    assert all(Image.open(p).size == (1200, 1200) for p in pngs)


def test_every_starter_spec_explains_its_fields(in_tmp):
    CliRunner().invoke(main, ["init"], catch_exceptions=False)
    for spec in (in_tmp / "specs").glob("*.yaml"):
        assert spec.read_text().count("#") >= 2, f"{spec.name} has no comments"


def test_init_never_overwrites_a_post(in_tmp):
    (in_tmp / "specs").mkdir()
    (in_tmp / "specs" / "mine.yaml").write_text("kind: stats\n")
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert (in_tmp / "specs" / "mine.yaml").read_text() == "kind: stats\n"


def test_init_copies_no_bytecode_of_the_starter_snippet(in_tmp, monkeypatch):
    from postimages import scaffold

    starter = in_tmp / "installed" / "starter"
    import shutil

    shutil.copytree(scaffold.STARTER, starter)
    cached = next(starter.rglob("*.py")).parent / "__pycache__"
    cached.mkdir(exist_ok=True)
    (cached / "orchestrator.cpython-311.pyc").write_bytes(b"\0" * 16)  # as an installed package has
    monkeypatch.setattr(scaffold, "STARTER", starter)
    created = scaffold.create_post(in_tmp / "new")
    assert created and not [p for p in created if "__pycache__" in p.parts or p.suffix == ".pyc"]


def test_init_into_a_folder_it_cannot_create_is_one_line(in_tmp):
    (in_tmp / "a-file").write_text("not a folder")
    result = CliRunner().invoke(main, ["init", "a-file/post"])
    assert result.exit_code == 2
    assert "cannot create" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
