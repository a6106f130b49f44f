"""Free and low-cost routes beside private banking: public donation, and for a family with a
known medical need, directed-donation programs. Validated like plans; each has its source, the
date it was published or read, and the terms a family should confirm."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bankcalc.catalog.claims import Slug, check_quoted
from bankcalc.catalog.sources import PriceSource
from bankcalc.catalog.text import EMPTY, Bounds, Text

CONFIRM = Text(
    "Confirm the current terms with the bank before you rely on them.",
    "Confirme con el banco las condiciones actuales antes de contar con ellas.",
)


class Route(StrEnum):
    PUBLIC_DONATION = "public_donation"  # a public bank: free, listed for any patient
    PUBLIC_DIRECTED = "public_directed"  # a public bank stores it for an ill full sibling
    FAMILY_NEED_BASED = "family_need_based"  # a family bank's case-of-need program


class Recipient(StrEnum):
    ANYONE = "anyone"  # any patient who matches (public donation)
    SIBLING = "sibling"  # a full brother or sister of the baby
    PARENT = "parent"


class Program(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    name: Annotated[Text, Bounds(3, 200)] = Field(description="as families would look it up")
    route: Route
    run_by: Annotated[Text, Bounds(3, 300)] = Field(description="who runs it")
    recipients: tuple[Recipient, ...] = Field(
        min_length=1, description="who the unit is for: anyone, or the family member who is ill"
    )
    cost: Annotated[Text, Bounds(3, 600)] = Field(description="what it costs the family")
    gives: Annotated[Text, Bounds(3, 600)] = Field(description="what the family gets")
    conditions: tuple[Annotated[Text, Bounds(3, 600)], ...] = Field(
        default=(), max_length=10, description="who can use it, and when"
    )
    banks: tuple[str, ...] = Field(default=(), max_length=20, description="banks listed for it")
    multiples: Annotated[Text, Bounds(0, 600)] = Field(
        default=EMPTY,
        description="what changes for twins and other babies born together, shown to them",
    )
    confirm: Annotated[Text, Bounds(3, 400)] = Field(
        default=CONFIRM, description="what to check with the bank"
    )
    source: PriceSource = Field(description="where the terms were read, and when")

    @model_validator(mode="after")
    def _consistent(self) -> Program:
        public = self.route is Route.PUBLIC_DONATION
        if public != (self.recipients == (Recipient.ANYONE,)):
            raise ValueError("public donation, and only it, is for anyone who matches")
        quoted = (self.cost, self.gives, *self.conditions, self.confirm, self.multiples)
        check_quoted(quoted, self.source.quotes)
        return self

    def serves(self, need: str | None) -> bool:
        """For a family whose `need` is 'sibling' or 'parent' (None: no known need)."""
        if self.route is Route.PUBLIC_DONATION:
            return True
        return need is not None and Recipient(need) in self.recipients
