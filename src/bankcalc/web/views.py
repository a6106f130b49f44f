"""View models for the result and comparison pages: the core's numbers, arranged and worded
for the templates. Nothing is computed here but layout and words."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bankcalc import i18n
from bankcalc.catalog.kinds import FeeKind
from bankcalc.catalog.models import (
    Catalog,
    Fee,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
)
from bankcalc.catalog.notes import Note
from bankcalc.catalog.offer import is_entered, is_entered_source
from bankcalc.catalog.programs import Program
from bankcalc.catalog.sources import PriceSource
from bankcalc.contract_wording import bank_name, basis_text
from bankcalc.core.compare import PlanCost
from bankcalc.core.costs import OptionCost, all_schedules
from bankcalc.core.evidence import staleness
from bankcalc.core.quote import Quote
from bankcalc.core.terms import Freshness
from bankcalc.i18n import _, ngettext
from bankcalc.money import format_usd
from bankcalc.web.charts import Chart, Line, cumulative_chart
from bankcalc.web.contract_view import ContractView, contract_view
from bankcalc.web.form import FormState
from bankcalc.wording import (
    FEE_TEXT,
    duration_text,
    loan_text,
    not_ranked_text,
    percent_text,
    reasons_text,
    short_label,
    source_date,
    stores_text,
    unpublished_text,
)


@dataclass(frozen=True, slots=True)
class SourceView:
    number: int  # footnote number on the page, from 1
    source: PriceSource
    basis: str  # BASIS_TEXT
    dated: str  # "published 4 August 2008" / "undated, read on 25 November 2026"
    out_of_date: str  # "" or why it may be out of date: "prices from 2008"
    entered: bool = False  # the figures of an offer the family entered


@dataclass(frozen=True, slots=True)
class ProgramView:
    program: Program
    dated: str  # "published February 14, 2013" / "undated, read on November 26, 2026"
    out_of_date: bool  # terms may have changed: say so beside them


def program_views(programs: Sequence[Program], freshness: Freshness) -> tuple[ProgramView, ...]:
    return tuple(
        ProgramView(p, source_date(p.source), staleness(p.source, freshness) is not None)
        for p in programs
    )


@dataclass(frozen=True, slots=True)
class PriceLine:
    what: str
    amount: str  # "$1,500.00 per child", or "amount not published"
    detail: str
    source: SourceView


@dataclass(frozen=True, slots=True)
class OptionRow:
    cost: OptionCost
    label: str  # short label, as at the chart line's end
    chosen: bool
    cheapest: bool
    line: Line  # the chart line, for the key's sample of its pattern
    horizon: str  # the horizon this total covers, "20 years"
    unpublished: str  # "plus kit and shipping, amount not published", or ""
    not_ranked: str  # "not ranked: the lifetime price is illustrative", or ""
    reasons: str  # the same reasons alone: "the lifetime price is illustrative"
    loan: str  # "24 monthly payments of $67.00 at 0 % APR: ...", or ""


@dataclass(frozen=True, slots=True)
class ResultView:
    quote: Quote
    bank: str
    stores: str
    horizon: str  # the horizon the chosen option's figures cover, "20 years"
    asked: str  # the horizon asked for
    chosen: OptionRow
    cheapest: OptionRow | None  # None: no option may carry a verdict
    options: tuple[OptionRow, ...]
    not_ranked: tuple[OptionRow, ...]  # the options kept out of the verdict, with reasons
    ranked_count: int  # options that may carry a verdict: "cheapest" needs two of them
    illustrative: bool  # the chosen total rests on an illustrative price: never a headline
    unpriced: tuple[str, ...]  # names of options offered without a published price
    length_not_stated: bool  # the chosen option is (or pays for) a lifetime of unstated length
    stored_notes: tuple[Note, ...]  # what the plan's stored tissues mean today
    source_notes: tuple[Note, ...]  # context for an article its prices cite
    cited_notes: tuple[Note, ...]  # context for an article the claims cite (the odds panel)
    public_donation: ProgramView | None  # the free route, never ranked with private plans
    programs: tuple[ProgramView, ...]  # directed-donation programs for a known need
    chart: Chart
    columns: tuple[str, ...]  # Row attributes shown in the year-by-year table
    prices: tuple[PriceLine, ...]
    sources: tuple[SourceView, ...]
    # the contract: known terms, questions, "what if" figures (web.contract_view)
    contract: ContractView
    entered: bool  # the plan is a bank's offer entered by the family, not the catalog's
    fixed_but_rising: bool  # the contract fixes the storage fee, yet an increase is assumed


def result_view(quote: Quote, catalog: Catalog, freshness: Freshness) -> ResultView:
    """The numbers of a quote, arranged for the page; nothing is computed here but layout."""
    plan, terms = quote.plan, quote.scenario.terms
    schedules = all_schedules(plan, terms)
    # a line whose total is kept out of the verdict is marked, and the caption says why
    series = [
        (str(o.name), short_label(o) + ("" if cost.ranked else " *"), sched)
        for o, cost, sched in zip(plan.priced_options, quote.options, schedules, strict=True)
    ]
    chart = cumulative_chart(series)
    cheapest_id = quote.cheapest.option_id if quote.cheapest else None
    rows = tuple(
        _option_row(cost, label, line, quote, cost.option_id == cheapest_id)
        for cost, (_, label, _), line in zip(quote.options, series, chart.lines, strict=True)
    )
    prices, sources = price_lines(plan, freshness)
    rising = quote.contract.storage_increase
    return ResultView(
        quote=quote,
        bank=bank_name(plan, None if is_entered(plan) else catalog.bank(plan.bank)),
        stores=stores_text(plan),
        horizon=duration_text(quote.schedule.months),
        asked=duration_text(quote.scenario.horizon),
        chosen=next(row for row in rows if row.chosen),
        cheapest=next((row for row in rows if row.cheapest), None),
        options=rows,
        not_ranked=tuple(row for row in rows if not row.cost.ranked),
        ranked_count=sum(row.cost.ranked for row in rows),
        illustrative=any(
            reason.code == "illustrative"
            for reason in next(row for row in rows if row.chosen).cost.evidence.not_ranked_because
        ),
        unpriced=tuple(str(option.name) for option in quote.unpriced),
        length_not_stated=_length_not_stated(plan, quote.option),
        stored_notes=tuple(n for n in quote.notes if set(n.stores) & set(plan.stores)),
        source_notes=tuple(n for n in quote.notes if n.applies_to((), plan.cited_texts())),
        cited_notes=tuple(n for n in quote.notes if n.applies_to((), _claims_cited(quote))),
        public_donation=next(iter(program_views(_present(quote.public_donation), freshness)), None),
        programs=program_views(quote.programs, freshness),
        chart=chart,
        columns=_table_columns(quote),
        prices=prices,
        sources=sources,
        contract=contract_view(
            quote.contract,
            freshness,
            entered=is_entered(plan),
            what_ifs=quote.what_ifs,
            children=quote.scenario.children,
        ),
        entered=is_entered(plan),
        fixed_but_rising=rising is not None
        and not rising.may_rise
        and quote.scenario.escalation > 0,
    )


def _option_row(
    cost: OptionCost, label: str, line: Line, quote: Quote, cheapest: bool
) -> OptionRow:
    return OptionRow(
        cost=cost,
        label=label,
        chosen=cost.option_id == quote.option.id,
        cheapest=cheapest,
        line=line,
        horizon=duration_text(cost.months),
        unpublished=unpublished_text(cost.evidence.unpublished),
        not_ranked=not_ranked_text(cost.evidence),
        reasons=reasons_text(cost.evidence),
        loan=loan_text(cost.loan, quote.scenario.children) if cost.loan else "",
    )


def _present(program: Program | None) -> tuple[Program, ...]:
    return () if program is None else (program,)


def _claims_cited(quote: Quote) -> tuple[str, ...]:
    return tuple(claim.claim.quoted_by.en for claim in quote.odds.claims)


def _length_not_stated(plan: Plan, option: PaymentOption) -> bool:
    covering = plan.financed(option) or option
    return isinstance(covering, LifetimeOption) and covering.length is None


TABLE_COLUMNS = ("one_time", "storage", "prepaid", "installments")


def _table_columns(quote: Quote) -> tuple[str, ...]:
    """Only the kinds of payment this option has: a column of zeros is noise on a phone."""
    rows = quote.schedule.rows
    return tuple(name for name in TABLE_COLUMNS if any(getattr(row, name) for row in rows))


def price_lines(
    plan: Plan, freshness: Freshness
) -> tuple[tuple[PriceLine, ...], tuple[SourceView, ...]]:
    """Every price of the plan with the source it was read from, numbered as footnotes."""
    sources: list[SourceView] = []

    def cite(source: PriceSource | None) -> SourceView:
        chosen = source or plan.prices
        for seen in sources:
            if seen.source == chosen:
                return seen
        stale = staleness(chosen, freshness)
        view = SourceView(
            len(sources) + 1,
            chosen,
            basis_text(chosen),
            source_date(chosen),
            stale.detail if stale else "",
            is_entered_source(chosen),
        )
        sources.append(view)
        return view

    lines = [
        PriceLine(str(fee.name), _fee_amount(fee), _("one-time"), cite(fee.source))
        for fee in plan.one_time_fees
    ]
    storage_detail = (
        _("the first year is included in processing") if plan.first_year_included else ""
    )
    lines.append(
        PriceLine(
            _("Storage, each year"),
            _("{amount} per child per year").format(amount=format_usd(plan.annual_storage_fee)),
            storage_detail,
            cite(None),
        )
    )
    priced = [option for option in plan.payment_options if option.kind != "yearly"]
    lines.extend(_option_price(plan, option, cite) for option in priced)
    if plan.guarantee is not None:
        lines.append(
            PriceLine(
                _("Quality guarantee"),
                format_usd(plan.guarantee),
                _("paid only if a released unit fails; not a saving"),
                cite(None),
            )
        )
    return tuple(lines), tuple(sources)


def _fee_amount(fee: Fee) -> str:
    if fee.amount is None:
        if fee.shared_by_multiples:
            return _("amount not published (per birth)")
        return _("amount not published (per child)")
    if fee.shared_by_multiples:
        return _("{amount} per birth").format(amount=format_usd(fee.amount))
    return _("{amount} per child").format(amount=format_usd(fee.amount))


def _price_text(price: Decimal | None) -> str:
    if price is None:
        return _("price not published")
    return _("{amount} per child").format(amount=format_usd(price))


def _option_price(
    plan: Plan, option: PaymentOption, cite: Callable[[PriceSource | None], SourceView]
) -> PriceLine:
    source = cite(getattr(option, "source", None))
    if isinstance(option, PrepaidOption):
        return PriceLine(
            str(option.name), _price_text(option.price), _prepaid_detail(option), source
        )
    if isinstance(option, LifetimeOption):
        return PriceLine(
            str(option.name), _price_text(option.price), _lifetime_detail(option), source
        )
    if isinstance(option, InstallmentOption):
        payments = ngettext(
            "{months} monthly payment at {apr} APR",
            "{months} monthly payments at {apr} APR",
            option.months,
        ).format(months=option.months, apr=percent_text(option.apr))
        return PriceLine(str(option.name), payments, _financed_text(plan, option), source)
    return PriceLine(str(option.name), _("no price of its own"), _("pays the fees above"), source)


def _prepaid_detail(option: PrepaidOption) -> str:
    term = duration_text(option.term)
    kinds = option.includes_fees
    if not kinds:
        return _("covers {term} of storage").format(term=term)
    return ngettext(
        "covers {term} of storage; includes the {fees} fee",
        "covers {term} of storage; includes the {fees} fee",
        len(kinds),
    ).format(term=term, fees=_fee_kinds(kinds))


def _lifetime_detail(option: LifetimeOption) -> str:
    kinds = option.includes_fees
    if option.length:
        length = duration_text(option.length)
        if not kinds:
            return _("covers {length}").format(length=length)
        return ngettext(
            "covers {length}; includes the {fees} fee",
            "covers {length}; includes the {fees} fee",
            len(kinds),
        ).format(length=length, fees=_fee_kinds(kinds))
    if not kinds:
        return _("length not stated")
    return ngettext(
        "length not stated; includes the {fees} fee",
        "length not stated; includes the {fees} fee",
        len(kinds),
    ).format(fees=_fee_kinds(kinds))


def _financed_text(plan: Plan, option: InstallmentOption) -> str:
    target = plan.option(option.finances) if option.finances else None
    kinds = option.excluded_fees
    if target is not None:
        if not kinds:
            return _("pays “{option}” in installments").format(option=target.name)
        return ngettext(
            "pays “{option}” in installments; the {fees} fee is paid at birth",
            "pays “{option}” in installments; the {fees} fee is paid at birth",
            len(kinds),
        ).format(option=target.name, fees=_fee_kinds(kinds))
    if not kinds:
        return _("pays the one-time fees in installments")
    return ngettext(
        "pays the one-time fees in installments; the {fees} fee is paid at birth",
        "pays the one-time fees in installments; the {fees} fee is paid at birth",
        len(kinds),
    ).format(fees=_fee_kinds(kinds))


def _fee_kinds(kinds: tuple[FeeKind, ...]) -> str:
    """'processing and enrollment' / 'procesamiento e inscripción': kinds of fee, listed. In
    English joined by 'and' alone, as these lines have always read."""
    names = [FEE_TEXT[kind] for kind in kinds]
    if i18n.language() == i18n.DEFAULT:
        return " and ".join(names)
    return i18n.join_list(names)


@dataclass(frozen=True, slots=True)
class CompareRow:
    cost: PlanCost
    plan: Plan
    bank: str
    stores: str
    option_name: str  # the way to pay that sets the row's total
    horizon: str  # the horizon that total covers
    unpublished: str  # "plus kit and shipping, amount not published", or ""
    reasons: str  # why the row is not ranked, "prices from 2008", or ""
    source: SourceView  # of the price that set this row's total: the option's, or the plan's
    query: Mapping[str, str]  # the calculator's query for this plan and option
    notes: tuple[Note, ...]  # what the plan's stored tissues mean today
    entered: bool  # the family's own offer, not a catalog plan


def compare_rows(
    ranked: Sequence[PlanCost],
    catalog: Catalog,
    state: FormState,
    freshness: Freshness,
    plans: Sequence[Plan],
) -> tuple[CompareRow, ...]:
    """The core's ranking (cheapest first, then the plans it cannot rank), with what a parent
    needs to tell plans apart. `plans` are those ranked: the catalog's and an entered offer."""
    by_id = {plan.id: plan for plan in plans}
    rows = []
    for cost in ranked:
        plan = by_id[cost.plan_id]
        bank = None if is_entered(plan) else catalog.bank(plan.bank)
        query = {**state.query, "plan": plan.id, "option": cost.shown.option_id}
        source = plan.prices_for(cost.shown.option_id)
        stale = staleness(source, freshness)
        rows.append(
            CompareRow(
                cost=cost,
                plan=plan,
                bank=bank_name(plan, bank),
                stores=stores_text(plan),
                option_name=cost.shown.name,
                horizon=duration_text(cost.shown.months),
                unpublished=unpublished_text(cost.shown.evidence.unpublished),
                reasons=reasons_text(cost.shown.evidence),
                source=SourceView(
                    0,
                    source,
                    basis_text(source),
                    source_date(source),
                    stale.detail if stale else "",
                ),
                query=query,
                notes=tuple(n for n in catalog.notes_for(plan) if set(n.stores) & set(plan.stores)),
                entered=is_entered(plan),
            )
        )
    return tuple(rows)


def compare_notes(rows: Sequence[CompareRow]) -> tuple[Note, ...]:
    """Each note a row points to, once, in the order the rows first need it."""
    return tuple(dict.fromkeys(note for row in rows for note in row.notes))


@dataclass(frozen=True, slots=True)
class BankTerms:
    name: str
    url: str
    plans: tuple[str, ...]  # names of its priced plans; empty: terms only, no prices
    contract: ContractView


def bank_terms(catalog: Catalog, freshness: Freshness) -> tuple[BankTerms, ...]:
    """Every bank with published terms, in the catalog's order, then those without."""
    banks = [
        BankTerms(
            bank.name,
            "" if bank.url is None else str(bank.url),
            tuple(str(plan.name) for plan in catalog.plans if plan.bank == bank.id),
            contract_view(bank.contract_terms, freshness, entered=False),
        )
        for bank in catalog.banks
    ]
    return tuple(sorted(banks, key=lambda bank: not bank.contract.known))
