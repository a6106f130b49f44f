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
    assert "already has a disease that cord blood can treat" in odds.text()
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
