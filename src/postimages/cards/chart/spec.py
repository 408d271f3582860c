"""kind: chart — the spec fields, the bars they describe with their numbers
formatted as metric values are, and the alt text that reads the numbers."""

from __future__ import annotations

from dataclasses import dataclass

from postimages.color import parse_color
from postimages.numbers import for_reading, is_symbol_unit, shown, typed_decimals
from postimages.schema import Bool, Custom, Field, ListOf, Num, Obj, Str

MAX_BARS = 12
COLOR_ROLES = ("good", "bad", "accent", "muted")


def parse_bar_color(value: object) -> str | tuple[int, ...]:
    """A role of the theme, or a colour "#RRGGBB"."""
    if isinstance(value, str) and value in COLOR_ROLES:
        return value
    try:
        return parse_color(value)
    except ValueError:
        raise ValueError(f'expected good, bad, accent, muted or a colour like "#5B8CFF", got {value!r}') from None


BAR = Obj(
    {
        "label": Field(Str(max_length=80, allow_empty=False, markup=True, doc="what the bar measures"), required=True),
        "value": Field(Num(doc="the number, unquoted; negative bars grow the other way"), required=True),
        "color": Field(Custom(parse_bar_color, {"type": "string", "pattern": r"^(good|bad|accent|muted|#[0-9a-fA-F]{6})$"},
                              doc='good, bad, accent, muted or "#RRGGBB"; accent when absent')),
    }
)

TARGET = Obj(
    {
        "value": Field(Num(doc="where the marker line stands"), required=True),
        "label": Field(Str(max_length=40, doc='what it is, e.g. "planned per phase"')),
    },
    doc="a dashed marker line across the bars, with its words above them",
)

FIELDS = {
    "bars": Field(ListOf(BAR, min_items=1, max_items=MAX_BARS, doc="1 to 12 bars, in order"), required=True),
    "unit": Field(Str(max_length=16, doc='"h", "%", "$", "ms"... for every value')),
    "prefix": Field(Str(max_length=4, doc='shown before each number, e.g. "~"')),
    "decimals": Field(Num(integer=True, minimum=0, maximum=6, doc="digits after the point; as typed when absent")),
    "sign": Field(Bool(doc="always show the sign: +3.2")),
    "total": Field(Bool(doc="show the sum of the bars")),
    "target": Field(TARGET),
    "direction": Field(Str(choices=("horizontal", "vertical"), doc="horizontal bars (default) or vertical columns")),
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown, e.g. "360 h"
    color: str | tuple[int, ...]  # a role or a colour


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    vertical: bool
    total: str | None  # the sum as shown
    target: float | None
    target_text: str | None  # "planned per phase · 100 h"


def chart_of(card) -> Chart:
    f = card.fields
    decimals = f["decimals"]
    if decimals is None:  # as typed: the most digits any value has
        decimals = max(typed_decimals(card.located.raw.get(f"bars[{i}].value")) for i in range(len(f["bars"])))
    unit = f["unit"] or ""

    def text(value: float, sign: bool = bool(f["sign"])) -> str:
        number = shown(value, unit, decimals=decimals, sign=sign, prefix=f["prefix"] or "")
        return number if is_symbol_unit(unit) or not unit else f"{number} {unit}"

    bars = tuple(Bar(b["label"].strip(), b["value"], text(b["value"]), b["color"] or "accent") for b in f["bars"])
    total = text(sum(b.value for b in bars), sign=False) if f["total"] else None
    target = f["target"]
    target_text = None
    if target:
        label = (target["label"] or "").strip()
        target_text = f"{label} · {text(target['value'])}" if label else f"Target {text(target['value'])}"
    return Chart(bars, f["direction"] == "vertical", total, target["value"] if target else None, target_text)


def alt_text(card) -> str:
    """The chart in words, with every number."""
    chart = chart_of(card)
    title = (card.fields.get("title") or "Chart").strip().rstrip(".:")
    kind = "Column chart" if chart.vertical else "Bar chart"
    # A colon between a label and its number: a label may end in a number of its own.
    parts = "; ".join(f"{bar.label}: {for_reading(bar.text)}" for bar in chart.bars)
    sentence = f"{kind}, {title}: {parts}."
    if chart.total:
        sentence += f" Total: {for_reading(chart.total)}."
    if chart.target_text:
        sentence += f" Marker line: {for_reading(chart.target_text)}."
    return sentence
