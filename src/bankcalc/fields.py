"""Annotated field types shared by the catalog and the scenario models.

Each type validates once at the edge and leaves a plain exact value: money as Decimal,
durations as whole months (int), rates as Decimal fractions. Their JSON schema says what
a client may send ("20 years", 0.03, "3 %"), which is wider than the value kept.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from bankcalc.units import UnitError, parse_duration_months, parse_rate

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
        raise PydanticCustomError("money_float", "money must be given as a string like '1500.00'")
    return value


DURATION_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"type": "number", "description": "years"},
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*(years?|yrs?|months?|a)?\s*$"},
    ],
    "examples": ["20 years", "240 months", 18],
}
RATE_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"type": "number", "description": "a fraction: 0.03 is 3 %"},
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*(%|percent)?\s*$"},
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
    WithJsonSchema(DURATION_SCHEMA, mode="validation"),
]
"""A duration, kept as whole months; bounds are set where it is used."""

Rate = Annotated[Decimal, BeforeValidator(_rate), WithJsonSchema(RATE_SCHEMA)]
"""A rate, kept as a Decimal fraction; bounds are set where it is used."""
