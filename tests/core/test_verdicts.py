"""Verdicts rest only on real, current prices; every total says what it covers.

Worked by hand on small plans built here. Each test names the point of the counselor's
review it covers (issue "Verdicts only from real prices").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest

from bankcalc.catalog.models import Catalog, Plan
from bankcalc.core.compare import compare_plans
from bankcalc.core.costs import Terms, cheapest, option_costs, schedule
from bankcalc.core.evidence import add_months, staleness
from bankcalc.core.quote import QuoteError, build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.terms import Freshness
from bankcalc.money import split_evenly
from builders import YEARLY, catalog_data, installments, lifetime, prepaid

TODAY = dt.date(2026, 11, 26)
FRESH = Freshness(TODAY, 24)


def source(basis: str = "quoted", **extra: Any) -> dict[str, Any]:
    return {"as_of": "2026-11-20", "source": "a fixture", "basis": basis} | extra


def plan(options: list[dict[str, Any]], **extra: Any) -> Plan:
    data: dict[str, Any] = {
        "id": "p",
        "bank": "test-bank",
        "name": "Plan p",
        "stores": ["cord_blood"],
        "one_time_fees": [{"name": "Processing", "kind": "processing", "amount": "1500.00"}],
        "annual_storage_fee": "175.00",
        "first_year_included": False,
        "payment_options": options,
        "prices": source(),
    } | extra
    return Plan.model_validate(data)


def terms(years: int, children: int = 1, escalation: str = "0") -> Terms:
    return Terms(12 * years, escalation=D(escalation), children=children, freshness=FRESH)


def by_id(p: Plan, t: Terms) -> dict[str, Any]:
    return {cost.option_id: cost for cost in option_costs(p, t)}


# ---- 1. a verdict rests only on real, current prices --------------------------------------


def test_an_illustrative_price_is_never_the_cheapest_and_says_why() -> None:
    package = prepaid("20 years", "1608.00", includes_fees=["processing"])
    package |= {"name": "Prepaid (illustrative)", "source": source("illustrative")}
    costs = by_id(plan([YEARLY, package]), terms(20))
    # yearly 1500 + 20 x 175 = 5,000; the illustrative package 1,608 is cheaper but unranked
    assert costs["yearly"].total == D("5000.00")
    assert costs["prepaid"].total == D("1608.00")
    assert not costs["prepaid"].ranked
    assert [r.detail for r in costs["prepaid"].evidence.not_ranked_because] == [
        "the 20-year prepaid price is illustrative"
    ]
    best = cheapest(tuple(costs.values()))
    assert best is not None
    assert best.option_id == "yearly"


def test_break_even_is_a_verdict_and_is_withheld_for_an_illustrative_price() -> None:
    package = prepaid("20 years", "3000.00") | {"source": source("illustrative")}
    package["name"] = "Prepaid (illustrative)"
    # 1500 + 3000 = 4,500 at birth, below yearly's 1500 + 175 x 20 = 5,000 by year 20:
    # the arithmetic breaks even, but no verdict may rest on a made-up price
    assert by_id(plan([YEARLY, package]), terms(20))["prepaid"].break_even_year is None
    real = prepaid("20 years", "3000.00") | {"name": "Prepaid"}
    # yearly by the end of year y: 1500 + 175y; prepaid 4,500: below from 175y > 3000, y = 18
    assert by_id(plan([YEARLY, real]), terms(20))["prepaid"].break_even_year == 18


def test_a_totals_basis_is_the_weakest_of_its_prices() -> None:
    fees = [
        {"name": "Processing", "kind": "processing", "amount": "1500.00"},
        {
            "name": "Kit (illustrative)",
            "kind": "courier_kit",
            "amount": "150.00",
            "source": source("illustrative"),
        },
    ]
    third = prepaid("20 years", "4000.00", includes_fees=["processing", "courier_kit"])
    third |= {"source": source("third_party", as_of="2026-01-01")}
    costs = by_id(plan([YEARLY, third], one_time_fees=fees), terms(20))
    # yearly pays the illustrative kit: its basis falls to illustrative
    assert costs["yearly"].evidence.basis.value == "illustrative"
    assert [r.detail for r in costs["yearly"].evidence.not_ranked_because] == [
        "the kit and courier fee is illustrative"
    ]
    # the prepaid price covers both fees: only the third-party price remains
    assert costs["prepaid"].evidence.basis.value == "third_party"
    assert costs["prepaid"].ranked


def test_no_option_is_named_cheapest_when_none_rests_on_current_prices() -> None:
    old = plan([YEARLY], prices=source("third_party", as_of="2008-08-04"))
    costs = option_costs(old, terms(20))
    assert cheapest(costs) is None
    assert [r.code for r in costs[0].evidence.not_ranked_because] == ["out_of_date"]
    assert costs[0].evidence.not_ranked_because[0].detail == "prices from 2008"


def test_the_comparison_ranks_current_prices_and_lists_the_others_after_them() -> None:
    current = catalog_data([])
    cheap_old = plan([YEARLY], id="old", prices=source("third_party", as_of="2008-08-04"))
    dear_new = plan([YEARLY], id="new", annual_storage_fee="400.00")
    cheap_new = plan([YEARLY], id="cheap")
    catalog = Catalog.model_validate(current | {"plans": [cheap_old, dear_new, cheap_new]})
    ranked = compare_plans(catalog.plans, terms(20))
    # cheap: 1500 + 20 x 175 = 5,000; new: 1500 + 20 x 400 = 9,500; old is cheapest in
    # numbers (the same 5,000) but its prices are from 2008: listed after the ranking
    assert [(c.plan_id, c.rank, c.total) for c in ranked] == [
        ("cheap", 1, D("5000.00")),
        ("new", 2, D("9500.00")),
        ("old", None, D("5000.00")),
    ]


# ---- 2. a fee the bank does not publish is named, never invented ---------------------------


def test_an_unpublished_fee_is_named_and_adds_nothing() -> None:
    fees = [
        {"name": "Processing", "kind": "processing", "amount": "1500.00"},
        {"name": "Kit and shipping", "kind": "courier_kit", "amount": None},
    ]
    package = prepaid("20 years", "4000.00", includes_fees=["processing", "courier_kit"])
    costs = by_id(plan([YEARLY, package], one_time_fees=fees), terms(20))
    # yearly: 1500 + 20 x 175 = 5,000, plus the kit whose amount is not published
    assert costs["yearly"].total == D("5000.00")
    assert costs["yearly"].evidence.unpublished == ("Kit and shipping",)
    assert costs["yearly"].ranked  # a missing amount is said, not a reason to hide the total
    # the package price includes the kit: nothing is left out of its 4,000
    assert costs["prepaid"].evidence.unpublished == ()


def test_an_option_whose_price_is_not_published_is_listed_never_priced() -> None:
    offered = lifetime("78 years", None) | {"name": "Lifetime"}
    p = plan([YEARLY, offered])
    assert [o.id for o in p.priced_options] == ["yearly"]
    assert [o.id for o in p.unpriced_options] == ["lifetime"]
    catalog = Catalog.model_validate(catalog_data([]) | {"plans": [p]})
    with pytest.raises(QuoteError, match="does not publish the price"):
        build_quote(catalog, Scenario(plan="p", option="lifetime"), TODAY)
    quote = build_quote(catalog, Scenario(plan="p"), TODAY)
    assert [o.id for o in quote.unpriced] == ["lifetime"]


# ---- 3. stale prices are flagged ---------------------------------------------------------


def test_a_price_is_out_of_date_one_day_after_the_allowed_age() -> None:
    published = source("quoted", as_of="2024-11-26")
    p = plan([YEARLY], prices=published)
    on_the_day = staleness(p.prices, Freshness(dt.date(2026, 11, 26), 24))
    day_after = staleness(p.prices, Freshness(dt.date(2026, 11, 27), 24))
    assert on_the_day is None  # 2024-11-26 + 24 months = 2026-11-26: still current
    assert day_after is not None
    assert day_after.detail == "prices from 2024"
    # the age is the catalog's to set
    assert staleness(p.prices, Freshness(dt.date(2026, 11, 27), 36)) is None


def test_undated_figures_are_always_out_of_date_whoever_published_them() -> None:
    # read yesterday, but the day bankcalc read a price says nothing of when it was set
    third = plan(
        [YEARLY], prices={"read_on": "2026-11-25", "source": "a page", "basis": "third_party"}
    )
    stale = staleness(third.prices, FRESH)
    assert stale is not None
    assert stale.code == "undated_third_party"
    own = plan([YEARLY], prices={"read_on": "2026-11-25", "source": "a page", "basis": "quoted"})
    undated = staleness(own.prices, FRESH)
    assert undated is not None
    assert (undated.code, undated.detail) == ("undated", "undated prices")
    assert staleness(plan([YEARLY]).prices, FRESH) is None  # dated 2026-11-20: current


def test_months_are_added_to_the_end_of_a_shorter_month() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 12, 15), 24) == dt.date(2025, 12, 15)


# ---- 4. every figure says the horizon it covers ------------------------------------------


def test_a_lifetime_shorter_than_the_horizon_is_not_compared_with_longer_ones() -> None:
    life = lifetime("78 years", "3500.00", includes_fees=["processing"])
    costs = by_id(plan([YEARLY, life]), terms(100))
    # lifetime: 3,500 for 78 years; yearly: 1500 + 100 x 175 = 19,000 for 100 years
    assert (costs["lifetime"].total, costs["lifetime"].months) == (D("3500.00"), 78 * 12)
    assert (costs["yearly"].total, costs["yearly"].months) == (D("19000.00"), 1200)
    assert costs["lifetime"].evidence.not_ranked_because[0].detail == (
        "it covers only 78 years of the 100 years asked"
    )
    best = cheapest(tuple(costs.values()))
    assert best is not None
    assert best.option_id == "yearly"


def test_a_lifetime_of_unstated_length_is_priced_over_the_horizon_asked() -> None:
    life = lifetime(None, "11385.00", includes_fees=["processing"])
    cost = by_id(plan([YEARLY, life]), terms(100))["lifetime"]
    assert (cost.months, cost.capped, cost.total) == (1200, False, D("11385.00"))


# ---- 5. installments as the family pays them ---------------------------------------------


def test_installments_show_the_payment_the_months_the_apr_and_the_interest() -> None:
    fees = [
        {"name": "Processing", "kind": "processing", "amount": "2250.00"},
        {"name": "Kit", "kind": "courier_kit", "amount": "150.00", "shared_by_multiples": True},
    ]
    loan = installments(12, "9.9 %")
    cost = by_id(plan([YEARLY, loan], one_time_fees=fees), terms(20))["monthly"]
    assert cost.loan is not None
    # 2,400 financed at 9.9 %: r = 0.099 / 12 = 0.00825, level payment
    # 2400 x r / (1 - 1.00825^-12) = 2400 x 0.00825 / 0.093877... = 210.89 (the review's
    # figure); the 12th payment clears what is left: 210.85. Interest: 11 x 210.89 + 210.85
    # - 2400 = 130.64, the figure the counselor worked out independently.
    assert cost.loan.principal == D("2400.00")
    assert (cost.loan.months, cost.loan.apr) == (12, D("0.099"))
    assert cost.loan.regular == D("210.89")
    assert cost.loan.last == D("210.85")
    assert cost.loan.interest == D("130.64")


def test_a_zero_apr_loan_that_does_not_split_evenly_has_no_regular_payment() -> None:
    fees = [{"name": "Processing", "kind": "processing", "amount": "1000.00"}]
    cost = by_id(plan([YEARLY, installments(3, "0 %")], one_time_fees=fees), terms(1))["monthly"]
    assert cost.loan is not None
    # 1000 / 3: running sums 333.33, 666.67, 1000.00 -> 333.33, 333.34, 333.33
    assert (cost.loan.lowest, cost.loan.highest) == (D("333.33"), D("333.34"))
    assert cost.loan.regular is None
    assert cost.loan.interest == D("0.00")


# ---- 6. after a prepaid term, yearly fees resume -----------------------------------------


def test_the_year_and_amount_at_which_yearly_fees_resume() -> None:
    package = prepaid("18 years", "7385.00", includes_fees=["processing"])
    cost = by_id(plan([YEARLY, package], annual_storage_fee="400.00"), terms(20, 2))["prepaid"]
    assert cost.resumes is not None
    # two children: storage years 19 and 20 billed at 2 x 400 = 800 each
    assert (cost.resumes.year, cost.resumes.amount) == (19, D("800.00"))
    # 2 x 7,385 + 2 x 800 = 16,370
    assert cost.total == D("16370.00")
    short = by_id(plan([YEARLY, package]), terms(18))["prepaid"]
    assert short.resumes is None  # the term covers the whole horizon


# ---- 9. exactness ------------------------------------------------------------------------


def test_storage_for_several_children_rounds_each_childs_bill() -> None:
    p = plan([YEARLY])
    rows = schedule(p, p.payment_options[0], terms(2, children=3, escalation="0.0325")).rows
    # year 2: 175 x 1.0325 = 180.6875 -> 180.69 for each child; 3 x 180.69 = 542.07
    # (rounding the family's 542.0625 once would give 542.06)
    assert rows[1].storage == D("542.07")


def test_a_half_cent_tie_in_a_zero_apr_split_rounds_to_even() -> None:
    payments = split_evenly(D("6425.77"), 24)
    # after 12 months exactly 6425.77 x 12 / 24 = 3,212.885 is owed: half to even, 3,212.88
    assert sum(payments[:12], D(0)) == D("3212.88")
    assert sum(payments, D(0)) == D("6425.77")


def test_sources_without_any_date_are_refused() -> None:
    with pytest.raises(ValueError, match="needs read_on"):
        plan([YEARLY], prices={"source": "somebody", "basis": "quoted"})
