"""A `source:` outside the post's folder (the folder of post.yaml and the
spec) is a located warning in check and one warning line in render: a spec
from someone else could otherwise put private files into a public image."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages.cli import main

from conftest import ROOT

CODE = Path("specs/03-code.yaml")


@pytest.fixture
def post(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def point_source_at(source: str) -> None:
    kept = [line for line in CODE.read_text().splitlines() if not line.startswith(("lines:", "highlight:"))]
    CODE.write_text("\n".join(line if not line.startswith("source:") else f"source: {source}" for line in kept)
                    + "\n")


def warnings_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": warning: " in line]


@pytest.mark.parametrize("where", ["absolute", "../secret.py", "link.py"])
def test_check_warns_at_source(post, where):
    Path("secret.py").write_text("TOKEN = 'not for the public'\n")
    Path("specs/link.py").symlink_to(Path("secret.py").resolve())  # a link inside, to a file outside
    if where == "absolute":  # as /proc/self/environ or ~/.ssh/id_rsa would be
        where = str(Path("secret.py").resolve())
    point_source_at(where)
    result = CliRunner().invoke(main, ["check", str(CODE)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert warnings_in(result.stdout) == [
        f"specs/03-code.yaml:4:9: warning: source: {where} is outside the post's folder specs (a spec from "
        "someone else could put private files into a public image; copy the file into the post's folder)"]
    strict = CliRunner().invoke(main, ["check", "--strict", str(CODE)], catch_exceptions=False)
    assert strict.exit_code == 1


def test_render_prints_one_warning_line_each_time(post):
    Path("secret.py").write_text("TOKEN = 'not for the public'\n")
    point_source_at("../secret.py")
    for run in ("drawn", "unchanged"):
        result = CliRunner().invoke(main, ["render", str(CODE)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        lines = warnings_in(result.stderr)
        assert len(lines) == 1, (run, result.stderr)
        assert lines[0].startswith("specs/03-code.yaml") and "secret.py" in lines[0]
        assert "outside the post's folder specs" in lines[0]
    assert "unchanged" in result.stdout


def test_the_shipped_post_has_no_such_warning(post):
    result = CliRunner().invoke(main, ["render", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0
    assert warnings_in(result.stderr) == []


@pytest.fixture
def branded(in_tmp):
    shutil.copytree(ROOT / "examples/branded/specs", in_tmp / "specs")
    shutil.move("specs/brand/me.jpg", "me.jpg")  # the headshot from the user's own folder
    post_yaml = Path("specs/post.yaml")
    post_yaml.write_text(post_yaml.read_text().replace("avatar: brand/me.jpg", "avatar: ../me.jpg"))
    return in_tmp


def test_an_avatar_outside_the_post_is_one_warning_at_post_yaml(branded):
    expected = ("specs/post.yaml:6:9: warning: avatar: me.jpg is outside the post's folder specs (a spec from "
                "someone else could put private files into a public image; copy the file into the post's folder)")
    result = CliRunner().invoke(main, ["render", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert warnings_in(result.stderr) == [expected]  # three cards, said once
    check = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert warnings_in(check.stdout) == [expected], check.stdout


def test_an_avatar_inside_the_post_is_no_warning(in_tmp):
    shutil.copytree(ROOT / "examples/branded/specs", in_tmp / "specs")
    result = CliRunner().invoke(main, ["render", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0 and warnings_in(result.stderr) == [], result.output
