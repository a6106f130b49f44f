"""The odds core: horizon matching, own-unit ranges, sibling matches, cost per chance, wording.

Every expected number is worked out by hand in the comments; claims are built in code.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.catalog.claims import AgeTable, Claim, ProbabilityRange
from bankcalc.core.odds import (
    Qualifier,
    age_text,
    assess_claims,
    cost_per_chance,
    format_probability,
    horizon_cost_per_chance,
    horizon_probability,
    own_unit_range,
    range_cost_per_chance,
    sibling_match,
)

SOURCE = {"citation": "A test source, journal 2000", "year": 2000}
TABLE: dict[str, Any] = {
    "points": {0: 0, 20: "0.0006", 70: "0.0046"},
    "rising_from_age": 20,
    "source": SOURCE,
}


def table(**changes: Any) -> AgeTable:
    return AgeTable.model_validate(TABLE | changes)


def claim(claim_id: str, kind: str, grade: str, **fields: Any) -> Claim:
    data = {
        "id": claim_id,
        "kind": kind,
        "grade": grade,
        "paraphrase": f"statement of {claim_id}",
        "quoted_by": "a test bank",
        "source": SOURCE,
        "caveats": ["a caveat for parents"],
    }
    return Claim.model_validate(data | fields)


TRANSPLANT = claim(
    "transplant",
    "transplant_by_age",
    "population_statistic",
    probability="0.0046",
    odds_as_quoted="1 in 217",
    measures={"population": "people", "event": "any transplant", "age_to": 70},
    age_table=TABLE,
)
OWN_RANGE = claim(
    "own-range",
    "own_unit_use",
    "expert_estimate",
    range={"low": "1 in 200,000", "high": "1 in 1,000"},
)
OWN_POINT = claim("own-point", "own_unit_use", "expert_estimate", probability="1 in 2,700")
SIBLING = claim("sibling", "sibling_match", "mendelian_arithmetic", probability="0.25")
REGEN = claim(
    "regen",
    "regenerative_medicine",
    "speculative_projection",
    probability="1 in 3",
    odds_as_quoted="1 in 3",
)
POSITION = claim("position", "professional_position", "professional_recommendation")
ALL = (TRANSPLANT, OWN_RANGE, OWN_POINT, SIBLING, REGEN, POSITION)


# --- horizon matching -------------------------------------------------------------------


def test_birth_is_zero_and_says_so() -> None:
    odds = horizon_probability(table(), 0)
    assert odds.probability == 0
    assert odds.summary == "by age 0: 0%"


def test_a_table_age_is_the_published_figure_labelled_about() -> None:
    # 20 years = 240 months, a table point: 0.0006; 1 / 0.0006 = 1,666.7 -> 2 figures: 1,700.
    odds = horizon_probability(table(), 240)
    assert odds.probability == Fraction(6, 10000)
    assert odds.qualifier is Qualifier.ABOUT
    assert odds.summary == "by age 20: about 1 in 1,700 (0.06%)"


def test_age_70_gives_back_the_quoted_1_in_217() -> None:
    # 1 / 0.0046 = 217.39 -> 3 figures: 217; 0.0046 = 0.46%.
    odds = horizon_probability(table(), 840)
    assert odds.probability == Fraction(46, 10000)
    assert odds.summary == "by age 70: about 1 in 217 (0.46%)"


def test_between_20_and_70_is_an_upper_bound_labelled_at_most() -> None:
    # Age 45 is halfway from 20 to 70: 0.0006 + (0.0046 - 0.0006) x 25/50 = 0.0026.
    # 1 / 0.0026 = 384.6 -> 385; 0.0026 = 0.26%.
    odds = horizon_probability(table(), 45 * 12)
    assert odds.probability == Fraction(26, 10000)
    assert odds.qualifier is Qualifier.AT_MOST
    assert odds.summary == "by age 45: at most about 1 in 385 (0.26%)"


def test_interpolation_works_in_whole_months() -> None:
    # 20 years 6 months = 246 months: 0.0006 + 0.0040 x 6/600 = 0.00064.
    # 1 / 0.00064 = 1,562.5 -> 2 figures, half up: 1,600; 0.064%.
    odds = horizon_probability(table(), 246)
    assert odds.probability == Fraction(64, 100000)
    assert odds.summary == "by age 20 years 6 months: at most about 1 in 1,600 (0.064%)"


def test_before_the_rising_age_an_interpolation_is_only_rough() -> None:
    # Age 10 is halfway from 0 to 20: 0.0003; 1 / 0.0003 = 3,333 -> 3,300. Childhood
    # incidence is not known to rise, so the chord is not a bound either way.
    odds = horizon_probability(table(), 120)
    assert odds.probability == Fraction(3, 10000)
    assert odds.qualifier is Qualifier.ROUGHLY
    assert odds.summary == "by age 10: roughly 1 in 3,300 (0.03%)"


def test_without_a_rising_age_every_interpolation_is_rough() -> None:
    assert horizon_probability(table(rising_from_age=None), 540).qualifier is Qualifier.ROUGHLY


def test_past_the_table_is_beyond_the_data_never_extrapolated() -> None:
    odds = horizon_probability(table(), 841)
    assert odds.qualifier is Qualifier.BEYOND_DATA
    assert odds.probability is None
    assert odds.text is None
    assert odds.summary == "by age 70 years 1 month: beyond the data (the figures stop at age 70)"
    assert horizon_cost_per_chance(Decimal("5000.00"), odds) is None


def test_a_negative_age_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        horizon_probability(table(), -1)


@pytest.mark.parametrize(
    ("months", "text"),
    [
        (0, "age 0"),
        (1, "age 1 month"),
        (5, "age 5 months"),
        (240, "age 20"),
        (253, "age 21 years 1 month"),
        (13, "age 1 year 1 month"),  # one year, singular
    ],
)
def test_ages_read_as_years_and_months(months: int, text: str) -> None:
    assert age_text(months) == text


# --- formatting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("probability", "one_in", "percent"),
    [
        (Fraction(0), "none", "0%"),
        (Fraction(1), "1 in 1", "100%"),
        (Fraction(1, 4), "1 in 4", "25%"),
        (Fraction(1, 3), "1 in 3", "33.3%"),  # 33.33...% -> 3 figures
        (Fraction(7, 16), "1 in 2.3", "43.8%"),  # 16/7 = 2.2857 -> 2.3; 43.75 -> 43.8 half up
        (Fraction(1, 217), "1 in 217", "0.461%"),  # 100/217 = 0.46083 -> 0.461
        (Fraction(46, 10000), "1 in 217", "0.46%"),  # 1/0.0046 = 217.39 -> 217
        (Fraction(1, 2700), "1 in 2,700", "0.037%"),  # 0.037037 -> 0.0370 -> 0.037
        (Fraction(1, 200000), "1 in 200,000", "0.0005%"),
        (Fraction(2, 1999), "1 in 1,000", "0.1%"),  # N = 999.5 -> 3 figures half up -> 1,000
        (Fraction(1, 110), "1 in 110", "0.909%"),  # 0.90909 -> 0.909
        (Fraction(1, 37), "1 in 37", "2.7%"),  # 2.7027 -> 2.70 -> 2.7
    ],
)
def test_one_formatting_for_every_probability(
    probability: Fraction, one_in: str, percent: str
) -> None:
    text = format_probability(probability)
    assert (text.one_in, text.percent) == (one_in, percent)
    assert str(text) == f"{one_in} ({percent})"


def test_a_probability_outside_0_and_1_cannot_be_formatted() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        format_probability(Fraction(3, 2))


# --- sibling match ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("siblings", "probability", "percent"),
    [
        (0, Fraction(0), "0%"),
        (1, Fraction(1, 4), "25%"),  # 1 - 3/4
        (2, Fraction(7, 16), "43.8%"),  # 1 - 9/16 = 0.4375
        (3, Fraction(37, 64), "57.8%"),  # 1 - 27/64 = 0.578125
        (4, Fraction(175, 256), "68.4%"),  # 1 - 81/256 = 0.68359375
        (5, Fraction(781, 1024), "76.3%"),  # 1 - 243/1024 = 0.7626953125
    ],
)
def test_sibling_match_is_one_minus_three_quarters_to_the_n(
    siblings: int, probability: Fraction, percent: str
) -> None:
    match = sibling_match(siblings)
    assert match.probability == probability
    assert match.text.percent == percent
    assert "half-sibling" in match.explanation
    assert "parent" in match.explanation


def test_sibling_wording() -> None:
    assert sibling_match(0).summary == "with no full siblings: no sibling match is possible (0%)"
    # 1 - 0.75^2 = 0.4375; above 1 in 10 a "1 in 2.3" helps nobody: the percentage alone
    assert sibling_match(2).summary == (
        "with 2 full siblings: a 43.8% chance that one of them is a match"
    )
    assert sibling_match(1).summary == "with 1 full sibling: a 25% chance that they match"


@pytest.mark.parametrize("siblings", [-1, 11])
def test_sibling_count_is_bounded(siblings: int) -> None:
    with pytest.raises(ValueError, match="between 0 and 10"):
        sibling_match(siblings)


# --- cost per chance --------------------------------------------------------------------


def test_cost_per_chance_is_cost_divided_by_probability() -> None:
    # $5,000 / 0.0006 = $8,333,333.333... -> $8,333,333.33
    assert cost_per_chance(Decimal("5000.00"), Fraction(6, 10000)) == Decimal("8333333.33")
    # $5,000 / (1/217) = $5,000 x 217 = $1,085,000.00
    assert cost_per_chance(Decimal("5000.00"), Fraction(1, 217)) == Decimal("1085000.00")
    # Kaimal 2009: $3,620 / 0.0004 = $9,050,000.00
    assert cost_per_chance(Decimal("3620.00"), Fraction(4, 10000)) == Decimal("9050000.00")


def test_cost_per_chance_rounds_half_to_even_like_all_money() -> None:
    # $0.01 / (4/5) = $0.0125: half to even gives $0.01 (half up would give $0.02).
    assert cost_per_chance(Decimal("0.01"), Fraction(4, 5)) == Decimal("0.01")


def test_cost_per_chance_needs_a_chance() -> None:
    with pytest.raises(ValueError, match="above 0"):
        cost_per_chance(Decimal("100.00"), Fraction(0))


def test_horizon_cost_per_chance_is_a_lower_bound_where_the_odds_are_an_upper_bound() -> None:
    at_20 = horizon_cost_per_chance(Decimal("5000.00"), horizon_probability(table(), 240))
    at_45 = horizon_cost_per_chance(Decimal("5000.00"), horizon_probability(table(), 540))
    assert at_20 is not None
    assert at_45 is not None
    assert (at_20.qualifier, at_20.low) == ("about", Decimal("8333333.33"))
    # $5,000 / 0.0026 = $1,923,076.923... -> $1,923,076.92
    assert (at_45.qualifier, at_45.low) == ("at least about", Decimal("1923076.92"))
    assert "population figure" in at_45.note


def test_own_unit_use_stays_a_range_with_a_range_of_costs() -> None:
    estimates = ProbabilityRange(low=Fraction(1, 200000), high=Fraction(1, 1000))
    assert own_unit_range(estimates).summary == "1 in 200,000 to 1 in 1,000 (0.0005% to 0.1%)"
    cost = range_cost_per_chance(Decimal("5000.00"), estimates)
    # $5,000 x 1,000 = $5,000,000.00; $5,000 x 200,000 = $1,000,000,000.00
    assert (cost.low, cost.high) == (Decimal("5000000.00"), Decimal("1000000000.00"))
    # the summary rounds an estimate to 3 significant figures: no cents on a population figure
    assert cost.summary == "$5 million to $1 billion per child who uses the unit"


# --- all claims together ----------------------------------------------------------------


def by_id(**kwargs: Any) -> dict[str, Any]:
    report = assess_claims(ALL, **kwargs)
    return {odds.id: odds for odds in report.claims}


def test_each_claim_keeps_its_words_source_and_caveats() -> None:
    odds = by_id(age_months=240, total_cost=Decimal("5000.00"))
    assert list(odds) == [c.id for c in ALL]
    for item, original in zip(odds.values(), ALL, strict=True):
        assert item.statement == str(original.statement)
        assert item.source == original.source
        assert item.caveats == tuple(str(c) for c in original.caveats)


def test_transplant_claim_shows_the_horizon_beside_the_quote() -> None:
    odds = by_id(age_months=240, total_cost=Decimal("5000.00"))["transplant"]
    assert odds.beside == (
        "about 1 in 1,700 people (0.06%) have a stem cell transplant of any kind, from any"
        " source, by age 20; the chance of using a banked cord blood unit is far smaller. The"
        " quoted 1 in 217 is by age 70"
    )
    assert odds.quoted is not None
    assert odds.quoted.one_in == "1 in 217"
    assert odds.cost_per_chance is not None
    assert odds.cost_per_chance.low == Decimal("8333333.33")


def test_at_70_the_transplant_claim_is_the_quoted_figure() -> None:
    odds = by_id(age_months=840, total_cost=Decimal("5000.00"))["transplant"]
    assert odds.beside == (
        "about 1 in 217 people (0.46%) have a stem cell transplant of any kind, from any source,"
        " by age 70; the chance of using a banked cord blood unit is far smaller. This is the"
        " quoted figure"
    )


def test_own_unit_claims_are_a_range_or_a_single_estimate_without_cost() -> None:
    odds = by_id(age_months=240, total_cost=Decimal("5000.00"))
    assert odds["own-range"].beside == "estimated at 1 in 200,000 to 1 in 1,000 (0.0005% to 0.1%)"
    assert odds["own-range"].cost_per_chance is not None
    assert odds["own-point"].beside == "a single estimate of about 1 in 2,700 (0.037%)"
    assert odds["own-point"].cost_per_chance is None


def test_the_speculative_claim_never_gets_a_cost_per_chance() -> None:
    odds = by_id(age_months=240, total_cost=Decimal("5000.00"))["regen"]
    assert odds.cost_per_chance is None
    assert odds.horizon is None
    assert odds.range is None
    assert odds.beside.startswith("not a measured probability")


def test_sibling_claim_uses_the_number_of_siblings_when_given() -> None:
    with_two = by_id(age_months=240, total_cost=Decimal("5000.00"), siblings=2)["sibling"]
    assert with_two.siblings is not None
    assert with_two.siblings.probability == Fraction(7, 16)
    assert with_two.cost_per_chance is None
    without = by_id(age_months=240, total_cost=Decimal("5000.00"))["sibling"]
    assert without.siblings is None
    assert without.beside == "25% for each full sibling; with n full siblings, 1 - 0.75^n"


def test_a_position_has_nothing_beside_it() -> None:
    odds = by_id(age_months=240, total_cost=Decimal("5000.00"))["position"]
    assert (odds.beside, odds.quoted, odds.cost_per_chance) == ("", None, None)


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        assess_claims(ALL, age_months=-1, total_cost=Decimal("1.00"))
    with pytest.raises(ValueError, match="negative"):
        assess_claims(ALL, age_months=1, total_cost=Decimal("-1.00"))


# --- properties -------------------------------------------------------------------------


@st.composite
def tables(draw: st.DrawFn) -> AgeTable:
    ages = draw(st.lists(st.integers(1, 100), min_size=1, max_size=6, unique=True))
    steps = draw(st.lists(st.fractions(0, 1), min_size=len(ages), max_size=len(ages)))
    total = sum(steps, Fraction(0)) or Fraction(1)
    cumulative, points = Fraction(0), [{"age": 0, "probability": Fraction(0)}]
    for age, step in zip(sorted(ages), steps, strict=True):
        cumulative += step / total  # scaled so the last point is at most 1
        points.append({"age": age, "probability": cumulative})
    rising = draw(st.sampled_from([None, *[p["age"] for p in points]]))
    return AgeTable.model_validate({"points": points, "rising_from_age": rising, "source": SOURCE})


@settings(max_examples=300)
@given(tables(), st.data())
def test_horizon_odds_never_fall_with_age_and_stay_in_0_1(
    age_table: AgeTable, data: st.DataObject
) -> None:
    last = age_table.max_age * 12
    younger = data.draw(st.integers(0, last))
    older = data.draw(st.integers(younger, last))
    p_younger = horizon_probability(age_table, younger).probability
    p_older = horizon_probability(age_table, older).probability
    assert p_younger is not None
    assert p_older is not None
    assert 0 <= p_younger <= p_older <= 1


@settings(max_examples=200)
@given(tables(), st.integers(1, 600))
def test_past_the_last_age_is_always_beyond_the_data(age_table: AgeTable, extra: int) -> None:
    odds = horizon_probability(age_table, age_table.max_age * 12 + extra)
    assert odds.qualifier is Qualifier.BEYOND_DATA
    assert odds.probability is None


@settings(max_examples=200)
@given(st.fractions(Fraction(1, 1000), 1), st.integers(0, 9))
def test_more_siblings_always_means_a_better_chance(per_sibling: Fraction, siblings: int) -> None:
    fewer = sibling_match(siblings, per_sibling).probability
    more = sibling_match(siblings + 1, per_sibling).probability
    assert fewer < more <= 1 or (per_sibling == 1 and fewer == more == 1 and siblings >= 1)
    assert sibling_match(1).probability == Fraction(1, 4)


@settings(max_examples=300)
@given(
    st.decimals(
        Decimal("0.01"), Decimal("10000000"), places=2, allow_nan=False, allow_infinity=False
    ),
    st.fractions(Fraction(1, 10**7), 1),
    st.fractions(Fraction(1, 10**7), 1),
)
def test_a_better_chance_never_costs_more_per_chance(
    total: Decimal, first: Fraction, second: Fraction
) -> None:
    lower, higher = sorted((first, second))
    assert cost_per_chance(total, higher) <= cost_per_chance(total, lower)


@settings(max_examples=300)
@given(st.fractions(Fraction(1, 10**9), 1))
def test_one_in_n_is_within_five_percent_of_the_exact_odds(probability: Fraction) -> None:
    # 2 significant figures are off by at most half a unit in the second digit: < 5 %.
    shown = Fraction(Decimal(format_probability(probability).one_in[5:].replace(",", "")))
    exact = 1 / probability
    assert abs(shown - exact) <= exact / 20


def test_a_range_over_other_ages_than_the_plan_says_the_spans_differ() -> None:
    over_20 = claim(
        "own-20",
        "own_unit_use",
        "expert_estimate",
        range={"low": "1 in 200,000", "high": "1 in 2,500"},
        measures={"population": "children", "event": "use own unit", "age_to": 20},
    )
    by_78 = assess_claims((over_20,), age_months=78 * 12, total_cost=Decimal("5000.00"))
    assert "covers ages 0 to 20; the cost is for storage to age 78" in (
        by_78.claims[0].cost_per_chance.note  # type: ignore[union-attr]
    )
    by_20 = assess_claims((over_20,), age_months=20 * 12, total_cost=Decimal("5000.00"))
    assert "spans differ" not in by_20.claims[0].cost_per_chance.note  # type: ignore[union-attr]


def test_what_is_remembered_about_a_claim_never_carries_one_plan_s_cost_to_another() -> None:
    # the wording of a claim is remembered per claim, horizon and language; the cost is not
    cheap = assess_claims(ALL, 240, Decimal("2000.00")).claims[0]
    dear = assess_claims(ALL, 240, Decimal("4000.00")).claims[0]
    assert cheap.beside == dear.beside  # the same words for the same horizon
    assert cheap.cost_per_chance is not None
    assert dear.cost_per_chance is not None
    # by 20 the table says 0.0006: 2,000 / 0.0006 = 3,333,333.33; 4,000 / 0.0006 = 6,666,666.67
    assert cheap.cost_per_chance.low == Decimal("3333333.33")
    assert dear.cost_per_chance.low == Decimal("6666666.67")
    assert assess_claims(ALL, 480, Decimal("2000.00")).claims[0].horizon != cheap.horizon


def test_a_claim_read_again_from_a_changed_catalog_is_worded_afresh() -> None:
    before = claim("own-point", "own_unit_use", "expert_estimate", probability="1 in 2,700")
    after = claim("own-point", "own_unit_use", "expert_estimate", probability="1 in 5,000")
    assert assess_claims((before,), 240, Decimal(100)).claims[0].quoted.one_in == "1 in 2,700"
    assert assess_claims((after,), 240, Decimal(100)).claims[0].quoted.one_in == "1 in 5,000"
    again = claim("own-point", "own_unit_use", "expert_estimate", probability="1 in 2,700")
    assert again == before
    assert again is not before
    assert assess_claims((again,), 240, Decimal(100)).claims[0].claim is again
