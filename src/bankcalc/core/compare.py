"""Every plan of the catalog priced for the same scenario, cheapest first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from bankcalc.catalog.models import Plan
from bankcalc.core.costs import OptionCost, Terms, cheapest, option_costs


@dataclass(frozen=True, slots=True)
class PlanCost:
    plan_id: str
    plan_name: str
    bank: str
    cheapest: OptionCost  # the plan's cheapest payment option for this horizon
    options: tuple[OptionCost, ...]

    @property
    def total(self) -> Decimal:
        return self.cheapest.total


def compare_plans(plans: Iterable[Plan], terms: Terms) -> tuple[PlanCost, ...]:
    """Each plan at its cheapest option -> sorted by total, then plan id (order-independent).

    A plan whose cheapest option stops short of the horizon (a capped lifetime plan) ranks
    after every plan that covers it all."""
    priced = []
    for plan in plans:
        costs = option_costs(plan, terms)
        priced.append(PlanCost(plan.id, plan.name, plan.bank, cheapest(costs), costs))
    return tuple(sorted(priced, key=lambda cost: (cost.cheapest.capped, cost.total, cost.plan_id)))
