"""The catalog of banks, plans and payment options, as validated from `config/plans.yaml`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from bankcalc.catalog.claims import Claim
from bankcalc.fields import Money, Months, Rate
from bankcalc.units import MONTHS_PER_YEAR

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$", description="a lower-case id")]
MAX_STORAGE_MONTHS = 100 * MONTHS_PER_YEAR


def _check_whole_years(months: int, what: str) -> None:
    """Prepaid terms and lifetime lengths are sold in whole years, 1 to 100."""
    if months % MONTHS_PER_YEAR or not MONTHS_PER_YEAR <= months <= MAX_STORAGE_MONTHS:
        raise ValueError(f"{what} must be a whole number of years between 1 and 100")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Basis(StrEnum):
    """How much a figure can be trusted."""

    QUOTED = "quoted"  # published by the bank itself
    THIRD_PARTY = "third_party"  # published by someone quoting the bank
    ILLUSTRATIVE = "illustrative"  # made up to show a shape the sources describe without a price


class PriceSource(Frozen):
    as_of: dt.date = Field(description="date the figures were published or read")
    source: str = Field(min_length=3, description="who published the figures, and where")
    url: HttpUrl | None = Field(default=None, description="where the figures were read")
    basis: Basis = Field(description="quoted by the bank, by a third party, or illustrative")
    note: str = Field(default="", description="what is quoted and what is assumed")


class Bank(Frozen):
    id: Slug
    name: str = Field(min_length=1)
    kind: Literal["private", "public", "hybrid"] = "private"
    url: HttpUrl | None = None
    note: str = ""


class Stored(StrEnum):
    CORD_BLOOD = "cord_blood"
    CORD_TISSUE = "cord_tissue"
    PLACENTA_TISSUE = "placenta_tissue"
    PLACENTA_BLOOD = "placenta_blood"
    EXOSOMES = "exosomes"
    AMNION = "amnion"


class FeeKind(StrEnum):
    ENROLLMENT = "enrollment"
    PROCESSING = "processing"
    COURIER_KIT = "courier_kit"
    OTHER = "other"


class Fee(Frozen):
    name: str = Field(min_length=1, description="the fee as the bank names it")
    kind: FeeKind
    amount: Money = Field(description="USD per child, or per birth when shared")
    shared_by_multiples: bool = Field(
        default=False, description="charged once per birth (twins share one kit), not per child"
    )


class YearlyOption(Frozen):
    kind: Literal["yearly"]
    id: Slug
    name: str = Field(min_length=1)


class PrepaidOption(Frozen):
    kind: Literal["prepaid"]
    id: Slug
    name: str = Field(min_length=1)
    term: Months = Field(description="storage covered by the payment; whole years")
    price: Money = Field(description="USD per child, paid at birth")
    includes_fees: tuple[FeeKind, ...] = Field(
        default=(), description="one-time fees the price already covers (e.g. processing)"
    )
    source: PriceSource | None = Field(default=None, description="when it differs from the plan's")

    @model_validator(mode="after")
    def _whole_years(self) -> PrepaidOption:
        _check_whole_years(self.term, "term")
        return self


class LifetimeOption(Frozen):
    kind: Literal["lifetime"]
    id: Slug
    name: str = Field(min_length=1)
    length: Months | None = Field(
        default=None, description="stated length of 'lifetime' storage; none means not stated"
    )
    price: Money = Field(description="USD per child, paid at birth")
    includes_fees: tuple[FeeKind, ...] = Field(
        default=(), description="one-time fees the price already covers (e.g. processing)"
    )
    source: PriceSource | None = None

    @model_validator(mode="after")
    def _whole_years(self) -> LifetimeOption:
        if self.length is not None:
            _check_whole_years(self.length, "length")
        return self


class InstallmentOption(Frozen):
    kind: Literal["installments"]
    id: Slug
    name: str = Field(min_length=1)
    months: Annotated[int, Field(ge=2, le=120)] = Field(description="number of monthly payments")
    apr: Rate = Field(description="annual percentage rate, e.g. '0 %' or '9.9 %'")
    finances: Slug | None = Field(
        default=None,
        description="a prepaid or lifetime option whose price is financed too; none: the"
        " one-time fees only, with storage paid yearly",
    )
    excluded_fees: tuple[FeeKind, ...] = Field(
        default=(), description="one-time fees paid at birth rather than financed"
    )
    source: PriceSource | None = None

    @model_validator(mode="after")
    def _apr_bounds(self) -> InstallmentOption:
        if not 0 <= self.apr <= 1:
            raise ValueError("apr must be between 0 % and 100 %")
        return self


PaymentOption = Annotated[
    YearlyOption | PrepaidOption | LifetimeOption | InstallmentOption,
    Field(discriminator="kind"),
]


class Plan(Frozen):
    id: Slug
    bank: Slug = Field(description="id of the bank in `banks`")
    name: str = Field(min_length=1)
    stores: tuple[Stored, ...] = Field(min_length=1, description="what is stored")
    one_time_fees: tuple[Fee, ...] = Field(min_length=1)
    annual_storage_fee: Money = Field(description="USD per child per year, at today's price")
    first_year_included: bool = Field(description="the first year of storage is in processing")
    payment_options: tuple[PaymentOption, ...] = Field(min_length=1)
    guarantee: Money | None = Field(
        default=None, description="paid only if a released unit fails; never netted against cost"
    )
    guarantee_terms: str = ""
    prices: PriceSource

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        ids = [option.id for option in self.payment_options]
        _no_duplicates(ids, "payment option")
        by_id = {option.id: option for option in self.payment_options}
        for option in self.payment_options:
            if isinstance(option, InstallmentOption) and option.finances is not None:
                target = by_id.get(option.finances)
                if not isinstance(target, PrepaidOption | LifetimeOption):
                    raise ValueError(
                        f"payment option '{option.id}' finances '{option.finances}',"
                        " which is not a prepaid or lifetime option of this plan"
                    )
        if self.prices.basis is Basis.ILLUSTRATIVE and "illustrative" not in self.name.lower():
            raise ValueError("an illustrative plan must say so in its name")
        for option in self.payment_options:
            source = getattr(option, "source", None)
            if source and source.basis is Basis.ILLUSTRATIVE and "illustrative" not in option.name:
                raise ValueError(
                    f"payment option '{option.id}' is illustrative: say so in its name"
                )
        return self

    def option(self, option_id: str) -> PaymentOption | None:
        return next((o for o in self.payment_options if o.id == option_id), None)

    def prices_for(self, option_id: str) -> PriceSource:
        """Where a payment option's price comes from: its own source, else the plan's."""
        source = getattr(self.option(option_id), "source", None)
        return source if isinstance(source, PriceSource) else self.prices

    @property
    def default_option(self) -> PaymentOption:
        yearly = [o for o in self.payment_options if isinstance(o, YearlyOption)]
        return yearly[0] if yearly else self.payment_options[0]


class Defaults(Frozen):
    plan: Slug = Field(description="the plan shown first")
    horizon: Months = Field(default=240, description="storage horizon shown first")


class Catalog(Frozen):
    version: Literal[1] = 1
    defaults: Defaults
    banks: tuple[Bank, ...] = Field(min_length=1)
    plans: tuple[Plan, ...] = Field(min_length=1)
    claims: tuple[Claim, ...] = Field(
        default=(), description="odds and promises families hear, with sources and caveats"
    )

    @model_validator(mode="after")
    def _references(self) -> Catalog:
        _no_duplicates([bank.id for bank in self.banks], "bank")
        _no_duplicates([plan.id for plan in self.plans], "plan")
        _no_duplicates([claim.id for claim in self.claims], "claim")
        banks = {bank.id for bank in self.banks}
        for plan in self.plans:
            if plan.bank not in banks:
                raise ValueError(f"plan '{plan.id}' names bank '{plan.bank}', which is not listed")
        if self.plan(self.defaults.plan) is None:
            raise ValueError(f"defaults.plan '{self.defaults.plan}' is not a plan id")
        return self

    def plan(self, plan_id: str) -> Plan | None:
        return next((plan for plan in self.plans if plan.id == plan_id), None)

    def bank(self, bank_id: str) -> Bank | None:
        return next((bank for bank in self.banks if bank.id == bank_id), None)

    @property
    def as_of(self) -> dt.date:
        """The newest price date in the catalog."""
        return max(_price_dates(self))


def _price_dates(catalog: Catalog) -> Iterator[dt.date]:
    for plan in catalog.plans:
        yield plan.prices.as_of
        for option in plan.payment_options:
            source = getattr(option, "source", None)
            if source is not None:
                yield source.as_of


def _no_duplicates(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"duplicate {what} id '{item}'")
        seen.add(item)
