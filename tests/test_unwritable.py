"""Places that cannot be written are one line and exit status 1, never a traceback."""

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from postimages.cli import main

from conftest import ROOT


@pytest.fixture
def post(in_tmp):
    shutil.copytree(ROOT / "specs", in_tmp / "specs")
    return in_tmp


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_preview_with_a_folder_where_preview_png_goes(post):
    Path("output/preview.png").mkdir(parents=True)
    result = run("preview", "specs/01-validation.yaml")  # one card: quick
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["output/preview.png: cannot write the file: Is a directory"]
    assert Path("output/01-validation.png").is_file()


def test_preview_into_a_read_only_folder(post, monkeypatch):
    # As root a read-only folder is still writable: the preview's temporary file is refused instead.
    from postimages import output

    temp_file = output._temp_file

    def refusing(path):
        if path.name == "preview.png":
            raise PermissionError(13, "Permission denied")
        return temp_file(path)

    monkeypatch.setattr(output, "_temp_file", refusing)
    result = run("preview", "specs/01-validation.yaml")  # one card: quick
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["output/preview.png: cannot write the file: Permission denied"]


@pytest.mark.parametrize("command", ["render", "preview"])
def test_a_dangling_output_symlink_is_one_line(post, command):
    os.symlink("gone/away", "output")
    result = run(command)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "output: the output folder is a symbolic link to gone/away, which does not exist "
        "(create that folder or remove the link)"]
    assert not Path("gone").exists()
