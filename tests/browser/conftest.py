"""Real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against a live server.

Under CI=true a browser that cannot start fails the test: a skipped browser suite would
hide a broken page. Elsewhere it skips with the reason.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from bankcalc.web import create_app
from builders import dump_catalog
from pages.catalogs import TODAY, small_catalog

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the browser tests must run under CI: {reason}")
    pytest.skip(f"browser unavailable outside CI: {reason}")  # CI fails above, never skips


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        _unavailable(f"playwright is not installed ({error})")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (run scripts/ensure-chromium)")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as error:
            _unavailable(f"Chromium would not start: {error}")
        yield chromium
        chromium.close()


class LiveServer:
    def __init__(self, app: Flask) -> None:
        self.server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The small test catalog of tests/pages, for assertions on amounts."""
    path = tmp_path_factory.mktemp("catalog") / "plans.yaml"
    path.write_text(dump_catalog(small_catalog()), encoding="utf-8")
    server = LiveServer(create_app({"PLANS": str(path), "TODAY": TODAY}))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def shipped_server() -> Iterator[LiveServer]:
    """The shipped catalog, for accessibility checks and screenshots of real content."""
    server = LiveServer(create_app({"TODAY": TODAY}))
    yield server
    server.stop()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """open_page(url, width=1280) -> a Playwright page in a fresh context, closed afterwards."""
    contexts: list[Any] = []

    def open_(url: str, width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


def open_all_details(page: Any) -> None:
    """Every folded section open: what a reader could unfold is checked and photographed."""
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def assert_axe_clean(page: Any) -> None:
    """axe finds no accessibility violation on the page, its folded sections open."""
    from axe_playwright_python.sync_playwright import Axe

    open_all_details(page)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def screenshot(page: Any, name: str) -> Path:
    """The whole page as test-output/screenshots/<name>.png, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a page, not a blank image
    return path
