"""FSA/HSA: banking cord blood as a precaution is usually not eligible (IRS Information Letter
2010-0017; Publication 502). An estimate is made only for a family with a known medical need,
and only on the payments made while the child can be the parents' dependent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bankcalc.core.costs import Row
from bankcalc.money import ZERO, cents

NOT_ELIGIBLE_CAVEATS = (
    "Usually not eligible. The IRS does not count banking cord blood as a precaution against a"
    " disease that might develop as medical care (Information Letter 2010-0017, with the"
    " definition of medical care in Publication 502), so FSA and HSA money cannot pay for it.",
    "It may qualify only when a disease the cord blood is meant to treat already exists or is"
    " about to, for example when a parent or a full brother or sister of the baby has been"
    " diagnosed, with a Letter of Medical Necessity from the doctor.",
)


def may_qualify_caveats(dependent_until: int) -> tuple[str, ...]:
    return (
        "An estimate, not tax advice. It may qualify because a family member already has a"
        " disease the cord blood is meant to treat: ask the doctor for a Letter of Medical"
        " Necessity.",
        "The FSA or HSA plan administrator decides whether your case qualifies, and may refuse.",
        f"Only payments made while your child can be your dependent count: here, before age"
        f" {dependent_until}. Yearly contribution limits may keep part of the cost out; the"
        " estimate ignores them.",
    )


class TaxStatus(StrEnum):
    USUALLY_NOT_ELIGIBLE = "usually_not_eligible"  # banking as a precaution
    MAY_QUALIFY = "may_qualify"  # a known medical need in the family


@dataclass(frozen=True, slots=True)
class TaxEstimate:
    status: TaxStatus
    dependent_until: int  # age before which payments count (may_qualify only)
    rate: Decimal | None  # marginal tax rate, a fraction; None when none was given
    eligible: Decimal | None  # payments made before that age, USD; None when not eligible
    savings: Decimal | None  # eligible x rate, USD; None without a rate or when not eligible
    net: Decimal | None  # the total after the estimated savings, USD
    caveats: tuple[str, ...]


def tax_estimate(
    rows: Sequence[Row],
    total: Decimal,
    known_need: bool,
    rate: Decimal | None,
    dependent_until: int,
) -> TaxEstimate:
    """What an FSA/HSA could save (USD): nothing estimated without a known medical need."""
    if not known_need:
        return TaxEstimate(
            TaxStatus.USUALLY_NOT_ELIGIBLE, dependent_until, rate, None, None, None,
            NOT_ELIGIBLE_CAVEATS,
        )  # fmt: skip
    # row.age is the child's age when the year's payments start
    eligible = sum((row.total for row in rows if row.age < dependent_until), ZERO)
    savings = None if rate is None else cents(eligible * rate)
    net = None if savings is None else total - savings
    caveats = may_qualify_caveats(dependent_until)
    return TaxEstimate(
        TaxStatus.MAY_QUALIFY, dependent_until, rate, eligible, savings, net, caveats
    )
