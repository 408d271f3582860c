"""Unicode facts every part of postimages asks the same way: grapheme
clusters, which clusters show as emoji, how many monospace cells one takes."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

# Patterns of Unicode properties, which need the `regex` package (~15 ms to
# import). Text all in ASCII, most text, is answered without them.
_PATTERNS = {
    "cluster": r"\X",
    # A character or mark that makes a cluster show as a colour emoji: emoji
    # presentation (⚡, 📊), a flag's regional indicators, the emoji variation
    # selector (✔️) or a keycap (1️⃣).
    "emoji sign": r"\p{Emoji_Presentation}|\p{Regional_Indicator}|[\ufe0f\u20e3]",
    "pictograph": r"\p{Extended_Pictographic}",
    # A character that starts or forces right-to-left text; without one, all is left to right.
    "right to left": r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}\u200F\u202B\u202E\u2067]",
}


@cache
def pattern(name: str):
    """The compiled `regex` pattern `name` of _PATTERNS."""
    import regex

    return regex.compile(_PATTERNS[name])


def has_right_to_left(text: str) -> bool:
    return not text.isascii() and pattern("right to left").search(text) is not None


# Code points that shape a sequence but draw nothing on their own.
# Bidirectional marks and controls among them: they only steer the reading order.
BIDI_CONTROLS = frozenset([0x200E, 0x200F, 0x061C] + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)))
IGNORABLE = frozenset(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x034F]
    + list(BIDI_CONTROLS)
    + list(range(0xFE00, 0xFE10))
    + list(range(0xE0020, 0xE0080))  # tag characters of subdivision flags
)


def bidi_levels(text: str) -> list[int] | None:
    """The embedding level of each character by the Unicode bidirectional
    algorithm (odd: right to left); None when the text is all left to right."""
    if not has_right_to_left(text):
        return None
    from bidi import algorithm  # imported lazily: most text never needs it

    storage = algorithm.get_empty_storage()
    storage["base_level"] = algorithm.get_base_level(text)
    storage["base_dir"] = "LR"[storage["base_level"]]
    algorithm.get_embedding_levels(text, storage)
    for char in storage["chars"]:
        if not char["type"]:  # an unassigned code point: neutral (it is refused later as undrawable)
            char["type"] = char["orig"] = "ON"
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    _resolve_bracket_pairs(storage["chars"], storage["base_level"])
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    resolved = iter(storage["chars"])
    levels: list[int] = []
    for char in text:
        # Embedding controls are dropped by the algorithm (rule X9): they take their neighbour's level.
        if unicodedata.bidirectional(char) in algorithm.X9_REMOVED:
            levels.append(levels[-1] if levels else storage["base_level"])
        else:
            levels.append(next(resolved)["level"])
    return levels


def starts_right_to_left(paragraph: str) -> bool:
    """Whether a paragraph reads right to left: its first strong character
    is Arabic, Hebrew or a right-to-left mark (rules P2 and P3)."""
    if not has_right_to_left(paragraph):
        return False
    from bidi import algorithm

    return algorithm.get_base_level(paragraph) == 1


def with_direction(line: str, rtl: bool) -> str:
    """A line cut from a paragraph, led by a mark that gives it the paragraph's
    direction (a line of a Hebrew paragraph may start with an English word)."""
    if not has_right_to_left(line):
        return line  # all left to right: no order to settle
    return ("\u200f" if rtl else "\u200e") + line


def side_by_side(parts: list[str], separator: str) -> str:
    """Parts joined on one line, each read in its own direction: a Latin
    handle after a Hebrew name keeps its "@" in front."""
    joined = separator.join(parts)
    if not has_right_to_left(joined):
        return joined
    return separator.join(("\u200f" if starts_right_to_left(part) else "\u200e") + part for part in parts)


# Paired brackets (Unicode's Bidi_Paired_Bracket): opening -> closing.
_BRACKETS = dict(zip("([{⁅〈⟨「『【〔〖〘〚（［｛", ")]}⁆〉⟩」』】〕〗〙〛）］｝"))


def _strong(bidi_type: str) -> str | None:
    """A type as rule N0 sees it: numbers count as right to left."""
    return "L" if bidi_type == "L" else "R" if bidi_type in ("R", "AL", "EN", "AN") else None


def _resolve_bracket_pairs(chars: list[dict], base_level: int) -> None:
    """Rule N0 (Unicode 6.3), which python-bidi's algorithm lacks: a pair of
    brackets takes one direction, so "(2024)" after Hebrew stays whole."""
    for opening, closing in _bracket_pairs(chars):
        embedding = "LR"[chars[opening]["level"] % 2]
        inside = {_strong(c["type"]) for c in chars[opening + 1:closing]} - {None}
        if embedding in inside:
            direction = embedding
        elif inside:  # only the other direction inside: the brackets follow what comes before them
            direction = next((_strong(c["type"]) for c in reversed(chars[:opening]) if _strong(c["type"])),
                             "LR"[base_level])
        else:
            continue
        chars[opening]["type"] = chars[closing]["type"] = direction


def _bracket_pairs(chars: list[dict]) -> list[tuple[int, int]]:
    """Indices of matched bracket pairs (rule BD16), in order of their opening."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, char in enumerate(chars):
        ch = char["ch"]
        if ch in _BRACKETS and char["type"] == "ON":
            stack.append((_BRACKETS[ch], i))
        elif stack and char["type"] == "ON":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def visual_order(levels: list[int]) -> list[int]:
    """Indices of items with these levels in the order they are shown, left to
    right (rule L2: from the highest level down to the lowest odd one, reverse
    each stretch at that level or higher)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(level for level in levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def clusters(text: str) -> list[str]:
    """Extended grapheme clusters: what a reader sees as one character."""
    if text.isascii() and "\r" not in text:
        return list(text)  # in ASCII each character is a cluster, but CR LF
    return pattern("cluster").findall(text)


def visible(cluster: str) -> str:
    """The cluster without the code points that draw nothing."""
    return "".join(c for c in cluster if ord(c) not in IGNORABLE)


def shows_as_emoji(cluster: str) -> bool:
    """Whether the cluster is shown as a colour emoji wherever a font has it."""
    return not cluster.isascii() and pattern("emoji sign").search(cluster) is not None


@lru_cache(maxsize=4096)  # code asks again for each token at every fitting attempt and on every row
def cells(text: str) -> tuple[tuple[str, int], ...]:
    """The text's clusters, each with the columns it takes in a monospace grid."""
    return tuple((cluster, cell_width(cluster)) for cluster in clusters(text))


@lru_cache(maxsize=8192)  # asked again for every character of every fitting attempt
def cell_width(cluster: str) -> int:
    """Columns a grapheme cluster takes in a monospace grid: 0, 1 or 2."""
    if cluster.isascii():
        return 1  # a letter, a digit, a sign, a space or a control
    if shows_as_emoji(cluster):
        return 2
    if any(unicodedata.east_asian_width(char) in ("W", "F") for char in cluster):
        return 2
    if all(unicodedata.category(char) in ("Mn", "Me", "Cf") for char in cluster):
        return 0  # a lone combining mark or zero-width character
    return 1
