"""Every HTTP error, answered in the caller's language: RFC 9457 problem+json under the API,
a page with the site's layout everywhere else. Unexpected exceptions are logged (method and
path only, never a body or query) and answered as a 500 without a traceback."""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from bankcalc.i18n import N_, _
from bankcalc.web.form import form_view, read_form
from bankcalc.web.problems import problem_response
from bankcalc.web.state import current_catalog

API_PREFIX = "/api/"
MAX_BODY_BYTES = 64 * 1024
log = logging.getLogger(__name__)

# Built at import, before any language is known: translated where they are used.
_TITLES = {
    400: (N_("Bad request"), "bad-request"),
    404: (N_("Not found"), "not-found"),
    405: (N_("Method not allowed"), "method-not-allowed"),
    408: (N_("Request timeout"), "request-timeout"),
    413: (N_("Body too large"), "body-too-large"),
    415: (N_("Unsupported media type"), "unsupported-media"),
    500: (N_("Internal error"), "internal-error"),
}
_HTTP_ERROR = N_("HTTP error")  # any other status, under the API
_PAGE_TITLE = N_("Something went wrong")  # any other status, on a page
_PAGE_OTHER = N_("This request could not be answered.")
_PAGE_DETAIL = {
    404: N_("There is no page at this address."),
    405: N_("This page only answers ordinary links and the calculator's form."),
    408: N_("Your request did not arrive in time. Please try again."),
    500: N_(
        "Something went wrong on our side while working this out. Nothing you entered was"
        " stored. Please try again."
    ),
}


def register(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = app.config.get("MAX_CONTENT_LENGTH") or MAX_BODY_BYTES
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = _problem(status, error) if request.path.startswith(API_PREFIX) else _page(status)
    allow = error.get_response().headers.get("Allow") if status == 405 else None
    if allow:
        response.headers["Allow"] = allow
    return response


def _unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return _http_error(error)
    if isinstance(error, TimeoutError):  # the body stalled: bankcalc.serve_worker's timeout
        log.warning("request body timed out on %s %s", request.method, request.path)
        return _problem(408, None) if request.path.startswith(API_PREFIX) else _page(408)
    log.exception("unexpected error on %s %s", request.method, request.path)
    if request.path.startswith(API_PREFIX):
        return _problem(500, None)
    return _page(500)


def _problem(status: int, error: HTTPException | None) -> Response:
    title, slug = _TITLES.get(status, (_HTTP_ERROR, "http-error"))
    return problem_response(status, _(title), _detail(status, error), slug=slug)


def _detail(status: int, error: HTTPException | None) -> str:
    if status == 404:
        return _("no such resource: {path}").format(path=request.path)
    if status == 405:
        return _("{method} is not allowed on {path}").format(
            method=request.method, path=request.path
        )
    if status == 413:
        return _("the body is larger than {size} KiB").format(size=MAX_BODY_BYTES // 1024)
    if status == 408:
        return _("the body did not arrive in time; nothing about it was stored")
    if status == 500 or error is None:
        return _("bankcalc could not answer this request; nothing about it was stored")
    # werkzeug's own description (English), or ours where we raised it (web.json_body)
    return str(error.description or error.name)


def _page(status: int) -> Response:
    title = _(_TITLES.get(status, (_PAGE_TITLE, ""))[0])
    detail = _(_PAGE_DETAIL.get(status, _PAGE_OTHER))
    try:
        catalog = current_catalog()
        view = form_view(read_form({}, catalog), catalog)
        html = render_template("error.html", form=view, title=title, detail=detail)
    except Exception:  # the layout itself failed: answer plainly rather than not at all
        log.exception("the error page could not be rendered")
        html = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{detail}</p>"
    return Response(html, status=status, mimetype="text/html")
