"""The API's quoted claims, horizon-matched odds and enrollment timeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from bankcalc.web import create_app
from builders import catalog_data, dump_catalog, plan_data

SOURCE = {"citation": "A test source, journal 2000", "year": 2000}
TRANSPLANT = {
    "id": "transplant",
    "kind": "transplant_by_age",
    "grade": "population_statistic",
    "paraphrase": "1 in 217 need a transplant by 70",
    "quoted_by": "a test bank",
    "probability": "0.0046",
    "odds_as_quoted": "1 in 217",
    "measures": {"population": "people", "event": "any transplant", "age_to": 70},
    "source": SOURCE,
    "caveats": ["any transplant from any source, not a banked unit"],
    "age_table": {
        "points": {0: 0, 20: "0.0006", 70: "0.0046"},
        "rising_from_age": 20,
        "source": SOURCE,
    },
}
SIBLING = {
    "id": "sibling",
    "kind": "sibling_match",
    "grade": "mendelian_arithmetic",
    "paraphrase": "25% chance of matching a sibling",
    "quoted_by": "a test bank",
    "probability": "0.25",
    "source": SOURCE,
    "caveats": ["only full siblings, and only if one needs a transplant"],
}


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    data = catalog_data([plan_data("beta", processing="1000.00", annual="100.00")])
    data["claims"] = [TRANSPLANT, SIBLING]
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    return create_app({"PLANS": str(path), "TODAY": "2027-01-01"}).test_client()


def post(client: FlaskClient, payload: dict[str, Any]) -> Any:
    response = client.post("/api/v1/quotes", json=payload)
    assert response.status_code == 200, response.data
    return json.loads(response.data)


def test_claims_carry_sources_and_caveats(client: FlaskClient) -> None:
    claims = json.loads(client.get("/api/v1/claims").data)["claims"]
    assert [claim["id"] for claim in claims] == ["transplant", "sibling"]
    transplant = claims[0]
    assert transplant["source"]["citation"] == SOURCE["citation"]
    assert transplant["caveats"]
    # 0.0046 = 46/10000 = 23/5000; 1 / 0.0046 = 217.39 -> "1 in 217"
    assert transplant["probability"] == {
        "fraction": "23/5000",
        "one_in": "1 in 217",
        "percent": "0.46%",
    }


def test_quote_matches_the_odds_to_the_horizon(client: FlaskClient) -> None:
    odds = post(client, {"plan": "beta", "horizon": "20 years"})["odds"]
    transplant = odds["claims"][0]
    assert odds["age_months"] == 240
    # age 20 is a table point: 0.0006 = 3/5000; 1 / 0.0006 = 1,666.7 -> "1 in 1,700"
    assert transplant["horizon"]["probability"]["fraction"] == "3/5000"
    assert transplant["horizon"]["probability"]["one_in"] == "1 in 1,700"
    assert transplant["horizon"]["qualifier"] == "about"
    # total 1000 + 20 x 100 = 3000; 3000 / 0.0006 = 5,000,000.00
    assert transplant["cost_per_chance"]["low"] == "5000000.00"
    assert "population figure" in transplant["cost_per_chance"]["note"]


def test_beyond_the_table_the_odds_say_so(client: FlaskClient) -> None:
    transplant = post(client, {"plan": "beta", "horizon": "78 years"})["odds"]["claims"][0]
    assert transplant["horizon"]["qualifier"] == "beyond the data"
    assert transplant["horizon"]["probability"] is None
    assert transplant["cost_per_chance"] is None


def test_sibling_odds_for_the_siblings_given(client: FlaskClient) -> None:
    sibling = post(client, {"plan": "beta", "siblings": 2})["odds"]["claims"][1]
    # 1 - 0.75^2 = 1 - 0.5625 = 0.4375 = 7/16
    assert sibling["siblings"]["probability"]["fraction"] == "7/16"
    assert sibling["cost_per_chance"] is None


def test_timeline_from_the_due_date(client: FlaskClient) -> None:
    timeline = post(client, {"plan": "beta", "due_date": "2027-05-01"})["timeline"]
    steps = {step["key"]: step for step in timeline["steps"]}
    # decide by week 34 = 42 days before 1 May 2027: 20 March 2027
    assert steps["decide"]["date"] == "2027-03-20"
    # kit 6 weeks = 42 days before: 20 March 2027
    assert steps["kit"]["date"] == "2027-03-20"
    assert steps["collection"]["date"] == "2027-05-01"
    assert not steps["decide"]["passed"]  # TODAY is 1 January 2027
    # week 28 starts 84 days before the due date: 6 February 2027; week 34, 42 days before
    assert (steps["public-check"]["date"], steps["public-check"]["track"]) == (
        "2027-02-06",
        "public",
    )
    assert steps["public-register"]["date"] == "2027-03-20"
    assert "NMDP" in steps["public-check"]["advice"]


def test_a_due_date_in_the_past_is_422_on_that_field(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes", json={"plan": "beta", "due_date": "2026-12-01"})
    assert response.status_code == 422
    assert json.loads(response.data)["errors"][0]["field"] == "due_date"


def test_cost_per_chance_is_per_child_whatever_the_number_of_twins(client: FlaskClient) -> None:
    twins = post(client, {"plan": "beta", "horizon": "20 years", "children": 2})
    # total 2 x 1000 + 2 x 20 x 100 = 6000, for two children: 3000 each;
    # 3000 / 0.0006 = 5,000,000.00 per child who needs a transplant, as for one child
    assert twins["totals"]["total"] == "6000.00"
    assert twins["odds"]["claims"][0]["cost_per_chance"]["low"] == "5000000.00"
