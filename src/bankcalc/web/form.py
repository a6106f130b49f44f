"""The families' form: query parameters in, a Scenario (or messages for parents) out.

The form is submitted with GET, so the query string is the whole state: it is read here,
once, for the calculator, the comparison and the CSV download alike. Validation is the
Scenario model's; this module only adapts what parents type ("3" meaning 3 %) and words
the problems in the units of the form (years, percent) with the bound in each message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import ValidationError

from bankcalc.catalog import (
    MAX_STORAGE_MONTHS,
    Basis,
    Catalog,
    Fee,
    FeeKind,
    InstallmentOption,
    LifetimeOption,
    PaymentOption,
    Plan,
    PrepaidOption,
    PriceSource,
    Stored,
)
from bankcalc.claims import EvidenceGrade
from bankcalc.compare import PlanCost
from bankcalc.costs import OptionCost, all_schedules
from bankcalc.money import format_usd
from bankcalc.odds import MAX_SIBLINGS
from bankcalc.quote import Quote, QuoteError
from bankcalc.scenario import MAX_CHILDREN, MAX_DISCOUNT, MAX_ESCALATION, MAX_TAX_RATE, Scenario
from bankcalc.web.charts import Chart, Line, cumulative_chart
from bankcalc.web.problems import by_field, field_errors

FIELDS = (  # in the order the form shows them, which the error summary follows
    "plan",
    "option",
    "horizon",
    "children",
    "escalation",
    "tax_rate",
    "siblings",
    "due_date",
    "discount",
)
PERCENT_FIELDS = frozenset({"escalation", "discount", "tax_rate"})
# Left blank, these mean "not given": no option (the plan's default), no increase, no
# discounting, no tax estimate, no timeline. A blank horizon or children count is an error.
BLANK_MEANS_ABSENT = frozenset(
    {"plan", "option", "escalation", "discount", "tax_rate", "siblings", "due_date"}
)
MONTHS_PER_YEAR = 12
_BARE_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")

STORED_TEXT: Mapping[Stored, str] = {
    Stored.CORD_BLOOD: "cord blood",
    Stored.CORD_TISSUE: "cord tissue",
    Stored.PLACENTA_TISSUE: "placental tissue",
    Stored.PLACENTA_BLOOD: "placental blood",
    Stored.EXOSOMES: "exosomes",
    Stored.AMNION: "amnion",
}
BASIS_TEXT: Mapping[Basis, str] = {
    Basis.QUOTED: "Quoted by the bank",
    Basis.THIRD_PARTY: "Quoted by a third party",
    Basis.ILLUSTRATIVE: "Illustrative: not a published price",
}
GRADE_TEXT: Mapping[EvidenceGrade, str] = {
    EvidenceGrade.POPULATION_STATISTIC: "Measured in a population",
    EvidenceGrade.EXPERT_ESTIMATE: "Experts' estimate",
    EvidenceGrade.MENDELIAN_ARITHMETIC: "Genetics arithmetic",
    EvidenceGrade.PROFESSIONAL_RECOMMENDATION: "Doctors' professional advice",
    EvidenceGrade.MARKETING_CLAIM: "A seller's wording",
    EvidenceGrade.SPECULATIVE_PROJECTION: "A guess, not a measured chance",
}
CHILDREN_TEXT = ("1", "2 (twins)", "3 (triplets)", "4 (quadruplets)", "5", "6")


def grade_text(grade: EvidenceGrade) -> str:
    """How much a figure can bear, in a parent's words."""
    return GRADE_TEXT[grade]


def percent_text(rate: Decimal) -> str:
    """0.03 -> '3 %' (a decimal shift for display, no rounding)."""
    return f"{rate.scaleb(2).normalize():f} %"


def _guidance() -> dict[str, str]:
    """What each field accepts, with its bounds, in the form's own units."""
    years = MAX_STORAGE_MONTHS // MONTHS_PER_YEAR
    return {
        "plan": "Choose a plan from the list.",
        "option": "Choose a way to pay from the list.",
        "horizon": f"Enter a whole number of years from 1 to {years}, such as 20"
        " (or a length in months, such as 240 months).",
        "escalation": f"Enter a yearly increase from 0 to {percent_text(MAX_ESCALATION)},"
        " such as 3 for 3 %, or leave it blank for none.",
        "discount": f"Enter a discount rate from 0 to {percent_text(MAX_DISCOUNT)},"
        " such as 3 for 3 %, or leave it blank for none.",
        "children": f"Choose from 1 to {MAX_CHILDREN} children.",
        "tax_rate": f"Enter a tax rate from 0 to {percent_text(MAX_TAX_RATE)},"
        " such as 24 for 24 %, or leave it blank.",
        "siblings": f"Enter a number of brothers and sisters from 0 to {MAX_SIBLINGS},"
        " or leave it blank.",
        "due_date": "Enter the due date as year-month-day, such as 2027-05-01, or leave it blank.",
    }


GUIDANCE = _guidance()


@dataclass
class FormState:
    """The form as submitted: raw values to show back, and what went wrong or was changed."""

    values: dict[str, str]  # as typed, so a parent never has to type them again
    errors: dict[str, str] = field(default_factory=dict)  # field -> message for parents
    notices: list[str] = field(default_factory=list)  # changes made for the parent, said aloud
    scenario: Scenario | None = None

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)
        self.scenario = None

    @property
    def query(self) -> dict[str, str]:
        """The values as query parameters, for links that reproduce this page."""
        return {name: value for name, value in self.values.items() if value}


def default_values(catalog: Catalog) -> dict[str, str]:
    return {
        "plan": catalog.defaults.plan,
        "option": "",
        "horizon": horizon_value(catalog.defaults.horizon),
        "escalation": "",
        "discount": "",
        "children": "1",
        "tax_rate": "",
        "siblings": "",
        "due_date": "",
    }


def horizon_value(months: int) -> str:
    """A horizon as a parent would type it: '20' (years) or '246 months'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    return str(years) if rest == 0 else f"{months} months"


def read_form(args: Mapping[str, str], catalog: Catalog) -> FormState:
    """Query parameters -> FormState with a validated Scenario, or with messages per field."""
    values = default_values(catalog)
    for name in FIELDS:
        if name in args:
            values[name] = args[name].strip()[:100]
    state = FormState(values)
    _fall_back_to_offered_option(state, catalog)
    try:
        state.scenario = Scenario.model_validate(_scenario_data(values, catalog))
    except ValidationError as error:
        for name in by_field(field_errors(error)):
            state.fail(name, GUIDANCE.get(name, "Please check this answer."))
        return state
    if catalog.plan(state.scenario.plan) is None:
        state.fail("plan", GUIDANCE["plan"])
    return state


def quote_failed(state: FormState, error: QuoteError) -> None:
    """A scenario the core cannot price: the message goes beside the field it names.

    An unknown plan or option gets the form's wording (the lists offer only valid ones); a
    due date the timeline refuses keeps the core's message, which says why in plain words.
    """
    for name, message in by_field(field_errors(error)).items():
        state.fail(name, GUIDANCE[name] if name in ("plan", "option") else message)


def _scenario_data(values: Mapping[str, str], catalog: Catalog) -> dict[str, str]:
    data: dict[str, str] = {}
    for name in FIELDS:
        value = values[name]
        if not value and name in BLANK_MEANS_ABSENT:
            continue
        if name in PERCENT_FIELDS and _BARE_NUMBER.match(value):
            value = f"{value} %"  # parents type "3" for 3 %, never 0.03
        data[name] = value
    data.setdefault("plan", catalog.defaults.plan)
    return data


def _fall_back_to_offered_option(state: FormState, catalog: Catalog) -> None:
    """Without JavaScript the option list still shows the previous plan's options: an option
    the newly chosen plan does not offer becomes that plan's default, and the page says so."""
    plan = catalog.plan(state.values["plan"] or catalog.defaults.plan)
    chosen = state.values["option"]
    if plan is None or not chosen or plan.option(chosen) is not None:
        return
    fallback = plan.default_option
    state.values["option"] = fallback.id
    state.notices.append(
        f"{plan.name} does not offer the way to pay you had chosen, so this shows"
        f" “{fallback.name}”. Pick another way to pay below if you like."
    )


def shown_plan(state: FormState, catalog: Catalog) -> Plan:
    """The plan whose options the form lists: the chosen one, or the default when unknown."""
    return (
        catalog.plan(state.values["plan"])
        or catalog.plan(catalog.defaults.plan)
        or (catalog.plans[0])
    )


def stores_text(plan: Plan) -> str:
    """'cord blood, cord tissue and exosomes'."""
    names = [STORED_TEXT[item] for item in plan.stores]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def short_label(option: PaymentOption) -> str:
    """A few words for a chart line's end: 'Yearly', 'Prepaid 20 yr', '24 monthly'."""
    if isinstance(option, PrepaidOption):
        return f"Prepaid {duration_text(option.term, short=True)}"
    if isinstance(option, LifetimeOption):
        return "Lifetime"
    if isinstance(option, InstallmentOption):
        return f"{option.months} monthly"
    return "Yearly"


def duration_text(months: int, *, short: bool = False) -> str:
    """240 -> '20 years' ('20 yr' when short); 246 -> '20 years 6 months'; 1 -> '1 month'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    year_word = "yr" if short else ("year" if years == 1 else "years")
    month_word = "mo" if short else ("month" if rest == 1 else "months")
    parts = ([f"{years} {year_word}"] if years else []) + ([f"{rest} {month_word}"] if rest else [])
    return " ".join(parts)


def long_date(day: dt.date) -> str:
    """'Saturday, 1 May 2027': weekday and month spelled out, never ambiguous."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'25 November 2026', for the date a price was read."""
    return f"{day.day} {day:%B %Y}"


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


# --- view models: what the templates show, already chosen and worded ---------------------


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class PlanGroup:
    bank: str
    plans: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class FormView:
    values: Mapping[str, str]
    errors: Mapping[str, str]
    summary: tuple[tuple[str, str], ...]  # (field, message) in the form's order
    notices: tuple[str, ...]
    groups: tuple[PlanGroup, ...]
    options: tuple[Choice, ...]  # the shown plan's ways to pay
    options_by_plan: tuple[tuple[str, tuple[Choice, ...]], ...]  # for the script
    children: tuple[Choice, ...]
    query: Mapping[str, str]
    advanced_open: bool
    catalog_as_of: dt.date


def form_view(state: FormState, catalog: Catalog) -> FormView:
    """Everything the form needs to render, including the user's own values on error."""
    plan = shown_plan(state, catalog)
    return FormView(
        values=state.values,
        errors=state.errors,
        summary=tuple((name, state.errors[name]) for name in FIELDS if name in state.errors),
        notices=tuple(state.notices),
        groups=_plan_groups(catalog),
        options=_option_choices(plan),
        options_by_plan=tuple((p.id, _option_choices(p)) for p in catalog.plans),
        children=tuple(Choice(str(n + 1), text) for n, text in enumerate(CHILDREN_TEXT)),
        query=state.query,
        advanced_open=bool(state.values["discount"] or "discount" in state.errors),
        catalog_as_of=catalog.as_of,
    )


def _plan_groups(catalog: Catalog) -> tuple[PlanGroup, ...]:
    groups = []
    for bank in catalog.banks:
        plans = tuple(
            Choice(plan.id, f"{plan.name} (stores {stores_text(plan)})")
            for plan in catalog.plans
            if plan.bank == bank.id
        )
        if plans:
            groups.append(PlanGroup(bank.name, plans))
    return tuple(groups)


def _option_choices(plan: Plan) -> tuple[Choice, ...]:
    return tuple(Choice(option.id, option.name) for option in plan.payment_options)


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


FEE_TEXT: Mapping[FeeKind, str] = {
    FeeKind.ENROLLMENT: "enrollment",
    FeeKind.PROCESSING: "processing",
    FeeKind.COURIER_KIT: "kit and courier",
    FeeKind.OTHER: "other",
}


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
    basis: str
    as_of: dt.date
    query: Mapping[str, str]  # the calculator's query for this plan and option


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
                basis=BASIS_TEXT[plan.prices.basis],
                as_of=plan.prices.as_of,
                query=query,
            )
        )
    return tuple(rows)
