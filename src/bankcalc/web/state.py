"""The catalog an app serves, kept so a reload can swap it whole."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app

from bankcalc.catalog.models import Catalog
from bankcalc.core.terms import Freshness

EXTENSION = "bankcalc.catalog.models"


@dataclass(frozen=True)
class CatalogHolder:
    path: Path  # where the catalog was read from
    catalog: Catalog
    # A hash of the catalog's validated content, made once per catalog: it goes into every
    # cacheable answer's ETag, so a different catalog can never answer 304 for the old one.
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        content = self.catalog.model_dump_json().encode("utf-8")
        object.__setattr__(self, "digest", hashlib.sha256(content).hexdigest())


def install_catalog(app: Flask, path: Path, catalog: Catalog) -> None:
    """Serve `catalog` from now on. The holder is replaced whole, never edited, so a request
    sees the catalog and its digest of the same moment."""
    app.extensions[EXTENSION] = CatalogHolder(path, catalog)


def _holder() -> CatalogHolder:
    holder: CatalogHolder = current_app.extensions[EXTENSION]
    return holder


def current_catalog() -> Catalog:
    return _holder().catalog


def current_catalog_digest() -> str:
    """The content hash of the catalog in service (see CatalogHolder.digest)."""
    return _holder().digest


def today() -> dt.date:
    """The date the timeline counts from: the app's TODAY setting (tests), else the clock."""
    fixed = current_app.config.get("TODAY")
    if fixed:
        return dt.date.fromisoformat(str(fixed))
    return dt.datetime.now().astimezone().date()  # the server's local calendar day


def freshness() -> Freshness:
    """Today, and how old the catalog lets a price be before it is kept out of verdicts."""
    return Freshness(today(), current_catalog().defaults.stale_after)
