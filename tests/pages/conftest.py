"""Page tests run against a small catalog written by the test, never the shipped prices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from bankcalc.web import create_app
from builders import catalog_data, plan_data, prepaid

TODAY = "2027-01-01"  # a Friday; pinned so timeline tests never depend on the clock


def small_catalog() -> dict[str, Any]:
    """alpha: 1000 processing + 100 kit (shared), 100/yr, or 10 years prepaid for 800.
    beta: 500 processing, 300/yr, yearly only."""
    alpha = plan_data(
        "alpha",
        processing="1000.00",
        kit="100.00",
        annual="100.00",
        options=[
            {"id": "yearly", "kind": "yearly", "name": "Pay yearly"},
            prepaid(
                "10 years",
                "800.00",
                name="Ten years prepaid",
                source={
                    "as_of": "2026-02-03",
                    "source": "Alpha's brochure, page 2",
                    "basis": "third_party",
                },
            ),
        ],
    )
    alpha["guarantee"] = "50000.00"
    beta = plan_data("beta", processing="500.00", annual="300.00")
    return catalog_data([alpha, beta])


@pytest.fixture
def write_catalog(tmp_path: Path) -> Callable[[dict[str, Any]], str]:
    def write(data: dict[str, Any]) -> str:
        path = tmp_path / "plans.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def app(write_catalog: Callable[[dict[str, Any]], str]) -> Flask:
    return create_app({"PLANS": write_catalog(small_catalog()), "TODAY": TODAY, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
