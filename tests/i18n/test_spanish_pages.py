"""Every page a family can reach, rendered in Spanish with the shipped catalog, shows no English
sentence: text and the attributes people hear (alt, title, aria-label, placeholder) are read
word by word, and a run of words with several of English's commonest ones fails the test.
Only what is marked `lang="en"` may stay English (verbatim quotes, titles of sources), and the
mark itself is checked: it is there, and only around English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from bankcalc.web import create_app
from pages.html_tree import Element, parse

TODAY = "2026-11-26"
# English words that are not Spanish words: two of them in one sentence is English.
ENGLISH = frozenset(
    [
        "the",
        "and",
        "your",
        "you",
        "with",
        "this",
        "that",
        "will",
        "from",
        "for",
        "are",
        "is",
        "not",
        "of",
        "to",
        "it",
        "be",
        "by",
        "or",
        "an",
        "at",
        "as",
        "on",
        "if",
        "can",
        "may",
        "what",
        "which",
        "when",
        "how",
        "any",
        "all",
        "each",
        "more",
        "than",
        "only",
        "per",
        "its",
        "their",
        "they",
        "we",
        "our",
        "has",
        "have",
        "was",
        "were",
        "been",
        "would",
        "should",
        "could",
        "about",
        "into",
        "after",
        "before",
        "these",
        "those",
        "there",
        "who",
        "whose",
        "why",
        "does",
        "do",
        "did",
        "but",
        "also",
        "most",
        "less",
        "pay",
        "paid",
        "year",
        "years",
        "month",
        "months",
    ]
)
HEARD = ("alt", "title", "aria-label", "placeholder", "aria-description")
TITLE = re.compile(r'"[^"]{1,200}"')
WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
PAGES = [
    "/",
    "/?plan=cbr-cord-blood&horizon=20",
    "/?plan=cbr-cord-blood&horizon=78&escalation=3&discount=3&siblings=2&children=2",
    "/?plan=viacord-cord-blood&horizon=20&due_date=2027-05-01&known_need=sibling&tax_rate=24",
    "/?plan=americord-essential&horizon=20&option=americord-essential-monthly",
    "/?plan=americord-ultimate&horizon=30&known_need=parent",
    "/?plan=lifebankusa-cord-blood-placenta&horizon=20&siblings=0",
    "/?plan=offer&o_bank=Acme&o_processing=1500&o_storage=175&horizon=20",
    "/compare?horizon=20",
    "/compare?horizon=20&known_need=sibling&due_date=2027-01-15",
    "/terms",
]
BROKEN = [  # pages that answer with a problem: the messages too
    "/?plan=cbr-cord-blood&horizon=20+dollars&escalation=90",
    "/?plan=nope",
    "/compare?horizon=abc",
    "/no-such-page",
]


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return create_app({"TODAY": TODAY}).test_client()


def english_runs(element: Element, inherited: str) -> Iterator[str]:
    """Every text and heard attribute that reads as English, outside lang="en"."""
    lang = element.attrs.get("lang") or inherited
    if element.tag in {"script", "style", "template"} or lang.startswith("en"):
        return
    for name in HEARD:
        value = element.attrs.get(name)
        if value and _reads_english(value):
            yield f"<{element.tag} {name}>: {value}"
    for child in element.children:
        if isinstance(child, str):
            if _reads_english(child):
                yield f"<{element.tag}>: {' '.join(child.split())}"
        else:
            yield from english_runs(child, lang)


def _reads_english(text: str) -> bool:
    """Two distinct English function words, used as in a sentence: lower-case, and not
    inside a name ("American College of Obstetricians", "Be The Match"). A title stays as
    published, in straight quotation marks: "How to donate cord blood"."""
    words = WORD.findall(TITLE.sub(" ", text))
    found = set()
    for index, word in enumerate(words):
        if word not in ENGLISH:  # lower-case only: a capital starts a name
            continue
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        if before[:1].isupper() and after[:1].isupper():
            continue  # "Society for Blood", "Guide to Cord"
        found.add(word)
    return len(found) >= 2


def marked_english(element: Element) -> Iterator[Element]:
    for child in element.iter():
        if child.attrs.get("lang") == "en":
            yield child


@pytest.mark.parametrize("url", PAGES + BROKEN)
def test_a_spanish_page_has_no_english_sentence(client: FlaskClient, url: str) -> None:
    response = client.get(url + ("&" if "?" in url else "?") + "lang=es")
    assert response.status_code in (200, 404, 422), response.status_code
    doc = parse(response.data)
    assert doc.find("html").get("lang") == "es"
    found = list(english_runs(doc, "es"))
    assert not found, f"{len(found)} English runs on {url}:\n" + "\n".join(found[:15])


def test_the_detector_finds_english_and_spares_spanish() -> None:
    english = parse("<p>Compare the total with the public bank.</p>")
    spanish = parse("<p>Compare el total con el banco público. Cord Blood Registry.</p>")
    quoted = parse('<p>Dice: <q lang="en">one in 217 will need it by age 70</q>.</p>')
    assert list(english_runs(english, "es"))
    assert not list(english_runs(spanish, "es"))
    assert not list(english_runs(quoted, "es"))


def test_what_stays_english_is_marked_and_is_english(client: FlaskClient) -> None:
    doc = parse(client.get("/?plan=cbr-cord-blood&horizon=20&siblings=1&lang=es").data)
    marked = list(marked_english(doc))
    assert marked, "the bank's own words stay English, marked lang='en'"
    for element in marked:
        text = element.text()
        assert not re.search(r"\b(el|los|las|del|para|usted|años)\b", text), text


def test_who_reproduced_a_second_hand_quote_is_said_in_spanish(client: FlaskClient) -> None:
    doc = parse(client.get("/?plan=cbr-cord-blood&horizon=20&lang=es").data)
    text = " ".join(doc.text().split())
    assert "tal como las reproduce una entrada de blog de 2007 (mombian.com)" in text
    assert "a 2007 blog post" not in text
    english = parse(client.get("/?plan=cbr-cord-blood&horizon=20").data).text()
    assert "reproduced by a 2007 blog post (mombian.com)" in " ".join(english.split())
