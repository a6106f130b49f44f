"""How the pages word things for parents: what a plan stores, durations, dates, grades.

Display only: no figure is computed here; amounts arrive already rounded from the core. Every
text is worded in the current language (bankcalc.i18n) when it is asked for: the label tables
below hold English marked for translation and answer each lookup in the current language, and
OUT_OF_DATE, a plain constant, is translated where it is used (`_(OUT_OF_DATE)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

from bankcalc import i18n
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
from bankcalc.core.timeline import When
from bankcalc.fields import percent as percent_text
from bankcalc.i18n import N_, _, ngettext
from bankcalc.money import format_usd
from bankcalc.units import months_text as duration_text

__all__ = ["duration_text", "percent_text"]

K = TypeVar("K")


class Translated(Mapping[K, str]):
    """A table of English labels marked with N_, each looked up in the current language:
    `TABLE[key]` is the label in the language of the request or command, never cached."""

    __slots__ = ("_english",)

    def __init__(self, english: Mapping[K, str]) -> None:
        self._english = dict(english)

    def __getitem__(self, key: K) -> str:
        return _(self._english[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)

    def english(self, key: K) -> str:
        """The label in English, whatever the current language."""
        return self._english[key]


STORED_TEXT: Mapping[Stored, str] = Translated(
    {
        Stored.CORD_BLOOD: N_("cord blood"),
        Stored.CORD_TISSUE: N_("cord tissue"),
        Stored.PLACENTA_TISSUE: N_("placental tissue"),
        Stored.PLACENTA_BLOOD: N_("placental blood"),
        Stored.EXOSOMES: N_("exosomes"),
        Stored.AMNION: N_("amnion"),
    }
)
BASIS_TEXT: Mapping[Basis, str] = Translated(
    {
        Basis.QUOTED: N_("Published by the bank"),
        Basis.THIRD_PARTY: N_("Published by a third party"),
        Basis.ILLUSTRATIVE: N_("Illustrative: not a published price"),
    }
)
OUT_OF_DATE = N_("may be out of date")  # translate where used: _(OUT_OF_DATE)
GRADE_TEXT: Mapping[EvidenceGrade, str] = Translated(
    {
        EvidenceGrade.POPULATION_STATISTIC: N_("Measured in a population"),
        EvidenceGrade.MODEL_ESTIMATE: N_("Model estimate from population data"),
        EvidenceGrade.OBSERVED_RATE: N_("Counted by a survey of banks"),
        EvidenceGrade.COST_MODEL: N_("A cost model"),
        EvidenceGrade.EXPERT_ESTIMATE: N_("Experts' estimate"),
        EvidenceGrade.MENDELIAN_ARITHMETIC: N_("Genetics arithmetic"),
        EvidenceGrade.PROFESSIONAL_RECOMMENDATION: N_("Doctors' professional advice"),
        EvidenceGrade.MARKETING_CLAIM: N_("A seller's wording"),
        EvidenceGrade.SPECULATIVE_PROJECTION: N_("A guess, not a measured chance"),
    }
)
# The kind of a fee, as it sits in "includes the {kind} fee" on the pages.
FEE_TEXT: Mapping[FeeKind, str] = Translated(
    {
        FeeKind.ENROLLMENT: N_("enrollment"),
        FeeKind.PROCESSING: N_("processing"),
        FeeKind.COURIER_KIT: N_("kit and courier"),
        FeeKind.OTHER: N_("other"),
    }
)


def out_of_date_text() -> str:
    """'may be out of date', in the current language."""
    return _(OUT_OF_DATE)


def join_words(items: Sequence[str]) -> str:
    """'a, b and c' in English (no comma before 'and', as bankcalc has always written it),
    'a, b y c' in Spanish."""
    if i18n.language() == i18n.DEFAULT:
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} and {items[-1]}"
    return i18n.join_list([str(item) for item in items])


def grade_text(grade: EvidenceGrade) -> str:
    """How much a figure can bear, in a parent's words (in the current language)."""
    return GRADE_TEXT[grade]


def stores_text(plan: Plan) -> str:
    """'cord blood, cord tissue and exosomes'."""
    return join_words([STORED_TEXT[item] for item in plan.stores])


def short_label(option: PaymentOption) -> str:
    """A few words for a chart line's end: 'Yearly', 'Prepaid 20 yr', '24 monthly'."""
    if isinstance(option, PrepaidOption):
        return _("Prepaid {term}").format(term=duration_text(option.term, short=True))
    if isinstance(option, LifetimeOption):
        return _("Lifetime")
    if isinstance(option, InstallmentOption):
        return _("{months} monthly").format(months=option.months)
    return _("Yearly")


def long_date(day: dt.date) -> str:
    """'Saturday, May 1, 2027' / 'sábado, 1 de mayo de 2027': weekday and month spelled out,
    as US families write dates."""
    return i18n.long_date(day)


def short_date(day: dt.date) -> str:
    """'November 25, 2026' / '25 de noviembre de 2026', for the date a price was published."""
    return i18n.short_date(day)


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'; in Spanish '1.º', '23.º'."""
    return i18n.ordinal(number)


def when_text(when: When, date: str) -> str:
    """A timeline step's date as a phrase: 'by May 1, 2027', 'from ...', 'on ...'; `date` is
    already worded (and padded, for a column)."""
    if when is When.BY:
        # TRANSLATORS: a deadline, e.g. "by Saturday, March 20, 2027".
        return _("by {date}").format(date=date)
    if when is When.FROM:
        # TRANSLATORS: a window that opens, e.g. "from Saturday, February 6, 2027".
        return _("from {date}").format(date=date)
    # TRANSLATORS: an event, e.g. "on Saturday, May 1, 2027" (the birth).
    return _("on {date}").format(date=date)


def source_date(source: PriceSource) -> str:
    """'published August 4, 2008'; for an undated source 'undated, read on November 25, 2026';
    for the family's own figures 'entered on November 26, 2026'."""
    if is_entered_source(source) and source.as_of is not None:
        return _("entered on {date}").format(date=short_date(source.as_of))
    if source.as_of is not None:
        return _("published {date}").format(date=short_date(source.as_of))
    assert source.read_on is not None  # an undated source always says when it was read
    return _("undated, read on {date}").format(date=short_date(source.read_on))


def unpublished_text(names: Sequence[object]) -> str:
    """'plus the kit and shipping fee, amount not published' ('' when every fee is known)."""
    if not names:
        return ""
    listed = join_words([_in_sentence(str(name)) for name in names])
    return ngettext(
        "plus {names}, amount not published", "plus {names}, amounts not published", len(names)
    ).format(names=listed)


def _in_sentence(name: str) -> str:
    """'Collection kit and shipping' -> 'collection kit and shipping'; 'CBR kit' stays."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def reasons_text(evidence: Evidence) -> str:
    """'the lifetime price is illustrative; prices from 2008' ('' when ranked)."""
    return "; ".join(reason.detail for reason in evidence.not_ranked_because)


def not_ranked_text(evidence: Evidence) -> str:
    """'not ranked: the lifetime price is illustrative; prices from 2008' ('' when ranked)."""
    if evidence.ranked:
        return ""
    return _("not ranked: {reasons}").format(reasons=reasons_text(evidence))


def loan_text(loan: Loan, children: int) -> str:
    """'24 monthly payments of $67.00 at 0 % APR, $0.00 interest in total (for both babies)'."""
    if loan.lowest == loan.highest:
        # TRANSLATORS: the amount of each monthly payment, in "24 monthly payments {each}".
        each = _("of {amount}").format(amount=format_usd(loan.lowest))
    elif loan.regular is not None:
        each = _("of {amount} (the last one {last})").format(
            amount=format_usd(loan.regular), last=format_usd(loan.last)
        )
    else:
        each = _("of {low} to {high}").format(
            low=format_usd(loan.lowest), high=format_usd(loan.highest)
        )
    if loan.apr_stated:
        text = _(
            "{months} monthly payments {each} at {apr} APR: {interest} interest in total"
        ).format(
            months=loan.months,
            each=each,
            apr=percent_text(loan.apr),
            interest=format_usd(loan.interest),
        )
    else:
        text = _("{months} monthly payments {each}; the interest rate is not stated").format(
            months=loan.months, each=each
        )
    if children > 1:
        text = _("{loan}, for all {children} babies together (one loan per birth)").format(
            loan=text, children=children
        )
    return text
