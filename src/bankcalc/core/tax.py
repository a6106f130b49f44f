"""FSA/HSA: banking cord blood as a precaution is usually not eligible (IRS Information Letter
2010-0017; Publication 502). An estimate is made only for a family with a known medical need,
and only on the payments made while the child can be the parents' dependent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bankcalc.core.costs import Row
from bankcalc.i18n import N_, _
from bankcalc.money import ZERO, cents

# English, marked for translation: tax_estimate words them in the current language.
NOT_ELIGIBLE_CAVEATS = (
    N_(
        "Usually not eligible. The IRS says that saving cord blood just in case a disease develops"
        " is not medical care, so FSA and HSA money cannot pay for it (IRS Information Letter"
        " 2010-0017; Publication 502)."
    ),
    N_(
        "It may qualify only when a parent or a full brother or sister of the baby already has a"
        " disease the cord blood is meant to treat, with a Letter of Medical Necessity from the"
        " doctor."
    ),
)


def not_eligible_caveats() -> tuple[str, ...]:
    """Why banking as a precaution is usually not FSA/HSA-eligible, in the current language."""
    return tuple(_(caveat) for caveat in NOT_ELIGIBLE_CAVEATS)


def may_qualify_caveats(dependent_until: int) -> tuple[str, ...]:
    return (
        _(
            "The most it could save, not tax advice. It may qualify because a family member"
            " already has a disease the cord blood is meant to treat, with a Letter of Medical"
            " Necessity; often only the collection, and storage for as long as the letter says"
            " the unit is needed, count."
        ),
        _("The FSA or HSA plan administrator decides whether your case qualifies, and may refuse."),
        _(
            "An FSA pays back only what you spend in its plan year, up to its yearly limit; an HSA"
            " only what you have paid in. Only payments made while your child can be your"
            " dependent are counted here: before age {age}."
        ).format(age=dependent_until),
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
    # eligible x rate, USD: the most it could save, never netted against the cost (like the
    # guarantee, it is money the family may or may not see); None without a rate
    savings: Decimal | None
    caveats: tuple[str, ...]


def tax_estimate(
    rows: Sequence[Row],
    known_need: bool,
    rate: Decimal | None,
    dependent_until: int,
) -> TaxEstimate:
    """The most an FSA/HSA could save (USD): nothing estimated without a known medical need."""
    if not known_need:
        not_eligible = TaxStatus.USUALLY_NOT_ELIGIBLE
        caveats = not_eligible_caveats()
        return TaxEstimate(not_eligible, dependent_until, rate, None, None, caveats)
    # row.age is the child's age when the year's payments start
    eligible = sum((row.total for row in rows if row.age < dependent_until), ZERO)
    savings = None if rate is None else cents(eligible * rate)
    caveats = may_qualify_caveats(dependent_until)
    return TaxEstimate(TaxStatus.MAY_QUALIFY, dependent_until, rate, eligible, savings, caveats)
