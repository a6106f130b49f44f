"""Durations and rates: every accepted spelling means the same exact value; the rest is refused."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.units import UnitError, parse_duration_months, parse_rate


@pytest.mark.parametrize(
    ("given_value", "months"),
    [
        (20, 240),  # a bare number is years: 20 x 12
        ("20", 240),
        ("20 years", 240),
        ("240 months", 240),
        ("18 yr", 216),  # 18 x 12
        ("1.5 years", 18),  # 1.5 x 12
        (D("2.5"), 30),  # 2.5 x 12
        (0.5, 6),  # a float is read through its shortest text, 0.5 x 12
        ("1 month", 1),
    ],
)
def test_durations_become_whole_months(given_value: object, months: int) -> None:
    assert parse_duration_months(given_value) == months


@pytest.mark.parametrize(
    ("given_value", "reason"),
    [
        ("20 USD", "unit"),
        ("20 meters", "not a duration"),
        ("3 %", "not a duration"),
        ("10 days", "whole number of months"),
        ("1.01 years", "whole number of months"),
        ("twenty years", "expected a duration"),
        ("10**10**10", "expected a duration"),
        ("nan years", "expected a duration"),
        (float("inf"), "finite"),
        (True, "expected a duration"),
        (None, "expected a number"),
    ],
)
def test_bad_durations_are_refused_with_a_reason(given_value: object, reason: str) -> None:
    with pytest.raises(UnitError, match=reason):
        parse_duration_months(given_value)


@pytest.mark.parametrize(
    ("given_value", "fraction"),
    [
        (0.03, D("0.03")),
        ("0.03", D("0.03")),
        ("3 %", D("0.03")),  # 3 / 100
        ("3%", D("0.03")),
        ("3 percent", D("0.03")),
        ("2.5 %", D("0.025")),  # 2.5 / 100
        (0, D(0)),
    ],
)
def test_rates_become_decimal_fractions(given_value: object, fraction: D) -> None:
    assert parse_rate(given_value) == fraction


@pytest.mark.parametrize("given_value", ["3 years", "3 USD", "three", "1e999999", True])
def test_bad_rates_are_refused(given_value: object) -> None:
    with pytest.raises(UnitError):
        parse_rate(given_value)


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=100))
def test_n_years_and_12n_months_agree(years: int) -> None:
    in_years = parse_duration_months(f"{years} years")
    assert in_years == parse_duration_months(f"{12 * years} months") == parse_duration_months(years)
    assert in_years == 12 * years


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False))
def test_percent_and_fraction_agree(percent: D) -> None:
    assert parse_rate(f"{percent} %") == parse_rate(f"{percent} percent") == percent / 100
