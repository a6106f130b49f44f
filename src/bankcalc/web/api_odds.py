"""The API's shapes for quoted claims, horizon-matched odds and the enrollment timeline.

Probabilities travel as an exact fraction ("23/5000") with the same "1 in N" and percentage
text the page and the command line show, all formatted once by bankcalc.core.odds.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, Literal

from pydantic import Field

from bankcalc import i18n
from bankcalc.catalog.claims import (
    AgeTable,
    Claim,
    CostThreshold,
    EvidenceGrade,
    PublishedQuote,
    Source,
)
from bankcalc.catalog.notes import Note
from bankcalc.core.odds import (
    ClaimOdds,
    OddsReport,
    ProbabilityText,
    SiblingUse,
    format_probability,
)
from bankcalc.core.timeline import Timeline
from bankcalc.web.api_base import MoneyText, Out, money


class ProbabilityOut(Out):
    fraction: str = Field(pattern=r"^\d+/\d+$", description="exact, e.g. '23/5000'")
    one_in: str = Field(description="'1 in 217': N to 2-3 significant figures")
    percent: str = Field(description="'0.46%': 3 significant figures")


class ClaimSourceOut(Out):
    citation: str
    year: int
    doi: str | None
    url: str | None


class MeasuresOut(Out):
    population: str
    event: str
    age_from: int
    age_to: int | None


class AgePointOut(Out):
    age: int = Field(description="age in whole years")
    probability: ProbabilityOut = Field(description="cumulative probability by this age")


class AgeTableOut(Out):
    points: list[AgePointOut]
    rising_from_age: int | None = Field(
        description="from this age the curve is known to rise faster, so a straight line"
        " between points is an upper bound"
    )
    source: ClaimSourceOut


class RangeOut(Out):
    low: ProbabilityOut
    high: ProbabilityOut


class PublishedOut(Out):
    text: str = Field(description="the words exactly as published")
    passage: str = Field(description="the published passage they come from, as read")
    read_at: str = Field(description="where the passage was read")
    status: Literal["verified", "second_hand"] = Field(
        description="read in the source itself, or only as reproduced by someone else (via)"
    )
    via: str | None
    translation: str | None = Field(
        description="bankcalc's translation of the words into the response language (with"
        " Accept-Language: es); null in English. Never the source's own words"
    )


class ThresholdOut(Out):
    below_cost: MoneyText = Field(description="cost-effective only below this cost")
    above_odds: ProbabilityOut = Field(description="or only above this chance of need")
    assumed_cost: MoneyText
    assumed_years: int
    per_life_year: MoneyText = Field(description="the study's result, USD per life-year gained")


class NoteOut(Out):
    id: str
    title: str
    text: str = Field(description="quotation marks surround only words in quotes")
    quotes: list[PublishedOut]
    sources: list[ClaimSourceOut]


class ClaimOut(Out):
    id: str
    kind: str
    grade: str = Field(
        description="model estimate, observed rate, expert estimate, marketing claim..."
    )
    statement: str = Field(
        description="the quote's words when there is a quote (with Accept-Language: es,"
        " bankcalc's translation of them: see quote.translation), else the paraphrase"
    )
    quote: PublishedOut | None = Field(
        description="the words exactly as published, with their passage"
    )
    paraphrase: str = Field(description="what it says in plain words; not a quotation")
    also_quoted: list[PublishedOut] = Field(description="other published words the caveats quote")
    quoted_by: str
    probability: ProbabilityOut | None
    odds_as_quoted: str | None
    source: ClaimSourceOut
    measures: MeasuresOut | None
    caveats: list[str] = Field(description="what the figure does not mean, in plain language")
    age_table: AgeTableOut | None
    range: RangeOut | None
    threshold: ThresholdOut | None = Field(description="a cost-effectiveness study's thresholds")


class ClaimList(Out):
    claims: list[ClaimOut]
    notes: list[NoteOut] = Field(description="context shown wherever these claims are cited")


class HorizonOut(Out):
    age_months: int
    age_text: str
    qualifier: str = Field(description="about / at most about / roughly / beyond the data")
    probability: ProbabilityOut | None = Field(description="null beyond the data")
    data_until_age: int
    summary: str


class RangeOddsOut(Out):
    low: ProbabilityOut
    high: ProbabilityOut
    summary: str


class SiblingUseOut(Out):
    per_sibling: ProbabilityOut | None = Field(
        description="for one full sibling, by the end of the horizon; null beyond the data"
    )
    any_sibling: ProbabilityOut | None = Field(description="for all the siblings counted")
    assumed: ProbabilityOut = Field(description="with a model's assumed need (Kaimal 2009)")
    qualifier: str = Field(description="about / roughly / beyond the data")
    summary: str


class SiblingOut(Out):
    siblings: int = Field(description="full siblings born at other times")
    co_births: int = Field(description="babies born at the same birth besides this one")
    probability: ProbabilityOut = Field(
        description="at least one full sibling is a match (counting twins as fraternal)"
    )
    summary: str
    explanation: str
    identical: str = Field(description="what holds if twins born together are identical")
    use: SiblingUseOut | None = Field(
        description="the chance a sibling both needs a donor transplant and matches"
    )


class CostPerChanceOut(Out):
    low: MoneyText
    high: MoneyText
    qualifier: str
    summary: str
    note: str = Field(description="a population figure, not a personal probability")


class ClaimOddsOut(Out):
    id: str
    kind: str
    grade: str
    statement: str = Field(
        description="the quote's words when there is a quote (with Accept-Language: es,"
        " bankcalc's translation of them: see quote.translation), else the paraphrase"
    )
    quote: PublishedOut | None
    paraphrase: str
    quoted_by: str
    quoted: ProbabilityOut | None = Field(description="the quoted figure, as a probability")
    source: ClaimSourceOut
    caveats: list[str]
    horizon: HorizonOut | None = Field(description="the same odds for this plan's horizon")
    range: RangeOddsOut | None
    siblings: SiblingOut | None
    cost_per_chance: CostPerChanceOut | None = Field(
        description="total cost / probability: what banking families pay together per child"
        " who needs it within the horizon (per unit released, for the observed rate)"
    )
    beside: str = Field(description="one line to show beside the quoted statement")
    label: str = Field(
        description="what `beside` is about: 'What it means by age 20', 'For your child's own"
        " unit', 'For the child or a relative', 'What was counted'..."
    )
    also_quoted: list[PublishedOut]


class FamilyMatchOut(Out):
    need: Literal["sibling", "parent"]
    probability: ProbabilityOut | None = Field(
        description="1 in 4 for a full sibling; null for a parent (a full match is rare)"
    )
    summary: str
    positions: str = Field(description="what doctors' bodies say for this case, as published")


class OddsOut(Out):
    age_months: int = Field(description="the child's age at the end of the horizon")
    siblings: int | None
    claims: list[ClaimOddsOut]
    family: FamilyMatchOut | None = Field(
        description="with a known_need: the match chance for the family member who is ill,"
        " the figure that matters more than the population odds"
    )


class StepOut(Out):
    key: str
    track: Literal["private", "public"] = Field(
        description="private banking, or donating to a public bank (free)"
    )
    when: Literal["by", "from", "on"] = Field(
        description="a deadline, a window that opens, or an event such as the birth"
    )
    title: str
    date: dt.date
    detail: str
    advice: str = Field(description="whose advice the date is, by title and publisher")
    passed: bool = Field(description="a deadline or an event that is past today")
    open: bool = Field(description="a window (when: from) that is open today")
    days_left: int
    now: str = Field(
        description="what to do now: for a passed deadline or an open window; else empty"
    )


class TimelineOut(Out):
    due_date: dt.date
    today: dt.date
    gestational_age: str | None = Field(
        description="'24 weeks 3 days'; null when the due date is over 40 weeks away"
    )
    steps: list[StepOut] = Field(
        description="in date order, public donation and private banking (see track)"
    )
    advice: str = Field(description="with a known_need: what to do now, before any date")


def probability_out(text: ProbabilityText) -> dict[str, Any]:
    value = text.probability
    return {
        "fraction": f"{value.numerator}/{value.denominator}",
        "one_in": text.one_in,
        "percent": text.percent,
    }


def _fraction_out(value: Fraction) -> dict[str, Any]:
    return probability_out(format_probability(value))


def _source_out(source: Source) -> dict[str, Any]:
    url = None if source.url is None else str(source.url)
    return {"citation": source.citation, "year": source.year, "doi": source.doi, "url": url}


def _table_out(table: AgeTable) -> dict[str, Any]:
    return {
        "points": [
            {"age": point.age, "probability": _fraction_out(point.probability)}
            for point in table.points
        ],
        "rising_from_age": table.rising_from_age,
        "source": _source_out(table.source),
    }


def quote_out(quote: PublishedQuote | None) -> dict[str, Any] | None:
    if quote is None:
        return None
    return {
        "text": quote.text,
        "passage": quote.passage,
        "read_at": quote.read_at,
        "status": quote.status.value,
        "via": None if quote.via is None else str(quote.via),
        "translation": quote.es if i18n.language() == "es" else None,
    }


def note_out(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "title": note.title,
        "text": note.text,
        "quotes": [quote_out(quote) for quote in note.quotes],
        "sources": [_source_out(source) for source in note.sources],
    }


def _threshold_out(threshold: CostThreshold | None) -> dict[str, Any] | None:
    if threshold is None:
        return None
    return {
        "below_cost": money(threshold.below_cost),
        "above_odds": _fraction_out(threshold.above_odds),
        "assumed_cost": money(threshold.assumed_cost),
        "assumed_years": threshold.assumed_years,
        "per_life_year": money(threshold.per_life_year),
    }


def claim_out(claim: Claim) -> dict[str, Any]:
    measures = claim.measures
    return {
        "id": claim.id,
        "kind": claim.kind.value,
        "grade": claim.grade.value,
        "statement": claim.statement,
        "quote": quote_out(claim.quote),
        "paraphrase": claim.paraphrase,
        "also_quoted": [quote_out(quote) for quote in claim.also_quoted],
        "quoted_by": claim.quoted_by,
        "probability": None
        if claim.probability is None or claim.grade is EvidenceGrade.SPECULATIVE_PROJECTION
        else _fraction_out(claim.probability),
        "odds_as_quoted": claim.odds_as_quoted,
        "source": _source_out(claim.source),
        "measures": None if measures is None else measures.model_dump(mode="json"),
        "caveats": list(claim.caveats),
        "age_table": None if claim.age_table is None else _table_out(claim.age_table),
        "range": None
        if claim.range is None
        else {"low": _fraction_out(claim.range.low), "high": _fraction_out(claim.range.high)},
        "threshold": _threshold_out(claim.threshold),
    }


def _claim_odds_out(odds: ClaimOdds) -> dict[str, Any]:
    horizon, spread, siblings, cost = odds.horizon, odds.range, odds.siblings, odds.cost_per_chance
    return {
        "id": odds.id,
        "kind": odds.kind.value,
        "grade": odds.grade.value,
        "statement": odds.statement,
        "quote": quote_out(odds.claim.quote),
        "paraphrase": odds.claim.paraphrase,
        "quoted_by": odds.quoted_by,
        # a speculative projection is no probability: its words stay, its number does not
        "quoted": None
        if odds.quoted is None or odds.grade is EvidenceGrade.SPECULATIVE_PROJECTION
        else probability_out(odds.quoted),
        "source": _source_out(odds.source),
        "caveats": list(odds.caveats),
        "horizon": None
        if horizon is None
        else {
            "age_months": horizon.age_months,
            "age_text": horizon.age_text,
            "qualifier": horizon.qualifier.value,
            "probability": None if horizon.text is None else probability_out(horizon.text),
            "data_until_age": horizon.data_until_age,
            "summary": horizon.summary,
        },
        "range": None
        if spread is None
        else {
            "low": probability_out(spread.low),
            "high": probability_out(spread.high),
            "summary": spread.summary,
        },
        "siblings": None
        if siblings is None
        else {
            "siblings": siblings.siblings,
            "co_births": siblings.co_births,
            "probability": probability_out(siblings.text),
            "summary": siblings.summary,
            "explanation": siblings.explanation,
            "identical": siblings.identical,
            "use": _use_out(siblings.use),
        },
        "cost_per_chance": None
        if cost is None
        else {
            "low": money(cost.low),
            "high": money(cost.high),
            "qualifier": cost.qualifier,
            "summary": cost.summary,
            "note": cost.note,
        },
        "beside": odds.beside,
        "label": odds.label,
        "also_quoted": [quote_out(quote) for quote in odds.claim.also_quoted],
    }


def _use_out(use: SiblingUse | None) -> dict[str, Any] | None:
    if use is None:
        return None
    text = use.per_sibling.text
    return {
        "per_sibling": None if text is None else probability_out(text),
        "any_sibling": None if use.any_sibling is None else probability_out(use.any_sibling),
        "assumed": probability_out(use.assumed),
        "qualifier": use.per_sibling.qualifier.value,
        "summary": use.summary,
    }


def odds_out(report: OddsReport) -> dict[str, Any]:
    return {
        "age_months": report.age_months,
        "siblings": report.siblings,
        "claims": [_claim_odds_out(odds) for odds in report.claims],
        "family": None
        if report.family is None
        else {
            "need": report.family.need,
            "probability": None
            if report.family.text is None
            else probability_out(report.family.text),
            "summary": report.family.summary,
            "positions": report.family.positions,
        },
    }


def timeline_out(timeline: Timeline | None) -> dict[str, Any] | None:
    if timeline is None:
        return None
    return {
        "due_date": timeline.due_date.isoformat(),
        "today": timeline.today.isoformat(),
        "gestational_age": timeline.gestational_age,
        "advice": timeline.advice,
        "steps": [
            {
                "key": step.key,
                "track": step.track.value,
                "when": step.when.value,
                "title": step.title,
                "date": step.date.isoformat(),
                "detail": step.detail,
                "advice": step.advice,
                "passed": step.passed,
                "open": step.open,
                "days_left": step.days_left,
                "now": step.now,
            }
            for step in timeline.steps
        ],
    }
