"""The `bankcalc` command: quote, plans, check-config, serve.

It speaks English or Spanish: `--lang es`, or else the first of $LC_ALL, $LC_MESSAGES and $LANG
that is set ('es_US.UTF-8'), as other commands do. What it prints for families and counselors,
its help texts and its error lines are in that language; argparse's own words ("usage:",
"options:", its error sentences) and what `check-config` and `serve` print for operators
stay English.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from bankcalc import i18n
from bankcalc.catalog.claims import ClaimKind, PublishedQuote
from bankcalc.catalog.loading import CatalogError, load_catalog, load_offer
from bankcalc.catalog.models import Catalog, Plan, term_sources
from bankcalc.catalog.offer import is_entered
from bankcalc.catalog.sources import PriceSource
from bankcalc.contract_wording import (
    TITLE,
    basis_text,
    nothing_text,
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
from bankcalc.i18n import N_, _
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
    when_text,
)

EXIT_USAGE = 2
# Where a command's language comes from when --lang is not given, first set first (POSIX order).
LANGUAGE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command in its language (--lang, else the environment); -> exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    with i18n.speaking(chosen_language(arguments, os.environ)):
        return _main(arguments)


def chosen_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """'es' or 'en': --lang wherever it is given, else $LC_ALL, $LC_MESSAGES, $LANG."""
    # Lenient here: a wrong or missing value is the full parser's to report, with its usage.
    early = argparse.ArgumentParser(prog="bankcalc", add_help=False)
    early.add_argument("--lang", nargs="?")
    known, _rest = early.parse_known_args(argv)
    if known.lang in i18n.LANGUAGES:
        return str(known.lang)
    for name in LANGUAGE_VARIABLES:
        if environ.get(name):
            return i18n.choose(environ[name])
    return i18n.DEFAULT


def _main(argv: Sequence[str]) -> int:
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
            print(f"bankcalc: --{field.replace('_', '-')}: {_reason(problem)}", file=sys.stderr)
        return EXIT_USAGE


_FLAGS = {"horizon": "years", "due_date": "due"}
# pydantic's own words for a number out of bounds stay as they are in English (what this
# command has always printed); in another language they are said in it.
_BOUNDS = {
    "greater_than_equal": ("ge", N_("must be at least {limit}")),
    "less_than_equal": ("le", N_("must be at most {limit}")),
    "greater_than": ("gt", N_("must be more than {limit}")),
    "less_than": ("lt", N_("must be less than {limit}")),
}


def _reason(problem: Mapping[str, Any]) -> str:
    """Why a value was refused: our own messages are already in the current language."""
    bound = _BOUNDS.get(str(problem["type"]))
    context = problem.get("ctx") or {}
    if i18n.language() != i18n.DEFAULT and bound is not None and bound[0] in context:
        return _(bound[1]).format(limit=context[bound[0]])
    return str(problem["msg"]).removeprefix("Value error, ")


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, add_help=False)
    _options(command)
    return command


def _options(parser: argparse.ArgumentParser) -> None:
    """-h in the command's language, and --lang after the command name too."""
    parser.add_argument("-h", "--help", action="help", help=_("show this help message and exit"))
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=argparse.SUPPRESS,
        help=_("language: en or es (default: $LC_ALL, $LC_MESSAGES or $LANG)"),
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bankcalc",
        description=_("The `bankcalc` command: quote, plans, check-config, serve."),
        add_help=False,
    )
    _options(parser)
    parser.add_argument(
        "--plans", help=_("catalog file (default: $BANKCALC_PLANS or the bundled one)")
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    quote = _command(commands, "quote", _("total cost of a plan and its yearly table"))
    which = quote.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", help=_("plan id (see `bankcalc plans`)"))
    which.add_argument(
        "--plan-file",
        help=_("a bank's offer: one plan in the catalog's YAML format, with bank_name"),
    )
    quote.add_argument("--years", default="20", help=_("horizon: 20, '20 years', '240 months'"))
    quote.add_argument("--option", help=_("payment option id; default: pay yearly"))
    quote.add_argument("--escalation", default="0", help=_("yearly storage-fee increase: '3%%'"))
    quote.add_argument("--discount", default="0", help=_("discount rate for present value: '3%%'"))
    # Counts stay text here: the Scenario model reads them as it reads the form's and the API's.
    quote.add_argument("--children", default="1", help=_("children banked at one birth"))
    quote.add_argument(
        "--tax-rate",
        help=_("marginal tax rate, for an FSA/HSA estimate (made only with --known-need)"),
    )
    quote.add_argument("--siblings", help=_("full siblings, for the sibling-match odds"))
    quote.add_argument("--due", help=_("due date YYYY-MM-DD, for the enrollment timeline"))
    quote.add_argument(
        "--known-need",
        choices=["sibling", "parent"],
        help=_(
            "a full sibling or a parent of the baby has a disease a cord blood transplant"
            " treats (e.g. leukemia, sickle cell disease, thalassemia)"
        ),
    )
    quote.add_argument(
        "--dependent-until",
        type=int,
        default=19,
        help=_("age until which the child can be your tax dependent (default 19), for FSA/HSA"),
    )
    quote.set_defaults(run=_quote)

    timeline = _command(commands, "timeline", _("enrollment dates from a due date"))
    timeline.add_argument("--due", required=True, help=_("due date, YYYY-MM-DD"))
    timeline.add_argument("--today", help=_("count from this date instead of today, YYYY-MM-DD"))
    timeline.set_defaults(run=_timeline)

    plans = _command(commands, "plans", _("list the catalog's plans and payment options"))
    plans.set_defaults(run=_plans)

    # For operators: check-config and serve print in English, whatever the language.
    check = _command(commands, "check-config", _("validate a catalog file"))
    check.add_argument("path", nargs="?", help=_("catalog file (default: the one in use)"))
    check.set_defaults(run=_check)

    serve = _command(commands, "serve", _("run the web service"))
    serve.add_argument("--bind", help=_("host:port (default $BANKCALC_BIND or 127.0.0.1:8000)"))
    serve.add_argument(
        "--workers", type=int, help=_("worker processes (default $BANKCALC_WORKERS or 2)")
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
        # Python's own reason, in brackets, stays English
        message = _("expected a date as YYYY-MM-DD ({error})").format(error=error)
        raise QuoteError("due", message) from None
    try:
        print(_render_timeline(enrollment_timeline(due, today)))
    except DueDateError as error:
        raise QuoteError("due", str(error)) from None
    return 0


def _render_timeline(timeline: Timeline) -> str:
    due, today = long_date(timeline.due_date), long_date(timeline.today)
    if timeline.gestational_age:
        heading = _("Due date: {due} (today: {today}, {stage} of pregnancy)").format(
            due=due, today=today, stage=timeline.gestational_age
        )
    else:
        heading = _("Due date: {due} (today: {today})").format(due=due, today=today)
    lines = [heading]
    if timeline.advice:
        lines += ["", _("What to do now: {advice}").format(advice=timeline.advice)]
    titles = {Track.PUBLIC: _("Public donation (free):"), Track.PRIVATE: _("Private banking:")}
    # Spanish dates run longer ("miércoles, 29 de septiembre de 2027")
    width = 28 if i18n.language() == i18n.DEFAULT else 35
    for track, title in titles.items():
        lines += ["", title]
        for step in timeline.track(track):
            state = _("(date passed)") if step.passed else _("(open now)") if step.open else ""
            state = f"{state} " if state else ""
            when = when_text(step.when, f"{long_date(step.date):<{width}}")
            lines.append(f"  {when} {state}{step.title}")
            lines.append(f"      {step.detail}")
            if step.now:
                lines.append("      " + _("Now: {now}").format(now=step.now))
            lines.append("      " + _("Whose advice: {advice}").format(advice=step.advice))
    return "\n".join(lines)


def _render_odds(quote: Quote) -> list[str]:
    lines = ["", _("What the quoted odds mean for this plan:")]
    for odds in quote.odds.claims:
        claim = odds.claim
        if claim.quote is not None:
            lines.append("- " + _("As quoted: “{quote}”").format(quote=claim.quote.text))
            lines += _translation(claim.quote, "    ")
            plain = _("In plain words: {text}").format(text=claim.paraphrase)
            lines.append(f"    {plain}")
        else:
            lines.append("- " + _("In plain words: {text}").format(text=claim.paraphrase))
        said_by = _("Said by: {who} ({grade})").format(
            who=claim.quoted_by, grade=grade_text(claim.grade)
        )
        lines.append(f"    {said_by}")
        if odds.beside:
            lines.append(f"    {odds.label}: {odds.beside}")
        if odds.siblings is not None and odds.siblings.identical:
            lines.append(f"    {odds.siblings.identical}")
        if odds.siblings is not None and odds.siblings.use is not None:
            need = _("Need and match: {summary}").format(summary=odds.siblings.use.summary)
            lines.append(f"    {need}")
        if odds.cost_per_chance is not None:
            if odds.kind is ClaimKind.OBSERVED_USE:
                cost = _("Cost per use: {summary}")
            else:
                cost = _("Cost per chance: {summary}")
            lines.append("    " + cost.format(summary=odds.cost_per_chance.summary))
            lines.append(f"      ({odds.cost_per_chance.note})")
        lines.append("    " + _("Source: {source}").format(source=odds.source.citation))
        lines += ["    " + _("Caveat: {caveat}").format(caveat=caveat) for caveat in odds.caveats]
    for note in quote.notes:
        lines += ["", f"{note.title}:", f"  {note.text}"]
        lines += [
            "  " + _("Source: {source}").format(source=source.citation) for source in note.sources
        ]
    return lines


def _render_routes(quote: Quote) -> list[str]:
    lines: list[str] = []
    routes = [quote.public_donation] if quote.public_donation else []
    for program in [*routes, *quote.programs]:
        if program is quote.public_donation:
            title = _("The free route: {name} ({run_by})")
        else:
            title = _("For your known need: {name} ({run_by})")
        lines += ["", title.format(name=program.name, run_by=program.run_by)]
        lines += [
            "  " + _("Cost: {cost}").format(cost=program.cost),
            "  " + _("Gives: {gives}").format(gives=program.gives),
        ]
        lines += [
            "  " + _("Condition: {condition}").format(condition=condition)
            for condition in program.conditions
        ]
        lines += ["  " + _("Bank: {bank}").format(bank=bank) for bank in program.banks]
        if program is quote.public_donation and program.multiples and quote.scenario.children > 1:
            lines.append(f"  {program.multiples}")
        confirm = _("{confirm} Source: {source}, {date}").format(
            confirm=program.confirm,
            source=program.source.source,
            date=source_date(program.source),
        )
        lines.append(f"  {confirm}")
    if quote.odds.family is not None:
        family = _("For your family: {summary}").format(summary=quote.odds.family.summary)
        lines += ["", family]
        lines.append(f"  {quote.odds.family.positions}")
    return lines


def _render_tax(quote: Quote) -> list[str]:
    tax = quote.tax
    lines = ["", _("Can you pay with an FSA or HSA?")]
    if tax.status is TaxStatus.USUALLY_NOT_ELIGIBLE:
        pass  # the caveats below say so, and why; no saving is estimated
    elif tax.savings is not None and tax.rate is not None:
        saved = _(
            "At most about {saved} saved at {rate}, on {eligible} paid before age {age}, if the"
            " plan accepts all of it; not subtracted from the total"
        ).format(
            saved=format_usd(tax.savings),
            rate=percent_text(tax.rate),
            eligible=format_usd(tax.eligible or ZERO),
            age=tax.dependent_until,
        )
        lines.append(f"  {saved}")
    else:
        may = _(
            "May qualify: {eligible} is paid before age {age}; give --tax-rate for an estimate."
        ).format(eligible=format_usd(tax.eligible or ZERO), age=tax.dependent_until)
        lines.append(f"  {may}")
    lines += [f"  {caveat}" for caveat in tax.caveats]
    if quote.tax_claim is not None and quote.tax_claim.quote is not None:
        says = _("A bank's article says: “{quote}”").format(quote=quote.tax_claim.quote.text)
        lines.append(f"  {says}")
        lines += _translation(quote.tax_claim.quote, "    ")
        lines.append(f"    ({quote.tax_claim.quoted_by})")
    return lines


def _translation(quote: PublishedQuote, indent: str) -> list[str]:
    """Below words quoted in English, bankcalc's translation, where the catalog gives one and
    the output is not in English (as on a page)."""
    if i18n.language() == "en" or not quote.es:
        return []
    return [indent + _("(bankcalc’s translation: {words})").format(words=quote.es)]  # noqa: RUF001 (the msgid)


def _render_quote(quote: Quote, freshness: Freshness) -> str:
    schedule, plan = quote.schedule, quote.plan
    chosen = next(cost for cost in quote.options if cost.option_id == quote.option.id)
    covered, asked = duration_text(schedule.months), duration_text(quote.scenario.horizon)
    lines = [f"{plan.name}: {quote.option.name}"]
    if is_entered(plan):
        lines.append(_(ENTERED_LINE))
    if schedule.capped:
        horizon = _("Horizon: {covered}, the most this way to pay covers (you asked {asked})")
    else:
        horizon = _("Horizon: {covered}")
    lines.append(horizon.format(covered=covered, asked=asked))
    if not chosen.ranked:
        outside = _("Outside every verdict: {reasons}")
        lines.append(outside.format(reasons=reasons_text(chosen.evidence)))
    total = _("Total over {covered}: {total}").format(
        covered=covered, total=format_usd(schedule.total)
    )
    unpublished = unpublished_text(chosen.evidence.unpublished)
    lines += [
        total + (f" ({unpublished})" if unpublished else ""),
        _labelled(_("Present value:"), format_usd(schedule.present_value)),
        _labelled(_("Per year:"), format_usd(schedule.per_year)),
        _labelled(_("Per month:"), format_usd(schedule.per_month)),
    ]
    if chosen.loan is not None:
        loan = loan_text(chosen.loan, quote.scenario.children)
        lines.append(_labelled(_("Installments:"), loan))
    if chosen.resumes is not None:
        resumes = _("After the prepaid years, yearly storage resumes in year {year} at {amount}")
        lines.append(
            resumes.format(year=chosen.resumes.year, amount=format_usd(chosen.resumes.amount))
        )
    lines += [
        _labelled(_("What if:"), what_if_text(w, quote.scenario.children)) for w in quote.what_ifs
    ]
    lines += ["", _("Payment options ({asked} asked):").format(asked=asked)]
    for cost in quote.options:
        lines.append(_option_line(cost, quote))
    if quote.cheapest is None:
        none = _(
            "No way to pay can be named the cheapest: no total rests on published, current"
            " prices for the whole horizon."
        )
        lines.append(f"  {none}")
    if quote.unpriced:
        names = "; ".join(str(option.name) for option in quote.unpriced)
        also = _("Also offered, price not published: {names}").format(names=names)
        lines.append(f"  {also}")
    lines += ["", _table_header()]
    lines += [_table_line(row) for row in schedule.rows]
    lines += ["", _("Prices:"), *_price_sources(plan, freshness)]
    lines += _render_contract(quote)
    lines += _render_routes(quote)
    lines += _render_tax(quote)
    lines += _render_odds(quote)
    if quote.timeline is not None:
        lines += ["", _render_timeline(quote.timeline)]
    return "\n".join(lines)


def _labelled(label: str, value: str) -> str:
    """'Present value:  $1,234.00': labels in one column, as wide as the longest one needs."""
    return f"{label:<16}{value}" if len(label) < 16 else f"{label} {value}"


def _option_line(cost: OptionCost, quote: Quote) -> str:
    notes = [_("over {duration}").format(duration=duration_text(cost.months))]
    if cost.evidence.unpublished:
        notes.append(unpublished_text(cost.evidence.unpublished))
    if cost.break_even_year is not None:
        notes.append(_("beats yearly from year {year}").format(year=cost.break_even_year))
    if not cost.ranked:
        notes.append(not_ranked_text(cost.evidence))
    mark = ""
    if quote.cheapest is not None and cost.option_id == quote.cheapest.option_id:
        alone = sum(option.ranked for option in quote.options) == 1
        mark = "  " + (_("<- the only ranked way to pay") if alone else _("<- cheapest"))
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
        flag = f" [{_out_of_date(stale.detail)}]" if stale else ""
        lines.append(f"  {basis_text(source)}, {source_date(source)}{flag}: {source.source}")
    return lines


def _out_of_date(why: str) -> str:
    """'may be out of date: prices from 2008'."""
    return f"{_(OUT_OF_DATE)}: {why}"


_COLUMNS = (
    N_("year"),
    N_("age"),
    N_("one-time"),
    N_("storage"),
    N_("prepaid"),
    N_("installments"),
    N_("total"),
    N_("cumulative"),
)


def _widths() -> tuple[list[str], int, int, int]:
    """The column names in the current language, and the widths of year, age and amounts."""
    names = [_(column) for column in _COLUMNS]
    return names, max(4, len(names[0])), max(3, len(names[1])), max(13, *map(len, names[2:]))


def _table_header() -> str:
    names, year, age, amount = _widths()
    return f"{names[0]:>{year}} {names[1]:>{age}} " + " ".join(
        f"{name:>{amount}}" for name in names[2:]
    )


def _table_line(row: Row) -> str:
    _names, year, age, width = _widths()
    amounts = (row.one_time, row.storage, row.prepaid, row.installments, row.total, row.cumulative)
    return f"{row.year:>{year}} {row.age:>{age}} " + " ".join(
        f"{format_usd(a):>{width}}" for a in amounts
    )


# ---- contract terms (what the contract says, what to ask) ----------------------------------

ENTERED_LINE = N_(
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
            known.append("    " + _("As published: “{quote}”").format(quote=term.quote))
        source = _("Source: {source}, {date}").format(
            source=term.source.source, date=source_date(term.source)
        )
        known.append(f"    {source}")
    nothing = nothing_text(is_entered(quote.plan))
    lines = ["", _("What the contract says:"), *(known or [f"- {nothing}"])]
    if ask:
        lines += ["", _("What to ask the bank:"), *ask]
    return lines


def _plans(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    judged = Freshness(_today(), catalog.defaults.stale_after)
    for plan in catalog.plans:
        bank = catalog.bank(plan.bank)
        bank_name = bank.name if bank else plan.bank
        stores = _("{bank}; stores {stores}").format(bank=bank_name, stores=stores_text(plan))
        print(f"{plan.id}  {plan.name}  [{stores}]")
        for option in plan.payment_options:
            priced = "" if plan.published_price(option) else "  " + _("(price not published)")
            print(f"    {option.id:<14} {option.name}{priced}")
        stale = staleness(plan.prices, judged)
        flag = f" [{_out_of_date(stale.detail)}]" if stale else ""
        prices = _("prices: {basis}, {date}").format(
            basis=basis_text(plan.prices), date=source_date(plan.prices)
        )
        print(f"    {prices}{flag}")
    return 0


def _check(args: argparse.Namespace) -> int:
    # For operators, in English, as catalog errors are: the catalog's maintainers read these.
    with i18n.speaking(i18n.DEFAULT):
        return _check_catalog(args)


def _check_catalog(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.path or args.plans)
    judged = Freshness(_today(), catalog.defaults.stale_after)
    for entry, where, source in (*catalog.sources(), *term_sources(catalog)):
        stale = staleness(source, judged)
        if stale is None:
            continue
        if entry.startswith("program"):
            why = f"{source_date(source)}; tell families to confirm its terms with the program"
        elif where.startswith("contract_terms"):
            why = f"{source_date(source)}; the pages flag it and tell families to ask the bank"
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
