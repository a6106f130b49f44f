"""Every plan of the catalog priced for the same scenario: a ranking on real, current prices,
and the plans that cannot be ranked, each with the reasons."""

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
    # The option that stands for the plan: its cheapest ranked one, or when none may be
    # ranked, its cheapest option, shown outside the ranking with its reasons.
    shown: OptionCost
    options: tuple[OptionCost, ...]
    rank: int | None  # 1 is the cheapest ranked plan; None: not ranked

    @property
    def total(self) -> Decimal:
        return self.shown.total

    @property
    def ranked(self) -> bool:
        return self.rank is not None


def compare_plans(plans: Iterable[Plan], terms: Terms) -> tuple[PlanCost, ...]:
    """Ranked plans cheapest first (ties by plan id, so the order never depends on the input's),
    then the plans kept out of the ranking, those covering the whole horizon first."""
    ranked, unranked = [], []
    for plan in plans:
        costs = option_costs(plan, terms)
        best = cheapest(costs)
        if best is not None:
            ranked.append((plan, best, costs))
        else:
            fallback = min(costs, key=lambda cost: (cost.capped, cost.total))
            unranked.append((plan, fallback, costs))
    ranked.sort(key=lambda entry: (entry[1].total, entry[0].id))
    unranked.sort(key=lambda entry: (entry[1].capped, entry[1].total, entry[0].id))
    result = [
        PlanCost(plan.id, str(plan.name), plan.bank, shown, costs, rank)
        for rank, (plan, shown, costs) in enumerate(ranked, start=1)
    ]
    result += [
        PlanCost(plan.id, str(plan.name), plan.bank, shown, costs, None)
        for plan, shown, costs in unranked
    ]
    return tuple(result)
