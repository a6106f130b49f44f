"""Durations and rates: every accepted spelling means the same exact value; the rest is refused."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.money import cents, cents_each, format_usd, format_usd_estimate
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


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("8888888.89", "$8.89 million"),  # 8.888... million to 3 figures: 8.89 million
        ("5000000.00", "$5 million"),
        ("3799999999.99", "$3.8 billion"),  # 3.79999... billion to 3 figures: 3.80 billion
        ("999999.99", "$1,000,000"),  # rounds up to a million, still written in figures
        ("1234.50", "$1,230"),  # 1,234.5 -> 1,23x -> 1,230
        ("999.99", "$1,000"),  # 999.99 to 3 figures rounds up to 1,000
        ("1225.00", "$1,220"),  # exactly half: to even (1,22x), not 1,230
    ],
)
def test_estimates_are_shown_to_three_significant_figures(amount: str, shown: str) -> None:
    assert format_usd_estimate(D(amount)) == shown


def test_money_is_shown_with_cents_and_separators() -> None:
    assert format_usd(D("1234.5")) == "$1,234.50"
    assert format_usd(D("-12")) == "-$12.00"


@settings(max_examples=200)
@given(st.lists(st.decimals(-(10**6), 10**6, places=4, allow_nan=False, allow_infinity=False)))
def test_rounding_many_amounts_at_once_is_the_same_as_one_by_one(amounts: list[D]) -> None:
    assert cents_each(amounts) == [cents(amount) for amount in amounts]


@pytest.mark.parametrize("text", ["3 degree", "0.03 turn", "0.03 byte", "3 radian"])
def test_a_rate_is_a_fraction_or_a_percentage_not_another_dimensionless_unit(text: str) -> None:
    with pytest.raises(UnitError, match="not a rate"):
        parse_rate(text)


def test_a_duration_a_hair_off_a_whole_month_is_refused() -> None:
    with pytest.raises(UnitError, match="whole number of months"):
        parse_duration_months("12.0000000000001 months")
