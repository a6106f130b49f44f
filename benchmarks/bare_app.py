"""The bare-Flask limit: one JSON route under the very gunicorn settings bankcalc serves with.

    .venv/bin/python benchmarks/bare_app.py --bind 127.0.0.1:8001 --workers 2

The settings come from bankcalc.serve.gunicorn_options (bind, workers, access log, timeouts,
request limits), so the only difference from `bankcalc serve` is the app itself.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, jsonify
from gunicorn.app.base import BaseApplication

from bankcalc.serve import gunicorn_options

if TYPE_CHECKING:
    from gunicorn._types import _WSGIAppType


def create_bare_app() -> Flask:
    app = Flask("bare")

    @app.get("/hello")
    def hello() -> Response:
        return jsonify(message="hello", status="ok")

    return app


class BareGunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> _WSGIAppType:
        app: _WSGIAppType = create_bare_app()  # type: ignore[assignment]  # Flask is WSGI
        return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1:8001")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    options = gunicorn_options(args.bind, args.workers) | {"proc_name": "bare-flask"}
    BareGunicorn(options).run()


if __name__ == "__main__":
    main()
