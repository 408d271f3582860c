"""kind: stats — the spec fields and the content they describe: metrics, targets, the verdict."""

from __future__ import annotations

import re
from typing import NamedTuple

from postimages.numbers import MINUS, format_number, is_currency, typed_decimals, with_unit  # noqa: F401
from postimages.numbers import is_symbol_unit as _is_symbol_unit
from postimages.numbers import plain as _plain
from postimages.schema import Bool, Custom, Field, ListOf, Num, Obj, Str
from postimages.yamlsource import join


class Target(NamedTuple):
    op: str  # ">", ">=", "<", "<=", ".."
    low: float
    high: float | None = None

    def met(self, value: float) -> bool:
        return {
            ">": lambda: value > self.low,
            ">=": lambda: value >= self.low,
            "<": lambda: value < self.low,
            "<=": lambda: value <= self.low,
            "..": lambda: self.low <= value <= self.high,
        }[self.op]()

    def label(self, unit: str) -> str:
        def bound(number: float) -> str:
            return with_unit(_plain(number), unit)

        words = f" {unit}" if unit and not _is_symbol_unit(unit) else ""  # "< 100 ms"
        if self.op == "..":
            return f"{bound(self.low)}–{bound(self.high)}{words}"
        symbol = {">=": "≥", "<=": "≤"}.get(self.op, self.op)
        return f"{symbol} {bound(self.low)}{words}"


_TARGET = re.compile(r"^\s*(>=|<=|>|<|≥|≤)\s*([-+−]?\d+(?:\.\d+)?)\s*%?\s*$")
_RANGE = re.compile(r"^\s*([-+−]?\d+(?:\.\d+)?)\s*\.\.\s*([-+−]?\d+(?:\.\d+)?)\s*%?\s*$")


def parse_target(value: object) -> Target:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f'a target needs a comparison: write "> {value:g}" or ">= {value:g}" (with the quotes)')
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"expected a comparison such as \"> 60\" or a range such as \"2..5\", got {value!r}")
    if match := _TARGET.match(value):
        op = {"≥": ">=", "≤": "<="}.get(match.group(1), match.group(1))
        return Target(op, _number(match.group(2)))
    if match := _RANGE.match(value):
        low, high = _number(match.group(1)), _number(match.group(2))
        if low > high:
            raise ValueError(f"the range {value!r} runs backwards; write the lower bound first")
        return Target("..", low, high)
    raise ValueError(f"expected a comparison such as \"> 60\" or a range such as \"2..5\", got {value!r}")


def _number(text: str) -> float:
    return float(text.replace("−", "-"))


METRIC = Obj(
    {
        "label": Field(Str(max_length=60, allow_empty=False), required=True),
        "value": Field(Num(doc="the number, unquoted"), required=True),
        "unit": Field(Str(max_length=16, doc='"%", "ms", "alerts"...')),
        "prefix": Field(Str(max_length=4, doc='shown before the number, e.g. "$" or "₹"')),
        "decimals": Field(Num(integer=True, minimum=0, maximum=6, doc="digits after the point; as typed when absent")),
        "sign": Field(Bool(doc="always show the sign: +3.20%")),
        "target": Field(Custom(parse_target, {"type": "string", "pattern": r"^\s*(>=|<=|>|<|≥|≤)?\s*-?\d"},
                               doc='"> 60", ">= 60", "< 5", "<= 5" or a range "2..5"'),
                        ),
        "note": Field(Str(max_length=60, doc="a short note shown under the label when there is no target")),
        "bars": Field(Bool(doc="draw a bar of where the value stands against its target")),
    },
    check=lambda values, path, problems: _bar_needs_target(values, path, problems),
)


def _bar_needs_target(values: dict, path: str, problems) -> None:
    if values["bars"] and values["target"] is None:
        problems.add(join(path, "bars"), "a bar shows the value against its target, and this metric has none",
                     'add a target such as target: "> 60", or remove bars: true')

VERDICT = Obj(
    {
        "text": Field(Str(max_length=40, allow_empty=False), required=True),
        "icon": Field(Str(max_length=16, doc="an emoji such as ❌ or ✅")),
        "status": Field(Str(choices=("fail", "pass", "neutral"),
                            doc="derived from the targets when absent: pass when all are met, fail when all "
                                "are missed, neutral when mixed")),
        "label": Field(Str(max_length=40, allow_empty=False, doc='the small line above the verdict; "Verdict" '
                                                                 "when absent")),
        "detail": Field(Str(max_length=120, doc="one line under the verdict")),
    }
)

FIELDS = {
    "metrics": Field(ListOf(METRIC, min_items=1, max_items=6), required=True),
    "verdict": Field(VERDICT),
}


class Metric(NamedTuple):
    label: str
    value_text: str  # number with prefix and symbol unit, e.g. "−0.01%"
    word_unit: str  # a unit in words, shown smaller beside the number
    target_text: str | None
    status: str  # pass | fail | neutral
    note: str | None
    track: Track | None = None  # with `bars: true`: where the value and the target stand


class Track(NamedTuple):
    """A bar from the scale's low end: the value's share of it, and the target's."""

    value: float  # 0..1 along the track
    target_low: float  # 0..1: the bound (or a range's low bound)
    target_high: float | None = None  # a range's high bound


def track_of(value: float, target: Target) -> Track:
    """Zero (or the lowest number) at the left; the largest of the value and the
    target a fifth short of the right end, so both stand inside the bar."""
    bounds = [target.low] + ([target.high] if target.high is not None else [])
    low = min(0.0, value, *bounds)
    high = max(value, *bounds)
    span = (high - low) * 1.2 or 1.0

    def at(number: float) -> float:
        return (number - low) / span

    return Track(at(value), at(target.low), at(target.high) if target.high is not None else None)


def metrics_of(card) -> list[Metric]:
    result = []
    for i, m in enumerate(card.fields["metrics"]):
        decimals = m["decimals"] if m["decimals"] is not None else typed_decimals(card.located.raw.get(f"metrics[{i}].value"))
        unit = m["unit"] or ""
        number = format_number(m["value"], decimals, bool(m["sign"]))
        target: Target | None = m["target"]
        status = "neutral" if target is None else ("pass" if target.met(m["value"]) else "fail")
        result.append(Metric(
            label=m["label"],
            value_text=with_unit(number, unit, m["prefix"] or ""),
            word_unit="" if _is_symbol_unit(unit) else unit,
            target_text=target.label(unit) if target else None,
            status=status,
            note=m["note"],
            track=track_of(m["value"], target) if target and m["bars"] else None,
        ))
    return result


def verdict_status(card, metrics: list[Metric]) -> str:
    verdict = card.fields["verdict"]
    if verdict and verdict["status"]:
        return verdict["status"]
    # Every target met passes, every one missed fails; a mixed result is neither.
    statuses = {m.status for m in metrics} - {"neutral"}
    return statuses.pop() if len(statuses) == 1 else "neutral"


def alt_text(card) -> str:
    metrics = metrics_of(card)
    title = card.fields.get("title") or "Results"
    parts = []
    for m in metrics:
        value = m.value_text.replace(MINUS, "-") + (f" {m.word_unit}" if m.word_unit else "")
        if m.target_text:
            outcome = "met" if m.status == "pass" else "missed"
            parts.append(f"{m.label} {value} against a target of {m.target_text.replace(MINUS, '-')} ({outcome})")
        else:
            parts.append(f"{m.label} {value}")
    sentence = f"{title}: " + "; ".join(parts) + "."
    verdict = card.fields["verdict"]
    if verdict:
        sentence += f" Verdict: {verdict['text']}."
    return sentence
