"""Security headers on every response: strict CSP, no sniffing, no referrer, no framing."""

from __future__ import annotations

from flask import Response, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


# Swagger UI (the API docs page only) sets element styles from its bundled script.
DOCS_PREFIX = "/api/v1/docs"
DOCS_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


def add_security_headers(response: Response) -> Response:
    policy = DOCS_POLICY if request.path.startswith(DOCS_PREFIX) else CONTENT_SECURITY_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def server_error_headers() -> dict[str, str]:
    """The headers of add_security_headers, for answers the server writes without the app
    (gunicorn's own 400, 414, 431 and timeout 500: bankcalc.serve_worker)."""
    return {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cache-Control": "no-store",
    }
