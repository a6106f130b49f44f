"""Every page: no inline script or style (the CSP forbids them), each price with its source,
and the shipped catalog renders with its odds and sources."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bankcalc.web import create_app
from pages.html_tree import Element, parse

PAGES = [
    ("/", 200),
    ("/?plan=alpha&option=prepaid&horizon=12&tax_rate=24&discount=3&due_date=2027-05-01", 200),
    ("/?horizon=abc&plan=nope", 422),
    ("/compare", 200),
    ("/compare?horizon=abc", 422),
    ("/?plan=offer", 200),
    ("/?plan=offer&o_bank=Acme&o_proc=1500&o_storage=175&o_release=400&o_rise=may_rise", 200),
    ("/?plan=offer&o_proc=lots&o_storage=", 422),
    ("/compare?plan=offer&o_proc=1500&o_storage=175", 200),
    ("/terms", 200),
]


@pytest.mark.parametrize(("url", "status"), PAGES)
def test_no_page_has_inline_script_or_style(client: FlaskClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    doc = parse(response.data)
    assert not doc.find_all("style")
    for script in doc.find_all("script"):
        assert script.get("src"), "an inline script would be blocked by the CSP"
    for element in doc.iter():
        assert "style" not in element.attrs, f"<{element.tag} style=...>"
        handlers = [name for name in element.attrs if name.startswith("on")]
        assert not handlers, f"<{element.tag}> has inline handlers {handlers}"
        for name in ("href", "src", "action"):
            assert not (element.get(name) or "").lower().startswith("javascript:")


@pytest.mark.parametrize(("url", "status"), PAGES)
def test_every_page_has_one_h1_and_the_landmarks(
    client: FlaskClient, url: str, status: int
) -> None:
    doc = parse(client.get(url).data)
    assert len(doc.find_all("h1")) == 1
    for landmark in ("header", "main", "footer", "nav"):
        assert doc.find_all(landmark), landmark
    assert doc.find("html").get("lang") == "en"


def _check_prices_cite_sources(doc: Element) -> list[Element]:
    rows = doc.find_all("tr", data_price=None)
    assert rows
    for row in rows:
        ref = row.find("a", data_source_ref=None)
        source = doc.by_id(ref.get("data-source-ref") or "")
        assert source.tag == "li"
        assert "published" in source.text() or "undated, read on" in source.text()
        assert any(word in source.text() for word in ("Published by", "Illustrative"))
    return rows


def test_every_shown_price_has_its_source(client: FlaskClient) -> None:
    doc = parse(client.get("/?plan=alpha").data)
    rows = _check_prices_cite_sources(doc)
    # processing, kit, storage, the prepaid price, the guarantee
    assert len(rows) == 5
    prepaid = next(row for row in rows if "Ten years prepaid" in row.text())
    assert "$800.00" in prepaid.text()
    cited = doc.by_id(prepaid.find("a").get("data-source-ref") or "").text()
    assert "Alpha's brochure, page 2" in cited
    assert "published February 3, 2026" in cited
    assert "Published by a third party" in cited


def test_the_shipped_catalog_renders_with_odds_sources_and_the_free_alternative() -> None:
    client = create_app({"TODAY": "2027-01-01"}).test_client()
    response = client.get("/?plan=americord-essential&due_date=2027-05-01&siblings=1")
    assert response.status_code == 200
    doc = parse(response.data)
    odds = doc.by_id("odds")
    assert "public bank is free" in odds.text()
    assert "finds routine private banking not supported by the evidence" in odds.text()
    claims = odds.find_all("article")
    assert len(claims) >= 3
    for claim in claims:
        assert claim.find("h4").text()  # what it says, in plain words
        # the source and the first caveat are visible, not folded into a disclosure
        source = claim.find("p", class_="small claim-source")
        assert source.text().startswith("Source:")
        assert claim.find("p", class_="claim-caveat").text()
        for folded in claim.find_all("details"):
            assert "Source:" not in folded.text()
    _check_prices_cite_sources(doc)
    assert client.get("/compare").status_code == 200


def test_a_catalog_plan_lists_its_terms_with_sources_and_the_questions_left() -> None:
    client = create_app({"TODAY": "2027-01-01"}).test_client()
    doc = parse(client.get("/?plan=americord-essential&horizon=20").data)
    release = doc.by_id("term-release").text()
    assert "any release fees as described below in this Agreement" in release
    assert "Ask the amount of the release fee" in release
    assert "Published by a third party" in release
    assert "may be out of date" in release  # an undated copy on another site
    assert "a release fee whose amount is not published" in doc.by_id("what-if").text()
    asked = {li.get("id") for li in doc.find("ul", class_="ask").find_all("li")}
    assert "ask-enrollment" in asked
    assert "ask-release" not in asked  # known, with its own follow-up question


def test_the_terms_page_lists_banks_that_publish_terms_but_no_prices() -> None:
    client = create_app({"TODAY": "2027-01-01"}).test_client()
    doc = parse(client.get("/terms").data)
    text = doc.find("main").text()
    assert "Cord for Life" in text
    assert "non-refundable $200.00 administrative fee" in text
    assert "No prices published: terms only." in text
    assert "published March 15, 2018" in text
