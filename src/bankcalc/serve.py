"""Production serving under gunicorn: `bankcalc serve`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication

if TYPE_CHECKING:
    from gunicorn._types import _WSGIAppType

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_WORKERS = 2
# Path only, never the query string: query values can identify a family's choices.
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> _WSGIAppType:
        from bankcalc.web import create_app

        app: _WSGIAppType = create_app()  # type: ignore[assignment]  # Flask is a WSGI app
        return app


def serve(bind: str | None = None, workers: int | None = None, plans: str | None = None) -> int:
    """Run gunicorn in the foreground until SIGTERM or SIGINT (graceful shutdown)."""
    if plans:
        os.environ["BANKCALC_PLANS"] = plans
    options = {
        "bind": bind or os.environ.get("BANKCALC_BIND", DEFAULT_BIND),
        "workers": workers or int(os.environ.get("BANKCALC_WORKERS", DEFAULT_WORKERS)),
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "graceful_timeout": 10,
        "timeout": 30,
        "limit_request_line": 4094,
        "proc_name": "bankcalc",
    }
    _Gunicorn(options).run()
    return 0
