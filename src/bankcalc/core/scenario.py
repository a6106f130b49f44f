"""What a family or counselor asks: a plan, a way to pay, and the assumptions to price it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from bankcalc.catalog.models import MAX_STORAGE_MONTHS, Slug
from bankcalc.catalog.offer import OfferedPlan, PlanRef
from bankcalc.core.terms import Freshness, Terms
from bankcalc.fields import (
    Months,
    Rate,
    duration_schema,
    months_between,
    rate_between,
    rate_schema,
)
from bankcalc.i18n import _
from bankcalc.money import ZERO


def _count(value: object) -> object:
    # pydantic's lax mode would take true as 1 child, "3_0" as 30 and "٣" or "3.0" as 3:
    # a count is a number, or text of ASCII digits (the form's and the command line's)
    if isinstance(value, bool):
        raise PydanticCustomError("count", _("must be a whole number, not true or false"))
    if isinstance(value, str):
        if not re.fullmatch(r"[0-9]{1,4}", value.strip()):
            raise PydanticCustomError("count", _("must be a whole number, e.g. 2"))
        return int(value)
    return value


Count = Annotated[int, BeforeValidator(_count)]


def _calendar_date(value: object) -> object:
    # pydantic would also take '2027-05-01T00:00:00' or a number of seconds as a date
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise PydanticCustomError("date", _("must be a date as YYYY-MM-DD, e.g. 2027-05-01"))
    if isinstance(value, int | float):
        raise PydanticCustomError("date", _("must be a date as YYYY-MM-DD, e.g. 2027-05-01"))
    return value.strip() if isinstance(value, str) else value


CalendarDate = Annotated[dt.date, BeforeValidator(_calendar_date)]
MAX_CHILDREN = 6
MAX_ESCALATION = Decimal("0.20")
MAX_DISCOUNT = Decimal("0.20")
MAX_TAX_RATE = Decimal("0.60")
DEPENDENT_UNTIL = 19  # the IRS qualifying-child age: a child under 19 (24 if a student)
MAX_DEPENDENT_UNTIL = 26


class KnownNeed(StrEnum):
    """Who in the baby's family has a disease a cord blood transplant treats (e.g. leukemia,
    sickle cell disease, thalassemia). No diagnosis is asked for or kept."""

    SIBLING = "sibling"  # a full brother or sister of the baby
    PARENT = "parent"


MAX_OFFERS = 10


class Assumptions(BaseModel):
    """How to price: horizon, fee increases, discounting, children, taxes, due date."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    horizon: Annotated[
        Months, months_between(1, MAX_STORAGE_MONTHS), WithJsonSchema(duration_schema(100))
    ] = Field(
        default=240,
        json_schema_extra={"default": "20 years"},
        description="storage horizon from birth: 1 month to 100 years; a bare number is years"
        " ('20 years', '240 months' and 20 are the same); kept as whole months",
    )
    escalation: Annotated[
        Rate, rate_between(ZERO, MAX_ESCALATION), WithJsonSchema(rate_schema(MAX_ESCALATION))
    ] = Field(
        default=Decimal(0),
        description="yearly increase of the storage fee, 0 to 20 % ('3 %' or 0.03)",
    )
    discount: Annotated[
        Rate, rate_between(ZERO, MAX_DISCOUNT), WithJsonSchema(rate_schema(MAX_DISCOUNT))
    ] = Field(
        default=Decimal(0),
        description="yearly discount rate for present value, 0 to 20 % ('3 %' or 0.03)",
    )
    children: Count = Field(
        default=1, ge=1, le=MAX_CHILDREN, description="children banked at one birth, 1 to 6"
    )
    tax_rate: (
        Annotated[Rate, rate_between(ZERO, MAX_TAX_RATE), WithJsonSchema(rate_schema(MAX_TAX_RATE))]
        | None
    ) = Field(
        default=None,
        description="marginal tax rate, 0 to 60 %, for an FSA/HSA estimate; an estimate is made"
        " only with a known_need (the IRS does not count banking as a precaution)",
    )
    siblings: Count | None = Field(
        default=None,
        ge=0,
        le=10,
        description="full siblings the banked child has or will have, 0 to 10, for the"
        " sibling-match odds",
    )
    due_date: CalendarDate | None = Field(
        default=None, description="expected due date (YYYY-MM-DD), for the enrollment timeline"
    )
    known_need: (
        Annotated[
            KnownNeed,
            # inline, not a $ref: the batch schema embeds this model's schema whole
            WithJsonSchema({"type": "string", "enum": [need.value for need in KnownNeed]}),
        ]
        | None
    ) = Field(
        default=None,
        description="a full sibling ('sibling') or a parent ('parent') of the baby has been"
        " diagnosed with a disease a cord blood transplant treats (e.g. leukemia, sickle cell"
        " disease, thalassemia); none: no known need. Opens the FSA/HSA estimate and the"
        " directed-donation route",
    )
    dependent_until: Count = Field(
        default=DEPENDENT_UNTIL,
        ge=1,
        le=MAX_DEPENDENT_UNTIL,
        description="the age until which the child can be the parents' tax dependent, 1 to 26;"
        " default 19 (the IRS qualifying-child age; 24 for a full-time student). Only payments"
        " made before it count in the FSA/HSA estimate",
    )

    @property
    def terms(self) -> Terms:
        """The plain values the cost core works on, with prices not judged for age."""
        return self.terms_on(None)

    def terms_on(self, freshness: Freshness | None) -> Terms:
        """The plain values the cost core works on, with prices judged for age on a date."""
        return Terms(
            months=self.horizon,
            escalation=self.escalation,
            discount=self.discount,
            children=self.children,
            freshness=freshness,
        )


class Scenario(Assumptions):
    """One quote request. Durations and rates accept units: '20 years', '240 months', '3 %'."""

    plan: PlanRef = Field(
        description="plan id from the catalog, or a plan of your own (an offer a bank made,"
        " in the catalog's plan schema, with the bank's name)"
    )
    option: Slug | None = Field(
        default=None, description="payment option id of the plan; default: pay yearly"
    )


class Comparison(Assumptions):
    """The same assumptions priced on every plan of the catalog, or on the plans listed."""

    plans: tuple[PlanRef, ...] | None = Field(
        default=None,
        min_length=1,
        max_length=50,
        description="plans to compare, 1 to 50: catalog plan ids, plans of your own (offers a"
        " bank made, in the catalog's plan schema), or both; default: every catalog plan",
    )
    offers: tuple[OfferedPlan, ...] = Field(
        default=(),
        max_length=MAX_OFFERS,
        description=f"up to {MAX_OFFERS} plans of your own, compared beside `plans` (beside"
        " every catalog plan when `plans` is left out); each needs an id of its own",
    )
