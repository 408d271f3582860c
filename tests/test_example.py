"""The example carousel renders whole: its PDF and preview have the cards in file-name
order, the cover first and the closing card last, neither with a page number."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from postimages.cli import main

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "failed-trading-system"


def test_the_example_carousel_renders_in_order(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "--pdf", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    stems = sorted(p.stem for p in EXAMPLE.glob("*.yaml") if p.name != "post.yaml")
    assert stems[0] == "01-cover" and stems[-1] == "09-closing"
    assert sorted(p.stem for p in out.glob("*.png")) == stems
    pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out / "carousel.pdf").pages]
    assert len(pages) == len(stems)
    assert "I built an ML trading system" in pages[0] and "Swipe" in pages[0]
    assert "REJECTED" in pages[stems.index("03-hypothesis")]
    assert "Tell me in the comments" in pages[-1]
    count = len(stems)
    assert f"1/{count}" not in pages[0] and f"{count}/{count}" not in pages[-1]
    assert f"3/{count}" in pages[2]
    preview = CliRunner().invoke(main, ["preview", str(EXAMPLE), "-o", str(out)], catch_exceptions=False)
    assert preview.exit_code == 0 and f"phone preview of {count} cards" in preview.output


def test_the_example_takes_its_numbers_from_its_report_and_redraws_only_the_reader(tmp_path):
    """The README's loop: change the report, render, one card changes."""
    import json
    import shutil

    post = tmp_path / "carousel"
    shutil.copytree(EXAMPLE, post, ignore=shutil.ignore_patterns("output"))
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["render", str(post), "-o", str(out)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "38.1" in (out / "alt-text.md").read_text(encoding="utf-8")
    report = post / "validation" / "report.json"
    data = json.loads(report.read_text(encoding="utf-8"))
    data["hours"]["testing"] = 95
    report.write_text(json.dumps(data, indent=2), encoding="utf-8")
    again = CliRunner().invoke(main, ["render", str(post), "-o", str(out)], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    drawn = [line.split()[0] for line in again.output.splitlines() if line.endswith(" s") and ".png" in line]
    assert [p.rsplit("/", 1)[-1] for p in drawn] == ["07-hours.png"]
    assert "95 h" in (out / "alt-text.md").read_text(encoding="utf-8")
