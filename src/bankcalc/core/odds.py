"""The odds core: what quoted probabilities mean for one child over one storage horizon.

Pure functions over plain values. Probabilities stay exact `Fraction`s, money stays Decimal
(rounded once, by money.cents). `format_probability` is the one place a probability becomes
text, so the page, the API and the command line always show the same number the same way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache

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
from bankcalc.money import cents, format_usd, format_usd_estimate
from bankcalc.units import MONTHS_PER_YEAR

MAX_SIBLINGS = 10
FULL_SIBLING_MATCH = Fraction(1, 4)  # one of two parental blocks from each parent: 1/2 x 1/2
SIBLING_EXPLANATION = (
    "Each full sibling has a 1 in 4 (25%) chance of being an HLA-identical match: a child"
    " gets one of two tissue-type blocks from each parent (1/2 x 1/2). With n full siblings"
    " the chance that at least one matches is 1 - 0.75^n (assuming four different parental"
    " blocks and no recombination). Only about 25-35% of patients actually have a matched"
    " sibling. A half-sibling shares only one parent, so a full match is rare; a parent is"
    " a full match only about 2% of the time. A match only matters if a sibling comes to"
    " need a transplant, which is rare."
)
SIBLING_POSITIONS = (
    "The AAP (2007) said directed banking should be encouraged for a full sibling with such a"
    " disease; ASBMT (2008) recommends family banking for a sibling; ACOG (2019) says private"
    " banking may be considered. Free and low-cost programs exist (see the programs)."
)
PARENT_POSITIONS = (
    "For a parent the doctors' bodies are cautious: ASBMT (2008) recommends banking for a"
    " parent only when the two parents share some tissue type (HLA); ACOG (2019) says private"
    " banking may be considered when a family member has such a disease."
)
IDENTICAL_TWINS = (
    "Identical twins have identical DNA: each is a full match for the other, with the same"
    " limits as a child's own cord blood (it cannot treat a genetic disease they share)."
)
POPULATION_NOTE = (
    "A population figure: what all banking families together pay per child who ends up"
    " needing it (number needed to bank x cost), not a price any family pays."
)
OBSERVED_NOTE = (
    "A population figure: what all banking families together pay per unit a family bank has"
    " released, for the child or a relative, at the release rate counted so far."
)
ANY_SOURCE_NOTE = (
    " It counts transplants of any kind from any source (bone marrow, blood or cord blood),"
    " not uses of a banked unit, so the cost per banked unit actually used is far higher."
)


class Qualifier(StrEnum):
    """How a horizon-matched number relates to the true curve."""

    ABOUT = "about"  # an age in the table: the published figure itself
    AT_MOST = "at most about"  # between table ages where incidence rises: an upper bound
    ROUGHLY = "roughly"  # between table ages where the curve's shape is unknown
    BEYOND_DATA = "beyond the data"  # past the table's last age: never extrapolated


@dataclass(frozen=True, slots=True)
class ProbabilityText:
    probability: Fraction
    one_in: str  # "1 in 1,700" (N to 2-3 significant figures); "none" for 0
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
    qualifier: str  # "about", "at least about", "roughly", or "" for a range
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
    # Cached on the integer pair: hashing a Fraction costs more than the lookup saves.
    return _format(probability.numerator, probability.denominator)


@lru_cache(maxsize=1024)
def _format(numerator: int, denominator: int) -> ProbabilityText:
    if not 0 <= numerator <= denominator:
        raise ValueError("a probability must be between 0 and 1")
    probability = Fraction(numerator, denominator)
    if numerator == 0:
        return ProbabilityText(probability, "none", "0%")
    n = 1 / probability
    # 217 and 435 are quoted to 3 figures; 1,667 reads better as 1,700 and 2.29 as 2.3.
    digits = 3 if 100 <= n < 1000 else 2
    one_in = f"1 in {_decimal_text(round_significant(n, digits), grouped=True)}"
    percent = f"{_decimal_text(round_significant(probability * 100, 3), grouped=False)}%"
    return ProbabilityText(probability, one_in, percent)


def _decimal_text(value: Fraction, *, grouped: bool) -> str:
    # round_significant leaves a terminating decimal, so this division is exact.
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format(exact.normalize(), ",f" if grouped else "f")


def age_text(age_months: int) -> str:
    """240 -> 'age 20'; 222 -> 'age 18 years 6 months'; 1 -> 'age 1 month'."""
    years, months = divmod(age_months, MONTHS_PER_YEAR)
    unit = "month" if months == 1 else "months"
    if months == 0:
        return f"age {years}"
    if years == 0:
        return f"age {months} {unit}"
    return f"age {years} {'year' if years == 1 else 'years'} {months} {unit}"


def horizon_probability(table: AgeTable, age_months: int) -> HorizonOdds:
    """Cumulative probability by the child's age, read off the table and never extrapolated."""
    if age_months < 0:
        raise ValueError("age must not be negative")
    ages = _table_months(table)
    shown = age_text(age_months)
    if age_months > ages[-1]:
        summary = f"by {shown}: beyond the data (the figures stop at age {table.max_age})"
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
    said = "0%" if probability == 0 else f"{qualifier.value} {text}"
    return HorizonOdds(
        age_months, shown, qualifier, probability, text, table.max_age, f"by {shown}: {said}"
    )


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
    summary = f"{low.one_in} to {high.one_in} ({low.percent} to {high.percent})"
    return RangeOdds(low, high, summary)


def range_cost_per_chance(total_cost: Decimal, estimates: ProbabilityRange) -> CostPerChance:
    """Cost per chance across a range of estimates -> USD from (at high p) to (at low p)."""
    cheapest = cost_per_chance(total_cost, estimates.high)
    dearest = cost_per_chance(total_cost, estimates.low)
    span = f"{format_usd_estimate(cheapest)} to {format_usd_estimate(dearest)}"
    summary = f"{span} per child who uses the unit"
    return CostPerChance(cheapest, dearest, "", summary, POPULATION_NOTE)


def horizon_cost_per_chance(total_cost: Decimal, horizon: HorizonOdds) -> CostPerChance | None:
    """Cost per chance for a horizon-matched probability; None when there is none to use."""
    if horizon.probability is None or horizon.probability == 0:
        return None
    amount = cost_per_chance(total_cost, horizon.probability)
    # An upper bound on the probability makes the cost per chance a lower bound.
    qualifier = {
        Qualifier.ABOUT: "about",
        Qualifier.AT_MOST: "at least about",
        Qualifier.ROUGHLY: "roughly",
    }[horizon.qualifier]
    summary = (
        f"{qualifier} {format_usd_estimate(amount)} per child who has a transplant"
        f" by {horizon.age_text}"
    )
    return CostPerChance(amount, amount, qualifier, summary, POPULATION_NOTE + ANY_SOURCE_NOTE)


def sibling_match(
    siblings: int, per_sibling: Fraction = FULL_SIBLING_MATCH, co_births: int = 0
) -> SiblingMatch:
    """P(at least one of n full siblings is an HLA-identical match) = 1 - (1 - p)^n.

    Babies born together are full siblings of each other: fraternal twins count as siblings
    (n = siblings + co_births); identical twins are genetically identical, which is said apart.
    """
    return _sibling_match(siblings, per_sibling.numerator, per_sibling.denominator, co_births)


@lru_cache(maxsize=256)
def _sibling_match(siblings: int, numerator: int, denominator: int, co_births: int) -> SiblingMatch:
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
    one = "one of them is a match" if count > 1 else "they match"
    chance = f"a {odds} chance that {one}"
    if co_births == 0:
        if siblings == 0:
            summary = "with no full siblings: no sibling match is possible (0%)"
        else:
            who = "1 full sibling" if siblings == 1 else f"{siblings} full siblings"
            summary = f"with {who}: {chance}"
        return SiblingMatch(siblings, per_sibling, probability, text, summary, SIBLING_EXPLANATION)
    others = "twin" if co_births == 1 else "babies born at the same time"
    who = f"the other {others}" if siblings == 0 else f"the other {others} and {siblings} more"
    summary = (
        f"babies born together are full siblings of each other. If they are fraternal,"
        f" counting {who}: {chance}. If they are identical, they match each other fully"
    )
    return SiblingMatch(
        siblings, per_sibling, probability, text, summary, SIBLING_EXPLANATION,
        co_births, IDENTICAL_TWINS,
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
        summary = (
            f"your baby's cord blood has a {text.one_in} ({text.percent}) chance of being a full"
            " tissue (HLA) match for the brother or sister who is ill, as for any full"
            " sibling. If the disease runs in families, the baby may have it too: the"
            " transplant team tests the cord blood for both the match and the disease, so tell"
            " them about the pregnancy now."
        )
        return FamilyMatch(need, FULL_SIBLING_MATCH, text, summary, SIBLING_POSITIONS)
    summary = (
        "a baby's cord blood rarely matches a parent fully: a child gets half of each"
        " parent's tissue type, so a full match needs the parents to share some of theirs,"
        " and one unit often has too few cells for an adult. The parent's transplant team"
        " can say whether a unit would help."
    )
    return FamilyMatch(need, None, None, summary, PARENT_POSITIONS)


def sibling_use(need: SiblingNeed, age_months: int, count: int, match: Fraction) -> SiblingUse:
    """P(a full sibling needs a donor transplant by the horizon and matches) = need x match,
    for each sibling; for `count` siblings, 1 - (1 - that)^count. Never past the table."""
    need_odds = horizon_probability(need.table, age_months)
    assumed = format_probability(need.assumed * match)
    model = f"{need.assumed_by} assumed a {format_probability(need.assumed).percent} chance"
    model += " that a sibling needs one; times 1 in 4 for a match (bankcalc's arithmetic),"
    model += f" about {assumed.one_in} ({assumed.percent})"
    if need_odds.probability is None:
        summary = (
            f"the chance that a full sibling both needs a donor transplant and matches is"
            f" beyond the data by {need_odds.age_text} (the figures stop at age"
            f" {need.table.max_age}). {model}"
        )
        return SiblingUse(need_odds, None, assumed, summary)
    one = need_odds.probability * match
    per_sibling = replace(need_odds, probability=one, text=format_probability(one))
    every = format_probability(1 - (1 - one) ** count)
    said = f"{need_odds.qualifier.value} {per_sibling.text}" if one else "0%"
    summary = (
        f"the chance that a full sibling both needs a donor transplant by"
        f" {need_odds.age_text} and matches is {said} for each sibling (an estimate:"
        f" the chance of a donor transplant by that age x 1 in 4)"
    )
    if count > 1:
        summary += f"; for {count} siblings, {every.one_in} ({every.percent})"
    summary += f". {model}"
    return SiblingUse(per_sibling, every, assumed, summary)


def _assess(
    claim: Claim, age_months: int, total_cost: Decimal, siblings: int | None, co_births: int
) -> ClaimOdds:
    quoted = format_probability(claim.probability) if claim.probability is not None else None
    horizon = estimates = match = None
    cost: CostPerChance | None = None
    speculative = claim.grade is EvidenceGrade.SPECULATIVE_PROJECTION
    if claim.kind is ClaimKind.OBSERVED_USE and claim.probability:
        cost = observed_cost_per_use(total_cost, claim.probability, age_months)
    if claim.age_table is not None:
        horizon = horizon_probability(claim.age_table, age_months)
        cost = None if speculative else horizon_cost_per_chance(total_cost, horizon)
    if claim.range is not None:
        estimates = own_unit_range(claim.range)
        cost = None if speculative else range_cost_per_chance(total_cost, claim.range)
        cost = cost and _span_note(cost, claim, age_months)
    counted = siblings is not None or co_births > 0
    if claim.kind is ClaimKind.SIBLING_MATCH and counted and claim.probability:
        match = sibling_match(siblings or 0, claim.probability, co_births)
        count = (siblings or 0) + co_births
        if claim.sibling_need is not None and count > 0:
            use = sibling_use(claim.sibling_need, age_months, count, claim.probability)
            match = replace(match, use=use)
    beside = _beside(claim, quoted, horizon, estimates, match, total_cost, age_months)
    label = _label(claim, horizon)
    return ClaimOdds(
        claim.id,
        claim.kind,
        claim.grade,
        claim.statement,
        claim.quoted_by,
        quoted,
        claim.source,
        claim.caveats,
        horizon,
        estimates,
        match,
        cost,
        beside,
        claim,
        label,
    )


def _label(claim: Claim, horizon: HorizonOdds | None) -> str:
    """What the line beside a claim is about, so no population figure reads as the child's."""
    if horizon is not None:
        return f"What it means by {horizon.age_text}"
    if claim.kind is ClaimKind.OWN_UNIT_USE:
        return (
            "For the child or a relative" if claim.counts_relatives else "For your child's own unit"
        )
    if claim.kind is ClaimKind.OBSERVED_USE:
        return "What was counted"
    if claim.kind is ClaimKind.COST_EFFECTIVENESS:
        return "Beside this plan"
    if claim.kind is ClaimKind.SIBLING_MATCH:
        return "For your family"
    return "What it means"


def _span_note(cost: CostPerChance, claim: Claim, age_months: int) -> CostPerChance:
    """Say so when an estimate covers other ages than the plan stores for: the cost is this
    plan's, the chance is over the estimate's own years."""
    measures = claim.measures
    if measures is None or measures.age_to is None:
        note = (
            f"{cost.note} The estimate does not say over which ages; the cost is for storage"
            f" to {age_text(age_months)}."
        )
        return replace(cost, note=note)
    if measures.age_to * 12 == age_months:
        return cost
    span = f"ages {measures.age_from} to {measures.age_to}"
    note = (
        f"{cost.note} The estimate covers {span}; the cost is for storage to"
        f" {age_text(age_months)}, so the two spans differ."
    )
    return replace(cost, note=note)


def _beside(
    claim: Claim,
    quoted: ProbabilityText | None,
    horizon: HorizonOdds | None,
    estimates: RangeOdds | None,
    match: SiblingMatch | None,
    total_cost: Decimal,
    age_months: int,
) -> str:
    if claim.threshold is not None:
        return _beside_threshold(claim.threshold, total_cost, age_months)
    if claim.kind is ClaimKind.OBSERVED_USE and quoted is not None:
        return (
            f"about {quoted.one_in} ({quoted.percent}) of units stored in family banks had"
            " been released for a treatment"
        )
    if claim.kind is ClaimKind.PROFESSIONAL_POSITION:
        return ""
    if horizon is not None:
        return _beside_horizon(claim, quoted, horizon)
    if estimates is not None:
        return _with_ages(f"estimated at {estimates.summary}", claim)
    if match is not None:
        return match.summary
    if claim.grade is EvidenceGrade.SPECULATIVE_PROJECTION:
        return "not a measured probability: no odds or cost per chance are worked out from it"
    if quoted is not None and claim.kind is ClaimKind.SIBLING_MATCH:
        return f"{quoted.percent} for each full sibling; with n full siblings, 1 - 0.75^n"
    if quoted is not None:
        return _with_ages(f"a single estimate of about {quoted}", claim)
    return ""


def _beside_threshold(threshold: CostThreshold, total_cost: Decimal, age_months: int) -> str:
    odds = format_probability(threshold.above_odds)
    plan = f"this plan costs {format_usd(total_cost)} for one child, for {age_text(age_months)}"
    return (
        f"in this model banking was cost-effective only below {format_usd(threshold.below_cost)}"
        f" (it assumed {format_usd(threshold.assumed_cost)} for banking and"
        f" {threshold.assumed_years} years of storage), or above a {odds.one_in} chance of"
        f" needing it; {plan}"
    )


def observed_cost_per_use(total_cost: Decimal, rate: Fraction, age_months: int) -> CostPerChance:
    """Total cost / observed release rate -> USD paid by banking families per unit released."""
    amount = cost_per_chance(total_cost, rate)
    summary = f"about {format_usd_estimate(amount)} per unit released for a treatment"
    note = (
        f"{OBSERVED_NOTE} The rate counts units stored for some years, most for fewer than"
        f" 20; the cost is for storage to {age_text(age_months)}."
    )
    return CostPerChance(amount, amount, "about", summary, note)


def _beside_horizon(claim: Claim, quoted: ProbabilityText | None, horizon: HorizonOdds) -> str:
    measures = claim.measures
    as_quoted = claim.odds_as_quoted or (quoted.one_in if quoted else None)
    if as_quoted is None or measures is None or measures.age_to is None:
        return horizon.summary
    if horizon.text is None or horizon.probability is None:
        return f"{horizon.summary}; the quoted {as_quoted} is by age {measures.age_to}"
    said = (
        f"{horizon.qualifier.value} {horizon.text.one_in} people ({horizon.text.percent}) have"
        f" a stem cell transplant of any kind, from any source, by {horizon.age_text}; the"
        " chance of using a banked cord blood unit is far smaller"
    )
    if horizon.age_months == measures.age_to * MONTHS_PER_YEAR:
        return f"{said}. This is the quoted figure"
    return f"{said}. The quoted {as_quoted} is by age {measures.age_to}"


def _with_ages(text: str, claim: Claim) -> str:
    measures = claim.measures
    if measures is None or measures.age_to is None:
        return text
    return f"{text}, for ages {measures.age_from} to {measures.age_to}"
