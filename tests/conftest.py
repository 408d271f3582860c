import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run, so CI never turns red on a lucky draw; set
# HYPOTHESIS_PROFILE=explore to search new random examples locally.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent

# The tests never write to the user's own cache (~/.cache/postimages): every
# process they start inherits a cache folder of this run's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="postimages-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)
# Nor do they draw from the machine's own fonts, which differ between machines:
# a test that wants them names its own folder.
os.environ["POSTIMAGES_FONT_DIRS"] = ""


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="re-render the golden images in tests/golden/ instead of comparing with them",
    )
    parser.addoption(
        "--exact-goldens",
        action="store_true",
        default=False,
        help="fail on any pixel that differs from its golden image, by even one level",
    )


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture
def exact_goldens(request) -> bool:
    return request.config.getoption("--exact-goldens")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run a test from an empty folder, as a user in a fresh post would."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repo_root() -> Path:
    return ROOT
