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
from bankcalc.catalog.offer import OFFER_ID, OfferedPlan, is_entered
from bankcalc.core.odds import MAX_SIBLINGS
from bankcalc.core.quote import QuoteError
from bankcalc.core.scenario import (
    DEPENDENT_UNTIL,
    MAX_CHILDREN,
    MAX_DEPENDENT_UNTIL,
    MAX_DISCOUNT,
    MAX_ESCALATION,
    MAX_TAX_RATE,
    Assumptions,
    Scenario,
)
from bankcalc.i18n import N_, _
from bankcalc.units import MAX_INPUT_CHARS, MONTHS_PER_YEAR, SHOWN_CHARS, is_bare_number
from bankcalc.web import language, offer_form
from bankcalc.web.offer_form import OFFER_FIELDS
from bankcalc.web.problems import by_field, field_errors
from bankcalc.wording import percent_text, stores_text

FIELDS = (  # in the order the form shows them, which the error summary follows
    "plan",
    "option",
    "horizon",
    "children",
    "escalation",
    "known_need",
    "tax_rate",
    "siblings",
    "due_date",
    "discount",
    "dependent_until",
)
PERCENT_FIELDS = frozenset({"escalation", "discount", "tax_rate"})
# Left blank, these mean "not given": no option (the plan's default), no increase, no
# discounting, no tax estimate, no timeline. A blank horizon or children count is an error.
BLANK_MEANS_ABSENT = frozenset(
    {"plan", "option", "escalation", "discount", "tax_rate", "siblings", "due_date", "known_need"}
)

MAX_ID_CHARS = 63  # a plan or option id (catalog.models.Slug); dates and counts are shorter

# English, marked for translation and shown as _(text); a bare number is the same in both.
CHILDREN_TEXT = ("1", N_("2 (twins)"), N_("3 (triplets)"), N_("4 (quadruplets)"), "5", "6")
KNOWN_NEED_TEXT = (
    ("", N_("No, not that we know of")),
    ("sibling", N_("Yes: a full brother or sister of the baby")),
    ("parent", N_("Yes: the baby's mother or father")),
)


def guidance(name: str) -> str:
    """What field `name` accepts, with its bounds, in the form's own units and the language of
    the request (worded each time: a module-level dict would be English forever)."""
    if name == "plan":
        return _("Choose a plan from the list.")
    if name == "option":
        return _("Choose a way to pay from the list.")
    if name == "horizon":
        return _(
            "Enter a whole number of years from 1 to {most}, such as 20 (or a length in"
            " months, such as 240 months)."
        ).format(most=MAX_STORAGE_MONTHS // MONTHS_PER_YEAR)
    if name == "escalation":
        return _(
            "Enter a yearly increase from 0 to {most}, such as 3 for 3 %, or leave it blank"
            " for none."
        ).format(most=percent_text(MAX_ESCALATION))
    if name == "discount":
        return _(
            "Enter a discount rate from 0 to {most}, such as 3 for 3 %, or leave it blank for none."
        ).format(most=percent_text(MAX_DISCOUNT))
    if name == "children":
        return _("Choose from 1 to {most} children.").format(most=MAX_CHILDREN)
    if name == "tax_rate":
        return _(
            "Enter a tax rate from 0 to {most}, such as 24 for 24 %, or leave it blank."
        ).format(most=percent_text(MAX_TAX_RATE))
    if name == "siblings":
        return _(
            "Enter a number of brothers and sisters from 0 to {most}, or leave it blank."
        ).format(most=MAX_SIBLINGS)
    if name == "due_date":
        return _("Enter the due date as year-month-day, such as 2027-05-01, or leave it blank.")
    if name == "known_need":
        return _("Choose one of the answers in the list.")
    if name == "dependent_until":
        return _("Enter an age from 1 to {most}, such as 19.").format(most=MAX_DEPENDENT_UNTIL)
    return _("Please check this answer.")


@dataclass
class FormState:
    """The form as submitted: raw values to show back, and what went wrong or was changed."""

    values: dict[str, str]  # as typed, so a parent never has to type them again
    errors: dict[str, str] = field(default_factory=dict)  # field -> message for parents
    notices: list[str] = field(default_factory=list)  # changes made for the parent, said aloud
    scenario: Scenario | None = None
    assumptions: Assumptions | None = None  # the scenario's, or the comparison's alone
    landing: bool = False  # nothing asked yet: the form and what it does, no bank's quote
    offer: OfferedPlan | None = None  # the bank's offer entered on the form, when valid
    offer_open: bool = False  # show the offer's fields open: it is chosen, or being entered

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)
        self.scenario = self.assumptions = None

    @property
    def query(self) -> dict[str, str]:
        """The values as query parameters, for links that reproduce this page (an offer's
        fields only where they differ from their defaults)."""
        asked = {name: value for name, value in self.values.items() if value}
        asked = {name: value for name, value in asked.items() if name not in OFFER_NAMES}
        return asked | offer_form.query_values(self.values)


def default_values(catalog: Catalog) -> dict[str, str]:
    """The form as it starts: no plan chosen, so no bank is favoured."""
    return {
        "plan": "",
        "option": "",
        "horizon": horizon_value(catalog.defaults.horizon),
        "escalation": "",
        "discount": "",
        "children": "1",
        "tax_rate": "",
        "siblings": "",
        "due_date": "",
        "known_need": "",
        "dependent_until": str(DEPENDENT_UNTIL),
    }


def horizon_value(months: int) -> str:
    """A horizon as a parent would type it: '20' (years) or '246 months'."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    return str(years) if rest == 0 else f"{months} months"


def read_form(args: Mapping[str, str], catalog: Catalog, *, need_plan: bool = True) -> FormState:
    """Query parameters -> FormState with a validated Scenario, or with messages per field.

    Without any of the form's fields this is the landing page: the form, and no bank's quote.
    `need_plan=False` (the comparison, which prices every plan) validates the assumptions
    alone, with the form's defaults when nothing was asked.
    """
    values = default_values(catalog)
    too_long = []
    for name in FIELDS:
        if name in args:
            raw = args[name]
            if len(raw) > _max_chars(name):  # refused whole, before parsing: never truncated
                too_long.append(name)
                raw = raw[:SHOWN_CHARS]  # all the page shows of it again
            values[name] = raw.strip()
    offer_sent = offer_form.read_values(args, values)
    landing = not any(name in args for name in FIELDS)
    state = FormState(values, landing=landing)
    for name in too_long:
        state.fail(name, _("This answer is too long: {guidance}").format(guidance=guidance(name)))
    if too_long:
        state.landing = False
        return state
    if not need_plan:
        _validate(state, Assumptions, _scenario_data(values, skip=("plan", "option")))
        if offer_form.is_offer(values) and offer_sent:  # compared beside the catalog's plans
            state.offer = offer_form.read_offer(values, state.fail)
        return state
    if landing:
        return state
    if not values["plan"]:
        state.fail("plan", guidance("plan"))
        return state
    if offer_form.is_offer(values):
        return _read_offer(state, offer_sent)
    _fall_back_to_offered_option(state, catalog.plan(values["plan"]))
    _validate(state, Scenario, _scenario_data(values))
    chosen = None if state.scenario is None else state.scenario.plan
    if isinstance(chosen, str) and catalog.plan(chosen) is None:
        state.fail("plan", guidance("plan"))
    return state


def _read_offer(state: FormState, sent: bool) -> FormState:
    """A bank's offer entered on the form: without any of its fields yet, the form opens on
    them (nothing is asked, so nothing is wrong); else it is read and priced like a plan."""
    state.offer_open = True
    if not sent:
        state.landing = True
        return state
    offer = offer_form.read_offer(state.values, state.fail)
    if offer is None:  # say what else is wrong too, in one go
        _validate(state, Assumptions, _scenario_data(state.values, skip=("plan", "option")))
        state.scenario = state.assumptions = None
        return state
    state.offer = offer
    _fall_back_to_offered_option(state, offer)
    _validate(state, Scenario, _scenario_data(state.values) | {"plan": offer})
    return state


def _validate(state: FormState, model: type[Assumptions], data: dict[str, object]) -> None:
    try:
        validated = model.model_validate(data)
    except ValidationError as error:
        for name in by_field(field_errors(error)):
            state.fail(name, guidance(name))
        return
    state.assumptions = validated
    state.scenario = validated if isinstance(validated, Scenario) else None


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
        state.fail(name, guidance(name) if name in ("plan", "option") else message)


def _scenario_data(values: Mapping[str, str], skip: tuple[str, ...] = ()) -> dict[str, object]:
    data: dict[str, object] = {}
    for name in FIELDS:
        value = values[name]
        if name in skip:
            continue
        if not value and name in BLANK_MEANS_ABSENT:
            continue
        if name in PERCENT_FIELDS and is_bare_number(value):
            value = f"{value} %"  # parents type "3" for 3 %, never 0.03
        data[name] = value
    return data


def _fall_back_to_offered_option(state: FormState, plan: Plan | None) -> None:
    """Without JavaScript the option list still shows the previous plan's options: an option
    the newly chosen plan does not offer, or offers without a published price, becomes that
    plan's default, and the page says so."""
    chosen = state.values["option"]
    if plan is None or not chosen:
        return
    option = plan.option(chosen)
    if option is not None and plan.published_price(option):
        return
    fallback = plan.default_option
    state.values["option"] = fallback.id
    if is_entered(plan):
        notice = _(
            "The offer you entered has no such way to pay, so this shows “{fallback}”."
            " Enter its figures in the offer, or pick another way to pay below."
        ).format(fallback=fallback.name)
    elif option is None:
        notice = _(
            "{plan} does not offer the way to pay you had chosen, so this shows"
            " “{fallback}”. Pick another way to pay below if you like."
        ).format(plan=plan.name, fallback=fallback.name)
    else:
        notice = _(
            "The bank does not publish the price of “{option}”, so it cannot be worked out;"
            " this shows “{fallback}”. Ask the bank for that price."
        ).format(option=option.name, fallback=fallback.name)
    state.notices.append(notice)


def shown_plan(state: FormState, catalog: Catalog) -> Plan | None:
    """The plan whose options the form lists: the chosen one; None before one is chosen."""
    if offer_form.is_offer(state.values):
        return state.offer
    return catalog.plan(state.values["plan"])


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
    known_needs: tuple[Choice, ...]
    query: Mapping[str, str]
    advanced_open: bool
    catalog_as_of: dt.date
    landing: bool
    stale_after: int  # months: older prices are kept out of verdicts
    offer: OfferFormView  # the "Enter a bank's offer" fields
    offer_untouched: bool  # every offer field its default, no error, folded (web.fragments)


def form_view(state: FormState, catalog: Catalog) -> FormView:
    """Everything the form needs to render, including the user's own values on error."""
    plan = shown_plan(state, catalog)
    offer_ways = tuple(Choice(way.value, _(way.text)) for way in offer_form.WAYS_TO_PAY)
    options = _option_choices(plan) if plan else ()
    if plan is None and offer_form.is_offer(state.values):
        options = offer_ways
    return FormView(
        values=state.values,
        errors=state.errors,
        summary=tuple((name, state.errors[name]) for name in ORDER if name in state.errors),
        notices=tuple(state.notices),
        groups=_plan_groups(catalog),
        options=options,
        options_by_plan=(
            *((p.id, _option_choices(p)) for p in catalog.plans),
            (OFFER_ID, offer_ways),
        ),
        children=tuple(Choice(str(n + 1), _(text)) for n, text in enumerate(CHILDREN_TEXT)),
        known_needs=tuple(Choice(value, _(text)) for value, text in KNOWN_NEED_TEXT),
        query=state.query | language.link_args(),  # links keep the family's language
        advanced_open=_advanced_open(state),
        catalog_as_of=catalog.as_of,
        landing=state.landing,
        stale_after=catalog.defaults.stale_after,
        offer=offer_view(state),
        offer_untouched=_offer_untouched(state),
    )


def _offer_untouched(state: FormState) -> bool:
    if state.offer_open or state.offer is not None:
        return False
    return all(
        state.values.get(name, "") == offer_form.DEFAULTS[name] and name not in state.errors
        for name in OFFER_FIELDS
    )


def _advanced_open(state: FormState) -> bool:
    """Open the advanced answers when one of them was changed or is wrong."""
    changed = state.values["discount"] or state.values["dependent_until"] != str(DEPENDENT_UNTIL)
    return bool(changed or {"discount", "dependent_until"} & set(state.errors))


def _plan_groups(catalog: Catalog) -> tuple[PlanGroup, ...]:
    """The plans by bank, banks in alphabetical order: the list favours no bank."""
    groups = []
    for bank in sorted(catalog.banks, key=lambda bank: bank.name.casefold()):
        plans = tuple(
            Choice(
                plan.id,
                _("{plan} (stores {stored})").format(plan=plan.name, stored=stores_text(plan)),
            )
            for plan in catalog.plans
            if plan.bank == bank.id
        )
        if plans:
            groups.append(PlanGroup(bank.name, plans))
    return tuple(groups)


def _option_choices(plan: Plan) -> tuple[Choice, ...]:
    """The ways to pay the core can price; one whose price is not published is not a choice."""
    return tuple(Choice(option.id, str(option.name)) for option in plan.priced_options)


# --- the bank's offer entered on the form (see web.offer_form) -----------------------------

OFFER_NAMES = frozenset(OFFER_FIELDS)
ORDER = (FIELDS[0], *OFFER_FIELDS, *FIELDS[1:])  # the plan, then the offer, then the rest
OFFER_CHOICE_TEXT = N_("A bank's offer you enter")  # the plan list's entry for an offer


@dataclass(frozen=True, slots=True)
class OfferFormView:
    open: bool  # the offer's fields start open
    priced: bool  # an offer is priced on this page: its fields are there to change it
    hints: Mapping[str, str]
    choices: Mapping[str, tuple[Choice, ...]]  # for each select of the offer
    plan_choice: Choice  # the plan list's entry for an entered offer


def offer_view(state: FormState) -> OfferFormView:
    selects = [name for name in OFFER_FIELDS if name in offer_form.DEFAULTS_SELECT]
    # Open while being entered or on an error; folded under a priced offer, so the result is
    # not pushed down a phone's screen (it opens again with one tap, every value kept).
    priced = state.offer is not None and not state.errors
    return OfferFormView(
        open=(state.offer_open and not priced)
        or any(name in state.errors for name in OFFER_FIELDS),
        priced=priced,
        hints=offer_form.hints(),
        choices={
            name: tuple(Choice(c.value, _(c.text)) for c in offer_form.choices_for(name))
            for name in selects
        },
        plan_choice=Choice(OFFER_ID, _(OFFER_CHOICE_TEXT)),
    )
