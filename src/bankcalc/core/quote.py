"""A whole quote: the chosen option's schedule, every priced option of the plan, the cheapest
one that may carry a verdict, the quoted odds matched to this horizon, and the timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from bankcalc.catalog.claims import Claim, ClaimKind
from bankcalc.catalog.contract import ContractTerms
from bankcalc.catalog.models import Catalog, PaymentOption, Plan
from bankcalc.catalog.notes import Note
from bankcalc.catalog.offer import OfferedPlan
from bankcalc.catalog.programs import Program
from bankcalc.core.costs import OptionCost, Schedule, cheapest, plan_costs
from bankcalc.core.memo import Same
from bankcalc.core.odds import OddsReport, assess_claims
from bankcalc.core.scenario import Scenario
from bankcalc.core.tax import TaxEstimate, tax_estimate
from bankcalc.core.terms import Freshness
from bankcalc.core.timeline import DueDateError, Timeline, enrollment_timeline
from bankcalc.core.what_if import WhatIf, what_ifs
from bankcalc.i18n import _


class QuoteError(ValueError):
    """A scenario that names something the catalog does not have; `message` is written for
    people, in the language of the request or command."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Quote:
    scenario: Scenario
    plan: Plan
    option: PaymentOption
    schedule: Schedule
    options: tuple[OptionCost, ...]  # every priced option of the plan, same horizon, in order
    cheapest: OptionCost | None  # among options that may carry a verdict; None when none may
    unpriced: tuple[PaymentOption, ...]  # offered without a published price: never computed
    tax: TaxEstimate  # usually not eligible; an estimate only with a known medical need
    tax_claim: Claim | None  # what families hear about FSAs and HSAs, as quoted
    odds: OddsReport  # every quoted claim, matched to the age at the end of this horizon
    timeline: Timeline | None  # when a due date was given
    notes: tuple[Note, ...]  # context for what the plan stores and what its figures cite
    public_donation: Program | None  # the free route, for everyone: never ranked with plans
    programs: tuple[Program, ...]  # directed-donation programs for the family's known need
    # The contract: its terms (the plan's, then its bank's), and the fees they name priced
    # as "what if" figures beside the total, never in it.
    contract: ContractTerms
    what_ifs: tuple[WhatIf, ...]


def resolve(catalog: Catalog, scenario: Scenario, today: dt.date) -> tuple[Plan, PaymentOption]:
    """The plan and payment option a scenario names, or QuoteError naming the field.

    A plan entered with the scenario is priced as given, its undated figures dated `today`.
    """
    plan = _plan(catalog, scenario, today)
    if scenario.option is None:
        return plan, plan.default_option
    option = plan.option(scenario.option)
    if option is None:
        offered = ", ".join(o.id for o in plan.payment_options)
        message = _("plan '{plan}' has no option '{option}' ({offered})")
        raise QuoteError(
            "option", message.format(plan=plan.id, option=scenario.option, offered=offered)
        )
    if not plan.published_price(option):
        message = _(
            "the bank does not publish the price of '{option}', so it cannot be priced;"
            " ask the bank for it"
        )
        raise QuoteError("option", message.format(option=option.name))
    return plan, option


def build_quote(catalog: Catalog, scenario: Scenario, today: dt.date) -> Quote:
    """Price a scenario -> Quote (all amounts USD, exact to the cent).

    `today` judges the age of the prices (see core.evidence) and dates the timeline.
    """
    plan, option = resolve(catalog, scenario, today)
    terms = scenario.terms_on(Freshness(today, catalog.defaults.stale_after))
    chosen, costs = plan_costs(plan, option, terms)
    tax = tax_estimate(
        chosen.rows,
        known_need=scenario.known_need is not None,
        rate=scenario.tax_rate,
        dependent_until=scenario.dependent_until,
    )
    # the odds are per child, so the cost they are set against is one child's share
    per_child = chosen.total / scenario.children
    odds = assess_claims(
        catalog.claims,
        chosen.months,
        per_child,
        scenario.siblings,
        scenario.children - 1,
        known_need=None if scenario.known_need is None else scenario.known_need.value,
    )
    timeline = _timeline(scenario, today)
    need = None if scenario.known_need is None else scenario.known_need.value
    notes, contract = _plan_context(catalog, plan)
    return Quote(
        scenario=scenario,
        plan=plan,
        option=option,
        schedule=chosen,
        options=costs,
        cheapest=cheapest(costs),
        unpriced=plan.unpriced_options,
        tax=tax,
        tax_claim=next((c for c in catalog.claims if c.kind is ClaimKind.TAX_ELIGIBILITY), None),
        odds=odds,
        timeline=timeline,
        notes=notes,
        public_donation=catalog.public_donation,
        programs=catalog.programs_for(need),
        contract=contract,
        what_ifs=what_ifs(plan, option, contract, terms, chosen.total),
    )


def _plan_context(catalog: Catalog, plan: Plan) -> tuple[tuple[Note, ...], ContractTerms]:
    """The notes beside a plan and its contract terms: the same for every quote of a catalog
    plan, so worked out once; an entered offer is new with each request."""
    if catalog.plan(plan.id) is plan:
        return _catalog_plan_context(Same(catalog), Same(plan))
    return _notes_for(catalog, plan), catalog.contract_for(plan)


@lru_cache(maxsize=64)
def _catalog_plan_context(
    catalog: Same[Catalog], plan: Same[Plan]
) -> tuple[tuple[Note, ...], ContractTerms]:
    return _notes_for(catalog.value, plan.value), catalog.value.contract_for(plan.value)


def _notes_for(catalog: Catalog, plan: Plan) -> tuple[Note, ...]:
    cited = tuple(claim.quoted_by.en for claim in catalog.claims)
    return catalog.notes_for(plan, cited)


def _plan(catalog: Catalog, scenario: Scenario, today: dt.date) -> Plan:
    if isinstance(scenario.plan, OfferedPlan):
        return scenario.plan.on(today)
    plan = catalog.plan(scenario.plan)
    if plan is None:
        message = _("no plan with id '{plan}' in the catalog")
        raise QuoteError("plan", message.format(plan=scenario.plan))
    return plan


def _timeline(scenario: Scenario, today: dt.date) -> Timeline | None:
    if scenario.due_date is None:
        return None
    try:
        need = None if scenario.known_need is None else scenario.known_need.value
        return enrollment_timeline(scenario.due_date, today, need)
    except DueDateError as error:
        raise QuoteError("due_date", str(error)) from None
