"""The `bankcalc` command: quote, plans, check-config, serve."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from bankcalc.catalog import Catalog
from bankcalc.config import CatalogError, load_catalog
from bankcalc.costs import Row
from bankcalc.money import format_usd
from bankcalc.quote import Quote, QuoteError, build_quote
from bankcalc.scenario import Scenario

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


_FLAGS = {"horizon": "years", "plan": "plan"}


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
    quote.add_argument("--children", type=int, default=1, help="children banked at one birth")
    quote.add_argument("--tax-rate", help="marginal tax rate if paying through an FSA/HSA")
    quote.set_defaults(run=_quote)

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
            "escalation": args.escalation.replace("%", " %"),
            "discount": args.discount.replace("%", " %"),
            "children": args.children,
            "tax_rate": None if args.tax_rate is None else args.tax_rate.replace("%", " %"),
        }
    )
    print(_render_quote(build_quote(_catalog(args), scenario)))
    return 0


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

    _catalog(args)  # refuse to start on a bad catalog, with its message and no traceback
    return serve(bind=args.bind, workers=args.workers, plans=args.plans)


if __name__ == "__main__":
    raise SystemExit(main())
