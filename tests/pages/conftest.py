"""Page tests run against a small catalog written by the test, never the shipped prices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bankcalc.web import create_app
from builders import dump_catalog
from pages.catalogs import TODAY, small_catalog


@pytest.fixture
def write_catalog(tmp_path: Path) -> Callable[[dict[str, Any]], str]:
    def write(data: dict[str, Any]) -> str:
        path = tmp_path / "plans.yaml"
        path.write_text(dump_catalog(data), encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def app(write_catalog: Callable[[dict[str, Any]], str]) -> Flask:
    return create_app({"PLANS": write_catalog(small_catalog()), "TODAY": TODAY, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
