"""A bank's offer entered by a family or a counselor: the catalog's own plan, with the bank's name.

No catalog will hold every bank's current price. A family holding a brochure enters it on
the form, a counselor sends it to the API, anyone can write it in a file for the command
line; all three become an `OfferedPlan`, a `Plan` validated exactly as a catalog plan is.
Its figures are the entrant's own: bankcalc has not checked them, and says so. Its prices
count as quoted and are dated the day they are priced, so the verdicts use them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, model_validator

from bankcalc.catalog.contract import NOTHING_PUBLISHED, ContractTerms
from bankcalc.catalog.kinds import Basis
from bankcalc.catalog.models import RESERVED_PLAN_ID, Plan, Slug
from bankcalc.catalog.sources import PriceSource
from bankcalc.catalog.text import Text

BANK_NAME_MAX = 60
OFFER_ID = RESERVED_PLAN_ID
ENTERED_SOURCE = Text(
    "Your own figures, from the bank's offer you entered; not checked by bankcalc",
    "Sus propias cifras, de la oferta del banco que usted ingresó; bankcalc no las ha revisado",
)
ENTERED_NOTE = Text(
    "bankcalc has not checked these figures. The verdicts (the cheapest way to pay, the"
    " ranking, break-even) treat them as the bank's own published prices.",
    "bankcalc no ha revisado estas cifras. Los veredictos (la forma de pago más barata, la"
    " clasificación, el punto de equilibrio) las tratan como precios publicados por el banco.",
)
# The day an entered offer is priced is not known when it is validated (the core reads no
# clock): until then its prices carry this date, and `on(today)` dates them. A price still
# dated so is flagged out of date everywhere, never silently taken as current.
NOT_YET_DATED = dt.date.min


def entered_source(today: dt.date) -> PriceSource:
    """The source of an entered offer's figures: the entrant's own, quoted, dated today (the
    offer in the family's hand is the bank's price as of now)."""
    return PriceSource(
        as_of=today, read_on=today, source=ENTERED_SOURCE, basis=Basis.QUOTED, note=ENTERED_NOTE
    )


def _undated(source: PriceSource) -> bool:
    return source.read_on == NOT_YET_DATED


def not_yet_dated() -> PriceSource:
    """The source of figures entered now and priced later: `OfferedPlan.on` dates them."""
    return entered_source(NOT_YET_DATED)


def offer_name(bank_name: str) -> Text:
    """'Acme Cord Bank: the offer you entered', or without a bank name 'The offer you entered'."""
    if bank_name:
        return Text(
            f"{bank_name}: the offer you entered", f"{bank_name}: la oferta que usted ingresó"
        )
    return Text("The offer you entered", "La oferta que usted ingresó")


class OfferedPlan(Plan):
    """A bank's offer entered with the request: the catalog's plan schema, validated the same
    way, with the bank's name. Left out, `id`, `bank`, `name` and `prices` default to an
    entered offer's: the figures are your own, counted as quoted, dated the day they are
    priced. Its contract terms are only those given here (never a listed bank's)."""

    id: Slug = Field(default=OFFER_ID, description="an id for this plan; default 'offer'")
    bank: Slug = Field(default=OFFER_ID, description="a lower-case id for the bank; optional")
    bank_name: str = Field(
        default="",
        max_length=BANK_NAME_MAX,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description=f"the bank's name as the offer gives it, up to {BANK_NAME_MAX} characters;"
        " optional",
    )
    contract_terms: ContractTerms = Field(
        default=NOTHING_PUBLISHED,
        description="what you know of the bank's contract; a topic left out is a question to"
        " ask (a plan of your own never borrows a listed bank's terms)",
    )
    prices: PriceSource = Field(
        default_factory=not_yet_dated,
        description="source of the fees and prices; default: your own figures, counted as"
        " quoted (the bank's own), dated the day they are priced",
    )

    @model_validator(mode="before")
    @classmethod
    def _named(cls, data: Any) -> Any:
        if isinstance(data, dict) and "name" not in data:
            bank_name = data.get("bank_name")
            return data | {"name": offer_name(bank_name if isinstance(bank_name, str) else "")}
        return data

    def on(self, today: dt.date) -> OfferedPlan:
        """The offer priced on `today`: its own figures and terms left undated are dated today."""
        update: dict[str, Any] = {}
        if _undated(self.prices):
            update["prices"] = entered_source(today)
        terms = {
            topic.value: term.model_copy(update={"source": entered_source(today)})
            for topic, term in self.contract_terms.topics()
            if term is not None and _undated(term.source)
        }
        if terms:
            update["contract_terms"] = self.contract_terms.model_copy(update=terms)
        return self.model_copy(update=update) if update else self

    @property
    def bank_label(self) -> str:
        """The bank's name as entered, else its id unless that is the default."""
        if self.bank_name:
            return self.bank_name
        return "" if self.bank == OFFER_ID else self.bank


def is_entered(plan: Plan) -> bool:
    """A plan entered with the request, not read from the catalog."""
    return isinstance(plan, OfferedPlan)


def is_entered_source(source: PriceSource) -> bool:
    """The source every entered offer's own figures cite by default."""
    return source.source == ENTERED_SOURCE


def _plan_kind(value: Any) -> str:
    return "inline-plan" if isinstance(value, dict | OfferedPlan) else "catalog-id"


# A request names a catalog plan by id, or carries a plan of its own. The tags never reach
# a user: problems.field_errors drops them from field paths.
PLAN_TAGS = frozenset({"catalog-id", "inline-plan"})
PlanRef = Annotated[
    Annotated[Slug, Tag("catalog-id")] | Annotated[OfferedPlan, Tag("inline-plan")],
    Discriminator(_plan_kind),
]
