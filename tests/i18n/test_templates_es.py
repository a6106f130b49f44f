"""The pages in Spanish: `<html lang>`, the language switch in every header, the language kept
by every link and by the calculator's GET form, and verbatim English (quotes, citations, source
titles, URLs) marked lang="en" for screen readers.

The structure tests hold with or without the Spanish catalog. The tests named
`test_spanish_words_...` read words from the catalog, so they pass once translations are in.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, render_template_string
from flask.testing import FlaskClient

from bankcalc import i18n
from bankcalc.web import create_app
from pages import conftest as pages
from pages.html_tree import Element, parse

# The page tests' fixtures: an app on their small catalog, written as they write it.
write_catalog, app, client = pages.write_catalog, pages.app, pages.client

RESULT = "/?plan=alpha&option=prepaid&horizon=12&tax_rate=24&discount=3&due_date=2027-05-01"
COMPARE = "/compare?horizon=12&children=2"
SPANISH_PAGES = [
    ("/?lang=es", 200),
    (RESULT + "&lang=es", 200),
    (COMPARE + "&lang=es", 200),
    ("/?horizon=abc&plan=nope&lang=es", 422),
    ("/compare?horizon=abc&lang=es", 422),
    ("/?plan=offer&o_bank=Acme&o_proc=1500&o_storage=175&lang=es", 200),
    ("/terms?lang=es", 200),
    ("/no-such-page?lang=es", 404),
]


def get(client: FlaskClient, url: str, status: int = 200, **headers: str) -> Element:
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.text[:500]
    return parse(response.data)


def query(href: str | None) -> dict[str, list[str]]:
    assert href is not None
    return parse_qs(urlsplit(href).query)


def switch(doc: Element) -> dict[str, Element]:
    """The language switch's links, by language code."""
    nav = doc.find("nav", class_="language")
    assert nav.get("aria-label")
    return {str(link.get("lang")): link for link in nav.find_all("a")}


def internal_links(doc: Element) -> list[str]:
    """Every link to another bankcalc page, outside the language switch."""
    nav = doc.find("nav", class_="language")
    in_switch = {id(a) for a in nav.find_all("a")}
    hrefs = []
    for a in doc.find_all("a"):
        href = a.get("href") or ""
        if id(a) not in in_switch and href.startswith("/") and not href.startswith("/static/"):
            hrefs.append(href)
    return hrefs


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """A request sets the language of the context it runs in (the test's own, under the test
    client): speak English again after each test, as the rest of the suite expects."""
    yield
    i18n.use(i18n.DEFAULT)


# ---- the switch and <html lang> --------------------------------------------------------------


@pytest.mark.parametrize(("url", "status"), SPANISH_PAGES)
def test_every_spanish_page_says_so_and_offers_english_in_english(
    client: FlaskClient, url: str, status: int
) -> None:
    doc = get(client, url, status)
    assert doc.find("html").get("lang") == "es"
    links = switch(doc)
    assert set(links) == {"en", "es"}
    for code, link in links.items():
        assert link.get("hreflang") == code
        assert query(link.get("href"))["lang"] == [code]
    assert links["en"].text() == "English"
    assert links["es"].text() == "Español"
    assert links["es"].get("aria-current") == "true"
    assert "aria-current" not in links["en"].attrs


def test_an_english_page_marks_english_as_the_current_language(client: FlaskClient) -> None:
    doc = get(client, "/")
    assert doc.find("html").get("lang") == "en"
    links = switch(doc)
    assert links["en"].get("aria-current") == "true"
    assert "aria-current" not in links["es"].attrs


def test_the_switch_keeps_every_input_of_the_page(client: FlaskClient) -> None:
    doc = get(client, RESULT + "&lang=es")
    english = query(switch(doc)["en"].get("href"))
    assert english == {
        "plan": ["alpha"],
        "option": ["prepaid"],
        "horizon": ["12"],
        "tax_rate": ["24"],
        "discount": ["3"],
        "due_date": ["2027-05-01"],
        "lang": ["en"],
    }
    compare = query(switch(get(client, COMPARE + "&lang=en"))["es"].get("href"))
    assert compare == {"horizon": ["12"], "children": ["2"], "lang": ["es"]}


def test_the_switch_copies_no_overlong_answer_into_the_page(client: FlaskClient) -> None:
    huge = "100." + "0" * 5_000  # refused by the form, which shows back only its start
    response = client.get("/", query_string={"plan": "alpha", "horizon": huge, "lang": "es"})
    assert response.status_code == 422
    assert "0" * 100 not in response.get_data(as_text=True)
    links = switch(parse(response.data))
    assert query(links["en"].get("href"))["lang"] == ["en"]
    assert query(links["en"].get("href"))["plan"] == ["alpha"]


def test_the_spanish_page_answers_in_spanish_headers(client: FlaskClient) -> None:
    response = client.get(RESULT + "&lang=es")
    assert response.headers["Content-Language"] == "es"


# ---- the language kept by the form and by every link ----------------------------------------


@pytest.mark.parametrize("url", ["/?lang=es", RESULT + "&lang=es", "/?horizon=abc&lang=es"])
def test_the_calculator_form_carries_the_chosen_language(client: FlaskClient, url: str) -> None:
    status = 422 if "abc" in url else 200
    form = get(client, url, status).find("form", class_="calc")
    assert form.get("method") == "get"
    hidden = form.find_all("input", name="lang")
    assert [(i.get("type"), i.get("value")) for i in hidden] == [("hidden", "es")]


def test_a_form_on_an_english_page_chosen_in_the_switch_keeps_english(
    client: FlaskClient,
) -> None:
    form = get(client, "/?lang=en").find("form", class_="calc")
    assert [i.get("value") for i in form.find_all("input", name="lang")] == ["en"]


@pytest.mark.parametrize(("url", "status"), SPANISH_PAGES)
def test_every_link_to_another_page_keeps_the_chosen_language(
    client: FlaskClient, url: str, status: int
) -> None:
    doc = get(client, url, status)
    hrefs = internal_links(doc)
    assert hrefs
    lost = [href for href in hrefs if query(href).get("lang") != ["es"]]
    assert not lost, lost


def test_the_brand_the_calculator_and_compare_links_keep_spanish(client: FlaskClient) -> None:
    for url in ("/?lang=es", RESULT + "&lang=es", COMPARE + "&lang=es"):
        doc = get(client, url)
        header = doc.find("header")
        assert query(header.find("a", class_="brand").get("href")) == {"lang": ["es"]}
        main_nav = header.find("ul", class_="nav-list").find_all("a")
        assert [urlsplit(a.get("href") or "").path for a in main_nav] == ["/", "/compare"]
        for link in main_nav:
            assert query(link.get("href"))["lang"] == ["es"]


def test_a_result_and_compare_page_keep_the_inputs_and_spanish_in_their_links(
    client: FlaskClient,
) -> None:
    result = get(client, RESULT + "&lang=es")
    ways = result.find("table", class_="data ways").find_all("a")
    assert ways
    for link in ways:
        kept = query(link.get("href"))
        assert kept["lang"] == ["es"]
        assert kept["plan"] == ["alpha"]
        assert kept["horizon"] == ["12"]
    actions = result.find("ul", class_="actions").find_all("a")
    assert {urlsplit(a.get("href") or "").path for a in actions} == {"/schedule.csv", "/compare"}
    for link in actions:
        assert query(link.get("href"))["lang"] == ["es"]

    compare = get(client, COMPARE + "&lang=es")
    plans = compare.by_id("ranked").find_all("a")
    assert plans
    for link in plans:
        kept = query(link.get("href"))
        assert kept["lang"] == ["es"]
        assert kept["horizon"] == ["12"]
        assert kept["children"] == ["2"]
        assert kept["plan"]


def test_a_language_chosen_by_the_browser_is_not_written_into_links(
    client: FlaskClient,
) -> None:
    doc = get(client, RESULT, **{"Accept-Language": "es-US,es;q=0.9"})
    assert doc.find("html").get("lang") == "es"
    assert switch(doc)["es"].get("aria-current") == "true"
    assert not doc.find("form", class_="calc").find_all("input", name="lang")
    assert [href for href in internal_links(doc) if "lang" in query(href)] == []


# ---- verbatim English marked lang="en" -------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> FlaskClient:
    return create_app({"TODAY": "2027-01-01"}).test_client()


SHIPPED = "/?plan=americord-essential&horizon=20&due_date=2027-05-01&siblings=1&known_need=sibling"


def test_quotes_citations_and_urls_on_a_spanish_page_are_marked_english(
    shipped: FlaskClient,
) -> None:
    doc = get(shipped, SHIPPED + "&lang=es")
    main = doc.find("main")
    terms = main.find_all("blockquote", class_="term-quote")
    assert terms
    assert {q.get("lang") for q in terms} == {"en"}
    quotes = main.find_all("p", class_="claim-quote")
    assert quotes
    for quote in quotes:
        words = [s for s in quote.find_all("span") if s.get("lang") == "en"]
        assert len(words) == 1
        assert words[0].text().startswith("“")
    for source in main.find_all("p", class_="small claim-source"):
        assert source.find("span", lang="en").text()  # the citation
    urls = [a for a in main.find_all("a") if (a.get("href") or "").startswith("http")]
    shown = [a for a in urls if a.text() == a.get("href")]
    assert shown
    assert {a.get("lang") for a in shown} == {"en"}
    tax = main.by_id("tax")
    assert len(tax.find_all("span", lang="en")) == 2  # the bank's words and the IRS rule


def test_an_english_page_marks_nothing(shipped: FlaskClient) -> None:
    doc = get(shipped, SHIPPED)
    marked = [e.tag for e in doc.find("body").iter() if "lang" in e.attrs]
    assert marked == ["a", "a"]  # only the switch names its languages


def _macros(app: Flask, url: str, source: str, **values: object) -> str:
    with app.test_request_context(url):
        app.preprocess_request()  # the request's language, as for a page
        return render_template_string(source, **values)  # lang_en, english, published: globals


def test_a_catalog_text_shown_in_spanish_is_not_marked_english(app: Flask) -> None:
    spanish = SimpleNamespace(shown_in="es")
    english = SimpleNamespace(shown_in="en")
    source = "<p{{ lang_en(a) }}></p><p{{ lang_en(b) }}></p><p{{ lang_en(c) }}></p>"
    html = _macros(app, "/?lang=es", source, a=spanish, b=english, c="A plain English title")
    assert html == '<p></p><p lang="en"></p><p lang="en"></p>'
    assert _macros(app, "/?lang=en", source, a=spanish, b=english, c="x") == "<p></p>" * 3
    assert (
        _macros(app, "/?lang=es", "{{ english(c) }}", c="Title") == '<span lang="en">Title</span>'
    )
    assert _macros(app, "/", "{{ english(c) }}", c="Title") == "Title"


def test_a_quote_keeps_its_words_and_shows_a_translation_beside_them_in_spanish(
    app: Flask,
) -> None:
    quote = SimpleNamespace(text="Cord blood is free to donate.", es="Donar es gratis.")
    spanish = parse(_macros(app, "/?lang=es", "<p>{{ published(q) }}</p>", q=quote))
    assert spanish.find("span", lang="en").text() == "“Cord blood is free to donate.”"
    assert "Donar es gratis." in spanish.find("span", class_="quote-translation").text()
    english = _macros(app, "/", "{{ published(q) }}", q=quote)
    assert english == "“Cord blood is free to donate.”"
    untranslated = SimpleNamespace(text="Words.", es=None)  # no Spanish given for this quote
    assert "quote-translation" not in _macros(
        app, "/?lang=es", "{{ published(q) }}", q=untranslated
    )


# ---- Spanish words (pass once the translations are merged) -----------------------------------


def test_spanish_words_on_the_landing_page(client: FlaskClient) -> None:
    doc = get(client, "/?lang=es")
    assert doc.find("h1").text() == (
        "Lo que de verdad cuesta guardar la sangre del cordón umbilical en un banco privado"
    )
    assert doc.find("nav", class_="language").get("aria-label") == "Idioma"
    assert doc.find("button", type="submit").text() == "Mostrar los costos"
    assert doc.find("a", class_="skip-link").text() == "Ir al contenido principal"
    assert "Comparar todos los planes" in doc.find("header").text()


def test_spanish_words_on_a_result_page(client: FlaskClient) -> None:
    doc = get(client, RESULT + "&lang=es")
    headers = [th.text() for th in doc.find("table", class_="data ways").find_all("th")]
    assert "Forma de pago" in headers
    assert "Valor presente" in headers
    assert "¿Puede pagar con una cuenta FSA o HSA?" in doc.by_id("tax").text()
    assert (
        doc.find("title")
        .text()
        .endswith("bankcalc: lo que de verdad cuesta guardar la sangre del cordón umbilical")
    )


def test_spanish_words_on_the_compare_page(client: FlaskClient) -> None:
    doc = get(client, COMPARE + "&lang=es")
    assert doc.find("h1").text() == "Todos los planes comparados"
    assert "2 bebés" in doc.find("p", class_="lede").text()
