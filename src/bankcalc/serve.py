"""Production serving under gunicorn: `bankcalc serve`.

The master process validates the catalog before any worker starts and keeps the last valid
one. Workers are forked from the master, so each one serves the catalog the master holds.
On SIGHUP the master reads the file again: a valid catalog replaces the old one for the new
workers gunicorn then starts; an invalid one is refused with a logged error, and the new
workers go on serving the old catalog. SIGTERM drains requests in flight, then stops.

Workers are gevent workers (bankcalc.serve_worker): slow and idle clients cost a greenlet,
not a worker, chosen by measurement (benchmarks/servers.py, benchmarks/RESULTS.md). Every
log line is escaped (bankcalc.serve_logs).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication

from bankcalc.catalog.loading import CatalogError, catalog_path, load_catalog
from bankcalc.catalog.models import Catalog

if TYPE_CHECKING:
    from gunicorn._types import _WSGIAppType
    from gunicorn.arbiter import Arbiter

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_WORKERS = 2
WORKER_CONNECTIONS = 1000
HEAD_TIMEOUT_S = 5
# Path only, never the query string: the form's query values describe a family's choices.
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
log = logging.getLogger("bankcalc.serve")


class CatalogKeeper:
    """The catalog in service, held by the master and inherited by every forked worker."""

    def __init__(self, path: Path, catalog: Catalog) -> None:
        self.path = path
        self.catalog = catalog

    def reload(self, arbiter: Arbiter) -> None:
        """gunicorn's on_reload hook (SIGHUP), run in the master before new workers fork."""
        logger = arbiter.log if arbiter.log is not None else log
        try:
            self.catalog = load_catalog(self.path)
        except Exception as error:  # an exception here would stop the master and its workers
            reason = (
                error if isinstance(error, CatalogError) else f"{type(error).__name__}: {error}"
            )
            logger.error("catalog refused; the previous one stays in service")
            for line in str(reason).splitlines():  # one log record per line, each escaped
                logger.error("catalog refused: %s", line)
            return
        logger.info(
            "catalog reloaded from %s: %d plans, as of %s",
            self.path,
            len(self.catalog.plans),
            self.catalog.as_of.isoformat(),
        )


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any], keeper: CatalogKeeper) -> None:
        self.options = options
        self.keeper = keeper
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("on_reload", self.keeper.reload)

    def load(self) -> _WSGIAppType:
        from bankcalc.web import create_app

        config = {"PLANS": str(self.keeper.path), "CATALOG": self.keeper.catalog}
        app: _WSGIAppType = create_app(config)  # type: ignore[assignment]  # Flask is WSGI
        return app


def gunicorn_options(bind: str | None = None, workers: int | None = None) -> dict[str, Any]:
    """Settings from flags, else BANKCALC_BIND / BANKCALC_WORKERS, else 127.0.0.1:8000 x 2."""
    return {
        "bind": bind or os.environ.get("BANKCALC_BIND", DEFAULT_BIND),
        "workers": workers or int(os.environ.get("BANKCALC_WORKERS", DEFAULT_WORKERS)),
        "worker_class": "bankcalc.serve_worker.Worker",
        # Per worker: connections held at once (slow and idle ones included; more wait in
        # the listen backlog), and the seconds a client has to send a request head, first
        # or next on a kept-alive connection, before it is closed.
        "worker_connections": WORKER_CONNECTIONS,
        "keepalive": HEAD_TIMEOUT_S,
        "logger_class": "bankcalc.serve_logs.SafeLogger",
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "graceful_timeout": 10,
        "timeout": 30,
        "limit_request_line": 8190,
        "limit_request_fields": 50,
        "limit_request_field_size": 8190,
        "proc_name": "bankcalc",
        "control_socket_disable": True,  # several instances may share a host
    }


def serve(bind: str | None = None, workers: int | None = None, plans: str | None = None) -> int:
    """Run gunicorn in the foreground until SIGTERM or SIGINT. Raises CatalogError first if
    the catalog is invalid, so a bad file never starts a server."""
    path = catalog_path(plans)
    keeper = CatalogKeeper(path, load_catalog(path))
    _Gunicorn(gunicorn_options(bind, workers), keeper).run()
    return 0
