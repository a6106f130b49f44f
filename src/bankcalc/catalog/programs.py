"""Free and low-cost routes beside private banking: public donation, and for a family with a
known medical need, directed-donation programs. Validated like plans; each has its source, the
date it was published or read, and the terms a family should confirm."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bankcalc.catalog.claims import Slug, check_quoted
from bankcalc.catalog.sources import PriceSource


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
    name: str = Field(min_length=3, max_length=200, description="as families would look it up")
    route: Route
    run_by: str = Field(min_length=3, max_length=300, description="who runs it")
    recipients: tuple[Recipient, ...] = Field(
        min_length=1, description="who the unit is for: anyone, or the family member who is ill"
    )
    cost: str = Field(min_length=3, max_length=600, description="what it costs the family")
    gives: str = Field(min_length=3, max_length=600, description="what the family gets")
    conditions: tuple[str, ...] = Field(
        default=(), max_length=10, description="who can use it, and when"
    )
    banks: tuple[str, ...] = Field(default=(), max_length=20, description="banks listed for it")
    multiples: str = Field(
        default="",
        max_length=600,
        description="what changes for twins and other babies born together, shown to them",
    )
    confirm: str = Field(
        default="Confirm the current terms with the bank before you rely on them.",
        min_length=3,
        max_length=400,
        description="what to check with the bank",
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
