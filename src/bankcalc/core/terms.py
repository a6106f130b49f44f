"""The scenario as the cost core sees it: plain, exact, already bounded values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bankcalc.money import ZERO


@dataclass(frozen=True, slots=True)
class Freshness:
    """When prices are judged, and how old a price may be before it is kept out of verdicts."""

    today: dt.date
    stale_after: int = 24  # months


@dataclass(frozen=True, slots=True)
class Terms:
    """The scenario as the core sees it: already parsed, already bounded."""

    months: int  # storage horizon from birth, whole months (>= 1)
    escalation: Decimal = ZERO  # yearly storage-fee increase, a fraction
    discount: Decimal = ZERO  # yearly discount rate for present value, a fraction
    children: int = 1  # children banked at the same birth (twins share per-birth fees)
    # None: prices are not judged for age (pure cost tests); every shell passes today's date
    freshness: Freshness | None = None
