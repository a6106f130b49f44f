"""The catalog an app serves, kept so a reload can swap it whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from bankcalc.catalog.models import Catalog
from bankcalc.core.terms import Freshness


@dataclass(frozen=True)
class CatalogHolder:
    path: Path  # where the catalog was read from
    catalog: Catalog


def current_catalog() -> Catalog:
    holder: CatalogHolder = current_app.extensions["bankcalc.catalog.models"]
    return holder.catalog


def today() -> dt.date:
    """The date the timeline counts from: the app's TODAY setting (tests), else the clock."""
    fixed = current_app.config.get("TODAY")
    if fixed:
        return dt.date.fromisoformat(str(fixed))
    return dt.datetime.now().astimezone().date()  # the server's local calendar day


def freshness() -> Freshness:
    """Today, and how old the catalog lets a price be before it is kept out of verdicts."""
    return Freshness(today(), current_catalog().defaults.stale_after)
