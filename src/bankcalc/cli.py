"""The `bankcalc` command: quote, plans, check-config, serve."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from bankcalc.catalog.claims import ClaimKind
from bankcalc.catalog.loading import CatalogError, load_catalog, load_offer
from bankcalc.catalog.models import Catalog, Plan
from bankcalc.catalog.offer import is_entered
from bankcalc.catalog.sources import PriceSource
from bankcalc.contract_wording import (
    NOTHING_ENTERED,
    NOTHING_FOUND,
    TITLE,
    basis_text,
    question_text,
    what_if_text,
)
from bankcalc.core.costs import OptionCost, Row
from bankcalc.core.evidence import staleness
from bankcalc.core.quote import Quote, QuoteError, build_quote
from bankcalc.core.scenario import Scenario
from bankcalc.core.tax import TaxStatus
from bankcalc.core.terms import Freshness
from bankcalc.core.timeline import DueDateError, Timeline, Track, enrollment_timeline
from bankcalc.money import ZERO, format_usd
from bankcalc.wording import (
    OUT_OF_DATE,
    duration_text,
    grade_text,
    loan_text,
    long_date,
    not_ranked_text,
    percent_text,
    reasons_text,
    source_date,
    stores_text,
    unpublished_text,
)

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
    which = quote.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", help="plan id (see `bankcalc plans`)")
    which.add_argument(
        "--plan-file", help="a bank's offer: one plan in the catalog's YAML format, with bank_name"
    )
    quote.add_argument("--years", default="20", help="horizon: 20, '20 years', '240 months'")
    quote.add_argument("--option", help="payment option id; default: pay yearly")
    quote.add_argument("--escalation", default="0", help="yearly storage-fee increase: '3%%'")
    quote.add_argument("--discount", default="0", help="discount rate for present value: '3%%'")
    # Counts stay text here: the Scenario model reads them as it reads the form's and the API's.
    quote.add_argument("--children", default="1", help="children banked at one birth")
    quote.add_argument(
        "--tax-rate",
        help="marginal tax rate, for an FSA/HSA estimate (made only with --known-need)",
    )
    quote.add_argument("--siblings", help="full siblings, for the sibling-match odds")
    quote.add_argument("--due", help="due date YYYY-MM-DD, for the enrollment timeline")
    quote.add_argument(
        "--known-need",
        choices=["sibling", "parent"],
        help="a full sibling or a parent of the baby has a disease a cord blood transplant"
        " treats (e.g. leukemia, sickle cell disease, thalassemia)",
    )
    quote.add_argument(
        "--dependent-until",
        type=int,
        default=19,
        help="age until which the child can be your tax dependent (default 19), for FSA/HSA",
    )
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
    offer = None if args.plan_file is None else load_offer(args.plan_file)
    scenario = Scenario.model_validate(
        {
            "plan": offer or args.plan,
            "option": args.option,
            "horizon": args.years,
            "escalation": args.escalation,
            "discount": args.discount,
            "children": args.children,
            "tax_rate": args.tax_rate,
            "siblings": args.siblings,
            "due_date": args.due,
            "known_need": args.known_need,
            "dependent_until": args.dependent_until,
        }
    )
    catalog, today = _catalog(args), _today()
    quote = build_quote(catalog, scenario, today)
    print(_render_quote(quote, Freshness(today, catalog.defaults.stale_after)))
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
    stage = f", {timeline.gestational_age} of pregnancy" if timeline.gestational_age else ""
    lines = [
        f"Due date: {long_date(timeline.due_date)} (today: {long_date(timeline.today)}{stage})"
    ]
    if timeline.advice:
        lines += ["", f"What to do now: {timeline.advice}"]
    titles = {Track.PUBLIC: "Public donation (free):", Track.PRIVATE: "Private banking:"}
    for track, title in titles.items():
        lines += ["", title]
        for step in timeline.track(track):
            state = "(date passed) " if step.passed else "(open now) " if step.open else ""
            lines.append(f"  {step.when.value} {long_date(step.date):<28} {state}{step.title}")
            lines.append(f"      {step.detail}")
            if step.now:
                lines.append(f"      Now: {step.now}")
            lines.append(f"      Whose advice: {step.advice}")
    return "\n".join(lines)


def _render_odds(quote: Quote) -> list[str]:
    lines = ["", "What the quoted odds mean for this plan:"]
    for odds in quote.odds.claims:
        claim = odds.claim
        if claim.quote is not None:
            lines.append(f"- As quoted: “{claim.quote.text}”")
            lines.append(f"    In plain words: {claim.paraphrase}")
        else:
            lines.append(f"- In plain words: {claim.paraphrase}")
        lines.append(f"    Said by: {claim.quoted_by} ({grade_text(claim.grade)})")
        if odds.beside:
            lines.append(f"    {odds.label}: {odds.beside}")
        if odds.siblings is not None and odds.siblings.identical:
            lines.append(f"    {odds.siblings.identical}")
        if odds.siblings is not None and odds.siblings.use is not None:
            lines.append(f"    Need and match: {odds.siblings.use.summary}")
        if odds.cost_per_chance is not None:
            name = "Cost per use" if odds.kind is ClaimKind.OBSERVED_USE else "Cost per chance"
            lines.append(f"    {name}: {odds.cost_per_chance.summary}")
            lines.append(f"      ({odds.cost_per_chance.note})")
        lines.append(f"    Source: {odds.source.citation}")
        lines += [f"    Caveat: {caveat}" for caveat in odds.caveats]
    for note in quote.notes:
        lines += ["", f"{note.title}:", f"  {note.text}"]
        lines += [f"  Source: {source.citation}" for source in note.sources]
    return lines


def _render_routes(quote: Quote) -> list[str]:
    lines: list[str] = []
    routes = [quote.public_donation] if quote.public_donation else []
    for program in [*routes, *quote.programs]:
        title = "The free route" if program is quote.public_donation else "For your known need"
        lines += ["", f"{title}: {program.name} ({program.run_by})"]
        lines += [f"  Cost: {program.cost}", f"  Gives: {program.gives}"]
        lines += [f"  Condition: {condition}" for condition in program.conditions]
        lines += [f"  Bank: {bank}" for bank in program.banks]
        if program is quote.public_donation and program.multiples and quote.scenario.children > 1:
            lines.append(f"  {program.multiples}")
        lines.append(
            f"  {program.confirm} Source: {program.source.source}, {source_date(program.source)}"
        )
    if quote.odds.family is not None:
        lines += ["", f"For your family: {quote.odds.family.summary}"]
        lines.append(f"  {quote.odds.family.positions}")
    return lines


def _render_tax(quote: Quote) -> list[str]:
    tax = quote.tax
    lines = ["", "Can you pay with an FSA or HSA?"]
    if tax.status is TaxStatus.USUALLY_NOT_ELIGIBLE:
        pass  # the caveats below say so, and why; no saving is estimated
    elif tax.savings is not None and tax.rate is not None:
        lines.append(
            f"  At most about {format_usd(tax.savings)} saved at {percent_text(tax.rate)}, on"
            f" {format_usd(tax.eligible or ZERO)} paid before age {tax.dependent_until}, if the"
            " plan accepts all of it; not subtracted from the total"
        )
    else:
        lines.append(
            f"  May qualify: {format_usd(tax.eligible or ZERO)} is paid before age"
            f" {tax.dependent_until}; give --tax-rate for an estimate."
        )
    lines += [f"  {caveat}" for caveat in tax.caveats]
    if quote.tax_claim is not None and quote.tax_claim.quote is not None:
        lines.append(f"  A bank's article says: “{quote.tax_claim.quote.text}”")
        lines.append(f"    ({quote.tax_claim.quoted_by})")
    return lines


def _render_quote(quote: Quote, freshness: Freshness) -> str:
    schedule, plan = quote.schedule, quote.plan
    chosen = next(cost for cost in quote.options if cost.option_id == quote.option.id)
    covered, asked = duration_text(schedule.months), duration_text(quote.scenario.horizon)
    lines = [f"{plan.name}: {quote.option.name}"]
    if is_entered(plan):
        lines.append(ENTERED_LINE)
    if schedule.capped:
        lines.append(f"Horizon: {covered}, the most this way to pay covers (you asked {asked})")
    else:
        lines.append(f"Horizon: {covered}")
    if not chosen.ranked:
        lines.append(f"Outside every verdict: {reasons_text(chosen.evidence)}")
    unpublished = unpublished_text(chosen.evidence.unpublished)
    lines += [
        f"Total over {covered}: {format_usd(schedule.total)}"
        + (f" ({unpublished})" if unpublished else ""),
        f"Present value:  {format_usd(schedule.present_value)}",
        f"Per year:       {format_usd(schedule.per_year)}",
        f"Per month:      {format_usd(schedule.per_month)}",
    ]
    if chosen.loan is not None:
        lines.append(f"Installments:   {loan_text(chosen.loan, quote.scenario.children)}")
    if chosen.resumes is not None:
        lines.append(
            f"After the prepaid years, yearly storage resumes in year {chosen.resumes.year}"
            f" at {format_usd(chosen.resumes.amount)}"
        )
    lines += [f"What if:        {what_if_text(w, quote.scenario.children)}" for w in quote.what_ifs]
    lines += ["", f"Payment options ({asked} asked):"]
    for cost in quote.options:
        lines.append(_option_line(cost, quote))
    if quote.cheapest is None:
        lines.append(
            "  No way to pay can be named the cheapest: no total rests on published, current"
            " prices for the whole horizon."
        )
    if quote.unpriced:
        names = "; ".join(option.name for option in quote.unpriced)
        lines.append(f"  Also offered, price not published: {names}")
    lines += ["", _table_header()]
    lines += [_table_line(row) for row in schedule.rows]
    lines += ["", "Prices:", *_price_sources(plan, freshness)]
    lines += _render_contract(quote)
    lines += _render_routes(quote)
    lines += _render_tax(quote)
    lines += _render_odds(quote)
    if quote.timeline is not None:
        lines += ["", _render_timeline(quote.timeline)]
    return "\n".join(lines)


def _option_line(cost: OptionCost, quote: Quote) -> str:
    notes = [f"over {duration_text(cost.months)}"]
    if cost.evidence.unpublished:
        notes.append(unpublished_text(cost.evidence.unpublished))
    if cost.break_even_year is not None:
        notes.append(f"beats yearly from year {cost.break_even_year}")
    if not cost.ranked:
        notes.append(not_ranked_text(cost.evidence))
    mark = ""
    if quote.cheapest is not None and cost.option_id == quote.cheapest.option_id:
        alone = sum(option.ranked for option in quote.options) == 1
        mark = "  <- the only ranked way to pay" if alone else "  <- cheapest"
    return f"  {cost.option_id:<14} {format_usd(cost.total):>14}  {'; '.join(notes)}{mark}"


def _price_sources(plan: Plan, freshness: Freshness) -> list[str]:
    """Each distinct source of the plan's prices, with its basis, date and age."""
    seen: list[PriceSource] = []
    for source in [plan.prices, *(fee.source for fee in plan.one_time_fees)] + [
        getattr(option, "source", None) for option in plan.payment_options
    ]:
        if source is not None and source not in seen:
            seen.append(source)
    lines = []
    for source in seen:
        stale = staleness(source, freshness)
        flag = f" [{OUT_OF_DATE}: {stale.detail}]" if stale else ""
        lines.append(f"  {basis_text(source)}, {source_date(source)}{flag}: {source.source}")
    return lines


_COLUMNS = ("year", "age", "one-time", "storage", "prepaid", "installments", "total", "cumulative")


def _table_header() -> str:
    return f"{_COLUMNS[0]:>4} {_COLUMNS[1]:>3} " + " ".join(f"{c:>13}" for c in _COLUMNS[2:])


def _table_line(row: Row) -> str:
    amounts = (row.one_time, row.storage, row.prepaid, row.installments, row.total, row.cumulative)
    return f"{row.year:>4} {row.age:>3} " + " ".join(f"{format_usd(a):>13}" for a in amounts)


# ---- contract terms (what the contract says, what to ask) ----------------------------------

ENTERED_LINE = (
    "These are your own figures, from the bank's offer you entered; bankcalc has not checked"
    " them. The verdicts treat them as the bank's own prices."
)


def _render_contract(quote: Quote) -> list[str]:
    """Known terms with their source, then the questions to ask for the rest."""
    known, ask = [], []
    for topic, term in quote.contract.topics():
        if term is None:
            ask.append(f"- {TITLE[topic]}: {question_text(topic)}")
            continue
        known.append(f"- {TITLE[topic]}: {term.says}")
        if term.quote:
            known.append(f"    As published: “{term.quote}”")
        known.append(f"    Source: {term.source.source}, {source_date(term.source)}")
    nothing = NOTHING_ENTERED if is_entered(quote.plan) else NOTHING_FOUND
    lines = ["", "What the contract says:", *(known or [f"- {nothing}"])]
    if ask:
        lines += ["", "What to ask the bank:", *ask]
    return lines


def _plans(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    judged = Freshness(_today(), catalog.defaults.stale_after)
    for plan in catalog.plans:
        bank = catalog.bank(plan.bank)
        bank_name = bank.name if bank else plan.bank
        print(f"{plan.id}  {plan.name}  [{bank_name}; stores {stores_text(plan)}]")
        for option in plan.payment_options:
            priced = "" if plan.published_price(option) else "  (price not published)"
            print(f"    {option.id:<14} {option.name}{priced}")
        stale = staleness(plan.prices, judged)
        flag = f" [{OUT_OF_DATE}: {stale.detail}]" if stale else ""
        print(f"    prices: {basis_text(plan.prices)}, {source_date(plan.prices)}{flag}")
    return 0


def _check(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.path or args.plans)
    judged = Freshness(_today(), catalog.defaults.stale_after)
    for entry, where, source in catalog.sources():
        stale = staleness(source, judged)
        if stale is None:
            continue
        if entry.startswith("program"):
            why = f"{source_date(source)}; tell families to confirm its terms with the bank"
        else:
            why = f"{stale.detail}; its totals stay out of every verdict"
        print(f"bankcalc: warning: {entry}: {where}: {OUT_OF_DATE} ({why})", file=sys.stderr)
    print(f"ok: {len(catalog.banks)} banks, {len(catalog.plans)} plans")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from bankcalc.serve import serve

    return serve(bind=args.bind, workers=args.workers, plans=args.plans)


if __name__ == "__main__":
    raise SystemExit(main())
