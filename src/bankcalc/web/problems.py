"""The one place that turns invalid input into messages: RFC 9457 problems for the API,
per-field messages for the form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Response, json
from pydantic import ValidationError

from bankcalc.catalog.offer import PLAN_TAGS
from bankcalc.core.quote import QuoteError

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
        for problem in error.errors(include_url=False)
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
    # pydantic puts union tags and function names in locations; they mean nothing to a user:
    # 'plan.inline-plan.payment_options.1.prepaid.price' is 'plan.payment_options.1.price'.
    parts: list[str] = []
    previous: str | int | None = None
    for part in loc:
        text = str(part)
        tag = text.startswith(("function-", "tagged-union")) or text in PLAN_TAGS
        # a payment option's kind, right after its index, is the tag of the option union
        tag = tag or (isinstance(previous, int) and text in OPTION_KINDS)
        if not tag:
            parts.append(text)
        previous = part
    return ".".join(parts) or "(body)"


OPTION_KINDS = frozenset({"yearly", "prepaid", "lifetime", "installments"})


_BOUNDS = {
    "less_than_equal": ("le", "must be at most {}"),
    "greater_than_equal": ("ge", "must be at least {}"),
    "less_than": ("lt", "must be less than {}"),
    "greater_than": ("gt", "must be more than {}"),
    "too_long": ("max_length", "must have at most {} items or characters"),
    "too_short": ("min_length", "must have at least {} items or characters"),
}


def _reason(problem: Mapping[str, Any]) -> str:
    kind = problem["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required"
    if kind == "string_pattern_mismatch":
        return "must be an id of lower-case letters, digits and hyphens, e.g. 'cbr-cord-blood'"
    bound = _BOUNDS.get(kind)
    context = problem.get("ctx") or {}
    if bound is not None and bound[0] in context:
        return bound[1].format(context[bound[0]])
    return str(problem["msg"]).removeprefix("Value error, ")
