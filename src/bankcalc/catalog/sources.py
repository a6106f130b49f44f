"""Where a figure comes from: who published it, when, and how far it can be trusted.

Shared by the plans' prices (`models`) and the contract terms (`contract`), so each can cite
a source without importing the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Basis(StrEnum):
    """How much a figure can be trusted."""

    QUOTED = "quoted"  # published by the bank itself
    THIRD_PARTY = "third_party"  # published by someone quoting the bank
    ILLUSTRATIVE = "illustrative"  # made up to show a shape the sources describe without a price


BASIS_STRENGTH = {Basis.QUOTED: 2, Basis.THIRD_PARTY: 1, Basis.ILLUSTRATIVE: 0}


def weakest(bases: Iterable[Basis]) -> Basis:
    """The weakest of several bases: a total is only as good as its weakest price."""
    return min(bases, key=BASIS_STRENGTH.__getitem__, default=Basis.QUOTED)


class PriceSource(Frozen):
    as_of: dt.date | None = Field(
        default=None,
        description="date the figures were published, where the source gives one; none: undated",
    )
    read_on: dt.date | None = Field(
        default=None, description="date bankcalc read the figures (required when undated)"
    )
    source: str = Field(
        min_length=3, max_length=400, description="who published the figures, and where"
    )
    url: HttpUrl | None = Field(default=None, description="where the figures were read")
    basis: Basis = Field(description="quoted by the bank, by a third party, or illustrative")
    note: str = Field(default="", max_length=2000, description="what is quoted and what is assumed")

    @model_validator(mode="after")
    def _dated(self) -> PriceSource:
        if self.as_of is None and self.read_on is None:
            raise ValueError("an undated source needs read_on: the date the figures were read")
        if self.as_of and self.read_on and self.read_on < self.as_of:
            raise ValueError("read_on must not be before as_of (the date of publication)")
        return self

    @property
    def dated(self) -> dt.date:
        """The date that ages the figures: publication when known, else when they were read."""
        return self.as_of or self.read_on  # type: ignore[return-value]  # one is set (_dated)
