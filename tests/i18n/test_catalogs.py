"""Every string marked for translation has a Spanish one: reviewed (not fuzzy), with the same
placeholders, every plural form filled, and nothing in the catalog that the code no longer
says. Extraction runs here from the sources, as `make messages` runs it, so a new English
sentence fails this test until it is translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bankcalc import i18n

ROOT = Path(__file__).resolve().parents[2]
PO = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
METHODS = [("src/bankcalc/**.py", "python"), ("templates/**.html", "jinja2")]
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*(?:[:!][^{}]*)?\}")


def extracted() -> dict[str, tuple[str, ...]]:
    """msgid -> its plural msgid(s), for every string the code and templates mark."""
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS, strip_comment_tags=True
    ):
        texts = (message,) if isinstance(message, str) else tuple(message)
        if texts[0]:
            found[texts[0]] = texts[1:]
    return found


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    with PO.open("rb") as po:
        return read_po(po, locale="es")


@pytest.fixture(scope="module")
def marked() -> dict[str, tuple[str, ...]]:
    return extracted()


def entries(catalog: Catalog) -> dict[str, Message]:
    return {str(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


def test_the_code_marks_strings_for_translation(marked: dict[str, tuple[str, ...]]) -> None:
    assert len(marked) > 300  # the pages, messages and core text: not a handful


def test_every_marked_string_has_a_spanish_translation(
    catalog: Catalog, marked: dict[str, tuple[str, ...]]
) -> None:
    have = entries(catalog)
    missing = [msgid for msgid in marked if msgid not in have]
    assert not missing, f"{len(missing)} strings not in messages.po (make messages): {missing[:5]}"
    empty = [m for m in marked if not _filled(have[m])]
    assert not empty, f"{len(empty)} untranslated: {empty[:5]}"


def _filled(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(strings) and all(s.strip() for s in strings)


def test_no_translation_is_fuzzy(catalog: Catalog) -> None:
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy (unreviewed) translations: {fuzzy[:5]}"


def test_translations_keep_every_placeholder(catalog: Catalog) -> None:
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            got = set(PLACEHOLDER.findall(string))
            # a singular form may leave out the count ("un año"), never add a name
            if got - wanted or (len(ids) == 1 and got != wanted):
                wrong.append((ids[0], string))
    assert not wrong, wrong[:5]


def test_the_catalog_holds_nothing_the_code_no_longer_says(
    catalog: Catalog, marked: dict[str, tuple[str, ...]]
) -> None:
    stale = [msgid for msgid in entries(catalog) if msgid not in marked]
    assert not stale, f"run make messages: {stale[:5]}"


def test_the_catalog_compiles_and_translates() -> None:
    i18n.translations.cache_clear()
    with i18n.speaking("es"):
        assert i18n.gettext("Compare all plans") != "Compare all plans"
