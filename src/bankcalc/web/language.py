"""Each request's language: English or Spanish, for pages and API alike.

A page's `lang` query parameter wins (the switch on every page sets it, and forms and links
carry it on, so a family's choice survives every click); without it, the browser's
Accept-Language chooses, English when it names neither. The API reads Accept-Language only.
Flask-Babel holds the choice for the request (`get_locale`); bankcalc.i18n, which the core,
the wording modules and the templates read (one gettext, one catalog), is told at the start
of each request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, g, request
from flask_babel import Babel, get_locale
from markupsafe import Markup, escape

from bankcalc import i18n
from bankcalc.catalog.claims import PublishedQuote
from bankcalc.catalog.text import Text

PARAM = "lang"
# How each language names itself, in its own words, for the switch.
NAMES: Mapping[str, str] = {"en": "English", "es": "Español"}
KEPT_CHARS = 200  # longer than any field takes (the offer's bank name: 60)


def explicit() -> str | None:
    """The language the query names, when it names one we speak."""
    code = request.args.get(PARAM, "")
    return code if code in i18n.LANGUAGES else None


def _select() -> str:
    if not request.path.startswith("/api/"):
        chosen = explicit()
        if chosen is not None:
            return chosen
    return request.accept_languages.best_match(i18n.LANGUAGES, default=i18n.DEFAULT)


def current() -> str:
    """This request's language: 'en' or 'es'."""
    return str(get_locale() or i18n.DEFAULT)


def link_args() -> dict[str, str]:
    """What every link and form must carry to keep the family's choice: {'lang': 'es'} when
    the query chose a language, else nothing (Accept-Language will choose again)."""
    chosen = explicit()
    return {} if chosen is None else {PARAM: chosen}


def switch_links() -> list[dict[str, Any]]:
    """One link per language to this same page with its inputs kept, for the switch. A value
    far longer than any field takes (refused, and shown back only in part) is left out rather
    than copied into every page."""
    kept = [
        (name, value)
        for name, value in request.args.items(multi=True)
        if name != PARAM and len(value) <= KEPT_CHARS
    ]
    path = request.script_root + request.path
    return [
        {
            "code": code,
            "name": NAMES[code],
            "url": f"{path}?{urlencode([*kept, (PARAM, code)])}",
            "current": code == current(),
        }
        for code in i18n.LANGUAGES
    ]


# ---- verbatim English on a page in another language ----------------------------------------
# A quote, a source's title, a citation, a URL: marked lang="en" so screen readers read it in
# English. A catalog text that carries its own Spanish says which language it shows
# (`shown_in`); a plain string is English. Python, not Jinja macros: a result page asks ~80
# times, and a macro call costs ten times a function's.


def lang_en(value: object) -> Markup:
    """' lang="en"' for an element showing `value`, where the page is not in English."""
    if i18n.language() != "en" and getattr(value, "shown_in", "en") == "en":
        return Markup(' lang="en"')
    return Markup("")


def english(value: object) -> Markup:
    """`value` as text, in a span marked English only where one is needed."""
    if lang_en(value):
        return Markup('<span lang="en">{}</span>').format(value)
    return escape(value)


def published(quote: PublishedQuote) -> Markup:
    """Words as published, in quotation marks and marked English; on a Spanish page,
    bankcalc's translation beside them where the catalog gives one (a quote's `es`)."""
    shown = Markup("“{}”").format(quote.text)
    if lang_en(quote.text):
        shown = Markup('<span lang="en">{}</span>').format(shown)
    if i18n.language() == "es" and quote.es:
        words = i18n.gettext("(bankcalc’s translation: {words})").format(words=quote.es)  # noqa: RUF001 (the msgid)
        shown += Markup(' <span class="quote-translation">{}</span>').format(words)
    return shown


def _start() -> None:
    g.language = current()
    i18n.use(g.language)


def _reset(error: BaseException | None) -> None:
    # The next request in this context (a test client's, a worker's) chooses afresh.
    i18n.use(i18n.DEFAULT)


def _finish(response: Response) -> Response:
    response.headers["Content-Language"] = g.get("language", i18n.DEFAULT)
    response.vary.add("Accept-Language")
    return response


def _text_aware_filters(app: Flask) -> None:
    """Jinja's string filters (truncate, lower...) expect a str; catalog text is a Text that
    prints the request's language. Give them those words."""
    for name in ("truncate", "lower", "upper", "capitalize", "title", "trim", "replace", "length"):
        original = app.jinja_env.filters[name]
        passes = getattr(original, "jinja_pass_arg", None)  # an environment or context first
        skip = 1 if passes is not None else 0

        def text_aware(*args: Any, _original: Any = original, _skip: int = skip, **kw: Any) -> Any:
            args = tuple(
                str(arg) if index == _skip and isinstance(arg, Text) else arg
                for index, arg in enumerate(args)
            )
            return _original(*args, **kw)

        if passes is not None:
            text_aware.jinja_pass_arg = passes  # type: ignore[attr-defined]
        app.jinja_env.filters[name] = text_aware


def register(app: Flask) -> None:
    Babel(
        app,
        locale_selector=_select,
        default_locale=i18n.DEFAULT,
        configure_jinja=False,
    )
    # Templates call the same gettext as Python, with str.format placeholders: "{years}".
    # Plain globals, not jinja2.ext.i18n's: its `_` is an alias that makes each call twice,
    # and a result page makes ~250 of them. `lang()` reads what _start chose.
    app.jinja_env.globals.update(
        _=i18n.gettext,
        gettext=i18n.gettext,
        ngettext=i18n.ngettext,
        lang=i18n.language,
        lang_args=link_args,
        language_links=switch_links,
        lang_en=lang_en,
        english=english,
        published=published,
    )
    _text_aware_filters(app)
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_reset)
    i18n.translations("es")  # compiled once, before gunicorn forks its workers
