"""Mojibake: UTF-8 text that was once read as Windows-1252 ("âŒ" for "❌").

ftfy decides whether text looks garbled and repairs what it can. Windows-1252
has no characters for the bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so text that
went through it often lost those bytes for good: "❌" (E2 9D 8C) comes back as
"âŒ" and ftfy cannot rebuild it. `repair` first puts such a lost byte back
where exactly one is missing from a character and the result is an emoji or
a symbol, then lets ftfy fix the rest.
"""

from __future__ import annotations

import unicodedata

import ftfy
import ftfy.bad_codecs  # noqa: F401  registers the "sloppy-windows-1252" codec
import regex
from ftfy.badness import is_bad

from postimages.unicode import pattern

_LOST_BYTES = (0x8F, 0x9D, 0x81, 0x8D, 0x90)  # 0x8F first: it ends U+FE0F, the emoji selector
_NBSP_BYTE = 0xA0  # shown as a space, and often turned into one
_GARBLED_RUN = regex.compile(r"[\x80-\uffff]+")  # mojibake of UTF-8 is never plain ASCII
_EMOJI = pattern("emoji sign")  # emoji on their own
_PICTOGRAPH = pattern("pictograph")  # emoji when U+FE0F follows
_SELECTOR_START = b"\xef\xb8"  # the first two bytes of U+FE0F


def looks_garbled(text: str) -> bool:
    """ftfy's judgement, plus emoji spelled out in Windows-1252 ("âš¡" for "⚡"), which it lets pass."""
    return is_bad(text) or any(_spelled_out_emoji(run.group()) for run in _GARBLED_RUN.finditer(text))


def _spelled_out_emoji(run: str) -> bool:
    decoded = _decode_run(run, followed_by_space=False)
    return decoded is not None and len(run) > len(decoded[0]) and bool(_EMOJI.search(decoded[0]))


def repair(text: str) -> str | None:
    """The text as it was before the mix-up, or None when no better text is found."""
    if not looks_garbled(text):
        return None
    fixed = ftfy.fix_encoding(_restore_lost_bytes(text))
    return fixed if fixed != text and not looks_garbled(fixed) else None


def _restore_lost_bytes(text: str) -> str:
    pieces, end = [], 0
    for match in _GARBLED_RUN.finditer(text):
        start, stop = match.span()
        followed_by_space = text[stop : stop + 1] == " "
        decoded = _decode_run(match.group(), followed_by_space)
        if decoded is None:
            continue
        repaired, ate_space = decoded
        pieces.append(text[end:start] + repaired)
        end = stop + (1 if ate_space else 0)
    return "".join(pieces) + text[end:]


def _decode_run(run: str, followed_by_space: bool) -> tuple[str, bool] | None:
    """Decode one run of Windows-1252 characters as UTF-8, restoring lost bytes.

    Returns the decoded text and whether the space after the run was used as
    a no-break space byte, or None when the run is not broken UTF-8.
    """
    try:
        data = run.encode("sloppy-windows-1252")
    except UnicodeEncodeError:
        return None
    out, ate_space, i = [], False, 0
    while i < len(data):
        length = _sequence_length(data[i])
        if length == 1:
            return None  # a byte that cannot start a character: not UTF-8 in disguise
        have = _continuations(data, i + 1, length - 1)
        chunk = data[i : i + 1 + have]
        if have == length - 1:
            character = _decode(chunk)
        elif have == length - 2:
            at_end = i + 1 + have == len(data)
            before_selector = data[i + 1 + have : i + 3 + have] == _SELECTOR_START
            character, ate_space = _best_guess(chunk, at_end and followed_by_space, before_selector)
        else:
            character = None
        if character is None:
            return None
        out.append(character)
        i += 1 + have
    return "".join(out), ate_space


def _sequence_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 1


def _continuations(data: bytes, start: int, most: int) -> int:
    count = 0
    while count < most and start + count < len(data) and 0x80 <= data[start + count] <= 0xBF:
        count += 1
    return count


def _decode(chunk: bytes) -> str | None:
    try:
        return chunk.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _best_guess(chunk: bytes, may_use_space: bool, before_selector: bool) -> tuple[str | None, bool]:
    """The likeliest character for a sequence missing one byte: an emoji first
    (a pictograph too when an emoji selector follows), then a no-break space
    byte read as the following space ("â‰ " is "≠"), then a pictograph, then
    any symbol; among equals, the byte most often lost."""
    candidates = []
    for lost in _LOST_BYTES:
        for position in range(1, len(chunk) + 1):
            character = _decode(chunk[:position] + bytes([lost]) + chunk[position:])
            if character is not None:
                candidates.append(character)
    emoji = [c for c in candidates if _EMOJI.match(c) or (before_selector and _PICTOGRAPH.match(c))]
    if emoji:
        return emoji[0], False
    if may_use_space and (character := _decode(chunk + bytes([_NBSP_BYTE]))) is not None:
        return character, True
    ranked = [c for c in candidates if _PICTOGRAPH.match(c)]
    ranked += [c for c in candidates if unicodedata.category(c)[0] in "SP"]
    return (ranked[0] if ranked else None), False
