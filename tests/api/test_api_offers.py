"""Plans of your own through the API: a bank's offer sent inline, in the catalog's plan schema.

Amounts worked by hand in each test. The catalog: alpha (1500 processing + 150 kit, 175 a
year, or 20 years prepaid for 3000) and beta (1000 processing, 100 a year); today is
2026-11-25.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.catalog.models import Catalog
from bankcalc.web import create_app
from builders import SOURCE, catalog_data, dump_catalog, plan_data, prepaid

TODAY = "2026-11-25"


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    yearly = {"id": "yearly", "kind": "yearly", "name": "Pay yearly"}
    alpha = plan_data(
        "alpha", processing="1500.00", kit="150.00", annual="175.00",
        options=[yearly, prepaid("20 years", "3000.00") | {"id": "prepaid-20"}],
    )  # fmt: skip
    beta = plan_data("beta", processing="1000.00", annual="100.00")
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(catalog_data([alpha, beta])), encoding="utf-8")
    return create_app({"PLANS": str(path), "TODAY": TODAY}).test_client()


def acme() -> dict[str, Any]:
    """Acme's offer: enrollment 250 per birth, processing 1200 per child with the first year
    of storage, then 150 a year; or 18 years prepaid for 2000; or the fees in 12 payments."""
    return {
        "bank_name": "Acme Cord",
        "stores": ["cord_blood"],
        "one_time_fees": [
            {"name": "Enrollment", "kind": "enrollment", "amount": "250.00",
             "shared_by_multiples": True},
            {"name": "Processing", "kind": "processing", "amount": "1200.00"},
        ],
        "annual_storage_fee": "150.00",
        "first_year_included": True,
        "payment_options": [
            {"id": "yearly", "kind": "yearly", "name": "Pay storage yearly"},
            {"id": "prepaid-18", "kind": "prepaid", "name": "18 years prepaid",
             "term": "18 years", "price": "2000.00"},
            {"id": "monthly", "kind": "installments", "name": "12 monthly payments",
             "months": 12, "apr": "0 %"},
        ],
        "contract_terms": {
            "release": {
                "says": "Releasing the unit costs $500.",
                "fee": "500.00",
                "source": {"read_on": TODAY, "source": "Acme's enrollment agreement, page 4",
                           "basis": "quoted"},
            }
        },
    }  # fmt: skip


def body(response: Any) -> Any:
    assert response.status_code == 200, response.get_data(as_text=True)[:800]
    return json.loads(response.data)


def problem(response: Any, status: int = 422) -> dict[str, str]:
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    assert response.mimetype == "application/problem+json"
    data = json.loads(response.data)
    return {error["field"]: error["message"] for error in data["errors"]}


def test_an_inline_offer_is_priced_like_a_catalog_plan(client: FlaskClient) -> None:
    data = body(client.post("/api/v1/quotes", json={"plan": acme(), "horizon": 20}))
    # yearly: 250 + 1200 at birth; the first year is in processing, so years 2-20 are
    # billed: 19 x 150 = 2850; 1450 + 2850 = 4300
    assert data["totals"]["total"] == "4300.00"
    totals = {option["id"]: option["total"] for option in data["options"]}
    # prepaid: 1450 + 2000 at birth, then years 19 and 20 at 150: 3450 + 300 = 3750
    # monthly: the 1450 of fees in 12 payments at 0 %, storage as yearly: 1450 + 2850 = 4300
    assert totals == {"yearly": "4300.00", "prepaid-18": "3750.00", "monthly": "4300.00"}
    assert data["cheapest_option"] == "prepaid-18"
    # yearly by the end of year y: 1450 + 150 (y - 1); above 3450 from y = 15 (3550);
    # at y = 14 it is 3400, so prepaid breaks even in year 15
    assert data["options"][1]["break_even_year"] == 15
    assert data["options"][2]["installments"]["principal"] == "1450.00"


def test_the_quote_says_whose_figures_these_are(client: FlaskClient) -> None:
    data = body(client.post("/api/v1/quotes", json={"plan": acme(), "horizon": 20}))
    assert data["offer"]["bank_name"] == "Acme Cord"
    assert "not checked these figures" in data["offer"]["note"]
    assert data["bank"]["name"] == "Acme Cord"
    assert data["plan"] == {"id": "offer", "name": "Acme Cord: the offer you entered"}
    # counted as quoted and dated today, so the verdicts use them
    assert data["prices"]["basis"] == "quoted"
    assert data["prices"]["read_on"] == TODAY
    assert data["prices"]["out_of_date"] is False
    assert data["prices"]["source"].startswith("Your own figures")
    assert all(option["ranked"] for option in data["options"])


def test_the_offers_terms_come_with_the_quote_and_its_fees_as_what_ifs(
    client: FlaskClient,
) -> None:
    data = body(client.post("/api/v1/quotes", json={"plan": acme(), "horizon": 20}))
    terms = {term["topic"]: term for term in data["contract_terms"]}
    assert len(terms) == 10
    assert terms["release"]["published"] is True
    assert terms["release"]["fee"] == "500.00"
    assert terms["release"]["source"]["source"] == "Acme's enrollment agreement, page 4"
    assert terms["closure"]["published"] is False
    assert terms["closure"]["says"] is None
    assert terms["enrollment"]["question"] == (
        "Is the enrollment fee charged once per family, or for each birth?"
    )
    assert terms["enrollment"]["question_by"] == "parents_guide"
    # release: the 4300 total, plus 500 if the unit is used: 4800; never in the total
    assert data["what_if"] == [
        {
            "kind": "release",
            "beside_total": "4300.00",
            "fee": "500.00",
            "total": "4800.00",
            "rate": None,
            "detail": "If the unit is ever released for a transplant, the bank charges"
            " $500.00 more: $4,800.00 in all, with the $4,300.00 above.",
        }
    ]
    assert data["totals"]["total"] == "4300.00"


def test_an_inline_plan_never_borrows_a_listed_banks_terms(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    closure = {"says": "Units go to a partner.", "source": SOURCE}
    data["banks"][0]["contract_terms"] = {"closure": closure}
    app = create_app({"CATALOG": Catalog.model_validate(data), "TODAY": TODAY})
    inline = plan_data("mine") | {"bank_name": "Test Bank"}  # bank id 'test-bank', as listed
    quoted = body(app.test_client().post("/api/v1/quotes", json={"plan": inline}))
    listed = body(app.test_client().post("/api/v1/quotes", json={"plan": "alpha"}))
    assert {t["topic"]: t["published"] for t in listed["contract_terms"]}["closure"] is True
    assert {t["topic"]: t["published"] for t in quoted["contract_terms"]}["closure"] is False


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda p: p["payment_options"][1].update(price="-1"), "plan.payment_options.1.price",
         "at least 0"),
        (lambda p: p.pop("annual_storage_fee"), "plan.annual_storage_fee", "required"),
        (lambda p: p.update(bank_name="A" * 61), "plan.bank_name", "at most 60"),
        (lambda p: p.update(bank_name="Acme\nCord"), "plan.bank_name", ""),
        (lambda p: p["one_time_fees"][0].update(amount="12.345"), "plan.one_time_fees.0.amount",
         "decimal"),
        (lambda p: p["payment_options"][1].update(term="18 USD"), "plan.payment_options.1.term",
         "duration"),
        (lambda p: p["payment_options"][2].update(months=121), "plan.payment_options.2.months",
         "at most 120"),
        (lambda p: p["payment_options"][2].update(finances="lifetime"), "plan",
         "finances 'lifetime'"),
        (lambda p: p.update(stores=[]), "plan.stores", "at least 1"),
        (lambda p: p.update(extra=1), "plan.extra", "unknown field"),
        (lambda p: p["contract_terms"]["release"].update(fee="-5"),
         "plan.contract_terms.release.fee", "at least 0"),
    ],
)  # fmt: skip
def test_a_bad_inline_plan_is_a_422_naming_the_field(
    client: FlaskClient, change: Any, field: str, words: str
) -> None:
    offer = acme()
    change(offer)
    fields = problem(client.post("/api/v1/quotes", json={"plan": offer}))
    assert field in fields, fields
    assert words in fields[field]


def test_a_plan_that_is_neither_an_id_nor_an_object_is_a_422(client: FlaskClient) -> None:
    assert "plan" in problem(client.post("/api/v1/quotes", json={"plan": 12}))
    assert "plan" in problem(client.post("/api/v1/quotes", json={"plan": "Not An Id"}))


def test_an_inline_option_that_the_plan_lacks_is_a_422_on_option(client: FlaskClient) -> None:
    fields = problem(client.post("/api/v1/quotes", json={"plan": acme(), "option": "lifetime"}))
    assert list(fields) == ["option"]


def test_text_comes_back_in_json_exactly_as_sent(client: FlaskClient) -> None:
    offer = acme() | {"bank_name": '<b>"Acme" & Sons</b>'}
    data = body(client.post("/api/v1/quotes", json={"plan": offer}))
    assert data["offer"]["bank_name"] == '<b>"Acme" & Sons</b>'  # JSON is data, not HTML


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://x.invalid","fees")', "+1+2", "-1+2", "@SUM(A1)", " =1"]
)
def test_the_csv_never_lets_a_typed_name_run_as_a_formula(client: FlaskClient, typed: str) -> None:
    offer = acme() | {"bank_name": typed[:60]}
    offer["one_time_fees"].append({"name": typed, "kind": "other", "amount": None})
    response = client.post("/api/v1/quotes?format=csv", json={"plan": offer, "horizon": 2})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert header[-3:] == ["not_included", "plan", "bank"]
    assert first["bank"] == "'" + typed  # shown as text by a spreadsheet, never run
    assert first["plan"] == "'" + typed + ": the offer you entered"
    assert first["not_included"] == f"plus {typed}, amount not published"
    for row in rows[1:]:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), cell
    # money cells are plain numbers: year 1 is 250 + 1200 = 1450 (the first year is included)
    assert first["total_usd"] == "1450.00"


# ---- comparisons and batches ---------------------------------------------------------------


def test_offers_are_compared_beside_every_catalog_plan(client: FlaskClient) -> None:
    data = body(client.post("/api/v1/comparisons", json={"horizon": 20, "offers": [acme()]}))
    # beta 1000 + 20 x 100 = 3000; Acme prepaid 3750 (above); alpha prepaid 1650 + 3000 = 4650
    rows = [(p["plan"]["id"], p["shown_option"]["total"], p["rank"]) for p in data["plans"]]
    assert rows == [("beta", "3000.00", 1), ("offer", "3750.00", 2), ("alpha", "4650.00", 3)]
    assert data["plans"][1]["offer"]["bank_name"] == "Acme Cord"
    assert data["plans"][1]["bank"]["name"] == "Acme Cord"
    assert data["plans"][0]["offer"] is None


def test_plans_may_mix_catalog_ids_and_inline_plans(client: FlaskClient) -> None:
    payload = {"horizon": 20, "plans": [acme(), "alpha"]}
    data = body(client.post("/api/v1/comparisons", json=payload))
    assert [p["plan"]["id"] for p in data["plans"]] == ["offer", "alpha"]  # 3750, 4650


def test_each_plan_of_your_own_needs_its_own_id(client: FlaskClient) -> None:
    payload = {"offers": [acme(), acme()]}
    fields = problem(client.post("/api/v1/comparisons", json=payload))
    assert "offers.1.id" in fields
    payload = {"plans": ["alpha"], "offers": [acme() | {"id": "alpha"}]}
    assert "offers.0.id" in problem(client.post("/api/v1/comparisons", json=payload))
    payload = {"offers": [acme(), acme() | {"id": "acme-2"}]}
    assert len(body(client.post("/api/v1/comparisons", json=payload))["plans"]) == 4


def test_a_bad_offer_in_a_comparison_names_its_place(client: FlaskClient) -> None:
    offer = acme()
    offer["payment_options"][1]["price"] = "abc"
    fields = problem(client.post("/api/v1/comparisons", json={"plans": ["beta", offer]}))
    assert "plans.1.payment_options.1.price" in fields
    fields = problem(client.post("/api/v1/comparisons", json={"offers": [acme(), offer]}))
    assert "offers.1.payment_options.1.price" in fields


def test_a_batch_prices_inline_plans_and_fails_each_bad_one_alone(client: FlaskClient) -> None:
    bad = acme()
    bad["payment_options"][1]["price"] = "-1"
    scenarios = [{"plan": acme(), "horizon": 20}, {"plan": bad}, {"plan": "beta", "horizon": 10}]
    results = body(client.post("/api/v1/batches", json={"scenarios": scenarios}))["results"]
    assert [r["status"] for r in results] == [200, 422, 200]
    assert results[0]["quote"]["totals"]["total"] == "4300.00"
    fields = [e["field"] for e in results[1]["problem"]["errors"]]
    assert fields == ["scenarios.1.plan.payment_options.1.price"]
    assert results[2]["quote"]["totals"]["total"] == "2000.00"  # 1000 + 10 x 100


# ---- the catalog's terms -------------------------------------------------------------------


def test_plans_and_banks_list_their_contract_terms(client: FlaskClient) -> None:
    plans = body(client.get("/api/v1/plans"))["plans"]
    for plan in plans:
        assert [t["topic"] for t in plan["contract_terms"]][:3] == [
            "enrollment", "first_year", "storage_increase",
        ]  # fmt: skip
        assert plan["entered"] is False
    banks = body(client.get("/api/v1/banks"))["banks"]
    assert banks[0]["plans"] == ["alpha", "beta"]


def test_the_shipped_terms_only_banks_are_listed_with_no_plan() -> None:
    client = create_app({"TODAY": TODAY}).test_client()
    banks = {bank["id"]: bank for bank in body(client.get("/api/v1/banks"))["banks"]}
    cord_for_life = banks["cord-for-life"]
    assert cord_for_life["plans"] == []
    cancellation = {t["topic"]: t for t in cord_for_life["contract_terms"]}["cancellation"]
    assert cancellation["fee"] == "200.00"
    assert cancellation["source"]["as_of"] == "2018-03-15"
    assert cancellation["source"]["out_of_date"] is True  # 2018: ask whether it still applies


def test_the_openapi_document_describes_inline_plans_and_terms(client: FlaskClient) -> None:
    spec = json.loads(client.get("/api/v1/openapi.json").data)
    schemas = spec["components"]["schemas"]
    choices = schemas["Scenario"]["properties"]["plan"]["oneOf"]
    assert {"$ref": "#/components/schemas/OfferedPlan"} in choices
    assert "bank_name" in schemas["OfferedPlan"]["properties"]
    assert "offers" in schemas["Comparison"]["properties"]
    cancellation = schemas["ContractTerms"]["properties"]["cancellation"]["description"]
    assert "before the cord blood is collected" in cancellation
    for name, field in [("TermOut", "published"), ("TermOut", "fee"), ("WhatIfOut", "total")]:
        assert schemas[name]["properties"][field]["description"], (name, field)
    assert "/api/v1/banks" in spec["paths"]


# ---- an inline plan identical to a catalog plan gives identical figures --------------------

money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
FEE_KINDS = ["enrollment", "processing", "courier_kit", "other"]


@st.composite
def plan_dicts(draw: st.DrawFn) -> dict[str, Any]:
    fees = [
        {
            "name": f"Fee {index}",
            "kind": draw(st.sampled_from(FEE_KINDS)),
            "amount": str(draw(money)),
            "shared_by_multiples": draw(st.booleans()),
        }
        for index in range(draw(st.integers(1, 3)))
    ]
    options: list[dict[str, Any]] = [{"id": "yearly", "kind": "yearly", "name": "Yearly"}]
    targets = []
    if draw(st.booleans()):
        covers = draw(st.lists(st.sampled_from(FEE_KINDS), unique=True, max_size=2))
        options.append(
            {"id": "prepaid", "kind": "prepaid", "name": "Prepaid",
             "term": f"{draw(st.integers(1, 30))} years", "price": str(draw(money)),
             "includes_fees": covers}
        )  # fmt: skip
        targets.append("prepaid")
    if draw(st.booleans()):
        length = draw(st.none() | st.integers(1, 90).map(lambda years: f"{years} years"))
        options.append(
            {"id": "lifetime", "kind": "lifetime", "name": "Lifetime", "length": length,
             "price": str(draw(money))}
        )  # fmt: skip
        targets.append("lifetime")
    if draw(st.booleans()):
        options.append(
            {"id": "monthly", "kind": "installments", "name": "Monthly",
             "months": draw(st.integers(2, 60)),
             "apr": f"{draw(st.decimals(0, 30, places=1))} %",
             "finances": draw(st.sampled_from([None, *targets]))}
        )  # fmt: skip
    return plan_data("p") | {
        "one_time_fees": fees,
        "annual_storage_fee": str(draw(money)),
        "first_year_included": draw(st.booleans()),
        "payment_options": options,
    }


FIGURES = ("option", "totals", "schedule", "options", "cheapest_option", "unpriced_options", "odds")


@settings(max_examples=60, deadline=None)
@given(
    plan=plan_dicts(),
    horizon=st.integers(1, 100 * 12).map(lambda months: f"{months} months"),
    escalation=st.decimals(0, 20, places=2).map(lambda rate: f"{rate} %"),
    discount=st.decimals(0, 20, places=2).map(lambda rate: f"{rate} %"),
    children=st.integers(1, 6),
    pick=st.integers(0, 3),
)
def test_an_inline_copy_of_a_catalog_plan_gives_byte_identical_figures(
    plan: dict[str, Any],
    horizon: str,
    escalation: str,
    discount: str,
    children: int,
    pick: int,
) -> None:
    catalog = Catalog.model_validate(catalog_data([plan]))
    client = create_app({"CATALOG": catalog, "TODAY": TODAY}).test_client()
    option = plan["payment_options"][pick % len(plan["payment_options"])]["id"]
    scenario = {"horizon": horizon, "escalation": escalation, "discount": discount}
    scenario |= {"children": children, "option": option}
    inline = copy.deepcopy(plan) | {"bank_name": "Test Bank"}
    del inline["prices"]  # the entrant's own figures, dated today: quoted and current
    by_id = client.post("/api/v1/quotes", json=scenario | {"plan": "p"})
    entered = client.post("/api/v1/quotes", json=scenario | {"plan": inline})
    assert by_id.status_code == entered.status_code == 200  # every generated option is priced
    mine, theirs = json.loads(entered.data), json.loads(by_id.data)
    for key in FIGURES:
        assert json.dumps(mine[key]).encode() == json.dumps(theirs[key]).encode(), key
