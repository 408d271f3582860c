"""The benchmark's arithmetic: a ratio is taken round by round, then the median."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import bench  # noqa: E402  (bench/ is not a package)


def _series(*seconds: float) -> bench.Series:
    return bench.Series("s", [bench.Run(s, 0, "", "") for s in seconds])


def test_a_ratio_is_the_median_of_each_rounds_ratio():
    # Rounds 3-5 ran on a slower machine, which slowed both runs of each of them alike.
    floor = _series(0.30, 0.30, 0.45, 0.45, 0.45)
    render = _series(0.36, 0.36, 0.45, 0.50, 0.50)
    ratios = [0.36 / 0.30, 0.36 / 0.30, 0.45 / 0.45, 0.50 / 0.45, 0.50 / 0.45]
    assert bench.paired_ratio(render, floor) == pytest.approx(sorted(ratios)[2])  # 1.111
    assert render.median / floor.median == pytest.approx(1.0)  # a fast round's render against a slow one's floor


def test_rounds_that_do_not_pair_are_an_error():
    with pytest.raises(ValueError):
        bench.paired_ratio(_series(1.0, 2.0), _series(1.0))


def test_the_batch_row_pairs_each_round_of_one_worker_with_its_round_of_two():
    one, many = _series(3.5, 4.6, 3.6), _series(2.0, 2.5, 1.9)
    assert bench.paired_ratio(one, many) == pytest.approx(sorted([3.5 / 2.0, 4.6 / 2.5, 3.6 / 1.9])[1])


def test_first_runs_keep_their_caches_beside_the_users_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = bench.first_run_caches()
    assert folder.parent == tmp_path / "cache" and folder.name.startswith("postimages-bench-")
    assert folder.is_dir() and not any(folder.iterdir())
    assert bench.first_run_caches() != folder  # each benchmark its own
