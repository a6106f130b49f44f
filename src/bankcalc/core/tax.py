"""FSA/HSA payment: an estimate of the tax saved, never a promise."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bankcalc.money import cents

TAX_CAVEAT = (
    "An estimate only. Paying through an FSA or HSA needs a Letter of Medical Necessity, and"
    " the plan administrator decides whether cord-blood banking is an eligible expense;"
    " yearly contribution limits may keep part of the cost out."
)


@dataclass(frozen=True, slots=True)
class TaxEstimate:
    rate: Decimal  # marginal tax rate, a fraction
    eligible: Decimal  # spend assumed paid through the FSA/HSA, USD
    savings: Decimal  # eligible x rate, USD
    net: Decimal  # total after the estimated savings, USD
    caveat: str = TAX_CAVEAT


def tax_estimate(total: Decimal, rate: Decimal) -> TaxEstimate:
    """Savings if every payment went through an FSA/HSA at the marginal `rate` -> USD."""
    savings = cents(total * rate)
    return TaxEstimate(rate=rate, eligible=total, savings=savings, net=total - savings)
