"""Strict JSON for request bodies: exact decimals, no NaN or Infinity, bounded numbers.

Flask's default parser turns 0.03 into a float, accepts NaN and Infinity, and lets a deeply
nested body raise RecursionError (a 500). This provider makes each of those a 400 instead,
and keeps numbers exact so 0.03 means exactly 3 %.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest

from bankcalc.i18n import _

MAX_NUMBER_TEXT = 40  # digits and exponent: nothing in a quote needs more


class _Unreasonable(ValueError):
    pass


def _decimal(text: str) -> Decimal:
    if len(text) > MAX_NUMBER_TEXT:
        raise _Unreasonable(_("number {number}... is too long").format(number=text[:20]))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _Unreasonable(_("number {number} is not valid").format(number=text)) from None
    if number and abs(number.adjusted()) > 30:
        raise _Unreasonable(_("number {number} is out of range").format(number=text))
    return number


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_TEXT:
        raise _Unreasonable(_("number {number}... is too long").format(number=text[:20]))
    return int(text)


def _constant(name: str) -> Any:
    raise _Unreasonable(_("{name} is not a number JSON allows").format(name=name))


def loads_strict(text: str | bytes) -> Any:
    """Parse JSON; any problem (syntax, NaN, absurd numbers, nesting) is a ValueError."""
    try:
        return json.loads(text, parse_float=_decimal, parse_int=_integer, parse_constant=_constant)
    except RecursionError:
        raise ValueError(_("the JSON is nested too deeply")) from None


class StrictJSONProvider(DefaultJSONProvider):
    sort_keys = False

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads_strict(s)


class StrictRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        # Say what is wrong with the JSON; the default message is a generic one. Ours are in
        # the request's language; the json module's own ("Expecting value: line 1 ...") in
        # English.
        raise BadRequest(description=_("the body is not valid JSON: {reason}").format(reason=e))
