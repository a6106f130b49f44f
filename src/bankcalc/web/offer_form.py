"""The form's "Enter a bank's offer" fields: query parameters in, an OfferedPlan (or messages) out.

The offer lives in the query string like everything else on the form, so a result URL
reproduces it and the form can be edited again from the result. Its fields are prefixed
`o_` and short; left at their defaults they are left out of the links the pages build.
Every number has bounds, stated in its hint; the plan is then validated exactly as a
catalog plan is (OfferedPlan is the catalog's Plan). Nothing entered is stored or logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from bankcalc.catalog.kinds import FeeKind, Stored
from bankcalc.catalog.offer import BANK_NAME_MAX, OFFER_ID, OfferedPlan, not_yet_dated
from bankcalc.i18n import N_, _, ngettext
from bankcalc.money import format_usd
from bankcalc.units import MONTHS_PER_YEAR, months_text

# ---- bounds: the form's, tighter than the catalog's, to catch a slipped digit -------------

MAX_ONE_TIME = Decimal("25000")  # each one-time fee, USD
MAX_STORAGE = Decimal("5000")  # the yearly storage fee, USD
MAX_PACKAGE = Decimal("100000")  # a prepaid or lifetime price, USD
MAX_CONTRACT_FEE = Decimal("25000")  # a cancellation or release fee, USD
MAX_YEARS = 100  # a prepaid term or a lifetime's length, whole years
MIN_MONTHS, MAX_MONTHS = 2, 120  # monthly payments (the catalog's bounds)
MAX_APR = Decimal("40")  # percent

# ---- the fields ---------------------------------------------------------------------------

ONE_TIME = (  # (amount field, per field, name in the plan, translated when read, kind)
    ("o_enroll", "o_enroll_per", N_("Enrollment"), FeeKind.ENROLLMENT),
    ("o_kit", "o_kit_per", N_("Collection kit and courier"), FeeKind.COURIER_KIT),
    ("o_proc", "o_proc_per", N_("Processing"), FeeKind.PROCESSING),
    ("o_other", "o_other_per", N_("Other one-time fees"), FeeKind.OTHER),
)
OFFER_FIELDS = (  # in the order the form shows them, which the error summary follows
    "o_bank",
    "o_stores",
    "o_enroll",
    "o_enroll_per",
    "o_kit",
    "o_kit_per",
    "o_proc",
    "o_proc_per",
    "o_other",
    "o_other_per",
    "o_year1",
    "o_storage",
    "o_rise",
    "o_pre_years",
    "o_pre_price",
    "o_pre_covers",
    "o_life_years",
    "o_life_price",
    "o_life_covers",
    "o_mon_n",
    "o_mon_apr",
    "o_mon_pays",
    "o_cancel",
    "o_release",
)
DEFAULTS: Mapping[str, str] = dict.fromkeys(OFFER_FIELDS, "") | {
    "o_stores": "blood",
    "o_enroll_per": "birth",
    "o_kit_per": "birth",
    "o_proc_per": "child",
    "o_other_per": "child",
    "o_mon_pays": "fees",
}
DEFAULTS_SELECT = frozenset(
    {"o_stores", "o_year1", "o_rise", "o_pre_covers", "o_life_covers", "o_mon_pays"}
    | {per for _, per, _, _ in ONE_TIME}
)  # the fields chosen from a list
MAX_TYPED = 200  # characters kept of anything typed, so a too-long name comes back to fix


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    text: str  # English, marked for translation: shown as _(text)


CHOICES: Mapping[str, tuple[Choice, ...]] = {
    "o_stores": (
        Choice("blood", N_("Cord blood")),
        Choice("blood_tissue", N_("Cord blood and cord tissue")),
        Choice("blood_tissue_placenta", N_("Cord blood, cord tissue, placenta")),
    ),
    "per": (Choice("birth", N_("per birth")), Choice("child", N_("per baby"))),
    "o_year1": (
        Choice("", N_("Not stated (billed)")),
        Choice("yes", N_("Yes, included")),
        Choice("no", N_("No, billed")),
    ),
    "o_rise": (
        Choice("", N_("Not stated")),
        Choice("fixed", N_("No, it is fixed")),
        Choice("may_rise", N_("Yes, it may rise")),
    ),
    "covers": (
        Choice("", N_("Storage only")),
        Choice("processing", N_("Storage and processing")),
        Choice("all", N_("Storage and all one-time fees")),
    ),
    "o_mon_pays": (
        Choice("fees", N_("The one-time fees")),
        Choice("prepaid", N_("Fees and prepaid price")),
        Choice("lifetime", N_("Fees and lifetime price")),
    ),
}
PER_FIELDS = frozenset(per for _, per, _, _ in ONE_TIME)
STORES: Mapping[str, tuple[Stored, ...]] = {
    "blood": (Stored.CORD_BLOOD,),
    "blood_tissue": (Stored.CORD_BLOOD, Stored.CORD_TISSUE),
    "blood_tissue_placenta": (Stored.CORD_BLOOD, Stored.CORD_TISSUE, Stored.PLACENTA_TISSUE),
}
# The ways to pay an offer can have, for the form's list before the offer is priced.
WAYS_TO_PAY = (
    Choice("yearly", N_("Pay storage yearly")),
    Choice("prepaid", N_("Prepaid (the term you enter)")),
    Choice("lifetime", N_("Lifetime")),
    Choice("monthly", N_("Monthly payments")),
)


def choices_for(name: str) -> tuple[Choice, ...]:
    """The choices of a select field of the offer."""
    if name in PER_FIELDS:
        return CHOICES["per"]
    if name in ("o_pre_covers", "o_life_covers"):
        return CHOICES["covers"]
    return CHOICES[name]


def _usd(amount: Decimal) -> str:
    return format_usd(amount).removesuffix(".00")


# What each field accepts, with its bounds: shown as the hint, and again as the message
# when the answer does not fit. Worded when asked for, in the language of the request.
def hints() -> dict[str, str]:
    """The hint shown under each field (and "one_time", under the one-time fees)."""
    return {
        "o_bank": _("As the offer names it, up to {limit} characters.").format(limit=BANK_NAME_MAX),
        "one_time": _(
            "Each in dollars, from 0 to {most}; leave blank a fee the offer does not charge."
            " Per birth: paid once, even for twins. Per baby: paid for each."
        ).format(most=_usd(MAX_ONE_TIME)),
        "o_year1": _("Some banks include the first year of storage in processing."),
        "o_storage": _(
            "For each baby, in dollars, from 0 to {most}. Also what you pay after any prepaid"
            " years."
        ).format(most=_usd(MAX_STORAGE)),
        "o_rise": _("If it may rise, try an increase under “Storage fee increase per year” below."),
        "o_pre_years": _("A whole number of years, from 1 to {most}, such as 18.").format(
            most=MAX_YEARS
        ),
        "o_pre_price": _("For each baby, in dollars, from 0 to {most}.").format(
            most=_usd(MAX_PACKAGE)
        ),
        "o_life_years": _("From 1 to {most}. Leave blank if the offer does not say.").format(
            most=MAX_YEARS
        ),
        "o_life_price": _("For each baby, in dollars, from 0 to {most}.").format(
            most=_usd(MAX_PACKAGE)
        ),
        "o_mon_n": _("From {least} to {most}.").format(least=MIN_MONTHS, most=MAX_MONTHS),
        "o_mon_apr": _("From 0 to {most} %, such as 0 or 9.9.").format(most=MAX_APR),
        "o_cancel": _(
            "If you cancel before the cord blood is collected. In dollars, from 0 to {most}."
        ).format(most=_usd(MAX_CONTRACT_FEE)),
        "o_release": _(
            "To release the unit for a transplant. In dollars, from 0 to {most}."
        ).format(most=_usd(MAX_CONTRACT_FEE)),
    }


def message(name: str) -> str:
    """What to do when field `name`'s answer does not fit, with its bounds."""
    return _messages()[name]


def _messages() -> dict[str, str]:
    per = _("Choose per birth or per baby from the list.")
    one_time, storage = _usd(MAX_ONE_TIME), _usd(MAX_STORAGE)
    package, contract = _usd(MAX_PACKAGE), _usd(MAX_CONTRACT_FEE)
    return {
        "o_bank": _(
            "Enter the bank's name in up to {limit} characters, on one line, or leave it blank."
        ).format(limit=BANK_NAME_MAX),
        "o_stores": _("Choose what the offer stores from the list."),
        "o_enroll": _(
            "Enter the enrollment fee in dollars, from 0 to {most}, such as 250, or leave it blank."
        ).format(most=one_time),
        "o_kit": _(
            "Enter the kit and courier fee in dollars, from 0 to {most}, such as 150, or leave"
            " it blank."
        ).format(most=one_time),
        "o_proc": _(
            "Enter the processing fee in dollars, from 0 to {most}, such as 1,500, or leave it"
            " blank."
        ).format(most=one_time),
        "o_other": _(
            "Enter the other one-time fees in dollars, from 0 to {most}, or leave them blank."
        ).format(most=one_time),
        "o_enroll_per": per,
        "o_kit_per": per,
        "o_proc_per": per,
        "o_other_per": per,
        "o_year1": _("Choose whether processing includes the first year from the list."),
        "o_storage": _(
            "Enter the yearly storage fee in dollars, from 0 to {most}, such as 175."
        ).format(most=storage),
        "o_rise": _("Choose whether the storage fee may rise from the list."),
        "o_pre_years": _(
            "Enter the prepaid years as a whole number from 1 to {most}, such as 18, or leave"
            " it blank."
        ).format(most=MAX_YEARS),
        "o_pre_price": _(
            "Enter the prepaid price in dollars, from 0 to {most}, such as 4,500."
        ).format(most=package),
        "o_pre_covers": _("Choose what the prepaid price pays for from the list."),
        "o_life_years": _(
            "Enter how many years “lifetime” lasts, from 1 to {most}, or leave it blank if the"
            " offer does not say."
        ).format(most=MAX_YEARS),
        "o_life_price": _(
            "Enter the lifetime price in dollars, from 0 to {most}, such as 6,000."
        ).format(most=package),
        "o_life_covers": _("Choose what the lifetime price pays for from the list."),
        "o_mon_n": _(
            "Enter the number of monthly payments, from {least} to {most}, such as 24, or"
            " leave it blank."
        ).format(least=MIN_MONTHS, most=MAX_MONTHS),
        "o_mon_apr": _("Enter the APR from 0 to {most} %, such as 0 or 9.9.").format(most=MAX_APR),
        "o_mon_pays": _("Choose what the monthly payments pay for from the list."),
        "o_cancel": _(
            "Enter the cancellation fee in dollars, from 0 to {most}, or leave it blank."
        ).format(most=contract),
        "o_release": _(
            "Enter the release fee in dollars, from 0 to {most}, or leave it blank."
        ).format(most=contract),
    }


# Said when the figures entered do not fit together (translated where they are said).
NEED_A_FEE = N_(
    "Enter at least one one-time fee, such as processing. Enter 0 if the offer charges none."
)
NEED_PRE_PRICE = N_("Enter the prepaid price for these years, or clear the prepaid years.")
NEED_PRE_YEARS = N_("Enter how many years the prepaid price covers, such as 18.")
NEED_LIFE_PRICE = N_("Enter the lifetime price, or clear the lifetime years.")
NEED_APR = N_("Enter the APR of the monthly payments: 0 if the bank charges no interest.")
NEED_MONTHS = N_("Enter the number of monthly payments, or clear the APR.")
NEED_PREPAID = N_(
    "Enter a prepaid plan above for the monthly payments to pay for, or choose another."
)
NEED_LIFETIME = N_(
    "Enter a lifetime price above for the monthly payments to pay for, or choose another."
)
NOT_A_PLAN = N_("These figures do not make a plan bankcalc can price: {reason}")

_MONEY = re.compile(r"^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")
_WHOLE = re.compile(r"^\d{1,4}$")
_PERCENT = re.compile(r"^\s*(\d{1,3}(\.\d{1,4})?)\s*%?\s*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# ---- reading --------------------------------------------------------------------------------


def read_values(args: Mapping[str, str], values: MutableMapping[str, str]) -> bool:
    """Copy the offer's fields from the query into the form's values; True when any was sent."""
    values.update(DEFAULTS)
    sent = False
    for name in OFFER_FIELDS:
        if name in args:
            sent = True
            text = args[name] if name == "o_bank" else args[name].strip()
            values[name] = text[:MAX_TYPED]
    return sent


def query_values(values: Mapping[str, str]) -> dict[str, str]:
    """The offer's fields for a link: only those that differ from the defaults, so a shared
    link stays short and reads back as the same offer."""
    return {name: values[name] for name in OFFER_FIELDS if values[name] != DEFAULTS[name]}


class _Problems:
    def __init__(self, fail: Callable[[str, str], None]) -> None:
        self.fail = fail
        self.count = 0

    def __call__(self, name: str, message: str) -> None:
        self.count += 1
        self.fail(name, message)


def read_offer(values: Mapping[str, str], fail: Callable[[str, str], None]) -> OfferedPlan | None:
    """The offer in the form's values as a plan, validated like a catalog plan; or None, with
    each problem reported through `fail(field, message)` in the form's order."""
    problem = _Problems(fail)
    parsed = _Parsed(values, problem)
    data = parsed.plan_data()
    if problem.count or data is None:
        return None
    try:
        return OfferedPlan.model_validate(data)
    except ValidationError as error:  # the form's checks should leave nothing for this
        reason = str(error.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
        fail("o_storage", _(NOT_A_PLAN).format(reason=reason))
        return None


class _Parsed:
    """Each field parsed once, with its problem reported; then the plan's data."""

    def __init__(self, values: Mapping[str, str], problem: _Problems) -> None:
        self.values, self.problem = values, problem

    def text(self, name: str) -> str:
        return self.values.get(name, DEFAULTS[name])

    def choice(self, name: str) -> str:
        value = self.text(name)
        if value not in {choice.value for choice in choices_for(name)}:
            self.problem(name, message(name))
            return DEFAULTS[name]
        return value

    def money(self, name: str, most: Decimal, *, required: bool = False) -> Decimal | None:
        text = self.text(name)
        if not text:
            if required:
                self.problem(name, message(name))
            return None
        match = _MONEY.match(text)
        amount = Decimal(text.lstrip("$ ").replace(",", "")) if match else None
        if amount is None or amount > most:
            self.problem(name, message(name))
            return None
        return amount.quantize(Decimal("0.01"))  # exact: at most two decimals were typed

    def whole(self, name: str, low: int, high: int) -> int | None:
        text = self.text(name)
        if not text:
            return None
        if not _WHOLE.match(text) or not low <= int(text) <= high:
            self.problem(name, message(name))
            return None
        return int(text)

    def apr(self, name: str) -> Decimal | None:
        text = self.text(name)
        if not text:
            return None
        match = _PERCENT.match(text)
        rate = Decimal(match.group(1)) if match else None
        if rate is None or rate > MAX_APR:
            self.problem(name, message(name))
            return None
        return rate

    def bank(self) -> str:
        typed = self.text("o_bank").replace("\t", " ")
        name = " ".join(typed.split())
        if _CONTROL.search(typed) or len(name) > BANK_NAME_MAX:
            self.problem("o_bank", message("o_bank"))
            return ""
        return name

    def plan_data(self) -> dict[str, Any] | None:
        """The plan in the catalog's format, or None when a field is wrong."""
        bank = self.bank()
        stores = STORES[self.choice("o_stores")]
        fees = []
        for amount_field, per_field, name, kind in ONE_TIME:
            amount = self.money(amount_field, MAX_ONE_TIME)
            per = self.choice(per_field)
            if amount is not None:
                fee = {"name": _(name), "kind": kind.value, "amount": amount}
                fees.append(fee | {"shared_by_multiples": per == "birth"})
        first_year = self.choice("o_year1")
        storage = self.money("o_storage", MAX_STORAGE, required=True)
        rise = self.choice("o_rise")
        options: list[dict[str, Any]] = [
            {"id": "yearly", "kind": "yearly", "name": _("Pay storage yearly")}
        ]
        options += self._prepaid() + self._lifetime()
        options += self._monthly({option["id"] for option in options})
        terms = self._terms(first_year, rise)
        if not any(self.text(amount) for amount, _, _, _ in ONE_TIME):
            self.problem("o_proc", _(NEED_A_FEE))
        if self.problem.count:
            return None
        return {
            "bank_name": bank,
            "stores": [item.value for item in stores],
            "one_time_fees": fees,
            "annual_storage_fee": storage,
            "first_year_included": first_year == "yes",
            "payment_options": options,
            "contract_terms": terms,
        }

    def _prepaid(self) -> list[dict[str, Any]]:
        years = self.whole("o_pre_years", 1, MAX_YEARS)
        price = self.money("o_pre_price", MAX_PACKAGE)
        covers = _covered(self.choice("o_pre_covers"))
        if years is None and price is not None and not self.text("o_pre_years"):
            self.problem("o_pre_years", _(NEED_PRE_YEARS))
        if years is not None and price is None and not self.text("o_pre_price"):
            self.problem("o_pre_price", _(NEED_PRE_PRICE))
        if years is None or price is None:
            return []
        months = years * MONTHS_PER_YEAR
        name = _("{term} prepaid").format(term=months_text(months))
        return [
            # the term as data, in words every language parses: the name is for people
            {"id": "prepaid", "kind": "prepaid", "name": name, "term": f"{months} months"}
            | {"price": price, "includes_fees": covers}
        ]

    def _lifetime(self) -> list[dict[str, Any]]:
        years = self.whole("o_life_years", 1, MAX_YEARS)
        price = self.money("o_life_price", MAX_PACKAGE)
        covers = _covered(self.choice("o_life_covers"))
        if years is not None and price is None and not self.text("o_life_price"):
            self.problem("o_life_price", _(NEED_LIFE_PRICE))
        if price is None:
            return []
        months = None if years is None else years * MONTHS_PER_YEAR
        length = None if months is None else f"{months} months"
        if months is None:
            name = _("Lifetime (length not stated)")
        else:
            name = _("Lifetime, {length}").format(length=months_text(months))
        return [
            {"id": "lifetime", "kind": "lifetime", "name": name, "length": length}
            | {"price": price, "includes_fees": covers}
        ]

    def _monthly(self, offered: set[str]) -> list[dict[str, Any]]:
        months = self.whole("o_mon_n", MIN_MONTHS, MAX_MONTHS)
        apr = self.apr("o_mon_apr")
        pays = self.choice("o_mon_pays")
        if months is not None and apr is None and not self.text("o_mon_apr"):
            self.problem("o_mon_apr", _(NEED_APR))
        if months is None and apr is not None and not self.text("o_mon_n"):
            self.problem("o_mon_n", _(NEED_MONTHS))
        finances = None if pays == "fees" else pays
        if months is not None and finances is not None and finances not in offered:
            missing = NEED_PREPAID if finances == "prepaid" else NEED_LIFETIME
            self.problem("o_mon_pays", _(missing))
            return []
        if months is None or apr is None:
            return []
        return [
            {"id": "monthly", "kind": "installments", "name": _monthly_name(months)}
            | {"months": months, "apr": f"{apr} %", "finances": finances}
        ]

    def _terms(self, first_year: str, rise: str) -> dict[str, Any]:
        """What the family knows of the contract from the offer: their own words, dated when
        the offer is priced."""
        terms: dict[str, Any] = {}
        source = not_yet_dated()
        if first_year:
            says = _(FIRST_YEAR_SAYS[first_year == "yes"])
            terms["first_year"] = {"says": says, "source": source}
        if rise:
            says = _(RISE_SAYS[rise == "may_rise"])
            terms["storage_increase"] = {"says": says, "may_rise": rise == "may_rise"}
            terms["storage_increase"]["source"] = source
        cancel = self.money("o_cancel", MAX_CONTRACT_FEE)
        if cancel is not None:
            says = _(CANCEL_SAYS).format(fee=format_usd(cancel))
            terms["cancellation"] = {"says": says, "fee": cancel, "source": source}
        release = self.money("o_release", MAX_CONTRACT_FEE)
        if release is not None:
            says = _(RELEASE_SAYS).format(fee=format_usd(release))
            terms["release"] = {"says": says, "fee": release, "source": source}
        return terms


def _monthly_name(months: int) -> str:
    return ngettext("{months} monthly payment", "{months} monthly payments", months).format(
        months=months
    )


def _covered(covers: str) -> list[str]:
    if covers == "processing":
        return [FeeKind.PROCESSING.value]
    if covers == "all":
        return [kind.value for kind in FeeKind]
    return []


# What the contract says, in the family's own offer: translated when the offer is read.
FIRST_YEAR_SAYS = {
    True: N_("The offer you entered includes the first year of storage in processing."),
    False: N_("The offer you entered bills the first year of storage."),
}
RISE_SAYS = {
    True: N_("The offer you entered lets the bank raise the storage fee."),
    False: N_("The offer you entered fixes the storage fee."),
}
CANCEL_SAYS = N_(
    "The offer you entered: cancelling before the cord blood is collected costs {fee}."
)
RELEASE_SAYS = N_("The offer you entered: releasing the unit for a transplant costs {fee}.")


def is_offer(values: Mapping[str, str]) -> bool:
    return values.get("plan") == OFFER_ID
