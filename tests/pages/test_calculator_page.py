"""The calculator at /: a GET form whose URL reproduces its result.

Every expected amount is worked out by hand from the small catalog in conftest.py:
alpha = 1000 processing + 100 kit (shared by twins) + 100/yr, or 10 years prepaid for 800;
beta = 500 processing + 300/yr.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask.testing import FlaskClient

from pages.html_tree import Element, parse


def page(client: FlaskClient, expected: int = 200, **query: str) -> Element:
    response = client.get("/?" + urlencode(query))
    assert response.status_code == expected, response.text[:500]
    return parse(response.data)


def test_the_first_screen_favours_no_bank(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    doc = parse(response.data)
    assert doc.find_all("dd", id="total") == []  # no bank's quote before one is asked for
    plans = doc.find("select", name="plan").find_all("option")
    assert plans[0].get("value") == ""
    assert [o.get("value") for o in plans if "selected" in o.attrs] == [""]
    about = doc.by_id("about").text()
    assert "What this calculator does" in about
    assert "public bank is free" in about
    assert doc.find("input", name="horizon").get("value") == "20"
    assert len(doc.find_all("h1")) == 1


def test_a_form_sent_without_a_plan_asks_for_one(client: FlaskClient) -> None:
    response = client.get("/?horizon=20")
    assert response.status_code == 422
    assert "Choose a plan from the list." in parse(response.data).by_id("plan-error").text()


def test_a_submitted_form_shows_total_per_month_and_the_cheapest_way_to_pay(
    client: FlaskClient,
) -> None:
    doc = page(client, plan="alpha", option="yearly", horizon="10")
    # 1000 + 100 + 10 x 100 = 2100; per month 2100 / 120 = 17.50
    assert doc.by_id("total").text() == "$2,100.00"
    assert doc.by_id("per-month").text() == "$17.50"
    cheapest = doc.by_id("cheapest").text()
    # prepaid: 1100 + 800 = 1900, flat. Yearly after year y: 1100 + 100y, which first
    # exceeds 1900 at y = 9 (2000), so prepaid is cheaper from year 9.
    assert "Ten years prepaid" in cheapest
    assert "$1,900.00" in cheapest
    assert "from year 9" in cheapest


def test_twins_share_the_kit_but_pay_processing_and_storage_each(client: FlaskClient) -> None:
    doc = page(client, plan="alpha", horizon="10", children="2")
    # kit once 100 + processing 2 x 1000 + storage 2 x 100 x 10 = 100 + 2000 + 2000 = 4100
    assert doc.by_id("total").text() == "$4,100.00"


def test_a_bare_number_in_a_percent_field_means_percent(client: FlaskClient) -> None:
    doc = page(client, plan="beta", horizon="2", escalation="10")
    # 500 + 300 + 300 x 1.10 = 500 + 300 + 330 = 1130 (10 %, not 1000 %)
    assert doc.by_id("total").text() == "$1,130.00"
    assert doc.find("input", name="escalation").get("value") == "10"


def test_a_horizon_in_months_is_billed_by_started_year(client: FlaskClient) -> None:
    doc = page(client, plan="alpha", horizon="30 months")
    # 30 months = 2.5 years -> 3 yearly bills: 1100 + 3 x 100 = 1400
    assert doc.by_id("total").text() == "$1,400.00"


def test_present_value_discounts_later_payments(client: FlaskClient) -> None:
    doc = page(client, plan="alpha", horizon="2", discount="10")
    # 1200 at birth + 100 after a year: 1200 + 100 / 1.1 = 1290.909... -> 1290.91
    assert doc.by_id("present-value").text() == "$1,290.91"
    assert doc.by_id("total").text() == "$1,300.00"
    assert "open" in doc.find("details", class_="advanced").attrs


def test_no_fsa_saving_is_shown_without_a_known_need(client: FlaskClient) -> None:
    doc = page(client, plan="alpha", horizon="10", tax_rate="25")
    tax = doc.by_id("tax").text()
    assert "Usually not." in tax
    assert "Information Letter 2010-0017" in tax
    assert "$525.00" not in tax  # the old promise: 2100 x 0.25


def test_fsa_estimate_with_a_known_need_counts_payments_while_a_dependent(
    client: FlaskClient,
) -> None:
    doc = page(client, plan="alpha", horizon="10", tax_rate="25", known_need="sibling")
    tax = doc.by_id("tax").text()
    # all 10 years are before age 19: 1000 + 100 kit + 10 x 100 = 2100; x 0.25 = 525 at most
    assert "the most it could save is about $525.00" in tax
    assert "on the $2,100.00 paid before your child turns 19" in tax
    assert "not subtracted from the total" in tax
    assert "Letter of Medical Necessity" in tax


def test_the_guarantee_is_shown_but_never_subtracted(client: FlaskClient) -> None:
    doc = page(client, plan="alpha", horizon="10")
    assert "$50,000.00" in doc.by_id("guarantee").text()
    assert "not subtracted" in doc.by_id("guarantee").text()
    assert doc.by_id("total").text() == "$2,100.00"  # as without a guarantee


def test_invalid_input_returns_422_with_values_kept_and_a_linked_summary(
    client: FlaskClient,
) -> None:
    doc = page(client, 422, plan="alpha", horizon="abc", escalation="25", children="9")
    assert doc.find("input", name="horizon").get("value") == "abc"
    assert doc.find("input", name="escalation").get("value") == "25"
    assert doc.find("select", name="children").find("option", selected=None).get("value") == "9"
    summary = doc.find("div", role="alert")
    links = [a.get("href") for a in summary.find_all("a")]
    assert links == ["#horizon", "#children", "#escalation"]  # in the form's order
    horizon = doc.by_id("horizon")
    assert horizon.get("aria-invalid") == "true"
    assert "horizon-error" in (horizon.get("aria-describedby") or "")
    assert "1 to 100" in doc.by_id("horizon-error").text()
    assert "0 to 20 %" in doc.by_id("escalation-error").text()
    assert "1 to 6" in doc.by_id("children-error").text()
    assert not doc.find_all(id="result")


def test_an_unknown_plan_is_a_422_never_a_500(client: FlaskClient) -> None:
    doc = page(client, 422, plan="no-such-plan")
    assert "plan-error" in (doc.by_id("plan").get("aria-describedby") or "")
    assert "selected" in doc.find("option", value="no-such-plan").attrs


def test_an_option_the_plan_does_not_offer_falls_back_to_its_default_and_says_so(
    client: FlaskClient,
) -> None:
    # beta has no prepaid option: the page shows beta paid yearly, 500 + 10 x 300 = 3500
    doc = page(client, plan="beta", option="prepaid", horizon="10")
    assert doc.by_id("total").text() == "$3,500.00"
    assert "does not offer" in doc.find(role="status").text()
    assert [o.get("value") for o in doc.by_id("option").find_all("option")] == ["yearly"]


def test_unknown_query_parameters_are_ignored(client: FlaskClient) -> None:
    doc = page(client, plan="alpha", horizon="10", utm_source="leaflet", extra="1")
    assert doc.by_id("total").text() == "$2,100.00"


def test_a_due_date_in_the_past_is_a_422_with_the_reason(client: FlaskClient) -> None:
    doc = page(client, 422, plan="alpha", due_date="2026-12-01")  # TODAY is 2027-01-01
    assert "before today" in doc.by_id("due_date-error").text()


def test_the_timeline_gives_long_dates_and_marks_late_steps(
    client: FlaskClient, app: object
) -> None:
    doc = page(client, plan="alpha", due_date="2027-05-01")
    text = doc.by_id("timeline").text()
    # due 2027-05-01; week 28 = due - 84 days = 6 Feb 2027 (a Saturday); week 34 and the kit,
    # 6 weeks before = due - 42 days = 20 March 2027 (a Saturday); second trimester ends
    # due - 85 days = February 5, 2027
    assert "Saturday, May 1, 2027" in text
    assert "Saturday, February 6, 2027" in text
    assert "Saturday, March 20, 2027" in text
    assert "(by February 5, 2027)" in text
    assert "Already passed" not in text


def test_the_shareable_url_of_a_result_reproduces_its_numbers(client: FlaskClient) -> None:
    first = page(client, plan="alpha", option="prepaid", horizon="12", escalation="3")
    # Submit the form exactly as rendered: its values, as a browser would send them.
    fields = {
        element.get("name") or "": _value(element)
        for element in first.find("form").iter()
        if element.tag in ("input", "select") and element.get("name")
    }
    again = page(client, **fields)
    for figure in ("total", "per-month", "present-value"):
        assert again.by_id(figure).text() == first.by_id(figure).text()
    # prepaid 12 years: 1100 + 800 at birth, then years 11 and 12 billed at 100 x 1.03^10
    # = 134.39 and 100 x 1.03^11 = 138.42: 1900 + 134.39 + 138.42 = 2172.81
    assert first.by_id("total").text() == "$2,172.81"


def _value(element: Element) -> str:
    if element.tag == "select":
        chosen = [o for o in element.find_all("option") if "selected" in o.attrs]
        return (chosen or element.find_all("option"))[0].get("value") or ""
    return element.get("value") or ""


def test_the_chart_draws_one_labelled_patterned_line_per_way_to_pay(client: FlaskClient) -> None:
    doc = page(client, plan="alpha", horizon="10")
    svg = doc.find("svg", role="img")
    assert svg.find("title").text()
    assert "Pay yearly: $2,100.00" in svg.find("desc").text()
    lines = svg.find_all("polyline")
    assert len(lines) == 2
    assert len({line.get("stroke-dasharray") for line in lines}) == 2
    labels = [t.text() for t in svg.find_all("text")]
    assert "Yearly" in labels
    assert "Prepaid 10 yr" in labels


def test_the_plan_list_is_grouped_by_bank_and_says_what_each_stores(client: FlaskClient) -> None:
    doc = page(client)
    group = doc.by_id("plan").find("optgroup")
    assert group.get("label") == "Test Bank"
    assert "(stores cord blood)" in group.find("option").text()


def test_every_input_has_a_label(client: FlaskClient) -> None:
    doc = page(client)
    labelled = {label.get("for") for label in doc.find_all("label")}
    controls = [e for e in doc.iter() if e.tag in ("input", "select") and e.get("type") != "hidden"]
    assert controls
    assert all(control.get("id") in labelled for control in controls)


def test_every_header_link_of_the_first_screen_leads_somewhere_useful(
    client: FlaskClient,
) -> None:
    """No dead end: from the first screen, "Calculator" is the first screen again (not the
    "choose a plan" problem its default answers would give), and the comparison opens."""
    for query in ("", "?lang=es"):
        header = parse(client.get("/" + query).data).find("header")
        hrefs = [a.get("href") or "" for a in header.find_all("a")]
        assert len(hrefs) >= 4  # brand, calculator, comparison, the other language
        for href in hrefs:
            assert client.get(href).status_code == 200, href
