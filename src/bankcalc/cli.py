"""The `bankcalc` command: quote, plans, check-config, serve."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from bankcalc.catalog.loading import CatalogError, load_catalog
from bankcalc.catalog.models import Catalog
from bankcalc.core.costs import Row
from bankcalc.core.odds import OddsReport
from bankcalc.core.quote import Quote, QuoteError, build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.timeline import DueDateError, Timeline, enrollment_timeline
from bankcalc.money import format_usd

EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except CatalogError as error:
        print(f"bankcalc: {error}", file=sys.stderr)
        return EXIT_USAGE
    except QuoteError as error:
        print(f"bankcalc: --{error.field}: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            field = ".".join(str(part) for part in problem["loc"]) or "input"
            field = _FLAGS.get(field, field)
            reason = str(problem["msg"]).removeprefix("Value error, ")
            print(f"bankcalc: --{field.replace('_', '-')}: {reason}", file=sys.stderr)
        return EXIT_USAGE


_FLAGS = {"horizon": "years", "due_date": "due"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bankcalc", description=__doc__)
    parser.add_argument(
        "--plans", help="catalog file (default: $BANKCALC_PLANS or the bundled one)"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    quote = commands.add_parser("quote", help="total cost of a plan and its yearly table")
    quote.add_argument("--plan", required=True, help="plan id (see `bankcalc plans`)")
    quote.add_argument("--years", default="20", help="horizon: 20, '20 years', '240 months'")
    quote.add_argument("--option", help="payment option id; default: pay yearly")
    quote.add_argument("--escalation", default="0", help="yearly storage-fee increase: '3%%'")
    quote.add_argument("--discount", default="0", help="discount rate for present value: '3%%'")
    # Counts stay text here: the Scenario model reads them as it reads the form's and the API's.
    quote.add_argument("--children", default="1", help="children banked at one birth")
    quote.add_argument("--tax-rate", help="marginal tax rate if paying through an FSA/HSA")
    quote.add_argument("--siblings", help="full siblings, for the sibling-match odds")
    quote.add_argument("--due", help="due date YYYY-MM-DD, for the enrollment timeline")
    quote.set_defaults(run=_quote)

    timeline = commands.add_parser("timeline", help="enrollment dates from a due date")
    timeline.add_argument("--due", required=True, help="due date, YYYY-MM-DD")
    timeline.add_argument("--today", help="count from this date instead of today, YYYY-MM-DD")
    timeline.set_defaults(run=_timeline)

    plans = commands.add_parser("plans", help="list the catalog's plans and payment options")
    plans.set_defaults(run=_plans)

    check = commands.add_parser("check-config", help="validate a catalog file")
    check.add_argument("path", nargs="?", help="catalog file (default: the one in use)")
    check.set_defaults(run=_check)

    serve = commands.add_parser("serve", help="run the web service")
    serve.add_argument("--bind", help="host:port (default $BANKCALC_BIND or 127.0.0.1:8000)")
    serve.add_argument(
        "--workers", type=int, help="worker processes (default $BANKCALC_WORKERS or 2)"
    )
    serve.set_defaults(run=_serve)
    return parser


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(args.plans)


def _quote(args: argparse.Namespace) -> int:
    scenario = Scenario.model_validate(
        {
            "plan": args.plan,
            "option": args.option,
            "horizon": args.years,
            "escalation": args.escalation,
            "discount": args.discount,
            "children": args.children,
            "tax_rate": args.tax_rate,
            "siblings": args.siblings,
            "due_date": args.due,
        }
    )
    print(_render_quote(build_quote(_catalog(args), scenario, _today())))
    return 0


def _today(text: str | None = None) -> dt.date:
    return dt.date.fromisoformat(text) if text else dt.datetime.now().astimezone().date()


def _timeline(args: argparse.Namespace) -> int:
    try:
        due, today = dt.date.fromisoformat(args.due), _today(args.today)
    except ValueError as error:
        raise QuoteError("due", f"expected a date as YYYY-MM-DD ({error})") from None
    try:
        print(_render_timeline(enrollment_timeline(due, today)))
    except DueDateError as error:
        raise QuoteError("due", str(error)) from None
    return 0


def _render_timeline(timeline: Timeline) -> str:
    lines = [
        f"Due date: {_long_date(timeline.due_date)} (today: {_long_date(timeline.today)},"
        f" {timeline.gestational_age} of pregnancy)"
    ]
    for step in timeline.steps:
        state = "LATE: " if step.late else ""
        lines.append(f"  {_long_date(step.date):<28} {state}{step.title}")
        lines.append(f"      {step.detail}")
    lines.append(f"Source: {timeline.steps[0].source}")
    return "\n".join(lines)


def _long_date(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day:%Y}"


def _render_odds(report: OddsReport) -> list[str]:
    lines = ["", "What the quoted odds mean for this plan:"]
    for odds in report.claims:
        lines.append(f"- {odds.statement}")
        if odds.beside:
            lines.append(f"    For this plan: {odds.beside}")
        if odds.cost_per_chance is not None:
            lines.append(f"    Cost per chance: {odds.cost_per_chance.summary}")
        lines.append(f"    Source: {odds.source.citation}")
        lines += [f"    Caveat: {caveat}" for caveat in odds.caveats]
    return lines


def _render_quote(quote: Quote) -> str:
    schedule = quote.schedule
    lines = [
        f"{quote.plan.name}: {quote.option.name}",
        f"Horizon: {schedule.months} months{' (capped by the plan)' if schedule.capped else ''}",
        f"Total:          {format_usd(schedule.total)}",
        f"Present value:  {format_usd(schedule.present_value)}",
        f"Per year:       {format_usd(schedule.per_year)}",
        f"Per month:      {format_usd(schedule.per_month)}",
    ]
    if quote.tax is not None:
        lines.append(
            f"FSA/HSA saving: {format_usd(quote.tax.savings)} (estimate: {quote.tax.caveat})"
        )
    lines += ["", "Payment options over the same horizon:"]
    for cost in quote.options:
        even = (
            ""
            if cost.break_even_year is None
            else f", beats yearly from year {cost.break_even_year}"
        )
        mark = "  <- cheapest" if cost.option_id == quote.cheapest.option_id else ""
        lines.append(f"  {cost.option_id:<14} {format_usd(cost.total):>14}{even}{mark}")
    lines += ["", _table_header()]
    lines += [_table_line(row) for row in schedule.rows]
    lines.append(f"Prices: {quote.plan.prices.source}, as of {quote.plan.prices.as_of.isoformat()}")
    lines += _render_odds(quote.odds)
    if quote.timeline is not None:
        lines += ["", _render_timeline(quote.timeline)]
    return "\n".join(lines)


_COLUMNS = ("year", "age", "one-time", "storage", "prepaid", "installments", "total", "cumulative")


def _table_header() -> str:
    return f"{_COLUMNS[0]:>4} {_COLUMNS[1]:>3} " + " ".join(f"{c:>13}" for c in _COLUMNS[2:])


def _table_line(row: Row) -> str:
    amounts = (row.one_time, row.storage, row.prepaid, row.installments, row.total, row.cumulative)
    return f"{row.year:>4} {row.age:>3} " + " ".join(f"{format_usd(a):>13}" for a in amounts)


def _plans(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    for plan in catalog.plans:
        bank = catalog.bank(plan.bank)
        stores = ", ".join(item.value.replace("_", " ") for item in plan.stores)
        print(f"{plan.id}  {plan.name}  [{bank.name if bank else plan.bank}; stores {stores}]")
        for option in plan.payment_options:
            print(f"    {option.id:<14} {option.name}")
        print(f"    prices: {plan.prices.basis.value}, as of {plan.prices.as_of.isoformat()}")
    return 0


def _check(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.path or args.plans)
    print(f"ok: {len(catalog.banks)} banks, {len(catalog.plans)} plans")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from bankcalc.serve import serve

    return serve(bind=args.bind, workers=args.workers, plans=args.plans)


if __name__ == "__main__":
    raise SystemExit(main())
