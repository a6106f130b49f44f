"""Errors outside the API come back as pages in the site's layout, never a bare traceback."""

from __future__ import annotations

from flask import Flask

from bankcalc.web import create_app


def app_with_a_broken_page() -> Flask:
    app = create_app()

    @app.get("/broken")
    def broken() -> str:
        raise RuntimeError("a bug")

    return app


def test_unknown_page_is_a_404_page_with_a_way_back() -> None:
    response = create_app().test_client().get("/no-such-page")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "<h1>Not found</h1>" in html
    assert 'href="/"' in html
    assert "Content-Security-Policy" in response.headers


def test_posting_to_the_form_is_a_405_page_naming_the_allowed_methods() -> None:
    response = create_app().test_client().post("/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert "<h1>Method not allowed</h1>" in response.get_data(as_text=True)


def test_a_bug_is_a_500_page_without_a_traceback() -> None:
    response = app_with_a_broken_page().test_client().get("/broken")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "<h1>Internal error</h1>" in html
    assert "Nothing you entered was stored" in html
    assert "Traceback" not in html
    assert "a bug" not in html


def test_a_bug_in_the_api_is_a_500_problem_without_a_traceback() -> None:
    app = create_app()

    @app.get("/api/v1/broken")
    def broken() -> str:
        raise RuntimeError("a bug")

    response = app.test_client().get("/api/v1/broken")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "a bug" not in response.get_data(as_text=True)
