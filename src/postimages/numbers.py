"""Numbers as a card shows them: a real minus, thousands grouped from 10,000,
the digits the user typed, a currency before the number and a symbol unit after.

Every kind that shows a value (a metric, a bar) formats it here, by the same rules.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

MINUS = "\u2212"  # a real minus sign, the width of a plus in tabular figures


def is_symbol_unit(unit: str | None) -> bool:
    """A unit with no letters ("%", "$"): it joins the number; a unit in words is shown apart."""
    return bool(unit) and not any(c.isalpha() for c in unit)


def is_currency(unit: str | None) -> bool:
    """A currency symbol ($ € £ ₹ ¥ …): readers expect it before the number."""
    return bool(unit) and all(unicodedata.category(c) == "Sc" for c in unit.strip())


def with_unit(number: str, unit: str, prefix: str = "") -> str:
    """The number as readers expect it: sign, then a currency or prefix, the
    digits, then a symbol unit ("−$0.03", "38.1%"); a unit in words is shown apart."""
    sign = number[0] if number[:1] in (MINUS, "+") else ""
    digits = number[len(sign):]
    if is_currency(unit):
        return f"{sign}{prefix}{unit.strip()}{digits}"
    return f"{sign}{prefix}{digits}{unit if is_symbol_unit(unit) else ''}"


def format_number(value: float, decimals: int, sign: bool) -> str:
    text = f"{abs(value):,.{decimals}f}" if abs(value) >= 10_000 else f"{abs(value):.{decimals}f}"
    negative = value < 0 and float(text.replace(",", "")) != 0
    prefix = MINUS if negative else ("+" if sign else "")
    return prefix + text


def plain(number: float) -> str:
    """A bound or a target as typed, grouped in thousands from 10,000 as values are."""
    text = f"{number:,.15g}" if abs(number) >= 10_000 else f"{number:g}"
    return text.replace("-", MINUS)


def typed_decimals(raw: str | None) -> int:
    """Digits after the point as the user typed the number: "38.10" -> 2,
    "2.5e-1" -> 2 (0.25)."""
    if raw and "e" in raw.lower():
        try:
            return max(0, -Decimal(raw.strip().replace("_", "")).normalize().as_tuple().exponent)
        except ArithmeticError:
            return 0
    if raw and "." in raw:
        return len(raw.split(".", 1)[1].strip())
    return 0


def shown(value: float, unit: str, *, decimals: int, sign: bool = False, prefix: str = "") -> str:
    """The value with its sign, prefix and symbol unit, e.g. "−$0.03", "+3.20%", "360"."""
    return with_unit(format_number(value, decimals, sign), unit, prefix)


def for_reading(text: str) -> str:
    """A shown number as alt text reads it: a hyphen for the minus sign."""
    return text.replace(MINUS, "-")
