"""The languages bankcalc speaks, and the one place its text and numbers are localised.

No Flask here: a shell chooses the language of a request or a command (`speaking`), and every
sentence is looked up when it is built (`_`), so the core words its figures in the family's
language without knowing how it was chosen. A module-level English constant is marked with
`N_` (for extraction) and translated where it is used.

Translations are the gettext catalogs `bankcalc/locales/<lang>/LC_MESSAGES/messages.po`,
compiled in memory the first time a language is used: there is no build step, and an installed
wheel carries the same .po files a checkout has. Money, numbers and dates go through Babel with
the language's US locale (es-US writes money as "$1,795.00", like en-US).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as gnu
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

LANGUAGES = ("en", "es")
DEFAULT = "en"
LOCALES = {"en": "en_US", "es": "es_US"}  # US families: US money and number formats
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"

_language: ContextVar[str] = ContextVar("bankcalc_language", default=DEFAULT)


def language() -> str:
    """The language text is built in right now: 'en' or 'es'."""
    return _language.get()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Build every sentence in `lang` inside the block (a request, a command)."""
    token = _language.set(lang if lang in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _language.reset(token)


def use(lang: str) -> None:
    """Speak `lang` for the rest of this context (a request's own context, a CLI run)."""
    _language.set(lang if lang in LANGUAGES else DEFAULT)


def choose(code: str | None) -> str:
    """A supported language from a code as people and systems write it: 'es', 'es-US',
    'es_US.UTF-8' ($LANG), 'ES'; English for anything else or nothing."""
    if not code:
        return DEFAULT
    primary = code.strip().lower().replace("_", "-").split(".")[0].split("-")[0]
    return primary if primary in LANGUAGES else DEFAULT


@functools.cache
def translations(lang: str) -> gnu.NullTranslations:
    """The compiled catalog of `lang` (English is the source language: no catalog)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not path.exists():
        return gnu.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gnu.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """`message` in the current language (itself when untranslated, or in English)."""
    lang = _language.get()
    return message if lang == DEFAULT else translations(lang).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    lang = _language.get()
    if lang == DEFAULT:
        return singular if count == 1 else plural
    return translations(lang).ngettext(singular, plural, count)


_ = gettext


def N_(message: str) -> str:
    """Mark an English constant for extraction; translate it with `_` where it is used."""
    return message


# ---- numbers, money and dates ---------------------------------------------------------------


def locale() -> Locale:
    return _locale(_language.get())


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT]))


def money(amount: Decimal) -> str:
    """'$1,234.50' in both languages (es-US writes dollars as en-US does)."""
    return format_currency(amount, "USD", locale=locale())


def number(value: Decimal | int) -> str:
    """1700 -> '1,700' (es-US groups and points as en-US does)."""
    return format_decimal(value, locale=locale())


def long_date(day: dt.date) -> str:
    """'Saturday, May 1, 2027' / 'sábado, 1 de mayo de 2027'."""
    return format_date(day, "full", locale=locale())


def short_date(day: dt.date) -> str:
    """'May 1, 2027' / '1 de mayo de 2027'."""
    return format_date(day, "long", locale=locale())


def join_list(items: Sequence[str]) -> str:
    """'a, b and c' / 'a, b y c'."""
    return format_list(list(items), locale=locale()) if items else ""


def ordinal(value: int) -> str:
    """1 -> '1st' / '1.º'; 11 -> '11th' / '11.º'; 23 -> '23rd' / '23.º'."""
    if _language.get() == "es":
        return f"{value}.º"
    suffix = "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10)
    return f"{value}{suffix or 'th'}"
