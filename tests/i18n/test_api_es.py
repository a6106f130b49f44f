"""The API in Spanish: `Accept-Language: es` words every problem's title, detail and per-field
messages in Spanish, while field paths, problem types, JSON keys and enum values stay as they
are; without the header the API answers in English. The OpenAPI document says so.

The checks of Spanish words pass once the Spanish catalog holds these translations (the lead
merges them into messages.po)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pydantic_core import PydanticKnownError

from bankcalc import i18n
from bankcalc.web import create_app
from bankcalc.web.problems import PYDANTIC_MESSAGES, TRANSLATED_TYPES, reason
from builders import installments, make_catalog, plan_data, prepaid

SPANISH = {"Accept-Language": "es"}
TODAY = "2027-01-01"


@pytest.fixture(scope="module")
def app() -> Flask:
    catalog = make_catalog([plan_data("alpha", options=[prepaid("10 years", "800.00")])])
    return create_app({"CATALOG": catalog, "TODAY": TODAY, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def problem(response: Any) -> dict[str, Any]:
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = response.get_json(force=True)
    return body


def messages(body: dict[str, Any]) -> dict[str, str]:
    return {error["field"]: error["message"] for error in body["errors"]}


# ---- Spanish with Accept-Language: es --------------------------------------------------------


def test_an_unknown_field_and_a_missing_plan_are_a_spanish_problem_with_the_same_paths(
    client: FlaskClient,
) -> None:
    response = client.post("/api/v1/quotes", json={"colour": "blue"}, headers=SPANISH)
    assert response.status_code == 422
    assert response.headers["Content-Language"] == "es"
    body = problem(response)
    assert body["type"] == "https://bankcalc.invalid/problems/invalid-input"  # machine value
    assert body["title"] == "Datos no válidos"
    assert body["detail"] == "2 campos no son válidos"
    assert messages(body) == {"plan": "obligatorio", "colour": "campo desconocido"}


def test_a_bad_horizon_is_a_spanish_422_naming_the_same_field(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/quotes", json={"plan": "alpha", "horizon": "500 years"}, headers=SPANISH
    )
    assert response.status_code == 422
    body = problem(response)
    assert body["title"] == "Datos no válidos"
    assert [error["field"] for error in body["errors"]] == ["horizon"]
    assert body["detail"].startswith("horizon: ")
    # the bound is worded by the core's units (bankcalc.fields), translated there
    assert "100 años" in messages(body)["horizon"]


def test_a_count_too_high_is_worded_with_its_bound_in_spanish(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes", json={"plan": "alpha", "children": 9}, headers=SPANISH)
    body = problem(response)
    assert messages(body) == {"children": "debe ser como máximo 6"}
    assert body["detail"] == "children: debe ser como máximo 6"


def test_pydantic_messages_in_an_entered_plan_are_spanish_with_unchanged_paths(
    client: FlaskClient,
) -> None:
    offer = plan_data("mine", options=[installments(24, "0 %")])
    offer["payment_options"][0]["months"] = "twenty"
    offer["first_year_included"] = "perhaps"
    offer["stores"] = ["cord_blood", "gold"]
    response = client.post("/api/v1/quotes", json={"plan": offer}, headers=SPANISH)
    found = messages(problem(response))
    assert found["plan.payment_options.0.months"] == (
        "Debe ser un número entero; no se pudo leer el texto como número entero"
    )
    assert found["plan.first_year_included"].startswith("Debe ser verdadero o falso")
    # the allowed values stay as they are, joined with a Spanish "o"
    assert found["plan.stores.1"].startswith("Debe ser 'cord_blood', ")
    assert found["plan.stores.1"].endswith(" o 'amnion'")


def test_an_unknown_plan_is_a_spanish_404(client: FlaskClient) -> None:
    body = problem(client.get("/api/v1/plans/nope", headers=SPANISH))
    assert body["status"] == 404
    assert body["title"] == "No encontrado"
    assert body["detail"] == "no hay ningún plan con el id 'nope'"


def test_a_body_that_is_not_json_is_a_spanish_problem(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/quotes", data="plan=alpha", content_type="text/plain", headers=SPANISH
    )
    body = problem(response)
    assert response.status_code == 415
    assert body["title"] == "Tipo de contenido no admitido"
    assert body["detail"] == "envíe el cuerpo como application/json, no como text/plain"
    response = client.post(
        "/api/v1/quotes", data="[1,", content_type="application/json", headers=SPANISH
    )
    body = problem(response)
    assert response.status_code == 400
    assert body["title"] == "JSON mal formado"
    assert body["detail"].startswith("el cuerpo no es JSON válido: ")
    body = problem(client.post("/api/v1/quotes", json=[1], headers=SPANISH))
    assert body["detail"] == "el cuerpo debe ser un objeto JSON, no list"
    assert messages(body) == {"(body)": "se esperaba un objeto JSON"}


def test_a_batch_over_budget_says_so_in_spanish(client: FlaskClient) -> None:
    batch = {"scenarios": [{"plan": "alpha", "horizon": 100}] * 21}
    response = client.post("/api/v1/batches", json=batch, headers=SPANISH)
    body = problem(response)
    assert body["title"] == "Lote por encima del límite"
    assert body["detail"].startswith("este lote pide 2,100 años-escenario")
    assert (body["budget"], body["requested"]) == (2000, 2100)  # machine values unchanged


def test_a_batch_item_problem_is_spanish(client: FlaskClient) -> None:
    batch = {"scenarios": [{"plan": "alpha"}, {"plan": "nope"}, {"plan": "alpha", "x": 1}]}
    results = client.post("/api/v1/batches", json=batch, headers=SPANISH).get_json()["results"]
    assert results[1]["problem"]["title"] == "No encontrado"
    assert results[2]["problem"]["title"] == "Datos no válidos"
    assert results[2]["problem"]["errors"] == [
        {"field": "scenarios.2.x", "message": "campo desconocido"}
    ]


def test_an_unknown_api_path_is_a_spanish_404(client: FlaskClient) -> None:
    body = problem(client.get("/api/v1/nothing-here", headers=SPANISH))
    assert body["title"] == "No encontrado"
    assert body["detail"] == "no existe este recurso: /api/v1/nothing-here"


def test_the_guarantee_note_of_a_quote_is_spanish(client: FlaskClient) -> None:
    offer = plan_data("mine")
    offer["guarantee"] = "50000.00"
    quote = client.post("/api/v1/quotes", json={"plan": offer}, headers=SPANISH).get_json()
    assert quote["guarantee"]["note"].startswith("Se paga solo si la unidad almacenada")


def test_the_schedule_as_csv_has_spanish_column_names(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes?format=csv", json={"plan": "alpha"}, headers=SPANISH)
    header = response.get_data(as_text=True).splitlines()[0]
    assert header.startswith("año,edad_del_niño,cuotas_únicas_usd,almacenamiento_usd,")


# ---- English without the header ------------------------------------------------------------


def test_without_accept_language_the_api_answers_in_english(client: FlaskClient) -> None:
    response = client.post("/api/v1/quotes", json={"colour": "blue"})
    assert response.headers["Content-Language"] == "en"
    body = problem(response)
    assert (body["title"], body["detail"]) == ("Invalid input", "2 fields are invalid")
    assert messages(body) == {"plan": "required", "colour": "unknown field"}


def test_the_api_reads_accept_language_and_never_the_pages_lang_parameter(
    client: FlaskClient,
) -> None:
    body = problem(client.post("/api/v1/quotes?lang=es", json={"colour": "blue"}))
    assert body["title"] == "Invalid input"


# ---- the OpenAPI document --------------------------------------------------------------------


def test_every_api_operation_documents_the_accept_language_header(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    parameter = spec["components"]["parameters"]["AcceptLanguage"]
    assert (parameter["name"], parameter["in"], parameter["required"]) == (
        "Accept-Language",
        "header",
        False,
    )
    assert "Spanish" in parameter["description"]
    ref = {"$ref": "#/components/parameters/AcceptLanguage"}
    operations = [
        (path, method, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if path.startswith("/api/v1/")
    ]
    assert len(operations) >= 8
    for path, method, operation in operations:
        assert operation["parameters"].count(ref) == 1, (path, method)
    # served twice, still documented once per operation (the document is kept)
    again = client.get("/api/v1/openapi.json").get_json()
    assert again["paths"]["/api/v1/quotes"]["post"]["parameters"].count(ref) == 1


# ---- pydantic's messages -------------------------------------------------------------------

CONTEXTS: dict[str, dict[str, Any]] = {
    "date_parsing": {"error": "input is too short"},
    "date_from_datetime_parsing": {"error": "input is too short"},
    "enum": {"expected": "'a', 'b' or 'c'"},
    "literal_error": {"expected": "'full' or 'totals'"},
    "model_type": {"class_name": "Scenario"},
    "union_tag_invalid": {"discriminator": "'kind'", "tag": "x", "expected_tags": "'a', 'b'"},
    "union_tag_not_found": {"discriminator": "'kind'"},
    "url_parsing": {"error": "input is empty"},
    "url_scheme": {"expected_schemes": "'http' or 'https'"},
}


@pytest.mark.parametrize("kind", sorted(PYDANTIC_MESSAGES))
def test_each_translated_pydantic_message_is_pydantics_own_english(kind: str) -> None:
    """The msgid translators see is pydantic's template word for word, so the Spanish says
    what the English a client would otherwise read says."""
    context = CONTEXTS.get(kind)
    known = PydanticKnownError(kind, context)  # type: ignore[arg-type]
    assert known.message_template == PYDANTIC_MESSAGES[kind]
    assert PYDANTIC_MESSAGES[kind].format(**(context or {})) == known.message()


@pytest.mark.parametrize(
    ("kind", "context"),
    [
        ("string_too_long", {"max_length": 1}),
        ("string_too_long", {"max_length": 120}),
        ("string_too_short", {"min_length": 3}),
        ("url_too_long", {"max_length": 2083}),
        ("decimal_max_digits", {"max_digits": 12}),
        ("decimal_max_places", {"decimal_places": 2}),
        ("decimal_whole_digits", {"whole_digits": 1}),
    ],
)
def test_english_keeps_pydantics_message_for_counted_bounds(
    kind: str, context: dict[str, Any]
) -> None:
    known = PydanticKnownError(kind, context)  # type: ignore[arg-type]
    with i18n.speaking("en"):
        assert reason({"type": kind, "msg": known.message(), "ctx": context}) == known.message()


def test_most_error_types_our_models_raise_are_translated() -> None:
    assert len(TRANSLATED_TYPES) >= 40


def test_counted_bounds_are_spanish_with_a_plural() -> None:
    with i18n.speaking("es"):
        one = reason({"type": "string_too_long", "msg": "", "ctx": {"max_length": 1}})
        many = reason({"type": "string_too_long", "msg": "", "ctx": {"max_length": 120}})
    assert one == "El texto debe tener como máximo 1 carácter"
    assert many == "El texto debe tener como máximo 120 caracteres"


def test_an_unmapped_pydantic_type_keeps_pydantics_english_in_spanish() -> None:
    with i18n.speaking("es"):
        text = reason({"type": "uuid_parsing", "msg": "Input should be a valid UUID"})
    assert text == "Input should be a valid UUID"


def test_shipped_claims_in_spanish_keep_the_published_words_and_translate_beside_them() -> None:
    client = create_app().test_client()  # the shipped catalog: every text in both languages
    spanish = client.get("/api/v1/claims", headers={"Accept-Language": "es"})
    english = client.get("/api/v1/claims")
    assert spanish.headers["Content-Language"] == "es"
    pairs = zip(spanish.get_json()["claims"], english.get_json()["claims"], strict=True)
    for es, en in pairs:
        assert es["id"] == en["id"]  # machine values unchanged
        assert es["kind"] == en["kind"]
        assert es["paraphrase"] != en["paraphrase"]  # bankcalc's own words: translated
        if en["quote"] is not None:
            assert es["quote"]["text"] == en["quote"]["text"]  # the source's words, verbatim
            assert en["quote"]["translation"] is None
            assert es["quote"]["translation"] == es["statement"] != en["statement"]
    observed = next(c for c in spanish.get_json()["claims"] if c["id"] == "observed-release-rate")
    assert observed["probability"]["one_in"] == "1 de cada 4,300"
    assert "unidades" in observed["measures"]["population"]
