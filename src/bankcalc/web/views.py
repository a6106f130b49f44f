"""View models for the result and comparison pages: the core's numbers, arranged and worded
for the templates. Nothing is computed here but layout and words."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bankcalc.catalog.models import (
    Catalog,
    Fee,
    FeeKind,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
    PriceSource,
)
from bankcalc.core.compare import PlanCost
from bankcalc.core.costs import OptionCost, all_schedules
from bankcalc.core.quote import Quote
from bankcalc.money import format_usd
from bankcalc.web.charts import Chart, Line, cumulative_chart
from bankcalc.web.form import FormState
from bankcalc.wording import (
    BASIS_TEXT,
    FEE_TEXT,
    duration_text,
    percent_text,
    short_label,
    stores_text,
)


@dataclass(frozen=True, slots=True)
class SourceView:
    number: int  # footnote number on the page, from 1
    source: PriceSource
    basis: str  # BASIS_TEXT


@dataclass(frozen=True, slots=True)
class PriceLine:
    what: str
    amount: str  # "$1,500.00 per child"
    detail: str
    source: SourceView


@dataclass(frozen=True, slots=True)
class OptionRow:
    cost: OptionCost
    label: str  # short label, as at the chart line's end
    chosen: bool
    cheapest: bool
    line: Line  # the chart line, for the key's sample of its pattern


@dataclass(frozen=True, slots=True)
class ResultView:
    quote: Quote
    bank: str
    stores: str
    horizon: str  # "20 years"
    chosen: OptionRow
    cheapest: OptionRow
    options: tuple[OptionRow, ...]
    chart: Chart
    columns: tuple[str, ...]  # Row attributes shown in the year-by-year table
    prices: tuple[PriceLine, ...]
    sources: tuple[SourceView, ...]


def result_view(quote: Quote, catalog: Catalog) -> ResultView:
    """The numbers of a quote, arranged for the page; nothing is computed here but layout."""
    plan, terms = quote.plan, quote.scenario.terms
    schedules = all_schedules(plan, terms)
    series = [
        (o.name, short_label(o), sched)
        for o, sched in zip(plan.payment_options, schedules, strict=True)
    ]
    chart = cumulative_chart(series)
    rows = tuple(
        OptionRow(
            cost=cost,
            label=label,
            chosen=cost.option_id == quote.option.id,
            cheapest=cost.option_id == quote.cheapest.option_id,
            line=line,
        )
        for cost, (_, label, _), line in zip(quote.options, series, chart.lines, strict=True)
    )
    prices, sources = price_lines(plan)
    bank = catalog.bank(plan.bank)
    return ResultView(
        quote=quote,
        bank=bank.name if bank else plan.bank,
        stores=stores_text(plan),
        horizon=duration_text(quote.schedule.months),
        chosen=next(row for row in rows if row.chosen),
        cheapest=next(row for row in rows if row.cheapest),
        options=rows,
        chart=chart,
        columns=_table_columns(quote),
        prices=prices,
        sources=sources,
    )


TABLE_COLUMNS = ("one_time", "storage", "prepaid", "installments")


def _table_columns(quote: Quote) -> tuple[str, ...]:
    """Only the kinds of payment this option has: a column of zeros is noise on a phone."""
    rows = quote.schedule.rows
    return tuple(name for name in TABLE_COLUMNS if any(getattr(row, name) for row in rows))


def price_lines(plan: Plan) -> tuple[tuple[PriceLine, ...], tuple[SourceView, ...]]:
    """Every price of the plan with the source it was read from, numbered as footnotes."""
    sources: list[SourceView] = []

    def cite(source: PriceSource | None) -> SourceView:
        chosen = source or plan.prices
        for seen in sources:
            if seen.source == chosen:
                return seen
        view = SourceView(len(sources) + 1, chosen, BASIS_TEXT[chosen.basis])
        sources.append(view)
        return view

    lines = [
        PriceLine(fee.name, f"{format_usd(fee.amount)} {_per(fee)}", "one-time", cite(None))
        for fee in plan.one_time_fees
    ]
    storage_detail = "the first year is included in processing" if plan.first_year_included else ""
    lines.append(
        PriceLine(
            "Storage, each year",
            f"{format_usd(plan.annual_storage_fee)} per child per year",
            storage_detail,
            cite(None),
        )
    )
    priced = [option for option in plan.payment_options if option.kind != "yearly"]
    lines.extend(_option_price(plan, option, cite) for option in priced)
    if plan.guarantee is not None:
        lines.append(
            PriceLine(
                "Quality guarantee",
                format_usd(plan.guarantee),
                "paid only if a released unit fails; not a saving",
                cite(None),
            )
        )
    return tuple(lines), tuple(sources)


def _per(fee: Fee) -> str:
    return "per birth" if fee.shared_by_multiples else "per child"


def _option_price(
    plan: Plan, option: PaymentOption, cite: Callable[[PriceSource | None], SourceView]
) -> PriceLine:
    source = cite(getattr(option, "source", None))
    if isinstance(option, PrepaidOption):
        return PriceLine(
            option.name,
            f"{format_usd(option.price)} per child",
            f"covers {duration_text(option.term)} of storage{_includes(option.includes_fees)}",
            source,
        )
    if isinstance(option, LifetimeOption):
        length = f"covers {duration_text(option.length)}" if option.length else "length not stated"
        return PriceLine(
            option.name,
            f"{format_usd(option.price)} per child",
            f"{length}{_includes(option.includes_fees)}",
            source,
        )
    if isinstance(option, InstallmentOption):
        return PriceLine(
            option.name,
            f"{option.months} monthly payments at {percent_text(option.apr)} APR",
            _financed_text(plan, option),
            source,
        )
    return PriceLine(option.name, "no price of its own", "pays the fees above", source)


def _financed_text(plan: Plan, option: InstallmentOption) -> str:
    target = plan.option(option.finances) if option.finances else None
    what = f"pays “{target.name}”" if target else "pays the one-time fees"
    what += " in installments"
    excluded = [FEE_TEXT[kind] for kind in option.excluded_fees]
    if excluded:
        what += f"; the {' and '.join(excluded)} fee is paid at birth"
    return what


def _includes(kinds: tuple[FeeKind, ...]) -> str:
    if not kinds:
        return ""
    return f"; includes the {' and '.join(FEE_TEXT[kind] for kind in kinds)} fee"


@dataclass(frozen=True, slots=True)
class CompareRow:
    rank: int
    cost: PlanCost
    plan: Plan
    bank: str
    stores: str
    option_name: str  # the plan's cheapest way to pay
    source: PriceSource  # of the price that set this row's total: the option's, or the plan's
    query: Mapping[str, str]  # the calculator's query for this plan and option

    @property
    def basis(self) -> str:
        return BASIS_TEXT[self.source.basis]


def compare_rows(
    ranked: Sequence[PlanCost], catalog: Catalog, state: FormState
) -> tuple[CompareRow, ...]:
    """The core's ranking (cheapest first), with what a parent needs to tell plans apart."""
    rows = []
    for rank, cost in enumerate(ranked, start=1):
        plan = catalog.plan(cost.plan_id)
        if plan is None:  # the ranking was made from this catalog: cannot happen
            continue
        bank = catalog.bank(plan.bank)
        query = {**state.query, "plan": plan.id, "option": cost.cheapest.option_id}
        rows.append(
            CompareRow(
                rank=rank,
                cost=cost,
                plan=plan,
                bank=bank.name if bank else plan.bank,
                stores=stores_text(plan),
                option_name=cost.cheapest.name,
                source=plan.prices_for(cost.cheapest.option_id),
                query=query,
            )
        )
    return tuple(rows)
