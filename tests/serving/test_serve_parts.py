"""The serving parts on their own: the escaping log formatter, the app's loggers routed through
it, the worker's own error answers (the timeout 500 included), and a stalled body's 408."""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from gunicorn import util
from gunicorn.config import Config
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from werkzeug.test import EnvironBuilder, run_wsgi_app

from bankcalc import serve_worker
from bankcalc.serve_logs import EscapingFormatter, SafeLogger, escape_controls
from bankcalc.web import create_app
from bankcalc.web.headers import server_error_headers
from builders import catalog_data, dump_catalog, plan_data

FORGED = "[2026-11-26 16:00:00 +0000] [1] [CRITICAL] forged"


def test_escape_controls_keeps_a_message_on_one_line() -> None:
    text = "a\nb\rc\td\x1b[31me\x00f\x7fg\x85h\u2028i"
    assert escape_controls(text) == "a\\nb\\rc\\td\\x1b[31me\\x00f\\x7fg\\x85h\\u2028i"
    assert escape_controls("café ✓ 20 años") == "café ✓ 20 años"  # printable text untouched


def test_a_traceback_keeps_its_lines_but_none_can_pass_for_a_record() -> None:
    formatter = EscapingFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    try:
        raise ValueError("bad path\n" + FORGED)
    except ValueError:
        record = logging.LogRecord(
            "bankcalc", logging.ERROR, __file__, 1, "error on %s", ("/x\n" + FORGED,),
            sys.exc_info(),
        )  # fmt: skip
    lines = formatter.format(record).splitlines()
    assert lines[0] == f"[ERROR] error on /x\\n{FORGED}"
    assert all(line.startswith("    ") for line in lines[1:])  # none starts like a record
    assert lines[-2:] == ["    ValueError: bad path", f"    {FORGED}"]


@contextlib.contextmanager
def safe_logger() -> Iterator[SafeLogger]:
    """gunicorn's logger as `bankcalc serve` sets it up, writing to the stderr of this moment
    (made inside the test, so pytest's capture of the test's own phase receives it)."""
    try:
        yield SafeLogger(Config())
    finally:
        logging.getLogger("bankcalc").handlers = []


def test_the_apps_loggers_write_through_the_escaping_error_log(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with safe_logger():
        log = logging.getLogger("bankcalc.web.errors")
        log.error("unexpected error on GET %s", "/x\n" + FORGED)
    err = capsys.readouterr().err
    assert f"[ERROR] unexpected error on GET /x\\n{FORGED}" in err
    assert not [line for line in err.splitlines() if line.startswith(FORGED)]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (LimitRequestLine(9000, 8190), 414),
        (LimitRequestHeaders("too many headers"), 431),
        (SystemExit(1), 500),  # what a worker timeout's SIGABRT raises mid-request
    ],
)
def test_the_workers_own_error_answers_carry_the_security_headers(
    error: BaseException, status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(util, "write_error", serve_worker.write_error)  # as its init_process
    worker = serve_worker.Worker.__new__(serve_worker.Worker)  # handle_error needs log and cfg
    ours, theirs = socket.socketpair()
    with safe_logger() as log, ours, theirs:
        worker.log, worker.cfg = log, Config()
        worker.handle_error(None, ours, ("127.0.0.1", 1), error)
        answer = theirs.recv(65536).decode("latin-1")
    assert answer.startswith(f"HTTP/1.1 {status} ")
    for name, value in server_error_headers().items():
        assert f"\r\n{name}: {value}\r\n" in answer


def test_a_body_that_stalls_is_answered_408(tmp_path: Path) -> None:
    path = tmp_path / "plans.yaml"
    path.write_text(dump_catalog(catalog_data([plan_data("alpha")])), encoding="utf-8")
    app = create_app({"PLANS": str(path)})

    class Stalled:  # a socket read past bankcalc.serve_worker's IO_TIMEOUT_S
        def read(self, *args: object) -> bytes:
            raise TimeoutError("timed out")

        readline = readinto = read

    environ = EnvironBuilder(method="POST", path="/api/v1/quotes").get_environ()
    environ |= {"CONTENT_TYPE": "application/json", "CONTENT_LENGTH": "40"}
    environ["wsgi.input"] = Stalled()
    body, status, headers = run_wsgi_app(app, environ)
    assert status.startswith("408 ")
    assert headers["Content-Type"] == "application/problem+json"
    assert b"did not arrive in time" in b"".join(body)
