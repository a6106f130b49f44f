"""Varied, realistic scenarios for the benchmark, drawn from a seeded generator.

Families pick a plan from the catalog and often leave the way to pay at its default; they
type round rates (3, 2.5) or leave them blank; most bank for one child; about half give
siblings or a due date. Every scenario drawn is priced in-process first, so the load never
mixes errors into the figures. The same seed draws the same scenarios on every run.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from bankcalc.catalog.models import Catalog
from bankcalc.core.quote import QuoteError, build_quote
from bankcalc.core.scenario import Scenario

RATES = [f"{tenths / 10:g}" for tenths in range(0, 51, 5)]  # "0", "0.5", ... "5" (percent)
TAX_RATES = ["12", "22", "24", "32"]
MAX_DUE_DAYS = 280  # the service accepts a due date up to 42 weeks (294 days) ahead


def draw(
    catalog: Catalog,
    count: int,
    seed: int,
    today: dt.date,
    horizon_years: int | None = None,
) -> list[dict[str, str]]:
    """`count` distinct scenarios as form values ("3" meaning 3 %); the horizon is
    `horizon_years` for all, or drawn from 1 to 78 years."""
    rng = random.Random(seed)
    drawn: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    attempts = 0
    while len(drawn) < count:
        attempts += 1
        if attempts > count * 20:
            raise RuntimeError(f"only {len(drawn)} distinct valid scenarios in {attempts} draws")
        values = _one(rng, catalog, today, horizon_years)
        key = tuple(sorted(values.items()))
        if key not in drawn and _prices(catalog, values, today):
            drawn[key] = values
    return list(drawn.values())


def _one(
    rng: random.Random, catalog: Catalog, today: dt.date, horizon_years: int | None
) -> dict[str, str]:
    plan = rng.choice(catalog.plans)
    values = {
        "plan": plan.id,
        "horizon": str(horizon_years or rng.randint(1, 78)),
        "children": "2" if rng.random() < 0.2 else "1",
    }
    if rng.random() < 0.5:  # the other half keep the plan's default way to pay
        values["option"] = rng.choice(plan.payment_options).id
    for name in ("escalation", "discount"):
        if rng.random() < 0.7:
            values[name] = rng.choice(RATES)
    if rng.random() < 0.3:
        values["tax_rate"] = rng.choice(TAX_RATES)
    extra = rng.random()  # half give siblings, a due date or both
    if extra < 0.3:
        values["siblings"] = str(rng.randint(0, 3))
    if 0.2 <= extra < 0.5:
        values["due_date"] = (today + dt.timedelta(days=rng.randint(1, MAX_DUE_DAYS))).isoformat()
    return values


def api_body(values: Mapping[str, str]) -> dict[str, Any]:
    """The same scenario as the JSON body of POST /api/v1/quotes."""
    body: dict[str, Any] = {"plan": values["plan"], "horizon": f"{values['horizon']} years"}
    for name in ("option", "due_date"):
        if name in values:
            body[name] = values[name]
    for name in ("escalation", "discount", "tax_rate"):
        if name in values:
            body[name] = f"{values[name]} %"
    for name in ("children", "siblings"):
        if name in values:
            body[name] = int(values[name])
    return body


def page_path(values: Mapping[str, str]) -> str:
    """The same scenario as the shareable result page URL."""
    return "/?" + urlencode(values)


def _prices(catalog: Catalog, values: Mapping[str, str], today: dt.date) -> bool:
    try:
        build_quote(catalog, Scenario.model_validate(api_body(values)), today)
    except QuoteError:
        return False
    return True


def describe(scenarios: list[dict[str, str]]) -> str:
    """A one-line summary of a drawn set, to print beside its figures."""
    n = len(scenarios)

    def share(name: str) -> str:
        return f"{sum(name in s for s in scenarios) / n:.0%}"

    horizons = [int(s["horizon"]) for s in scenarios]
    plans = len({s["plan"] for s in scenarios})
    personal = sum("siblings" in s or "due_date" in s for s in scenarios) / n
    return (
        f"{n} distinct: {plans} plans, horizons {min(horizons)}-{max(horizons)} y,"
        f" option chosen {share('option')}, escalation {share('escalation')},"
        f" discount {share('discount')}, tax {share('tax_rate')},"
        f" 2 children {sum(s['children'] == '2' for s in scenarios) / n:.0%},"
        f" siblings or due date {personal:.0%}"
    )
