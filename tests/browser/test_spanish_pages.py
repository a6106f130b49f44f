"""The language switch in real Chromium: reachable by keyboard, legible at 320 px, and a
family's choice of Spanish survives the switch, the form and every click.

Amounts come from tests/pages/catalogs.py (alpha: 1000 + 100 kit + 100/yr).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browser.conftest import LiveServer, assert_axe_clean, open_all_details, screenshot

pytestmark = pytest.mark.slow

OpenPage = Callable[..., Any]
RESULT = "/?plan=alpha&horizon=10&due_date=2027-05-01&lang=es"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_switch_is_reached_by_keyboard_and_keeps_the_inputs(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + RESULT)
    assert page.evaluate("document.documentElement.lang") == "es"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
            break
    else:
        raise AssertionError("Tab never reached the English link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible on the dark header
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"
    kept = _query(page.url)
    assert kept["plan"] == ["alpha"]
    assert kept["horizon"] == ["10"]
    assert kept["lang"] == ["en"]
    # alpha paid yearly for 10 years: 1000 + 100 + 10 x 100 = 2100, in either language
    assert page.text_content("#total") == "$2,100.00"


def test_a_form_sent_from_a_spanish_page_stays_in_spanish(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + "/?lang=es")
    page.select_option("#plan", "alpha")
    page.fill("#horizon", "10")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert _query(page.url)["lang"] == ["es"]
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.text_content("#total") == "$2,100.00"
    with page.expect_navigation():
        page.click("header .nav-list a[href^='/compare']")
    assert _query(page.url)["lang"] == ["es"]
    assert page.evaluate("document.documentElement.lang") == "es"


@pytest.mark.parametrize("url", ["/?lang=es", RESULT, "/compare?lang=es"])
def test_the_switch_fits_and_is_legible_at_320_px(
    open_page: OpenPage, small_server: LiveServer, url: str
) -> None:
    page = open_page(small_server.url + url, width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for code in ("en", "es"):
        link = page.locator(f"nav.language a[hreflang={code}]")
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 320
        assert box["height"] >= 24  # a target a finger can hit (WCAG 2.5.8)
        size = link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
        assert size >= 14


def test_axe_finds_no_violations_on_spanish_pages(
    open_page: OpenPage, shipped_server: LiveServer
) -> None:
    for url in (
        "/?lang=es",
        "/?plan=americord-essential&horizon=20&due_date=2027-05-01&siblings=1&lang=es",
        "/compare?lang=es",
    ):
        assert_axe_clean(open_page(shipped_server.url + url, width=375))


SHIPPED_RESULT = (
    "/?plan=americord-essential&horizon=20&escalation=3&siblings=1&due_date=2027-05-01&lang=es"
)


@pytest.mark.parametrize("width", [1280, 375, 320])
def test_the_spanish_result_page_fits_and_is_photographed(
    open_page: OpenPage, shipped_server: LiveServer, width: int
) -> None:
    """The shipped catalog's longer Spanish words: nothing wider than the screen."""
    page = open_page(shipped_server.url + SHIPPED_RESULT, width=width)
    open_all_details(page)
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    first = page.locator("#odds .panel-calm p").first.inner_text()
    assert first.startswith("Donar la sangre del cordón umbilical a un banco público es gratis")
    screenshot(page, f"result-es-{width}")
