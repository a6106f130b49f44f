"""Where a request's time goes, in-process (no server, no network): stage medians and
pyinstrument trees for the endpoints and the core that miss their targets.

    .venv/bin/python benchmarks/profile_hotspots.py [--out benchmarks/profiles]

Stage medians are wall time without a profiler; the trees (one text file per case under
--out) are pyinstrument's, so their absolute times include its overhead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from benchlib import COMPARISON, QUOTE_20, QUOTE_78, RESULT_PAGE, table
from flask import Flask, jsonify
from flask.testing import FlaskClient
from pyinstrument import Profiler

from bankcalc.catalog.loading import catalog_path, load_catalog
from bankcalc.catalog.models import Catalog
from bankcalc.catalog.text import json_default
from bankcalc.core.quote import build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.terms import Freshness
from bankcalc.web import api_schemas, create_app

TODAY = dt.date(2026, 1, 1)
ESCALATED = {"escalation": "3 %", "discount": "3 %"}


def median_us(call: Callable[[], object], runs: int = 1000) -> float:
    timer = timeit.Timer(call)
    timer.timeit(max(10, runs // 20))
    return statistics.median(timer.repeat(repeat=runs, number=1)) * 1e6


def bare_client() -> FlaskClient:
    app = Flask("bare")

    @app.get("/hello")
    def hello() -> Any:
        return jsonify(message="hello", status="ok")

    return app.test_client()


def stages(app: Flask, catalog: Catalog, payload: dict[str, str]) -> list[list[str]]:
    """The parts of POST /api/v1/quotes, each timed alone."""
    client = app.test_client()
    scenario = Scenario.model_validate(payload)
    quote = build_quote(catalog, scenario, TODAY)
    bank = catalog.bank(quote.plan.bank)
    judged = Freshness(TODAY, catalog.defaults.stale_after)
    out = api_schemas.quote_out(quote, bank, judged)
    with app.app_context():
        text = orjson.dumps(out, default=json_default)
        parts = {
            "whole request (test client)": lambda: client.post("/api/v1/quotes", json=payload),
            "Scenario.model_validate(body)": lambda: Scenario.model_validate(payload),
            "build_quote (core)": lambda: build_quote(catalog, scenario, TODAY),
            "api_schemas.quote_out": lambda: api_schemas.quote_out(quote, bank, judged),
            f"orjson.dumps ({len(text):,} bytes)": lambda: orjson.dumps(out, default=json_default),
        }
        return [[name, f"{median_us(call):.0f}"] for name, call in parts.items()]


def core_parts(catalog: Catalog, payload: dict[str, str]) -> list[list[str]]:
    """The parts of build_quote for one scenario."""
    from bankcalc.core.costs import StorageSeries, _option_costs, _schedule
    from bankcalc.core.odds import assess_claims
    from bankcalc.core.payments import option_payments
    from bankcalc.core.quote import resolve

    scenario = Scenario.model_validate(payload)
    plan, option = resolve(catalog, scenario, TODAY)
    terms = scenario.terms_on(Freshness(TODAY, catalog.defaults.stale_after))
    series = StorageSeries(plan, terms)
    payments = option_payments(plan, option, terms)
    options = plan.priced_options
    every = [option_payments(plan, each, terms) for each in options]
    quote = build_quote(catalog, scenario, TODAY)
    parts = {
        "build_quote": lambda: build_quote(catalog, scenario, TODAY),
        "  costs.StorageSeries": lambda: StorageSeries(plan, terms),
        "  payments.option_payments (every option)": lambda: [
            option_payments(plan, each, terms) for each in options
        ],
        "  costs._schedule (chosen, all rows)": lambda: _schedule(plan, payments, series),
        "  costs._option_costs (every option)": lambda: _option_costs(
            plan, options, every, series, terms
        ),
        "  odds.assess_claims": lambda: assess_claims(
            catalog.claims, quote.schedule.months, quote.schedule.total, scenario.siblings
        ),
    }
    return [[name, f"{median_us(call, 2000):.1f}"] for name, call in parts.items()]


def profile_to(path: Path, call: Callable[[], object], repeat: int) -> None:
    profiler = Profiler(interval=0.0001)
    profiler.start()
    for _ in range(repeat):
        call()
    profiler.stop()
    path.write_text(profiler.output_text(unicode=False, color=False), encoding="utf-8")
    print(f"  wrote {path}")


def trees(app: Flask, catalog: Catalog, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    client = app.test_client()
    escalated = Scenario.model_validate(QUOTE_78 | ESCALATED)
    cases: dict[str, tuple[Callable[[], object], int]] = {
        "core_78y_escalated.txt": (lambda: build_quote(catalog, escalated, TODAY), 3000),
        "post_quotes_20y.txt": (lambda: client.post("/api/v1/quotes", json=QUOTE_20), 1500),
        "post_quotes_78y.txt": (lambda: client.post("/api/v1/quotes", json=QUOTE_78), 1500),
        "get_result_page.txt": (lambda: client.get(RESULT_PAGE), 400),
        "post_comparisons.txt": (lambda: client.post("/api/v1/comparisons", json=COMPARISON), 800),
    }
    for name, (call, repeat) in cases.items():
        call()
        profile_to(out / name, call, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("profiles"))
    args = parser.parse_args()
    catalog = load_catalog(catalog_path(None))
    app = create_app({"CATALOG": catalog, "TODAY": TODAY.isoformat()})
    bare = bare_client()
    print(f"bare Flask GET /hello (test client): {median_us(lambda: bare.get('/hello')):.0f} us")
    for label, payload in [("20 years", QUOTE_20), ("78 years", QUOTE_78)]:
        print(f"\nPOST /api/v1/quotes, {label}: median us per stage")
        print(table(["stage", "us"], stages(app, catalog, payload)))
    for label, payload in [("default", QUOTE_78), ("3 % + 3 %", QUOTE_78 | ESCALATED)]:
        print(f"\nbuild_quote, 78 years, {label}: median us per part")
        print(table(["part", "us"], core_parts(catalog, payload)))
    client = app.test_client()
    page = median_us(lambda: client.get(RESULT_PAGE), 300)
    print(f"\nGET {RESULT_PAGE} (test client): {page:.0f} us")
    print("\npyinstrument trees")
    trees(app, catalog, args.out)


if __name__ == "__main__":
    main()
