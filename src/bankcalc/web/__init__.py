"""The web shell: an app factory over the pure core. No arithmetic lives here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, jsonify
from flask_openapi3 import Info, OpenAPI

from bankcalc import __version__
from bankcalc.catalog.loading import catalog_path, load_catalog
from bankcalc.catalog.models import Catalog
from bankcalc.resources import static_dir, templates_dir
from bankcalc.web import api, api_docs, caching, compression, errors, language, pages
from bankcalc.web.api import validation_problem
from bankcalc.web.api_schemas import Problem
from bankcalc.web.headers import DOCS_PREFIX, add_security_headers
from bankcalc.web.json_body import StrictJSONProvider, StrictRequest
from bankcalc.web.state import current_catalog, install_catalog

__all__ = ["create_app", "current_catalog"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. `config` may set PLANS (a catalog path; else $BANKCALC_PLANS is used),
    CATALOG (an already validated Catalog, as the gunicorn master hands its workers),
    TODAY (an ISO date the timeline counts from, for tests) and CACHE_MAX_AGE (seconds a
    cache may keep a catalog answer; $BANKCALC_CACHE_MAX_AGE, default 300).

    A bad catalog raises bankcalc.catalog.loading.CatalogError before any request is served.
    """
    settings = dict(config or {})
    path = catalog_path(settings.pop("PLANS", None))
    catalog = settings.pop("CATALOG", None)
    app = OpenAPI(
        "bankcalc",
        info=Info(title="bankcalc API", version=__version__),
        security_schemes={},
        validation_error_status=422,
        validation_error_model=Problem,
        validation_error_callback=validation_problem,
        doc_ui=False,  # its index page and second spec copy: api_docs serves one page instead
        template_folder=str(templates_dir()),
        static_folder=str(static_dir()),
    )
    app.json = StrictJSONProvider(app)
    app.request_class = StrictRequest
    app.config.from_prefixed_env("BANKCALC")
    app.config.update(settings)
    if not isinstance(catalog, Catalog):
        catalog = load_catalog(path)
    install_catalog(app, path, catalog)
    app.after_request(add_security_headers)
    compression.register(app)
    language.register(app)
    app.add_url_rule("/healthz", "healthz", _healthz)
    errors.register(app)
    api.register(app)
    api_docs.register(app, DOCS_PREFIX, f"{api.PREFIX}/openapi.json")
    pages.register(app)
    caching.install(app)
    return app


def _healthz() -> Response:
    catalog = current_catalog()
    return jsonify(status="ok", catalog_as_of=catalog.as_of.isoformat(), version=__version__)
