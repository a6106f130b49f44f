"""Load and fault tests against a real `bankcalc serve` (2 sync workers) on 127.0.0.1.

    .venv/bin/python benchmarks/load_faults.py [--duration 60] [--slow-seconds 40]

(a) sustained load at the measured maximum on POST /api/v1/quotes: errors, worker memory;
(b) abuse (oversized, nested, huge numbers, NaN, unicode ids, 10,000-element batches, slow
    clients) while a probe keeps sending normal quotes and timing them;
(c) SIGKILL to one worker mid-load: failed requests, restart, recovery.
Bounded in time (about 3 minutes with the defaults); stops the server even on error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchlib import (
    HOST,
    QUOTE_20,
    Answer,
    LoadResult,
    Probe,
    Server,
    SlowClient,
    Target,
    bankcalc_server,
    describe,
    finish_wrk,
    have_wrk,
    load_average,
    memory_mib,
    request,
    run_load,
    running,
    table,
    wrk_process,
)

QUOTES = Target("POST /api/v1/quotes 20y", "/api/v1/quotes", "POST", QUOTE_20)
PROBE_CONNECTIONS = (2, 4, 8, 16, 32)
WORKER_TIMEOUT_S = 30  # bankcalc.serve.gunicorn_options "timeout"


@dataclass
class Check:
    """One line of the summary: what was expected, what happened, and whether it passes."""

    name: str
    expected: str
    observed: str
    ok: bool


SUMMARY: list[Check] = []


def check(name: str, expected: str, observed: str, ok: bool) -> None:
    SUMMARY.append(Check(name, expected, observed, ok))
    print(f"  [{'ok' if ok else 'FAIL'}] {name}: {observed}")


# ---- (a) sustained load -----------------------------------------------------------------------


def find_maximum(server: Server, seconds: float) -> tuple[int, float]:
    """Short runs at increasing concurrency; the one with the most requests/s wins."""
    best = (PROBE_CONNECTIONS[0], 0.0)
    for connections in PROBE_CONNECTIONS:
        result = run_load(server.port, QUOTES, seconds, connections)
        print(
            f"  {connections:>3} connections: {result.rps:7.0f} req/s, p99 {result.p99_ms:.1f} ms"
        )
        if result.rps > best[1]:
            best = (connections, result.rps)
    return best


def sample_memory(server: Server, seconds: float, every_s: float) -> dict[int, list[float]]:
    samples: dict[int, list[float]] = {}
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for pid in server.workers():
            rss, _ = memory_mib(pid)
            if rss is not None:
                samples.setdefault(pid, []).append(rss)
        time.sleep(min(every_s, max(0.0, deadline - time.perf_counter())))
    return samples


def sustained(server: Server, duration: float, connections: int) -> LoadResult:
    workers_before = server.workers()
    with wrk_process(server.port, QUOTES, duration, connections) as process:
        samples = sample_memory(server, duration - 1, every_s=5)
        result = finish_wrk(process, duration)
    print(f"  {result.rps:.0f} req/s for {result.seconds:.0f} s, {result.requests:,} requests,")
    print(f"  p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, max {result.max_ms:.0f} ms")
    errors = f"{result.status_errors} http, socket {result.socket_errors}"
    check("sustained: errors", "0", errors, result.errors == 0)
    for pid, series in samples.items():
        first, last, peak = series[0], series[-1], max(series)
        flat = last - first < 5 and peak - first < 8
        observed = f"first {first:.1f}, last {last:.1f}, max {peak:.1f} MiB ({len(series)} samples)"
        check(f"sustained: RSS worker {pid}", "flat (< 5 MiB growth)", observed, flat)
    same = server.workers() == workers_before
    check("sustained: no worker restarted", "same pids", str(server.workers()), same)
    return result


# ---- (b) abuse ----------------------------------------------------------------------------------


def raw_post(port: int, path: str, body: bytes, content_type: str = "application/json") -> Answer:
    return request(port, "POST", path, body, {"Content-Type": content_type}, timeout_s=10)


ESSENTIAL = '{"plan": "americord-essential", '
BAD_BODIES = {  # name -> (expected statuses, body for POST /api/v1/quotes)
    "horizon 1e999999": ({400, 422}, ESSENTIAL + '"horizon": 1e999999}'),
    "escalation 1e999999": ({400, 422}, ESSENTIAL + '"escalation": 1e999999}'),
    "10,000-digit integer": ({400, 422}, ESSENTIAL + '"children": ' + "9" * 10_000 + "}"),
    "horizon NaN": ({400}, ESSENTIAL + '"horizon": NaN}'),
    "discount -Infinity": ({400}, ESSENTIAL + '"discount": -Infinity}'),
    "unicode plan id in body": ({404, 422}, '{"plan": "am\\u00e9ricord-\\u2603"}'),
    "truncated JSON": ({400}, '{"plan": "americord-ess'),
}
UNICODE_PATHS = {  # name -> (expected statuses, path for GET)
    "unicode plan id in path": ({404, 422}, "/api/v1/plans/am%C3%A9ricord-%E2%98%83"),
    "unicode plan in the form": ({422}, "/?plan=%E2%98%83&horizon=20"),
}
Case = tuple[str, set[int], Callable[[], Answer]]


def abuse_cases(port: int) -> list[Case]:
    quotes, batches = QUOTES.path, "/api/v1/batches"
    big = json.dumps(QUOTE_20 | {"padding": "x" * 70_000}).encode()
    depth = 30_000  # 60 KB of brackets, inside the 64 KiB limit
    nested = b'{"plan": ' + b"[" * depth + b"]" * depth + b"}"
    full_batch = json.dumps({"scenarios": [QUOTE_20] * 10_000}).encode()
    tiny_batch = json.dumps({"scenarios": [{}] * 10_000}).encode()

    def post(
        path: str, data: bytes, content_type: str = "application/json"
    ) -> Callable[[], Answer]:
        return lambda: raw_post(port, path, data, content_type)

    def get(path: str) -> Callable[[], Answer]:
        return lambda: request(port, "GET", path)

    cases: list[Case] = [
        ("oversized body (70 KB)", {413}, post(quotes, big)),
        ("nested JSON, depth 30,000", {400}, post(quotes, nested)),
        ("10,000 full scenarios (630 KB)", {413, 422}, post(batches, full_batch)),
        ("10,000 empty scenarios (30 KB)", {413, 422}, post(batches, tiny_batch)),
        ("text/plain body", {415}, post(quotes, b"plan=x", "text/plain")),
    ]
    cases += [(n, codes, post(quotes, text.encode())) for n, (codes, text) in BAD_BODIES.items()]
    cases += [(n, codes, get(path)) for n, (codes, path) in UNICODE_PATHS.items()]
    return cases


def abuse(server: Server, rounds: int = 5) -> None:
    """Every abuse case `rounds` times, 0.1 s apart, while normal quotes go on at 20/s."""
    cases = abuse_cases(server.port)
    answers: dict[str, list[Answer]] = {name: [] for name, _, _ in cases}
    with Probe(server.port, rate_per_s=20).running() as probe:
        time.sleep(2)
        start = probe.now()
        for _ in range(rounds):
            for name, _, send in cases:
                answers[name].append(send())
                time.sleep(0.1)
        during = probe.window(start, probe.now())
        time.sleep(1)
    for name, expected, _ in cases:
        report_abuse(name, expected, answers[name])
    print("  normal quotes before the abuse:", describe(probe.window(0, start)))
    print("  normal quotes during the abuse:", describe(during))
    failed = sum(a.status != 200 for a in during)
    ok = failed == 0 and bool(during)
    check("abuse: normal quotes alongside", "all 200", describe(during), ok)


def report_abuse(name: str, expected: set[int], answers: list[Answer]) -> None:
    seen = sorted({str(a.status) if a.status is not None else a.error for a in answers})
    slowest = max(a.seconds for a in answers)
    ok = all(a.status in expected for a in answers) and slowest < 1.0
    codes = "/".join(map(str, sorted(expected)))
    observed = f"{'/'.join(seen)} x{len(answers)}, slowest {slowest * 1000:.0f} ms"
    check(f"abuse: {name}", f"{codes} in < 1 s", observed, ok)


# ---- (b) slow clients ------------------------------------------------------------------------


def slow_clients(server: Server, seconds: float) -> None:
    workers_before = server.workers()
    clients = [
        SlowClient(server.port, "trickle", seconds),
        SlowClient(server.port, "idle", seconds),
    ]
    with Probe(server.port, rate_per_s=4).running() as probe:
        time.sleep(3)
        start = probe.now()
        threads = [threading.Thread(target=c.run) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(seconds + 5)
        end = probe.now()
        time.sleep(5)
    report_slow(server, probe, clients, (start, end), workers_before)


def report_slow(
    server: Server,
    probe: Probe,
    clients: list[SlowClient],
    window: tuple[float, float],
    workers_before: list[int],
) -> None:
    start, end = window
    for client in clients:
        closed = "never" if client.closed_after_s is None else f"{client.closed_after_s:.1f} s"
        sent = f"sent {client.sent_bytes} bytes"
        print(f"  slow client ({client.kind}): {sent}, closed by the server after {closed}")
    stalled = probe.window(start, start + WORKER_TIMEOUT_S - 2)
    print("  normal quotes before:", describe(probe.window(0, start)))
    print(f"  normal quotes sent in the first {WORKER_TIMEOUT_S - 2} s:", describe(stalled))
    after = probe.window(end, probe.now())
    print("  normal quotes sent after the slow clients were cut:", describe(after))
    worst = max((a.seconds for a in stalled), default=0.0)
    recovered = [a for a in after if a.status == 200]
    closed = [c.closed_after_s for c in clients if c.closed_after_s is not None]
    cut = len(closed) == len(clients)
    cut_text = ", ".join(f"{t:.1f} s" for t in closed) or "not closed"
    check("slow clients: cut by the worker timeout", f"~{WORKER_TIMEOUT_S} s", cut_text, cut)
    stall = f"worst {worst:.1f} s; {describe(stalled)}"
    check(
        "slow clients: normal quotes meanwhile", "< 1 s (needs a buffering proxy)", stall, worst < 1
    )
    workers = f"{len(recovered)} ok after; workers {workers_before} -> {server.workers()}"
    check("slow clients: recovery", "quotes answered again", workers, bool(recovered))


def lingering_client(server: Server) -> None:
    """Reads its answer but never closes: gunicorn's graceful close waits up to 2 s for it."""
    with socket.create_connection((HOST, server.port), timeout=5) as sock:
        body = json.dumps(QUOTE_20).encode()
        head = f"POST /api/v1/quotes HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        sock.sendall(head.encode() + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        started = time.perf_counter()
        sock.recv(65536)
        with Probe(server.port, rate_per_s=50).running() as probe:
            time.sleep(2.5)
        held = time.perf_counter() - started
    answers = [answer for _, answer in probe.records]
    print(f"  lingering client held its socket {held:.1f} s; normal quotes:", describe(answers))
    slowest = max((a.seconds for a in answers), default=0.0)
    observed = f"slowest normal quote {slowest * 1000:.0f} ms"
    check("lingering client (reads, never closes)", "< 1 s for others", observed, slowest < 1)


# ---- (c) kill a worker --------------------------------------------------------------------------


def kill_worker(server: Server, connections: int, duration: float = 12) -> None:
    before = server.workers()
    victim = before[0]
    with wrk_process(server.port, QUOTES, duration, connections) as process:
        time.sleep(duration / 3)
        os.kill(victim, signal.SIGKILL)
        replaced_after = wait_for_replacement(server, victim, len(before))
        result = finish_wrk(process, duration)
    after = server.workers()
    failed = result.errors
    print(f"  killed worker {victim}; workers {before} -> {after} in {replaced_after:.2f} s")
    print(f"  during: {result.rps:.0f} req/s, {result.requests:,} requests,")
    print(f"  p99 {result.p99_ms:.1f} ms, max {result.max_ms:.0f} ms")
    print(f"  failed: {result.status_errors} http, socket {result.socket_errors}")
    recovery = run_load(server.port, QUOTES, 3, connections)
    print(f"  3 s after: {recovery.rps:.0f} req/s, errors {recovery.errors}")
    check("kill -9 worker: failed requests", "<= 1 (the one in flight)", str(failed), failed <= 1)
    restarted = victim not in after and len(after) == len(before)
    check(
        "kill -9 worker: master restarts it",
        "new pid",
        f"{after} in {replaced_after:.2f} s",
        restarted,
    )
    observed = f"{recovery.rps:.0f} req/s, {recovery.errors} errors"
    ok = recovery.errors == 0 and recovery.rps > 0
    check("kill -9 worker: traffic recovers", "0 errors after", observed, ok)


def wait_for_replacement(server: Server, victim: int, count: int, limit_s: float = 10) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        workers = server.workers()
        if victim not in workers and len(workers) == count:
            return time.perf_counter() - started
        time.sleep(0.01)
    return float("inf")


# ---- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="sustained load, seconds")
    parser.add_argument("--probe-seconds", type=float, default=3, help="per concurrency level")
    parser.add_argument("--slow-seconds", type=float, default=40, help="slow clients, seconds")
    parser.add_argument("--log-dir", type=Path, help="keep the server's log in this directory")
    args = parser.parse_args()
    if not have_wrk():
        raise SystemExit("load_faults.py needs wrk: apt-get install -y wrk")
    print(f"bankcalc load and faults, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"load average at start: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="bankcalc-faults-") as workdir:
        server = bankcalc_server(args.log_dir or Path(workdir))
        with running([server]):
            run_phases(server, args)
    print(f"server log: {server.log_path if args.log_dir else '(temporary, removed)'}")
    print(f"load average at end: {load_average()}")
    print("\nsummary")
    rows = [[c.name, c.expected, c.observed, "ok" if c.ok else "FAIL"] for c in SUMMARY]
    print(table(["check", "expected", "observed", "result"], rows))


def run_phases(server: Server, args: argparse.Namespace) -> None:
    print("\n(a) maximum, then sustained load on POST /api/v1/quotes (20 years)")
    connections, best = find_maximum(server, args.probe_seconds)
    print(f"  maximum: {best:.0f} req/s at {connections} connections")
    print(f"  sustaining {args.duration:g} s at {connections} connections")
    sustained(server, args.duration, connections)
    alive(server)
    print("\n(b) abuse, 5 rounds, with normal quotes at 20/s alongside")
    abuse(server)
    alive(server)
    print(f"\n(b) slow clients for up to {args.slow_seconds:g} s, normal quotes at 4/s alongside")
    slow_clients(server, args.slow_seconds)
    lingering_client(server)
    alive(server)
    print("\n(c) SIGKILL one worker mid-load")
    kill_worker(server, connections)
    alive(server)


def alive(server: Server) -> None:
    """Stop at once, with the server's last words, if the master has died."""
    if server.process is None or server.process.poll() is not None:
        raise SystemExit(f"the bankcalc master is gone; its log ends:\n{server.log_tail()}")


if __name__ == "__main__":
    main()
