"""How the pages word things for parents: what a plan stores, durations, dates, grades.

Display only: no figure is computed here; amounts arrive already rounded from the core.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bankcalc.catalog.claims import EvidenceGrade
from bankcalc.catalog.models import (
    Basis,
    FeeKind,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
    Stored,
)
from bankcalc.fields import percent as percent_text
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
    Basis.QUOTED: "Quoted by the bank",
    Basis.THIRD_PARTY: "Quoted by a third party",
    Basis.ILLUSTRATIVE: "Illustrative: not a published price",
}
GRADE_TEXT: Mapping[EvidenceGrade, str] = {
    EvidenceGrade.POPULATION_STATISTIC: "Measured in a population",
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
    """'Saturday, 1 May 2027': weekday and month spelled out, never ambiguous."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'25 November 2026', for the date a price was read."""
    return f"{day.day} {day:%B %Y}"


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"
