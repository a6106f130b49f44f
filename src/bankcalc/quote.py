"""A whole quote: the chosen option's schedule, every option of the plan, the cheapest one."""

from __future__ import annotations

from dataclasses import dataclass

from bankcalc.catalog import Catalog, PaymentOption, Plan
from bankcalc.costs import OptionCost, Schedule, cheapest, option_costs, schedule
from bankcalc.scenario import Scenario
from bankcalc.tax import TaxEstimate, tax_estimate


class QuoteError(ValueError):
    """A scenario that names something the catalog does not have."""

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
    options: tuple[OptionCost, ...]  # every option of the plan, same horizon, catalog order
    cheapest: OptionCost
    tax: TaxEstimate | None


def resolve(catalog: Catalog, scenario: Scenario) -> tuple[Plan, PaymentOption]:
    """The plan and payment option a scenario names, or QuoteError naming the field."""
    plan = catalog.plan(scenario.plan)
    if plan is None:
        raise QuoteError("plan", f"no plan with id '{scenario.plan}' in the catalog")
    if scenario.option is None:
        return plan, plan.default_option
    option = plan.option(scenario.option)
    if option is None:
        offered = ", ".join(o.id for o in plan.payment_options)
        raise QuoteError(
            "option", f"plan '{plan.id}' has no option '{scenario.option}' ({offered})"
        )
    return plan, option


def build_quote(catalog: Catalog, scenario: Scenario) -> Quote:
    """Price a scenario -> Quote (all amounts USD, exact to the cent)."""
    plan, option = resolve(catalog, scenario)
    terms = scenario.terms
    chosen = schedule(plan, option, terms)
    costs = option_costs(plan, terms)
    tax = None if scenario.tax_rate is None else tax_estimate(chosen.total, scenario.tax_rate)
    return Quote(scenario, plan, option, chosen, costs, cheapest(costs), tax)
