"""kind: quote — the spec fields: the statement, who said it, and a stamp such as REJECTED."""

from __future__ import annotations

from postimages.schema import Field, Obj, Str

MAX_QUOTE = 320

STAMP = Obj(
    {
        "text": Field(Str(max_length=24, allow_empty=False, doc="a word or two, e.g. REJECTED"), required=True),
        "icon": Field(Str(max_length=16, doc="an emoji such as ❌ or ✅")),
        "status": Field(Str(choices=("pass", "fail", "neutral"), doc="its colour: pass (good), fail (bad) or "
                                                                     "neutral (the accent, the default)")),
    }
)

FIELDS = {
    "quote": Field(Str(max_length=MAX_QUOTE, allow_empty=False, markup=True, doc="the statement, without quote marks: the card "
                                                                     "draws them"), required=True),
    "by": Field(Str(max_length=80, allow_empty=False, doc="who said it, or where it is from")),
    "stamp": Field(STAMP),
}

# Quote marks typed around the statement: the card draws its own.
_MARKS = "\"'“”„‘’«»"


def statement(card) -> str:
    return card.fields["quote"].strip().strip(_MARKS).strip()


def stamp_status(card) -> str:
    stamp = card.fields["stamp"]
    return (stamp and stamp["status"]) or "neutral"


def alt_text(card) -> str:
    sentence = f"Quote: “{statement(card)}”"
    if card.fields["by"]:
        sentence += f" — {card.fields['by'].strip()}"
    sentence += "."
    stamp = card.fields["stamp"]
    if stamp:
        sentence += f" Stamped {stamp['text'].strip()}."
    return sentence
