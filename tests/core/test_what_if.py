"""Fees a contract names are priced beside the total, never in it; worked by hand.

The plan: 1500 processing + 175 a year, paid yearly. Over 10 years: 1500 + 10 x 175 = 3250.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from bankcalc.catalog.models import Catalog
from bankcalc.contract_wording import what_if_text
from bankcalc.core.quote import build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.what_if import WhatIfKind
from builders import catalog_data, plan_data

TODAY = dt.date(2026, 11, 26)


def source() -> dict[str, Any]:
    return {"read_on": "2026-11-25", "source": "the bank's own contract", "basis": "quoted"}


def catalog(plan_terms: dict[str, Any], bank_terms: dict[str, Any] | None = None) -> Catalog:
    plan = plan_data("p", processing="1500.00", annual="175.00") | {"contract_terms": plan_terms}
    data = catalog_data([plan])
    if bank_terms is not None:
        data["banks"][0]["contract_terms"] = bank_terms
    return Catalog.model_validate(data)


def quote(cat: Catalog, **scenario: Any) -> Any:
    return build_quote(cat, Scenario.model_validate({"plan": "p"} | scenario), TODAY)


def test_a_release_fee_is_set_beside_the_total_not_added() -> None:
    release = {"says": "A release fee.", "fee": "350.00", "source": source()}
    q = quote(catalog({"release": release}), horizon=10)
    assert q.schedule.total == D("3250.00")  # the total is untouched
    (what_if,) = q.what_ifs
    assert what_if.kind is WhatIfKind.RELEASE
    assert what_if.fee == D("350.00")
    assert what_if.total == D("3600.00")  # 3250 + 350
    assert what_if_text(what_if, 1) == (
        "If the unit is ever released for a transplant, the bank charges $350.00 more:"
        " $3,600.00 in all, with the $3,250.00 above."
    )


def test_twins_pay_the_release_fee_per_unit_released() -> None:
    release = {"says": "A release fee.", "fee": "350.00", "source": source()}
    q = quote(catalog({"release": release}), horizon=10, children=2)
    # 2 x 1500 + 10 x 2 x 175 = 3000 + 3500 = 6500; one unit released: 6500 + 350 = 6850
    (what_if,) = q.what_ifs
    assert (what_if.beside, what_if.total) == (D("6500.00"), D("6850.00"))
    assert "for each unit released" in what_if_text(what_if, 2)


def test_a_cancellation_fee_is_paid_instead_of_the_total() -> None:
    cancel = {"says": "$200 before collection.", "fee": "200.00", "source": source()}
    q = quote(catalog({"cancellation": cancel}), horizon=10)
    (what_if,) = q.what_ifs
    assert what_if.kind is WhatIfKind.CANCEL
    assert (what_if.fee, what_if.total, what_if.beside) == (D("200.00"), D("200.00"), D("3250"))
    assert "you pay $200.00, instead of the $3,250.00 above" in what_if_text(what_if, 1)


def test_a_fee_without_a_published_amount_is_a_question_not_a_number() -> None:
    release = {"says": "Release fees apply.", "fee_unpublished": True, "source": source()}
    q = quote(catalog({}, bank_terms={"release": release}), horizon=10)  # the bank's term
    (what_if,) = q.what_ifs
    assert what_if.fee is None
    assert what_if.total is None
    assert "whose amount is not published" in what_if_text(what_if, 1)


def test_a_stated_cap_prices_the_fee_rising_by_it_every_year() -> None:
    rising = {"says": "Up to 5 % a year.", "may_rise": True, "cap": "5 %", "source": source()}
    q = quote(catalog({"storage_increase": rising}), horizon=3)
    # 1500 + 175 + 175 x 1.05 + 175 x 1.05^2 = 1500 + 175 + 183.75 + 192.9375 -> 192.94
    # = 2051.69; the total itself, at no increase: 1500 + 3 x 175 = 2025
    (what_if,) = q.what_ifs
    assert what_if.kind is WhatIfKind.STORAGE_CAP
    assert (what_if.beside, what_if.total, what_if.rate) == (D("2025.00"), D("2051.69"), D("0.05"))
    text = what_if_text(what_if, 1)
    assert text == (
        "If the storage fee rises by the most the contract allows, 5 % a year, the total"
        " is $2,051.69 instead of $2,025.00."
    )


def test_no_cap_figure_when_the_scenario_already_assumes_as_much() -> None:
    rising = {"says": "Up to 5 % a year.", "may_rise": True, "cap": "5 %", "source": source()}
    assert quote(catalog({"storage_increase": rising}), horizon=3, escalation="5 %").what_ifs == ()


def test_terms_without_a_fee_give_no_figure() -> None:
    closure = {"says": "Units move to a partner bank.", "source": source()}
    cancel = {"says": "Full refund before birth.", "source": source()}
    q = quote(catalog({"closure": closure, "cancellation": cancel}), horizon=10)
    assert q.what_ifs == ()
    assert q.contract.closure is not None
    assert q.contract.known == 2
