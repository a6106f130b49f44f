"""Which totals may carry a verdict ("cheapest", a rank, "breaks even in year N").

A total is only as good as its weakest price: its basis is the weakest basis of the prices it
is made of (quoted > third party > illustrative), and it is out of date when any of them is.
Only totals made of quoted or third-party prices that are not out of date, covering the whole
horizon asked for, enter a verdict; the others are still computed and shown, with the reasons.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from bankcalc.catalog.kinds import Basis, FeeKind, weakest
from bankcalc.catalog.models import (
    Fee,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
    PricedOption,
)
from bankcalc.catalog.sources import PriceSource
from bankcalc.core.payments import OptionPayments
from bankcalc.core.terms import Freshness
from bankcalc.i18n import N_, _, ngettext
from bankcalc.units import MONTHS_PER_YEAR, months_text

# Why a price keeps a total out of every verdict, one whole sentence per kind of price (so
# each language can make its words agree); English, marked for translation, worded at use.
ILLUSTRATIVE_FEE = {
    FeeKind.ENROLLMENT: N_("the enrollment fee is illustrative"),
    FeeKind.PROCESSING: N_("the processing fee is illustrative"),
    FeeKind.COURIER_KIT: N_("the kit and courier fee is illustrative"),
}


@dataclass(frozen=True, slots=True)
class NotRanked:
    """Why a total stays out of every verdict: a code for programs, a sentence for people."""

    code: str  # illustrative, out_of_date, undated, undated_third_party, shorter_than_horizon
    detail: str  # "the lifetime price is illustrative"


@dataclass(frozen=True, slots=True)
class Evidence:
    basis: Basis  # the weakest basis of the prices the total is made of
    out_of_date: bool  # one of those prices is older than the catalog allows, or undated
    not_ranked_because: tuple[NotRanked, ...]  # empty: the total may enter a verdict
    unpublished: tuple[str, ...]  # fees in the total whose amount the bank does not publish

    @property
    def ranked(self) -> bool:
        return not self.not_ranked_because


def fee_illustrative(fee: Fee) -> str:
    """'the processing fee is illustrative', or with the bank's own name for another fee."""
    sentence = ILLUSTRATIVE_FEE.get(fee.kind)
    if sentence is not None:
        return _(sentence)
    return _("the “{name}” fee is illustrative").format(name=fee.name)


def price_illustrative(option: PaymentOption) -> str:
    """'the lifetime price is illustrative', 'the 18-year prepaid price is illustrative'."""
    if isinstance(option, LifetimeOption):
        return _("the lifetime price is illustrative")
    if isinstance(option, InstallmentOption):
        return _("the monthly payment plan is illustrative")
    if isinstance(option, PrepaidOption):
        years = option.term // MONTHS_PER_YEAR  # terms are whole years
        sentence = ngettext(
            "the {years}-year prepaid price is illustrative",
            "the {years}-year prepaid price is illustrative",
            years,
        )
        return sentence.format(years=years)
    return _("the price is illustrative")


def staleness(source: PriceSource, freshness: Freshness | None) -> NotRanked | None:
    """Why a price may be out of date, or None. An undated figure always may be, whoever
    published it (the day bankcalc read it says nothing of when it was set); a dated one
    once it is older than the catalog allows."""
    if freshness is None:
        return None
    if source.as_of is None:
        if source.basis is Basis.THIRD_PARTY:
            return NotRanked("undated_third_party", _("undated prices quoted by a third party"))
        return NotRanked("undated", _("undated prices"))
    if add_months(source.as_of, freshness.stale_after) >= freshness.today:
        return None
    return NotRanked("out_of_date", _("prices from {year}").format(year=source.as_of.year))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def option_evidence(
    plan: Plan,
    option: PaymentOption,
    payments: OptionPayments,
    storage_billed: bool,
    freshness: Freshness | None,
    asked_months: int,
) -> Evidence:
    """The basis, age and verdict-worthiness of one option's total."""
    parts = list(_parts(plan, option, payments, storage_billed))
    reasons: list[NotRanked] = []
    for illustrative, source in parts:
        if source.basis is Basis.ILLUSTRATIVE:
            reasons.append(NotRanked("illustrative", illustrative))
    stale = [reason for _, source in parts if (reason := staleness(source, freshness))]
    reasons += stale
    if payments.capped:
        covered, asked = months_text(payments.months), months_text(asked_months)
        detail = _("it covers only {covered} of the {asked} asked")
        reasons.append(
            NotRanked("shorter_than_horizon", detail.format(covered=covered, asked=asked))
        )
    return Evidence(
        basis=weakest(source.basis for _, source in parts),
        out_of_date=bool(stale),
        not_ranked_because=tuple(dict.fromkeys(reasons)),  # each reason once, in order
        unpublished=tuple(str(fee.name) for fee in payments.fees if fee.amount is None),
    )


def _parts(
    plan: Plan, option: PaymentOption, payments: OptionPayments, storage_billed: bool
) -> list[tuple[str, PriceSource]]:
    """(what it says if illustrative, source) for every published price the total is made of."""
    parts = [
        (fee_illustrative(fee), plan.fee_source(fee))
        for fee in payments.fees
        if fee.amount is not None
    ]
    if storage_billed:
        parts.append((_("the yearly storage fee is illustrative"), plan.prices))
    priced: PricedOption | None = payments.priced_by
    if priced is not None:
        parts.append((price_illustrative(priced), plan.prices_for(priced.id)))
    if isinstance(option, InstallmentOption):
        parts.append((price_illustrative(option), plan.prices_for(option.id)))
    return parts
