"""Public donation and, for a family with a known need, directed donation: what the known-need
input changes (and what it must not), programs validated like plans, and the chance that a
sibling both needs a donor transplant and matches. Worked by hand."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from bankcalc.catalog.claims import SiblingNeed
from bankcalc.catalog.loading import CatalogError, load_catalog
from bankcalc.core.odds import sibling_use
from bankcalc.core.quote import build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.tax import TaxStatus
from bankcalc.resources import default_plans_path
from builders import catalog_data, dump_catalog, plan_data

TODAY = dt.date(2026, 11, 26)
SHIPPED = load_catalog(default_plans_path())
SOURCE = {"read_on": "2026-11-26", "source": "a program's own page", "basis": "quoted"}


def program(**extra: Any) -> dict[str, Any]:
    return {
        "id": "directed",
        "name": "A directed program",
        "route": "public_directed",
        "run_by": "A public bank",
        "recipients": ["sibling"],
        "cost": "Free.",
        "gives": "Storage for the ill sibling.",
        "source": SOURCE,
    } | extra


def quote(**extra: Any) -> Any:
    return build_quote(SHIPPED, Scenario.model_validate({"plan": "cbr-cord-blood"} | extra), TODAY)


def test_without_a_known_need_only_the_free_route_is_shown() -> None:
    plain = quote()
    assert plain.public_donation is not None
    assert plain.public_donation.id == "public-donation"
    assert plain.programs == ()
    assert plain.odds.family is None
    assert plain.tax.status is TaxStatus.USUALLY_NOT_ELIGIBLE


def test_a_sibling_with_a_known_need_opens_the_directed_route() -> None:
    need = quote(known_need="sibling")
    assert [p.id for p in need.programs] == [
        "nmdp-sibling-directed",
        "public-case-of-need",
        "family-bank-case-of-need",
        "cbr-newborn-possibilities",
    ]
    assert need.odds.family is not None
    assert need.odds.family.probability == Fraction(1, 4)  # one of two blocks from each parent
    assert "1 in 4 (25%)" in need.odds.family.summary
    assert need.tax.status is TaxStatus.MAY_QUALIFY
    # what it must not change: the money
    plain = quote()
    assert (need.schedule, need.options) == (plain.schedule, plain.options)


def test_a_parent_with_a_known_need_is_served_only_by_family_banks() -> None:
    need = quote(known_need="parent")
    # public banks help only when a full sibling needs the transplant (Parent's Guide)
    assert [p.id for p in need.programs] == [
        "family-bank-case-of-need",
        "cbr-newborn-possibilities",
    ]
    assert need.odds.family is not None
    assert need.odds.family.probability is None
    assert "rarely matches a parent" in need.odds.family.summary


def test_the_chance_a_sibling_needs_a_donor_and_matches_is_an_estimate_by_age() -> None:
    need = SiblingNeed.model_validate(
        {
            "table": {
                "points": {0: 0, 20: "1 in 2,500"},
                "source": {"citation": "an odds table, fixture", "year": 2024},
            },
            "assumed": "0.0007",
            "assumed_by": "Kaimal et al. (2009)",
        }
    )
    by_20 = sibling_use(need, 240, 2, Fraction(1, 4))
    # one sibling: 1/2500 x 1/4 = 1/10,000; two: 1 - (1 - 1/10000)^2 = 19,999/100,000,000
    assert by_20.per_sibling.probability == Fraction(1, 10000)
    assert by_20.any_sibling is not None
    assert by_20.any_sibling.probability == Fraction(19999, 100000000)
    assert "about 1 in 10,000 (0.01%) for each sibling" in by_20.summary
    assert "for 2 siblings, 1 in 5,000" in by_20.summary
    # Kaimal's assumption: 0.0007 x 1/4 = 0.000175 = 1 in 5,714 -> "1 in 5,700"
    assert by_20.assumed.one_in == "1 in 5,700"
    beyond = sibling_use(need, 360, 1, Fraction(1, 4))
    assert beyond.any_sibling is None
    assert "beyond the data by age 30 (the figures stop at age 20)" in beyond.summary


def _refused(tmp_path: Path, programs: list[dict[str, Any]]) -> str:
    data = catalog_data([plan_data("alpha")]) | {"programs": programs}
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    assert str(path) in str(caught.value)
    return str(caught.value)


def test_a_program_missing_its_cost_names_the_program_and_field(tmp_path: Path) -> None:
    bad = program()
    del bad["cost"]
    assert "program 'directed': cost: field required" in _refused(tmp_path, [bad])


def test_only_public_donation_is_for_anyone(tmp_path: Path) -> None:
    message = _refused(tmp_path, [program(recipients=["anyone"])])
    assert "program 'directed': (the entry): public donation, and only it, is for anyone" in (
        message
    )


def test_a_program_quoting_unpublished_words_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path, [program(cost="“Always free” for everyone.")])
    assert "program 'directed'" in message
    assert "no quote backs it" in message


def test_a_program_with_an_unknown_recipient_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path, [program(recipients=["cousin"])])
    assert "program 'directed': recipients[0]" in message
