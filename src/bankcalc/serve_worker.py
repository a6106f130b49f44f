"""The gunicorn worker `bankcalc serve` runs: gevent, fair between connections, and answering
its own errors with the app's security headers.

Why gevent (benchmarks/RESULTS.md, "Serving stack"): a sync worker reads a request with no
timeout, so two clients trickling their headers held both workers for gunicorn's 30 s timeout.
A gevent worker serves each connection in a greenlet: a slow or idle client costs a greenlet,
not the worker, and gunicorn cuts one that has not sent its request head within `keepalive`
seconds. Two changes to gunicorn's GeventWorker:

- Fairness: a greenlet whose client has already sent its next request on a kept-alive
  connection never yields (the socket is readable, so nothing blocks), and starves the other
  connections of its worker: p99 near 1 s at 16 connections. Yielding once after each request,
  until the loop is idle, brings it back to what sync workers give.
- Balance: a kept-alive connection stays with the worker that accepted it, so when one worker
  happened to accept most connections (say, while the other was off the CPU) it did all the
  work. Every 100th request on a connection is answered with "Connection: close"; the client
  reconnects, and the worker that is free to accept takes it.
- Error answers: gunicorn writes its own 400, 414, 431 and (on a worker timeout) 500 with
  `gunicorn.util.write_error`, which sends none of the headers the app sets; this worker
  replaces it, in its own process, with one that sends them and echoes nothing of the request.
"""

from __future__ import annotations

import socket
from typing import Any

import gevent
from gunicorn import util
from gunicorn.workers.base_async import AsyncWorker
from gunicorn.workers.ggevent import GeventWorker

IO_TIMEOUT_S = 10.0  # a body that stalls this long, or an answer nobody reads, is given up
MAX_REQUESTS_PER_CONNECTION = 100


def error_answer(status: int, reason: str) -> bytes:
    """A complete HTTP/1.1 error response with the app's security headers, closing."""
    from bankcalc.web.headers import server_error_headers  # Flask, in the worker only

    body = f"{status} {reason}\n".encode()
    lines = [f"HTTP/1.1 {status} {reason}", "Connection: close"]
    lines += ["Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in server_error_headers().items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def write_error(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn.util.write_error's signature; `mesg` (request text) is deliberately not sent."""
    util.write_nonblock(sock, error_answer(status_int, reason))


class Worker(GeventWorker):
    """gunicorn's gevent worker, fair between connections, its own errors with our headers."""

    def init_process(self) -> None:
        util.write_error = write_error  # this worker process only; see the module docstring
        super().init_process()

    def handle(self, listener: Any, client: socket.socket, addr: Any) -> None:
        # GeventWorker.handle only makes the socket blocking without a timeout; with one, a
        # body that stalls raises TimeoutError (the app answers 408) instead of holding a
        # greenlet for as long as the client likes. The request head has its own deadline,
        # `keepalive` seconds, set by gunicorn around reading it.
        client.setblocking(True)
        client.settimeout(IO_TIMEOUT_S)
        AsyncWorker.handle(self, listener, client, addr)

    def handle_request(self, listener_name: Any, req: Any, sock: Any, addr: Any) -> Any:
        if req.req_number >= MAX_REQUESTS_PER_CONNECTION:
            req.must_close = True  # answered with "Connection: close"; see the module docstring
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            # Let this worker's other connections have their turn. idle(), not sleep(0): it
            # waits until the loop has polled the sockets, so a greenlet waiting to write its
            # answer is not passed over again and again (pages' p99 ~800 ms with sleep(0)).
            gevent.idle()
