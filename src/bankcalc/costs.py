"""The cost core: year-by-year schedules and totals for a plan's payment options.

Pure functions over plain values: whole months, Decimal rates and amounts in USD. Each
payment is rounded once (money.cents); rows and totals are sums of rounded payments.
Timing: one-time fees, prepaid and lifetime prices fall due at birth; storage for storage
year y (child aged y-1 to y) is billed at its start; installment m falls in month m from birth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bankcalc.catalog import (
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
)
from bankcalc.money import ZERO, cents, split_cumulative

ONE = Decimal(1)
MONTHS_PER_YEAR = 12


@dataclass(frozen=True, slots=True)
class Terms:
    """The scenario as the core sees it: already parsed, already bounded."""

    months: int  # storage horizon from birth, whole months (>= 1)
    escalation: Decimal = ZERO  # yearly storage-fee increase, a fraction
    discount: Decimal = ZERO  # yearly discount rate for present value, a fraction
    children: int = 1  # children banked at the same birth (twins share per-birth fees)


@dataclass(frozen=True, slots=True)
class Row:
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
class OptionCost:
    option_id: str
    name: str
    kind: str
    total: Decimal
    present_value: Decimal
    months: int
    capped: bool
    break_even_year: int | None  # first year this option's cumulative cost is below yearly's


def schedule(plan: Plan, option: PaymentOption, terms: Terms) -> Schedule:
    """Year-by-year payments of one payment option of a plan -> Schedule (USD)."""
    months, capped = _covered_months(option, terms.months)
    years = -(-months // MONTHS_PER_YEAR)
    payments = _Payments(years)
    _add_one_time(payments, plan, option, terms)
    _add_storage(payments, plan, option, terms, years)
    _add_upfront_price(payments, option, plan, terms)
    if isinstance(option, InstallmentOption):
        _add_installments(payments, plan, option, terms)
    rows = payments.rows(terms.discount)
    total = rows[-1].cumulative
    return Schedule(
        plan_id=plan.id,
        option_id=option.id,
        months=months,
        capped=capped,
        rows=rows,
        total=total,
        present_value=rows[-1].cumulative_pv,
        per_year=cents(total * MONTHS_PER_YEAR / months),
        per_month=cents(total / months),
    )


def option_costs(plan: Plan, terms: Terms) -> tuple[OptionCost, ...]:
    """Every payment option of the plan over the same horizon, in catalog order."""
    schedules = [schedule(plan, option, terms) for option in plan.payment_options]
    yearly = next(
        (s for s, o in zip(schedules, plan.payment_options, strict=True) if o.kind == "yearly"),
        None,
    )
    return tuple(
        OptionCost(
            option_id=option.id,
            name=option.name,
            kind=option.kind,
            total=sched.total,
            present_value=sched.present_value,
            months=sched.months,
            capped=sched.capped,
            break_even_year=None
            if yearly is None or sched is yearly
            else break_even(sched, yearly),
        )
        for option, sched in zip(plan.payment_options, schedules, strict=True)
    )


def cheapest(costs: Sequence[OptionCost]) -> OptionCost:
    """The option with the lowest nominal total; ties go to the earlier option."""
    return min(costs, key=lambda cost: cost.total)


def break_even(option: Schedule, yearly: Schedule) -> int | None:
    """First storage year at whose end `option` has cost less in total than paying yearly."""
    for mine, theirs in zip(option.rows, yearly.rows, strict=False):
        if mine.cumulative < theirs.cumulative:
            return mine.year
    return None


def installment_payments(principal: Decimal, apr: Decimal, months: int) -> list[Decimal]:
    """Monthly payments (USD) of a standard amortized loan; they repay `principal` exactly."""
    if apr == 0:
        share = principal / months
        return list(split_cumulative(share for _ in range(months)))
    rate = apr / MONTHS_PER_YEAR
    level = cents(principal * rate / (ONE - (ONE + rate) ** -months))
    payments: list[Decimal] = []
    balance = principal
    for month in range(1, months + 1):
        owed = balance + cents(balance * rate)
        payment = owed if month == months else min(level, owed)
        payments.append(payment)
        balance = owed - payment
    return payments


class _Payments:
    """Rounded payments by storage year and kind, with monthly ones kept for discounting."""

    def __init__(self, years: int) -> None:
        self.one_time = [ZERO] * years
        self.storage = [ZERO] * years
        self.prepaid = [ZERO] * years
        self.installments: list[Decimal] = []  # by month from birth

    def rows(self, discount: Decimal) -> tuple[Row, ...]:
        years = max(len(self.one_time), -(-len(self.installments) // MONTHS_PER_YEAR))
        monthly = self._installments_by_year(years)
        yearly_factor = ONE / (ONE + discount)
        monthly_factor = (ONE + discount) ** (Decimal(-1) / MONTHS_PER_YEAR)
        factor, month_factor = ONE, ONE
        cumulative, pv_exact = ZERO, Decimal(0)
        rows: list[Row] = []
        for index in range(years):
            annual = self._at(self.one_time, index) + self._at(self.storage, index)
            annual += self._at(self.prepaid, index)
            pv_exact += annual * factor
            for payment in monthly[index]:
                pv_exact += payment * month_factor
                month_factor *= monthly_factor
            total = annual + sum(monthly[index], ZERO)
            cumulative += total
            rows.append(self._row(index, total, cumulative, cents(pv_exact), monthly[index]))
            factor *= yearly_factor
        return tuple(rows)

    def _row(
        self, index: int, total: Decimal, cumulative: Decimal, pv: Decimal, monthly: list[Decimal]
    ) -> Row:
        return Row(
            year=index + 1,
            age=index,
            one_time=self._at(self.one_time, index),
            storage=self._at(self.storage, index),
            prepaid=self._at(self.prepaid, index),
            installments=sum(monthly, ZERO),
            total=total,
            cumulative=cumulative,
            cumulative_pv=pv,
        )

    def _installments_by_year(self, years: int) -> list[list[Decimal]]:
        by_year: list[list[Decimal]] = [[] for _ in range(years)]
        for month, payment in enumerate(self.installments):
            by_year[month // MONTHS_PER_YEAR].append(payment)
        return by_year

    @staticmethod
    def _at(values: list[Decimal], index: int) -> Decimal:
        return values[index] if index < len(values) else ZERO


def _covered_months(option: PaymentOption, requested: int) -> tuple[int, bool]:
    if isinstance(option, LifetimeOption) and option.length is not None:
        return min(requested, option.length), requested > option.length
    return requested, False


def _financed(plan: Plan, option: PaymentOption) -> PaymentOption | None:
    """The prepaid or lifetime option whose price an installment plan pays for."""
    if isinstance(option, InstallmentOption) and option.finances is not None:
        return plan.option(option.finances)
    return None


def _fees(plan: Plan, option: PaymentOption, children: int, financed: bool) -> Decimal:
    """One-time fees for all children that are paid at birth, or (financed) through a loan.

    Fees a prepaid or lifetime price already covers are in neither.
    """
    covering = _financed(plan, option) or option
    covered = covering.includes_fees if isinstance(covering, PrepaidOption | LifetimeOption) else ()
    in_loan = isinstance(option, InstallmentOption)
    excluded = option.excluded_fees if isinstance(option, InstallmentOption) else ()
    total = ZERO
    for fee in plan.one_time_fees:
        if fee.kind not in covered and (in_loan and fee.kind not in excluded) == financed:
            total += fee.amount * (1 if fee.shared_by_multiples else children)
    return total


def _add_one_time(payments: _Payments, plan: Plan, option: PaymentOption, terms: Terms) -> None:
    payments.one_time[0] = _fees(plan, option, terms.children, financed=False)


def _prepaid_years(plan: Plan, option: PaymentOption, years: int) -> int:
    """Storage years covered without a yearly bill."""
    covering = _financed(plan, option) or option
    if isinstance(covering, LifetimeOption):
        return years
    if isinstance(covering, PrepaidOption):
        return max(covering.term // MONTHS_PER_YEAR, int(plan.first_year_included))
    return int(plan.first_year_included)


def _add_storage(
    payments: _Payments, plan: Plan, option: PaymentOption, terms: Terms, years: int
) -> None:
    covered = _prepaid_years(plan, option, years)
    growth = ONE + terms.escalation
    price = plan.annual_storage_fee * terms.children
    for index in range(years):
        if index >= covered:
            payments.storage[index] = cents(price)
        price *= growth


def _add_upfront_price(
    payments: _Payments, option: PaymentOption, plan: Plan, terms: Terms
) -> None:
    if isinstance(option, PrepaidOption | LifetimeOption):
        payments.prepaid[0] = option.price * terms.children


def _add_installments(
    payments: _Payments, plan: Plan, option: InstallmentOption, terms: Terms
) -> None:
    principal = _fees(plan, option, terms.children, financed=True)
    financed = _financed(plan, option)
    if isinstance(financed, PrepaidOption | LifetimeOption):
        principal += financed.price * terms.children
    if principal > 0:
        payments.installments = installment_payments(principal, option.apr, option.months)
