"""Properties of the cost math, each checked over at least 200 generated cases."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.catalog.models import Plan
from bankcalc.core.compare import compare_plans
from bankcalc.core.costs import (
    Schedule,
    Terms,
    break_even,
    cheapest,
    installment_payments,
    option_costs,
    schedule,
)
from bankcalc.core.quote import build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.terms import Freshness
from builders import installments, lifetime, make_catalog, plan_data, prepaid

MANY = settings(max_examples=250)
TODAY = dt.date(2026, 11, 26)

money = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False)
small_money = st.decimals(
    min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False
)
rate = st.decimals(min_value=0, max_value=D("0.2"), places=4, allow_nan=False, allow_infinity=False)
months = st.integers(min_value=1, max_value=1200)
children = st.integers(min_value=1, max_value=6)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """A plan with a yearly option and, at random, prepaid, lifetime and installment options."""
    options: list[dict[str, Any]] = [{"id": "yearly", "kind": "yearly", "name": "Yearly"}]
    if draw(st.booleans()):
        term = f"{draw(st.integers(1, 40))} years"
        options.append(prepaid(term, str(draw(money)), includes_fees=draw(fee_kinds())))
    if draw(st.booleans()):
        length = draw(st.none() | st.integers(1, 100).map(lambda y: f"{y} years"))
        options.append(lifetime(length, str(draw(money)), includes_fees=draw(fee_kinds())))
    if draw(st.booleans()):
        apr = f"{draw(st.decimals(0, 30, places=2, allow_nan=False, allow_infinity=False))} %"
        priced = [o["id"] for o in options if o["kind"] in ("prepaid", "lifetime")]
        loan = installments(draw(st.integers(2, 120)), apr, excluded_fees=draw(fee_kinds()))
        if priced and draw(st.booleans()):
            loan["finances"] = draw(st.sampled_from(priced))
        options.append(loan)
    data = plan_data(
        processing=str(draw(money)),
        kit=str(draw(small_money)),
        kit_shared=draw(st.booleans()),
        annual=str(draw(small_money)),
        first_year_included=draw(st.booleans()),
        options=options,
    )
    return Plan.model_validate(data)


def fee_kinds() -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(["processing", "courier_kit"]), unique=True)


@st.composite
def terms(draw: st.DrawFn) -> Terms:
    return Terms(
        months=draw(months), escalation=draw(rate), discount=draw(rate), children=draw(children)
    )


def every_schedule(plan: Plan, terms: Terms) -> list[Schedule]:
    return [schedule(plan, option, terms) for option in plan.payment_options]


@MANY
@given(plans(), terms())
def test_rows_add_up_to_the_totals_to_the_cent(plan: Plan, t: Terms) -> None:
    for result in every_schedule(plan, t):
        running = D(0)
        for row in result.rows:
            parts = row.one_time + row.storage + row.prepaid + row.installments
            assert row.total == parts
            running += row.total
            assert row.cumulative == running
            for amount in (row.total, row.cumulative, row.cumulative_pv):
                assert amount == amount.quantize(D("0.01"))
        assert result.total == running
        assert result.present_value == result.rows[-1].cumulative_pv


@MANY
@given(plans(), terms(), months)
def test_more_years_never_cost_less(plan: Plan, t: Terms, other: int) -> None:
    shorter, longer = sorted((t.months, other))
    for option in plan.payment_options:
        short = schedule(plan, option, Terms(shorter, t.escalation, t.discount, t.children))
        long = schedule(plan, option, Terms(longer, t.escalation, t.discount, t.children))
        assert short.total <= long.total
        assert short.present_value <= long.present_value


@MANY
@given(plans(), months, children)
def test_without_escalation_yearly_is_fees_plus_years_times_annual(
    plan: Plan, horizon: int, kids: int
) -> None:
    result = schedule(plan, plan.default_option, Terms(months=horizon, children=kids))
    years = -(-horizon // 12)
    billed = years - 1 if plan.first_year_included else years
    fees = sum(
        (fee.amount * (1 if fee.shared_by_multiples else kids) for fee in plan.one_time_fees), D(0)
    )
    assert result.total == fees + billed * kids * plan.annual_storage_fee


@MANY
@given(plans(), terms())
def test_present_value_never_exceeds_nominal_and_equals_it_undiscounted(
    plan: Plan, t: Terms
) -> None:
    undiscounted = Terms(t.months, t.escalation, D(0), t.children)
    for option in plan.payment_options:
        assert schedule(plan, option, t).present_value <= schedule(plan, option, t).total
        flat = schedule(plan, option, undiscounted)
        assert flat.present_value == flat.total


@MANY
@given(st.integers(1, 100), rate, rate, children, st.sampled_from(["yearly", "prepaid-20"]))
def test_years_and_twelve_times_as_many_months_are_the_same_input(
    years: int, escalation: D, discount: D, kids: int, option: str
) -> None:
    data = plan_data(options=[{"id": "yearly", "kind": "yearly", "name": "Y"}])
    data["payment_options"].append(prepaid("20 years", "3000.00") | {"id": "prepaid-20"})
    catalog = make_catalog([data])
    common = {"plan": "test-plan", "option": option, "children": kids}
    common |= {"escalation": f"{escalation * 100} %", "discount": str(discount)}
    in_years = build_quote(
        catalog, Scenario.model_validate(common | {"horizon": f"{years} years"}), TODAY
    )
    in_months = build_quote(
        catalog, Scenario.model_validate(common | {"horizon": f"{12 * years} months"}), TODAY
    )
    as_number = build_quote(catalog, Scenario.model_validate(common | {"horizon": years}), TODAY)
    assert in_years.schedule == in_months.schedule == as_number.schedule
    assert in_years.options == in_months.options


@MANY
@given(money, st.integers(2, 120))
def test_installments_at_zero_apr_repay_the_principal_exactly(principal: D, count: int) -> None:
    payments = installment_payments(principal, D(0), count)
    assert len(payments) == count
    assert sum(payments, D(0)) == principal
    assert max(payments) - min(payments) <= D("0.01")


def _half_even_cents(exact: Fraction) -> int:
    """The test's own rounding of an exact amount of cents, half to even."""
    floor = exact.numerator // exact.denominator
    rest = exact - floor
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and floor % 2 == 1):
        return floor + 1
    return floor


@settings(max_examples=400)
@given(
    st.integers(0, 499_999).map(lambda n: 2 * n + 1),  # an odd number of cents, to $9,999.99
    st.integers(1, 120),
)
def test_a_zero_apr_split_keeps_exact_running_sums(odd_cents: int, count: int) -> None:
    """After m of n payments, exactly round_half_even(P x m / n) has been paid: the running
    sums are exact fractions of a cent, never 28-digit quotients added up."""
    principal = D(odd_cents).scaleb(-2)
    payments = installment_payments(principal, D(0), count) if count > 1 else (principal,)
    paid = D(0)
    for month, payment in enumerate(payments, start=1):
        paid += payment
        assert paid * 100 == _half_even_cents(Fraction(odd_cents * month, count))
    assert paid == principal


@MANY
@given(plans(), terms())
def test_storage_for_several_children_is_each_childs_rounded_bill(plan: Plan, t: Terms) -> None:
    """Storage is billed per child: n children pay exactly n times one child's rounded bill."""
    one = Terms(t.months, t.escalation, t.discount, 1)
    for option in plan.payment_options:
        alone, together = schedule(plan, option, one), schedule(plan, option, t)
        for single, family in zip(alone.rows, together.rows, strict=True):
            assert family.storage == single.storage * t.children


@MANY
@given(
    st.decimals(100, 20000, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(D("0.01"), D("0.36"), places=4, allow_nan=False, allow_infinity=False),
    st.integers(2, 120),
)
def test_installments_with_interest_cost_more_than_the_principal(
    principal: D, apr: D, count: int
) -> None:
    payments = installment_payments(principal, apr, count)
    assert len(payments) == count
    assert sum(payments, D(0)) > principal
    assert all(payment >= 0 for payment in payments)


@MANY
@given(plans(), terms())
def test_fast_option_costs_agree_with_full_schedules(plan: Plan, t: Terms) -> None:
    costs = option_costs(plan, t)
    schedules = every_schedule(plan, t)
    yearly = next(
        s for s, o in zip(schedules, plan.payment_options, strict=True) if o.kind == "yearly"
    )
    for cost, full in zip(costs, schedules, strict=True):
        assert (cost.total, cost.present_value, cost.months) == (
            full.total,
            full.present_value,
            full.months,
        )
        judged = full is not yearly and cost.ranked and costs[0].ranked
        expected = break_even(full, yearly) if judged else None
        assert cost.break_even_year == expected


@MANY
@given(plans(), terms(), st.integers(1, 40), money)
def test_prepaid_break_even_agrees_with_the_totals(
    plan: Plan, t: Terms, term_years: int, price: D
) -> None:
    data = plan.model_dump(mode="json")
    data["payment_options"] = [
        {"id": "yearly", "kind": "yearly", "name": "Yearly"},
        prepaid(f"{term_years} years", str(price)),
    ]
    plan = Plan.model_validate(data)
    yearly, ahead = every_schedule(plan, t)
    year = break_even(ahead, yearly)
    # prepaid then yearly bills at the same price: once ahead, prepaying stays ahead
    assert (year is not None) == (ahead.total < yearly.total)
    if year is not None:
        before = Terms(12 * (year - 1), t.escalation, t.discount, t.children) if year > 1 else None
        at = Terms(12 * year, t.escalation, t.discount, t.children)
        assert (
            schedule(plan, plan.payment_options[1], at).total
            < schedule(plan, plan.payment_options[0], at).total
        )
        if before is not None:
            assert (
                schedule(plan, plan.payment_options[1], before).total
                >= schedule(plan, plan.payment_options[0], before).total
            )


@MANY
@given(st.lists(plans(), min_size=2, max_size=5), terms(), st.randoms(use_true_random=False))
def test_plan_comparison_does_not_depend_on_catalog_order(
    drawn: list[Plan], t: Terms, shuffler: random.Random
) -> None:
    data = [plan.model_dump(mode="json") | {"id": f"plan-{i}"} for i, plan in enumerate(drawn)]
    shuffled = list(data)
    shuffler.shuffle(shuffled)
    original = compare_plans(make_catalog(data).plans, t)
    reordered = compare_plans(make_catalog(shuffled).plans, t)
    assert original == reordered
    ranked = [cost for cost in original if cost.ranked]
    assert original[: len(ranked)] == tuple(ranked)  # the ranking first, the others after it
    assert [cost.total for cost in ranked] == sorted(cost.total for cost in ranked)
    assert [cost.rank for cost in ranked] == list(range(1, len(ranked) + 1))


BASES = st.sampled_from(["quoted", "third_party", "illustrative"])
DATES = st.sampled_from(["2008-08-04", "2024-11-25", "2024-11-27", "2026-01-01"])


@MANY
@given(plans(), terms(), BASES, BASES, DATES, st.booleans())
def test_a_verdict_rests_only_on_real_current_prices(
    plan: Plan, t: Terms, plan_basis: str, option_basis: str, published: str, undated: bool
) -> None:
    """Whatever the bases and dates, the cheapest option is ranked, nothing ranked is cheaper,
    and every ranked total is made only of quoted or third-party prices that are current."""
    source = {"basis": plan_basis, "source": "fixture", "read_on": "2026-11-01"}
    source |= {} if undated else {"as_of": published}
    data = plan.model_dump(mode="json") | {"prices": source}
    if plan_basis == "illustrative":
        data["name"] += " (illustrative)"
    for option in data["payment_options"]:
        if option["kind"] != "yearly":
            option["source"] = source | {"basis": option_basis}
            if option_basis == "illustrative":
                option["name"] += " (illustrative)"
    judged = Terms(t.months, t.escalation, t.discount, t.children, Freshness(TODAY, 24))
    costs = option_costs(Plan.model_validate(data), judged)
    best = cheapest(costs)
    ranked = [cost for cost in costs if cost.ranked]
    assert (best is None) == (not ranked)
    if best is not None:
        assert best.ranked
        assert all(best.total <= cost.total for cost in ranked)
    for cost in ranked:
        assert cost.evidence.basis.value != "illustrative"
        assert not cost.evidence.out_of_date
        assert not cost.capped
    stale = (undated and plan_basis == "third_party") or (not undated and published < "2024-11-26")
    if stale or plan_basis == "illustrative":
        assert not any(cost.kind == "yearly" and cost.ranked for cost in costs)
