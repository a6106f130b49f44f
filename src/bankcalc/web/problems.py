"""The one place that turns invalid input into messages: RFC 9457 problems for the API,
per-field messages for the form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Response, json
from pydantic import ValidationError

from bankcalc.quote import QuoteError

PROBLEM_TYPE_BASE = "https://bankcalc.invalid/problems/"
PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # dotted path into the request, e.g. "scenarios.3.horizon"
    message: str


def field_errors(
    error: ValidationError | QuoteError, prefix: Sequence[str | int] = ()
) -> list[FieldError]:
    """Each problem with its field path and a reason written for people."""
    if isinstance(error, QuoteError):
        return [FieldError(_join([*prefix, error.field]), error.message)]
    return [
        FieldError(_join([*prefix, *problem["loc"]]), _reason(problem))
        for problem in error.errors(include_url=False, include_context=False)
    ]


def by_field(errors: Iterable[FieldError]) -> dict[str, str]:
    """First message per field, for showing beside form inputs."""
    messages: dict[str, str] = {}
    for error in errors:
        messages.setdefault(error.field, error.message)
    return messages


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    errors: Sequence[FieldError] = (),
    extra: Mapping[str, Any] | None = None,
) -> Response:
    """An application/problem+json response (RFC 9457)."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    body.update(extra or {})
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)


def _join(loc: Sequence[str | int]) -> str:
    # pydantic puts union tags and function names in locations; they mean nothing to a user.
    parts = [str(part) for part in loc if not str(part).startswith(("function-", "tagged-union"))]
    return ".".join(parts) or "(body)"


def _reason(problem: Mapping[str, Any]) -> str:
    message = str(problem["msg"]).removeprefix("Value error, ")
    if problem["type"] == "extra_forbidden":
        return "unknown field"
    if problem["type"] == "missing":
        return "required"
    return message
