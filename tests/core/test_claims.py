"""Claim models: exact probabilities, '1 in N' agreement, and catalog errors people can act on."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bankcalc.catalog.claims import (
    Claim,
    ClaimKind,
    EvidenceGrade,
    agrees,
    parse_probability,
    round_significant,
)
from bankcalc.catalog.loading import CatalogError, load_catalog
from bankcalc.catalog.models import Catalog
from bankcalc.resources import default_plans_path
from builders import dump_catalog

SOURCE = {"citation": "A test source, journal 2000", "year": 2000}
PLAN = {
    "id": "test-plan",
    "bank": "test-bank",
    "name": "Test plan",
    "stores": ["cord_blood"],
    "one_time_fees": [{"name": "Processing", "kind": "processing", "amount": "1500.00"}],
    "annual_storage_fee": "175.00",
    "first_year_included": False,
    "payment_options": [{"id": "yearly", "kind": "yearly", "name": "Pay yearly"}],
    "prices": {"as_of": "2026-01-01", "source": "test fixture", "basis": "quoted"},
}


def transplant(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "by-70",
        "kind": "transplant_by_age",
        "grade": "population_statistic",
        "paraphrase": "approximately 1 in 217 by age 70",
        "quoted_by": "a test bank",
        "probability": "0.0046",
        "odds_as_quoted": "1 in 217",
        "source": SOURCE,
        "measures": {"population": "people", "event": "any transplant", "age_to": 70},
        "caveats": ["any transplant, not a banked unit"],
        "age_table": {"points": {0: 0, 20: "0.0006", 70: "0.0046"}, "source": SOURCE},
    }
    return data | changes


def write_catalog(tmp_path: Path, claims: list[dict[str, Any]]) -> Path:
    data = {
        "version": 1,
        "banks": [{"id": "test-bank", "name": "Test Bank"}],
        "plans": [PLAN],
        "claims": claims,
    }
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    return path


def catalog_error(tmp_path: Path, claims: list[dict[str, Any]]) -> str:
    with pytest.raises(CatalogError) as caught:
        load_catalog(write_catalog(tmp_path, claims))
    return str(caught.value)


# --- probabilities ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "exact"),
    [
        ("1 in 217", Fraction(1, 217)),
        ("1 in 200,000", Fraction(1, 200000)),
        ("0.0046", Fraction(46, 10000)),  # 23/5000
        (Decimal("0.0046"), Fraction(23, 5000)),
        ("0.46 %", Fraction(23, 5000)),
        ("25%", Fraction(1, 4)),
        (0, Fraction(0)),
        (1, Fraction(1)),
        (Fraction(1, 3), Fraction(1, 3)),
    ],
)
def test_probabilities_are_kept_exact(given: object, exact: Fraction) -> None:
    assert parse_probability(given) == exact


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (0.0046, "exact number"),
        (True, "exact number"),
        ("1 in 0", "not a probability"),
        ("1.5", "between 0 and 1"),
        ("-0.1", "between 0 and 1"),
        ("about one in two hundred", "expected '1 in N'"),
        (Decimal("NaN"), "finite"),
    ],
)
def test_bad_probabilities_are_refused_with_a_reason(given: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_probability(given)


def test_rounding_to_significant_figures_is_exact() -> None:
    # 1 / 0.0046 = 217.391... -> 3 figures: 217
    assert round_significant(1 / Fraction(46, 10000), 3) == 217
    # 1 / 0.0006 = 1,666.67 -> 2 figures: 1,700
    assert round_significant(1 / Fraction(6, 10000), 2) == 1700
    # 0.00046083 -> 3 figures: 0.000461
    assert round_significant(Fraction(1, 217) / 10, 3) == Fraction(461, 1000000)
    # 1,005 -> 3 figures, half up: 1,010
    assert round_significant(Fraction(1005), 3) == 1010


@pytest.mark.parametrize(
    ("text", "probability", "same"),
    [
        ("1 in 217", Fraction(46, 10000), True),  # 1/0.0046 = 217.39 -> 217
        ("1 in 218", Fraction(46, 10000), False),  # 218 vs 217
        ("1 in 217", Fraction(1, 200), False),  # 200 vs 217
        ("1 in 2,500", Fraction(4, 10000), True),  # 2,500 = 2,500
        ("1 in 1,000", Fraction(1, 1004), True),  # 1,004 -> 1,000
        ("1 in 1,005", Fraction(1, 1004), False),  # 1,005 -> 1,010 vs 1,000
        ("1 in 3", Fraction(1, 3), True),
        ("one in three", Fraction(1, 3), False),
    ],
)
def test_one_in_n_agrees_with_a_probability_to_3_figures(
    text: str, probability: Fraction, same: bool
) -> None:
    assert agrees(text, probability) is same


# --- claim models -----------------------------------------------------------------------


def test_a_well_formed_claim_validates() -> None:
    claim = Claim.model_validate(transplant())
    assert claim.probability == Fraction(23, 5000)
    assert claim.age_table is not None
    assert claim.age_table.at(20) == Fraction(3, 5000)
    assert claim.kind is ClaimKind.TRANSPLANT_BY_AGE


def test_claims_are_frozen() -> None:
    claim = Claim.model_validate(transplant())
    with pytest.raises(ValidationError):
        claim.paraphrase = "changed"  # type: ignore[misc]


def test_a_speculative_projection_cannot_carry_a_range() -> None:
    data = {
        "id": "regen",
        "kind": "own_unit_use",
        "grade": "speculative_projection",
        "paraphrase": "1 in 3 could benefit",
        "quoted_by": "a test bank",
        "source": SOURCE,
        "caveats": ["not a probability at all"],
        "range": {"low": "1 in 10", "high": "1 in 3"},
    }
    with pytest.raises(ValidationError, match="speculative projection"):
        Claim.model_validate(data)


def test_the_table_must_give_the_claims_own_figure_at_its_age() -> None:
    table = {"points": {0: 0, 20: "0.0006", 70: "0.005"}, "source": SOURCE}
    with pytest.raises(ValidationError, match="at age 70"):
        Claim.model_validate(transplant(age_table=table))


def test_a_sibling_claim_needs_its_per_sibling_probability() -> None:
    data = transplant(kind="sibling_match", age_table=None, probability=None, odds_as_quoted=None)
    with pytest.raises(ValidationError, match="per-sibling"):
        Claim.model_validate(data)


def test_claims_default_to_none_so_older_catalogs_still_load() -> None:
    catalog = Catalog.model_validate(
        {
            "banks": [{"id": "test-bank", "name": "B"}],
            "plans": [PLAN],
        }
    )
    assert catalog.claims == ()


# --- a bad claims section names the claim and the field ---------------------------------


def test_a_missing_source_names_the_claim_and_field(tmp_path: Path) -> None:
    data = transplant()
    del data["source"]
    message = catalog_error(tmp_path, [data])
    assert "claim 'by-70': source: field required" in message


def test_zero_caveats_names_the_claim_and_field(tmp_path: Path) -> None:
    message = catalog_error(tmp_path, [transplant(caveats=[])])
    assert "claim 'by-70': caveats:" in message
    assert "at least 1 item" in message


def test_a_table_that_falls_names_the_claim_and_field(tmp_path: Path) -> None:
    table = {"points": {0: 0, 20: "0.0006", 40: "0.0005", 70: "0.0046"}, "source": SOURCE}
    message = catalog_error(tmp_path, [transplant(age_table=table)])
    assert "claim 'by-70': age_table:" in message
    assert "not monotone" in message


def test_a_table_that_does_not_start_at_zero_is_refused(tmp_path: Path) -> None:
    table = {"points": {20: "0.0006", 70: "0.0046"}, "source": SOURCE}
    message = catalog_error(tmp_path, [transplant(age_table=table)])
    assert "claim 'by-70': age_table: the table must start at age 0" in message


def test_one_in_217_with_a_mismatching_probability_names_the_claim_and_field(
    tmp_path: Path,
) -> None:
    # 0.005 is 1 in 200, not 1 in 217.
    table = {"points": {0: 0, 20: "0.0006", 70: "0.005"}, "source": SOURCE}
    message = catalog_error(tmp_path, [transplant(probability="0.005", age_table=table)])
    assert "claim 'by-70': odds_as_quoted:" in message
    assert "'1 in 217' does not agree with probability 0.005 (1 in 200)" in message


def test_a_probability_out_of_range_names_the_claim_and_field(tmp_path: Path) -> None:
    message = catalog_error(tmp_path, [transplant(probability="1.2")])
    assert "claim 'by-70': probability:" in message


def test_duplicate_claim_ids_are_refused(tmp_path: Path) -> None:
    message = catalog_error(tmp_path, [transplant(), transplant()])
    assert "duplicate claim id 'by-70'" in message


# --- the shipped catalog ----------------------------------------------------------------


def three_figures(value: Decimal) -> Decimal:
    """Independent of the code under test: decimal context rounding to 3 figures."""
    return Context(prec=3, rounding=ROUND_HALF_UP).plus(value)


def test_every_shipped_claim_has_a_source_caveats_and_consistent_odds() -> None:
    catalog = load_catalog(default_plans_path())
    assert catalog.claims, "the shipped catalog must carry its claims"
    for claim in catalog.claims:
        assert len(claim.source.citation) >= 10, claim.id
        assert 1900 <= claim.source.year <= 2100, claim.id
        assert claim.caveats, claim.id
        assert all(caveat.en.strip() and caveat.es for caveat in claim.caveats), claim.id
        if claim.odds_as_quoted is not None:
            assert claim.probability, claim.id
            quoted_n = Decimal(claim.odds_as_quoted.removeprefix("1 in ").replace(",", ""))
            p = claim.probability
            implied_n = Decimal(p.denominator) / Decimal(p.numerator)
            assert three_figures(quoted_n) == three_figures(implied_n), claim.id


def test_the_shipped_claims_carry_the_published_figures() -> None:
    claims = {claim.id: claim for claim in load_catalog(default_plans_path()).claims}
    assert set(claims) == {
        "transplant-by-70",
        "observed-release-rate",
        "own-unit-aap",
        "own-unit-asbmt-2008",
        "own-unit-acog-2008",
        "kaimal-2009",
        "sibling-match",
        "perfect-match-own",
        "regenerative-1-in-3",
        "aap-2017-position",
        "acog-771-position",
        "aap-2007-position",
        "asbmt-2008-position",
        "fsa-hsa",
    }
    table = claims["transplant-by-70"].age_table
    assert table is not None
    assert [(p.age, p.probability) for p in table.points] == [
        (0, Fraction(0)),
        (20, Fraction(6, 10000)),
        (70, Fraction(46, 10000)),
    ]
    assert claims["transplant-by-70"].source.doi == "10.1016/j.bbmt.2007.12.493"
    assert claims["transplant-by-70"].grade is EvidenceGrade.MODEL_ESTIMATE
    aap = claims["own-unit-aap"].range
    asbmt = claims["own-unit-asbmt-2008"].range
    assert aap is not None
    assert (aap.low, aap.high) == (Fraction(1, 200000), Fraction(1, 1000))
    assert asbmt is not None
    assert (asbmt.low, asbmt.high) == (Fraction(1, 200000), Fraction(1, 2500))
    assert claims["own-unit-acog-2008"].probability == Fraction(1, 2700)
    assert claims["observed-release-rate"].probability == Fraction(23, 100000)
    assert claims["observed-release-rate"].grade is EvidenceGrade.OBSERVED_RATE
    kaimal = claims["kaimal-2009"].threshold
    assert kaimal is not None
    assert (kaimal.below_cost, kaimal.above_odds) == (262, Fraction(1, 110))
    assert claims["sibling-match"].probability == Fraction(1, 4)
    regen = claims["regenerative-1-in-3"]
    assert regen.grade is EvidenceGrade.SPECULATIVE_PROJECTION
    assert regen.age_table is None
    assert regen.range is None
