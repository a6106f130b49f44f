"""Batches within a budget of work, totals without schedules, and compressed large answers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import brotli
import pytest
from backports import zstd
from flask.testing import FlaskClient

from bankcalc.web import create_app
from bankcalc.web.api_batches import BULKY, MAX_SCENARIO_YEARS
from bankcalc.web.api_schemas import QuoteOut, QuoteSummaryOut
from builders import catalog_data, dump_catalog, plan_data


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(catalog_data([plan_data("alpha")])), encoding="utf-8")
    return create_app({"PLANS": str(path)}).test_client()


def batch(client: FlaskClient, scenarios: list[dict[str, Any]], **extra: Any) -> Any:
    return client.post("/api/v1/batches", json={"scenarios": scenarios} | extra)


def test_a_batch_over_the_budget_is_refused_whole_before_any_pricing(client: FlaskClient) -> None:
    response = batch(client, [{"plan": "alpha", "horizon": "100 years"}] * 21)  # 2,100
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = json.loads(response.data)
    assert problem["type"].endswith("/batch-over-budget")
    assert problem["budget"] == MAX_SCENARIO_YEARS == 2_000
    assert problem["requested"] == 2_100
    assert "at most 2,000" in problem["detail"]
    assert problem["errors"][0]["field"] == "scenarios"


def test_the_budget_counts_years_rounded_up_and_only_valid_scenarios(client: FlaskClient) -> None:
    at_limit = [{"plan": "alpha", "horizon": "100 years"}] * 19 + [
        {"plan": "alpha", "horizon": "1189 months"}  # 99 years 1 month: counts 100
    ]
    assert batch(client, at_limit).status_code == 200
    one_more = [*at_limit, {"plan": "alpha", "horizon": "1 month"}]  # counts 1 more
    assert json.loads(batch(client, one_more).data)["requested"] == 2_001
    invalid_too = [*at_limit, {"plan": "alpha", "horizon": "100 USD"}]  # not priced, free
    results = json.loads(batch(client, invalid_too).data)["results"]
    assert [r["status"] for r in results[-2:]] == [200, 422]


def test_totals_leave_out_schedules_odds_and_timeline(client: FlaskClient) -> None:
    scenario = {"plan": "alpha", "horizon": "20 years"}
    full = json.loads(batch(client, [scenario]).data)["results"][0]["quote"]
    totals = json.loads(batch(client, [scenario], detail="totals").data)["results"][0]["quote"]
    assert set(totals) == set(full) - set(BULKY)
    assert totals["totals"] == full["totals"]
    assert totals["options"] == full["options"]
    QuoteSummaryOut.model_validate(totals)
    QuoteOut.model_validate(full)


def test_the_totals_shape_is_the_quote_less_its_bulky_parts() -> None:
    assert set(QuoteSummaryOut.model_fields) == set(QuoteOut.model_fields) - set(BULKY)
    for name, field in QuoteSummaryOut.model_fields.items():
        assert field.annotation == QuoteOut.model_fields[name].annotation, name


def test_an_unknown_detail_is_422(client: FlaskClient) -> None:
    response = batch(client, [{"plan": "alpha"}], detail="everything")
    assert response.status_code == 422
    assert json.loads(response.data)["errors"][0]["field"] == "detail"


def test_the_openapi_document_states_the_budget_and_the_totals_option(client: FlaskClient) -> None:
    spec = json.loads(client.get("/api/v1/openapi.json").data)
    batch_schema = spec["components"]["schemas"]["Batch"]["properties"]
    assert "2,000 scenario-years" in batch_schema["scenarios"]["description"]
    assert batch_schema["detail"]["enum"] == ["full", "totals"]
    responses = spec["paths"]["/api/v1/batches"]["post"]["responses"]
    assert "over budget" in responses["422"]["description"]


DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": zstd.decompress}


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("gzip, br, zstd", "zstd"),
        ("br;q=0.5, gzip;q=1.0", "gzip"),
    ],
)
def test_a_large_answer_is_compressed_as_the_client_accepts(
    client: FlaskClient, accept: str, encoding: str
) -> None:
    scenarios = [{"plan": "alpha", "horizon": f"{years} years"} for years in range(1, 41)]
    plain = batch(client, scenarios)
    packed = client.post(
        "/api/v1/batches", json={"scenarios": scenarios}, headers={"Accept-Encoding": accept}
    )
    assert packed.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert DECODERS[encoding](packed.data) == plain.data
    assert len(packed.data) * 10 < len(plain.data)
    assert "Content-Encoding" not in plain.headers  # no Accept-Encoding: sent as it is


def test_a_small_answer_is_not_compressed(client: FlaskClient) -> None:
    response = client.get("/api/v1/healthz", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in response.headers
    assert json.loads(response.data)["status"] == "ok"
