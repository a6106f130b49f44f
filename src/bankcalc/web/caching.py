"""HTTP caching for the GET answers that are pure functions of what they are computed from.

Such an answer depends on the code that serves it, the catalog in service, the request's own
inputs (its path and query) and today's date: prices are judged for age against it (a price
turns "out of date" on a given day, leaving every verdict) and the timeline counts from it.
`entity_tag` hashes exactly those parts into one strong ETag; `cacheable` compares it with
If-None-Match *before* the view runs, so a 304 costs a hash and never touches the core or a
template. Every other response keeps the `no-store` default of web.headers: errors, POST
answers, health checks.

The response language is one of the shared parts: the `lang` parameter is in the query, and
Accept-Language chooses when it is absent (web.language adds `Vary: Accept-Language` to
every answer). To make answers vary by something more, add it to `_shared_parts` and name
the request header that chooses it in `VARY`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import mimetypes
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import ParamSpec

from flask import Flask, Response, current_app, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import ETags
from werkzeug.exceptions import NotFound

import bankcalc
from bankcalc import i18n
from bankcalc.resources import static_dir, templates_dir
from bankcalc.web import compression
from bankcalc.web.state import current_catalog_digest, today

# How long a browser or shared cache may reuse a catalog answer before asking again (with
# If-None-Match): also how long an old catalog's answers can outlive a reload in a proxy.
DEFAULT_MAX_AGE_S = 300
MAX_AGE_SETTING = "CACHE_MAX_AGE"  # app config, or $BANKCALC_CACHE_MAX_AGE
# A static file whose URL names its content hash never changes under that URL.
STATIC_MAX_AGE_S = 365 * 24 * 3600
STATIC_VERSION_CHARS = 12
# Request headers that choose between answers at the same URL, besides Accept-Language
# (web.language names it on every answer) and Accept-Encoding (web.compression).
VARY: tuple[str, ...] = ()
# Libraries whose version can change the bytes we send (escaping, JSON, number text).
SHAPING_DISTRIBUTIONS = (
    "flask",
    "werkzeug",
    "jinja2",
    "markupsafe",
    "pydantic",
    "flask-openapi3",
    "orjson",
    "pint",
    "babel",
)

P = ParamSpec("P")


def entity_tag(parts: Iterable[str]) -> str:
    """A strong entity tag (unquoted, 32 hex digits) for an answer made from `parts`.

    Each part is length-prefixed, so ("ab", "c") and ("a", "bc") never share a tag.
    """
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


# ---- what every answer is made from -----------------------------------------------------------


@functools.cache
def code_version() -> str:
    """A hash of the package's code, templates and static files and of the libraries that
    shape its output, made once per process: any change to what renders an answer changes
    it, where `__version__` alone would not."""
    parts = [bankcalc.__version__]
    package = Path(bankcalc.__file__).resolve().parent
    for label, root, pattern in (
        ("code", package, "*.py"),
        ("templates", templates_dir(), "*"),
        ("static", static_dir(), "*"),
        ("locales", package / "locales", "*.po"),
    ):
        for file, digest in _files(root, pattern):
            parts += [label, file, digest]
    for name in SHAPING_DISTRIBUTIONS:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    return entity_tag(parts)


def _files(root: Path, pattern: str) -> Iterator[tuple[str, str]]:
    """(path relative to root, sha256 of the content) for each file, in a fixed order."""
    found = [p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted(found):
        with path.open("rb") as file:
            yield path.relative_to(root).as_posix(), hashlib.file_digest(file, "sha256").hexdigest()


def _shared_parts() -> list[str]:
    """What every cacheable answer of this request is made from besides its own inputs."""
    return [code_version(), current_catalog_digest(), i18n.language()]


def query_parts(names: Iterable[str] | None) -> list[str]:
    """The named query parameters as a view reads them (the first value of each), in the
    given order; an absent parameter and an empty one differ. None: the whole query, every
    name and value in a fixed order (a form whose fields grow, like the family's own offer,
    can never be answered from another query's tag)."""
    args = request.args
    if names is None:
        return [f"{name}={value}" for name, value in sorted(args.items(multi=True))]
    return [f"{name}={args[name]}" if name in args else name for name in names]


WHOLE_QUERY = None


# ---- the conditional GET ----------------------------------------------------------------------


def cacheable(
    query: Iterable[str] | None = (), *, personal: Callable[[], bool] = lambda: False
) -> Callable[[Callable[P, ResponseReturnValue]], Callable[P, Response]]:
    """Mark a GET view as a pure function of the code, the catalog, its path, the `query`
    parameters it reads (None: the whole query) and today's date.

    A matching If-None-Match gets a 304 before the view runs. A 200 gets the strong ETag and
    a Cache-Control that ends by midnight at the latest (the date is in the tag): public, or
    private when `personal()` says so (a due date is a family's own). Any other status is
    left as the view made it: uncached.
    """
    names = None if query is None else tuple(query)

    def decorate(view: Callable[P, ResponseReturnValue]) -> Callable[P, Response]:
        @functools.wraps(view)
        def conditional(*args: P.args, **kwargs: P.kwargs) -> Response:
            on_date = personal()
            parts = [*_shared_parts(), request.path, *query_parts(names), today().isoformat()]
            tag = entity_tag(parts)
            wanted = request.if_none_match
            held = None if wanted.star_tag else _held_tag(wanted, tag)
            if held is not None:
                return _not_modified(held, on_date)
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code != 200:
                return response
            # "*" matches any current answer, and only the view can tell whether there is one.
            if wanted.star_tag:
                return _not_modified(tag, on_date)
            response.set_etag(tag)
            _allow_caching(response, on_date)
            return response

        return conditional

    return decorate


def _held_tag(wanted: ETags, tag: str) -> str | None:
    """The tag of ours the client holds, if any: bare, or as bankcalc.web.compression gave it
    to a compressed answer (`tag:zstd`). If-None-Match compares weakly (RFC 9110 13.1.2): W/"x"
    matches our "x"; every encoding of the same answer is equally current."""
    for held in (tag, *(f"{tag}:{name}" for name in compression.ALGORITHMS)):
        if wanted.contains_weak(held):
            return held
    return None


def _not_modified(tag: str, personal: bool) -> Response:
    response = Response(status=304)
    response.set_etag(tag)
    _allow_caching(response, personal)
    return response


def _allow_caching(response: Response, personal: bool) -> None:
    # Never past midnight: the next day's answer may differ (a price ages, a date passes).
    max_age = min(max_age_s(), seconds_to_midnight())
    if personal:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
    response.cache_control.max_age = max_age
    if VARY:
        response.vary.update(VARY)


def max_age_s() -> int:
    return int(current_app.config.get(MAX_AGE_SETTING, DEFAULT_MAX_AGE_S))


def seconds_to_midnight(now: dt.datetime | None = None) -> int:
    """Seconds left in the server's local day (the day `state.today` reads), at least 0."""
    now = now or dt.datetime.now().astimezone()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    return max(0, int((midnight - now).total_seconds()))


# ---- static files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StaticFile:
    digest: str  # sha256 of the content
    body: bytes
    mimetype: str


@functools.cache
def _static_files(folder: str) -> Mapping[str, StaticFile]:
    # A few small files (13 KB today), read once: answering from memory opens no file per
    # request, so no handle is left to the garbage collector when a client hangs up early.
    files = {}
    for name, digest in _files(Path(folder), "*"):
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        files[name] = StaticFile(digest, (Path(folder) / name).read_bytes(), mimetype)
    return files


def static_manifest() -> Mapping[str, StaticFile]:
    """{file name under static/: its content and hash}, read once per process."""
    return _static_files(str(current_app.static_folder))


def static_url(filename: str) -> str:
    """The URL of a static file with its content hash (`?v=`): cacheable for a year, since
    a new file gets a new URL. Templates link static files only through this."""
    found = static_manifest().get(filename)
    if found is None:
        return url_for("static", filename=filename)
    return url_for("static", filename=filename, v=found.digest[:STATIC_VERSION_CHARS])


def _static(filename: str) -> Response:
    """Flask's static view with a content-hash ETag: immutable for a year when the URL names
    the current hash, else revalidated like any catalog answer."""
    found = static_manifest().get(filename)
    if found is None:
        raise NotFound()
    tag = entity_tag(["static", filename, found.digest])
    held = _held_tag(request.if_none_match, tag)
    if held is not None:
        response = Response(status=304)
        response.set_etag(held)
    else:
        response = Response(found.body, mimetype=found.mimetype)
        response.set_etag(tag)
    current = request.args.get("v") == found.digest[:STATIC_VERSION_CHARS]
    response.cache_control.public = True
    response.cache_control.max_age = STATIC_MAX_AGE_S if current else max_age_s()
    response.cache_control.immutable = current
    return response


def install(app: Flask) -> None:
    """Hash the code and the static files now (not on the first request) and serve static
    files through `_static`; templates get `static_url`."""
    code_version()
    with app.app_context():
        static_manifest()
    app.view_functions["static"] = _static
    app.add_template_global(static_url, "static_url")
