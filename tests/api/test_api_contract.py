"""Contract tests for every endpoint and every error status of the JSON API."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from bankcalc import __version__
from bankcalc.web import create_app
from bankcalc.web.api_base import money
from builders import catalog_data, dump_catalog, plan_data, prepaid

MONEY = re.compile(r"^-?\d+\.\d{2}$")
MONEY_KEYS = {
    "amount", "annual_storage_fee", "price", "guarantee", "one_time", "storage", "prepaid",
    "installments", "total", "cumulative", "cumulative_present_value", "present_value",
    "per_year", "per_month", "eligible", "savings", "net", "principal", "regular_payment",
    "lowest_payment", "highest_payment", "last_payment", "interest",
}  # fmt: skip


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    yearly = {"id": "yearly", "kind": "yearly", "name": "Pay yearly"}
    alpha = plan_data(
        "alpha", processing="1500.00", kit="150.00", annual="175.00",
        options=[yearly, prepaid("20 years", "3000.00") | {"id": "prepaid-20"}],
    )  # fmt: skip
    beta = plan_data("beta", processing="1000.00", annual="100.00")
    beta["guarantee"] = "50000.00"
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(catalog_data([alpha, beta])), encoding="utf-8")
    return create_app({"PLANS": str(path), "TODAY": "2026-11-25"}).test_client()


def body(response: Any) -> Any:
    return json.loads(response.data)  # plain json: numbers would show up as floats here


def money_values(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from money_values(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from money_values(item, key)
    elif key in MONEY_KEYS and node is not None:
        yield key, node


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = body(response)
    assert problem["status"] == status
    assert problem["type"].startswith("https://")
    assert problem["title"]
    assert problem["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    return problem


# ---- catalog -------------------------------------------------------------------------------


def test_plans_lists_the_catalog_with_sources(client: FlaskClient) -> None:
    response = client.get("/api/v1/plans")
    assert response.status_code == 200
    data = body(response)
    assert [plan["id"] for plan in data["plans"]] == ["alpha", "beta"]
    alpha = data["plans"][0]
    assert alpha["annual_storage_fee"] == "175.00"
    assert alpha["prices"]["as_of"] == "2026-01-01"
    assert alpha["prices"]["source"] == "test fixture"
    prepaid_option = alpha["payment_options"][1]
    assert prepaid_option["term_months"] == 240  # 20 years x 12
    assert prepaid_option["price"] == "3000.00"


def test_one_plan_by_id(client: FlaskClient) -> None:
    data = body(client.get("/api/v1/plans/beta"))
    assert data["id"] == "beta"
    assert data["guarantee"] == "50000.00"


def test_unknown_plan_is_404_problem(client: FlaskClient) -> None:
    problem = assert_problem(client.get("/api/v1/plans/gamma"), 404)
    assert "gamma" in problem["detail"]


def test_health_reports_catalog_date(client: FlaskClient) -> None:
    data = body(client.get("/api/v1/healthz"))
    assert data == {"status": "ok", "version": __version__, "catalog_as_of": "2026-01-01"}


# ---- quotes --------------------------------------------------------------------------------


def test_quote_matches_hand_arithmetic(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes", json={"plan": "alpha", "horizon": "20 years"})
    assert response.status_code == 200
    data = body(response)
    # 1500 + 150 + 20 x 175 = 5150; the prepaid option: 1500 + 150 + 3000 = 4650
    assert data["totals"]["total"] == "5150.00"
    assert data["option"]["id"] == "yearly"
    totals = {option["id"]: option["total"] for option in data["options"]}
    assert totals == {"yearly": "5150.00", "prepaid-20": "4650.00"}
    assert data["cheapest_option"] == "prepaid-20"
    # yearly after y years 1650 + 175 y > 4650 from y = 18 (1650 + 3150 = 4800; y = 17: 4625)
    assert data["options"][1]["break_even_year"] == 18


def test_quote_accepts_units_and_percentages(client: FlaskClient) -> None:
    a = body(client.post("/api/v1/quotes", json={"plan": "beta", "horizon": "240 months"}))
    b = body(client.post("/api/v1/quotes", json={"plan": "beta", "horizon": 20}))
    assert a == b
    c = body(client.post("/api/v1/quotes", json={"plan": "beta", "escalation": "3 %"}))
    d = body(client.post("/api/v1/quotes", json={"plan": "beta", "escalation": 0.03}))
    assert c == d
    assert c["inputs"]["escalation"] == "0.03"


def test_no_tax_saving_is_promised_for_banking_as_a_precaution(client: FlaskClient) -> None:
    scenario = {"plan": "beta", "horizon": 10, "tax_rate": "24 %"}
    tax = body(client.post("/api/v1/quotes", json=scenario))["tax"]
    assert tax["status"] == "usually_not_eligible"
    assert (tax["eligible"], tax["savings"]) == (None, None)
    assert "net" not in tax  # a possible refund is never netted against the cost
    assert "Information Letter 2010-0017" in tax["caveats"][0]


def test_with_a_known_need_only_payments_while_a_dependent_count(client: FlaskClient) -> None:
    scenario = {"plan": "beta", "horizon": 25, "tax_rate": "24 %", "known_need": "sibling"}
    tax = body(client.post("/api/v1/quotes", json=scenario))["tax"]
    # beta: 1000 at birth + 100 a year for 25 years = 3,500. Before age 19: the 1,000 and
    # the bills of storage years 1 to 19 (ages 0 to 18), 19 x 100 = 1,900: 2,900 eligible.
    # 2900 x 0.24 = 696: the most it could save
    assert tax["status"] == "may_qualify"
    assert (tax["eligible"], tax["savings"]) == ("2900.00", "696.00")
    assert "Letter of Medical Necessity" in tax["caveats"][0]
    assert "plan administrator decides" in tax["caveats"][1]
    assert "up to its yearly limit" in tax["caveats"][2]
    younger = body(client.post("/api/v1/quotes", json=scenario | {"dependent_until": 10}))["tax"]
    # before age 10: 1,000 + 10 x 100 = 2,000; x 0.24 = 480
    assert (younger["eligible"], younger["savings"]) == ("2000.00", "480.00")


def test_guarantee_is_shown_and_never_netted(client: FlaskClient) -> None:
    data = body(client.post("/api/v1/quotes", json={"plan": "beta", "horizon": 10}))
    assert data["guarantee"]["amount"] == "50000.00"
    assert data["totals"]["total"] == "2000.00"  # 1000 + 10 x 100, no guarantee subtracted


def test_every_money_value_has_two_decimals_and_schedule_sums_to_total(
    client: FlaskClient,
) -> None:
    scenario = {"plan": "alpha", "horizon": "78 years", "escalation": "3.5 %", "discount": "3 %"}
    scenario |= {"children": 2, "tax_rate": "22 %"}
    for url, payload in [
        ("/api/v1/quotes", scenario),
        ("/api/v1/comparisons", {k: v for k, v in scenario.items() if k != "plan"}),
        ("/api/v1/batches", {"scenarios": [scenario, scenario | {"option": "prepaid-20"}]}),
    ]:
        data = body(client.post(url, json=payload))
        found = list(money_values(data))
        assert found
        for key, value in found:
            assert isinstance(value, str), key
            assert MONEY.match(value), (key, value)
    data = body(client.post("/api/v1/quotes", json=scenario))
    total = sum((D(row["total"]) for row in data["schedule"]), D(0))
    assert f"{total:.2f}" == data["totals"]["total"]
    assert data["schedule"][-1]["cumulative"] == data["totals"]["total"]
    assert data["schedule"][-1]["cumulative_present_value"] == data["totals"]["present_value"]


def test_same_request_gives_byte_identical_json(client: FlaskClient) -> None:
    scenario = {"plan": "alpha", "horizon": 30, "escalation": "2 %", "discount": "3 %"}
    first = client.post("/api/v1/quotes", json=scenario).data
    assert client.post("/api/v1/quotes", json=scenario).data == first
    rebuilt = create_app({"PLANS": client.application.extensions["bankcalc.catalog.models"].path})
    assert rebuilt.test_client().post("/api/v1/quotes", json=scenario).data == first


def test_quote_schedule_as_csv(client: FlaskClient) -> None:
    for response in (
        client.post("/api/v1/quotes?format=csv", json={"plan": "beta", "horizon": 3}),
        client.post(
            "/api/v1/quotes", json={"plan": "beta", "horizon": 3}, headers={"Accept": "text/csv"}
        ),
    ):
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert rows[0][:3] == ["year", "child_age", "one_time_usd"]
        # year 1: 1000 processing + 100 storage = 1100; years 2 and 3: 100; cumulative 1300
        assert rows[1][6] == "1100.00"
        assert rows[3][7] == "1300.00"
        assert len(rows) == 4


# ---- comparisons and batches ---------------------------------------------------------------


def test_comparison_ranks_plans_cheapest_first(client: FlaskClient) -> None:
    data = body(client.post("/api/v1/comparisons", json={"horizon": 20}))
    # beta: 1000 + 20 x 100 = 3000; alpha at its cheapest (prepaid): 4650
    assert [p["plan"]["id"] for p in data["plans"]] == ["beta", "alpha"]
    assert [p["rank"] for p in data["plans"]] == [1, 2]
    assert data["plans"][0]["shown_option"]["total"] == "3000.00"
    assert data["plans"][1]["shown_option"]["id"] == "prepaid-20"


def test_comparison_of_listed_plans_and_unknown_ones(client: FlaskClient) -> None:
    data = body(client.post("/api/v1/comparisons", json={"plans": ["alpha"]}))
    assert [p["plan"]["id"] for p in data["plans"]] == ["alpha"]
    response = client.post("/api/v1/comparisons", json={"plans": ["alpha", "zeta"]})
    problem = assert_problem(response, 404)
    assert problem["errors"] == [{"field": "plans.1", "message": "no plan 'zeta'"}]


def test_batch_answers_each_scenario_on_its_own(client: FlaskClient) -> None:
    scenarios = [
        {"plan": "beta", "horizon": 10},
        {"plan": "beta", "horizon": "20 USD"},
        {"plan": "nope"},
        {"plan": "alpha", "option": "lifetime"},
    ]
    response = client.post("/api/v1/batches", json={"scenarios": scenarios})
    assert response.status_code == 200
    results = body(response)["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3]
    assert [r["status"] for r in results] == [200, 422, 404, 422]
    assert results[0]["quote"]["totals"]["total"] == "2000.00"  # 1000 + 10 x 100
    assert results[1]["problem"]["errors"][0]["field"] == "scenarios.1.horizon"
    assert results[3]["problem"]["errors"][0]["field"] == "scenarios.3.option"


def test_batch_of_more_than_100_is_refused(client: FlaskClient) -> None:
    response = client.post("/api/v1/batches", json={"scenarios": [{"plan": "beta"}] * 101})
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["field"] == "scenarios"


# ---- errors --------------------------------------------------------------------------------


def test_invalid_values_are_422_with_field_paths(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/quotes", json={"plan": "alpha", "horizon": "20 USD", "children": 9, "x": 1}
    )
    problem = assert_problem(response, 422)
    fields = {error["field"]: error["message"] for error in problem["errors"]}
    assert set(fields) == {"horizon", "children", "x"}
    assert "duration" in fields["horizon"]
    assert "6" in fields["children"]
    assert fields["x"] == "unknown field"


@pytest.mark.parametrize(
    "payload",
    [b"{bad", b"[" * 5000, b'{"plan": "alpha", "horizon": NaN}', b'{"horizon": 1e999999}'],
)
def test_malformed_json_is_400(client: FlaskClient, payload: bytes) -> None:
    response = client.post("/api/v1/quotes", data=payload, content_type="application/json")
    assert_problem(response, 400)


def test_a_body_that_is_not_an_object_is_422(client: FlaskClient) -> None:
    assert_problem(client.post("/api/v1/quotes", json=["alpha"]), 422)


def test_unknown_option_is_422_and_unknown_plan_404(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes", json={"plan": "alpha", "option": "x"})
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["field"] == "option"
    assert_problem(client.post("/api/v1/quotes", json={"plan": "zeta"}), 404)


def test_wrong_content_type_is_415(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes", data="plan=alpha", content_type="text/plain")
    assert_problem(response, 415)


def test_body_over_64_kib_is_413(client: FlaskClient) -> None:
    payload = json.dumps({"plan": "alpha", "pad": "x" * 70_000})
    response = client.post("/api/v1/quotes", data=payload, content_type="application/json")
    assert_problem(response, 413)


def test_unknown_route_is_404_problem_and_wrong_method_405(client: FlaskClient) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    response = client.delete("/api/v1/quotes")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_security_headers_and_no_cookies_on_api_responses(client: FlaskClient) -> None:
    for response in (
        client.get("/api/v1/plans"),
        client.post("/api/v1/quotes", json={"plan": "zeta"}),
        client.get("/api/v1/nothing"),
    ):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "Set-Cookie" not in response.headers


# ---- the OpenAPI document ------------------------------------------------------------------


def test_openapi_document_describes_every_field(client: FlaskClient) -> None:
    spec = body(client.get("/api/v1/openapi.json"))
    assert spec["openapi"].startswith("3.1")
    paths = set(spec["paths"])
    assert {"/api/v1/plans", "/api/v1/plans/{plan_id}", "/api/v1/quotes"} <= paths
    assert {"/api/v1/comparisons", "/api/v1/batches", "/api/v1/claims"} <= paths
    scenario = spec["components"]["schemas"]["Scenario"]["properties"]
    for name, field in scenario.items():
        assert field.get("description"), name
    assert "100 years" in scenario["horizon"]["description"]
    for operation in (op for item in spec["paths"].values() for op in item.values()):
        assert "500" not in operation["responses"]


def test_docs_page_is_served_from_the_package_without_inline_script(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs/swagger")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<script>" not in html
    assert "cdn" not in html.lower()
    for asset in ("swagger/js/swagger-ui-bundle.js", "swagger-init.js"):
        response = client.get(f"/api/v1/docs/{asset}")
        assert response.status_code == 200
        response.close()  # a file-backed response keeps its file open until closed


def test_out_of_bounds_values_say_the_bounds_in_their_units(client: FlaskClient) -> None:
    payload = {"plan": "alpha", "horizon": "101 years", "escalation": "25 %", "children": 7}
    problem = assert_problem(client.post("/api/v1/quotes", json=payload | {"tax_rate": 0.7}), 422)
    fields = {error["field"]: error["message"] for error in problem["errors"]}
    assert fields == {
        "horizon": "must be from 1 month to 100 years, got 101 years",
        "escalation": "must be from 0 % to 20 %, got 25 %",
        "children": "must be at most 6",
        "tax_rate": "must be from 0 % to 60 %, got 70 %",
    }


def test_an_unknown_format_is_422_on_that_parameter(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes?format=xml", json={"plan": "beta"})
    problem = assert_problem(response, 422)
    assert problem["errors"] == [{"field": "format", "message": "must be 'json' or 'csv'"}]


@pytest.mark.parametrize(
    ("amount", "text"),
    [("1500", "1500.00"), ("12.5", "12.50"), ("0.00", "0.00"), ("1234.56", "1234.56")],
)
def test_money_text_always_has_two_decimals(amount: str, text: str) -> None:
    assert money(D(amount)) == text


def test_a_ranked_plan_names_the_source_of_the_price_that_set_its_total(tmp_path: Path) -> None:
    own = {"as_of": "2025-05-05", "source": "a parenting site quoting the bank"}
    own["basis"] = "third_party"
    package = prepaid("20 years", "100.00") | {"name": "Prepaid", "source": own}
    yearly = {"id": "yearly", "kind": "yearly", "name": "Pay yearly"}
    plan = plan_data("gamma", processing="1000.00", annual="100.00", options=[yearly, package])
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(catalog_data([plan])), encoding="utf-8")
    client = create_app({"PLANS": str(path), "TODAY": "2026-11-25"}).test_client()
    ranked = body(client.post("/api/v1/comparisons", json={"horizon": 20}))["plans"][0]
    # prepaid: 1000 + 100 = 1,100 beats yearly 1000 + 20 x 100 = 3,000; its price is its own
    assert ranked["shown_option"]["id"] == "prepaid"
    assert ranked["prices"]["basis"] == "third_party"
    assert ranked["prices"]["as_of"] == "2025-05-05"
    quote = body(client.post("/api/v1/quotes", json={"plan": "gamma", "option": "prepaid"}))
    assert quote["prices"]["basis"] == "quoted"  # the plan's fees
    assert quote["option_prices"]["basis"] == "third_party"


def test_counts_are_numbers_not_booleans_and_zero_rates_read_zero(client: FlaskClient) -> None:
    problem = assert_problem(
        client.post("/api/v1/quotes", json={"plan": "beta", "children": True}), 422
    )
    assert problem["errors"][0]["field"] == "children"
    # -0.0 (a JSON number; as text the pattern has no sign) reads as a plain 0
    raw = '{"plan": "beta", "escalation": -0.0}'
    data = body(client.post("/api/v1/quotes", data=raw, content_type="application/json"))
    assert data["inputs"]["escalation"] == "0"


@pytest.mark.parametrize("due", ["2027-01-01T00:00:00", 1700000000, "1 May 2027"])
def test_a_due_date_must_be_a_calendar_date(client: FlaskClient, due: object) -> None:
    response = client.post("/api/v1/quotes", json={"plan": "beta", "due_date": due})
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["field"] == "due_date"


def test_one_docs_page_and_one_spec(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs/swagger").get_data(as_text=True)
    assert 'data-url="/api/v1/openapi.json"' in page
    index = client.get("/api/v1/docs/")  # flask-openapi3's own index: inline onclick and style
    assert index.status_code == 302
    assert index.headers["Location"] == "/api/v1/docs/swagger"
    for leftover in ("/api/v1/docs/openapi.json", "/api/v1/docs/oauth2-redirect.html"):
        assert_problem(client.get(leftover), 404)
    documented = {rule.rule for rule in client.application.url_map.iter_rules()}
    assert {rule for rule in documented if rule.endswith("openapi.json")} == {
        "/api/v1/openapi.json"
    }
