"""The families' pages: the calculator at /, the comparison, the schedule as CSV.

Every page reads the same query string (see web.form), so a shared link reproduces it.
Numbers come from the core (quote, compare, costs); this module only picks templates,
status codes and the date of today, which the core must never read for itself.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, render_template, request
from flask.typing import ResponseReturnValue

from bankcalc.catalog.models import Catalog
from bankcalc.core.compare import compare_plans
from bankcalc.core.quote import Quote, QuoteError, build_quote
from bankcalc.money import format_usd
from bankcalc.web import caching, form, wording
from bankcalc.web.form import FormState, form_view, read_form
from bankcalc.web.schedule_csv import csv_filename, schedule_csv
from bankcalc.web.state import current_catalog, today
from bankcalc.web.views import compare_rows, result_view

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


def _has_due_date() -> bool:
    """A due date shows the timeline (and is checked against today): the answer is dated."""
    return bool(request.args.get("due_date", "").strip())


@bp.get("/")
@caching.cacheable(form.FIELDS, dated=_has_due_date)
def index() -> ResponseReturnValue:
    catalog = current_catalog()
    state = read_form(request.args, catalog)
    quote = _price(state, catalog)
    view = form_view(state, catalog)
    if quote is None:
        return render_template("index.html", form=view, result=None), UNPROCESSABLE
    return render_template("index.html", form=view, result=result_view(quote, catalog))


@bp.get("/compare")
@caching.cacheable(form.FIELDS, dated=_has_due_date)
def compare() -> ResponseReturnValue:
    catalog = current_catalog()
    state = read_form(request.args, catalog)
    view = form_view(state, catalog)
    if state.scenario is None:
        return render_template("compare.html", form=view, rows=None), UNPROCESSABLE
    ranked = compare_plans(catalog.plans, state.scenario.terms)
    rows = compare_rows(ranked, catalog, state)
    return render_template("compare.html", form=view, rows=rows, scenario=state.scenario)


@bp.get("/schedule.csv")
@caching.cacheable(form.FIELDS, dated=_has_due_date)
def schedule_download() -> ResponseReturnValue:
    catalog = current_catalog()
    state = read_form(request.args, catalog)
    quote = _price(state, catalog)
    if quote is None:
        lines = [f"{name}: {message}" for name, message in state.errors.items()]
        return Response("\n".join(lines) + "\n", UNPROCESSABLE, mimetype="text/plain")
    return Response(
        schedule_csv(quote),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{csv_filename(quote)}"'},
    )


def _price(state: FormState, catalog: Catalog) -> Quote | None:
    """The quote for a valid form, or None with the problem recorded beside its field."""
    if state.scenario is None:
        return None
    try:
        return build_quote(catalog, state.scenario, today=today())
    except QuoteError as error:
        form.quote_failed(state, error)
        return None
