"""The API's response shapes: pydantic models that document them in OpenAPI, and the
functions that turn core results into plain JSON-ready dicts of that shape.

Responses are built as dicts (not validated models) because they come from the core's
already-exact values; the models exist so the OpenAPI document describes exactly these dicts,
and the contract tests check every response against them. Money is a string with two decimals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bankcalc.catalog.contract import ContractTerms
from bankcalc.catalog.models import (
    Bank,
    Catalog,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
)
from bankcalc.catalog.notes import Note
from bankcalc.catalog.offer import is_entered
from bankcalc.catalog.programs import Program
from bankcalc.catalog.sources import PriceSource
from bankcalc.contract_wording import bank_name
from bankcalc.core.compare import PlanCost
from bankcalc.core.costs import Loan, OptionCost, Row
from bankcalc.core.evidence import staleness
from bankcalc.core.quote import Quote
from bankcalc.core.scenario import Assumptions
from bankcalc.core.terms import Freshness
from bankcalc.i18n import N_, _
from bankcalc.web.api_base import MoneyText, Out, RateText, money, rate
from bankcalc.web.api_contract import (
    OfferOut,
    TermOut,
    WhatIfOut,
    contract_terms_out,
    offer_out,
    what_ifs_out,
)
from bankcalc.web.api_odds import (
    ClaimOut,
    NoteOut,
    OddsOut,
    TimelineOut,
    claim_out,
    note_out,
    odds_out,
    timeline_out,
)

# ---- catalog -------------------------------------------------------------------------------


class SourceOut(Out):
    as_of: dt.date | None = Field(description="when the figures were published; null: undated")
    read_on: dt.date | None = Field(description="when bankcalc read them")
    source: str = Field(description="who published them, and where")
    url: str | None = Field(description="where they were read")
    basis: Literal["quoted", "third_party", "illustrative"] = Field(
        description="published by the bank, by a third party, or bankcalc's illustration"
    )
    out_of_date: bool = Field(
        description="older than the catalog allows (default 24 months), or undated: flagged"
        " 'may be out of date' and kept out of every verdict"
    )
    out_of_date_because: str | None = Field(description="e.g. 'prices from 2008'")
    note: str = Field(description="what is quoted and what is assumed")


class ProgramOut(Out):
    id: str
    name: str
    route: Literal["public_donation", "public_directed", "family_need_based"]
    run_by: str
    recipients: list[Literal["anyone", "sibling", "parent"]] = Field(
        description="who the unit is for: any matching patient, or the family member who is ill"
    )
    cost: str = Field(description="what it costs the family, in words; public donation is free")
    gives: str
    conditions: list[str]
    banks: list[str]
    confirm: str = Field(description="what to confirm with the bank")
    multiples: str = Field(description="what changes for twins and other multiples, if anything")
    source: SourceOut


class BankOut(Out):
    id: str
    name: str


class FeeOut(Out):
    name: str
    kind: Literal["enrollment", "processing", "courier_kit", "other"]
    amount: MoneyText | None = Field(
        description="USD; null: the bank charges it but does not publish the amount"
    )
    shared_by_multiples: bool = Field(description="charged once per birth, not per child")
    source: SourceOut | None = Field(description="when this fee has its own source")


class OptionOut(Out):
    id: str
    kind: Literal["yearly", "prepaid", "lifetime", "installments"]
    name: str
    price: MoneyText | None = Field(
        description="prepaid/lifetime: USD per child at birth; null for those two kinds: offered,"
        " price not published"
    )
    price_published: bool = Field(
        description="false: the bank does not publish this option's price, so it is not priced"
    )
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
    notes: list[NoteOut] = Field(
        description="what storing the plan's tissues means today; context for its sources"
    )
    contract_terms: list[TermOut] = Field(
        description="each topic of the contract that changes what a family pays or risks:"
        " what the bank's published terms say, with the source, or (published: false) the"
        " question to ask; the plan's own terms, else its bank's"
    )
    entered: bool = Field(
        description="true for a plan entered with the request: its figures are the"
        " entrant's own, not checked by bankcalc"
    )


class PlanList(Out):
    as_of: dt.date = Field(description="the newest price date in the catalog")
    plans: list[PlanOut]


def program_out(program: Program, freshness: Freshness) -> dict[str, Any]:
    return {
        "id": program.id,
        "name": program.name,
        "route": program.route.value,
        "run_by": program.run_by,
        "recipients": [recipient.value for recipient in program.recipients],
        "cost": program.cost,
        "gives": program.gives,
        "conditions": list(program.conditions),
        "banks": list(program.banks),
        "confirm": program.confirm,
        "multiples": program.multiples,
        "source": source_out(program.source, freshness),
    }


def source_out(source: PriceSource, freshness: Freshness) -> dict[str, Any]:
    stale = staleness(source, freshness)
    return {
        "as_of": None if source.as_of is None else source.as_of.isoformat(),
        "read_on": None if source.read_on is None else source.read_on.isoformat(),
        "source": source.source,
        "url": None if source.url is None else str(source.url),
        "basis": source.basis.value,
        "out_of_date": stale is not None,
        "out_of_date_because": None if stale is None else stale.detail,
        "note": source.note,
    }


def option_out(plan: Plan, option: PaymentOption, freshness: Freshness) -> dict[str, Any]:
    priced = option if isinstance(option, PrepaidOption | LifetimeOption) else None
    loan = option if isinstance(option, InstallmentOption) else None
    source = getattr(option, "source", None)
    return {
        "id": option.id,
        "kind": option.kind,
        "name": option.name,
        "price": money(priced.price) if priced and priced.price is not None else None,
        "price_published": plan.published_price(option),
        "term_months": option.term if isinstance(option, PrepaidOption) else None,
        "length_months": option.length if isinstance(option, LifetimeOption) else None,
        "includes_fees": [kind.value for kind in priced.includes_fees] if priced else [],
        "months": loan.months if loan else None,
        "apr": rate(loan.apr) if loan else None,
        "finances": loan.finances if loan else None,
        "excluded_fees": [kind.value for kind in loan.excluded_fees] if loan else [],
        "source": None if source is None else source_out(source, freshness),
    }


def plan_out(
    plan: Plan,
    bank: Bank | None,
    freshness: Freshness,
    contract: ContractTerms,
    notes: tuple[Note, ...] = (),
) -> dict[str, Any]:
    return {
        "id": plan.id,
        "name": plan.name,
        "bank": {"id": plan.bank, "name": bank_name(plan, bank)},
        "stores": [item.value for item in plan.stores],
        "one_time_fees": [
            {
                "name": fee.name,
                "kind": fee.kind.value,
                "amount": None if fee.amount is None else money(fee.amount),
                "shared_by_multiples": fee.shared_by_multiples,
                "source": None if fee.source is None else source_out(fee.source, freshness),
            }
            for fee in plan.one_time_fees
        ],
        "annual_storage_fee": money(plan.annual_storage_fee),
        "first_year_included": plan.first_year_included,
        "payment_options": [option_out(plan, option, freshness) for option in plan.payment_options],
        "guarantee": None if plan.guarantee is None else money(plan.guarantee),
        "guarantee_terms": plan.guarantee_terms,
        "prices": source_out(plan.prices, freshness),
        "notes": [note_out(note) for note in notes],
        "contract_terms": contract_terms_out(contract, freshness),
        "entered": is_entered(plan),
    }


def plan_list_out(catalog: Catalog, freshness: Freshness) -> dict[str, Any]:
    return {
        "as_of": catalog.as_of.isoformat(),
        "plans": [
            plan_out(
                plan,
                catalog.bank(plan.bank),
                freshness,
                catalog.contract_for(plan),
                catalog.notes_for(plan),
            )
            for plan in catalog.plans
        ],
    }


# ---- quotes --------------------------------------------------------------------------------


class InputsOut(Out):
    horizon_months: int = Field(description="the storage horizon asked for, in months")
    escalation: RateText
    discount: RateText
    children: int
    tax_rate: RateText | None
    due_date: dt.date | None
    known_need: Literal["sibling", "parent"] | None
    dependent_until: int


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


class NotRankedOut(Out):
    code: Literal[
        "illustrative", "out_of_date", "undated", "undated_third_party", "shorter_than_horizon"
    ]
    detail: str = Field(description="for people, e.g. 'the lifetime price is illustrative'")


class LoanOut(Out):
    principal: MoneyText = Field(description="what is financed, for all children (one loan)")
    months: int
    apr: RateText
    apr_stated: bool = Field(
        description="false: the APR is bankcalc's illustrative reading; the bank states none"
    )
    regular_payment: MoneyText | None = Field(
        description="every monthly payment but the last, when they are all equal; null when the"
        " cents vary (a 0 % split that is not even)"
    )
    lowest_payment: MoneyText
    highest_payment: MoneyText
    last_payment: MoneyText
    interest: MoneyText = Field(description="paid in total over the loan")
    per: Literal["birth"] = Field(description="one loan per birth, for every child banked")


class ResumesOut(Out):
    year: int = Field(description="the first storage year billed again after a prepaid term")
    amount: MoneyText = Field(description="that year's storage bill, all children")


class OptionCostOut(Out):
    id: str
    name: str
    kind: str
    total: MoneyText = Field(description="leaves out the fees listed in unpublished_fees")
    present_value: MoneyText
    covered_months: int = Field(description="the horizon this total covers")
    capped: bool = Field(description="the option covers less than the horizon asked for")
    break_even_year: int | None = Field(
        description="first year at whose end this option has cost less than paying yearly;"
        " null: never within the horizon, this is the yearly option, or either total is not"
        " ranked (see not_ranked_because)"
    )
    basis: Literal["quoted", "third_party", "illustrative"] = Field(
        description="the weakest basis of the prices this total is made of"
    )
    out_of_date: bool = Field(description="one of those prices may be out of date")
    ranked: bool = Field(
        description="the total rests on published, current prices covering the whole horizon,"
        " so it may enter a verdict (cheapest, rank, break-even)"
    )
    not_ranked_because: list[NotRankedOut] = Field(description="empty when ranked")
    unpublished_fees: list[str] = Field(
        description="fees in this total whose amount the bank does not publish: the total is"
        " plus these"
    )
    installments: LoanOut | None = Field(description="the monthly payments, for installments")
    storage_resumes: ResumesOut | None = Field(
        description="for a prepaid option, when yearly storage bills start again in the horizon"
    )


class TaxOut(Out):
    status: Literal["usually_not_eligible", "may_qualify"] = Field(
        description="banking as a precaution is usually not FSA/HSA-eligible (IRS Information"
        " Letter 2010-0017); it may qualify only with a known_need"
    )
    rate: RateText | None
    dependent_until: int = Field(description="payments before this age of the child count")
    eligible: MoneyText | None = Field(
        description="payments made while the child can be a dependent; null when not eligible"
    )
    savings: MoneyText | None = Field(
        description="the most it could save: eligible x marginal tax rate; never netted against"
        " the cost; null without a known_need or a tax_rate"
    )
    caveats: list[str]
    claim: ClaimOut | None = Field(
        description="what a bank tells families about FSAs and HSAs, as quoted, with the"
        " correction in its caveats"
    )


class GuaranteeOut(Out):
    amount: MoneyText
    terms: str
    note: str


class UnpricedOut(Out):
    id: str
    name: str
    kind: str


class QuoteSummaryOut(Out):
    """A quote less its schedule, odds and timeline: what a batch with `"detail": "totals"`
    answers for each scenario."""

    plan: BankOut = Field(description="the plan's id and name")
    bank: BankOut
    option: OptionCostOut = Field(description="the chosen payment option")
    inputs: InputsOut
    totals: TotalsOut
    options: list[OptionCostOut] = Field(
        description="every option of the plan with a published price, same horizon"
    )
    cheapest_option: str | None = Field(
        description="id of the ranked option with the lowest total; null when no option's"
        " total rests on published, current prices for the whole horizon"
    )
    unpriced_options: list[UnpricedOut] = Field(
        description="options the bank offers without publishing their price: never priced"
    )
    tax: TaxOut = Field(description="can FSA/HSA money pay for it, and an estimate if so")
    guarantee: GuaranteeOut | None
    prices: SourceOut = Field(description="source of the plan's fees and storage price")
    option_prices: SourceOut = Field(description="source of the chosen option's own price")
    notes: list[NoteOut] = Field(
        description="context for what the plan stores and for the articles its figures cite"
    )
    public_donation: ProgramOut | None = Field(
        description="the free route, $0, for everyone: never ranked with private plans"
    )
    programs: list[ProgramOut] = Field(
        description="directed-donation programs open to the family's known_need (empty without)"
    )
    offer: OfferOut | None = Field(
        description="for a plan entered with the request: whose figures these are; null for"
        " a catalog plan"
    )
    contract_terms: list[TermOut] = Field(
        description="what the contract says on each topic that changes what a family pays"
        " or risks, with its source, or the question to ask the bank"
    )
    what_if: list[WhatIfOut] = Field(
        description="fees the contract names (cancelling, releasing the unit) and a stated cap"
        " on storage increases, priced beside the total: never added to it"
    )


class QuoteOut(QuoteSummaryOut):
    """A whole quote, as POST /quotes answers it."""

    schedule: list[RowOut]
    odds: OddsOut = Field(description="each quoted claim, with what it means for this horizon")
    timeline: TimelineOut | None = Field(description="enrollment dates, when a due date is given")


class QuoteResponse(QuoteOut):
    """A quote; with `Accept: text/csv` or `?format=csv`, its schedule as CSV instead."""

    # flask-openapi3 reads openapi_extra to add the CSV alternative to the documented 200.
    model_config = ConfigDict(
        title="Quote",
        openapi_extra={"content": {"text/csv": {"schema": {"type": "string"}}}},  # type: ignore[typeddict-unknown-key]
    )


GUARANTEE_NOTE = N_(  # translated where it is used
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
        "known_need": None if assumptions.known_need is None else assumptions.known_need.value,
        "dependent_until": assumptions.dependent_until,
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
    evidence, loan, resumes = cost.evidence, cost.loan, cost.resumes
    return {
        "id": cost.option_id,
        "name": cost.name,
        "kind": cost.kind,
        "total": money(cost.total),
        "present_value": money(cost.present_value),
        "covered_months": cost.months,
        "capped": cost.capped,
        "break_even_year": cost.break_even_year,
        "basis": evidence.basis.value,
        "out_of_date": evidence.out_of_date,
        "ranked": evidence.ranked,
        "not_ranked_because": [
            {"code": reason.code, "detail": reason.detail} for reason in evidence.not_ranked_because
        ],
        "unpublished_fees": list(evidence.unpublished),
        "installments": None if loan is None else loan_out(loan),
        "storage_resumes": None
        if resumes is None
        else {"year": resumes.year, "amount": money(resumes.amount)},
    }


def loan_out(loan: Loan) -> dict[str, Any]:
    return {
        "principal": money(loan.principal),
        "months": loan.months,
        "apr": rate(loan.apr),
        "apr_stated": loan.apr_stated,
        "regular_payment": None if loan.regular is None else money(loan.regular),
        "lowest_payment": money(loan.lowest),
        "highest_payment": money(loan.highest),
        "last_payment": money(loan.last),
        "interest": money(loan.interest),
        "per": "birth",
    }


def quote_out(quote: Quote, bank: Bank | None, freshness: Freshness) -> dict[str, Any]:
    schedule, plan = quote.schedule, quote.plan
    chosen = next(c for c in quote.options if c.option_id == quote.option.id)
    tax = quote.tax
    return {
        "plan": {"id": plan.id, "name": plan.name},
        "bank": {"id": plan.bank, "name": bank_name(plan, bank)},
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
        "cheapest_option": None if quote.cheapest is None else quote.cheapest.option_id,
        "unpriced_options": [
            {"id": option.id, "name": option.name, "kind": option.kind} for option in quote.unpriced
        ],
        "tax": {
            "status": tax.status.value,
            "rate": None if tax.rate is None else rate(tax.rate),
            "dependent_until": tax.dependent_until,
            "eligible": None if tax.eligible is None else money(tax.eligible),
            "savings": None if tax.savings is None else money(tax.savings),
            "caveats": list(tax.caveats),
            "claim": None if quote.tax_claim is None else claim_out(quote.tax_claim),
        },
        "guarantee": None
        if plan.guarantee is None
        else {
            "amount": money(plan.guarantee),
            "terms": plan.guarantee_terms,
            "note": _(GUARANTEE_NOTE),
        },
        "prices": source_out(plan.prices, freshness),
        "option_prices": source_out(plan.prices_for(quote.option.id), freshness),
        "odds": odds_out(quote.odds),
        "timeline": timeline_out(quote.timeline),
        "notes": [note_out(note) for note in quote.notes],
        "public_donation": None
        if quote.public_donation is None
        else program_out(quote.public_donation, freshness),
        "programs": [program_out(program, freshness) for program in quote.programs],
        "offer": offer_out(plan),
        "contract_terms": contract_terms_out(quote.contract, freshness),
        "what_if": what_ifs_out(quote.what_ifs, quote.scenario.children),
    }


# ---- comparisons and batches ---------------------------------------------------------------


class RankedPlanOut(Out):
    rank: int | None = Field(description="1 is the cheapest ranked plan; null: not ranked")
    ranked: bool = Field(
        description="the plan has a total resting on published, current prices for the whole"
        " horizon; a plan that has none is listed after the ranked ones, with the reasons"
    )
    plan: BankOut = Field(description="the plan's id and name")
    bank: BankOut
    shown_option: OptionCostOut = Field(
        description="the option that sets this row's total: the plan's cheapest ranked option;"
        " when none is ranked, its lowest total, which is no verdict (ranked: false, with the"
        " reasons)"
    )
    options: list[OptionCostOut]
    prices: SourceOut = Field(description="source of that option's price")
    offer: OfferOut | None = Field(
        description="for a plan entered with the request: whose figures these are"
    )


class ComparisonOut(Out):
    inputs: InputsOut
    public_donation: ProgramOut | None = Field(
        description="the free route, $0: listed apart, not ranked with private plans, because a"
        " donated unit is not kept for the family"
    )
    programs: list[ProgramOut] = Field(
        description="directed-donation programs open to the known_need given (empty without)"
    )
    plans: list[RankedPlanOut] = Field(
        description="ranked plans cheapest first (ties by plan id), then the plans not ranked"
    )


def comparison_out(
    catalog: Catalog,
    assumptions: Assumptions,
    ranked: tuple[PlanCost, ...],
    freshness: Freshness,
    plans: Sequence[Plan],
) -> dict[str, Any]:
    by_id = {plan.id: plan for plan in plans}  # ids are unique in a comparison
    entries = []
    for cost in ranked:
        plan = by_id[cost.plan_id]
        bank = None if is_entered(plan) else catalog.bank(cost.bank)
        entries.append(
            {
                "rank": cost.rank,
                "ranked": cost.ranked,
                "plan": {"id": cost.plan_id, "name": cost.plan_name},
                "bank": {"id": cost.bank, "name": bank_name(plan, bank)},
                "shown_option": option_cost_out(cost.shown),
                "options": [option_cost_out(option) for option in cost.options],
                "prices": source_out(plan.prices_for(cost.shown.option_id), freshness),
                "offer": offer_out(plan),
            }
        )
    need = None if assumptions.known_need is None else assumptions.known_need.value
    public = catalog.public_donation
    return {
        "inputs": inputs_out(assumptions),
        "public_donation": None if public is None else program_out(public, freshness),
        "programs": [program_out(p, freshness) for p in catalog.programs_for(need)],
        "plans": entries,
    }


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
