"""The offer's untouched fields are rendered once per language and reused: the reused copy
must be byte for byte what each page would render for itself."""

from __future__ import annotations

from typing import Any

import pytest

from bankcalc.web import create_app, fragments

WARM = "/?plan=cbr-cord-blood&horizon=20"  # fills the copy
PAGES = [
    "/",
    "/?plan=americord-essential&horizon=78&escalation=3&discount=2&siblings=2&children=2",
    "/?plan=viacord-cord-blood&horizon=20&due_date=2027-05-01&known_need=sibling&tax_rate=24",
    "/?plan=cbr-cord-blood&horizon=abc",  # an error elsewhere on the form
    "/compare?horizon=20",
]


class _NeverKept(dict[str, Any]):
    def __setitem__(self, key: str, value: Any) -> None:
        pass


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_reused_offer_fields_are_what_each_page_renders(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = create_app({"TODAY": "2026-11-26"}).test_client()
    monkeypatch.setattr(fragments, "_UNTOUCHED_OFFER", {})
    client.get(f"{WARM}&lang={lang}")
    assert set(fragments._UNTOUCHED_OFFER) == {lang}
    for url in PAGES:
        url = f"{url}{'&' if '?' in url else '?'}lang={lang}"
        reused = client.get(url).data
        with monkeypatch.context() as fresh:
            fresh.setattr(fragments, "_UNTOUCHED_OFFER", _NeverKept())
            rendered = client.get(url).data
        assert reused == rendered, url
        if url.startswith("/?"):
            assert b'id="o_bank"' in reused  # the calculator's form has the offer's fields


def test_an_offer_being_entered_is_never_served_from_the_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = create_app({"TODAY": "2026-11-26"}).test_client()
    monkeypatch.setattr(fragments, "_UNTOUCHED_OFFER", {})
    client.get(WARM)
    page = client.get("/?plan=offer&o_bank=Acme+Cord&o_proc=1500&o_storage=150&horizon=20").data
    assert b'value="Acme Cord"' in page
