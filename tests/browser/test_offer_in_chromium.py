"""A bank's offer entered in real Chromium: by keyboard alone, with JavaScript off and on,
checked by axe-core, and photographed for the record at 375 and 1280 px.

The offer ("Acme"): enrollment 250 per birth, processing 1,200 per baby with the first year
of storage, then 150 a year; releasing the unit costs 500. Over 20 years, paid yearly:
250 + 1200 + 19 x 150 = 4,300; with the release fee, 4,800.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest

from browser.conftest import LiveServer, assert_axe_clean, screenshot

pytestmark = pytest.mark.slow

OpenPage = Callable[..., Any]
ACME = {
    "plan": "offer",
    "o_bank": "Acme Cord",
    "o_enroll": "250",
    "o_proc": "1,200",
    "o_year1": "yes",
    "o_storage": "150",
    "o_rise": "may_rise",
    "o_pre_years": "18",
    "o_pre_price": "2,000",
    "o_mon_n": "24",
    "o_mon_apr": "9.9",
    "o_cancel": "200",
    "o_release": "500",
    "horizon": "20",
    "escalation": "3",
}
OFFER_RESULT = "/?" + urlencode(ACME)


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id || document.activeElement.tagName"))


def _tab_to(page: Any, target: str, limit: int = 80) -> None:
    """Press Tab until the element with this id (or 'submit', or a summary) has focus."""
    script = (
        "(t) => { const a = document.activeElement;"
        " if (t === 'submit') return a.type === 'submit';"
        " if (t === 'summary') return a.tagName === 'SUMMARY' && a.parentElement.id === 'offer';"
        " return a.id === t || a.textContent.trim() === t; }"
    )
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script, target):
            return
    raise AssertionError(f"Tab never reached {target} (stuck at {_focused(page)})")


def _choose(page: Any, select_id: str, value: str, limit: int = 20) -> None:
    """With the select focused, move through its choices by arrow keys to `value`."""
    for _ in range(limit):
        if page.evaluate(f"document.getElementById('{select_id}').value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{select_id} never reached {value}")


def _type(page: Any, field: str, text: str) -> None:
    _tab_to(page, field)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_a_parent_enters_an_offer_by_keyboard_with_javascript_off(
    browser: Any, small_server: LiveServer
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(small_server.url + "/")
    _tab_to(page, "plan")
    _choose(page, "plan", "offer")
    _tab_to(page, "summary")  # the offer's fields, folded until opened
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('offer').open")
    _type(page, "o_bank", "Acme Cord")
    _type(page, "o_enroll", "250")
    _type(page, "o_proc", "1,200")
    _tab_to(page, "o_year1")
    _choose(page, "o_year1", "yes")
    _type(page, "o_storage", "150")
    _type(page, "o_release", "500")
    _type(page, "horizon", "20")
    _tab_to(page, "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # 250 + 1200 at birth, years 2-20 at 150: 1450 + 2850 = 4300
    assert page.text_content("#total") == "$4,300.00"
    assert "These are your own figures" in (page.text_content("#entered") or "")
    # the release fee beside the total: 4300 + 500 = 4800
    assert "$4,800.00 in all" in (page.text_content("#what-if") or "")
    assert "o_bank=Acme+Cord" in page.url
    # one link away, by keyboard: the offer beside every plan
    _tab_to(page, "Compare your offer with all plans")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("tr[data-plan=offer]").count() == 1
    assert "your figures" in (page.text_content("tr[data-plan=offer]") or "")
    context.close()


def test_with_javascript_choosing_the_offer_opens_its_fields(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + "/")
    assert not page.evaluate("document.getElementById('offer').open")
    page.select_option("#plan", "offer")
    assert page.evaluate("document.getElementById('offer').open")
    ways = page.eval_on_selector_all("#option option", "os => os.map(o => o.value)")
    assert ways == ["yearly", "prepaid", "lifetime", "monthly"]


def test_an_error_in_the_offer_is_announced_and_leads_to_the_field(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + "/?" + urlencode(ACME | {"o_storage": "lots"}))
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "o_storage"
    assert page.input_value("#o_storage") == "lots"


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("query", [OFFER_RESULT, "/?plan=offer", "/terms"])
def test_offer_pages_never_scroll_sideways_on_a_phone(
    open_page: OpenPage, shipped_server: LiveServer, width: int, query: str
) -> None:
    page = open_page(shipped_server.url + query, width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


AXE_PAGES = {
    "offer-result": OFFER_RESULT,
    "offer-form": "/?plan=offer",
    "offer-errors": "/?"
    + urlencode(ACME | {"o_storage": "", "o_mon_apr": "99", "o_bank": "x" * 61}),
    "offer-compare": "/compare?" + urlencode(ACME),
    "terms": "/terms",
}


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_violations_on_the_offer_pages(
    open_page: OpenPage, shipped_server: LiveServer, name: str
) -> None:
    page = open_page(shipped_server.url + AXE_PAGES[name])
    assert_axe_clean(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_an_entered_offer(
    open_page: OpenPage, shipped_server: LiveServer, width: int
) -> None:
    page = open_page(shipped_server.url + OFFER_RESULT, width=width)
    screenshot(page, f"offer-result-{width}")
