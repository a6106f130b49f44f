"""Contract terms that change what a family pays or risks, each with its source.

A bank's contract decides more than its price list: whether the enrollment fee comes back at
the next birth, whether the storage fee may rise, what cancelling costs, whether releasing the
unit for a transplant costs anything. The catalog records, for each bank (and where a plan
differs, for the plan), what its published terms say on each of these topics, with where and
when they were read. A topic left out is "not published": the page turns it into a question
to ask the bank, never a guess.

This module is named `contract`, not `terms`, because `core.terms.Terms` already names the
scenario as the cost core sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from bankcalc.catalog.kinds import Basis
from bankcalc.catalog.sources import Frozen, PriceSource
from bankcalc.catalog.text import Bounds, Text
from bankcalc.fields import Money, Rate, rate_between
from bankcalc.money import ZERO

MAX_CAP = Decimal("0.20")


class Topic(StrEnum):
    """What a family should know about a contract, in the order a page lists them."""

    ENROLLMENT = "enrollment"
    FIRST_YEAR = "first_year"
    STORAGE_INCREASE = "storage_increase"
    CANCELLATION = "cancellation"
    RELEASE = "release"
    LOW_COLLECTION = "low_collection"
    ACCREDITATION = "accreditation"
    CLOSURE = "closure"
    DISCOUNTS = "discounts"
    GUARANTEE = "guarantee"


class Term(Frozen):
    """What a bank's published terms say on one topic."""

    says: Annotated[Text, Bounds(3, 600)] = Field(
        description="what the source says on this topic, in plain words",
    )
    quote: str = Field(
        default="",
        max_length=1200,
        description="the source's own words, verbatim; empty when only paraphrased",
    )
    source: PriceSource = Field(description="where the term was read, when, and on what basis")

    @model_validator(mode="after")
    def _not_illustrative(self) -> Term:
        if self.source.basis is Basis.ILLUSTRATIVE:
            raise ValueError("a contract term is published or it is left out, never illustrative")
        return self


class FeeTerm(Term):
    """A term that names a fee: cancelling before collection, or releasing the unit."""

    fee: Money | None = Field(
        default=None,
        description="the fee in USD where the source states it; null: no amount stated",
    )
    fee_unpublished: bool = Field(
        default=False,
        description="the source says a fee is charged but does not state the amount",
    )

    @model_validator(mode="after")
    def _one_or_the_other(self) -> FeeTerm:
        if self.fee is not None and self.fee_unpublished:
            raise ValueError("a fee is either stated (fee) or not published (fee_unpublished)")
        return self


class StorageIncreaseTerm(Term):
    """Whether the yearly storage fee may rise under the contract, and by how much at most."""

    may_rise: bool = Field(description="the contract lets the bank raise the yearly fee")
    cap: Annotated[Rate, rate_between(ZERO, MAX_CAP)] | None = Field(
        default=None,
        description="the most it may rise each year, where the contract states it: 0 to 20 %",
    )

    @model_validator(mode="after")
    def _cap_only_if_rising(self) -> StorageIncreaseTerm:
        if self.cap is not None and not self.may_rise:
            raise ValueError("a cap on increases only makes sense when the fee may rise")
        return self


class ContractTerms(Frozen):
    """The terms on each topic; a topic left out is not published (ask the bank)."""

    enrollment: Term | None = Field(
        default=None, description="is the enrollment fee charged once per family or per birth"
    )
    first_year: Term | None = Field(
        default=None, description="is the first year of storage included in processing"
    )
    storage_increase: StorageIncreaseTerm | None = Field(
        default=None, description="is the storage fee fixed, or may it rise, and by how much"
    )
    cancellation: FeeTerm | None = Field(
        default=None,
        description="cancelling and refunds; fee: what you pay if you cancel before the cord"
        " blood is collected",
    )
    release: FeeTerm | None = Field(
        default=None,
        description="releasing or shipping the unit for a transplant; fee: charged for each"
        " unit released",
    )
    low_collection: Term | None = Field(
        default=None, description="what happens, and what you pay, when too little is collected"
    )
    accreditation: Term | None = Field(
        default=None, description="accreditation (AABB, FACT) and state licences"
    )
    closure: Term | None = Field(
        default=None,
        description="what happens to stored units if the bank closes, is sold, or moves them",
    )
    discounts: Term | None = Field(
        default=None,
        description="discounts: military, medical professionals, siblings, early enrollment",
    )
    guarantee: Term | None = Field(
        default=None, description="what the bank pays if a released unit fails to engraft"
    )

    def topics(self) -> Iterator[tuple[Topic, Term | None]]:
        """Every topic in order, with its term or None (not published)."""
        for topic in Topic:
            yield topic, getattr(self, topic.value)

    def over(self, fallback: ContractTerms) -> ContractTerms:
        """These terms, with `fallback`'s (the bank's) where these say nothing."""
        inherited = {
            topic.value: getattr(fallback, topic.value)
            for topic, mine in self.topics()
            if mine is None
        }
        # both sides are validated models already: copying needs no second validation
        return self.model_copy(update=inherited) if inherited else self

    @property
    def known(self) -> int:
        """How many topics the terms cover."""
        return sum(term is not None for _, term in self.topics())


NOTHING_PUBLISHED = ContractTerms()
