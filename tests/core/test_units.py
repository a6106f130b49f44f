"""Durations and rates: every accepted spelling means the same exact value; the rest is refused."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bankcalc.core.scenario import Scenario
from bankcalc.money import cents, cents_each, format_usd, format_usd_estimate
from bankcalc.units import (
    DURATION_PATTERN,
    DURATION_WORDS,
    MAX_INPUT_CHARS,
    RATE_PATTERN,
    RATE_WORDS,
    UnitError,
    parse_duration_months,
    parse_rate,
)


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
        ("20 USD", "expected a duration"),
        ("20 meters", "expected a duration"),
        ("3 %", "expected a duration"),
        ("10 days", "expected a duration"),
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
    with pytest.raises(UnitError, match="expected a rate"):
        parse_rate(text)


def test_a_duration_a_hair_off_a_whole_month_is_refused() -> None:
    with pytest.raises(UnitError, match="whole number of months"):
        parse_duration_months("1.0001 years")
    with pytest.raises(UnitError, match="expected a duration"):  # over 4 decimals
        parse_duration_months("12.0000000000001 months")


# ---- one rule for text: a length cap and the documented pattern, before any parsing ----------


@pytest.mark.parametrize(
    "text",
    [
        "100." + "0" * 65_000,  # once accepted as 100 years
        "20" + " " * 40,  # spaces count: the cap is on the text as given
        "\u0662\u0660",  # Arabic-Indic digits 2 and 0
        "\uff12\uff10 years",  # full-width digits
        "1e1 years",
        "-5 years",
        "20.12345 years",  # more than 4 decimals
        "12345 months",  # more than 4 digits
        "20 Years",
        "20 years 6 months",
    ],
)
def test_a_duration_outside_the_documented_pattern_or_cap_is_refused(text: str) -> None:
    with pytest.raises(UnitError) as caught:
        parse_duration_months(text)
    assert len(str(caught.value)) < 120  # quotes at most a short prefix of the value


@pytest.mark.parametrize(
    "text", ["\u0663 %", "3" + " " * 40 + "%", "1e999", "1e-2", "-3 %", "1000 %"]
)
def test_a_rate_outside_the_documented_pattern_or_cap_is_refused(text: str) -> None:
    with pytest.raises(UnitError) as caught:
        parse_rate(text)
    assert len(str(caught.value)) < 120


@pytest.mark.parametrize(
    ("text", "months"), [("9999.9999 years", None), ("  20  ", 240), ("20years", 240)]
)
def test_the_longest_and_the_spaced_forms_of_the_pattern_parse(
    text: str, months: int | None
) -> None:
    if months is None:
        with pytest.raises(UnitError, match="whole number of months"):  # parsed, then refused
            parse_duration_months(text)
    else:
        assert parse_duration_months(text) == months


def test_the_published_patterns_are_the_enforced_ones() -> None:
    for name, pattern in (("duration", DURATION_PATTERN), ("rate", RATE_PATTERN)):
        for word in DURATION_WORDS if name == "duration" else RATE_WORDS:
            assert re.fullmatch(pattern, f"12 {word}"), word
    schema = Scenario.model_json_schema()["properties"]
    strings = {
        field: next(b for b in schema[field]["oneOf"] if b["type"] == "string")
        for field in ("horizon", "escalation")
    }
    assert strings["horizon"] == {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "maxLength": MAX_INPUT_CHARS,
    }
    assert strings["escalation"]["pattern"] == RATE_PATTERN


def test_a_new_unit_word_is_one_entry_in_one_list(monkeypatch: pytest.MonkeyPatch) -> None:
    # the Spanish layer's case: adding "años" to the list is all it takes, pattern included
    import bankcalc.units as units

    words = units.DURATION_WORDS | {"años": "year", "meses": "month"}
    pattern = units._text_pattern(4, words)
    monkeypatch.setattr(units, "DURATION_WORDS", words)
    monkeypatch.setattr(units, "_DURATION_TEXT", re.compile(pattern))
    units._duration_text_months.cache_clear()
    assert parse_duration_months("20 años") == parse_duration_months("240 meses") == 240
    units._duration_text_months.cache_clear()
