"""The free route beside every result and comparison, never ranked with private plans; the
directed route for a family with a known need, on the page and in the API."""

from __future__ import annotations

import json

from bankcalc.web import create_app
from pages.html_tree import parse

CLIENT = create_app({"TODAY": "2027-01-01"}).test_client()


def test_public_donation_is_its_own_row_on_the_result_at_no_cost() -> None:
    doc = parse(CLIENT.get("/?plan=cbr-cord-blood").data)
    free = doc.by_id("public-donation").text()
    assert "donate to a public bank, $0" in free
    assert "not kept for your family" in free
    assert "participating hospitals" in free
    assert "week 34" in free
    assert "read on November 26, 2026" in free  # its source and date


def test_public_donation_never_enters_the_ranking_of_private_plans() -> None:
    doc = parse(CLIENT.get("/compare?horizon=20").data)
    assert "donate to a public bank, $0" in doc.by_id("public-donation").text()
    ranked = doc.by_id("ranked").text()
    assert "public bank" not in ranked.lower()
    data = json.loads(CLIENT.post("/api/v1/comparisons", json={"horizon": 20}).data)
    assert data["public_donation"]["route"] == "public_donation"
    assert data["public_donation"]["recipients"] == ["anyone"]
    assert all(entry["plan"]["id"] != "public-donation" for entry in data["plans"])
    assert data["programs"] == []  # no known need given


def test_a_known_need_shows_the_family_match_and_the_programs() -> None:
    doc = parse(CLIENT.get("/?plan=cbr-cord-blood&known_need=sibling").data)
    family = doc.by_id("family-match").text()
    assert "1 in 4 (25%) chance of being a full tissue (HLA) match" in family
    programs = doc.by_id("programs").text()
    assert "Sibling-directed donation (NMDP list)" in programs
    assert "Carolinas Cord Blood Bank" in programs
    assert "CBR Newborn Possibilities Program" in programs
    assert "may be out of date" in programs  # the 2013 terms
    # the plan's own price, beside the programs' cost: 1795 + 19 x 400 = 9,395 for 20 years
    assert "This plan costs $9,395.00 over 20 years" in programs
    assert "may qualify" in doc.by_id("tax").text().lower()


def test_the_api_and_compare_carry_the_directed_route_for_a_known_need() -> None:
    body = {"plan": "cbr-cord-blood", "known_need": "parent"}
    quote = json.loads(CLIENT.post("/api/v1/quotes", json=body).data)
    assert [p["id"] for p in quote["programs"]] == [
        "family-bank-case-of-need",
        "cbr-newborn-possibilities",
    ]
    assert quote["odds"]["family"]["need"] == "parent"
    assert quote["odds"]["family"]["probability"] is None
    compare = parse(CLIENT.get("/compare?horizon=20&known_need=sibling").data)
    assert "Sibling-directed donation" in compare.by_id("programs").text()


def test_a_known_need_that_is_not_one_of_the_answers_comes_back_beside_the_field() -> None:
    response = CLIENT.get("/?plan=cbr-cord-blood&known_need=cousin")
    assert response.status_code == 422
    doc = parse(response.data)
    assert "Choose one of the answers in the list." in doc.by_id("known_need-error").text()
    kept = doc.find("select", name="known_need").find("option", value="cousin")
    assert "selected" in kept.attrs
