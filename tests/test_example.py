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
