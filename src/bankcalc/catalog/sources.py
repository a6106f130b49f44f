"""Where a price, a program's terms or a contract term come from: who published them, when,
and how far they can be trusted.

Shared by the plans' prices (`models`), the programs and the contract terms (`contract`), so
each can cite a source without importing the others.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from bankcalc.catalog.claims import PublishedQuote, check_quoted
from bankcalc.catalog.kinds import Basis
from bankcalc.catalog.text import EMPTY, Bounds, Text


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PriceSource(Frozen):
    as_of: dt.date | None = Field(
        default=None,
        description="date the figures were published, where the source gives one; none: undated",
    )
    read_on: dt.date | None = Field(
        default=None, description="date bankcalc read the figures (required when undated)"
    )
    source: Annotated[Text, Bounds(3, 400)] = Field(
        description="who published the figures, and where (titles as published)"
    )
    url: HttpUrl | None = Field(default=None, description="where the figures were read")
    basis: Basis = Field(description="quoted by the bank, by a third party, or illustrative")
    note: Annotated[Text, Bounds(0, 2000)] = Field(
        default=EMPTY, description="what is quoted and what is assumed"
    )
    quotes: tuple[PublishedQuote, ...] = Field(
        default=(), description="the published words the note quotes, with their passages"
    )

    @model_validator(mode="after")
    def _dated(self) -> PriceSource:
        check_quoted((self.note,), self.quotes)
        if self.as_of is None and self.read_on is None:
            raise ValueError("an undated source needs read_on: the date the figures were read")
        if self.as_of and self.read_on and self.read_on < self.as_of:
            raise ValueError("read_on must not be before as_of (the date of publication)")
        return self

    @property
    def dated(self) -> dt.date:
        """The date that ages the figures: publication when known, else when they were read."""
        return self.as_of or self.read_on  # type: ignore[return-value]  # one is set (_dated)
