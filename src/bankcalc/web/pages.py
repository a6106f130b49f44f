"""The families' pages: the calculator at /, the comparison, the schedule as CSV.

Every page reads the same query string (see web.form), so a shared link reproduces it.
Numbers come from the core (quote, compare, costs); this module only picks templates,
status codes and the date of today, which the core must never read for itself.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, render_template, request
from flask.typing import ResponseReturnValue

from bankcalc import wording
from bankcalc.catalog.models import Catalog
from bankcalc.catalog.programs import Program
from bankcalc.contract_wording import bank_name
from bankcalc.core.compare import compare_plans
from bankcalc.core.quote import Quote, QuoteError, build_quote
from bankcalc.money import format_usd
from bankcalc.web import caching, form, fragments
from bankcalc.web.form import FormState, form_view, read_form
from bankcalc.web.schedule_csv import csv_filename, schedule_csv
from bankcalc.web.state import current_catalog, freshness, today
from bankcalc.web.views import (
    bank_terms,
    compare_notes,
    compare_rows,
    program_views,
    result_view,
)

UNPROCESSABLE = 422

bp = Blueprint("pages", __name__)


def register(app: Flask) -> None:
    """Attach the pages blueprint and the display filters its templates use."""
    app.register_blueprint(bp)
    app.add_template_filter(format_usd, "usd")
    app.add_template_filter(wording.long_date, "long_date")
    app.add_template_filter(wording.short_date, "short_date")
    app.add_template_filter(wording.percent_text, "percent")
    app.add_template_filter(wording.duration_text, "duration")
    app.add_template_filter(wording.ordinal, "ordinal")
    app.add_template_filter(wording.grade_text, "grade")
    app.add_template_global(fragments.offer_fields, "offer_fields")


def _has_due_date() -> bool:
    """A due date is a family's own: its pages stay out of shared caches."""
    return bool(request.args.get("due_date", "").strip())


@bp.get("/")
@caching.cacheable(caching.WHOLE_QUERY, personal=_has_due_date)
def index() -> ResponseReturnValue:
    catalog = current_catalog()
    state = read_form(request.args, catalog)
    if state.landing:
        return render_template("index.html", form=form_view(state, catalog), result=None)
    quote = _price(state, catalog)
    view = form_view(state, catalog)
    if quote is None:
        return render_template("index.html", form=view, result=None), UNPROCESSABLE
    result = result_view(quote, catalog, freshness())
    return render_template("index.html", form=view, result=result)


@bp.get("/compare")
@caching.cacheable(caching.WHOLE_QUERY, personal=_has_due_date)
def compare() -> ResponseReturnValue:
    catalog = current_catalog()
    state = read_form(request.args, catalog, need_plan=False)
    view = form_view(state, catalog)
    if state.assumptions is None:
        return render_template("compare.html", form=view, rows=None), UNPROCESSABLE
    judged = freshness()
    plans = catalog.plans
    if state.offer is not None:  # the family's own offer, beside every catalog plan
        plans = (*plans, state.offer.on(judged.today))
    ranked = compare_plans(plans, state.assumptions.terms_on(judged))
    rows = compare_rows(ranked, catalog, state, judged, plans)
    return render_template(
        "compare.html",
        form=view,
        rows=rows,
        notes=compare_notes(rows),
        public_donation=program_views(_present(catalog.public_donation), judged),
        programs=program_views(catalog.programs_for(_need(state)), judged),
        scenario=state.assumptions,
        today=judged.today,
    )


@bp.get("/terms")
def terms() -> ResponseReturnValue:
    """What each bank's published contract says, for comparison: including banks that
    publish terms but no prices."""
    catalog = current_catalog()
    view = form_view(read_form({}, catalog), catalog)
    banks = bank_terms(catalog, freshness())
    return render_template("terms.html", form=view, banks=banks)


@bp.get("/schedule.csv")
@caching.cacheable(caching.WHOLE_QUERY, personal=_has_due_date)
def schedule_download() -> ResponseReturnValue:
    catalog = current_catalog()
    state = read_form(request.args, catalog)
    if state.landing:
        state.fail("plan", form.guidance("plan"))
    quote = _price(state, catalog)
    if quote is None:
        lines = [f"{name}: {message}" for name, message in state.errors.items()]
        return Response("\n".join(lines) + "\n", UNPROCESSABLE, mimetype="text/plain")
    return Response(
        schedule_csv(quote, bank_name(quote.plan, catalog.bank(quote.plan.bank))),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{csv_filename(quote)}"'},
    )


def _present(program: Program | None) -> tuple[Program, ...]:
    return () if program is None else (program,)


def _need(state: FormState) -> str | None:
    need = state.assumptions.known_need if state.assumptions else None
    return None if need is None else need.value


def _price(state: FormState, catalog: Catalog) -> Quote | None:
    """The quote for a valid form, or None with the problem recorded beside its field."""
    if state.scenario is None:
        return None
    try:
        return build_quote(catalog, state.scenario, today=today())
    except QuoteError as error:
        form.quote_failed(state, error)
        return None
