"""The cost core: year-by-year schedules and totals for a plan's payment options.

Pure functions over plain values: whole months, Decimal rates and amounts in USD. Each
payment is rounded once (money.cents); rows and totals are sums of rounded payments.
Timing: one-time fees, prepaid and lifetime prices fall due at birth; storage for storage
year y (child aged y-1 to y) is billed at its start; installment m falls in month m from birth.

Speed: the escalated storage bills and discount factors are the same for every option of a
plan, so they are computed once (`StorageSeries`) with running sums; an option's total, its
present value and any row of its schedule are then differences of those sums. A 78-year
quote with every option compared stays well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, mul
from typing import NamedTuple

from bankcalc.catalog.kinds import Basis
from bankcalc.catalog.models import PaymentOption, Plan
from bankcalc.core.evidence import Evidence, option_evidence
from bankcalc.core.payments import ONE, OptionPayments, installment_payments, option_payments
from bankcalc.core.terms import Terms
from bankcalc.money import ZERO, cents, cents_each
from bankcalc.units import MONTHS_PER_YEAR

__all__ = [
    "Loan",
    "OptionCost",
    "Resumes",
    "Row",
    "Schedule",
    "StorageSeries",
    "Terms",
    "all_schedules",
    "break_even",
    "cheapest",
    "installment_payments",
    "option_costs",
    "plan_costs",
    "schedule",
]


class Row(NamedTuple):
    """One storage year of a schedule (USD). A NamedTuple: immutable, and built 4x faster than
    a frozen dataclass, which matters at one row per year per quote."""

    year: int  # storage year, 1-based
    age: int  # child's age in whole years when the year's payments start (year - 1)
    one_time: Decimal
    storage: Decimal
    prepaid: Decimal
    installments: Decimal
    total: Decimal
    cumulative: Decimal
    cumulative_pv: Decimal


@dataclass(frozen=True, slots=True)
class Schedule:
    plan_id: str
    option_id: str
    months: int  # horizon actually covered (a lifetime plan caps it at its stated length)
    capped: bool  # True when the requested horizon was longer than the option covers
    rows: tuple[Row, ...]
    total: Decimal
    present_value: Decimal
    per_year: Decimal  # total / horizon in years
    per_month: Decimal  # total / horizon in months


@dataclass(frozen=True, slots=True)
class Loan:
    """Installments as the family pays them: one loan per birth, for every child banked."""

    principal: Decimal  # what is financed (USD)
    months: int
    apr: Decimal  # a fraction
    regular: Decimal | None  # every payment but the last, when all equal (USD); None: cents vary
    lowest: Decimal  # the smallest monthly payment (USD)
    highest: Decimal  # the largest (the cents vary when a 0 % split is not even)
    last: Decimal  # the final payment, which clears the balance
    interest: Decimal  # paid in total over the loan: payments - principal (USD)
    apr_stated: bool = True  # False: the APR is bankcalc's illustrative reading, not the bank's


@dataclass(frozen=True, slots=True)
class Resumes:
    """After a prepaid term, yearly storage bills start again."""

    year: int  # the first storage year billed again
    amount: Decimal  # that year's bill, all children (USD)


@dataclass(frozen=True, slots=True)
class OptionCost:
    option_id: str
    name: str
    kind: str
    total: Decimal  # leaves out any fee whose amount is not published (evidence.unpublished)
    present_value: Decimal
    months: int  # the horizon this total covers: a lifetime plan may stop short of the one asked
    capped: bool
    # First year from which this option has cost less than paying yearly; None when it never
    # does, or when either total is kept out of verdicts (evidence.not_ranked_because).
    break_even_year: int | None
    evidence: Evidence
    loan: Loan | None = None
    resumes: Resumes | None = None

    @property
    def ranked(self) -> bool:
        return self.evidence.ranked


def schedule(plan: Plan, option: PaymentOption, terms: Terms) -> Schedule:
    """Year-by-year payments of one payment option of a plan -> Schedule (USD)."""
    return _schedule(plan, option_payments(plan, option, terms), StorageSeries(plan, terms))


def option_costs(plan: Plan, terms: Terms) -> tuple[OptionCost, ...]:
    """Every priced payment option of the plan over the same horizon, in catalog order."""
    options = plan.priced_options
    every = [option_payments(plan, option, terms) for option in options]
    return _option_costs(plan, options, every, StorageSeries(plan, terms), terms)


def all_schedules(plan: Plan, terms: Terms) -> tuple[Schedule, ...]:
    """The schedule of every priced option of the plan, in catalog order (e.g. for a chart)."""
    series = StorageSeries(plan, terms)
    return tuple(
        _schedule(plan, option_payments(plan, option, terms), series)
        for option in plan.priced_options
    )


def plan_costs(
    plan: Plan, option: PaymentOption, terms: Terms
) -> tuple[Schedule, tuple[OptionCost, ...]]:
    """The chosen option's schedule and every option's cost, sharing one storage series."""
    series = StorageSeries(plan, terms)
    options = plan.priced_options
    every = [option_payments(plan, each, terms) for each in options]
    mine = next(p for p, each in zip(every, options, strict=True) if each is option)
    return _schedule(plan, mine, series), _option_costs(plan, options, every, series, terms)


def cheapest(costs: Sequence[OptionCost]) -> OptionCost | None:
    """The option with the lowest total among those that may carry a verdict: real, current
    prices covering the whole horizon (a lifetime plan capped at 78 years is not cheaper for
    100 years: it stops paying for storage). None when no option qualifies; ties go to the
    earlier option."""
    ranked = [cost for cost in costs if cost.ranked]
    return min(ranked, key=lambda cost: cost.total) if ranked else None


def break_even(option: Schedule, yearly: Schedule) -> int | None:
    """The storage year from which `option` has cost less in total than paying yearly, at the
    end of that year and every year after it within the horizon; None if it never does."""
    mine = [row.cumulative for row in option.rows]
    return _year_below_from(mine, [row.cumulative for row in yearly.rows])


class StorageSeries:
    """A plan's yearly storage bills for a scenario, escalated and rounded, for all children,
    with running sums of the bills and of their present values."""

    __slots__ = ("billed", "billed_pv", "bills", "monthly_discount", "years")

    def __init__(self, plan: Plan, terms: Terms) -> None:
        self.years = years = -(-terms.months // MONTHS_PER_YEAR)
        # Storage is billed per child: each child's bill is rounded, then the bills are added.
        price = plan.annual_storage_fee
        children = terms.children
        if terms.escalation == 0:
            bills = [cents(price) * children] * years
        else:
            growth = ONE + terms.escalation
            prices = accumulate(repeat(growth, years - 1), mul, initial=price)
            bills = cents_each(prices)
            if children > 1:
                bills = [bill * children for bill in bills]
        self.bills = bills
        # running sums with C-level loops: this runs for every quote, once per year
        self.billed = billed = list(accumulate(bills, initial=ZERO))
        self.billed_pv = billed if terms.discount == 0 else _discounted(bills, terms.discount)
        self.monthly_discount = _monthly_discount(terms.discount)

    def storage(self, first: int, end: int) -> tuple[Decimal, Decimal]:
        """Bills for storage years first+1 .. end (0-based [first, end)) -> (nominal, PV)."""
        first = min(first, end)
        return self.billed[end] - self.billed[first], self.billed_pv[end] - self.billed_pv[first]


@lru_cache(maxsize=64)
def _monthly_discount(discount: Decimal) -> Decimal:
    """(1 + d)^(-1/12), for discounting installments month by month. Memoized: a fractional
    Decimal power costs ~18 us, and the same few rates come back on every request."""
    return (ONE + discount) ** (Decimal(-1) / MONTHS_PER_YEAR)


def _discounted(bills: list[Decimal], discount: Decimal) -> list[Decimal]:
    """Running sums of bill_y / (1 + d)^y (exact, not rounded: only totals are rounded)."""
    factors = accumulate(repeat(ONE / (ONE + discount), len(bills) - 1), mul, initial=ONE)
    return list(accumulate(map(mul, bills, factors), initial=Decimal(0)))


def _option_costs(
    plan: Plan,
    options: Sequence[PaymentOption],
    plans: Sequence[OptionPayments],
    series: StorageSeries,
    terms: Terms,
) -> tuple[OptionCost, ...]:
    judged = [
        option_evidence(
            plan,
            option,
            payments,
            payments.free_years < payments.years,
            terms.freshness,
            terms.months,
        )
        for option, payments in zip(options, plans, strict=True)
    ]
    yearly_at = next((i for i, p in enumerate(plans) if p.kind == "yearly"), None)
    # Break-even is a verdict too: it needs a yearly option whose total may carry one.
    yearly = None if yearly_at is None or not judged[yearly_at].ranked else plans[yearly_at]
    yearly_path: list[Decimal] = []  # built once, for the first option that needs it

    costs = []
    for payments, evidence in zip(plans, judged, strict=True):
        total, pv = _totals(payments, series)
        even = None
        if yearly is not None and payments is not yearly and evidence.ranked:
            yearly_path = yearly_path or _cumulative(yearly, series)
            even = _break_even_year(payments, yearly, yearly_path, series)
        costs.append(
            OptionCost(
                option_id=payments.option_id,
                name=payments.name,
                kind=payments.kind,
                total=total,
                present_value=pv,
                months=payments.months,
                capped=payments.capped,
                break_even_year=even,
                evidence=evidence,
                loan=_loan(payments, options),
                resumes=_resumes(payments, series),
            )
        )
    return tuple(costs)


def _loan(payments: OptionPayments, options: Sequence[PaymentOption]) -> Loan | None:
    paid = payments.installments
    if not paid:
        return None
    option = next(o for o in options if o.id == payments.option_id)
    apr = getattr(option, "apr", ZERO)
    source = getattr(option, "source", None)
    stated = source is None or source.basis is not Basis.ILLUSTRATIVE
    regular = paid[0] if len(set(paid[:-1])) <= 1 else None
    return Loan(
        principal=payments.principal,
        months=len(paid),
        apr=apr,
        regular=regular,
        lowest=min(paid),
        highest=max(paid),
        last=paid[-1],
        interest=sum(paid, ZERO) - payments.principal,
        apr_stated=stated,
    )


def _resumes(payments: OptionPayments, series: StorageSeries) -> Resumes | None:
    """When a prepaid term ends inside the horizon, the year yearly bills start again."""
    if payments.kind != "prepaid" or payments.free_years >= payments.years:
        return None
    return Resumes(payments.free_years + 1, series.bills[payments.free_years])


def _totals(payments: OptionPayments, series: StorageSeries) -> tuple[Decimal, Decimal]:
    """Total and present value (USD) of one option over its covered horizon."""
    storage, storage_pv = series.storage(payments.free_years, payments.years)
    installments = payments.installments_by_year
    total = payments.at_birth + storage + sum(installments, ZERO)
    pv = payments.at_birth + storage_pv + payments.installments_pv(series.monthly_discount)[-1]
    return total, cents(pv)


def _cumulative(
    payments: OptionPayments, series: StorageSeries, limit: int | None = None
) -> list[Decimal]:
    """Cumulative cost at the end of each storage year, as long as the schedule runs (or for
    the first `limit` years)."""
    billed, years, free = series.billed, payments.years, payments.free_years
    rows = payments.rows if limit is None else min(limit, payments.rows)
    ends = [year if year < years else years for year in range(1, rows + 1)]
    path = [payments.at_birth + billed[end] - billed[free if free < end else end] for end in ends]
    paid = payments.installments_cumulative
    if not paid:
        return path
    paid_path = list(paid) + [paid[-1]] * (rows - len(paid))
    return [cost + loan for cost, loan in zip(path, paid_path, strict=True)]


def _break_even_year(
    payments: OptionPayments, yearly: OptionPayments, path: list[Decimal], series: StorageSeries
) -> int | None:
    """Break-even of one option against paying yearly (see break_even)."""
    if payments.capped:
        return _year_below_from(_cumulative(payments, series), path)
    # Once both have no free years and no installments left, both pay the same bill each
    # year, so their difference stays as it is: the years after that need no comparing.
    steady = max(payments.free_years, yearly.free_years)
    steady = max(steady, len(payments.installments_by_year), len(yearly.installments_by_year))
    mine = _cumulative(payments, series, limit=steady + 1)
    return _year_below_from(mine, path[: len(mine)])


def _year_below_from(mine: list[Decimal], theirs: list[Decimal]) -> int | None:
    """Start of the last run of years in which `mine` is below `theirs`, if the run lasts to
    the end: an option that dips below yearly and crosses back has not broken even."""
    year = min(len(mine), len(theirs))
    if year == 0 or not mine[year - 1] < theirs[year - 1]:
        return None
    while year > 1 and mine[year - 2] < theirs[year - 2]:
        year -= 1
    return year


def _schedule(plan: Plan, payments: OptionPayments, series: StorageSeries) -> Schedule:
    # Built column by column with C-level list operations, then zipped into rows: a Python
    # loop over 78 years was the largest cost of a quote.
    count, years, free = payments.rows, payments.years, payments.free_years
    low = min(free, count)
    high = max(low, min(years, count))
    storage = [ZERO] * low + series.bills[low:high] + [ZERO] * (count - high)
    paid = list(payments.installments_by_year[:count])
    paid += [ZERO] * (count - len(paid))
    later = [ZERO] * (count - 1)
    one_time, prepaid = [payments.one_time, *later], [payments.prepaid, *later]
    # most years have only a storage bill: add the other columns only where they hold money
    totals = list(map(add, storage, paid)) if payments.installments_by_year else storage[:]
    if count:
        totals[0] += payments.one_time + payments.prepaid
    cumulative = list(accumulate(totals, initial=ZERO))[1:]
    discounted = series.billed_pv is not series.billed
    present = _present_values(payments, series) if discounted else cumulative  # 0 %: nominal
    new_row = tuple.__new__  # Row's own __new__ is a Python function: skip it, same tuple
    rows = [
        new_row(Row, row)
        for row in zip(
            range(1, count + 1), range(count), one_time, storage, prepaid, paid, totals,
            cumulative, present, strict=True,
        )
    ]  # fmt: skip
    total = cumulative[-1]
    return Schedule(
        plan_id=plan.id,
        option_id=payments.option_id,
        months=payments.months,
        capped=payments.capped,
        rows=tuple(rows),
        total=total,
        present_value=rows[-1].cumulative_pv,
        # a horizon under a year is billed a whole year: its yearly average is that year's cost
        per_year=cents(total * MONTHS_PER_YEAR / max(payments.months, MONTHS_PER_YEAR)),
        per_month=cents(total / payments.months),
    )


def _present_values(payments: OptionPayments, series: StorageSeries) -> list[Decimal]:
    """Cumulative PV by the end of each year, from the running sums, so the last one is
    exactly the option's total PV (USD, to the cent)."""
    billed_pv, years = series.billed_pv, payments.years
    start = billed_pv[min(payments.free_years, years)]
    paid_pv = payments.installments_pv(series.monthly_discount)
    last = len(paid_pv) - 1
    exact = []
    for index in range(payments.rows):
        end = billed_pv[index + 1 if index < years else years]
        storage = end - (start if start < end else end)
        exact.append(payments.at_birth + storage + paid_pv[index if index < last else last])
    return cents_each(exact)
