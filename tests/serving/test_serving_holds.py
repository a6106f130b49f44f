"""The real server holds: slow and idle clients do not stall others, no client can write a
line into the log, and answers gunicorn writes itself carry the app's security headers."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator

from bankcalc.web.headers import server_error_headers
from live_server import Served, wait_until

FORGED = "[2026-11-26 16:00:00 +0000] [1] [CRITICAL] forged"


def raw_exchange(served: Served, data: bytes, seconds: float = 10) -> bytes:
    """Send bytes on a fresh connection, read until the server closes it."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=seconds) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def head_of(answer: bytes) -> tuple[int, dict[str, str]]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), {name.lower(): value for name, value in fields.items()}


@contextlib.contextmanager
def slow_clients(served: Served, count: int) -> Iterator[list[socket.socket]]:
    """Half trickle a request head a byte every 0.5 s, half connect and send nothing."""
    sockets = [socket.create_connection(("127.0.0.1", served.port)) for _ in range(count)]
    stop = threading.Event()
    head = b"POST /api/v1/quotes HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000

    def trickle(sock: socket.socket) -> None:
        for byte in head:
            if stop.wait(0.5):
                return
            try:
                sock.send(bytes([byte]))
            except OSError:
                return

    threads = [threading.Thread(target=trickle, args=(s,)) for s in sockets[::2]]
    for thread in threads:
        thread.start()
    try:
        yield sockets
    finally:
        stop.set()
        for thread in threads:
            thread.join(5)
        for sock in sockets:
            sock.close()


def quote(served: Served, timeout: float) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=timeout)
    try:
        body = json.dumps({"plan": "alpha", "horizon": "20 years"})
        connection.request("POST", "/api/v1/quotes", body, {"Content-Type": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


def test_slow_and_idle_clients_do_not_stall_a_normal_quote(served: Served) -> None:
    # Before issue 15, two such clients held both sync workers for 30 s.
    with slow_clients(served, 20) as sockets:
        time.sleep(1.5)  # every slow client connected and, for half, sending
        assert quote(served, timeout=5) == 200  # answered within 5 s
        idle = sockets[1]
        idle.settimeout(15)
        assert idle.recv(1) == b""  # the server closed the idle connection within 15 s


def test_a_forged_log_line_stays_inside_the_access_line(served: Served) -> None:
    path = "/x%0a" + FORGED.replace(" ", "%20")
    answer = raw_exchange(
        served, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
    )
    assert head_of(answer)[0] == 404
    wait_until(lambda: "forged" in served.log_text())
    lines = served.log_text().splitlines()
    assert not [line for line in lines if line.startswith(FORGED)]
    assert [line for line in lines if f'"GET /x\\n{FORGED}" 404' in line]


def test_the_servers_own_error_answers_carry_the_security_headers(served: Served) -> None:
    bad = {
        400: b"NOT AN HTTP REQUEST\r\n\r\n",
        414: b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        431: b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 60 + b"\r\n",
    }
    for status, request in bad.items():
        answer = raw_exchange(served, request)
        got, headers = head_of(answer)
        assert got == status, answer[:200]
        for name, value in server_error_headers().items():
            assert headers.get(name.lower()) == value, (status, name)
        assert b"NOT AN HTTP" not in answer  # nothing of the request is echoed


def test_the_server_error_headers_are_the_apps(served: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    connection.request("GET", "/healthz")
    response = connection.getresponse()
    app_headers = {name.lower(): value for name, value in response.getheaders()}
    connection.close()
    for name, value in server_error_headers().items():
        if name != "Cache-Control":  # an app answer may be cacheable; an error never is
            assert app_headers[name.lower()] == value, name


def test_a_kept_alive_connection_is_closed_after_100_requests(served: Served) -> None:
    # so that a client rebalances to whichever worker is free (bankcalc.serve_worker)
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    try:
        for number in range(1, 101):
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            expected = "close" if number == 100 else "keep-alive"
            assert response.headers["Connection"] == expected, number
    finally:
        connection.close()
