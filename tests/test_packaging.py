"""The fonts ship inside the wheel and are found from an installed package."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    completed = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                                "--no-index", "-w", str(out), str(ROOT)],
                               capture_output=True, text=True, timeout=300)
    if completed.returncode != 0:
        pytest.fail(f"building the wheel failed: {completed.stderr[-2000:]}")
    [path] = out.glob("postimages-*.whl")
    return path


def test_the_wheel_carries_every_font_with_its_licence(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for family in ("inter", "jetbrains-mono", "noto-color-emoji"):
        assert f"postimages/fonts/{family}/OFL.txt" in names
    assert "postimages/fonts/noto-color-emoji/NotoColorEmoji.ttf" in names
    assert "postimages/fonts/inter/InterDisplay-Bold.otf" in names
    assert any(n.startswith("postimages/starter/specs/") for n in names)


def test_an_installed_wheel_finds_its_own_fonts(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    code = "import postimages.fonts as f; print(f.fonts_dir())"
    completed = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                               env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == str(tmp_path / "site" / "postimages" / "fonts")
