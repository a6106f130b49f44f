"""The catalog of banks, plans and payment options, as validated from `config/plans.yaml`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field, HttpUrl, model_validator

from bankcalc.catalog.claims import Claim
from bankcalc.catalog.contract import NOTHING_PUBLISHED, ContractTerms
from bankcalc.catalog.kinds import Basis, FeeKind, Stored
from bankcalc.catalog.notes import Note
from bankcalc.catalog.programs import Program, Route
from bankcalc.catalog.sources import Frozen, PriceSource
from bankcalc.catalog.text import EMPTY, Bounds, Text
from bankcalc.fields import Money, Months, Rate
from bankcalc.units import MONTHS_PER_YEAR

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$", description="a lower-case id")]
MAX_STORAGE_MONTHS = 100 * MONTHS_PER_YEAR
# Text and list bounds: a catalog is trusted, but a plan entered through the API is not.
NAME_MAX = 120
TEXT_MAX = 2000
MAX_ITEMS = 12
Name = Annotated[Text, Bounds(1, NAME_MAX)]
RESERVED_PLAN_ID = "offer"  # the form's value for "a bank's offer you enter"


def _check_whole_years(months: int, what: str) -> None:
    """Prepaid terms and lifetime lengths are sold in whole years, 1 to 100."""
    if months % MONTHS_PER_YEAR or not MONTHS_PER_YEAR <= months <= MAX_STORAGE_MONTHS:
        raise ValueError(f"{what} must be a whole number of years between 1 and 100")


class Bank(Frozen):
    id: Slug
    name: str = Field(min_length=1, max_length=NAME_MAX, description="a proper name")
    kind: Literal["private", "public", "hybrid"] = "private"
    url: HttpUrl | None = None
    note: Annotated[Text, Bounds(0, TEXT_MAX)] = EMPTY
    contract_terms: ContractTerms = Field(
        default=NOTHING_PUBLISHED,
        description="the bank's published contract terms; its plans inherit them",
    )


class Fee(Frozen):
    name: Name = Field(description="the fee as the bank names it")
    kind: FeeKind
    amount: Money | None = Field(
        description="USD per child, or per birth when shared; null: the bank charges it but"
        " does not publish the amount (never a made-up number)"
    )
    shared_by_multiples: bool = Field(
        default=False, description="charged once per birth (twins share one kit), not per child"
    )
    source: PriceSource | None = Field(
        default=None, description="where this fee comes from, when it differs from the plan's"
    )

    @model_validator(mode="after")
    def _illustrative_named(self) -> Fee:
        _named_if_illustrative(self.source, self.name, "fee")
        return self


class YearlyOption(Frozen):
    kind: Literal["yearly"]
    id: Slug
    name: Name


class PrepaidOption(Frozen):
    kind: Literal["prepaid"]
    id: Slug
    name: Name
    term: Months = Field(description="storage covered by the payment; whole years")
    price: Money | None = Field(
        description="USD per child, paid at birth; null: offered, price not published"
    )
    includes_fees: tuple[FeeKind, ...] = Field(
        default=(),
        max_length=len(FeeKind),
        description="one-time fees the price already covers (e.g. processing)",
    )
    source: PriceSource | None = Field(default=None, description="when it differs from the plan's")

    @model_validator(mode="after")
    def _whole_years(self) -> PrepaidOption:
        _check_whole_years(self.term, "term")
        return self


class LifetimeOption(Frozen):
    kind: Literal["lifetime"]
    id: Slug
    name: Name
    length: Months | None = Field(
        default=None, description="stated length of 'lifetime' storage; none means not stated"
    )
    price: Money | None = Field(
        description="USD per child, paid at birth; null: offered, price not published"
    )
    includes_fees: tuple[FeeKind, ...] = Field(
        default=(),
        max_length=len(FeeKind),
        description="one-time fees the price already covers (e.g. processing)",
    )
    source: PriceSource | None = Field(default=None, description="when it differs from the plan's")

    @model_validator(mode="after")
    def _whole_years(self) -> LifetimeOption:
        if self.length is not None:
            _check_whole_years(self.length, "length")
        return self


class InstallmentOption(Frozen):
    kind: Literal["installments"]
    id: Slug
    name: Name
    months: Annotated[int, Field(ge=2, le=120)] = Field(description="number of monthly payments")
    apr: Rate = Field(description="annual percentage rate, e.g. '0 %' or '9.9 %'")
    finances: Slug | None = Field(
        default=None,
        description="a prepaid or lifetime option whose price is financed too; none: the"
        " one-time fees only, with storage paid yearly",
    )
    excluded_fees: tuple[FeeKind, ...] = Field(
        default=(),
        max_length=len(FeeKind),
        description="one-time fees paid at birth rather than financed",
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
PricedOption = PrepaidOption | LifetimeOption


class Plan(Frozen):
    id: Slug
    bank: Slug = Field(description="id of the bank in `banks`")
    name: Name
    stores: tuple[Stored, ...] = Field(min_length=1, max_length=6, description="what is stored")
    one_time_fees: tuple[Fee, ...] = Field(min_length=1, max_length=MAX_ITEMS)
    annual_storage_fee: Money = Field(description="USD per child per year, at today's price")
    first_year_included: bool = Field(description="the first year of storage is in processing")
    payment_options: tuple[PaymentOption, ...] = Field(min_length=1, max_length=MAX_ITEMS)
    guarantee: Money | None = Field(
        default=None, description="paid only if a released unit fails; never netted against cost"
    )
    guarantee_terms: Annotated[Text, Bounds(0, TEXT_MAX)] = EMPTY
    prices: PriceSource = Field(
        description="source of the fees and storage price, and of options without their own"
    )
    contract_terms: ContractTerms = Field(
        default=NOTHING_PUBLISHED,
        description="contract terms that differ from the bank's, or that the bank states for"
        " this plan only; a topic left out falls back to the bank's, else is not published",
    )

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
        _named_if_illustrative(self.prices, self.name, "plan")
        for option in self.payment_options:
            source = None if isinstance(option, YearlyOption) else option.source
            _named_if_illustrative(source, option.name, "payment option")
        if not any(self.published_price(option) for option in self.payment_options):
            raise ValueError("at least one payment option needs a published price")
        return self

    def option(self, option_id: str) -> PaymentOption | None:
        return next((o for o in self.payment_options if o.id == option_id), None)

    def prices_for(self, option_id: str) -> PriceSource:
        """Where a payment option's price comes from: its own source, else the plan's."""
        source = getattr(self.option(option_id), "source", None)
        return source if isinstance(source, PriceSource) else self.prices

    def fee_source(self, fee: Fee) -> PriceSource:
        """Where a one-time fee comes from: its own source, else the plan's."""
        return fee.source or self.prices

    def financed(self, option: PaymentOption) -> PricedOption | None:
        """The prepaid or lifetime option whose price an installment plan pays for."""
        if isinstance(option, InstallmentOption) and option.finances is not None:
            target = self.option(option.finances)
            return target if isinstance(target, PrepaidOption | LifetimeOption) else None
        return None

    def published_price(self, option: PaymentOption) -> bool:
        """Can the option be priced: a prepaid or lifetime price (its own, or the one an
        installment plan finances) that the bank publishes. Yearly always can."""
        covering = self.financed(option) or option
        return (
            not isinstance(covering, PrepaidOption | LifetimeOption) or covering.price is not None
        )

    @property
    def priced_options(self) -> tuple[PaymentOption, ...]:
        """The options the core can price, in catalog order."""
        return tuple(o for o in self.payment_options if self.published_price(o))

    @property
    def unpriced_options(self) -> tuple[PaymentOption, ...]:
        """Options the bank offers without a published price: listed, never computed."""
        return tuple(o for o in self.payment_options if not self.published_price(o))

    def cited_texts(self) -> tuple[str, ...]:
        """Every price source's citation (in English, as notes match them), for notes shown
        wherever an article is cited."""
        sources = [self.prices, *(fee.source for fee in self.one_time_fees)]
        sources += [getattr(option, "source", None) for option in self.payment_options]
        return tuple(source.source.en for source in sources if source is not None)

    @property
    def default_option(self) -> PaymentOption:
        priced = self.priced_options
        yearly = [o for o in priced if isinstance(o, YearlyOption)]
        return yearly[0] if yearly else priced[0]


def _named_if_illustrative(source: PriceSource | None, name: Text, what: str) -> None:
    """An illustrative figure must say so in its name, in each language, on every surface
    that shows the name."""
    if source is None or source.basis is not Basis.ILLUSTRATIVE:
        return
    if "illustrative" not in name.en.lower():
        raise ValueError(f"an illustrative {what} must say so in its name ('{name.en}')")
    if name.es is not None and "ilustrativ" not in name.es.lower():
        raise ValueError(f"an illustrative {what} must say so in its Spanish name ('{name.es}')")


class Defaults(Frozen):
    horizon: Months = Field(default=240, description="storage horizon the form starts with")
    stale_after: Months = Field(
        default=24,
        description="a price published (or, undated, read) longer ago than this is flagged"
        " 'may be out of date' and kept out of every verdict; so is every undated third-party"
        " price",
    )


class Catalog(Frozen):
    version: Literal[1] = 1
    defaults: Defaults = Defaults()
    banks: tuple[Bank, ...] = Field(min_length=1)
    plans: tuple[Plan, ...] = Field(min_length=1)
    claims: tuple[Claim, ...] = Field(
        default=(), description="odds and promises families hear, with sources and caveats"
    )
    notes: tuple[Note, ...] = Field(
        default=(), description="sourced context shown beside an article or a stored tissue"
    )
    programs: tuple[Program, ...] = Field(
        default=(),
        description="public donation, and directed-donation programs for a known medical need",
    )

    @model_validator(mode="after")
    def _references(self) -> Catalog:
        _no_duplicates([bank.id for bank in self.banks], "bank")
        _no_duplicates([plan.id for plan in self.plans], "plan")
        _no_duplicates([claim.id for claim in self.claims], "claim")
        _no_duplicates([note.id for note in self.notes], "note")
        _no_duplicates([program.id for program in self.programs], "program")
        public = [p for p in self.programs if p.route is Route.PUBLIC_DONATION]
        if len(public) > 1:
            raise ValueError("at most one public_donation program: the free route for everyone")
        banks = {bank.id for bank in self.banks}
        for plan in self.plans:
            if plan.id == RESERVED_PLAN_ID:
                raise ValueError(
                    f"plan id '{RESERVED_PLAN_ID}' is kept for the offer a family enters"
                )
            if plan.bank not in banks:
                raise ValueError(f"plan '{plan.id}' names bank '{plan.bank}', which is not listed")
        return self

    def plan(self, plan_id: str) -> Plan | None:
        return next((plan for plan in self.plans if plan.id == plan_id), None)

    @property
    def public_donation(self) -> Program | None:
        return next((p for p in self.programs if p.route is Route.PUBLIC_DONATION), None)

    def programs_for(self, need: str | None) -> tuple[Program, ...]:
        """The directed-donation programs open to a family with this known need."""
        return tuple(
            p for p in self.programs if p.route is not Route.PUBLIC_DONATION and p.serves(need)
        )

    def notes_for(self, plan: Plan | None, cited: tuple[str, ...] = ()) -> tuple[Note, ...]:
        """The notes to show beside a plan (what it stores, what its prices cite) and beside
        the claims and other texts in `cited`."""
        stored = plan.stores if plan else ()
        texts = (*cited, *(plan.cited_texts() if plan else ()))
        return tuple(note for note in self.notes if note.applies_to(stored, texts))

    def bank(self, bank_id: str) -> Bank | None:
        return next((bank for bank in self.banks if bank.id == bank_id), None)

    def contract_for(self, plan: Plan) -> ContractTerms:
        """A plan's contract terms: its own, then its bank's. A plan from outside the catalog
        (an entered offer) has only its own, even when its bank id matches a listed bank."""
        if self.plan(plan.id) is not plan:
            return plan.contract_terms
        bank = self.bank(plan.bank)
        return (
            plan.contract_terms if bank is None else plan.contract_terms.over(bank.contract_terms)
        )

    @property
    def as_of(self) -> dt.date:
        """The newest date a price in the catalog was published or read."""
        return max(_price_dates(self))

    def sources(self) -> Iterator[tuple[str, str, PriceSource]]:
        """Every source of a price or a program's terms, with its entry ("plan 'x'") and the
        field it is in, for checks and listings."""
        for plan in self.plans:
            entry = f"plan '{plan.id}'"
            yield entry, "prices", plan.prices
            for index, fee in enumerate(plan.one_time_fees):
                if fee.source is not None:
                    yield entry, f"one_time_fees[{index}].source", fee.source
            for index, option in enumerate(plan.payment_options):
                source = getattr(option, "source", None)
                if source is not None:
                    yield entry, f"payment_options[{index}].source", source
        for program in self.programs:
            yield f"program '{program.id}'", "source", program.source


def term_sources(catalog: Catalog) -> Iterator[tuple[str, str, PriceSource]]:
    """Every source of a published contract term (banks', then plans' own), with its entry
    and field, as `Catalog.sources` gives prices'."""
    owners = [(f"bank '{bank.id}'", bank.contract_terms) for bank in catalog.banks]
    owners += [(f"plan '{plan.id}'", plan.contract_terms) for plan in catalog.plans]
    for entry, terms in owners:
        for topic, term in terms.topics():
            if term is not None:
                yield entry, f"contract_terms.{topic.value}.source", term.source


def _price_dates(catalog: Catalog) -> Iterator[dt.date]:
    for _, _, source in catalog.sources():
        yield max(day for day in (source.as_of, source.read_on) if day is not None)


def _no_duplicates(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"duplicate {what} id '{item}'")
        seen.add(item)
