"""A Spanish speaker's durations and rates: "20 años", "240 meses", "3 por ciento" mean what
"20 years", "240 months" and "3 %" mean, through the same strict rule (a length cap, then the
documented pattern, and only then pint), on the form, the API and the command line alike.

The parsing tests hold in any language; the tests of Spanish messages pass once the Spanish
catalog holds the translations.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bankcalc import i18n
from bankcalc.core.scenario import Assumptions
from bankcalc.units import (
    DURATION_PATTERN,
    MAX_INPUT_CHARS,
    RATE_PATTERN,
    UnitError,
    months_text,
    parse_duration_months,
    parse_rate,
)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("20 años", 240),  # 20 x 12
        ("1 año", 12),
        ("240 meses", 240),
        ("18 meses", 18),
        ("1 mes", 1),
        ("1.5 años", 18),  # 1.5 x 12
        ("20años", 240),  # no space, as "20years" is accepted
        ("20 anos", 240),  # "años" typed on a keyboard without ñ
    ],
)
def test_spanish_durations_become_whole_months(text: str, months: int) -> None:
    assert parse_duration_months(text) == months


def test_240_meses_is_20_anos_is_20_years() -> None:
    assert (
        parse_duration_months("240 meses")
        == parse_duration_months("20 años")
        == parse_duration_months("20 years")
        == parse_duration_months("240 months")
        == 240
    )


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=100))
def test_n_anos_and_12n_meses_agree_with_english(years: int) -> None:
    in_spanish = parse_duration_months(f"{years} años")
    assert in_spanish == parse_duration_months(f"{12 * years} meses")
    assert in_spanish == parse_duration_months(f"{years} years") == 12 * years


@settings(max_examples=200)
@given(st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False))
def test_por_ciento_means_percent(percent: D) -> None:
    assert parse_rate(f"{percent} por ciento") == parse_rate(f"{percent} %") == percent / 100


@pytest.mark.parametrize("text", ["3 %", "3%", "3 por ciento", "3 porciento", "0.03"])
def test_three_percent_in_every_spelling(text: str) -> None:
    assert parse_rate(text) == D("0.03")


def test_anos_typed_with_a_combining_tilde_is_the_same_word() -> None:
    decomposed = unicodedata.normalize("NFD", "20 años")
    assert decomposed != "20 años"  # n + U+0303, as some keyboards send it
    assert parse_duration_months(decomposed) == 240


@pytest.mark.parametrize(
    "text",
    [
        "veinte años",  # words for numbers are not numbers
        "20 años**10",  # pint never sees arithmetic
        "20 Años",  # the words are lower case, as "20 Years" is refused
        "20 años 6 meses",  # one number, one word
        "20" + " " * 40 + "años",  # the length cap counts spaces
        "20 días",
        "3 por ciento",  # a rate is not a duration
    ],
)
def test_spanish_text_outside_the_pattern_or_the_cap_is_refused(text: str) -> None:
    with pytest.raises(UnitError):
        parse_duration_months(text)


def test_a_duration_word_is_not_a_rate() -> None:
    with pytest.raises(UnitError):
        parse_rate("3 años")


def test_the_published_patterns_take_the_spanish_words_and_stay_portable() -> None:
    assert re.fullmatch(DURATION_PATTERN, "20 años")
    assert re.fullmatch(DURATION_PATTERN, "240 meses")
    assert re.fullmatch(RATE_PATTERN, "3 por ciento")
    # JSON Schema's regex dialect (ECMA-262, unicode) refuses an escaped space
    assert "\\ " not in RATE_PATTERN
    assert "\\ " not in DURATION_PATTERN
    assert MAX_INPUT_CHARS == 32


def test_the_models_take_spanish_input_as_the_form_and_the_api_send_it() -> None:
    spanish = Assumptions.model_validate(
        {"horizon": "20 años", "escalation": "3 por ciento", "discount": "2 %"}
    )
    english = Assumptions.model_validate(
        {"horizon": "20 years", "escalation": "3 percent", "discount": "0.02"}
    )
    assert spanish == english
    assert spanish.horizon == 240


# ---- Spanish words out: pass once the translations are in the catalog ----------------------


def test_a_wrong_unit_is_refused_in_spanish() -> None:
    with i18n.speaking("es"), pytest.raises(UnitError) as caught:
        parse_duration_months("20 USD")
    message = str(caught.value)
    assert message.startswith("se esperaba una duración")
    assert "'20 años'" in message
    assert "'20 USD'" in message  # the value as given, quoted back


def test_a_wrong_rate_is_refused_in_spanish() -> None:
    with i18n.speaking("es"), pytest.raises(UnitError, match="se esperaba una tasa"):
        parse_rate("3 años")


def test_a_horizon_out_of_range_is_explained_in_spanish_years() -> None:
    with i18n.speaking("es"), pytest.raises(ValidationError) as caught:
        Assumptions.model_validate({"horizon": "200 años"})
    message = caught.value.errors()[0]["msg"]
    assert message == "debe estar entre 1 mes y 100 años; se recibió 200 años"


def test_a_rate_out_of_range_is_explained_in_spanish() -> None:
    with i18n.speaking("es"), pytest.raises(ValidationError) as caught:
        Assumptions.model_validate({"escalation": "25 por ciento"})
    assert caught.value.errors()[0]["msg"] == "debe estar entre 0 % y 20 %; se recibió 25 %"


@pytest.mark.parametrize(
    ("months", "short", "spanish"),
    [
        (240, False, "20 años"),
        (12, False, "1 año"),
        (18, False, "1 año y 6 meses"),
        (246, False, "20 años y 6 meses"),
        (1, False, "1 mes"),
        (0, False, "0 meses"),
        (216, True, "18 años"),
    ],
)
def test_durations_are_written_in_spanish(months: int, short: bool, spanish: str) -> None:
    with i18n.speaking("es"):
        assert months_text(months, short=short) == spanish
