"""The one place that turns invalid input into messages: RFC 9457 problems for the API,
per-field messages for the form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from flask import Response, json
from pydantic import ValidationError

from bankcalc import i18n
from bankcalc.catalog.offer import PLAN_TAGS
from bankcalc.core.quote import QuoteError
from bankcalc.i18n import N_, _, ngettext

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
        FieldError(_join([*prefix, *problem["loc"]]), reason(problem))
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


# Bounds, worded in the form's terms; the limit is pydantic's, as text.
_BOUNDS = {
    "less_than_equal": ("le", N_("must be at most {limit}")),
    "greater_than_equal": ("ge", N_("must be at least {limit}")),
    "less_than": ("lt", N_("must be less than {limit}")),
    "greater_than": ("gt", N_("must be more than {limit}")),
}
# A collection's length: a plural in Spanish ("1 elemento", "3 elementos"); in English the
# same words for every count, as bankcalc has always written them.
_LENGTHS = {"too_long": "max_length", "too_short": "min_length"}

# pydantic's own messages for the other error types our models can raise, translated. The
# English is pydantic's template, word for word (tests/i18n/test_api_es.py checks it against
# pydantic_core), and English answers keep pydantic's message itself: only other languages
# read these. A type not listed here keeps pydantic's English message in every language.
PYDANTIC_MESSAGES: dict[str, str] = {
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "bool_type": N_("Input should be a valid boolean"),
    "date_type": N_("Input should be a valid date"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "date_from_datetime_inexact": N_(
        "Datetimes provided to dates should have zero time - e.g. be exact dates"
    ),
    "decimal_parsing": N_("Input should be a valid decimal"),
    "decimal_type": N_("Decimal input should be an integer, float, string or Decimal object"),
    "dict_type": N_("Input should be a valid dictionary"),
    "enum": N_("Input should be {expected}"),
    "finite_number": N_("Input should be a finite number"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_parsing_size": N_("Unable to parse input string as an integer, exceeded maximum size"),
    "int_type": N_("Input should be a valid integer"),
    "json_type": N_("JSON input should be string, bytes or bytearray"),
    "list_type": N_("Input should be a valid list"),
    "literal_error": N_("Input should be {expected}"),
    "model_attributes_type": N_(
        "Input should be a valid dictionary or object to extract fields from"
    ),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "none_required": N_("Input should be None"),
    "string_type": N_("Input should be a valid string"),
    "string_unicode": N_(
        "Input should be a valid string, unable to parse raw data as a unicode string"
    ),
    "tuple_type": N_("Input should be a valid tuple"),
    "union_tag_invalid": N_(
        "Input tag '{tag}' found using {discriminator} does not match any of the expected"
        " tags: {expected_tags}"
    ),
    "union_tag_not_found": N_("Unable to extract tag using discriminator {discriminator}"),
    "url_parsing": N_("Input should be a valid URL, {error}"),
    "url_scheme": N_("URL scheme should be {expected_schemes}"),
    "url_type": N_("URL input should be a string or URL"),
}
# What a date or a URL failed on, as pydantic's parsers say it (ctx "error"), translated where
# the rest of the message is; others stay in English.
_DETAILS = frozenset(
    {
        N_("input is too short"),
        N_("input is too long"),
        N_("input is empty"),
        N_("invalid character in year"),
        N_("invalid character in month"),
        N_("invalid character in day"),
        N_("invalid date separator, expected `-`"),
        N_("month value is outside expected range of 1-12"),
        N_("day value is outside expected range"),
        N_("unexpected extra characters at the end of the input"),
        N_("dates after 9999 are not supported as unix timestamps"),
        N_("dates before 0000 are not supported as unix timestamps"),
        N_("empty host"),
        N_("relative URL without a base"),
        N_("invalid port number"),
        N_("invalid domain character"),
        N_("invalid international domain name"),
        N_("invalid IPv4 address"),
        N_("invalid IPv6 address"),
    }
)


def reason(problem: Mapping[str, Any]) -> str:
    """One pydantic error (`ValidationError.errors()` item) as a reason for people, in the
    current language; English keeps pydantic's own words where we have none."""
    kind = problem["type"]
    context = problem.get("ctx") or {}
    if kind == "extra_forbidden":
        return _("unknown field")
    if kind == "missing":
        return _("required")
    if kind == "string_pattern_mismatch":
        return _("must be an id of lower-case letters, digits and hyphens, e.g. 'cbr-cord-blood'")
    bound = _BOUNDS.get(kind)
    if bound is not None and bound[0] in context:
        return _(bound[1]).format(limit=context[bound[0]])
    length = _LENGTHS.get(kind)
    if length is not None and length in context:
        return _length(kind, context[length])
    message = str(problem["msg"]).removeprefix("Value error, ")
    if i18n.language() == i18n.DEFAULT:
        return message  # pydantic's own words, or ours from a validator
    return _translated(kind, context) or message


def _length(kind: str, limit: Any) -> str:
    count = _count(limit)
    if kind == "too_long":
        text = ngettext(
            "must have at most {limit} items or characters",
            "must have at most {limit} items or characters",
            count,
        )
    else:
        text = ngettext(
            "must have at least {limit} items or characters",
            "must have at least {limit} items or characters",
            count,
        )
    return text.format(limit=limit)


def _translated(kind: str, context: Mapping[str, Any]) -> str | None:
    """pydantic's message for `kind` in the current language; None: not one we translate."""
    template = PYDANTIC_MESSAGES.get(kind)
    if template is not None:
        fields = {name: str(value) for name, value in context.items()}
        if fields.get("error") in _DETAILS:
            fields["error"] = _(fields["error"])
        for name in ("expected", "expected_schemes"):
            if name in fields:
                fields[name] = _alternatives(fields[name])
        try:
            return _(template).format(**fields)
        except (KeyError, IndexError, ValueError):  # a pydantic that words its context otherwise
            return None
    return _counted(kind, context)


# pydantic's messages with a count in them ("at most 120 characters"): for each kind, the
# context field holding the count, and the message in the current language for a count n
# (a function, so the message is chosen in the request's language, when it is asked for).
_COUNTED: dict[str, tuple[str, Callable[[int], str]]] = {
    "string_too_long": (
        "max_length",
        lambda n: ngettext(
            "String should have at most {max_length} character",
            "String should have at most {max_length} characters",
            n,
        ),
    ),
    "string_too_short": (
        "min_length",
        lambda n: ngettext(
            "String should have at least {min_length} character",
            "String should have at least {min_length} characters",
            n,
        ),
    ),
    "url_too_long": (
        "max_length",
        lambda n: ngettext(
            "URL should have at most {max_length} character",
            "URL should have at most {max_length} characters",
            n,
        ),
    ),
    "decimal_max_digits": (
        "max_digits",
        lambda n: ngettext(
            "Decimal input should have no more than {max_digits} digit in total",
            "Decimal input should have no more than {max_digits} digits in total",
            n,
        ),
    ),
    "decimal_max_places": (
        "decimal_places",
        lambda n: ngettext(
            "Decimal input should have no more than {decimal_places} decimal place",
            "Decimal input should have no more than {decimal_places} decimal places",
            n,
        ),
    ),
    "decimal_whole_digits": (
        "whole_digits",
        lambda n: ngettext(
            "Decimal input should have no more than {whole_digits} digit before the decimal point",
            "Decimal input should have no more than {whole_digits} digits before the decimal point",
            n,
        ),
    ),
}


def _counted(kind: str, context: Mapping[str, Any]) -> str | None:
    """pydantic's messages with a count in them, in the current language."""
    counted = _COUNTED.get(kind)
    if counted is None or counted[0] not in context:
        return None
    field, message = counted
    bound = context[field]
    return message(_count(bound)).format(**{field: bound})


def _count(value: Any) -> int:
    """A bound as a count for choosing a plural; pydantic gives it as an int (or text)."""
    try:
        return int(str(value))
    except ValueError:
        return 2


def _alternatives(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" with the current language's "or"."""
    items = re.split(r", | or ", expected)
    return format_list(items, style="or", locale=i18n.locale()) if len(items) > 1 else expected


TRANSLATED_TYPES = frozenset(
    {
        "extra_forbidden",
        "missing",
        "string_pattern_mismatch",
        *_BOUNDS,
        *_LENGTHS,
        *PYDANTIC_MESSAGES,
    }
    | {
        "string_too_long",
        "string_too_short",
        "url_too_long",
        "decimal_max_digits",
        "decimal_max_places",
        "decimal_whole_digits",
    }
)
"""Every pydantic error type whose message is worded here in the request's language."""
