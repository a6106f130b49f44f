"""The catalog an app serves, kept so a reload can swap it whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from bankcalc.catalog import Catalog
from bankcalc.config import load_catalog


@dataclass
class CatalogHolder:
    path: Path
    catalog: Catalog

    def reload(self) -> Catalog:
        """Read the file again; on CatalogError the old catalog stays in service."""
        self.catalog = load_catalog(self.path)
        return self.catalog


def current_catalog() -> Catalog:
    holder: CatalogHolder = current_app.extensions["bankcalc.catalog"]
    return holder.catalog


def today() -> dt.date:
    """The date the timeline counts from: the app's TODAY setting (tests), else the clock."""
    fixed = current_app.config.get("TODAY")
    if isinstance(fixed, str):
        return dt.date.fromisoformat(fixed)
    return dt.datetime.now().astimezone().date()  # the server's local calendar day
