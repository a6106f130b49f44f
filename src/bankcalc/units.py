"""The one pint registry, and the parsers that turn durations and rates into plain exact values.

pint stays at the input edge: building the registry costs ~250 ms and one pint operation
~30 µs, so it is built once here, parsed strings are cached, and the core only ever sees
whole months (int) and Decimal fractions.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import pint

MONTHS_PER_YEAR = 12
UREG: pint.UnitRegistry[Decimal] = pint.UnitRegistry(non_int_type=Decimal)
_MONTH = UREG.month

# One rule for every duration or rate written as text, from the form, the API, the command line
# or the catalog: at most MAX_INPUT_CHARS characters as given, then the documented pattern
# (ASCII digits, at most 4 decimals, one of the words below), and only then any parsing. The
# OpenAPI document publishes these very patterns. pint never sees free text: its parser
# evaluates arithmetic ("10**10**10").
MAX_INPUT_CHARS = 32
SHOWN_CHARS = 20  # of a bad value, quoted back in a message

# The words a duration or a rate may carry, each with the pint unit it means. A language adds
# its own words here, e.g. "años": "year", "meses": "month", "por ciento": "percent".
DURATION_WORDS: dict[str, str] = {
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
    "month": "month",
    "months": "month",
}
RATE_WORDS: dict[str, str] = {"%": "percent", "percent": "percent"}


def _text_pattern(integer_digits: int, words: dict[str, str]) -> str:
    """'^ number [word] $' with ASCII digits; in JSON Schema's regex dialect too."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    number = rf"[0-9]{{1,{integer_digits}}}(\.[0-9]{{1,4}})?"
    return rf"^\s*({number})\s*({alternatives})?\s*$"


DURATION_PATTERN = _text_pattern(4, DURATION_WORDS)
RATE_PATTERN = _text_pattern(3, RATE_WORDS)
_DURATION_TEXT = re.compile(DURATION_PATTERN)
_RATE_TEXT = re.compile(RATE_PATTERN)
_BARE_NUMBER = re.compile(r"^\s*[0-9]{1,4}(\.[0-9]{1,4})?\s*$")
DURATION_EXAMPLE = "a duration such as 20, '20 years' or '240 months'"
RATE_EXAMPLE = "a rate such as 0.03 or '3 %'"


class UnitError(ValueError):
    """An input that is not a valid duration or rate; the message is written for the user."""


def parse_duration_months(value: object) -> int:
    """A duration -> whole months. A bare number means years; text may carry a unit word."""
    if isinstance(value, bool):
        raise UnitError(f"expected {DURATION_EXAMPLE}")
    if isinstance(value, str):
        return _duration_text_months(_checked(value, _DURATION_TEXT, DURATION_EXAMPLE))
    months = _number(value) * MONTHS_PER_YEAR
    return _whole_months(months, value)


def parse_rate(value: object) -> Decimal:
    """A rate -> Decimal fraction: 0.03, '0.03', '3 %' and '3 percent' are the same."""
    if isinstance(value, bool):
        raise UnitError(f"expected {RATE_EXAMPLE}")
    if isinstance(value, str):
        return _rate_text(_checked(value, _RATE_TEXT, RATE_EXAMPLE))
    return _number(value)


def shown(text: str) -> str:
    """A value as messages quote it: at most SHOWN_CHARS characters of it."""
    cut = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."
    return repr(cut)


def check_length(text: str) -> None:
    """The length cap, checked on the text as given (spaces included) before anything else."""
    if len(text) > MAX_INPUT_CHARS:
        raise UnitError(f"is too long: at most {MAX_INPUT_CHARS} characters, got {len(text):,}")


def _checked(text: str, pattern: re.Pattern[str], expected: str) -> tuple[str, str]:
    """Length, then pattern: -> (number, unit word or '') of a text that may be parsed."""
    check_length(text)
    match = pattern.match(text)
    if match is None:
        raise UnitError(f"expected {expected}, got {shown(text.strip())}")
    return match.group(1), match.group(3) or ""


def months_text(months: int, *, short: bool = False) -> str:
    """240 -> '20 years' ('20 yr' when short); 246 -> '20 years 6 months'; 1 -> '1 month'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    year_word = "yr" if short else ("year" if years == 1 else "years")
    month_word = "mo" if short else ("month" if rest == 1 else "months")
    parts = ([f"{years} {year_word}"] if years else []) + ([f"{rest} {month_word}"] if rest else [])
    return " ".join(parts) or f"0 {month_word}"


def is_bare_number(text: str) -> bool:
    """'3', '0.5': a number with no unit, as the patterns above write numbers."""
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
def _duration_text_months(parts: tuple[str, str]) -> int:
    number, word = parts
    if not word:  # a bare number is years
        return _whole_months(Decimal(number) * MONTHS_PER_YEAR, number)
    quantity = UREG.Quantity(Decimal(number), DURATION_WORDS[word])
    return _whole_months(quantity.to(_MONTH).magnitude, f"{number} {word}")


@lru_cache(maxsize=512)
def _rate_text(parts: tuple[str, str]) -> Decimal:
    number, word = parts
    if not word:  # a bare number is the fraction itself
        return Decimal(number)
    quantity = UREG.Quantity(Decimal(number), RATE_WORDS[word])
    return Decimal(quantity.to("dimensionless").magnitude)


def _quoted(value: object) -> str:
    return shown(value) if isinstance(value, str) else shown(str(value))


def _whole_months(months: Decimal, given: object) -> int:
    months = Decimal(months)
    if not months.is_finite() or abs(months) > 10**6:
        raise UnitError(f"duration {_quoted(given)} is out of range")
    whole = months.to_integral_value()
    # pint's year/month factors (exact in Decimal) leave trailing zeros, never a remainder.
    if abs(months - whole) > Decimal("1e-20"):
        raise UnitError(f"duration {_quoted(given)} is not a whole number of months")
    return int(whole)
