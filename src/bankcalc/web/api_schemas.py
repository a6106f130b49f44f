"""The API's response shapes: pydantic models that document them in OpenAPI, and the
functions that turn core results into plain JSON-ready dicts of that shape.

Responses are built as dicts (not validated models) because they come from the core's
already-exact values; the models exist so the OpenAPI document describes exactly these dicts,
and the contract tests check every response against them. Money is a string with two decimals.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bankcalc.catalog.models import (
    Bank,
    Catalog,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
    PriceSource,
)
from bankcalc.core.compare import PlanCost
from bankcalc.core.costs import OptionCost, Row
from bankcalc.core.quote import Quote
from bankcalc.core.scenario import Assumptions
from bankcalc.web.api_base import MoneyText, Out, RateText, money, rate
from bankcalc.web.api_odds import OddsOut, TimelineOut, odds_out, timeline_out

# ---- catalog -------------------------------------------------------------------------------


class SourceOut(Out):
    as_of: dt.date = Field(description="when the figures were published or read")
    source: str = Field(description="who published them, and where")
    url: str | None = Field(description="where they were read")
    basis: Literal["quoted", "third_party", "illustrative"] = Field(
        description="quoted by the bank, by a third party, or made up to illustrate"
    )
    note: str = Field(description="what is quoted and what is assumed")


class BankOut(Out):
    id: str
    name: str


class FeeOut(Out):
    name: str
    kind: Literal["enrollment", "processing", "courier_kit", "other"]
    amount: MoneyText
    shared_by_multiples: bool = Field(description="charged once per birth, not per child")


class OptionOut(Out):
    id: str
    kind: Literal["yearly", "prepaid", "lifetime", "installments"]
    name: str
    price: MoneyText | None = Field(description="prepaid/lifetime: USD per child at birth")
    term_months: int | None = Field(description="prepaid: months of storage covered")
    length_months: int | None = Field(
        description="lifetime: stated length in months; null if the bank does not state it"
    )
    includes_fees: list[str] = Field(description="one-time fee kinds the price covers")
    months: int | None = Field(description="installments: number of monthly payments")
    apr: RateText | None = Field(description="installments: annual percentage rate, a fraction")
    finances: str | None = Field(description="installments: the option whose price is financed")
    excluded_fees: list[str] = Field(description="installments: fee kinds paid at birth instead")
    source: SourceOut | None = Field(description="when this option's price has its own source")


class PlanOut(Out):
    id: str
    name: str
    bank: BankOut
    stores: list[str] = Field(description="what is stored: cord_blood, cord_tissue, ...")
    one_time_fees: list[FeeOut]
    annual_storage_fee: MoneyText = Field(description="USD per child per year, today's price")
    first_year_included: bool = Field(description="processing includes the first storage year")
    payment_options: list[OptionOut]
    guarantee: MoneyText | None = Field(
        description="paid only if a released unit fails to engraft; not a saving"
    )
    guarantee_terms: str
    prices: SourceOut


class PlanList(Out):
    as_of: dt.date = Field(description="the newest price date in the catalog")
    plans: list[PlanOut]


def source_out(source: PriceSource) -> dict[str, Any]:
    return {
        "as_of": source.as_of.isoformat(),
        "source": source.source,
        "url": None if source.url is None else str(source.url),
        "basis": source.basis.value,
        "note": source.note,
    }


def option_out(option: PaymentOption) -> dict[str, Any]:
    priced = option if isinstance(option, PrepaidOption | LifetimeOption) else None
    loan = option if isinstance(option, InstallmentOption) else None
    source = getattr(option, "source", None)
    return {
        "id": option.id,
        "kind": option.kind,
        "name": option.name,
        "price": money(priced.price) if priced else None,
        "term_months": option.term if isinstance(option, PrepaidOption) else None,
        "length_months": option.length if isinstance(option, LifetimeOption) else None,
        "includes_fees": [kind.value for kind in priced.includes_fees] if priced else [],
        "months": loan.months if loan else None,
        "apr": rate(loan.apr) if loan else None,
        "finances": loan.finances if loan else None,
        "excluded_fees": [kind.value for kind in loan.excluded_fees] if loan else [],
        "source": None if source is None else source_out(source),
    }


def plan_out(plan: Plan, bank: Bank | None) -> dict[str, Any]:
    return {
        "id": plan.id,
        "name": plan.name,
        "bank": {"id": plan.bank, "name": bank.name if bank else plan.bank},
        "stores": [item.value for item in plan.stores],
        "one_time_fees": [
            {
                "name": fee.name,
                "kind": fee.kind.value,
                "amount": money(fee.amount),
                "shared_by_multiples": fee.shared_by_multiples,
            }
            for fee in plan.one_time_fees
        ],
        "annual_storage_fee": money(plan.annual_storage_fee),
        "first_year_included": plan.first_year_included,
        "payment_options": [option_out(option) for option in plan.payment_options],
        "guarantee": None if plan.guarantee is None else money(plan.guarantee),
        "guarantee_terms": plan.guarantee_terms,
        "prices": source_out(plan.prices),
    }


def plan_list_out(catalog: Catalog) -> dict[str, Any]:
    return {
        "as_of": catalog.as_of.isoformat(),
        "plans": [plan_out(plan, catalog.bank(plan.bank)) for plan in catalog.plans],
    }


# ---- quotes --------------------------------------------------------------------------------


class InputsOut(Out):
    horizon_months: int = Field(description="the storage horizon asked for, in months")
    escalation: RateText
    discount: RateText
    children: int
    tax_rate: RateText | None
    due_date: dt.date | None


class RowOut(Out):
    year: int = Field(description="storage year, from 1")
    child_age: int = Field(description="child's age in whole years when the year starts")
    one_time: MoneyText
    storage: MoneyText
    prepaid: MoneyText
    installments: MoneyText
    total: MoneyText = Field(description="the year's payments")
    cumulative: MoneyText
    cumulative_present_value: MoneyText


class TotalsOut(Out):
    total: MoneyText = Field(description="sum of every payment; equals the schedule's sum")
    present_value: MoneyText = Field(description="payments discounted to birth")
    per_year: MoneyText = Field(description="total / horizon in years")
    per_month: MoneyText = Field(description="total / horizon in months")
    covered_months: int = Field(description="months covered; a lifetime plan caps the horizon")
    capped: bool = Field(description="the horizon asked for is longer than the option covers")


class OptionCostOut(Out):
    id: str
    name: str
    kind: str
    total: MoneyText
    present_value: MoneyText
    covered_months: int
    capped: bool
    break_even_year: int | None = Field(
        description="first year at whose end this option has cost less than paying yearly;"
        " null: never within the horizon (or this is the yearly option)"
    )


class TaxOut(Out):
    rate: RateText
    eligible: MoneyText
    savings: MoneyText = Field(description="an estimate: eligible spend x marginal tax rate")
    net: MoneyText
    caveat: str


class GuaranteeOut(Out):
    amount: MoneyText
    terms: str
    note: str


class QuoteOut(Out):
    plan: BankOut = Field(description="the plan's id and name")
    bank: BankOut
    option: OptionCostOut = Field(description="the chosen payment option")
    inputs: InputsOut
    totals: TotalsOut
    schedule: list[RowOut]
    options: list[OptionCostOut] = Field(description="every option of the plan, same horizon")
    cheapest_option: str = Field(description="id of the option with the lowest total")
    tax: TaxOut | None
    guarantee: GuaranteeOut | None
    prices: SourceOut = Field(description="source of the plan's fees and storage price")
    option_prices: SourceOut = Field(description="source of the chosen option's own price")
    odds: OddsOut = Field(description="each quoted claim, with what it means for this horizon")
    timeline: TimelineOut | None = Field(description="enrollment dates, when a due date is given")


class QuoteResponse(QuoteOut):
    """A quote; with `Accept: text/csv` or `?format=csv`, its schedule as CSV instead."""

    # flask-openapi3 reads openapi_extra to add the CSV alternative to the documented 200.
    model_config = ConfigDict(
        title="Quote",
        openapi_extra={"content": {"text/csv": {"schema": {"type": "string"}}}},  # type: ignore[typeddict-unknown-key]
    )


GUARANTEE_NOTE = (
    "Paid only if the stored unit is released for a transplant and fails; it is not a saving"
    " and is never subtracted from the cost."
)


def inputs_out(assumptions: Assumptions) -> dict[str, Any]:
    return {
        "horizon_months": assumptions.horizon,
        "escalation": rate(assumptions.escalation),
        "discount": rate(assumptions.discount),
        "children": assumptions.children,
        "tax_rate": None if assumptions.tax_rate is None else rate(assumptions.tax_rate),
        "due_date": None if assumptions.due_date is None else assumptions.due_date.isoformat(),
    }


def row_out(row: Row) -> dict[str, Any]:
    return {
        "year": row.year,
        "child_age": row.age,
        "one_time": money(row.one_time),
        "storage": money(row.storage),
        "prepaid": money(row.prepaid),
        "installments": money(row.installments),
        "total": money(row.total),
        "cumulative": money(row.cumulative),
        "cumulative_present_value": money(row.cumulative_pv),
    }


def option_cost_out(cost: OptionCost) -> dict[str, Any]:
    return {
        "id": cost.option_id,
        "name": cost.name,
        "kind": cost.kind,
        "total": money(cost.total),
        "present_value": money(cost.present_value),
        "covered_months": cost.months,
        "capped": cost.capped,
        "break_even_year": cost.break_even_year,
    }


def quote_out(quote: Quote, bank: Bank | None) -> dict[str, Any]:
    schedule, plan = quote.schedule, quote.plan
    chosen = next(c for c in quote.options if c.option_id == quote.option.id)
    tax = quote.tax
    return {
        "plan": {"id": plan.id, "name": plan.name},
        "bank": {"id": plan.bank, "name": bank.name if bank else plan.bank},
        "option": option_cost_out(chosen),
        "inputs": inputs_out(quote.scenario),
        "totals": {
            "total": money(schedule.total),
            "present_value": money(schedule.present_value),
            "per_year": money(schedule.per_year),
            "per_month": money(schedule.per_month),
            "covered_months": schedule.months,
            "capped": schedule.capped,
        },
        "schedule": [row_out(row) for row in schedule.rows],
        "options": [option_cost_out(cost) for cost in quote.options],
        "cheapest_option": quote.cheapest.option_id,
        "tax": None
        if tax is None
        else {
            "rate": rate(tax.rate),
            "eligible": money(tax.eligible),
            "savings": money(tax.savings),
            "net": money(tax.net),
            "caveat": tax.caveat,
        },
        "guarantee": None
        if plan.guarantee is None
        else {
            "amount": money(plan.guarantee),
            "terms": plan.guarantee_terms,
            "note": GUARANTEE_NOTE,
        },
        "prices": source_out(plan.prices),
        "option_prices": source_out(plan.prices_for(quote.option.id)),
        "odds": odds_out(quote.odds),
        "timeline": timeline_out(quote.timeline),
    }


# ---- comparisons and batches ---------------------------------------------------------------


class RankedPlanOut(Out):
    rank: int = Field(description="1 is the cheapest")
    plan: BankOut = Field(description="the plan's id and name")
    bank: BankOut
    cheapest_option: OptionCostOut
    options: list[OptionCostOut]
    prices: SourceOut = Field(description="source of the cheapest option's price")


class ComparisonOut(Out):
    inputs: InputsOut
    plans: list[RankedPlanOut] = Field(description="cheapest first; ties by plan id")


def comparison_out(
    catalog: Catalog, assumptions: Assumptions, ranked: tuple[PlanCost, ...]
) -> dict[str, Any]:
    entries = []
    for rank, cost in enumerate(ranked, start=1):
        plan = catalog.plan(cost.plan_id)
        bank = catalog.bank(cost.bank)
        assert plan is not None  # ranked plans come from this catalog
        entries.append(
            {
                "rank": rank,
                "plan": {"id": cost.plan_id, "name": cost.plan_name},
                "bank": {"id": cost.bank, "name": bank.name if bank else cost.bank},
                "cheapest_option": option_cost_out(cost.cheapest),
                "options": [option_cost_out(option) for option in cost.options],
                "prices": source_out(plan.prices_for(cost.cheapest.option_id)),
            }
        )
    return {"inputs": inputs_out(assumptions), "plans": entries}


class FieldProblem(Out):
    field: str = Field(description="dotted path of the field in the request, e.g. 'horizon'")
    message: str = Field(description="what is wrong, for people")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="a URI naming the kind of problem")
    title: str = Field(description="a short summary of the kind of problem")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="what went wrong with this request")
    errors: list[FieldProblem] | None = Field(
        default=None, description="for invalid input: each field and why"
    )


class Health(Out):
    status: Literal["ok"]
    version: str
    catalog_as_of: dt.date = Field(description="newest price date in the catalog in service")
