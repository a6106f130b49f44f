"""POST /api/v1/batches: many scenarios priced in one call, within a documented budget of work.

A batch's cost grows with its scenarios and their horizons: 100 scenarios of 100 years cost a
worker 55-145 ms and answered 3.3 MB. So a batch may ask for at most MAX_SCENARIO_YEARS
scenario-years (each valid scenario's horizon in years, rounded up, added up) and is refused
whole, as a 422 problem saying by how much, when it asks for more; a client that needs only the
totals sends `"detail": "totals"` and gets each quote without its schedule, odds and timeline.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bankcalc.catalog.models import Catalog
from bankcalc.core.quote import QuoteError, build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.terms import Freshness
from bankcalc.i18n import _, ngettext
from bankcalc.units import MONTHS_PER_YEAR
from bankcalc.web.api_base import Out
from bankcalc.web.api_schemas import Problem, QuoteOut, QuoteSummaryOut, quote_out
from bankcalc.web.problems import PROBLEM_TYPE_BASE, FieldError, field_errors

MAX_BATCH = 100
MAX_SCENARIO_YEARS = 2_000  # e.g. 100 scenarios of 20 years, or 20 of 100 years
BULKY = ("schedule", "odds", "timeline")  # what `"detail": "totals"` leaves out


# Items are documented as Scenarios but never fail the batch: an item that is not a valid
# Scenario is kept as the raw object (left to right: a Scenario if it is one, else the
# object) and answered in its own result with its problem.
BatchItem = Annotated[Scenario | dict[str, Any], Field(union_mode="left_to_right")]


class Batch(BaseModel):
    """Up to 100 scenarios priced in one call; each is answered or fails on its own."""

    model_config = ConfigDict(extra="forbid")

    scenarios: list[BatchItem] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description=f"1 to {MAX_BATCH} scenarios, each shaped like the body of POST /quotes (the"
        " first schema) and each validated on its own: an item that is not a valid Scenario"
        " does not fail the batch; its result carries status 422 (or 404 for an unknown plan)"
        f" and a problem. Together at most {MAX_SCENARIO_YEARS:,} scenario-years (each valid"
        " scenario's horizon in years, rounded up, added up), else the whole batch is refused"
        " with a 422",
    )
    detail: Literal["full", "totals"] = Field(
        default="full",
        description="'full': each quote as POST /quotes answers it; 'totals': without its"
        f" {', '.join(BULKY)} (about a tenth of the size)",
    )


class BatchItemOut(Out):
    index: int = Field(description="position of the scenario in the request, from 0")
    status: int = Field(description="200 when priced, 404 or 422 when not")
    quote: QuoteOut | QuoteSummaryOut | None = Field(
        description="the quote, when status is 200 ('totals': without schedule, odds, timeline)"
    )
    problem: Problem | None = Field(description="why not, when status is not 200")


class BatchOut(Out):
    results: list[BatchItemOut] = Field(description="one per scenario, in request order")


class OverBudget(Exception):
    """The batch asks for more work than one request may; str() says how much and the limit."""

    def __init__(self, requested: int) -> None:
        self.requested = requested
        super().__init__(  # raised while answering the request: in its language
            _(
                "this batch asks for {requested} scenario-years (each scenario's horizon in"
                " years, rounded up, added up); one batch may ask for at most {budget}: split"
                " it, or shorten the horizons"
            ).format(requested=f"{requested:,}", budget=f"{MAX_SCENARIO_YEARS:,}")
        )

    def extra(self) -> dict[str, int]:
        """Problem extension members, for clients that split batches by themselves."""
        return {"budget": MAX_SCENARIO_YEARS, "requested": self.requested}


def price_batch(
    catalog: Catalog, batch: Batch, today: dt.date, freshness: Freshness
) -> dict[str, Any]:
    """Each scenario priced or refused on its own -> the BatchOut dict. Raises OverBudget,
    before pricing anything, when the valid scenarios ask for too many scenario-years."""
    parsed: list[Scenario | ValidationError] = []
    for raw in batch.scenarios:
        try:
            parsed.append(raw if isinstance(raw, Scenario) else Scenario.model_validate(raw))
        except ValidationError as error:
            parsed.append(error)
    requested = sum(
        -(-item.horizon // MONTHS_PER_YEAR) for item in parsed if isinstance(item, Scenario)
    )
    if requested > MAX_SCENARIO_YEARS:
        raise OverBudget(requested)
    results = []
    for index, item in enumerate(parsed):
        entry: dict[str, Any] = {"index": index, "status": 200, "quote": None, "problem": None}
        try:
            if isinstance(item, ValidationError):
                raise item
            quote = build_quote(catalog, item, today)
            entry["quote"] = _shaped(
                quote_out(quote, catalog.bank(quote.plan.bank), freshness), batch
            )
        except (ValidationError, QuoteError) as error:
            entry |= _problem(error, index)
        results.append(entry)
    return {"results": results}


def _shaped(quote: dict[str, Any], batch: Batch) -> dict[str, Any]:
    if batch.detail == "full":
        return quote
    return {key: value for key, value in quote.items() if key not in BULKY}


def _problem(error: ValidationError | QuoteError, index: int) -> dict[str, Any]:
    errors = field_errors(error, prefix=("scenarios", index))
    status = 404 if isinstance(error, QuoteError) and error.field == "plan" else 422
    count = len(errors)
    detail = (
        errors[0].message
        if count == 1
        else ngettext("{count} field is invalid", "{count} fields are invalid", count).format(
            count=count
        )
    )
    return {
        "status": status,
        "problem": {
            "type": PROBLEM_TYPE_BASE + ("not-found" if status == 404 else "invalid-input"),
            "title": _("Not found") if status == 404 else _("Invalid input"),
            "status": status,
            "detail": detail,
            "errors": [{"field": e.field, "message": e.message} for e in errors],
        },
    }


def over_budget_errors(error: OverBudget) -> list[FieldError]:
    return [FieldError("scenarios", str(error))]
