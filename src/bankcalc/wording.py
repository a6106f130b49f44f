"""How the pages word things for parents: what a plan stores, durations, dates, grades.

Display only: no figure is computed here; amounts arrive already rounded from the core.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bankcalc.catalog.claims import EvidenceGrade
from bankcalc.catalog.kinds import Basis, FeeKind, Stored
from bankcalc.catalog.models import (
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
)
from bankcalc.catalog.offer import is_entered_source
from bankcalc.catalog.sources import PriceSource
from bankcalc.core.costs import Loan
from bankcalc.core.evidence import Evidence
from bankcalc.fields import percent as percent_text
from bankcalc.money import format_usd
from bankcalc.units import months_text as duration_text

__all__ = ["duration_text", "percent_text"]

STORED_TEXT: Mapping[Stored, str] = {
    Stored.CORD_BLOOD: "cord blood",
    Stored.CORD_TISSUE: "cord tissue",
    Stored.PLACENTA_TISSUE: "placental tissue",
    Stored.PLACENTA_BLOOD: "placental blood",
    Stored.EXOSOMES: "exosomes",
    Stored.AMNION: "amnion",
}
BASIS_TEXT: Mapping[Basis, str] = {
    Basis.QUOTED: "Published by the bank",
    Basis.THIRD_PARTY: "Published by a third party",
    Basis.ILLUSTRATIVE: "Illustrative: not a published price",
}
OUT_OF_DATE = "may be out of date"
GRADE_TEXT: Mapping[EvidenceGrade, str] = {
    EvidenceGrade.POPULATION_STATISTIC: "Measured in a population",
    EvidenceGrade.MODEL_ESTIMATE: "Model estimate from population data",
    EvidenceGrade.OBSERVED_RATE: "Counted by a survey of banks",
    EvidenceGrade.COST_MODEL: "A cost model",
    EvidenceGrade.EXPERT_ESTIMATE: "Experts' estimate",
    EvidenceGrade.MENDELIAN_ARITHMETIC: "Genetics arithmetic",
    EvidenceGrade.PROFESSIONAL_RECOMMENDATION: "Doctors' professional advice",
    EvidenceGrade.MARKETING_CLAIM: "A seller's wording",
    EvidenceGrade.SPECULATIVE_PROJECTION: "A guess, not a measured chance",
}
FEE_TEXT: Mapping[FeeKind, str] = {
    FeeKind.ENROLLMENT: "enrollment",
    FeeKind.PROCESSING: "processing",
    FeeKind.COURIER_KIT: "kit and courier",
    FeeKind.OTHER: "other",
}


def grade_text(grade: EvidenceGrade) -> str:
    """How much a figure can bear, in a parent's words."""
    return GRADE_TEXT[grade]


def stores_text(plan: Plan) -> str:
    """'cord blood, cord tissue and exosomes'."""
    names = [STORED_TEXT[item] for item in plan.stores]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def short_label(option: PaymentOption) -> str:
    """A few words for a chart line's end: 'Yearly', 'Prepaid 20 yr', '24 monthly'."""
    if isinstance(option, PrepaidOption):
        return f"Prepaid {duration_text(option.term, short=True)}"
    if isinstance(option, LifetimeOption):
        return "Lifetime"
    if isinstance(option, InstallmentOption):
        return f"{option.months} monthly"
    return "Yearly"


def long_date(day: dt.date) -> str:
    """'Saturday, May 1, 2027': weekday and month spelled out, as US families write dates."""
    return f"{day:%A}, {day:%B} {day.day}, {day:%Y}"


def short_date(day: dt.date) -> str:
    """'November 25, 2026', for the date a price was published or read."""
    return f"{day:%B} {day.day}, {day:%Y}"


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def source_date(source: PriceSource) -> str:
    """'published August 4, 2008'; for an undated source 'undated, read on November 25, 2026';
    for the family's own figures 'entered on November 26, 2026'."""
    if is_entered_source(source) and source.as_of is not None:
        return f"entered on {short_date(source.as_of)}"
    if source.as_of is not None:
        return f"published {short_date(source.as_of)}"
    assert source.read_on is not None  # an undated source always says when it was read
    return f"undated, read on {short_date(source.read_on)}"


def unpublished_text(names: tuple[str, ...]) -> str:
    """'plus the kit and shipping fee, amount not published' ('' when every fee is known)."""
    if not names:
        return ""
    names = tuple(_in_sentence(name) for name in names)
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    amounts = "amount" if len(names) == 1 else "amounts"
    return f"plus {listed}, {amounts} not published"


def _in_sentence(name: str) -> str:
    """'Collection kit and shipping' -> 'collection kit and shipping'; 'CBR kit' stays."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def reasons_text(evidence: Evidence) -> str:
    """'the lifetime price is illustrative; prices from 2008' ('' when ranked)."""
    return "; ".join(reason.detail for reason in evidence.not_ranked_because)


def not_ranked_text(evidence: Evidence) -> str:
    """'not ranked: the lifetime price is illustrative; prices from 2008' ('' when ranked)."""
    return f"not ranked: {reasons_text(evidence)}" if not evidence.ranked else ""


def loan_text(loan: Loan, children: int) -> str:
    """'24 monthly payments of $67.00 at 0 % APR, $0.00 interest in total (for both babies)'."""
    if loan.lowest == loan.highest:
        each = f"of {format_usd(loan.lowest)}"
    elif loan.regular is not None:
        each = f"of {format_usd(loan.regular)} (the last one {format_usd(loan.last)})"
    else:
        each = f"of {format_usd(loan.lowest)} to {format_usd(loan.highest)}"
    if loan.apr_stated:
        text = (
            f"{loan.months} monthly payments {each} at {percent_text(loan.apr)} APR:"
            f" {format_usd(loan.interest)} interest in total"
        )
    else:
        text = f"{loan.months} monthly payments {each}; the interest rate is not stated"
    if children > 1:
        text += f", for all {children} babies together (one loan per birth)"
    return text
