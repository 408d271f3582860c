"""The post's language: a BCP 47 tag (RFC 5646) such as en, hi or pt-BR.

It is the carousel PDF's /Lang, which tells a screen reader which voice and
pronunciation to read the cards' text in. A tag is checked for its form
(language, then an optional script, region, variants, extensions), and a
two-letter language for being an ISO 639-1 code: `gb` or `english` is a
mistake to point out, not a tag to pass on to a reader that cannot use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

DEFAULT_LANGUAGE = "en"
MAX_LENGTH = 35  # RFC 5646 §4.4.1: every tag worth keeping fits in 35 characters

_TAG_PATTERN = (
    r"""(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})  # 4 to 8 letters: reserved, none registered
        (?:-(?P<script>[a-z]{4}))?
        (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*     # variants
        (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*          # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                   # private use
      | x(?:-[a-z0-9]{1,8})+"""
)


@lru_cache(maxsize=None)
def _tag() -> re.Pattern:
    """Compiled when a post names its language (4 ms of every run otherwise)."""
    return re.compile(_TAG_PATTERN, re.VERBOSE | re.IGNORECASE)

# ISO 639-1: the two-letter language codes, which BCP 47 uses where one exists.
_TWO_LETTER = set("""
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne
ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st
su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())

# What people write instead of a tag (a language's name, its three-letter code), and the tag.
_INSTEAD = {
    word: tag
    for tag, words in {
        "en": "english eng", "hi": "hindi hin", "pt": "portuguese por", "es": "spanish español espanol spa",
        "fr": "french français francais fra fre", "de": "german deutsch deu ger", "it": "italian italiano ita",
        "nl": "dutch nederlands nld dut", "zh": "chinese zho chi", "ja": "japanese jpn", "ko": "korean kor",
        "ar": "arabic ara", "he": "hebrew heb", "ru": "russian rus", "tr": "turkish tur", "pl": "polish pol",
        "id": "indonesian ind", "bn": "bengali bangla ben", "ta": "tamil tam", "te": "telugu tel",
        "mr": "marathi mar", "ur": "urdu urd", "vi": "vietnamese vie", "sv": "swedish swe", "uk": "ukrainian ukr",
        "pt-BR": "brazilian", "en-US": "american", "en-GB": "british",
    }.items()
    for word in words.split()
}

# Codes ISO 639 has replaced; the registry keeps them only as deprecated.
_REPLACED = {"iw": ("Hebrew", "he"), "ji": ("Yiddish", "yi"), "jw": ("Javanese", "jv"), "mo": ("Romanian", "ro"),
             "in": ("Indonesian", "id")}

EXAMPLES = "a language code, then an optional script and region: en, hi, pt-BR, zh-Hant-TW"
WORD_HINT = ("the post's language is a two- or three-letter code such as en, hi or pt-BR; "
             "a code card's own `language:` names the language of its code")


class LanguageProblem(ValueError):
    """A value that is not a usable language tag, with how to write one."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def parse_language(value: object) -> str:
    """A BCP 47 tag in its usual case (`PT-br` -> `pt-BR`), or a LanguageProblem saying what to write."""
    if value is False:  # YAML 1.1 reads a bare `no` (Norwegian) as false
        raise LanguageProblem("expected a language tag, got false: YAML reads a bare no as a yes/no value",
                              'for Norwegian, write `language: "no"` in quotes, or nb (Bokmål)')
    if not isinstance(value, str) or not value.strip():
        raise LanguageProblem(f"expected a language tag, got {str(value).lower() if value is True else repr(value)}",
                              EXAMPLES)
    text = value.strip()
    instead = _INSTEAD.get(text.lower())
    if instead is not None:
        raise LanguageProblem(f"{text!r} is not a BCP 47 language tag", f"write `language: {instead}`")
    if "_" in text and _tag().fullmatch(text.replace("_", "-")):
        raise LanguageProblem(f"{text!r} is a locale name, not a BCP 47 language tag",
                              f"BCP 47 joins its parts with '-': write `language: {_cased(text.replace('_', '-'))}`")
    match = _tag().fullmatch(text) if len(text) <= MAX_LENGTH else None
    if match is None:
        word = text.isalpha() and len(text) > 3  # `language: python` belongs in a code card
        raise LanguageProblem(f"{text!r} is not a BCP 47 language tag", WORD_HINT if word else EXAMPLES)
    _check_parts(match)
    return _cased(text)


def _check_parts(match: re.Match) -> None:
    language = (match["language"] or "").lower()
    if language in _REPLACED:
        name, code = _REPLACED[language]
        extra = "; for India, add the region to a language: hi-IN, en-IN" if language == "in" else ""
        raise LanguageProblem(f"'{language}' is the old code for {name}", f"write `language: {code}`{extra}")
    if len(language) == 2 and language not in _TWO_LETTER:
        raise LanguageProblem(f"unknown language code '{language}'",
                              "the language comes first, as an ISO 639-1 code (en, hi, pt), "
                              "then a region if you want one: en-GB")
    if (match["region"] or "").upper() == "UK":
        raise LanguageProblem("UK is not a region code", f"the United Kingdom is GB: write `language: {language}-GB`")


def _cased(tag: str) -> str:
    """The case RFC 5646 recommends: language lower, Script title, REGION upper (tags match in any case)."""
    parts = tag.lower().split("-")
    out = [parts[0]]
    for index, part in enumerate(parts[1:], 1):
        if len(parts[index - 1]) == 1:  # after a singleton (x-, u-...), every subtag stays lower case
            out += parts[index:]
            break
        out.append(part.title() if len(part) == 4 and part.isalpha()
                   else part.upper() if len(part) == 2 and part.isalpha() else part)
    return "-".join(out)
