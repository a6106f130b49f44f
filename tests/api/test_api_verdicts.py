"""The API says which totals may carry a verdict, what each total leaves out and covers, and its
OpenAPI document describes exactly what the server does. Figures are worked by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from bankcalc.web import create_app
from builders import catalog_data, dump_catalog, installments, lifetime, plan_data, prepaid

TODAY = "2026-11-25"
FRESH = {"as_of": "2026-11-20", "source": "the bank's price list", "basis": "quoted"}


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    yearly = {"id": "yearly", "kind": "yearly", "name": "Pay yearly"}
    made_up = FRESH | {"basis": "illustrative", "source": "bankcalc's reading"}
    fees: list[dict[str, Any]] = [
        {"name": "Processing", "kind": "processing", "amount": "1500.00"},
        {"name": "Kit and shipping", "kind": "courier_kit", "amount": None},
    ]
    current = plan_data(
        "current",
        annual="175.00",
        options=[
            yearly,
            prepaid("20 years", "1608.00", includes_fees=["processing"])
            | {"name": "Package (illustrative)", "source": made_up},
            installments(12, "9.9 %") | {"name": "Fees in 12 payments"},
            lifetime("78 years", None) | {"name": "Lifetime, 78 years"},
        ],
    )
    current |= {"one_time_fees": fees, "prices": FRESH}
    old = plan_data("old", processing="1000.00", annual="100.00")
    old["prices"] = {"as_of": "2008-08-04", "read_on": TODAY, "source": "a 2008 newspaper"}
    old["prices"]["basis"] = "third_party"
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(catalog_data([current, old])), encoding="utf-8")
    return create_app({"PLANS": str(path), "TODAY": TODAY}).test_client()


def post(client: FlaskClient, url: str, payload: dict[str, Any]) -> Any:
    response = client.post(url, json=payload)
    assert response.status_code == 200, response.data
    return json.loads(response.data)


def by_id(quote: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {option["id"]: option for option in quote["options"]}


def test_only_ranked_totals_are_named_cheapest(client: FlaskClient) -> None:
    quote = post(client, "/api/v1/quotes", {"plan": "current", "horizon": 20})
    options = by_id(quote)
    # package (illustrative) 1,608 < yearly 1500 + 20 x 175 = 5,000, but only real prices count
    assert options["prepaid"]["total"] == "1608.00"
    assert options["prepaid"]["ranked"] is False
    assert options["prepaid"]["basis"] == "illustrative"
    assert options["prepaid"]["not_ranked_because"] == [
        {"code": "illustrative", "detail": "the 20-year prepaid price is illustrative"}
    ]
    assert options["prepaid"]["break_even_year"] is None
    assert options["yearly"]["ranked"] is True
    assert quote["cheapest_option"] == "yearly"


def test_a_fee_whose_amount_is_not_published_is_named_beside_each_total(
    client: FlaskClient,
) -> None:
    quote = post(client, "/api/v1/quotes", {"plan": "current", "horizon": 20})
    assert by_id(quote)["yearly"]["unpublished_fees"] == ["Kit and shipping"]
    assert by_id(quote)["yearly"]["total"] == "5000.00"  # 1500 + 20 x 175, nothing invented
    plan = json.loads(client.get("/api/v1/plans/current").data)
    kit = plan["one_time_fees"][1]
    assert (kit["name"], kit["amount"]) == ("Kit and shipping", None)


def test_an_option_without_a_published_price_is_listed_not_priced(client: FlaskClient) -> None:
    quote = post(client, "/api/v1/quotes", {"plan": "current", "horizon": 20})
    assert "lifetime" not in by_id(quote)
    assert quote["unpriced_options"] == [
        {"id": "lifetime", "name": "Lifetime, 78 years", "kind": "lifetime"}
    ]
    refused = client.post("/api/v1/quotes", json={"plan": "current", "option": "lifetime"})
    assert refused.status_code == 422
    assert "does not publish the price" in json.loads(refused.data)["detail"]


def test_installments_are_shown_as_the_family_pays_them(client: FlaskClient) -> None:
    quote = post(client, "/api/v1/quotes", {"plan": "current", "option": "monthly", "children": 2})
    loan = quote["option"]["installments"]
    # the processing fee of two children, 2 x 1,500 = 3,000, in 12 payments at 9.9 %:
    # level payment 3000 x 0.00825 / (1 - 1.00825^-12) = 263.61 (3000 x 0.0878712...);
    # the 12th clears the rest. One loan for the birth, whatever the number of children.
    assert loan["principal"] == "3000.00"
    assert (loan["months"], loan["apr"], loan["per"]) == (12, "0.099", "birth")
    assert loan["regular_payment"] == "263.61"
    total = 11 * 26361 + int(loan["last_payment"].replace(".", ""))
    assert loan["interest"] == f"{(total - 300000) / 100:.2f}"


def test_out_of_date_prices_are_flagged_and_kept_out_of_the_ranking(client: FlaskClient) -> None:
    result = post(client, "/api/v1/comparisons", {"horizon": 20})
    first, second = result["plans"]
    # old: 1000 + 20 x 100 = 3,000 is lower than current's 5,000, but its prices are from 2008
    assert (first["plan"]["id"], first["rank"], first["ranked"]) == ("current", 1, True)
    assert (second["plan"]["id"], second["rank"], second["ranked"]) == ("old", None, False)
    assert second["shown_option"]["total"] == "3000.00"
    assert second["shown_option"]["not_ranked_because"] == [
        {"code": "out_of_date", "detail": "prices from 2008"}
    ]
    assert second["prices"]["out_of_date"] is True
    assert second["prices"]["as_of"] == "2008-08-04"
    quote = post(client, "/api/v1/quotes", {"plan": "old"})
    assert quote["cheapest_option"] is None


def test_a_total_names_the_horizon_it_covers(tmp_path: Path) -> None:
    life = lifetime("78 years", "3500.00") | {"name": "Lifetime, 78 years"}
    yearly = {"id": "yearly", "kind": "yearly", "name": "Y"}
    data = catalog_data([plan_data("p", options=[yearly, life])])
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    client = create_app({"PLANS": str(path), "TODAY": TODAY}).test_client()
    quote = post(client, "/api/v1/quotes", {"plan": "p", "option": "lifetime", "horizon": 100})
    assert quote["totals"]["covered_months"] == 78 * 12
    assert quote["totals"]["capped"] is True
    assert quote["option"]["not_ranked_because"][0]["code"] == "shorter_than_horizon"
    assert quote["cheapest_option"] == "yearly"  # the only option covering all 100 years


# ---- the OpenAPI document describes exactly what the server does --------------------------


def _validator(client: FlaskClient, schema_name: str) -> Draft202012Validator:
    document = json.loads(client.get("/api/v1/openapi.json").data)
    root = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    return Draft202012Validator(root)


@pytest.mark.parametrize("horizon", [0, 0.05, 101, -1])
def test_a_numeric_horizon_out_of_bounds_is_invalid_in_the_document_and_422(
    client: FlaskClient, horizon: float
) -> None:
    assert not _validator(client, "Scenario").is_valid({"plan": "current", "horizon": horizon})
    response = client.post("/api/v1/quotes", json={"plan": "current", "horizon": horizon})
    assert response.status_code == 422


@pytest.mark.parametrize("horizon", [1, 0.5, 100])
def test_a_numeric_horizon_within_bounds_is_valid_in_the_document_and_priced(
    client: FlaskClient, horizon: float
) -> None:
    assert _validator(client, "Scenario").is_valid({"plan": "current", "horizon": horizon})
    response = client.post("/api/v1/quotes", json={"plan": "current", "horizon": horizon})
    assert response.status_code == 200


def test_a_batch_item_is_validated_on_its_own_as_the_document_says(client: FlaskClient) -> None:
    batch = {"scenarios": [{"plan": "current"}, {"plan": "current", "colour": "blue"}]}
    assert _validator(client, "Batch").is_valid(batch)  # any object is a valid item
    results = post(client, "/api/v1/batches", batch)["results"]
    assert [item["status"] for item in results] == [200, 422]
    assert results[1]["problem"]["errors"] == [
        {"field": "scenarios.1.colour", "message": "unknown field"}
    ]
    assert not _validator(client, "Batch").is_valid({"scenarios": []})
