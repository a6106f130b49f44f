"""The form in real Chromium: filled by mouse and by keyboard, the chart, the script's
enhancements, small screens, axe-core and the screenshots for the record.

Amounts come from tests/pages/catalogs.py (alpha: 1000 + 100 kit + 100/yr, or 10 years
prepaid for 800; beta: 500 + 300/yr), worked by hand in the comments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from browser.conftest import SCREENSHOTS, LiveServer, assert_axe_clean, screenshot

pytestmark = pytest.mark.slow

OpenPage = Callable[..., Any]
RESULT_QUERY = "/?plan=americord-essential&horizon=20&escalation=3&tax_rate=24&due_date=2027-05-01"


def test_a_parent_fills_the_form_submits_and_reads_the_total(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + "/")
    page.select_option("#plan", "alpha")
    page.fill("#horizon", "10")
    page.fill("#escalation", "")
    with page.expect_navigation():
        page.click("button[type=submit]")
    # alpha paid yearly for 10 years: 1000 + 100 + 10 x 100 = 2100
    assert page.text_content("#total") == "$2,100.00"
    assert "horizon=10" in page.url
    assert page.url.endswith("#result")


def test_the_form_works_by_keyboard_alone(open_page: OpenPage, small_server: LiveServer) -> None:
    page = open_page(small_server.url + "/")
    _tab_to(page, "plan")
    page.keyboard.press("ArrowDown")  # from "Choose a plan…" to the first plan, alpha
    assert page.evaluate("document.getElementById('plan').value") == "alpha"
    _tab_to(page, "horizon")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    _tab_to(page, "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # alpha yearly for 5 years: 1100 + 5 x 100 = 1600
    assert page.text_content("#total") == "$1,600.00"


def _tab_to(page: Any, target: str, limit: int = 40) -> None:
    """Press Tab until the element with this id (or the submit button) has focus."""
    script = (
        "(t) => { const a = document.activeElement;"
        " return t === 'submit' ? a.type === 'submit' : a.id === t; }"
    )
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(script, target):
            return
    raise AssertionError(f"Tab never reached {target}")


def test_the_chart_is_drawn_with_a_line_per_way_to_pay(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + "/?plan=alpha&horizon=10")
    chart = page.locator("svg[role=img]")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert page.locator("svg[role=img] polyline").count() == 2
    assert "Pay yearly: $2,100.00" in (page.text_content("svg[role=img] desc") or "")


def test_changing_the_plan_lists_only_that_plans_ways_to_pay(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + "/")
    # no plan is chosen at first, so no bank's ways to pay are listed
    assert page.eval_on_selector_all("#option option", "os => os.map(o => o.value)") == [""]
    page.select_option("#plan", "alpha")
    assert page.eval_on_selector_all("#option option", "os => os.map(o => o.value)") == [
        "yearly",
        "prepaid",
    ]
    page.select_option("#plan", "beta")
    assert page.eval_on_selector_all("#option option", "os => os.map(o => o.value)") == ["yearly"]


def test_an_error_page_puts_focus_on_the_summary(
    open_page: OpenPage, small_server: LiveServer
) -> None:
    page = open_page(small_server.url + "/?plan=alpha&horizon=abc")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "horizon"


@pytest.mark.parametrize("width", [320, 640])
@pytest.mark.parametrize(
    "query", [RESULT_QUERY, "/", "/?plan=americord-essential&horizon=abc", "/compare"]
)
def test_nothing_scrolls_sideways_at_320_px_or_at_200_percent_zoom(
    open_page: OpenPage, shipped_server: LiveServer, width: int, query: str
) -> None:
    # 200 % zoom of a 1280 px window lays out like a 640 px one.
    page = open_page(shipped_server.url + query, width=width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_csp_blocks_nothing_the_page_needs(shipped_server: LiveServer, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(shipped_server.url + RESULT_QUERY)
    page.wait_for_load_state("networkidle")
    context.close()
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m]


AXE_PAGES = {
    "form": "/",
    "result": RESULT_QUERY + "&discount=3&siblings=1",
    "error": "/?plan=americord-essential&horizon=abc&escalation=99&children=9",
    "compare": "/compare?horizon=25",
}


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_accessibility_violations(
    open_page: OpenPage, shipped_server: LiveServer, name: str
) -> None:
    page = open_page(shipped_server.url + AXE_PAGES[name])
    assert_axe_clean(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_a_result(
    open_page: OpenPage, shipped_server: LiveServer, width: int
) -> None:
    page = open_page(shipped_server.url + RESULT_QUERY, width=width)
    screenshot(page, f"result-{width}")


@pytest.mark.parametrize("width", [1280, 375])
def test_screenshots_of_the_odds_panel(
    open_page: OpenPage, shipped_server: LiveServer, width: int
) -> None:
    page = open_page(shipped_server.url + RESULT_QUERY + "&siblings=1", width=width)
    panel = page.locator("#odds")
    assert panel.is_visible()
    # the decisive sentence comes first; the rest waits behind "More to know"
    first = page.locator("#odds .panel-calm p").first.inner_text()
    assert first.startswith("Donating cord blood to a public bank is free")
    assert page.locator("#odds details[open]").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"odds-{width}.png"
    panel.screenshot(path=str(path))
    assert path.stat().st_size > 10_000


def test_the_api_docs_page_lists_the_endpoints_of_the_one_spec(
    small_server: LiveServer, browser: Any
) -> None:
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    requested: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(small_server.url + "/api/v1/docs/")  # the old index address lands on the page
    page.wait_for_selector('[data-path="/api/v1/batches"]', timeout=15_000)
    final = page.url
    context.close()
    assert final == small_server.url + "/api/v1/docs/swagger"
    assert small_server.url + "/api/v1/openapi.json" in requested
    assert not [url for url in requested if url.endswith("/docs/openapi.json")]
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m]
