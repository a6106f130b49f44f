"""The API's shapes for contract terms, "what if" figures and entered offers.

Built as plain dicts from the core's values, like the rest of the API; the models document
them in OpenAPI and the contract tests check every response against them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from bankcalc.catalog.contract import ContractTerms, FeeTerm, StorageIncreaseTerm
from bankcalc.catalog.models import Catalog, Plan
from bankcalc.catalog.offer import ENTERED_NOTE, OfferedPlan
from bankcalc.catalog.sources import PriceSource
from bankcalc.contract_wording import QUESTION, TITLE, what_if_text
from bankcalc.core.evidence import staleness
from bankcalc.core.terms import Freshness
from bankcalc.core.what_if import WhatIf
from bankcalc.web.api_base import MoneyText, Out, RateText, money, rate

TopicText = Literal[
    "enrollment",
    "first_year",
    "storage_increase",
    "cancellation",
    "release",
    "low_collection",
    "accreditation",
    "closure",
    "discounts",
    "guarantee",
]


class TermSourceOut(Out):
    as_of: str | None = Field(
        description="when the terms were published (YYYY-MM-DD); null: undated"
    )
    read_on: str | None = Field(description="when they were read (YYYY-MM-DD)")
    source: str = Field(description="who published them, and where")
    url: str | None
    basis: Literal["quoted", "third_party"] = Field(
        description="the bank's own words, or a copy published by someone else"
    )
    out_of_date: bool = Field(
        description="older than the catalog allows, or undated from a third party: ask whether"
        " it still applies"
    )
    note: str


class TermOut(Out):
    topic: TopicText
    title: str = Field(description="the topic, for people")
    published: bool = Field(description="false: nothing published was found; ask the bank")
    says: str | None = Field(description="what the terms say, in plain words")
    quote: str | None = Field(description="the source's own words, where they were read")
    fee: MoneyText | None = Field(
        description="cancellation: what cancelling before collection costs; release: what"
        " releasing one unit costs (USD); null when no amount is stated"
    )
    fee_unpublished: bool = Field(description="a fee is charged, its amount not published")
    may_rise: bool | None = Field(
        description="storage_increase: the contract lets the yearly fee rise"
    )
    cap: RateText | None = Field(description="storage_increase: the most it may rise a year")
    source: TermSourceOut | None
    question: str = Field(description="what to ask the bank on this topic")
    question_by: Literal["parents_guide", "bankcalc"] = Field(
        description="parents_guide: the question in the Parent's Guide to Cord Blood"
        " Foundation's own words"
    )


class WhatIfOut(Out):
    kind: Literal["release", "cancel_before_collection", "storage_rises_by_cap"]
    beside_total: MoneyText = Field(description="the quote's total, which this is set beside")
    fee: MoneyText | None = Field(description="the fee; null when its amount is not published")
    total: MoneyText | None = Field(
        description="what the family pays in all in this case; null when not known"
    )
    rate: RateText | None = Field(description="storage_rises_by_cap: the yearly cap")
    detail: str = Field(description="the same, in a sentence")


class OfferOut(Out):
    bank_name: str = Field(description="the bank's name as entered; empty when not given")
    note: str = Field(description="whose figures these are, and how the verdicts use them")


class BankTermsOut(Out):
    id: str
    name: str
    kind: Literal["private", "public", "hybrid"]
    url: str | None
    note: str
    plans: list[str] = Field(
        description="ids of its priced plans; empty when it publishes terms but no prices"
    )
    contract_terms: list[TermOut]


class BankList(Out):
    banks: list[BankTermsOut]


def term_source_out(source: PriceSource, freshness: Freshness) -> dict[str, Any]:
    return {
        "as_of": None if source.as_of is None else source.as_of.isoformat(),
        "read_on": None if source.read_on is None else source.read_on.isoformat(),
        "source": source.source,
        "url": None if source.url is None else str(source.url),
        "basis": source.basis.value,
        "out_of_date": staleness(source, freshness) is not None,
        "note": source.note,
    }


def contract_terms_out(contract: ContractTerms, freshness: Freshness) -> list[dict[str, Any]]:
    """Every topic in order: what is published, or the question to ask."""
    items = []
    for topic, term in contract.topics():
        fee = term if isinstance(term, FeeTerm) else None
        rising = term if isinstance(term, StorageIncreaseTerm) else None
        question = QUESTION[topic]
        items.append(
            {
                "topic": topic.value,
                "title": TITLE[topic],
                "published": term is not None,
                "says": None if term is None else term.says,
                "quote": term.quote or None if term is not None else None,
                "fee": None if fee is None or fee.fee is None else money(fee.fee),
                "fee_unpublished": fee is not None and fee.fee_unpublished,
                "may_rise": None if rising is None else rising.may_rise,
                "cap": None if rising is None or rising.cap is None else rate(rising.cap),
                "source": None if term is None else term_source_out(term.source, freshness),
                "question": question.text,
                "question_by": "parents_guide" if question.verbatim else "bankcalc",
            }
        )
    return items


def what_ifs_out(what_ifs: tuple[WhatIf, ...], children: int) -> list[dict[str, Any]]:
    return [
        {
            "kind": item.kind.value,
            "beside_total": money(item.beside),
            "fee": None if item.fee is None else money(item.fee),
            "total": None if item.total is None else money(item.total),
            "rate": None if item.rate is None else rate(item.rate),
            "detail": what_if_text(item, children),
        }
        for item in what_ifs
    ]


def offer_out(plan: Plan) -> dict[str, Any] | None:
    if not isinstance(plan, OfferedPlan):
        return None
    return {"bank_name": plan.bank_name, "note": ENTERED_NOTE}


def bank_list_out(catalog: Catalog, freshness: Freshness) -> dict[str, Any]:
    return {
        "banks": [
            {
                "id": bank.id,
                "name": bank.name,
                "kind": bank.kind,
                "url": None if bank.url is None else str(bank.url),
                "note": bank.note,
                "plans": [plan.id for plan in catalog.plans if plan.bank == bank.id],
                "contract_terms": contract_terms_out(bank.contract_terms, freshness),
            }
            for bank in catalog.banks
        ]
    }
