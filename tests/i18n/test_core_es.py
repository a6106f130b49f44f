"""The core's sentences in Spanish: durations, timeline dates, odds, reasons, tax caveats,
"what if" figures, contract questions and quote errors, each worded when it is built in the
language of the request or command (bankcalc.i18n), never cached in another one.

These tests check real Spanish: they pass once the Spanish catalog holds the translations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction
from typing import Any

import pytest

from bankcalc import i18n
from bankcalc.catalog.claims import AgeTable
from bankcalc.catalog.contract import Topic
from bankcalc.catalog.kinds import Stored
from bankcalc.catalog.loading import load_catalog
from bankcalc.catalog.models import Catalog
from bankcalc.catalog.offer import offer_name
from bankcalc.contract_wording import QUESTION, TITLE, question_text, what_if_text
from bankcalc.core.costs import Loan
from bankcalc.core.odds import format_probability, horizon_probability, sibling_match
from bankcalc.core.quote import QuoteError, build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.tax import tax_estimate
from bankcalc.core.timeline import DueDateError, When, enrollment_timeline
from bankcalc.money import format_usd_estimate
from bankcalc.resources import default_plans_path
from bankcalc.units import months_text
from bankcalc.wording import STORED_TEXT, join_words, loan_text, when_text
from builders import catalog_data, plan_data

TODAY = dt.date(2026, 11, 26)
TABLE = AgeTable.model_validate(
    {
        "points": {0: 0, 20: "0.0006", 70: "0.0046"},
        "rising_from_age": 20,
        "source": {"citation": "A test source, journal 2000", "year": 2000},
    }
)


def spanish(function: Any, *args: Any, **kwargs: Any) -> Any:
    with i18n.speaking("es"):
        return function(*args, **kwargs)


def catalog(**plan: Any) -> Catalog:
    return Catalog.model_validate(catalog_data([plan_data("p", **plan)]))


def test_a_duration_reads_20_anos() -> None:
    assert spanish(months_text, 240) == "20 años"


def test_a_timeline_step_gives_its_date_in_spanish() -> None:
    # due 2027-07-25: the second trimester ends 85 days before (280 - 195), on May 1, 2027
    timeline = spanish(enrollment_timeline, dt.date(2027, 7, 25), dt.date(2027, 1, 1))
    decide = next(step for step in timeline.steps if step.key == "decide")
    assert "(a más tardar el 1 de mayo de 2027)" in decide.detail
    assert decide.title == "Elija un banco e inscríbase"
    assert spanish(when_text, When.ON, "sábado, 1 de mayo de 2027") == (
        "el sábado, 1 de mayo de 2027"
    )


def test_the_stage_of_pregnancy_is_counted_in_spanish() -> None:
    # 2027-05-01 due, today 2027-03-01: 280 - 61 = 219 days = 31 weeks 2 days
    timeline = enrollment_timeline(dt.date(2027, 5, 1), dt.date(2027, 3, 1))
    assert spanish(lambda: timeline.gestational_age) == "31 semanas y 2 días"


def test_a_known_need_is_advised_in_spanish() -> None:
    timeline = spanish(enrollment_timeline, dt.date(2027, 5, 1), dt.date(2027, 3, 1), "sibling")
    assert timeline.advice.startswith("Como la sangre del cordón es para un familiar")


def test_a_past_due_date_is_refused_in_spanish() -> None:
    with i18n.speaking("es"), pytest.raises(DueDateError) as caught:
        enrollment_timeline(dt.date(2027, 1, 1), dt.date(2027, 3, 1))
    assert str(caught.value).startswith("La fecha probable de parto 2027-01-01 es anterior a hoy")


def test_an_odds_sentence_for_this_horizon_in_spanish() -> None:
    assert spanish(horizon_probability, TABLE, 240).summary == (
        "hasta los 20 años: aproximadamente 1 de cada 1,700 (0.06%)"
    )
    # between table ages where incidence rises: an upper bound (0.0026 by age 45)
    assert spanish(horizon_probability, TABLE, 540).summary == (
        "hasta los 45 años: como máximo, aproximadamente 1 de cada 385 (0.26%)"
    )


def test_cached_odds_answer_in_the_language_asked_each_time() -> None:
    english = format_probability(Fraction(1, 217)).one_in
    assert spanish(format_probability, Fraction(1, 217)).one_in == "1 de cada 217"
    assert format_probability(Fraction(1, 217)).one_in == english  # not the Spanish, cached
    assert spanish(sibling_match, 1).summary == (
        "con 1 hermano de padre y madre: una probabilidad del 25% de que sean compatibles"
    )
    assert "hermano" not in sibling_match(1).summary


def test_a_population_figure_is_written_in_spanish_millions() -> None:
    assert spanish(format_usd_estimate, D("5000000.00")) == "$5 millones"
    assert spanish(format_usd_estimate, D("1000000.00")) == "$1 millón"
    assert spanish(format_usd_estimate, D("3799999999.99")) == "$3.8 mil millones"


def test_an_illustrative_price_is_a_reason_in_spanish() -> None:
    illustrative = {"read_on": "2026-11-25", "source": "a site", "basis": "illustrative"}
    plan = plan_data("p") | {"name": "An illustrative plan", "prices": illustrative}
    cat = Catalog.model_validate(catalog_data([plan]))
    quote = spanish(build_quote, cat, Scenario.model_validate({"plan": "p"}), TODAY)
    details = [reason.detail for reason in quote.options[0].evidence.not_ranked_because]
    assert "la cuota de procesamiento es ilustrativa" in details
    assert "la cuota anual de almacenamiento es ilustrativa" in details


def test_the_fsa_caveats_are_in_spanish() -> None:
    estimate = spanish(tax_estimate, [], known_need=False, rate=None, dependent_until=19)
    assert estimate.caveats[0].startswith("Por lo general no califica.")
    qualified = spanish(tax_estimate, [], known_need=True, rate=None, dependent_until=19)
    assert qualified.caveats[2].endswith("antes de los 19 años.")


def test_a_what_if_sentence_in_spanish() -> None:
    source = {"read_on": "2026-11-25", "source": "the bank's contract", "basis": "quoted"}
    release = {"says": "A release fee.", "fee": "350.00", "source": source}
    cat = Catalog.model_validate(
        catalog_data(
            [
                plan_data("p", processing="1500.00", annual="175.00")
                | {"contract_terms": {"release": release}}
            ]
        )
    )
    quote = build_quote(cat, Scenario.model_validate({"plan": "p", "horizon": 10}), TODAY)
    (what_if,) = quote.what_ifs
    assert spanish(what_if_text, what_if, 1) == (
        "Si alguna vez se entrega la unidad para un trasplante, el banco cobra $350.00 más:"
        " $3,600.00 en total, con los $3,250.00 de arriba."
    )


def test_contract_questions_in_spanish_keep_the_guides_own_words() -> None:
    assert spanish(lambda: TITLE[Topic.ENROLLMENT]) == "Cuota de inscripción"
    # bankcalc's own question: translated
    assert spanish(lambda: QUESTION[Topic.DISCOUNTS].text).startswith("¿Hay descuentos")
    # the Parent's Guide's words stay as published, bankcalc's translation beside them
    said = spanish(question_text, Topic.STORAGE_INCREASE)
    assert said.startswith("“Is the storage fee guaranteed fixed?” (Parent's Guide")
    assert "Traducción de bankcalc: ¿Está garantizado" in said
    assert spanish(lambda: QUESTION[Topic.STORAGE_INCREASE].text) == (
        "Is the storage fee guaranteed fixed?"
    )


def test_a_quote_error_is_in_spanish() -> None:
    with i18n.speaking("es"), pytest.raises(QuoteError) as caught:
        build_quote(catalog(), Scenario.model_validate({"plan": "nope"}), TODAY)
    assert caught.value.message == "no hay ningún plan con el id 'nope' en el catálogo"


def test_what_a_plan_stores_and_its_loan_in_spanish() -> None:
    names = spanish(lambda: [STORED_TEXT[Stored.CORD_BLOOD], STORED_TEXT[Stored.CORD_TISSUE]])
    assert spanish(join_words, names) == (
        "sangre del cordón umbilical y tejido del cordón umbilical"
    )
    loan = Loan(
        principal=D("1608.00"),
        months=24,
        apr=D("0"),
        regular=D("67.00"),
        lowest=D("67.00"),
        highest=D("67.00"),
        last=D("67.00"),
        interest=D("0.00"),
    )
    assert spanish(loan_text, loan, 2) == (
        "24 pagos mensuales de $67.00 con una APR de 0 %: $0.00 de intereses en total,"
        " por los 2 bebés juntos (un préstamo por parto)"
    )


def test_the_quoted_odds_keep_their_number_and_take_the_page_s_words() -> None:
    shipped = load_catalog(default_plans_path())
    scenario = Scenario.model_validate({"plan": "cbr-cord-blood", "horizon": "20 years"})
    quote = spanish(build_quote, shipped, scenario, TODAY)
    by_70 = next(odds for odds in quote.odds.claims if odds.id == "transplant-by-70")
    # the catalog quotes "1 in 217" by age 70; at 20 years the page says where that figure is
    assert "La cifra citada, 1 de cada 217," in by_70.beside
    assert "1 in" not in by_70.beside
    english = build_quote(shipped, scenario, TODAY)
    assert "The quoted 1 in 217 is by age 70" in next(
        odds.beside for odds in english.odds.claims if odds.id == "transplant-by-70"
    )


def test_an_entered_offer_is_named_in_spanish_as_usted_everywhere() -> None:
    assert spanish(lambda: str(offer_name("Acme"))) == "Acme: la oferta que usted ingresó"
    assert spanish(lambda: str(offer_name(""))) == "La oferta que usted ingresó"
    assert str(offer_name("Acme")) == "Acme: the offer you entered"
