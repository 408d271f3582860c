"""Every card in specs/ must still look like its committed golden image."""

import pytest

from golden_images import check_golden
from postimages.plan import Options, load_job, plan
from postimages.render import render_card

from conftest import ROOT


def _jobs():
    jobs, problems = plan([ROOT / "specs"])
    assert not problems
    return jobs


@pytest.mark.parametrize("job", _jobs(), ids=lambda job: job.spec.stem)
def test_spec_matches_golden(job, update_goldens):
    card = load_job(job, Options())
    check_golden(job.spec.stem, render_card(card), update_goldens)


@pytest.mark.parametrize("size", ["portrait", "landscape"])
def test_results_card_other_sizes_match_golden(size, update_goldens):
    from postimages.spec import parse_size

    job = next(j for j in _jobs() if j.spec.stem == "01-validation")
    card = load_job(job, Options(size=parse_size(size)))
    check_golden(f"01-validation-{size}", render_card(card), update_goldens)
