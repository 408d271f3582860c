"""Unicode facts every part of postimages asks the same way: grapheme
clusters, which clusters show as emoji, how many monospace cells one takes."""

from __future__ import annotations

import unicodedata

import regex

CLUSTER = regex.compile(r"\X")
# A character or mark that makes a cluster show as a colour emoji: emoji
# presentation (⚡, 📊), a flag's regional indicators, the emoji variation
# selector (✔️) or a keycap (1️⃣).
EMOJI_SIGN = regex.compile(r"\p{Emoji_Presentation}|\p{Regional_Indicator}|[\ufe0f\u20e3]")
PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")

# Code points that shape a sequence but draw nothing on their own.
IGNORABLE = frozenset(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x034F]
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0020, 0xE0080))  # tag characters of subdivision flags
)


def clusters(text: str) -> list[str]:
    """Extended grapheme clusters: what a reader sees as one character."""
    return CLUSTER.findall(text)


def visible(cluster: str) -> str:
    """The cluster without the code points that draw nothing."""
    return "".join(c for c in cluster if ord(c) not in IGNORABLE)


def shows_as_emoji(cluster: str) -> bool:
    """Whether the cluster is shown as a colour emoji wherever a font has it."""
    return EMOJI_SIGN.search(cluster) is not None


def cell_width(cluster: str) -> int:
    """Columns a grapheme cluster takes in a monospace grid: 0, 1 or 2."""
    if shows_as_emoji(cluster):
        return 2
    if any(unicodedata.east_asian_width(char) in ("W", "F") for char in cluster):
        return 2
    if all(unicodedata.category(char) in ("Mn", "Me", "Cf") for char in cluster):
        return 0  # a lone combining mark or zero-width character
    return 1
