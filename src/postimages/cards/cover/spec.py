"""kind: cover — the spec fields: the emoji and the swipe cue (kicker, title and
subtitle are the fields every card has; the title is required here)."""

from __future__ import annotations

from postimages.schema import Bool, Field, Problems, Str
from postimages.unicode import clusters, shows_as_emoji
from postimages.yamlsource import join

MAX_EMOJI = 3

FIELDS = {
    "emoji": Field(Str(max_length=32, allow_empty=False, doc='one to three emoji drawn large, e.g. "📉"')),
    "swipe": Field(Bool(doc="the swipe cue; on when the post has more than one card")),
}


def check(values: dict, path: str, problems: Problems) -> None:
    emoji = values.get("emoji")
    if emoji:
        check_emoji(emoji, join(path, "emoji"), problems)


def check_emoji(text: str, path: str, problems: Problems) -> None:
    """A few emoji, not words: each cluster must show as a colour emoji."""
    shown = [c for c in clusters(text.strip()) if not c.isspace()]
    if not all(shows_as_emoji(c) for c in shown):
        problems.add(path, f"expected emoji, got {text!r}", 'use an emoji such as "📉" or "🚀"; words belong in '
                                                            "the title")
    elif len(shown) > MAX_EMOJI:
        problems.add(path, f"expected at most {MAX_EMOJI} emoji, got {len(shown)}", 'keep one, such as "📉"')


def swipe_on(card) -> bool:
    """The swipe cue: as set, else on when there is a next card to swipe to."""
    setting = card.fields.get("swipe")
    return card.pages > 1 if setting is None else bool(setting)


def alt_text(card) -> str:
    f = card.fields
    parts = [(f.get("kicker") or "").strip(), f["title"].strip(), (f.get("subtitle") or "").strip()]
    sentence = ". ".join(p.rstrip(".") for p in parts if p) + "."
    if swipe_on(card):
        sentence += " Swipe for more."
    return sentence
