"""Unicode facts every part of postimages asks the same way: grapheme
clusters, which clusters show as emoji, how many monospace cells one takes."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import cache, lru_cache

# Patterns of Unicode properties, which need the `regex` package (~15 ms to
# import). Text of simple characters (below), most text, is answered without them.
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


# Most text on cards is ASCII, Latin, Greek or Cyrillic letters, punctuation,
# symbols, CJK or lone emoji: characters that each make a grapheme cluster of
# their own (Grapheme_Cluster_Break=Other: no mark, joiner or regional
# indicator) and none of which reads right to left. Text made only of them,
# a variation selector allowed after each, is answered from these tables with
# the standard library. Code points this Python's Unicode does not assign are
# left out. A test checks every code point of the tables against `regex`.
_SIMPLE_RANGES = (  # first and last code point of each run
    (0x00A0, 0x00AC), (0x00AE, 0x02FF), (0x0370, 0x0377), (0x037A, 0x037F), (0x0384, 0x038A), (0x038C, 0x038C),
    (0x038E, 0x03A1), (0x03A3, 0x0482), (0x048A, 0x052F), (0x1E00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45),
    (0x1F48, 0x1F4D), (0x1F50, 0x1F57), (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D), (0x1F5F, 0x1F7D),
    (0x1F80, 0x1FB4), (0x1FB6, 0x1FC4), (0x1FC6, 0x1FD3), (0x1FD6, 0x1FDB), (0x1FDD, 0x1FEF), (0x1FF2, 0x1FF4),
    (0x1FF6, 0x1FFE), (0x2000, 0x200A), (0x2010, 0x2027), (0x202F, 0x205F), (0x2070, 0x2071), (0x2074, 0x208E),
    (0x2090, 0x209C), (0x20A0, 0x20C0), (0x2100, 0x218B), (0x2190, 0x2426), (0x2440, 0x244A), (0x2460, 0x2B73),
    (0x2B76, 0x2B95), (0x2B97, 0x2BFF), (0x3000, 0x3029), (0x3030, 0x303F), (0x3041, 0x3096), (0x309B, 0x30FF),
    (0x4E00, 0x9FFF), (0xFF01, 0xFF9D), (0xFFA0, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC), (0xFFE0, 0xFFE6), (0xFFE8, 0xFFEE), (0x1F000, 0x1F02B), (0x1F030, 0x1F093), (0x1F0A0, 0x1F0AE),
    (0x1F0B1, 0x1F0BF), (0x1F0C1, 0x1F0CF), (0x1F0D1, 0x1F0F5), (0x1F100, 0x1F1AD), (0x1F200, 0x1F202),
    (0x1F210, 0x1F23B), (0x1F240, 0x1F248), (0x1F250, 0x1F251), (0x1F260, 0x1F265), (0x1F300, 0x1F3FA),
    (0x1F400, 0x1F6D7), (0x1F6DD, 0x1F6EC), (0x1F6F0, 0x1F6FC), (0x1F700, 0x1F773), (0x1F780, 0x1F7D8),
    (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F800, 0x1F80B), (0x1F810, 0x1F847), (0x1F850, 0x1F859),
    (0x1F860, 0x1F887), (0x1F890, 0x1F8AD), (0x1F8B0, 0x1F8B1), (0x1F900, 0x1FA53), (0x1FA60, 0x1FA6D),
    (0x1FA70, 0x1FA74), (0x1FA78, 0x1FA7C), (0x1FA80, 0x1FA86), (0x1FA90, 0x1FAAC), (0x1FAB0, 0x1FABA),
    (0x1FAC0, 0x1FAC5), (0x1FAD0, 0x1FAD9), (0x1FAE0, 0x1FAE7), (0x1FAF0, 0x1FAF6),
)
_EMOJI_PRESENTATION_RANGES = (  # the simple characters shown as emoji
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615),
    (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE),
    (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
    (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C),
    (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A), (0x1F201, 0x1F201), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F236),
    (0x1F238, 0x1F23A), (0x1F250, 0x1F251), (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4),
    (0x1F3F8, 0x1F3FA), (0x1F400, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D),
    (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4),
    (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6D7),
    (0x1F6DD, 0x1F6DF), (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0),
    (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FA74), (0x1FA78, 0x1FA7C),
    (0x1FA80, 0x1FA86), (0x1FA90, 0x1FAAC), (0x1FAB0, 0x1FABA), (0x1FAC0, 0x1FAC5), (0x1FAD0, 0x1FAD9),
    (0x1FAE0, 0x1FAE7), (0x1FAF0, 0x1FAF6),
)
_SIMPLE_STARTS = tuple(first for first, _ in _SIMPLE_RANGES)
_EMOJI_STARTS = tuple(first for first, _ in _EMOJI_PRESENTATION_RANGES)
# Text and emoji presentation selectors join the character before them (UAX #29, rule GB9).
_SELECTORS = "\ufe0e\ufe0f"


def _within(point: int, ranges: tuple[tuple[int, int], ...], starts: tuple[int, ...]) -> bool:
    index = bisect_right(starts, point) - 1
    return index >= 0 and point <= ranges[index][1]


@lru_cache(maxsize=4096)  # layout asks again about the same strings at every fitting attempt
def is_simple(text: str) -> bool:
    """Whether each cluster of `text` is one simple character (printable
    ASCII and the tables' runs), maybe with variation selectors after it,
    or a tab or a newline."""
    after_character = False
    for char in text:
        if char in _SELECTORS:
            if not after_character:
                return False
        elif char in "\t\n":
            after_character = False
        elif " " <= char <= "~" or _within(ord(char), _SIMPLE_RANGES, _SIMPLE_STARTS):
            after_character = True
        else:
            return False
    return True


def has_right_to_left(text: str) -> bool:
    if text.isascii() or is_simple(text):
        return False
    return pattern("right to left").search(text) is not None


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


def strong_direction(paragraph: str) -> str | None:
    """"rtl" or "ltr" as the paragraph's first strong character reads (rules
    P2 and P3, isolates not skipped), or None when it has none ("2/3", "01")."""
    for char in paragraph:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


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
    if is_simple(text):
        return _simple_clusters(text)
    return pattern("cluster").findall(text)


def _simple_clusters(text: str) -> list[str]:
    found: list[str] = []
    for char in text:
        if char in _SELECTORS:
            found[-1] += char
        else:
            found.append(char)
    return found


def visible(cluster: str) -> str:
    """The cluster without the code points that draw nothing."""
    return "".join(c for c in cluster if ord(c) not in IGNORABLE)


def shows_as_emoji(cluster: str) -> bool:
    """Whether the cluster is shown as a colour emoji wherever a font has it."""
    if cluster.isascii():
        return False
    if is_simple(cluster):
        return "\ufe0f" in cluster or any(_within(ord(char), _EMOJI_PRESENTATION_RANGES, _EMOJI_STARTS)
                                           for char in cluster)
    return pattern("emoji sign").search(cluster) is not None


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
