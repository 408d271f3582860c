"""The frame every card shares: long kickers, footers and authors fit before they fail."""

import pytest

from layout_checks import assert_inside, assert_no_overlap
from postimages.geometry import Box
from postimages.render import layout_card
from postimages.spec import load_card, load_post_settings

CARD = "kind: stats\ntitle: Numbers\nmetrics:\n  - {label: A, value: 1}\n"
URL = "https://engineering.example-healthcare-group.de/blog/2025/platform-review/full-methodology-and-results"


def _scene(tmp_path, post: str, card: str = CARD):
    (tmp_path / "post.yaml").write_text(post, encoding="utf-8")
    (tmp_path / "card.yaml").write_text(card, encoding="utf-8")
    scene = layout_card(load_card(tmp_path / "card.yaml", load_post_settings(tmp_path)))
    frame = [(t.field, t.box) for t in scene.texts() if t.field in ("kicker", "title", "author", "footer")]
    assert_inside(frame, Box(0, 0, *scene.size))
    assert_no_overlap(frame)
    return scene


def _lines(scene, field):
    return [line.text for t in scene.texts() if t.field == field for line in t.block.lines]


def test_a_long_url_in_the_footer_breaks_after_its_separators(tmp_path):
    scene = _scene(tmp_path, f"footer: 'Full write-up: {URL}'\nauthor: A. Author\n")
    lines = _lines(scene, "footer")
    assert "".join(lines).replace(" ", "") == f"Fullwrite-up:{URL}"
    assert all(line.endswith(("/", ".", "-", ":", "up")) or line == lines[-1] for line in lines), lines


def test_a_long_kicker_takes_a_second_line(tmp_path):
    kicker = "Lessons for other university hospitals starting the same journey"
    scene = _scene(tmp_path, "", f"kicker: {kicker}\n" + CARD)
    assert len(_lines(scene, "kicker")) == 2


def test_a_long_author_and_handle_take_the_whole_row(tmp_path):
    scene = _scene(tmp_path, "author: Dr. Maximiliane Oberhauser-Winkelmann\nhandle: '@max.oberhauser.winkelmann'\n"
                             "footer: shared with permission\n")
    author, footer = (next(t for t in scene.texts() if t.field == f) for f in ("author", "footer"))
    assert footer.box.bottom <= author.box.y  # the footer line moved above
