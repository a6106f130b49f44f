"""One rule for inputs, whichever way they come: the form, the API and the command line accept
and refuse the same values, refuse before parsing what breaks the cap or the pattern, and
quote back at most a short prefix of a bad value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask

from bankcalc.cli import main
from bankcalc.web import create_app
from builders import catalog_data, dump_catalog, plan_data

LONG_HORIZON = "100." + "0" * 65_000  # the API once took this for 100 years
CASES = [  # (field, value as typed): all accepted or all refused
    ("horizon", "20"),
    ("horizon", "20 years"),
    ("horizon", "240 months"),
    ("horizon", "18 yr"),
    ("horizon", "  20  "),
    ("horizon", "20" + " " * 40),
    ("horizon", "20" + " " * 100 + "x"),  # the form once cut this to "20" and took it
    ("horizon", LONG_HORIZON),
    ("horizon", "\u0662\u0660"),  # Arabic-Indic 20
    ("horizon", "1e1"),
    ("horizon", "20 USD"),
    ("horizon", "101 years"),
    ("escalation", "3 %"),
    ("escalation", "3%"),
    ("escalation", "3 percent"),
    ("escalation", "\u0663 %"),  # Arabic-Indic 3
    ("escalation", "3" + " " * 40 + "%"),
    ("escalation", "1e999 %"),
    ("escalation", "25 %"),
    ("children", "2"),
    ("children", "\u0662"),
    ("children", "1_0"),
    ("children", "2.0"),
]
FLAGS = {"horizon": "--years", "escalation": "--escalation", "children": "--children"}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalog") / "plans.yaml"
    path.write_text(dump_catalog(catalog_data([plan_data("alpha")])), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def app(plans: Path) -> Flask:
    return create_app({"PLANS": str(plans)})


def api_accepts(app: Flask, field: str, value: str) -> bool:
    response = app.test_client().post("/api/v1/quotes", json={"plan": "alpha", field: value})
    assert response.status_code in (200, 422), response.status_code
    return response.status_code == 200


def form_accepts(app: Flask, field: str, value: str) -> bool:
    response = app.test_client().get("/", query_string={"plan": "alpha", field: value})
    assert response.status_code in (200, 422), response.status_code
    return response.status_code == 200


def cli_accepts(plans: Path, field: str, value: str) -> bool:
    code = main(["--plans", str(plans), "quote", "--plan", "alpha", f"{FLAGS[field]}={value}"])
    assert code in (0, 2)
    return code == 0


@pytest.mark.parametrize(("field", "value"), CASES, ids=[f"{f}={v[:12]!r}" for f, v in CASES])
def test_form_api_and_command_line_agree(
    app: Flask, plans: Path, field: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    verdicts = {
        "api": api_accepts(app, field, value),
        "form": form_accepts(app, field, value),
        "cli": cli_accepts(plans, field, value),
    }
    capsys.readouterr()
    assert len(set(verdicts.values())) == 1, verdicts


@pytest.mark.parametrize("value", ["\u0662", "1_0", "2.0", "+2", "two"])
def test_a_count_is_ascii_digits_or_a_json_number(app: Flask, value: str) -> None:
    # pydantic alone would read "1_0" as 10 children, and "\u0662" or "2.0" as 2
    response = app.test_client().post("/api/v1/quotes", json={"plan": "alpha", "children": value})
    assert response.status_code == 422
    errors = json.loads(response.data)["errors"]
    assert errors == [{"field": "children", "message": "must be a whole number, e.g. 2"}]
    ok = app.test_client().post("/api/v1/quotes", json={"plan": "alpha", "children": " 2 "})
    assert json.loads(ok.data)["inputs"]["children"] == 2


def test_a_due_date_in_other_digits_is_refused_with_the_format(app: Flask) -> None:
    fullwidth = "\uff12\uff10\uff12\uff17-\uff10\uff15-\uff10\uff11"  # 2027-05-01
    response = app.test_client().post(
        "/api/v1/quotes", json={"plan": "alpha", "due_date": fullwidth}
    )
    assert json.loads(response.data)["errors"][0]["message"] == (
        "must be a date as YYYY-MM-DD, e.g. 2027-05-01"
    )


def test_a_huge_value_gets_a_short_problem_that_quotes_none_of_it(app: Flask) -> None:
    response = app.test_client().post(
        "/api/v1/quotes", json={"plan": "alpha", "horizon": LONG_HORIZON}
    )
    assert response.status_code == 422
    assert len(response.data) < 1_000
    problem = json.loads(response.data)
    assert problem["errors"] == [
        {"field": "horizon", "message": "is too long: at most 32 characters, got 65,004"}
    ]


@pytest.mark.parametrize("value", ["1e999", "x" * 30 + " %"])
def test_a_bad_value_is_quoted_at_most_20_characters(app: Flask, value: str) -> None:
    response = app.test_client().post("/api/v1/quotes", json={"plan": "alpha", "escalation": value})
    message = json.loads(response.data)["errors"][0]["message"]
    assert message.startswith("expected a rate such as 0.03 or '3 %', got ")
    assert len(message) < 80
    assert value[:20] in message


def test_the_form_shows_back_only_a_prefix_of_a_huge_value(app: Flask) -> None:
    response = app.test_client().get("/", query_string={"plan": "alpha", "horizon": LONG_HORIZON})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This answer is too long" in page
    assert "0" * 100 not in page
