"""View models for "What the contract says / What to ask": known terms with their sources,
the questions for the rest, and the "what if" sentences set beside the total."""

from __future__ import annotations

from dataclasses import dataclass

from bankcalc.catalog.contract import ContractTerms, FeeTerm, Term, Topic
from bankcalc.catalog.offer import is_entered_source
from bankcalc.catalog.sources import PriceSource
from bankcalc.contract_wording import (
    ASK_FEE_AMOUNT,
    CLOSURE_TOO,
    NOTHING_ENTERED,
    NOTHING_FOUND,
    QUESTION,
    QUESTION_SOURCE,
    TITLE,
    basis_text,
    question_text,
    what_if_text,
)
from bankcalc.core.evidence import staleness
from bankcalc.core.terms import Freshness
from bankcalc.core.what_if import WhatIf
from bankcalc.i18n import _
from bankcalc.wording import source_date


@dataclass(frozen=True, slots=True)
class KnownTerm:
    topic: str
    title: str
    says: str
    quote: str  # verbatim, or ""
    ask: str  # a follow-up question (the amount of a fee named without one), or ""
    source: PriceSource
    basis: str  # "Published by the bank", "Your own figures, ..."
    dated: str  # "published March 15, 2018" / "undated, read on November 26, 2026"
    out_of_date: bool  # older than the catalog allows: ask whether it still applies
    entered: bool  # what the family entered with its offer, not a published source


@dataclass(frozen=True, slots=True)
class AskItem:
    topic: str
    title: str
    question: str  # in the page's language
    original: str | None = None  # the Guide's English words, when `question` translates them


@dataclass(frozen=True, slots=True)
class ContractView:
    known: tuple[KnownTerm, ...]
    ask: tuple[AskItem, ...]
    what_ifs: tuple[str, ...]  # sentences, beside the total
    nothing: str  # said when nothing is known
    question_source: str
    entered: bool


def _ask(topic: Topic) -> AskItem:
    """The question to ask; on a page in another language, the Parent's Guide's own words are
    translated and the English original is kept beside them."""
    question = QUESTION[topic]
    translation = question.translation
    if translation is None:
        return AskItem(topic.value, TITLE[topic], question_text(topic))
    if topic is Topic.CLOSURE:
        translation = f"{translation} {_(CLOSURE_TOO)}"
    return AskItem(topic.value, TITLE[topic], translation, question.text)


def contract_view(
    contract: ContractTerms,
    freshness: Freshness,
    *,
    entered: bool,
    what_ifs: tuple[WhatIf, ...] = (),
    children: int = 1,
) -> ContractView:
    known: list[KnownTerm] = []
    ask: list[AskItem] = []
    for topic, term in contract.topics():
        if term is None:
            ask.append(_ask(topic))
            continue
        known.append(_known(topic.value, TITLE[topic], term, freshness))
    return ContractView(
        known=tuple(known),
        ask=tuple(ask),
        what_ifs=tuple(what_if_text(item, children) for item in what_ifs),
        # plain English constants, marked in contract_wording: worded here in the request's
        # language (TITLE, QUESTION and ASK_FEE_AMOUNT answer in it themselves)
        nothing=_(NOTHING_ENTERED) if entered else _(NOTHING_FOUND),
        question_source=_(QUESTION_SOURCE),
        entered=entered,
    )


def _known(topic: str, title: str, term: Term, freshness: Freshness) -> KnownTerm:
    follow_up = ""
    if isinstance(term, FeeTerm) and term.fee_unpublished:
        follow_up = next(text for key, text in ASK_FEE_AMOUNT.items() if key.value == topic)
    return KnownTerm(
        topic=topic,
        title=title,
        says=str(term.says),
        quote=term.quote,
        ask=follow_up,
        source=term.source,
        basis=basis_text(term.source),
        dated=source_date(term.source),
        out_of_date=staleness(term.source, freshness) is not None,
        entered=is_entered_source(term.source),
    )
