"""The API's shapes for quoted claims, horizon-matched odds and the enrollment timeline.

Probabilities travel as an exact fraction ("23/5000") with the same "1 in N" and percentage
text the page and the command line show, all formatted once by bankcalc.core.odds.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from pydantic import Field

from bankcalc.catalog.claims import AgeTable, Claim, Source
from bankcalc.core.odds import ClaimOdds, OddsReport, ProbabilityText, format_probability
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


class ClaimOut(Out):
    id: str
    kind: str
    grade: str = Field(description="population statistic, expert estimate, marketing claim...")
    statement: str = Field(description="exactly as quoted to families")
    quoted_by: str
    probability: ProbabilityOut | None
    odds_as_quoted: str | None
    source: ClaimSourceOut
    measures: MeasuresOut | None
    caveats: list[str] = Field(description="what the figure does not mean, in plain language")
    age_table: AgeTableOut | None
    range: RangeOut | None


class ClaimList(Out):
    claims: list[ClaimOut]


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


class SiblingOut(Out):
    siblings: int
    probability: ProbabilityOut
    summary: str
    explanation: str


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
    statement: str
    quoted_by: str
    quoted: ProbabilityOut | None = Field(description="the quoted figure, as a probability")
    source: ClaimSourceOut
    caveats: list[str]
    horizon: HorizonOut | None = Field(description="the same odds for this plan's horizon")
    range: RangeOddsOut | None
    siblings: SiblingOut | None
    cost_per_chance: CostPerChanceOut | None = Field(
        description="total cost / probability: what banking families pay together per child"
        " who needs it within the horizon"
    )
    beside: str = Field(description="one line to show beside the quoted statement")


class OddsOut(Out):
    age_months: int = Field(description="the child's age at the end of the horizon")
    siblings: int | None
    claims: list[ClaimOddsOut]


class StepOut(Out):
    key: str
    title: str
    date: dt.date
    detail: str
    source: str
    late: bool = Field(description="today is already past this date")
    days_left: int


class TimelineOut(Out):
    due_date: dt.date
    today: dt.date
    gestational_age: str | None = Field(
        description="'24 weeks 3 days'; null when the due date is over 40 weeks away"
    )
    steps: list[StepOut] = Field(description="in date order")


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


def claim_out(claim: Claim) -> dict[str, Any]:
    measures = claim.measures
    return {
        "id": claim.id,
        "kind": claim.kind.value,
        "grade": claim.grade.value,
        "statement": claim.statement,
        "quoted_by": claim.quoted_by,
        "probability": None if claim.probability is None else _fraction_out(claim.probability),
        "odds_as_quoted": claim.odds_as_quoted,
        "source": _source_out(claim.source),
        "measures": None if measures is None else measures.model_dump(mode="json"),
        "caveats": list(claim.caveats),
        "age_table": None if claim.age_table is None else _table_out(claim.age_table),
        "range": None
        if claim.range is None
        else {"low": _fraction_out(claim.range.low), "high": _fraction_out(claim.range.high)},
    }


def _claim_odds_out(odds: ClaimOdds) -> dict[str, Any]:
    horizon, spread, siblings, cost = odds.horizon, odds.range, odds.siblings, odds.cost_per_chance
    return {
        "id": odds.id,
        "kind": odds.kind.value,
        "grade": odds.grade.value,
        "statement": odds.statement,
        "quoted_by": odds.quoted_by,
        "quoted": None if odds.quoted is None else probability_out(odds.quoted),
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
            "probability": probability_out(siblings.text),
            "summary": siblings.summary,
            "explanation": siblings.explanation,
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
    }


def odds_out(report: OddsReport) -> dict[str, Any]:
    return {
        "age_months": report.age_months,
        "siblings": report.siblings,
        "claims": [_claim_odds_out(odds) for odds in report.claims],
    }


def timeline_out(timeline: Timeline | None) -> dict[str, Any] | None:
    if timeline is None:
        return None
    return {
        "due_date": timeline.due_date.isoformat(),
        "today": timeline.today.isoformat(),
        "gestational_age": timeline.gestational_age,
        "steps": [
            {
                "key": step.key,
                "title": step.title,
                "date": step.date.isoformat(),
                "detail": step.detail,
                "source": step.source,
                "late": step.late,
                "days_left": step.days_left,
            }
            for step in timeline.steps
        ],
    }
