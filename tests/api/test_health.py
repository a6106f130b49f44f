"""The app factory: health check, security headers, refusing a bad catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from bankcalc.catalog.loading import CatalogError
from bankcalc.web import create_app
from builders import catalog_data, dump_catalog, plan_data


def test_healthz_reports_the_catalog_date(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    data["plans"][0]["prices"] = {"as_of": "2025-03-04", "read_on": "2026-02-01"}
    data["plans"][0]["prices"] |= {"source": "a fixture", "basis": "quoted"}
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    response = create_app({"PLANS": str(path)}).test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["status"] == "ok"
    assert response.json["catalog_as_of"] == "2026-02-01"  # the newest date a price was read


def test_every_response_carries_security_headers() -> None:
    response = create_app().test_client().get("/healthz")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in response.headers


def test_a_bad_catalog_stops_the_app_from_starting(tmp_path: Path) -> None:
    bad = tmp_path / "plans.yaml"
    bad.write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"plans\.yaml"):
        create_app({"PLANS": str(bad)})
