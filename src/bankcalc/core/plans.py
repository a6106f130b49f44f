"""Which plans a comparison prices: catalog plans named by id, and plans entered with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bankcalc.catalog.models import Catalog, Plan
from bankcalc.catalog.offer import OfferedPlan
from bankcalc.core.scenario import Comparison
from bankcalc.i18n import _


@dataclass(frozen=True, slots=True)
class PlanProblem:
    field: str  # dotted path into the request, "plans.2" or "offers.0.id"
    message: str
    not_found: bool  # an id the catalog does not have (the API answers 404)


def comparison_plans(
    catalog: Catalog, comparison: Comparison, today: dt.date
) -> tuple[tuple[Plan, ...], tuple[PlanProblem, ...]]:
    """The plans to compare, in catalog order then entered order, or the problems.

    Without `plans`, every catalog plan; `offers` are priced beside them, dated `today`.
    Each plan needs an id of its own, so every total can be told apart.
    """
    chosen: list[tuple[str, Plan]] = []
    problems: list[PlanProblem] = []
    if comparison.plans is None:
        chosen += [(f"catalog.{plan.id}", plan) for plan in catalog.plans]
    else:
        for index, ref in enumerate(comparison.plans):
            if isinstance(ref, OfferedPlan):
                chosen.append((f"plans.{index}.id", ref.on(today)))
            elif (plan := catalog.plan(ref)) is not None:
                chosen.append((f"plans.{index}", plan))
            else:
                message = _("no plan '{plan}'").format(plan=ref)
                problems.append(PlanProblem(f"plans.{index}", message, True))
    chosen += [(f"offers.{i}.id", offer.on(today)) for i, offer in enumerate(comparison.offers)]
    seen: dict[str, Plan] = {}
    for field, plan in chosen:
        if seen.setdefault(plan.id, plan) is not plan:  # a catalog id listed twice is one plan
            message = _(
                "another plan in this comparison has the id '{plan}': give each plan of"
                " your own an id of its own"
            ).format(plan=plan.id)
            problems.append(PlanProblem(field, message, False))
    listed = [plan for _, plan in chosen if not isinstance(plan, OfferedPlan)]
    ordered = [plan for plan in catalog.plans if plan in listed]  # catalog order, once each
    entered: list[Plan] = [plan for _, plan in chosen if isinstance(plan, OfferedPlan)]
    return tuple(ordered + entered), tuple(problems)
