"""The comparison page and the CSV download read the calculator's query string.

Amounts worked by hand from conftest.small_catalog (alpha: 1000 + 100 kit + 100/yr, or 10
years prepaid for 800; beta: 500 + 300/yr).
"""

from __future__ import annotations

from flask.testing import FlaskClient

from pages.html_tree import parse


def test_compare_lists_every_plan_cheapest_first(client: FlaskClient) -> None:
    response = client.get("/compare?horizon=10")
    assert response.status_code == 200
    rows = parse(response.data).find("table").find("tbody").find_all("tr")
    # alpha at its cheapest (prepaid): 1100 + 800 = 1900; beta yearly: 500 + 10 x 300 = 3500
    assert [row.get("data-plan") for row in rows] == ["alpha", "beta"]
    assert [row.find(data_total=None).text() for row in rows] == ["$1,900.00", "$3,500.00"]
    assert "Ten years prepaid" in rows[0].text()


def test_compare_order_follows_the_scenario(client: FlaskClient) -> None:
    # 1 year: alpha prepaid 1900, alpha yearly 1100 + 100 = 1200, beta 500 + 300 = 800
    response = client.get("/compare?horizon=1")
    rows = parse(response.data).find("tbody").find_all("tr")
    assert [row.get("data-plan") for row in rows] == ["beta", "alpha"]
    assert [row.find(data_total=None).text() for row in rows] == ["$800.00", "$1,200.00"]


def test_compare_links_open_each_plan_with_the_same_choices(client: FlaskClient) -> None:
    doc = parse(client.get("/compare?horizon=10&children=2").data)
    link = doc.find("tbody").find("a").get("href") or ""
    assert link.startswith("/?")
    assert "children=2" in link
    assert "option=prepaid" in link
    # alpha prepaid for twins: kit 100 + 2 x 1000 + 2 x 800 = 3700
    assert parse(client.get(link).data).by_id("total").text() == "$3,700.00"


def test_compare_with_invalid_choices_is_a_422_linking_back_to_the_form(
    client: FlaskClient,
) -> None:
    response = client.get("/compare?horizon=0")
    assert response.status_code == 422
    summary = parse(response.data).find("div", role="alert")
    href = summary.find("a").get("href") or ""
    assert href.startswith("/?")
    assert "horizon=0" in href
    assert href.endswith("#horizon")


def test_the_schedule_downloads_as_csv_for_the_same_query(client: FlaskClient) -> None:
    response = client.get("/schedule.csv?plan=alpha&horizon=2&discount=10")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = response.text.splitlines()
    # year 1: 1100 one-time + 100 storage = 1200; year 2: 100, cumulative 1300;
    # present value 1200 + 100 / 1.1 = 1290.91
    assert lines[1] == "1,0,1100.00,100.00,0.00,0.00,1200.00,1200.00,1200.00,,Plan alpha,Test Bank"
    assert lines[2] == "2,1,0.00,100.00,0.00,0.00,100.00,1300.00,1290.91,,Plan alpha,Test Bank"
    assert len(lines) == 3


def test_the_result_links_to_its_csv_and_comparison(client: FlaskClient) -> None:
    doc = parse(client.get("/?plan=alpha&horizon=2").data)
    hrefs = [a.get("href") or "" for a in doc.find("ul", class_="actions").find_all("a")]
    assert any(h.startswith("/schedule.csv?") and "horizon=2" in h for h in hrefs)
    assert any(h.startswith("/compare?") and "horizon=2" in h for h in hrefs)


def test_a_csv_for_invalid_choices_is_a_422(client: FlaskClient) -> None:
    response = client.get("/schedule.csv?plan=alpha&horizon=abc")
    assert response.status_code == 422
    assert response.text.startswith("horizon:")
