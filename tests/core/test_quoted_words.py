"""Quotation marks only around words actually published; each claim of the counselor's review
(issue "Claims, caveats and guidance a counselor would sign") says what its sources allow."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from bankcalc.catalog.claims import ClaimKind, EvidenceGrade, PublishedQuote, quoted_spans
from bankcalc.catalog.loading import CatalogError, load_catalog
from bankcalc.core.odds import sibling_match
from bankcalc.core.quote import build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.resources import default_plans_path
from builders import catalog_data, dump_catalog, plan_data

SHIPPED = load_catalog(default_plans_path())
TODAY = dt.date(2026, 11, 26)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def _every_quote() -> list[tuple[str, PublishedQuote]]:
    found: list[tuple[str, PublishedQuote]] = []
    for claim in SHIPPED.claims:
        found += [(claim.id, q) for q in (claim.quote, *claim.also_quoted) if q is not None]
    for note in SHIPPED.notes:
        found += [(note.id, q) for q in note.quotes]
    for plan_id, _, source in SHIPPED.sources():
        found += [(plan_id, q) for q in source.quotes]
    return found


@pytest.mark.parametrize(("entry", "quote"), _every_quote(), ids=lambda v: str(v)[:40])
def test_every_shipped_quote_is_word_for_word_in_its_published_passage(
    entry: str, quote: PublishedQuote
) -> None:
    assert _words(quote.text) in _words(quote.passage), entry
    assert quote.read_at


def test_every_quotation_mark_in_the_shipped_catalog_is_backed_by_a_quote() -> None:
    """In English, by the published words; in Spanish, by bankcalc's translation of them (or
    the English words themselves)."""
    for claim in SHIPPED.claims:
        quotes = [q for q in (claim.quote, *claim.also_quoted) if q is not None]
        for text in (claim.paraphrase, *claim.caveats):
            _backed(claim.id, text.en, [_words(q.text) for q in quotes])
            _backed(claim.id, text.es or "", [_words(q.es or "") for q in quotes])
    for note in SHIPPED.notes:
        _backed(note.id, note.text.en, [_words(q.text) for q in note.quotes])
        _backed(note.id, note.text.es or "", [_words(q.es or "") for q in note.quotes])


def _backed(entry: str, text: str, quoted: list[str]) -> None:
    for span in quoted_spans(text):
        assert any(_words(span) in words for words in quoted), (entry, span)


def _refused(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(data), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    return str(caught.value)


def _claim(**extra: Any) -> dict[str, Any]:
    return {
        "id": "c",
        "kind": "own_match",
        "grade": "marketing_claim",
        "paraphrase": "A bank says cord blood matches the child.",
        "quoted_by": "A bank's article (fixture)",
        "source": {"citation": "a fixture citation", "year": 2020},
        "caveats": ["A caveat in plain words."],
    } | extra


def test_a_paraphrase_in_quotation_marks_is_refused_with_the_entry_and_field(
    tmp_path: Path,
) -> None:
    data = catalog_data([plan_data("alpha")])
    data["claims"] = [_claim(caveats=["It says “a perfect match” somewhere."])]
    message = _refused(tmp_path, data)
    assert "claim 'c'" in message
    assert "“a perfect match” is in quotation marks but no quote backs it" in message


def test_a_quote_that_is_not_in_its_passage_is_refused(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    quote = {"text": "a perfect match", "passage": "a good match", "read_at": "fixture"}
    data["claims"] = [_claim(quote=quote)]
    assert "not word for word in its passage" in _refused(tmp_path, data)


def test_a_second_hand_quote_names_who_reproduced_it(tmp_path: Path) -> None:
    data = catalog_data([plan_data("alpha")])
    quote = {"text": "match", "passage": "a match", "read_at": "a page"}
    quote["status"] = "second_hand"
    data["claims"] = [_claim(quote=quote)]
    assert "names who reproduced it" in _refused(tmp_path, data)


def _claim_by_id(claim_id: str) -> Any:
    return next(claim for claim in SHIPPED.claims if claim.id == claim_id)


def test_the_1_in_217_figure_is_graded_a_model_estimate() -> None:
    claim = _claim_by_id("transplant-by-70")
    assert claim.grade is EvidenceGrade.MODEL_ESTIMATE
    assert any("assumes every patient who needs a donor finds" in c.en for c in claim.caveats)


def test_the_1_in_3_sentence_is_quoted_whole() -> None:
    quote = _claim_by_id("regenerative-1-in-3").quote
    assert quote is not None
    assert quote.text.endswith("regenerative medicine or stem cell therapy during their lifetime")


def test_professional_positions_are_worded_as_published() -> None:
    acog = _claim_by_id("acog-771-position")
    assert any(
        "may be considered when there is knowledge of a family member" in q.text
        for q in acog.also_quoted
    )
    aap_2007 = _claim_by_id("aap-2007-position").quote
    assert aap_2007 is not None
    assert "a full sibling in the family" in aap_2007.text
    asbmt = _claim_by_id("asbmt-2008-position").quote
    assert asbmt is not None
    assert "only recommended when there are shared HLA-antigens between the parents" in asbmt.text
    aap_2017 = _claim_by_id("aap-2017-position")
    assert any("accrediting bodies" in c.en and "underused" in c.en for c in aap_2017.caveats)
    for claim in SHIPPED.claims:
        for text in (claim.paraphrase, *claim.caveats):
            assert "a parent, brother or sister" not in text.en, claim.id


def test_the_observed_release_rate_sits_beside_the_estimates_with_a_cost_per_use() -> None:
    scenario = Scenario(plan="americord-essential", horizon=20)
    quote = build_quote(SHIPPED, scenario, TODAY)
    observed = next(c for c in quote.odds.claims if c.kind is ClaimKind.OBSERVED_USE)
    # yearly: 1500 + 20 x 175 = 5,000 for one child; 5000 / (23 / 100000) = 21,739,130.43
    assert observed.cost_per_chance is not None
    assert observed.cost_per_chance.low == D("21739130.43")
    assert "$21.7 million per unit released" in observed.cost_per_chance.summary
    assert "about 1 in 4,300 (0.023%)" in observed.beside


def test_kaimal_sits_beside_the_cost_per_chance() -> None:
    quote = build_quote(SHIPPED, Scenario(plan="americord-essential", horizon=20), TODAY)
    kaimal = next(c for c in quote.odds.claims if c.kind is ClaimKind.COST_EFFECTIVENESS)
    assert "cost-effective only below $262.00" in kaimal.beside
    assert "above a 1 in 110 chance" in kaimal.beside
    assert "this plan costs $5,000.00 for one child" in kaimal.beside


def test_twins_are_siblings_of_each_other() -> None:
    twins = sibling_match(0, co_births=1)
    assert "no sibling match is possible" not in twins.summary
    # fraternal: the co-twin is one full sibling, 1 - 0.75 = 25%
    assert "a 25% chance that they match" in twins.summary
    assert "identical" in twins.summary
    assert "identical DNA" in twins.identical
    # one older sibling and a twin, if fraternal: 1 - 0.75^2 = 0.4375
    assert "43.8%" in sibling_match(1, co_births=1).summary


def test_the_ms_paragraph_appears_wherever_the_article_is_cited() -> None:
    quote = build_quote(SHIPPED, Scenario(plan="americord-essential"), TODAY)
    notes = {note.id: note for note in quote.notes}
    ms = notes["ms-and-banked-cord-blood"]
    assert "own adult blood stem cells" in ms.text.en
    assert "NCT02034188" in ms.text.en
    assert "nearly 1 million by 2017" in ms.text.en
    cbr = build_quote(SHIPPED, Scenario(plan="cbr-cord-blood"), TODAY)
    # CBR's prices do not cite the article, but its claims (the odds panel) still do
    assert "ms-and-banked-cord-blood" in {note.id for note in cbr.notes}


def test_what_stored_tissue_means_is_said_for_every_plan_that_stores_it() -> None:
    for plan in SHIPPED.plans:
        notes = {note.id for note in SHIPPED.notes_for(plan)}
        tissue = {"cord_tissue", "placenta_tissue", "exosomes", "amnion"} & set(plan.stores)
        assert ("stored-tissue" in notes) == bool(tissue), plan.id
    note = next(note for note in SHIPPED.notes if note.id == "stored-tissue")
    assert "are not currently being used for FDA-approved treatment" in note.text.en
    assert "no current evidence to support" in note.text.en
