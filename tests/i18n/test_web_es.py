"""The pages' own words in Spanish with ?lang=es: messages beside the form's fields, the offer's
hints and choices, the price lines, the chart's text alternative, error pages and the CSV's
column names. Words worded by the core and the templates are tested where they are written.

The checks of Spanish words pass once the Spanish catalog holds these translations (the lead
merges them into messages.po)."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bankcalc import i18n
from bankcalc.web import create_app, form, offer_form
from bankcalc.web.form import read_form
from bankcalc.web.schedule_csv import HEADER, header
from builders import make_catalog
from pages.catalogs import TODAY, small_catalog


@pytest.fixture(scope="module")
def app() -> Flask:
    catalog = make_catalog(small_catalog()["plans"])
    return create_app({"CATALOG": catalog, "TODAY": TODAY, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def page(client: FlaskClient, query: str) -> tuple[int, str]:
    response = client.get(query)
    return response.status_code, response.get_data(as_text=True)


def test_a_bad_horizon_is_explained_beside_the_field_in_spanish(client: FlaskClient) -> None:
    status, html = page(client, "/?plan=alpha&horizon=abc&lang=es")
    assert status == 422
    assert "Escriba un número entero de años de 1 a 100, como 20" in html


def test_a_too_long_answer_is_explained_in_spanish(client: FlaskClient) -> None:
    status, html = page(client, "/?plan=alpha&horizon=" + "2" * 40 + "&lang=es")
    assert status == 422
    assert "Esta respuesta es demasiado larga." in html


def test_a_missing_plan_on_the_csv_download_is_said_in_spanish(client: FlaskClient) -> None:
    status, text = page(client, "/schedule.csv?horizon=20&lang=es")
    assert status == 422
    assert text == "plan: Elija un plan de la lista.\n"  # the field's name is the query's


def test_the_schedule_csv_has_spanish_column_names_and_the_same_columns(
    client: FlaskClient,
) -> None:
    status, text = page(client, "/schedule.csv?plan=alpha&horizon=3&lang=es")
    assert status == 200
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["año", "edad_del_niño", "cuotas_únicas_usd", "almacenamiento_usd"]
    assert rows[0][-3:] == ["no_incluido", "plan", "banco"]
    assert len(rows[0]) == len(HEADER)
    assert rows[1][:2] == ["1", "0"]  # the numbers are the same in both languages


def test_the_price_lines_and_chart_text_are_spanish(client: FlaskClient) -> None:
    status, html = page(client, "/?plan=alpha&option=prepaid&horizon=20&lang=es")
    assert status == 200
    assert "Almacenamiento, cada año" in html
    assert "$100.00 por niño al año" in html
    assert "Garantía de calidad" in html
    assert "cubre 10 años de almacenamiento" in html
    assert "Total pagado, año por año, con cada forma de pago." in html


def test_a_fallback_way_to_pay_is_announced_in_spanish(client: FlaskClient) -> None:
    status, html = page(client, "/?plan=beta&option=prepaid&horizon=20&lang=es")
    assert status == 200
    assert "no ofrece la forma de pago que usted había elegido" in html


def test_the_offer_form_speaks_spanish(client: FlaskClient) -> None:
    status, html = page(client, "/?plan=offer&lang=es")
    assert status == 200
    assert "Como aparece en la oferta, hasta 60 caracteres." in html
    assert "Sangre y tejido del cordón umbilical" in html
    assert "Una oferta de un banco que usted ingresa" in html


def test_an_offer_with_a_bad_fee_is_explained_in_spanish(client: FlaskClient) -> None:
    query = "/?plan=offer&o_proc=lots&o_storage=150&horizon=20&lang=es"
    status, html = page(client, query)
    assert status == 422
    assert "Escriba la cuota de procesamiento en dólares, de 0 a $25,000" in html


def test_an_entered_offer_is_priced_with_spanish_names(client: FlaskClient) -> None:
    query = "/?plan=offer&o_proc=1500&o_storage=150&o_pre_years=18&o_pre_price=3000"
    status, html = page(client, query + "&option=prepaid&horizon=20&lang=es")
    assert status == 200
    assert "Procesamiento" in html
    assert "Prepagado por 18 años" in html


def test_an_unknown_page_is_a_spanish_404(client: FlaskClient) -> None:
    status, html = page(client, "/nowhere?lang=es")
    assert status == 404
    assert "No hay ninguna página en esta dirección." in html


def test_form_text_is_worded_in_the_language_of_each_request() -> None:
    """Nothing of the form's text is built once at import: the same process words it in
    Spanish and in English, one after the other."""
    catalog = make_catalog(small_catalog()["plans"])
    with i18n.speaking("es"):
        assert form.guidance("plan") == "Elija un plan de la lista."
        assert offer_form.hints()["o_mon_n"] == "De 2 a 120."
        assert header()[0] == "año"
        state = read_form({"plan": "alpha", "children": "9"}, catalog)
        assert state.errors["children"] == "Elija de 1 a 6 bebés."
    with i18n.speaking("en"):
        assert form.guidance("plan") == "Choose a plan from the list."
        assert header() == HEADER
