"""schemathesis against the served OpenAPI document: no server errors, responses that match
the documented schemas, only documented status codes and content types."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from bankcalc.web import create_app

app = create_app({"TODAY": "2026-11-25"})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case) -> None:
    # Over WSGI schemathesis sends requests' "Accept-Encoding: gzip, deflate, br, zstd" but does
    # not decode the answer; compression has its own tests (test_batches.py).
    case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
