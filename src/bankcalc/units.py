"""The one pint registry, and the parsers that turn durations and rates into plain exact values.

pint stays at the input edge: building the registry costs ~250 ms and one pint operation
~30 µs, so it is built once here, parsed strings are cached, and the core only ever sees
whole months (int) and Decimal fractions.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pint

MONTHS_PER_YEAR = 12
UREG: pint.UnitRegistry[Decimal] = pint.UnitRegistry(non_int_type=Decimal)
_MONTH = UREG.month
_TIME = UREG.year.dimensionality

# A number, optionally followed by a unit word or "%". Checked before pint sees the text:
# pint's parser evaluates arithmetic ("10**10**10"), which no user input should reach.
_QUANTITY_TEXT = re.compile(
    r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*([A-Za-z_ ]{1,20}|%)?\s*$"
)
_BARE_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$")
# pint knows other dimensionless units (degree, turn, byte...): a rate is a % or nothing
_RATE_TEXT = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*(%|percent)\s*$")
_MAX_TEXT = 40


class UnitError(ValueError):
    """An input that is not a valid duration or rate; the message is written for the user."""


def parse_duration_months(value: object) -> int:
    """A duration -> whole months. A bare number means years; strings may carry units."""
    if isinstance(value, bool):
        raise UnitError("expected a duration such as 20, '20 years' or '240 months'")
    if isinstance(value, str):
        return _duration_text_months(value.strip())
    months = _number(value) * MONTHS_PER_YEAR
    return _whole_months(months, value)


def parse_rate(value: object) -> Decimal:
    """A rate -> Decimal fraction: 0.03, '0.03', '3 %' and '3 percent' are the same."""
    if isinstance(value, bool):
        raise UnitError("expected a rate such as 0.03 or '3 %'")
    if isinstance(value, str):
        return _rate_text(value.strip())
    return _number(value)


def months_text(months: int, *, short: bool = False) -> str:
    """240 -> '20 years' ('20 yr' when short); 246 -> '20 years 6 months'; 1 -> '1 month'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    year_word = "yr" if short else ("year" if years == 1 else "years")
    month_word = "mo" if short else ("month" if rest == 1 else "months")
    parts = ([f"{years} {year_word}"] if years else []) + ([f"{rest} {month_word}"] if rest else [])
    return " ".join(parts) or f"0 {month_word}"


def is_bare_number(text: str) -> bool:
    """'3', '0.5', '2e-2': a number with no unit."""
    return bool(_BARE_NUMBER.match(text))


def _number(value: object) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # str() gives the shortest repr, so 0.03 stays 0.03 and not 0.0299999...
        number = Decimal(str(value))
    else:
        raise UnitError(f"expected a number or a text with units, got {type(value).__name__}")
    if not number.is_finite():
        raise UnitError("must be a finite number")
    return number


@lru_cache(maxsize=512)
def _duration_text_months(text: str) -> int:
    if _BARE_NUMBER.match(text):
        return _whole_months(_number(Decimal(text)) * MONTHS_PER_YEAR, text)
    quantity = _quantity(text, "a duration such as '20 years' or '240 months'")
    if quantity.dimensionality != _TIME:
        raise UnitError(f"'{text}' is not a duration: use years or months, e.g. '20 years'")
    return _whole_months(quantity.to(_MONTH).magnitude, text)


@lru_cache(maxsize=512)
def _rate_text(text: str) -> Decimal:
    if _BARE_NUMBER.match(text):
        return _number(Decimal(text))
    if not _RATE_TEXT.match(text):
        raise UnitError(f"'{text}' is not a rate: use a fraction (0.03) or a percentage ('3 %')")
    quantity = _quantity(text, "a rate such as '3 %' or 0.03")
    if not quantity.dimensionless:
        raise UnitError(f"'{text}' is not a rate: use a fraction (0.03) or a percentage ('3 %')")
    return Decimal(quantity.to("dimensionless").magnitude)


def _quantity(text: str, expected: str) -> pint.Quantity[Decimal]:
    if len(text) > _MAX_TEXT or not _QUANTITY_TEXT.match(text):
        raise UnitError(f"expected {expected}, got '{text[:_MAX_TEXT]}'")
    try:
        quantity: pint.Quantity[Decimal] = UREG.parse_expression(text)
    except pint.UndefinedUnitError:
        raise UnitError(f"expected {expected}; the unit in '{text}' is not one of those") from None
    except (pint.errors.DefinitionSyntaxError, InvalidOperation, ValueError, TypeError):
        raise UnitError(f"expected {expected}, got '{text}'") from None
    if not Decimal(quantity.magnitude).is_finite():
        raise UnitError("must be a finite number")
    return quantity


def _whole_months(months: Decimal, shown: object) -> int:
    months = Decimal(months)
    if not months.is_finite() or abs(months) > 10**6:
        raise UnitError(f"duration {shown!r} is out of range")
    whole = months.to_integral_value()
    # pint's year/month factors (exact in Decimal) leave trailing zeros, never a remainder.
    if abs(months - whole) > Decimal("1e-20"):
        raise UnitError(f"duration {shown!r} is not a whole number of months")
    return int(whole)
