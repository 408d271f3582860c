"""The command starts with the garbage collector off, and turns it on (with
start-up's objects frozen) when the first card is loaded."""

import gc
import tomllib
from importlib import import_module
from pathlib import Path

import pytest

from postimages import cli
import postimages.__main__ as entry
from postimages.__main__ import run
from postimages.plan import Options, plan, load_job

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def collector_restored():
    yield
    gc.unfreeze()
    gc.enable()


def test_the_command_runs_without_the_collector_until_a_card(monkeypatch, collector_restored):
    seen = []
    monkeypatch.setattr(cli, "main", lambda: seen.append(gc.isenabled()))
    monkeypatch.setattr(entry, "_exit", seen.append)
    run()
    assert seen == [False, 0]


def test_loading_a_card_turns_the_collector_on_and_freezes_what_was_made_before(collector_restored):
    jobs, problems = plan([ROOT / "specs"])
    assert jobs and not problems
    gc.disable()
    load_job(jobs[0], Options())
    assert gc.isenabled()
    assert gc.get_freeze_count() > 1000


def test_loading_a_card_leaves_a_running_collector_alone(collector_restored):
    jobs, _ = plan([ROOT / "specs"])
    gc.enable()
    before = gc.get_freeze_count()
    load_job(jobs[0], Options())
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_the_installed_command_is_the_one_that_starts_without_the_collector():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, function = scripts["postimages"].split(":")
    assert getattr(import_module(module), function) is run
