"""What the odds panel, the tax panel, the timeline and the notes tell a family, on the shipped
claims (their words are the product; the prices in these tests come from small plans)."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

from bankcalc.web import create_app
from pages.html_tree import Element, parse

CLIENT = create_app({"TODAY": "2027-01-01"}).test_client()


def page(url: str, client: FlaskClient = CLIENT) -> Element:
    response = client.get(url)
    assert response.status_code == 200, response.data[:200]
    return parse(response.data)


def test_quotation_marks_surround_only_published_words() -> None:
    odds = page("/?plan=americord-essential&horizon=20").by_id("odds")
    transplant = odds.by_id("claim-transplant-by-70")
    heading = transplant.find("h4").text()
    assert "“" not in heading  # the paraphrase is not in quotation marks
    quoted = transplant.find("p", class_="claim-quote").text()
    assert (
        "“The odds of an individual requiring a stem cell transplant by age 70 are"
        " approximately 1 in 217”" in quoted
    )
    assert "Model estimate from population data" in transplant.text()
    assert "Measured in a population" not in odds.text()


def test_the_positions_are_worded_as_each_body_published_them() -> None:
    positions = page("/?plan=americord-essential").by_id("positions").text()
    assert "a full sibling in the family" in positions  # AAP 2007
    assert "may be considered" in positions  # ACOG 771, a family member
    assert "shared HLA-antigens between the parents" in positions  # ASBMT 2008
    assert "a parent, brother or sister" not in page("/?plan=americord-essential").text()


def test_the_tax_panel_quotes_the_bank_and_corrects_it() -> None:
    tax = page("/?plan=americord-essential&tax_rate=24").by_id("tax").text()
    assert "“Many families use Flexible Spending Accounts (FSAs)" in tax
    assert "Usually not." in tax
    assert "Information Letter 2010-0017" in tax
    assert "No tax saving is estimated" in tax


def test_stored_tissue_is_explained_on_the_result_and_the_comparison() -> None:
    result = page("/?plan=americord-ultimate").by_id("note-stored-tissue").text()
    assert "are not currently being used for FDA-approved treatment" in result
    compare = page("/compare?horizon=20")
    assert "no current evidence to support" in compare.by_id("note-stored-tissue").text()
    essential = page("/?plan=americord-essential").text()
    assert "FDA-approved treatment" not in essential  # cord blood only


def test_the_ms_paragraph_is_beside_the_article_and_in_the_odds_panel() -> None:
    doc = page("/?plan=americord-essential")
    notes = doc.find_all("aside", id="note-ms-and-banked-cord-blood")
    assert len(notes) == 1  # once, in the odds panel; the prices that cite it point to it
    assert "nearly 1 million by 2017" in doc.by_id("odds").text()
    pointer = doc.find("p", class_="small source-note")
    assert pointer.find("a").get("href") == "#note-ms-and-banked-cord-blood"


def test_the_timeline_says_whose_advice_and_what_to_do_now() -> None:
    # TODAY is 2027-01-01; due 2027-02-12 puts today at 34 weeks 0 days
    timeline = page("/?plan=americord-essential&due_date=2027-02-12").by_id("timeline").text()
    assert "34 weeks 0 days" in timeline
    assert "LATE" not in timeline
    assert "Open now" in timeline  # the public window opened at week 28: not "passed"
    assert "What to do now: Ask your doctor or midwife now" in timeline
    assert "Ask your bank for its own deadline" in timeline
    assert "Questions to Ask About Cord Blood Collection" in timeline
    assert "Public donation, free" in timeline
    assert "reduces the volume that can be collected" in timeline


def test_the_api_carries_quotes_paraphrases_and_notes() -> None:
    plan = json.loads(CLIENT.get("/api/v1/plans/americord-ultimate").data)
    assert "stored-tissue" in [note["id"] for note in plan["notes"]]
    claims = json.loads(CLIENT.get("/api/v1/claims").data)
    by_id = {claim["id"]: claim for claim in claims["claims"]}
    assert by_id["transplant-by-70"]["grade"] == "model_estimate"
    assert by_id["own-unit-aap"]["quote"]["status"] == "second_hand"
    assert by_id["own-unit-aap"]["quote"]["via"]
    assert "ms-and-banked-cord-blood" in [note["id"] for note in claims["notes"]]
    quote = json.loads(
        CLIENT.post("/api/v1/quotes", json={"plan": "cbr-cord-blood", "children": 2}).data
    )
    siblings = next(c for c in quote["odds"]["claims"] if c["kind"] == "sibling_match")
    assert siblings["siblings"]["co_births"] == 1
    assert "identical DNA" in siblings["siblings"]["identical"]
