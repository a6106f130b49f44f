"""Annotated field types shared by the catalog and the scenario models.

Each type validates once at the edge and leaves a plain exact value: money as Decimal,
durations as whole months (int), rates as Decimal fractions. Their JSON schema says what
a client may send ("20 years", 0.03, "3 %"), which is wider than the value kept.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from bankcalc.i18n import _
from bankcalc.units import (
    DURATION_PATTERN,
    MAX_INPUT_CHARS,
    RATE_PATTERN,
    UnitError,
    months_text,
    parse_duration_months,
    parse_rate,
)

MAX_MONEY = Decimal("10000000")


def _months(value: Any) -> int:
    try:
        return parse_duration_months(value)
    except UnitError as error:
        raise PydanticCustomError("duration", str(error)) from None


def _rate(value: Any) -> Decimal:
    try:
        return parse_rate(value)
    except UnitError as error:
        raise PydanticCustomError("rate", str(error)) from None


def _money(value: Any) -> Any:
    # A float has already lost cents (0.1 + 0.2); money must come as text or an exact number.
    if isinstance(value, float):
        message = _("money must be given as a string like '1500.00'")
        raise PydanticCustomError("money_float", message)
    return value


ONE_MONTH_IN_YEARS = 1 / 12  # float ok: a JSON schema bound, not money; 0.0833... years


def duration_schema(max_years: int = 100) -> dict[str, Any]:
    """JSON schema of a duration input: years as a number, or text with units."""
    return {
        "oneOf": [
            {
                "type": "number",
                "description": "years, from 1/12 (one month) to the maximum; the number must come"
                " to a whole number of months (1.5 is 18 months; 0.1 is refused)",
                "minimum": ONE_MONTH_IN_YEARS,
                "maximum": max_years,
            },
            {"type": "string", "pattern": DURATION_PATTERN, "maxLength": MAX_INPUT_CHARS},
        ],
        "examples": ["20 years", "240 months", 18],
    }


def rate_schema(max_fraction: Decimal = Decimal(1)) -> dict[str, Any]:
    """JSON schema of a rate input: a fraction, or a percentage as text."""
    return {
        "oneOf": [
            {
                "type": "number",
                "description": "a fraction: 0.03 is 3 %",
                "minimum": 0,
                "maximum": float(max_fraction),  # float ok: a JSON schema bound, not money
            },
            {"type": "string", "pattern": RATE_PATTERN, "maxLength": MAX_INPUT_CHARS},
        ],
        "examples": ["3 %", 0.03, "3 percent"],
    }


Money = Annotated[
    Decimal,
    BeforeValidator(_money),
    Field(ge=0, le=MAX_MONEY, max_digits=12, decimal_places=2, allow_inf_nan=False),
]
"""An amount in USD, at most two decimals."""

Months = Annotated[
    int,
    BeforeValidator(_months),
    # In JSON a bare number would read back as years: say "months" so dumps round-trip.
    PlainSerializer(lambda months: f"{months} months", return_type=str, when_used="json"),
    WithJsonSchema(duration_schema(), mode="validation"),
]
"""A duration, kept as whole months; bounds are set where it is used."""

Rate = Annotated[Decimal, BeforeValidator(_rate), WithJsonSchema(rate_schema())]
"""A rate, kept as a Decimal fraction; bounds are set where it is used."""


def percent(rate: Decimal) -> str:
    """0.035 -> '3.5 %', for messages (es-US writes the number the same way)."""
    return _("{number} %").format(number=f"{(rate * 100).normalize():f}")


def rate_between(low: Decimal, high: Decimal) -> AfterValidator:
    """Bounds on a rate, with the message in percent: '0.25' fails as 'got 25 %'."""

    def check(rate: Decimal) -> Decimal:
        if not low <= rate <= high:
            message = _("must be from {low} to {high}, got {value}").format(
                low=percent(low), high=percent(high), value=percent(rate)
            )
            raise PydanticCustomError("rate_range", message)
        return rate

    return AfterValidator(check)


def months_between(low: int, high: int) -> AfterValidator:
    """Bounds on a duration, with the message in years and months."""

    def check(months: int) -> int:
        if not low <= months <= high:
            message = _("must be from {low} to {high}, got {value}").format(
                low=months_text(low), high=months_text(high), value=months_text(months)
            )
            raise PydanticCustomError("duration_range", message)
        return months

    return AfterValidator(check)
