"""Contract terms in the catalog: each known term with its source, the rest not published.

The shipped catalog's terms are checked against the published wording they quote (read for
the project and listed in the research notes, section 18); the rules are checked on small
catalogs written here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bankcalc.catalog.contract import FeeTerm, StorageIncreaseTerm, Topic
from bankcalc.catalog.kinds import Basis
from bankcalc.catalog.loading import CatalogError, load_catalog
from bankcalc.resources import default_plans_path
from builders import catalog_data, dump_catalog, plan_data

SHIPPED = load_catalog(default_plans_path())


def term(says: str = "What the terms say.", **extra: Any) -> dict[str, Any]:
    source = {"read_on": "2026-11-26", "source": "a bank's own page", "basis": "quoted"}
    return {"says": says, "source": source} | extra


def problem(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    return str(caught.value)


def load(tmp_path: Path, data: dict[str, Any]) -> Any:
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    return load_catalog(path)


# ---- the shipped catalog -------------------------------------------------------------------


def test_americord_plans_inherit_the_banks_release_fee_without_an_amount() -> None:
    for plan_id in ("americord-essential", "americord-ultimate"):
        plan = SHIPPED.plan(plan_id)
        assert plan is not None
        release = SHIPPED.contract_for(plan).release
        assert isinstance(release, FeeTerm)
        assert release.fee is None
        assert release.fee_unpublished
        assert "any release fees as described below in this Agreement" in release.quote
        # read on a copy of the agreement on another site: a third party's copy, so flagged
        assert release.source.basis is Basis.THIRD_PARTY
        assert "cordadvantage.com" in release.source.source.en


def test_americord_accreditation_and_guarantee_are_quoted_with_their_sources() -> None:
    plan = SHIPPED.plan("americord-essential")
    assert plan is not None
    contract = SHIPPED.contract_for(plan)
    assert contract.accreditation is not None
    assert "is AABB Accredited." in contract.accreditation.quote
    assert contract.guarantee is not None
    assert "$110,000 quality guarantee" in contract.guarantee.quote
    assert contract.guarantee.source.basis is Basis.QUOTED


def test_cbr_first_year_is_its_own_banner_and_matches_the_plan() -> None:
    plan = SHIPPED.plan("cbr-cord-blood")
    assert plan is not None
    first_year = SHIPPED.contract_for(plan).first_year
    assert first_year is not None
    assert first_year.quote == "Price includes 1 year of storage."
    assert plan.first_year_included  # the price model agrees with the term


def test_banks_with_no_published_terms_leave_every_topic_to_ask() -> None:
    for plan_id in ("viacord-cord-blood", "lifebankusa-cord-blood"):
        plan = SHIPPED.plan(plan_id)
        assert plan is not None
        assert SHIPPED.contract_for(plan).known == 0


def test_cord_for_life_is_listed_for_its_terms_with_no_made_up_price() -> None:
    bank = SHIPPED.bank("cord-for-life")
    assert bank is not None
    assert not [plan for plan in SHIPPED.plans if plan.bank == "cord-for-life"]
    cancel = bank.contract_terms.cancellation
    assert cancel is not None
    assert cancel.fee == 200
    assert "non-refundable $200.00 administrative fee" in cancel.quote
    assert str(cancel.source.as_of) == "2018-03-15"


@pytest.mark.parametrize(
    ("bank_id", "topic", "words"),
    [
        ("insception", Topic.CANCELLATION, "the Company will refund all monies paid."),
        ("cryo-cell", Topic.CANCELLATION, "nothing will be charged until the cord blood"),
        ("stemcyte", Topic.GUARANTEE, "plus an additional $50,000."),
        ("necbb", Topic.GUARANTEE, "up to an additional $80,000.00"),
    ],
)
def test_terms_only_banks_quote_their_own_pages(bank_id: str, topic: Topic, words: str) -> None:
    bank = SHIPPED.bank(bank_id)
    assert bank is not None
    known = getattr(bank.contract_terms, topic.value)
    assert known is not None
    assert words in known.quote
    assert known.source.basis is Basis.QUOTED
    assert known.source.url is not None


def test_every_shipped_term_says_where_and_when_it_was_read() -> None:
    terms = [bank.contract_terms for bank in SHIPPED.banks]
    terms += [plan.contract_terms for plan in SHIPPED.plans]
    seen = 0
    for contract in terms:
        for _, known in contract.topics():
            if known is None:
                continue
            seen += 1
            assert known.source.read_on is not None
            assert len(known.source.source.en) > 20  # a title and a publisher
            assert known.source.basis is not Basis.ILLUSTRATIVE
    assert seen == 9  # 3 Americord, 1 CBR, Cord for Life, Cryo-Cell, Insception, NECBB, StemCyte


# ---- the rules -----------------------------------------------------------------------------


def test_a_plans_own_term_wins_over_its_banks(tmp_path: Path) -> None:
    alpha, beta = plan_data("alpha"), plan_data("beta")
    alpha["contract_terms"] = {"discounts": term("Ten percent off for military families.")}
    data = catalog_data([alpha, beta])
    data["banks"][0]["contract_terms"] = {
        "discounts": term("No discounts."),
        "closure": term("Units move to a partner bank."),
    }
    catalog = load(tmp_path, data)
    own, inherited = (catalog.contract_for(catalog.plans[i]) for i in (0, 1))
    assert own.discounts is not None
    assert own.discounts.says.en == "Ten percent off for military families."
    assert inherited.discounts is not None
    assert inherited.discounts.says.en == "No discounts."
    assert own.closure == inherited.closure  # said by the bank only: both inherit it


def test_a_term_cannot_be_illustrative(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    made_up = term() | {"source": term()["source"] | {"basis": "illustrative"}}
    data["banks"][0]["contract_terms"] = {"closure": made_up}
    message = problem(tmp_path, data)
    assert "bank 'test-bank': contract_terms.closure" in message
    assert "never illustrative" in message


def test_a_fee_is_stated_or_unpublished_not_both(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["contract_terms"] = {
        "release": term() | {"fee": "250.00", "fee_unpublished": True}
    }
    assert "plan 'alpha': contract_terms.release" in problem(tmp_path, data)


def test_only_cancellation_and_release_name_a_fee(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["contract_terms"] = {"closure": term() | {"fee": "100.00"}}
    message = problem(tmp_path, data)
    assert "plan 'alpha': contract_terms.closure.fee: extra inputs are not permitted" in message


def test_a_cap_needs_a_fee_that_may_rise_and_stays_within_20_percent(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["contract_terms"] = {
        "storage_increase": term() | {"may_rise": False, "cap": "3 %"}
    }
    assert "only makes sense when the fee may rise" in problem(tmp_path, data)
    data["plans"][0]["contract_terms"] = {
        "storage_increase": term() | {"may_rise": True, "cap": "25 %"}
    }
    assert "must be from 0 % to 20 %, got 25 %" in problem(tmp_path, data)
    data["plans"][0]["contract_terms"] = {
        "storage_increase": term() | {"may_rise": True, "cap": "3 %"}
    }
    rising = load(tmp_path, data).plans[0].contract_terms.storage_increase
    assert isinstance(rising, StorageIncreaseTerm)
    assert str(rising.cap) == "0.03"


def test_the_plan_id_offer_is_kept_for_the_familys_own(tmp_path: Path) -> None:
    data = catalog_data([plan_data("offer")])
    assert "plan id 'offer' is kept for the offer a family enters" in problem(tmp_path, data)


def test_text_is_bounded(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["name"] = "x" * 121
    assert "plan 'alpha': name" in problem(tmp_path, data)
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["contract_terms"] = {"closure": term("y" * 601)}
    assert "contract_terms.closure.says" in problem(tmp_path, data)
