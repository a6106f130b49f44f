"""What one payment option makes a family pay, before storage bills are added by year:
the fees and prices due at birth, the storage years already paid for, and any installments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from bankcalc.catalog.models import (
    Fee,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
    PricedOption,
)
from bankcalc.core.terms import Terms
from bankcalc.money import ZERO, cents, split_evenly
from bankcalc.units import MONTHS_PER_YEAR

ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class OptionPayments:
    option_id: str
    name: str
    kind: str
    months: int  # horizon covered: a lifetime plan caps it at its stated length
    capped: bool
    free_years: int  # storage years with no bill: prepaid, lifetime or included in processing
    one_time: Decimal  # one-time fees paid at birth, all children (USD)
    prepaid: Decimal  # prepaid or lifetime price paid at birth, all children (USD)
    installments: tuple[Decimal, ...] = ()  # monthly from birth (USD)
    fees: tuple[Fee, ...] = ()  # the one-time fees in this option's total, priced or not
    priced_by: PricedOption | None = None  # the prepaid/lifetime price in the total, if any
    principal: Decimal = ZERO  # what the installments repay, before interest (USD)
    # Derived once here, read in the per-year loops:
    years: int = field(init=False)  # storage years in the covered horizon (partial = whole)
    rows: int = field(init=False)  # years the schedule runs: longer while installments are due
    at_birth: Decimal = field(init=False)  # one_time + prepaid
    installments_by_year: tuple[Decimal, ...] = field(init=False)
    installments_cumulative: tuple[Decimal, ...] = field(init=False)  # by the end of each year

    def __post_init__(self) -> None:
        by_year = [ZERO] * -(-len(self.installments) // MONTHS_PER_YEAR)
        for month, payment in enumerate(self.installments):
            by_year[month // MONTHS_PER_YEAR] += payment
        running, cumulative = ZERO, []
        for paid in by_year:
            running += paid
            cumulative.append(running)
        years = -(-self.months // MONTHS_PER_YEAR)
        derived = {
            "years": years,
            "rows": max(years, len(by_year)),
            "at_birth": self.one_time + self.prepaid,
            "installments_by_year": tuple(by_year),
            "installments_cumulative": tuple(cumulative),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def installments_pv(self, monthly_discount: Decimal) -> list[Decimal]:
        """Present value of the installments paid by the end of each year (exact, USD).

        Payment m is due at the end of month m, as the amortization charges a month's interest
        before it, so it is discounted by m months.
        """
        running, factor, path = Decimal(0), ONE, []
        for month, payment in enumerate(self.installments, start=1):
            factor *= monthly_discount
            running += payment * factor
            if month % MONTHS_PER_YEAR == 0 or month == len(self.installments):
                path.append(running)
        return path or [Decimal(0)]


def option_payments(plan: Plan, option: PaymentOption, terms: Terms) -> OptionPayments:
    """Sort a plan's fees and prices for one option and scenario into when they are paid.

    Only for an option with a published price (Plan.priced_options); a fee whose amount is
    not published is listed in `fees` and left out of every amount.
    """
    financed = plan.financed(option)
    covering = financed or option
    # an installment plan for a lifetime option covers what that option covers
    months, capped = _covered_months(covering, terms.months)
    priced = covering if isinstance(covering, PrepaidOption | LifetimeOption) else None
    if priced is not None and priced.price is None:
        raise ValueError(f"option '{option.id}' has no published price to compute")
    upfront = priced.price * terms.children if priced and priced.price else ZERO
    loan = _fees(plan, option, terms.children, financed=True)
    installments: tuple[Decimal, ...] = ()
    if isinstance(option, InstallmentOption):
        loan += upfront if financed is not None else ZERO
        if loan > 0:
            installments = installment_payments(loan, option.apr, option.months)
    return OptionPayments(
        option_id=option.id,
        name=str(option.name),
        kind=option.kind,
        months=months,
        capped=capped,
        free_years=_free_years(plan, covering, months),
        one_time=_fees(plan, option, terms.children, financed=False),
        prepaid=upfront if financed is None else ZERO,
        installments=installments,
        fees=_fees_in_total(plan, covering),
        priced_by=priced,
        principal=loan if installments else ZERO,
    )


@lru_cache(maxsize=1024)
def installment_payments(principal: Decimal, apr: Decimal, months: int) -> tuple[Decimal, ...]:
    """Monthly payments (USD) of a standard amortized loan; they repay `principal` exactly.

    Memoized: a pure function of its arguments, and every quote of a plan asks for the same
    few loans (one per installment option and number of children).
    """
    if apr == 0:
        return split_evenly(principal, months)
    rate = apr / MONTHS_PER_YEAR
    level = cents(principal * rate / (ONE - (ONE + rate) ** -months))
    payments: list[Decimal] = []
    balance = principal
    for month in range(1, months + 1):
        owed = balance + cents(balance * rate)
        payment = owed if month == months else min(level, owed)
        payments.append(payment)
        balance = owed - payment
    return tuple(payments)


def _covered_months(option: PaymentOption, requested: int) -> tuple[int, bool]:
    if isinstance(option, LifetimeOption) and option.length is not None:
        return min(requested, option.length), requested > option.length
    return requested, False


def _covered_fees(covering: PaymentOption) -> tuple[str, ...]:
    return covering.includes_fees if isinstance(covering, PrepaidOption | LifetimeOption) else ()


def _fees_in_total(plan: Plan, covering: PaymentOption) -> tuple[Fee, ...]:
    covered = _covered_fees(covering)
    return tuple(fee for fee in plan.one_time_fees if fee.kind not in covered)


def _fees(plan: Plan, option: PaymentOption, children: int, financed: bool) -> Decimal:
    """One-time fees for all children paid at birth, or (financed) through a loan.

    Fees a prepaid or lifetime price already covers are in neither; a fee whose amount is
    not published adds nothing (the quote names it instead).
    """
    covered = _covered_fees(plan.financed(option) or option)
    in_loan = isinstance(option, InstallmentOption)
    excluded = option.excluded_fees if isinstance(option, InstallmentOption) else ()
    total = ZERO
    for fee in plan.one_time_fees:
        if fee.amount is None or fee.kind in covered:
            continue
        if (in_loan and fee.kind not in excluded) == financed:
            total += fee.amount * (1 if fee.shared_by_multiples else children)
    return total


def _free_years(plan: Plan, covering: PaymentOption, months: int) -> int:
    """Storage years covered without a yearly bill."""
    if isinstance(covering, LifetimeOption):
        return -(-months // MONTHS_PER_YEAR)
    if isinstance(covering, PrepaidOption):
        return max(covering.term // MONTHS_PER_YEAR, int(plan.first_year_included))
    return int(plan.first_year_included)
