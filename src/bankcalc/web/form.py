"""The families' form: query parameters in, a Scenario (or messages for parents) out.

The form is submitted with GET, so the query string is the whole state: it is read here,
once, for the calculator, the comparison and the CSV download alike. Validation is the
Scenario model's; this module only adapts what parents type ("3" meaning 3 %) and words
the problems in the units of the form (years, percent) with the bound in each message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from bankcalc.catalog.models import (
    MAX_STORAGE_MONTHS,
    Catalog,
    Plan,
)
from bankcalc.core.odds import MAX_SIBLINGS
from bankcalc.core.quote import QuoteError
from bankcalc.core.scenario import (
    MAX_CHILDREN,
    MAX_DISCOUNT,
    MAX_ESCALATION,
    MAX_TAX_RATE,
    Scenario,
)
from bankcalc.units import MAX_INPUT_CHARS, MONTHS_PER_YEAR, SHOWN_CHARS, is_bare_number
from bankcalc.web.problems import by_field, field_errors
from bankcalc.web.wording import percent_text, stores_text

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

MAX_ID_CHARS = 63  # a plan or option id (catalog.models.Slug); dates and counts are shorter

CHILDREN_TEXT = ("1", "2 (twins)", "3 (triplets)", "4 (quadruplets)", "5", "6")


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
    too_long = []
    for name in FIELDS:
        if name in args:
            raw = args[name]
            if len(raw) > _max_chars(name):  # refused whole, before parsing: never truncated
                too_long.append(name)
                raw = raw[:SHOWN_CHARS]  # all the page shows of it again
            values[name] = raw.strip()
    state = FormState(values)
    for name in too_long:
        state.fail(name, f"This answer is too long: {GUIDANCE[name]}")
    if too_long:
        return state
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


def _max_chars(name: str) -> int:
    """The same cap as the API and the command line: a duration or rate is refused over
    MAX_INPUT_CHARS as typed (spaces included), any other field over an id's 63."""
    return MAX_INPUT_CHARS if name == "horizon" or name in PERCENT_FIELDS else MAX_ID_CHARS


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
        if name in PERCENT_FIELDS and is_bare_number(value):
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
