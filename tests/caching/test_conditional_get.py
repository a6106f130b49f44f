"""HTTP caching: strong ETags from (code, catalog, inputs, today where dated), 304 before any
rendering, Cache-Control per kind of answer, and no-store for everything else."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from bankcalc.resources import static_dir, templates_dir
from bankcalc.web import caching, create_app
from bankcalc.web.state import current_catalog, install_catalog
from builders import dump_catalog, make_catalog
from pages.catalogs import TODAY, small_catalog

RESULT = "/?plan=alpha&horizon=20&option=yearly"
DATED = "/?plan=alpha&horizon=20&due_date=2027-05-01"
# One URL per kind of cacheable answer.
CACHEABLE = [
    RESULT,
    "/compare?horizon=20&children=2",
    "/schedule.csv?plan=alpha&horizon=20",
    "/api/v1/plans",
    "/api/v1/plans/alpha",
    "/api/v1/claims",
    "/api/v1/openapi.json",
]
POSTS = {
    "/api/v1/quotes": {"plan": "alpha", "horizon": "20 years"},
    "/api/v1/comparisons": {"horizon": "20 years"},
}


def write(path: Path, data: dict[str, Any]) -> str:
    path.write_text(dump_catalog(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def plans(tmp_path: Path) -> str:
    return write(tmp_path / "plans.yaml", small_catalog())


@pytest.fixture
def app(plans: str) -> Flask:
    return create_app({"PLANS": plans, "TODAY": TODAY, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def renders(app: Flask) -> Iterator[list[str]]:
    """The names of the templates rendered while the test runs."""
    seen: list[str] = []

    def record(sender: Flask, template: Any, context: Any, **extra: Any) -> None:
        seen.append(template.name)

    template_rendered.connect(record, app)
    yield seen
    template_rendered.disconnect(record, app)


def etag_of(response: TestResponse) -> str:
    tag = response.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag), f"not a strong ETag: {tag}"
    return tag


def static_links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


# ---- every kind of cacheable answer ---------------------------------------------------------


@pytest.mark.parametrize("url", CACHEABLE)
def test_a_cacheable_answer_carries_a_strong_etag_and_may_be_kept_publicly(
    client: FlaskClient, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 200
    etag_of(response)
    assert response.headers["Cache-Control"] == "public, max-age=300"


@pytest.mark.parametrize("url", CACHEABLE)
def test_the_same_etag_in_if_none_match_gets_an_empty_304_with_the_same_headers(
    client: FlaskClient, url: str
) -> None:
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    assert "default-src 'none'" in again.headers["Content-Security-Policy"]


@pytest.mark.parametrize("url", CACHEABLE)
def test_another_etag_gets_the_whole_answer(client: FlaskClient, url: str) -> None:
    first = client.get(url)
    other = client.get(url, headers={"If-None-Match": '"0123456789abcdef0123456789abcdef"'})
    assert other.status_code == 200
    assert other.data == first.data


def test_the_same_answer_has_the_same_etag_every_time(client: FlaskClient) -> None:
    assert len({client.get(RESULT).headers["ETag"] for _ in range(3)}) == 1


def test_head_is_conditional_too(client: FlaskClient) -> None:
    tag = client.get(RESULT).headers["ETag"]
    assert client.head(RESULT, headers={"If-None-Match": tag}).status_code == 304


# ---- If-None-Match: weak comparison, lists and "*" ------------------------------------------


def test_a_weak_tag_matches_the_strong_one_as_if_none_match_compares_weakly(
    client: FlaskClient,
) -> None:
    tag = client.get(RESULT).headers["ETag"]
    # What a proxy that gzipped the answer hands back (RFC 9110 13.1.2: weak comparison).
    assert client.get(RESULT, headers={"If-None-Match": f"W/{tag}"}).status_code == 304


def test_a_list_of_tags_matches_when_any_of_them_does(client: FlaskClient) -> None:
    tag = client.get(RESULT).headers["ETag"]
    listed = f'"0123456789abcdef0123456789abcdef", {tag}'
    assert client.get(RESULT, headers={"If-None-Match": listed}).status_code == 304


def test_star_matches_an_answer_that_exists(client: FlaskClient) -> None:
    response = client.get(RESULT, headers={"If-None-Match": "*"})
    assert response.status_code == 304
    assert response.headers["ETag"] == client.get(RESULT).headers["ETag"]


def test_star_never_hides_an_error(client: FlaskClient) -> None:
    response = client.get("/?horizon=abc", headers={"If-None-Match": "*"})
    assert response.status_code == 422
    assert "ETag" not in response.headers
    assert client.get("/api/v1/plans/nope", headers={"If-None-Match": "*"}).status_code == 404


# ---- a 304 is decided before any rendering ---------------------------------------------------


def test_a_304_renders_no_template(client: FlaskClient, renders: list[str]) -> None:
    tag = client.get(RESULT).headers["ETag"]
    assert renders == ["index.html"]
    renders.clear()
    assert client.get(RESULT, headers={"If-None-Match": tag}).status_code == 304
    assert renders == []


def test_a_304_never_calls_the_core(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    tags = {url: client.get(url).headers["ETag"] for url in CACHEABLE}

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the core or a response builder ran for a 304")

    for name in ("build_quote", "compare_plans", "result_view", "render_template"):
        monkeypatch.setattr(f"bankcalc.web.pages.{name}", forbidden)
    for name in ("plan_list_out", "plan_out"):
        monkeypatch.setattr(f"bankcalc.web.api.schemas.{name}", forbidden)
    monkeypatch.setattr("bankcalc.web.api.api_odds.claim_out", forbidden)
    for url, tag in tags.items():
        if url.startswith("/api/v1/openapi"):
            continue  # the document is built once at start-up; nothing to forbid
        assert client.get(url, headers={"If-None-Match": tag}).status_code == 304, url
    assert client.get(RESULT).status_code == 500  # the patches bite when the page is made


@pytest.mark.parametrize("encoding", ["zstd", "br", "gzip"])
def test_a_compressed_answers_etag_gets_a_304_before_any_rendering(
    client: FlaskClient, renders: list[str], encoding: str
) -> None:
    plain = client.get(RESULT).headers["ETag"]
    compressed = client.get(RESULT, headers={"Accept-Encoding": encoding})
    assert compressed.headers["Content-Encoding"] == encoding
    # flask-compress marks each encoding's bytes apart: "tag" becomes "tag:zstd"
    assert compressed.headers["ETag"] == plain[:-1] + f':{encoding}"'
    renders.clear()
    again = client.get(
        RESULT,
        headers={"Accept-Encoding": encoding, "If-None-Match": compressed.headers["ETag"]},
    )
    assert again.status_code == 304
    assert again.headers["ETag"] == compressed.headers["ETag"]
    assert renders == []


def test_a_static_files_compressed_etag_gets_a_304(client: FlaskClient) -> None:
    links = static_links(client.get("/").get_data(as_text=True))
    url = next(link for link in links if "/site.css" in link)  # over 4 KiB: compressed
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    again = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    assert again.headers["ETag"] == first.headers["ETag"]


def test_a_tag_with_another_suffix_is_not_ours(client: FlaskClient) -> None:
    plain = client.get(RESULT).headers["ETag"]
    other = client.get(RESULT, headers={"If-None-Match": plain[:-1] + ':deflate"'})
    assert other.status_code == 200


# ---- what the ETag is made of ----------------------------------------------------------------


def test_every_field_of_the_form_is_part_of_the_etag(client: FlaskClient) -> None:
    base = client.get(RESULT).headers["ETag"]
    for changed in ("horizon=21", "option=prepaid", "children=2", "escalation=3",
                    "discount=2", "tax_rate=24", "siblings=1", "plan=beta"):  # fmt: skip
        name = changed.split("=")[0]
        url = re.sub(rf"{name}=[^&]*&?", "", RESULT).rstrip("&") + f"&{changed}"
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["ETag"] != base, url


def test_every_query_parameter_is_part_of_a_pages_etag(client: FlaskClient) -> None:
    # the form grows (a family's own offer has 20-odd fields): a page is keyed on its whole
    # query, so no answer can ever be served for another query's tag
    plain, tagged = client.get(RESULT), client.get(RESULT + "&o_bank=Acme")
    assert tagged.headers["ETag"] != plain.headers["ETag"]
    same = client.get(RESULT)
    assert same.headers["ETag"] == plain.headers["ETag"]


def test_an_empty_field_and_an_absent_one_have_different_etags(client: FlaskClient) -> None:
    absent = client.get("/compare?plan=alpha")
    empty = client.get("/compare?plan=alpha&horizon=")
    assert absent.status_code == 200
    assert empty.status_code == 422  # an empty horizon is an error, not the default
    assert "ETag" not in empty.headers
    assert client.get("/compare?plan=alpha&horizon=20").headers["ETag"] != absent.headers["ETag"]


def test_the_path_is_part_of_the_etag(client: FlaskClient) -> None:
    alpha = client.get("/api/v1/plans/alpha").headers["ETag"]
    beta = client.get("/api/v1/plans/beta").headers["ETag"]
    assert alpha != beta
    assert client.get("/api/v1/plans/beta", headers={"If-None-Match": alpha}).status_code == 200


# ---- today's date, where the answer shows the timeline ---------------------------------------


def app_on(plans: str, today: str) -> FlaskClient:
    return create_app({"PLANS": plans, "TODAY": today, "TESTING": True}).test_client()


def test_a_due_date_makes_the_etag_change_with_today(plans: str) -> None:
    monday, tuesday = app_on(plans, "2027-01-04"), app_on(plans, "2027-01-05")
    first, second = monday.get(DATED), tuesday.get(DATED)
    assert first.status_code == second.status_code == 200
    assert first.data != second.data  # the timeline counts days from today
    assert first.headers["ETag"] != second.headers["ETag"]
    revalidated = tuesday.get(DATED, headers={"If-None-Match": first.headers["ETag"]})
    assert revalidated.status_code == 200


@pytest.mark.parametrize(
    "url", [RESULT, "/schedule.csv?plan=alpha&horizon=20", "/api/v1/plans", "/api/v1/claims"]
)
def test_the_etag_changes_with_today_because_prices_age(plans: str, url: str) -> None:
    # a price turns "out of date" on a given day and leaves every verdict: yesterday's
    # answer is not today's, with or without a due date
    monday, tuesday = app_on(plans, "2027-01-04"), app_on(plans, "2027-01-05")
    assert monday.get(url).headers["ETag"] != tuesday.get(url).headers["ETag"]
    assert monday.get(url).headers["ETag"] == app_on(plans, "2027-01-04").get(url).headers["ETag"]


def test_without_a_due_date_an_answer_is_public_until_midnight_at_most(
    client: FlaskClient,
) -> None:
    for url in (RESULT, RESULT + "&due_date=+"):  # a blank due date is no due date
        response = client.get(url)
        assert response.cache_control.public
        max_age = response.cache_control.max_age
        assert max_age is not None
        assert 0 <= max_age <= min(300, caching.seconds_to_midnight() + 1)


def test_a_dated_answer_is_private_and_kept_until_midnight_at_most(client: FlaskClient) -> None:
    response = client.get(DATED)
    assert response.cache_control.private
    assert not response.cache_control.public
    max_age = response.cache_control.max_age
    assert max_age is not None
    assert 0 <= max_age <= min(300, caching.seconds_to_midnight() + 1)


def test_seconds_to_midnight_counts_the_rest_of_the_local_day() -> None:
    zone = dt.timezone(dt.timedelta(hours=-5))
    assert caching.seconds_to_midnight(dt.datetime(2027, 1, 4, 23, 59, 30, tzinfo=zone)) == 30
    assert caching.seconds_to_midnight(dt.datetime(2027, 1, 4, 0, 0, tzinfo=zone)) == 86400


# ---- the catalog and the code ----------------------------------------------------------------


def test_a_catalog_reload_changes_the_etag(app: Flask, client: FlaskClient) -> None:
    before = {url: client.get(url).headers["ETag"] for url in CACHEABLE}
    data = small_catalog()
    data["plans"][0]["annual_storage_fee"] = "101.00"
    install_catalog(app, Path("reloaded.yaml"), make_catalog(data["plans"]))
    with app.app_context():
        assert current_catalog().plans[0].annual_storage_fee == 101
    for url, tag in before.items():
        response = client.get(url, headers={"If-None-Match": tag})
        assert response.status_code == 200, url
        assert response.headers["ETag"] != tag, url


def test_the_same_catalog_and_code_give_the_same_etag_in_every_worker(
    plans: str, tmp_path: Path
) -> None:
    copy = write(tmp_path / "copy.yaml", small_catalog())
    one, other = app_on(plans, TODAY), app_on(copy, TODAY)
    for url in CACHEABLE:
        assert one.get(url).headers["ETag"] == other.get(url).headers["ETag"], url


def test_a_changed_price_in_the_catalog_file_changes_the_etag(plans: str, tmp_path: Path) -> None:
    data = small_catalog()
    data["plans"][1]["annual_storage_fee"] = "299.00"
    changed = app_on(write(tmp_path / "changed.yaml", data), TODAY)
    assert (
        changed.get("/api/v1/plans").headers["ETag"]
        != (app_on(plans, TODAY).get("/api/v1/plans").headers["ETag"])
    )


def test_the_code_version_hashes_the_templates_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(templates_dir(), copy)
    monkeypatch.setattr(caching, "templates_dir", lambda: copy)
    caching.code_version.cache_clear()
    try:
        before = caching.code_version()
        caching.code_version.cache_clear()
        assert caching.code_version() == before
        page = copy / "base.html"
        page.write_text(page.read_text() + "<!-- changed -->", encoding="utf-8")
        caching.code_version.cache_clear()
        assert caching.code_version() != before
    finally:
        caching.code_version.cache_clear()


def test_entity_tag_keeps_its_parts_apart() -> None:
    assert caching.entity_tag(["ab", "c"]) != caching.entity_tag(["a", "bc"])
    assert caching.entity_tag(["a"]) == caching.entity_tag(["a"])
    assert caching.entity_tag(["a"]) != caching.entity_tag(["a", ""])


# ---- what is never cached --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/?horizon=abc", "/compare?children=9", "/schedule.csv?plan=nope", "/no-such-page",
     "/api/v1/plans/nope", "/api/v1/no-such-thing", "/healthz", "/api/v1/healthz"],
)  # fmt: skip
def test_errors_and_health_checks_stay_no_store_without_an_etag(
    client: FlaskClient, url: str
) -> None:
    response = client.get(url)
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers


@pytest.mark.parametrize("path", list(POSTS))
def test_post_answers_stay_uncached_and_identical_for_identical_requests(
    client: FlaskClient, path: str
) -> None:
    first, second = client.post(path, json=POSTS[path]), client.post(path, json=POSTS[path])
    assert first.status_code == 200
    assert first.data == second.data
    assert first.headers["Cache-Control"] == "no-store"
    assert "ETag" not in first.headers


def test_a_post_ignores_if_none_match(client: FlaskClient) -> None:
    quote = POSTS["/api/v1/quotes"]
    response = client.post("/api/v1/quotes", json=quote, headers={"If-None-Match": "*"})
    assert response.status_code == 200
    assert response.data


# ---- static files ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [RESULT, "/compare", "/no-such-page", "/api/v1/docs/swagger"])
def test_every_page_links_static_files_by_their_content_hash(client: FlaskClient, url: str) -> None:
    links = static_links(client.get(url).get_data(as_text=True))
    assert links
    for link in links:
        name, version = re.fullmatch(r"/static/([^?]+)\?v=([0-9a-f]+)", link).groups()  # type: ignore[union-attr]
        digest = hashlib.sha256((static_dir() / name).read_bytes()).hexdigest()
        assert digest.startswith(version), link


def test_a_static_file_under_its_hashed_url_is_immutable_for_a_year(client: FlaskClient) -> None:
    link = next(u for u in static_links(client.get(RESULT).get_data(as_text=True)) if ".css" in u)
    with client.get(link) as response:  # a file: closed at the end
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.data == (static_dir() / "site.css").read_bytes()
        assert response.mimetype == "text/css"
        tag = etag_of(response)
    assert client.get(link, headers={"If-None-Match": tag}).status_code == 304


@pytest.mark.parametrize("query", ["", "?v=000000000000"])
def test_a_static_file_under_another_url_is_revalidated_not_pinned(
    client: FlaskClient, query: str
) -> None:
    with client.get(f"/static/site.css{query}") as response:
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=300"
        tag = etag_of(response)
    assert client.get("/static/site.css", headers={"If-None-Match": tag}).status_code == 304


def test_a_missing_static_file_is_a_404_not_cached(client: FlaskClient) -> None:
    response = client.get("/static/nothing.css")
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store"


# ---- the max-age setting ---------------------------------------------------------------------


def test_the_max_age_is_a_setting(plans: str) -> None:
    client = create_app({"PLANS": plans, "CACHE_MAX_AGE": 60}).test_client()
    assert client.get("/api/v1/plans").headers["Cache-Control"] == "public, max-age=60"


def test_the_max_age_comes_from_the_environment(
    plans: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANKCALC_CACHE_MAX_AGE", "30")
    client = create_app({"PLANS": plans}).test_client()
    assert client.get("/api/v1/plans").headers["Cache-Control"] == "public, max-age=30"
