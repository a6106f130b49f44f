"""The one pint registry, and the parsers that turn durations and rates into plain exact values.

pint stays at the input edge: the registry is built once here, from units.txt (the few units
bankcalc reads: pint's full file costs ~150 ms and several MB per worker), one pint operation
costs ~30 µs so parsed strings are cached, and the core only ever sees whole months (int) and
Decimal fractions.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pint

from bankcalc.i18n import N_, _, ngettext

MONTHS_PER_YEAR = 12
UNITS_FILE = Path(__file__).with_name("units.txt")
UREG: pint.UnitRegistry[Decimal] = pint.UnitRegistry(str(UNITS_FILE), non_int_type=Decimal)
_MONTH = UREG.month

# One rule for every duration or rate written as text, from the form, the API, the command line
# or the catalog: at most MAX_INPUT_CHARS characters as given, then the documented pattern
# (ASCII digits, at most 4 decimals, one of the words below), and only then any parsing. The
# OpenAPI document publishes these very patterns. pint never sees free text: its parser
# evaluates arithmetic ("10**10**10").
MAX_INPUT_CHARS = 32
SHOWN_CHARS = 20  # of a bad value, quoted back in a message

# The words a duration or a rate may carry, each with the pint unit it means, in every language
# bankcalc speaks: a Spanish speaker's "20 años" is accepted on an English page too, since the
# form, the API and the command line share one rule. pint is only ever given the unit on the
# right, never the word typed. "anos" and "ano" are "años" typed on a keyboard without ñ.
DURATION_WORDS: dict[str, str] = {
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
    "month": "month",
    "months": "month",
    "año": "year",
    "años": "year",
    "ano": "year",
    "anos": "year",
    "mes": "month",
    "meses": "month",
}
RATE_WORDS: dict[str, str] = {
    "%": "percent",
    "percent": "percent",
    "por ciento": "percent",
    "porciento": "percent",
}


def _escaped(word: str) -> str:
    # re.escape writes a space as "\ ", an escape JSON Schema's (ECMA-262, unicode) dialect
    # refuses; a plain space means the same in both dialects.
    return re.escape(word).replace("\\ ", " ")


def _text_pattern(integer_digits: int, words: dict[str, str]) -> str:
    """'^ number [word] $' with ASCII digits; in JSON Schema's regex dialect too."""
    alternatives = "|".join(_escaped(word) for word in sorted(words, key=len, reverse=True))
    number = rf"[0-9]{{1,{integer_digits}}}(\.[0-9]{{1,4}})?"
    return rf"^\s*({number})\s*({alternatives})?\s*$"


DURATION_PATTERN = _text_pattern(4, DURATION_WORDS)
RATE_PATTERN = _text_pattern(3, RATE_WORDS)
_DURATION_TEXT = re.compile(DURATION_PATTERN)
_RATE_TEXT = re.compile(RATE_PATTERN)
_BARE_NUMBER = re.compile(r"^\s*[0-9]{1,4}(\.[0-9]{1,4})?\s*$")
# Messages are built when raised, in the language of the request or command (bankcalc.i18n).
DURATION_EXPECTED = N_("expected a duration such as 20, '20 years' or '240 months'")
DURATION_EXPECTED_GOT = N_(
    "expected a duration such as 20, '20 years' or '240 months', got {value}"
)
RATE_EXPECTED = N_("expected a rate such as 0.03 or '3 %'")
RATE_EXPECTED_GOT = N_("expected a rate such as 0.03 or '3 %', got {value}")


class UnitError(ValueError):
    """An input that is not a valid duration or rate; the message is written for the user."""


def parse_duration_months(value: object) -> int:
    """A duration -> whole months. A bare number means years; text may carry a unit word, in
    English or Spanish ('20 years', '20 años', '240 meses')."""
    if isinstance(value, bool):
        raise UnitError(_(DURATION_EXPECTED))
    if isinstance(value, str):
        return _duration_text_months(_checked(value, _DURATION_TEXT, DURATION_EXPECTED_GOT))
    months = _number(value) * MONTHS_PER_YEAR
    return _whole_months(months, value)


def parse_rate(value: object) -> Decimal:
    """A rate -> Decimal fraction: 0.03, '0.03', '3 %', '3 percent' and '3 por ciento' are
    the same."""
    if isinstance(value, bool):
        raise UnitError(_(RATE_EXPECTED))
    if isinstance(value, str):
        return _rate_text(_checked(value, _RATE_TEXT, RATE_EXPECTED_GOT))
    return _number(value)


def shown(text: str) -> str:
    """A value as messages quote it: at most SHOWN_CHARS characters of it."""
    cut = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."
    return repr(cut)


def check_length(text: str) -> None:
    """The length cap, checked on the text as given (spaces included) before anything else."""
    if len(text) > MAX_INPUT_CHARS:
        message = _("is too long: at most {limit} characters, got {length}")
        raise UnitError(message.format(limit=MAX_INPUT_CHARS, length=f"{len(text):,}"))


def _checked(text: str, pattern: re.Pattern[str], expected: str) -> tuple[str, str]:
    """Length, then pattern: -> (number, unit word or '') of a text that may be parsed.

    `expected` is the message (an N_ constant with a {value} field) for a text that does not
    match. The text is put in NFC first, after the length cap: "años" typed as n + a combining
    tilde (macOS, some phones) is the same word, and NFC leaves ASCII digits as they are.
    """
    check_length(text)
    match = pattern.match(unicodedata.normalize("NFC", text))
    if match is None:
        raise UnitError(_(expected).format(value=shown(text.strip())))
    return match.group(1), match.group(3) or ""


def months_text(months: int, *, short: bool = False) -> str:
    """240 -> '20 years' ('20 yr' when short); 246 -> '20 years 6 months'; 1 -> '1 month';
    in Spanish '20 años', '20 años y 6 meses', '1 mes'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    if short:
        year_part = ngettext("{n} yr", "{n} yr", years).format(n=years)
        month_part = ngettext("{n} mo", "{n} mo", rest).format(n=rest)
    else:
        year_part = ngettext("{n} year", "{n} years", years).format(n=years)
        month_part = ngettext("{n} month", "{n} months", rest).format(n=rest)
    if years and rest:
        # TRANSLATORS: a duration of whole years and months, e.g. "20 years 6 months".
        return _("{years} {months}").format(years=year_part, months=month_part)
    return year_part if years else month_part


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
        message = _("expected a number or a text with units, got {kind}")
        raise UnitError(message.format(kind=type(value).__name__))
    if not number.is_finite():
        raise UnitError(_("must be a finite number"))
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
        raise UnitError(_("duration {value} is out of range").format(value=_quoted(given)))
    whole = months.to_integral_value()
    # pint's year/month factors (exact in Decimal) leave trailing zeros, never a remainder.
    if abs(months - whole) > Decimal("1e-20"):
        message = _("duration {value} is not a whole number of months")
        raise UnitError(message.format(value=_quoted(given)))
    return int(whole)
