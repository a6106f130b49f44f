"""The odds core: what quoted probabilities mean for one child over one storage horizon.

Pure functions over plain values. Probabilities stay exact `Fraction`s, money stays Decimal
(rounded once, by money.cents). `format_probability` is the one place a probability becomes
text, so the page, the API and the command line always show the same number the same way.
Every sentence is worded in the current language (bankcalc.i18n) when it is built; what is
cached is cached per language.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache

from bankcalc import i18n
from bankcalc.catalog.claims import (
    AgeTable,
    Claim,
    ClaimKind,
    CostThreshold,
    EvidenceGrade,
    ProbabilityRange,
    SiblingNeed,
    Source,
    round_significant,
)
from bankcalc.core.memo import Same
from bankcalc.i18n import N_, _, ngettext
from bankcalc.money import cents, format_usd, format_usd_estimate
from bankcalc.units import MONTHS_PER_YEAR, months_text

MAX_SIBLINGS = 10
FULL_SIBLING_MATCH = Fraction(1, 4)  # one of two parental blocks from each parent: 1/2 x 1/2
# English, marked for translation: worded in the current language where they are used.
SIBLING_EXPLANATION = N_(
    "Each full sibling has a 1 in 4 (25%) chance of being an HLA-identical match: a child"
    " gets one of two tissue-type blocks from each parent (1/2 x 1/2). With n full siblings"
    " the chance that at least one matches is 1 - 0.75^n (assuming four different parental"
    " blocks and no recombination). Only about 25-35% of patients actually have a matched"
    " sibling. A half-sibling shares only one parent, so a full match is rare; a parent is"
    " a full match only about 2% of the time. A match only matters if a sibling comes to"
    " need a transplant, which is rare."
)
SIBLING_POSITIONS = N_(
    "The AAP (2007) said directed banking should be encouraged for a full sibling with such a"
    " disease; ASBMT (2008) recommends family banking for a sibling; ACOG (2019) says private"
    " banking may be considered. Free and low-cost programs exist (see the programs)."
)
PARENT_POSITIONS = N_(
    "For a parent the doctors' bodies are cautious: ASBMT (2008) recommends banking for a"
    " parent only when the two parents share some tissue type (HLA); ACOG (2019) says private"
    " banking may be considered when a family member has such a disease."
)
IDENTICAL_TWINS = N_(
    "Identical twins have identical DNA: each is a full match for the other, with the same"
    " limits as a child's own cord blood (it cannot treat a genetic disease they share)."
)
POPULATION_NOTE = N_(
    "A population figure: what all banking families together pay per child who ends up"
    " needing it (number needed to bank x cost), not a price any family pays."
)
OBSERVED_NOTE = N_(
    "A population figure: what all banking families together pay per unit a family bank has"
    " released, for the child or a relative, at the release rate counted so far."
)
ANY_SOURCE_NOTE = N_(
    "It counts transplants of any kind from any source (bone marrow, blood or cord blood),"
    " not uses of a banked unit, so the cost per banked unit actually used is far higher."
)


class Qualifier(StrEnum):
    """How a horizon-matched number relates to the true curve (the values are machine values,
    as the API gives them; `qualified` words a number with one for people)."""

    ABOUT = "about"  # an age in the table: the published figure itself
    AT_MOST = "at most about"  # between table ages where incidence rises: an upper bound
    ROUGHLY = "roughly"  # between table ages where the curve's shape is unknown
    BEYOND_DATA = "beyond the data"  # past the table's last age: never extrapolated


@dataclass(frozen=True, slots=True)
class ProbabilityText:
    probability: Fraction
    one_in: str  # "1 in 1,700" / "1 de cada 1,700" (N to 2-3 significant figures); "none" for 0
    percent: str  # "0.06%" (3 significant figures)

    def __str__(self) -> str:
        return f"{self.one_in} ({self.percent})"


@dataclass(frozen=True, slots=True)
class HorizonOdds:
    age_months: int  # the child's age at the end of the horizon
    age_text: str  # "age 20", "age 18 years 6 months"
    qualifier: Qualifier
    probability: Fraction | None  # None beyond the data
    text: ProbabilityText | None  # None beyond the data
    data_until_age: int  # the table's last age, whole years
    summary: str  # "by age 20: about 1 in 1,700 (0.06%)"


@dataclass(frozen=True, slots=True)
class RangeOdds:
    low: ProbabilityText
    high: ProbabilityText
    summary: str  # "1 in 200,000 to 1 in 1,000 (0.0005% to 0.1%)"


@dataclass(frozen=True, slots=True)
class SiblingMatch:
    siblings: int  # full siblings born at other times, 0..10
    per_sibling: Fraction
    probability: Fraction  # at least one full sibling (co-twins if fraternal) is a match
    text: ProbabilityText
    summary: str
    explanation: str
    co_births: int = 0  # babies born at the same birth besides this one (twins: 1)
    identical: str = ""  # what holds if the twins are identical
    use: SiblingUse | None = None  # the chance a sibling both needs a donor and matches


@dataclass(frozen=True, slots=True)
class SiblingUse:
    """The chance that a full sibling both needs a donor transplant within the horizon and
    matches: an estimate, from a table of donor transplants by age x the match chance."""

    per_sibling: HorizonOdds  # the match-and-need chance for one sibling, by the horizon
    any_sibling: ProbabilityText | None  # for all the siblings counted; None beyond the data
    assumed: ProbabilityText  # a model's assumed need x the match chance, for one sibling
    summary: str


@dataclass(frozen=True, slots=True)
class FamilyMatch:
    """For a family with a known need: the chance the baby's cord blood matches the family
    member who is ill, which matters more than any population odds."""

    need: str  # "sibling" or "parent"
    probability: Fraction | None  # 1/4 for a full sibling; None for a parent (it varies)
    text: ProbabilityText | None
    summary: str
    positions: str  # what doctors' bodies say for this case, as each published it


@dataclass(frozen=True, slots=True)
class CostPerChance:
    low: Decimal  # USD, at the highest probability
    high: Decimal  # USD, at the lowest probability; equals low for a single probability
    qualifier: str  # "about", "at least about", "roughly", or "" for a range: machine values
    summary: str
    note: str  # it is a population figure


@dataclass(frozen=True, slots=True)
class ClaimOdds:
    id: str
    kind: ClaimKind
    grade: EvidenceGrade
    statement: str  # as quoted
    quoted_by: str
    quoted: ProbabilityText | None  # the quoted probability, formatted like every other
    source: Source
    caveats: tuple[str, ...]
    horizon: HorizonOdds | None  # transplant claims: matched to the child's horizon
    range: RangeOdds | None  # own-unit claims given as a range
    siblings: SiblingMatch | None  # sibling claims, when a number of siblings was given
    cost_per_chance: CostPerChance | None  # never for speculative projections
    beside: str  # one line to print beside the claim
    claim: Claim
    label: str = "What it means"  # what `beside` is about: "For your child's own unit"...


@dataclass(frozen=True, slots=True)
class OddsReport:
    age_months: int
    total_cost: Decimal  # USD
    siblings: int | None
    claims: tuple[ClaimOdds, ...]
    family: FamilyMatch | None = None  # with a known need: the match that matters


def format_probability(probability: Fraction) -> ProbabilityText:
    """p -> '1 in N' (N to 3 figures from 100 to 999, else 2) and a percentage to 3 figures."""
    # Cached on the integer pair (and the language): hashing a Fraction costs more than the
    # lookup saves.
    return _format(probability.numerator, probability.denominator, i18n.language())


@lru_cache(maxsize=1024)
def _format(numerator: int, denominator: int, language: str) -> ProbabilityText:
    if not 0 <= numerator <= denominator:
        raise ValueError("a probability must be between 0 and 1")
    probability = Fraction(numerator, denominator)
    if numerator == 0:
        # TRANSLATORS: a chance of zero, where "1 in N" would stand.
        return ProbabilityText(probability, _("none"), "0%")
    n = 1 / probability
    # 217 and 435 are quoted to 3 figures; 1,667 reads better as 1,700 and 2.29 as 2.3.
    digits = 3 if 100 <= n < 1000 else 2
    count = _decimal_text(round_significant(n, digits), grouped=True)
    one_in = _("1 in {count}").format(count=count)
    percent = f"{_decimal_text(round_significant(probability * 100, 3), grouped=False)}%"
    return ProbabilityText(probability, one_in, percent)


def _decimal_text(value: Fraction, *, grouped: bool) -> str:
    # round_significant leaves a terminating decimal, so this division is exact.
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format(exact.normalize(), ",f" if grouped else "f")


def age_text(age_months: int) -> str:
    """240 -> 'age 20'; 222 -> 'age 18 years 6 months'; 1 -> 'age 1 month'."""
    years, months = divmod(age_months, MONTHS_PER_YEAR)
    if months == 0:
        # TRANSLATORS: a child's age ("age 20"), after "by" or "to" in other sentences.
        return ngettext("age {years}", "age {years}", years).format(years=years)
    if years == 0:
        return ngettext("age {months} month", "age {months} months", months).format(months=months)
    # TRANSLATORS: "age 18 years 6 months"; the form follows the number of years.
    age = ngettext("age {duration}", "age {duration}", years)
    return age.format(duration=months_text(age_months))


def qualified(qualifier: Qualifier, odds: str) -> str:
    """'about 1 in 1,700 (0.06%)', 'at most about ...', 'roughly ...'."""
    if qualifier is Qualifier.AT_MOST:
        return _("at most about {odds}").format(odds=odds)
    if qualifier is Qualifier.ROUGHLY:
        return _("roughly {odds}").format(odds=odds)
    if qualifier is Qualifier.BEYOND_DATA:
        return _("beyond the data")
    return _("about {odds}").format(odds=odds)


def horizon_probability(table: AgeTable, age_months: int) -> HorizonOdds:
    """Cumulative probability by the child's age, read off the table and never extrapolated."""
    if age_months < 0:
        raise ValueError("age must not be negative")
    ages = _table_months(table)
    shown = age_text(age_months)
    if age_months > ages[-1]:
        summary = _("by {age}: beyond the data (the figures stop at age {max_age})").format(
            age=shown, max_age=table.max_age
        )
        return HorizonOdds(
            age_months, shown, Qualifier.BEYOND_DATA, None, None, table.max_age, summary
        )
    index = bisect_left(ages, age_months)
    if ages[index] == age_months:
        probability, qualifier = table.points[index].probability, Qualifier.ABOUT
    else:
        probability = _interpolate(table, index, age_months)
        qualifier = _between_qualifier(table, index - 1)
    text = format_probability(probability)
    said = "0%" if probability == 0 else qualified(qualifier, str(text))
    summary = _("by {age}: {odds}").format(age=shown, odds=said)
    return HorizonOdds(age_months, shown, qualifier, probability, text, table.max_age, summary)


def _table_months(table: AgeTable) -> tuple[int, ...]:
    return tuple(point.age * MONTHS_PER_YEAR for point in table.points)


def _interpolate(table: AgeTable, upper: int, age_months: int) -> Fraction:
    before, after = table.points[upper - 1], table.points[upper]
    start, span = before.age * MONTHS_PER_YEAR, (after.age - before.age) * MONTHS_PER_YEAR
    # p0 + (p1 - p0) * k / span over one common denominator: one Fraction built, not five.
    a, b = before.probability.numerator, before.probability.denominator
    c, d = after.probability.numerator, after.probability.denominator
    k = age_months - start
    return Fraction(a * d * span + (c * b - a * d) * k, b * d * span)


def _between_qualifier(table: AgeTable, lower: int) -> Qualifier:
    # A straight chord lies above a convex curve: only where incidence is known to rise
    # is the interpolated value an upper bound; elsewhere it is just a rough estimate.
    rising = table.rising_from_age
    if rising is not None and table.points[lower].age >= rising:
        return Qualifier.AT_MOST
    return Qualifier.ROUGHLY


def cost_per_chance(total_cost: Decimal, probability: Fraction) -> Decimal:
    """Total cost / probability -> USD per child who needs it, a population figure."""
    # Plain integers: Fraction comparisons cost microseconds, and this runs per request.
    numerator, denominator = probability.numerator, probability.denominator
    if numerator <= 0:
        raise ValueError("cost per chance needs a probability above 0")
    if numerator > denominator:
        raise ValueError("a probability must not exceed 1")
    return cents(total_cost * denominator / numerator)


def own_unit_range(estimates: ProbabilityRange) -> RangeOdds:
    """An own-unit estimate stays a range: low and high, each formatted the one way."""
    low, high = format_probability(estimates.low), format_probability(estimates.high)
    summary = _("{low} to {high} ({low_percent} to {high_percent})").format(
        low=low.one_in, high=high.one_in, low_percent=low.percent, high_percent=high.percent
    )
    return RangeOdds(low, high, summary)


def range_cost_per_chance(total_cost: Decimal, estimates: ProbabilityRange) -> CostPerChance:
    """Cost per chance across a range of estimates -> USD from (at high p) to (at low p)."""
    cheapest = cost_per_chance(total_cost, estimates.high)
    dearest = cost_per_chance(total_cost, estimates.low)
    summary = _("{low} to {high} per child who uses the unit").format(
        low=format_usd_estimate(cheapest), high=format_usd_estimate(dearest)
    )
    return CostPerChance(cheapest, dearest, "", summary, _(POPULATION_NOTE))


def horizon_cost_per_chance(total_cost: Decimal, horizon: HorizonOdds) -> CostPerChance | None:
    """Cost per chance for a horizon-matched probability; None when there is none to use."""
    if horizon.probability is None or horizon.probability == 0:
        return None
    amount = cost_per_chance(total_cost, horizon.probability)
    # An upper bound on the probability makes the cost per chance a lower bound.
    qualifier, sentence = {
        Qualifier.ABOUT: ("about", _("about {amount} per child who has a transplant by {age}")),
        Qualifier.AT_MOST: (
            "at least about",
            _("at least about {amount} per child who has a transplant by {age}"),
        ),
        Qualifier.ROUGHLY: (
            "roughly",
            _("roughly {amount} per child who has a transplant by {age}"),
        ),
    }[horizon.qualifier]
    summary = sentence.format(amount=format_usd_estimate(amount), age=horizon.age_text)
    note = f"{_(POPULATION_NOTE)} {_(ANY_SOURCE_NOTE)}"
    return CostPerChance(amount, amount, qualifier, summary, note)


def sibling_match(
    siblings: int, per_sibling: Fraction = FULL_SIBLING_MATCH, co_births: int = 0
) -> SiblingMatch:
    """P(at least one of n full siblings is an HLA-identical match) = 1 - (1 - p)^n.

    Babies born together are full siblings of each other: fraternal twins count as siblings
    (n = siblings + co_births); identical twins are genetically identical, which is said apart.
    """
    return _sibling_match(siblings, per_sibling.numerator, per_sibling.denominator, co_births)


def _sibling_match(siblings: int, numerator: int, denominator: int, co_births: int) -> SiblingMatch:
    return _sibling_match_in(siblings, numerator, denominator, co_births, i18n.language())


@lru_cache(maxsize=256)
def _sibling_match_in(
    siblings: int, numerator: int, denominator: int, co_births: int, language: str
) -> SiblingMatch:
    """sibling_match, worded in `language` (the current one: the cache is keyed by it)."""
    per_sibling = Fraction(numerator, denominator)
    if not 0 <= siblings <= MAX_SIBLINGS:
        raise ValueError(f"siblings must be between 0 and {MAX_SIBLINGS}")
    if not 0 < per_sibling <= 1:
        raise ValueError("the per-sibling probability must be above 0 and at most 1")
    if co_births < 0:
        raise ValueError("co_births must not be negative")
    count = siblings + co_births
    probability = 1 - (1 - per_sibling) ** count
    text = format_probability(probability)
    # above 1 in 10, "1 in 2.3" helps nobody: the percentage alone
    odds = text.percent if probability >= Fraction(1, 10) else f"{text.percent} ({text.one_in})"
    if count > 1:
        chance = _("a {odds} chance that one of them is a match").format(odds=odds)
    else:
        chance = _("a {odds} chance that they match").format(odds=odds)
    explanation = _(SIBLING_EXPLANATION)
    if co_births == 0:
        if siblings == 0:
            summary = _("with no full siblings: no sibling match is possible (0%)")
        else:
            summary = ngettext(
                "with {count} full sibling: {chance}",
                "with {count} full siblings: {chance}",
                siblings,
            ).format(count=siblings, chance=chance)
        return SiblingMatch(siblings, per_sibling, probability, text, summary, explanation)
    if co_births == 1:
        who = (
            _("the other twin")
            if siblings == 0
            else _("the other twin and {count} more").format(count=siblings)
        )
    else:
        who = (
            _("the other babies born at the same time")
            if siblings == 0
            else _("the other babies born at the same time and {count} more").format(count=siblings)
        )
    summary = _(
        "babies born together are full siblings of each other. If they are fraternal,"
        " counting {who}: {chance}. If they are identical, they match each other fully"
    ).format(who=who, chance=chance)
    return SiblingMatch(
        siblings, per_sibling, probability, text, summary, explanation,
        co_births, _(IDENTICAL_TWINS),
    )  # fmt: skip


def assess_claims(
    claims: Sequence[Claim],
    age_months: int,
    total_cost: Decimal,
    siblings: int | None = None,
    co_births: int = 0,
    known_need: str | None = None,
) -> OddsReport:
    """Each claim as quoted, with the numbers for this child's horizon and cost (USD) beside it.

    `total_cost` is one child's share; `co_births` the babies born at the same birth besides
    this one. What families hear about FSAs and HSAs is answered by the tax estimate instead.
    """
    if age_months < 0:
        raise ValueError("age must not be negative")
    if total_cost < 0:
        raise ValueError("total cost must not be negative")
    assessed = tuple(
        _assess(claim, age_months, total_cost, siblings, co_births)
        for claim in claims
        if claim.kind is not ClaimKind.TAX_ELIGIBILITY
    )
    family = None if known_need is None else family_match(known_need)
    return OddsReport(age_months, total_cost, siblings, assessed, family)


def family_match(need: str) -> FamilyMatch:
    """The match that matters when a full sibling or a parent is already ill."""
    if need == "sibling":
        text = format_probability(FULL_SIBLING_MATCH)
        summary = _(
            "your baby's cord blood has a {one_in} ({percent}) chance of being a full"
            " tissue (HLA) match for the brother or sister who is ill, as for any full"
            " sibling. If the disease runs in families, the baby may have it too: the"
            " transplant team tests the cord blood for both the match and the disease, so tell"
            " them about the pregnancy now."
        ).format(one_in=text.one_in, percent=text.percent)
        return FamilyMatch(need, FULL_SIBLING_MATCH, text, summary, _(SIBLING_POSITIONS))
    summary = _(
        "a baby's cord blood rarely matches a parent fully: a child gets half of each"
        " parent's tissue type, so a full match needs the parents to share some of theirs,"
        " and one unit often has too few cells for an adult. The parent's transplant team"
        " can say whether a unit would help."
    )
    return FamilyMatch(need, None, None, summary, _(PARENT_POSITIONS))


def sibling_use(need: SiblingNeed, age_months: int, count: int, match: Fraction) -> SiblingUse:
    """P(a full sibling needs a donor transplant by the horizon and matches) = need x match,
    for each sibling; for `count` siblings, 1 - (1 - that)^count. Never past the table."""
    need_odds = horizon_probability(need.table, age_months)
    assumed = format_probability(need.assumed * match)
    model = _(
        "{who} assumed a {chance} chance that a sibling needs one; times 1 in 4 for a match"
        " (bankcalc's arithmetic), about {one_in} ({percent})"
    ).format(
        who=need.assumed_by,
        chance=format_probability(need.assumed).percent,
        one_in=assumed.one_in,
        percent=assumed.percent,
    )
    if need_odds.probability is None:
        summary = _(
            "the chance that a full sibling both needs a donor transplant and matches is"
            " beyond the data by {age} (the figures stop at age {max_age})."
        ).format(age=need_odds.age_text, max_age=need.table.max_age)
        return SiblingUse(need_odds, None, assumed, f"{summary} {model}")
    one = need_odds.probability * match
    per_sibling = replace(need_odds, probability=one, text=format_probability(one))
    every = format_probability(1 - (1 - one) ** count)
    said = qualified(need_odds.qualifier, str(per_sibling.text)) if one else "0%"
    if count > 1:
        summary = _(
            "the chance that a full sibling both needs a donor transplant by {age} and matches"
            " is {odds} for each sibling (an estimate: the chance of a donor transplant by that"
            " age x 1 in 4); for {count} siblings, {one_in} ({percent})."
        ).format(
            age=need_odds.age_text,
            odds=said,
            count=count,
            one_in=every.one_in,
            percent=every.percent,
        )
    else:
        summary = _(
            "the chance that a full sibling both needs a donor transplant by {age} and matches"
            " is {odds} for each sibling (an estimate: the chance of a donor transplant by that"
            " age x 1 in 4)."
        ).format(age=need_odds.age_text, odds=said)
    return SiblingUse(per_sibling, every, assumed, f"{summary} {model}")


def _assess(
    claim: Claim, age_months: int, total_cost: Decimal, siblings: int | None, co_births: int
) -> ClaimOdds:
    fixed = _fixed(Same(claim), age_months, siblings, co_births, i18n.language())
    cost = _cost(claim, fixed, age_months, total_cost)
    if cost is None and claim.threshold is None:
        return fixed  # nothing here depends on the cost
    beside = fixed.beside
    if claim.threshold is not None:
        beside = _beside_threshold(claim.threshold, total_cost, age_months)
    return ClaimOdds(
        fixed.id, fixed.kind, fixed.grade, fixed.statement, fixed.quoted_by, fixed.quoted,
        fixed.source, fixed.caveats, fixed.horizon, fixed.range, fixed.siblings, cost, beside,
        claim, fixed.label,
    )  # fmt: skip


@lru_cache(maxsize=4096)
def _fixed(
    same: Same[Claim], age_months: int, siblings: int | None, co_births: int, language: str
) -> ClaimOdds:
    """Everything said about a claim that does not depend on the plan's cost, worded in
    `language` (the current one: the cache is keyed by it). A result page asks for 13 claims;
    the same horizons come back all the time."""
    claim = same.value
    quoted = format_probability(claim.probability) if claim.probability is not None else None
    horizon = None if claim.age_table is None else horizon_probability(claim.age_table, age_months)
    estimates = None if claim.range is None else own_unit_range(claim.range)
    match = None
    counted = siblings is not None or co_births > 0
    if claim.kind is ClaimKind.SIBLING_MATCH and counted and claim.probability:
        match = sibling_match(siblings or 0, claim.probability, co_births)
        count = (siblings or 0) + co_births
        if claim.sibling_need is not None and count > 0:
            use = sibling_use(claim.sibling_need, age_months, count, claim.probability)
            match = replace(match, use=use)
    beside = ""  # a cost threshold is set beside the plan's own cost (see _assess)
    if claim.threshold is None:
        beside = _beside(claim, quoted, horizon, estimates, match, age_months)
    return ClaimOdds(
        claim.id,
        claim.kind,
        claim.grade,
        str(claim.statement),
        str(claim.quoted_by),
        quoted,
        claim.source,
        tuple(str(caveat) for caveat in claim.caveats),
        horizon,
        estimates,
        match,
        None,
        beside,
        claim,
        _label(claim, horizon),
    )


def _cost(
    claim: Claim, fixed: ClaimOdds, age_months: int, total_cost: Decimal
) -> CostPerChance | None:
    """What the plan costs per chance the claim describes; never for a speculative one."""
    speculative = claim.grade is EvidenceGrade.SPECULATIVE_PROJECTION
    if claim.range is not None:
        if speculative:
            return None
        cost = range_cost_per_chance(total_cost, claim.range)
        span = _span(Same(claim), age_months, i18n.language())
        return cost if not span else CostPerChance(*_cost_figures(cost), f"{cost.note} {span}")
    if fixed.horizon is not None:
        return None if speculative else horizon_cost_per_chance(total_cost, fixed.horizon)
    if claim.kind is ClaimKind.OBSERVED_USE and claim.probability:
        return observed_cost_per_use(total_cost, claim.probability, age_months)
    return None


def _label(claim: Claim, horizon: HorizonOdds | None) -> str:
    """What the line beside a claim is about, so no population figure reads as the child's."""
    if horizon is not None:
        return _("What it means by {age}").format(age=horizon.age_text)
    if claim.kind is ClaimKind.OWN_UNIT_USE:
        if claim.counts_relatives:
            return _("For the child or a relative")
        return _("For your child's own unit")
    if claim.kind is ClaimKind.OBSERVED_USE:
        return _("What was counted")
    if claim.kind is ClaimKind.COST_EFFECTIVENESS:
        return _("Beside this plan")
    if claim.kind is ClaimKind.SIBLING_MATCH:
        return _("For your family")
    return _("What it means")


def _cost_figures(cost: CostPerChance) -> tuple[Decimal, Decimal, str, str]:
    return cost.low, cost.high, cost.qualifier, cost.summary


@lru_cache(maxsize=1024)
def _span(same: Same[Claim], age_months: int, language: str) -> str:
    """Say so when an estimate covers other ages than the plan stores for: the cost is this
    plan's, the chance is over the estimate's own years ('' when the spans agree). Worded in
    `language` (the current one: the cache is keyed by it)."""
    measures = same.value.measures
    if measures is None or measures.age_to is None:
        return _(
            "The estimate does not say over which ages; the cost is for storage to {age}."
        ).format(age=age_text(age_months))
    if measures.age_to * 12 == age_months:
        return ""
    return _(
        "The estimate covers ages {age_from} to {age_to}; the cost is for storage to {age},"
        " so the two spans differ."
    ).format(age_from=measures.age_from, age_to=measures.age_to, age=age_text(age_months))


def _beside(
    claim: Claim,
    quoted: ProbabilityText | None,
    horizon: HorizonOdds | None,
    estimates: RangeOdds | None,
    match: SiblingMatch | None,
    age_months: int,
) -> str:
    if claim.kind is ClaimKind.OBSERVED_USE and quoted is not None:
        return _(
            "about {one_in} ({percent}) of units stored in family banks had been released for"
            " a treatment"
        ).format(one_in=quoted.one_in, percent=quoted.percent)
    if claim.kind is ClaimKind.PROFESSIONAL_POSITION:
        return ""
    if horizon is not None:
        return _beside_horizon(claim, quoted, horizon)
    if estimates is not None:
        odds = {
            "low": estimates.low.one_in,
            "high": estimates.high.one_in,
            "low_percent": estimates.low.percent,
            "high_percent": estimates.high.percent,
        }
        ages = _ages(claim)
        if ages is None:
            return _("estimated at {low} to {high} ({low_percent} to {high_percent})").format(
                **odds
            )
        return _(
            "estimated at {low} to {high} ({low_percent} to {high_percent}), for ages"
            " {age_from} to {age_to}"
        ).format(**odds, age_from=ages[0], age_to=ages[1])
    if match is not None:
        return match.summary
    if claim.grade is EvidenceGrade.SPECULATIVE_PROJECTION:
        return _("not a measured probability: no odds or cost per chance are worked out from it")
    if quoted is not None and claim.kind is ClaimKind.SIBLING_MATCH:
        return _("{percent} for each full sibling; with n full siblings, 1 - 0.75^n").format(
            percent=quoted.percent
        )
    if quoted is not None:
        ages = _ages(claim)
        if ages is None:
            return _("a single estimate of about {odds}").format(odds=quoted)
        return _("a single estimate of about {odds}, for ages {age_from} to {age_to}").format(
            odds=quoted, age_from=ages[0], age_to=ages[1]
        )
    return ""


def _beside_threshold(threshold: CostThreshold, total_cost: Decimal, age_months: int) -> str:
    odds = format_probability(threshold.above_odds)
    return _(
        "in this model banking was cost-effective only below {below} (it assumed {assumed} for"
        " banking and {years} years of storage), or above a {one_in} chance of needing it;"
        " this plan costs {total} for one child, for {age}"
    ).format(
        below=format_usd(threshold.below_cost),
        assumed=format_usd(threshold.assumed_cost),
        years=threshold.assumed_years,
        one_in=odds.one_in,
        total=format_usd(total_cost),
        age=age_text(age_months),
    )


def observed_cost_per_use(total_cost: Decimal, rate: Fraction, age_months: int) -> CostPerChance:
    """Total cost / observed release rate -> USD paid by banking families per unit released."""
    amount = cost_per_chance(total_cost, rate)
    summary = _("about {amount} per unit released for a treatment").format(
        amount=format_usd_estimate(amount)
    )
    counted = _(
        "The rate counts units stored for some years, most for fewer than 20; the cost is for"
        " storage to {age}."
    ).format(age=age_text(age_months))
    return CostPerChance(amount, amount, "about", summary, f"{_(OBSERVED_NOTE)} {counted}")


def _beside_horizon(claim: Claim, quoted: ProbabilityText | None, horizon: HorizonOdds) -> str:
    measures = claim.measures
    as_quoted = quoted.one_in if quoted else None
    if claim.odds_as_quoted:  # the number as quoted ("2,700", not "2,800"), in the page's words
        as_quoted = _("1 in {count}").format(count=claim.odds_as_quoted.removeprefix("1 in "))
    if as_quoted is None or measures is None or measures.age_to is None:
        return horizon.summary
    if horizon.text is None or horizon.probability is None:
        return _("{summary}; the quoted {odds} is by age {age}").format(
            summary=horizon.summary, odds=as_quoted, age=measures.age_to
        )
    said = {
        Qualifier.ABOUT: _(
            "about {one_in} people ({percent}) have a stem cell transplant of any kind, from"
            " any source, by {age}; the chance of using a banked cord blood unit is far smaller"
        ),
        Qualifier.AT_MOST: _(
            "at most about {one_in} people ({percent}) have a stem cell transplant of any kind,"
            " from any source, by {age}; the chance of using a banked cord blood unit is far"
            " smaller"
        ),
        Qualifier.ROUGHLY: _(
            "roughly {one_in} people ({percent}) have a stem cell transplant of any kind, from"
            " any source, by {age}; the chance of using a banked cord blood unit is far smaller"
        ),
    }[horizon.qualifier].format(
        one_in=horizon.text.one_in, percent=horizon.text.percent, age=horizon.age_text
    )
    if horizon.age_months == measures.age_to * MONTHS_PER_YEAR:
        return _("{said}. This is the quoted figure").format(said=said)
    return _("{said}. The quoted {odds} is by age {age}").format(
        said=said, odds=as_quoted, age=measures.age_to
    )


def _ages(claim: Claim) -> tuple[int, int] | None:
    """(from, to) ages a claim's estimate covers, when it says."""
    measures = claim.measures
    if measures is None or measures.age_to is None:
        return None
    return measures.age_from, measures.age_to
